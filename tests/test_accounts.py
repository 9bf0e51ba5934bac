"""A real `scrapy crawl accounts` over the loopback demo platforms gives every account its expected verdict."""

from __future__ import annotations

import json
import shutil

import pytest

from crawler.demo.accounts import ACCOUNTS, DemoPlatforms
from crawler.demo.world import ASOF
from tests.conftest import FAST, query, run_scrapy

BY_ID = {a.account_id: a for a in ACCOUNTS}


def crawl_accounts(platforms, registry, db, *more, checks=None, asof=ASOF):
    args = ["crawl", "accounts", "-a", f"accounts={registry}", "-a", f"asof={asof}", "-s", f"INSPECT_DB={db}", *FAST]
    for key, value in platforms.settings.items():
        args += ["-s", f"{key}={value}"]
    if checks:
        args += ["-a", f"checks={checks}"]
    return run_scrapy(*args, *more, timeout=120)


@pytest.fixture(scope="module")
def platforms():
    with DemoPlatforms(first_address=11) as served:
        yield served


@pytest.fixture(scope="module")
def registry(platforms, tmp_path_factory):
    folder = tmp_path_factory.mktemp("accounts")
    return platforms.write_registry(folder / "accounts.csv"), platforms.write_checks(folder / "checks.csv")


@pytest.fixture(scope="module")
def accounts_db(platforms, registry, tmp_path_factory):
    db = tmp_path_factory.mktemp("accounts-db") / "accounts.db"
    result = crawl_accounts(platforms, registry[0], db, checks=registry[1])
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def verdicts(db):
    rows = query(db, "SELECT account_id, status, bucket, qualified, vetoes, name_changed, days_since_post, "
                     "latest_post, observed_name FROM account_verdicts")
    return {r[0]: r[1:] for r in rows}


def findings(db, account_id, severity=None):
    rows = query(db, "SELECT rule_id, severity, detail, evidence_url, evidence FROM findings "
                     "WHERE target='account' AND site_id=?", account_id)
    return [r for r in rows if severity is None or r[1] == severity]


def test_every_account_gets_its_expected_verdict(accounts_db):
    got = verdicts(accounts_db)
    assert set(got) == set(BY_ID)
    for aid, account in BY_ID.items():
        want = account.expected
        status, bucket, qualified, vetoes, name_changed, *_ = got[aid]
        assert (status, bucket) == (want.status, want.bucket), aid
        assert qualified == (None if want.qualified is None else int(want.qualified)), aid
        assert sorted(json.loads(vetoes)) == sorted(want.vetoes), aid
        assert name_changed == int(want.name_changed), aid
        warns = {rule for rule, *_ in findings(accounts_db, aid, "warn")}
        assert warns == set(want.warns), aid


def test_every_status_and_bucket_is_covered_by_the_demo():
    assert {a.expected.status for a in ACCOUNTS} == {"found", "not_found", "unverifiable"}
    assert {a.expected.bucket for a in ACCOUNTS} == {"ok", "2w", "6m", "1y", None}
    assert {a.served.get("kind") for a in ACCOUNTS} >= {"weibo", "rss", "atom", "article", "page", "manual"}


def test_findings_carry_evidence(accounts_db):
    rows = query(accounts_db, "SELECT site_id, rule_id, detail, evidence_url, evidence FROM findings "
                              "WHERE target='account' AND severity IN ('veto', 'warn')")
    assert rows
    for aid, rule, detail, url, evidence in rows:
        assert detail and url, (aid, rule)
        assert json.loads(evidence), (aid, rule)


def test_pinned_post_is_skipped_but_stored(accounts_db):
    # 山南发布 pins a post of today; its latest real post is 20 days old
    assert verdicts(accounts_db)["wb_shannan"][5:7] == (20, "2023-01-20")
    pinned = query(accounts_db, "SELECT date FROM account_posts WHERE account_id='wb_shannan' AND pinned=1")
    assert [d[:10] for d, in pinned] == [ASOF.isoformat()]
    (evidence,), = [(e,) for rule, sev, _, _, e in findings(accounts_db, "wb_shannan") if rule == "account_not_updated"]
    assert len(json.loads(evidence)["pinned_skipped"]) == 1
    # 拉萨发布's pinned post is two years old, and does not make the account stale
    assert verdicts(accounts_db)["wb_lasa"][1] == "ok"


def test_weibo_relative_and_current_dates(accounts_db):
    dates = sorted(d[:10] for d, in query(accounts_db, "SELECT date FROM account_posts WHERE account_id='wb_rkz'"))
    assert dates == ["2023-02-01", "2023-02-08", "2023-02-09"]  # 02-01, 昨天 12:30, 3小时前
    lasa = sorted(d for d, in query(accounts_db, "SELECT date FROM account_posts WHERE account_id='wb_lasa'"))
    assert lasa[-1].startswith("2023-02-09T09:00")  # ctime "+0800" read as China time


def test_cosmetic_name_variants_do_not_fire(accounts_db):
    for aid in ("wb_changdu", "tt_police", "dy_12345", "wb_dangxiong"):
        assert not [f for f in findings(accounts_db, aid) if f[0] == "account_name_changed"], aid


def test_feed_title_decorations_are_stripped(accounts_db):
    names = {aid: v[7] for aid, v in verdicts(accounts_db).items()}
    assert names["wb_duilong"] == "堆龙德庆发布"
    assert names["tt_police"] == "拉萨 市·公安局"
    assert names["wx_dazi"] == "达孜区融媒体中心"


def test_unnamed_wechat_account_is_a_name_change_with_a_note(accounts_db):
    (rule, severity, detail, *_), = findings(accounts_db, "wx_nimu")
    assert (rule, severity) == ("account_name_changed", "veto")
    assert "未命名公众号" in detail and "重置" in detail


def test_not_found_needs_both_lookups_and_unverifiable_is_never_not_found(accounts_db):
    (detail,), = [(d,) for _, _, d, _, _ in findings(accounts_db, "wb_mozhu")]
    assert "查询返回" in detail and "搜索无此用户" in detail
    reasons = dict(query(accounts_db, "SELECT account_id, reason FROM account_observations WHERE status='unverifiable'"))
    assert reasons == {"wb_login": "login_wall", "wb_limited": "rate_limited", "dy_bridge_down": "http_5xx",
                       "wx_deleted": "article_deleted", "wx_captcha": "captcha"}


def test_hand_check_is_recorded_with_who_and_when(accounts_db):
    row, = query(accounts_db, "SELECT adapter, checked_by, checked_at, status FROM account_observations "
                              "WHERE account_id='dy_gongga'")
    assert row == ("manual", "扎西", ASOF.isoformat(), "found")


def test_rescore_with_new_asof_and_switches(accounts_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(accounts_db, db)
    result = run_scrapy("rescore", "-d", str(db), "-a", "asof=2023-03-01", "-s",
                        'RULE_PARAMS={"account_not_found": {"counts_as_fail": false}, '
                        '"account_name_changed": {"counts_as_fail": false}}')
    assert result.returncode == 0, result.stderr[-2000:]
    got = verdicts(db)
    assert got["wb_lasa"][1:3] == ("2w", 0)  # 20 days silent as of 03-01
    assert got["wb_mozhu"][2] is None  # not found, but not counted as a failure
    assert got["wb_naqu"][1:5] == ("2w", 0, '["account_not_updated"]', 1)  # stale by then; renamed, as a warning
    assert [f[1] for f in findings(db, "wb_mozhu")] == ["warn"]
    assert query(db, "SELECT count(*) FROM findings WHERE target='account' AND site_id='wb_lasa'") == [(1,)]


def test_platform_budget_leaves_accounts_unverifiable(platforms, registry, tmp_path):
    db = tmp_path / "budget.db"
    result = crawl_accounts(platforms, registry[0], db, "-s",
                            'ACCOUNTS_PLATFORM_MAX_REQUESTS={"weibo": 3, "default": 100}', checks=registry[1])
    assert result.returncode == 0, result.stderr[-2000:]
    weibo = query(db, "SELECT o.status, o.reason, o.requests FROM account_observations o JOIN accounts a "
                      "USING (run_id, account_id) WHERE a.adapter='weibo'")
    assert sum(r[2] for r in weibo) == 3
    assert {r[1] for r in weibo if r[0] == "unverifiable"} >= {"over_budget"}
    assert not [r for r in weibo if r[0] == "not_found"]


def test_sample_is_stratified_by_platform_and_reproducible(registry):
    from crawler.spiders.accounts import AccountsSpider

    first = AccountsSpider.select_accounts(str(registry[0]), sample="50%", seed="7")
    again = AccountsSpider.select_accounts(str(registry[0]), sample="50%", seed="7")
    assert [a.account_id for a in first] == [a.account_id for a in again]
    assert len(first) == round(len(ACCOUNTS) / 2)
    for platform in {a.platform for a in ACCOUNTS}:  # each platform drawn in proportion to its share
        quota = sum(a.platform == platform for a in ACCOUNTS) / 2
        assert int(quota) <= sum(a.platform == platform for a in first) <= -int(-quota // 1), platform


def test_run_id_defaults_to_asof_shared_with_the_site_run(accounts_db):
    assert query(accounts_db, "SELECT run_id, spider, asof FROM runs") == [(ASOF.isoformat(), "accounts", ASOF.isoformat())]


def test_sites_and_accounts_share_a_run_and_judging_one_keeps_the_other(demo_db, platforms, registry, tmp_path):
    db = tmp_path / "both.db"
    shutil.copy(demo_db, db)
    site_findings = query(db, "SELECT site_id, rule_id, subject, severity FROM findings WHERE target='site' ORDER BY 1, 2, 3")
    site_verdicts = query(db, "SELECT site_id, qualified, vetoes FROM verdicts ORDER BY 1")
    result = crawl_accounts(platforms, registry[0], db, checks=registry[1])
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT DISTINCT run_id FROM runs") == [(ASOF.isoformat(),)]
    account_verdicts = verdicts(db)
    assert set(account_verdicts) == set(BY_ID)
    result = run_scrapy("rescore", "-d", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"account verdicts: {len(ACCOUNTS)} accounts" in result.stdout and "verdicts:" in result.stdout
    assert query(db, "SELECT site_id, rule_id, subject, severity FROM findings WHERE target='site' ORDER BY 1, 2, 3") == site_findings
    assert query(db, "SELECT site_id, qualified, vetoes FROM verdicts ORDER BY 1") == site_verdicts
    assert verdicts(db) == account_verdicts
