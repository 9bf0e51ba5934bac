"""The account registry and the hand-check file: validated like the site registry, errors name file and row."""

import pytest

from crawler.registry import RegistryError, load_accounts
from tests.conftest import run_scrapy

HEADER = "account_id,platform,name,owner,region,url\n"
GOOD = "wb1,weibo,拉萨发布,拉萨市政府办,拉萨市,https://m.weibo.cn/u/1000001\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_reads_utf8_bom_and_gb18030(tmp_path, encoding):
    path = tmp_path / "accounts.csv"
    path.write_bytes((HEADER + GOOD + "wx1,WeChat,西藏发布,办公厅,自治区,\n").encode(encoding))
    accounts = load_accounts(path)
    assert [(a.account_id, a.platform, a.name, a.url) for a in accounts] == [
        ("wb1", "weibo", "拉萨发布", "https://m.weibo.cn/u/1000001"), ("wx1", "wechat", "西藏发布", "")]


def test_optional_columns_are_kept(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER.strip() + ",adapter,platform_id,reported_names\n"
                    + GOOD.strip() + ",feed,1000001,拉萨发布平台;拉萨 发布\n", encoding="utf-8")
    (account,) = load_accounts(path)
    assert account.extra == {"adapter": "feed", "platform_id": "1000001", "reported_names": "拉萨发布平台;拉萨 发布"}


def test_a_plugin_platform_is_accepted_when_named():
    from crawler.platforms import known_platforms

    class Kuaishou:
        platforms, default_for = ("kuaishou",), ()

    assert known_platforms({"kuaishou": Kuaishou})[-1] == "kuaishou"


BAD = [
    ("missing column", "account_id,platform,name,owner,region\nwb1,weibo,甲,乙,丙\n", "row 1 (header): missing column(s) url"),
    ("duplicate id", HEADER + GOOD + GOOD, "row 3: duplicate account_id 'wb1' (first on row 2)"),
    ("unknown platform", HEADER + GOOD + "k1,快手,甲,乙,丙,\n", "row 3: unknown platform '快手'"),
    ("bad url", HEADER + "wb2,weibo,甲,乙,丙,m.weibo.cn/u/1\n", "row 2: unparseable URL 'm.weibo.cn/u/1'"),
    ("empty name", HEADER + "wb2,weibo,,乙,丙,\n", "row 2: empty name"),
]


@pytest.mark.parametrize("case,text,message", BAD, ids=[b[0] for b in BAD])
def test_bad_registry_names_the_row(tmp_path, case, text, message):
    path = tmp_path / "accounts.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_accounts(path)
    assert str(path) in str(err.value) and message in str(err.value)


CHECKS_HEADER = "platform,account_id,registered_name,observed_name,latest_post_date,status,checked_by,checked_at\n"
BAD_CHECKS = [
    ("unknown account", CHECKS_HEADER + "weibo,nope,甲,甲,2023-02-01,found,扎西,2023-02-09\n",
     "row 2: account_id 'nope' is not in the account registry"),
    ("wrong platform", CHECKS_HEADER + "douyin,wb1,甲,甲,2023-02-01,found,扎西,2023-02-09\n",
     "row 2: platform 'douyin' but the registry says 'weibo'"),
    ("bad status", CHECKS_HEADER + "weibo,wb1,甲,甲,2023-02-01,搜索不到,扎西,2023-02-09\n", "row 2: status '搜索不到'"),
    ("bad date", CHECKS_HEADER + "weibo,wb1,甲,甲,2023/13/01,found,扎西,2023-02-09\n",
     "row 2: latest_post_date '2023/13/01' is not a date"),
    ("post after check", CHECKS_HEADER + "weibo,wb1,甲,甲,2023-02-10,found,扎西,2023-02-09\n",
     "row 2: latest_post_date 2023-02-10 is after checked_at 2023-02-09"),
    ("no checker", CHECKS_HEADER + "weibo,wb1,甲,甲,2023-02-01,found,,2023-02-09\n", "row 2: empty checked_by"),
    ("missing column", "platform,account_id,status\nweibo,wb1,found\n", "row 1 (header): missing column(s) registered_name"),
]


@pytest.mark.parametrize("case,text,message", BAD_CHECKS, ids=[b[0] for b in BAD_CHECKS])
def test_bad_hand_checks_stop_the_crawl_before_anything_is_written(tmp_path, case, text, message):
    registry, checks, db = tmp_path / "accounts.csv", tmp_path / "checks.csv", tmp_path / "out.db"
    registry.write_text(HEADER + GOOD, encoding="utf-8")
    checks.write_text(text, encoding="utf-8")
    result = run_scrapy("crawl", "accounts", "-a", f"accounts={registry}", "-a", "asof=2023-02-09",
                        "-a", f"checks={checks}", "-s", f"INSPECT_DB={db}", timeout=60)
    assert result.returncode == 2, result.stderr[-2000:]
    assert message in result.stderr and str(checks) in result.stderr
    assert not db.exists()


UNKNOWN_ADAPTER = ("unknown adapter", HEADER.strip() + ",adapter\n" + GOOD.strip() + ",rsshub\n",
                   "row 2: unknown adapter 'rsshub'")


@pytest.mark.parametrize("case,text,message", [*BAD[1:3], UNKNOWN_ADAPTER], ids=[b[0] for b in [*BAD[1:3], UNKNOWN_ADAPTER]])
def test_bad_registry_stops_the_crawl(tmp_path, case, text, message):
    registry, db = tmp_path / "accounts.csv", tmp_path / "out.db"
    registry.write_text(text, encoding="utf-8")
    result = run_scrapy("crawl", "accounts", "-a", f"accounts={registry}", "-a", "asof=2023-02-09",
                        "-s", f"INSPECT_DB={db}", timeout=60)
    assert result.returncode == 2 and message in result.stderr
    assert not db.exists()
