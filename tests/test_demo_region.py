"""A real `scrapy crawl inspect` over the served demo region gives every site its expected verdict."""

import json

from crawler.demo.accounts import ACCOUNTS
from crawler.demo.world import SITES
from tests.conftest import query, run_scrapy


def test_every_site_gets_its_expected_verdict(demo_db):
    rows = {sid: (qualified, json.loads(vetoes or "[]"), status)
            for sid, qualified, vetoes, status in query(demo_db, "SELECT site_id, qualified, vetoes, status FROM verdicts")}
    assert set(rows) == {s.site_id for s in SITES}
    for site in SITES:
        qualified, vetoes, status = rows[site.site_id]
        assert status == site.expected_status, site.site_id
        assert sorted(vetoes) == sorted(site.expected_vetoes), site.site_id
        if site.expected_status == "inspected":
            assert qualified == (0 if site.expected_vetoes else 1), site.site_id
        else:
            assert qualified is None, site.site_id


def test_veto_findings_carry_their_evidence(demo_db):
    for sid, rule, detail, url, evidence in query(
            demo_db, "SELECT site_id, rule_id, detail, evidence_url, evidence FROM findings WHERE severity='veto'"):
        assert url.startswith("http://127.0.0."), (sid, rule)
        assert detail
        assert json.loads(evidence), (sid, rule)


def test_stale_columns_are_named_with_latest_dates(demo_db):
    (evidence,) = query(demo_db, "SELECT evidence FROM findings WHERE site_id='jtt' AND rule_id='columns_not_updated' "
                                 "AND subject='clause1'")[0]
    columns = json.loads(evidence)["columns"]
    assert {c["name"] for c in columns} == {"交通要闻", "工作动态", "市县动态", "行业动态", "图片新闻"}
    assert all(c["latest"] == "2022-12-01" for c in columns)  # 70 days before 2023-02-09


def test_site_not_reachable_is_not_inspected_with_typed_reason(demo_db):
    (status, reason), = query(demo_db, "SELECT status, reason FROM sites WHERE site_id='zhada'")
    assert status == "not_inspected" and reason.startswith("connection_refused")


def test_the_demo_command_inspects_sites_and_accounts_and_writes_the_report(tmp_path):
    result = run_scrapy("demo", "-d", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    printed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {s.site_id for s in SITES} | {a.account_id for a in ACCOUNTS} <= printed
    assert (tmp_path / "report.html").stat().st_size > 0 and (tmp_path / "report.md").stat().st_size > 0
    assert f"database:      {tmp_path / 'demo.db'}" in result.stdout
    # the two crawls run side by side: neither counts the other's failed fetches as its own errors
    assert "FAIL log_errors" not in result.stderr
    runs = dict(query(tmp_path / "demo.db", "SELECT spider, monitors FROM runs"))
    assert set(runs) == {"inspect", "accounts"}
    for spider, monitors in runs.items():  # every run is monitored and its log ends with the summary
        assert {c["name"]: c["passed"] for c in json.loads(monitors)}["log_errors"], spider
    assert result.stderr.count("monitor summary:") == 2
