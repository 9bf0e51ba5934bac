"""Acceptance: the seed-shaped region, inspected with the seed's sample, gives the seed's figures.

Served on loopback (267 sites on 127.0.2.x/127.0.3.x, the accounts' bridge on 127.0.4.1); a real
`scrapy crawl inspect` and `scrapy crawl accounts` with -a sample/-a seed, then `scrapy report`.
The assertions read the report's text, not the region.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from crawler.demo import seed_accounts, seed_region
from crawler.demo.world import ASOF
from tests.conftest import FAST, query, run_scrapy


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    db = out / "seed.db"
    with seed_region.SeedRegion() as sites, seed_accounts.SeedAccounts() as accounts:
        site_reg = sites.write_registry(out / "sites.csv")
        acc_reg = accounts.write_registry(out / "accounts.csv")
        crawl = run_scrapy("crawl", "inspect", "-a", f"sites={site_reg}", "-a", f"asof={ASOF}",
                           "-a", f"sample={seed_region.SAMPLE}", "-a", f"seed={seed_region.SEED}",
                           "-s", f"INSPECT_DB={db}", *FAST, timeout=600)
        assert crawl.returncode == 0, crawl.stderr[-3000:]
        crawl = run_scrapy("crawl", "accounts", "-a", f"accounts={acc_reg}", "-a", f"asof={ASOF}",
                           "-a", f"sample={seed_accounts.SAMPLE}", "-a", f"seed={seed_accounts.SEED}",
                           "-s", f"INSPECT_DB={db}", *FAST, timeout=600)
        assert crawl.returncode == 0, crawl.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def report(seed_db):
    out = seed_db.with_name("report.md")
    result = run_scrapy("report", "-d", str(seed_db), "-o", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out.read_text(encoding="utf-8")


def test_site_figures_equal_the_seed(report):
    assert "对全区在线运行的267个政府网站随机抽查了120个，抽查比例为44.94%，本次抽查合格网站53个，合格率为44.17%" in report
    paragraph = next(line for line in report.splitlines() if line.startswith("（一）政府网站抽查情况"))
    parts = paragraph.split("其中，", 1)[1].split("。", 1)[0].split("；")
    regions = [re.fullmatch(r"(.+?)(?:政府)?网站(\d+)个，合格(\d+)个，合格率([\d.]+%)", part).groups() for part in parts]
    assert regions == [
        ("自治区部门", "34", "17", "50%"), ("拉萨市", "27", "21", "77.78%"), ("日喀则市", "5", "4", "80%"),
        ("山南市", "15", "2", "13.33%"), ("林芝市", "15", "3", "20%"), ("昌都市", "7", "1", "14.29%"),
        ("那曲市", "1", "0", "0%"), ("阿里地区", "16", "5", "31.25%")]


def test_account_figures_equal_the_seed(report):
    assert "对全区在线运维的1203个政务新媒体随机抽查146个，发现不合格59个" in report
    assert "总体合格率60%" in report
    platforms = re.findall(r"(政务微信公众号|政务微博|抖音短视频|今日头条|其他平台)(\d+)个，不合格(\d+)个，合格率([\d.]+%)", report)
    assert platforms == [("政务微信公众号", "118", "46", "61%"), ("政务微博", "8", "5", "37.5%"),
                         ("抖音短视频", "12", "6", "50%"), ("今日头条", "5", "1", "80%"), ("其他平台", "3", "1", "67%")]


def test_problems_are_named_as_the_seed_names_them(report):
    assert "被评定为单项否决67个" in report
    assert "等62个网站栏目不更新" in report and "等7个网站互动回应差" in report
    assert re.search(r"\[昌都市文化局\]\([^)]+\)1个网站首页不更新", report)
    assert "长期未更新的政务新媒体13个" in report and "半年以上未更新的政务新媒体有5个" in report
    assert "名称变动未报备4个" in report and "搜索不到9个" in report
    assert re.search(r"加查县\[“加查环保”\]\([^)]+\)\[“西藏加查人社”\]", report)


def test_the_draw_is_stored_with_the_runs(seed_db):
    (drawn, total), = query(seed_db, "SELECT drawn, registry_total FROM runs WHERE spider='inspect'")
    assert total == 267 and len(json.loads(drawn)) == 120
    assert set(json.loads(drawn)) == seed_region.drawn_ids(seed_region.slots())


def test_html_report_carries_the_same_figures(seed_db):
    out = seed_db.with_name("report.html")
    assert run_scrapy("report", "-d", str(seed_db), "-o", str(out)).returncode == 0
    text = re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))
    assert "随机抽查了120个，抽查比例为44.94%，本次抽查合格网站53个，合格率为44.17%" in text
    assert "随机抽查146个，发现不合格59个" in text and "政务微博8个，不合格5个，合格率37.5%" in text


def test_canned_queries_run_on_the_crawled_database(seed_db, report):
    # `scrapy report` (the report fixture) wrote the metadata and the title index
    meta = json.loads(seed_db.with_name("seed.datasette.json").read_text(encoding="utf-8"))
    queries = meta["databases"]["seed"]["queries"]
    assert set(queries) == {"sites_failing_rule", "stale_columns_of_site", "messages_unanswered", "accounts_by_bucket"}
    params = {"rule_id": "columns_not_updated", "site_id": "zzq-d00", "bucket": "1y"}
    con = sqlite3.connect(seed_db)
    try:
        rows = {name: con.execute(q["sql"], params).fetchall() for name, q in queries.items()}
        hits = con.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", ("安全生产",)).fetchone()[0]
        like = con.execute("SELECT count(*) FROM items WHERE title LIKE '%安全生产%'").fetchone()[0]
    finally:
        con.close()
    assert len(rows["sites_failing_rule"]) == 62
    assert len(rows["accounts_by_bucket"]) == 13
    assert len(rows["messages_unanswered"]) >= 7  # one open message on each 互动回应差 site
    assert rows["stale_columns_of_site"] and hits == like > 0
