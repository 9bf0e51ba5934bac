"""Availability probes: a real `scrapy crawl probe` round over served sites, and the
site_unreachable rule judged by `scrapy rescore` over probe histories stored in SQLite."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta

import pytest

from exports import db as dbmod
from rules.sitechecks import CHINA
from tests.conftest import crawl_inspect, query, run_scrapy
from tests.servers import CLOSE, RESET, Reply, Served, free_port, html_page, redirect, write_sites

HOME = html_page("测试县人民政府", "<ul>" + "".join(f"<li><a href='/a{i}.html'>信息{i}</a><span>2023-02-0{i}</span></li>"
                                                    for i in range(1, 8)) + "</ul>")
TIMEOUT = 0.8  # the fixture's stand-in for the 15 s of the rule


def probe_round(registry, db, *more):
    return run_scrapy("crawl", "probe", "-a", f"sites={registry}", "-s", f"INSPECT_DB={db}",
                      "-s", f"PROBE_TIMEOUT={TIMEOUT}", "-s", "LOG_LEVEL=INFO", *more)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    d = tmp_path_factory.mktemp("probe")
    with Served("127.0.0.60", {"/": Reply(200, HOME)}) as ok, \
            Served("127.0.0.61", {"/": Reply(200, HOME, delay=TIMEOUT * 4)}) as hang, \
            Served("127.0.0.62", {"/": Reply(503, "Service Unavailable")}) as busy, \
            Served("127.0.0.63", {"/": redirect("/a"), "/a": redirect("/b"), "/b": redirect("/a")}) as loop, \
            Served("127.0.0.64", {"/": RESET}) as reset, \
            Served("127.0.0.65", {"/": Reply(200, "")}) as empty, \
            Served("127.0.0.66", {"/": redirect(f"http://127.0.0.60:{ok.port}/")}) as moved, \
            Served("127.0.0.67", {"/": redirect("/index.html"), "/index.html": Reply(200, HOME)}) as hop, \
            Served("127.0.0.68", {"/": Reply(404, "Not Found")}) as gone, \
            Served("127.0.0.69", {"/": CLOSE}) as closed:
        refused = f"http://127.0.0.70:{free_port('127.0.0.70')}/"
        registry = write_sites(d / "sites.csv", [
            ("ok", ok.url), ("hang", hang.url), ("busy", busy.url), ("loop", loop.url), ("reset", reset.url),
            ("empty", empty.url), ("moved", moved.url), ("hop", hop.url), ("gone", gone.url),
            ("closed", closed.url), ("refused", refused)])
        yield d, registry


def statuses(db):
    return {sid: (status, code) for sid, status, code in query(db, "SELECT site_id, status, http_code FROM probes")}


def test_a_round_types_every_outcome(served):
    d, registry = served
    db = d / "round.db"
    result = probe_round(registry, db)
    assert result.returncode == 0, result.stderr[-3000:]
    got = statuses(db)
    assert got == {
        "ok": ("ok", 200), "hang": ("timeout", None), "busy": ("http_5xx", 503), "loop": ("too_many_redirects", 302),
        "reset": ("connection_reset", None), "empty": ("empty_body", 200), "moved": ("offsite_redirect", 200),
        "hop": ("ok", 200), "gone": ("http_4xx", 404), "closed": ("connection_failed", None),
        "refused": ("connection_refused", None),
    }
    rows = {r[0]: r[1:] for r in query(db, "SELECT site_id, elapsed, final_url, redirects, origin, started_at, time FROM probes")}
    elapsed, final_url, redirects, origin, started_at, when = rows["hang"]
    assert elapsed >= TIMEOUT and origin
    assert rows["hop"][1].endswith("/index.html") and rows["hop"][2] == 1
    assert rows["loop"][2] == 10  # 10 redirects followed (PROBE_MAX_REDIRECTS), the 11th refused
    assert len({r[4] for r in rows.values()}) == 1  # one round, one started_at
    datetime.fromisoformat(when)
    # the round's log ends with its monitor summary; failed probes are the sites' fault, not errors
    summary = result.stderr[result.stderr.index("monitor summary:"):]
    assert "ok   log_errors: 0 ERROR line(s)" in summary and "FAIL" not in summary


def test_rounds_add_rows_and_a_site_is_probed_once_per_round(served):
    d, registry = served
    db = d / "two.db"
    for _ in range(2):
        assert probe_round(registry, db, "-a", "site=ok").returncode == 0
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT started_at) FROM probes WHERE site_id='ok'") == [(2, 2)]


def test_bad_registry_fails_before_probing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("site_id,name,url,region,kind\nx,X,not a url,R,portal\n", encoding="utf-8")
    result = probe_round(bad, tmp_path / "x.db")
    assert result.returncode == 2 and "row 2" in result.stderr
    assert not (tmp_path / "x.db").exists()


# --- the rule, on stored histories -----------------------------------------------------------------

ASOF = date(2023, 2, 9)


@pytest.fixture(scope="module")
def inspected(tmp_path_factory):
    """A real inspect run of one served site: the run the probe histories are judged with."""
    d = tmp_path_factory.mktemp("unreach")
    with Served("127.0.0.71", {"/": Reply(200, HOME)}) as site:
        registry = write_sites(d / "sites.csv", [("xian", site.url)])
        db = d / "base.db"
        result = crawl_inspect(registry, db, ASOF.isoformat())
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def with_history(base, tmp_path, per_day: int, failures: int, days: int = 7, status="timeout"):
    """Copy the inspected DB and store `per_day` probes on each of the `days` days before asof."""
    db = tmp_path / "h.db"
    shutil.copy(base, db)
    rows, failed = [], 0
    for k in range(1, days + 1):
        day = ASOF - timedelta(days=k)
        for i in range(per_day):
            t = datetime(day.year, day.month, day.day, 0, 5, tzinfo=CHINA) + timedelta(minutes=i * (1430 // per_day))
            bad = failed < failures
            failed += bad
            rows.append({"site_id": "xian", "started_at": t.isoformat(timespec="milliseconds"),
                         "time": t.isoformat(timespec="milliseconds"), "url": "http://xian.gov.cn/",
                         "status": status if bad else "ok", "elapsed": 15.0 if bad else 0.3,
                         "http_code": None if bad else 200, "final_url": "", "origin": "test", "detail": ""})
    # probes outside the window never count
    after = datetime(ASOF.year, ASOF.month, ASOF.day, 9, tzinfo=CHINA)
    rows.append({**rows[-1], "started_at": after.isoformat(), "time": after.isoformat(), "status": "timeout"})
    con = dbmod.connect(db)
    dbmod.upsert(con, "probes", rows, ("site_id", "started_at"))
    con.close()
    return db


# the fixture site has no 留言 or 办事 entry: those vetoes are other tests' business
OTHERS_OFF = ("-s", "RULES_DISABLED=interaction_poor,service_unusable")


def judged(db):
    result = run_scrapy("rescore", "-d", str(db), *OTHERS_OFF)
    assert result.returncode == 0, result.stderr[-3000:]
    verdict = query(db, "SELECT qualified, vetoes FROM verdicts WHERE site_id='xian'")[0]
    findings = {subject: (severity, detail, json.loads(evidence)) for subject, severity, detail, evidence in query(
        db, "SELECT subject, severity, detail, evidence FROM findings WHERE site_id='xian' AND rule_id='site_unreachable'")}
    return verdict, findings


def test_five_percent_of_failed_probes_is_a_veto(inspected, tmp_path):
    db = with_history(inspected, tmp_path, per_day=20, failures=7)  # 7/140 = 5.0 %: the boundary is included
    (qualified, vetoes), findings = judged(db)
    assert qualified == 0 and json.loads(vetoes) == ["site_unreachable"]
    severity, detail, evidence = findings["probes"]
    assert severity == "veto" and evidence["probes"] == 140 and evidence["failed"] == 7
    assert evidence["window"] == ["2023-02-02", "2023-02-08"] and "5.0%" in detail


def test_below_five_percent_passes_silently(inspected, tmp_path):
    db = with_history(inspected, tmp_path, per_day=20, failures=6)  # 6/140 = 4.3 %
    (qualified, vetoes), findings = judged(db)
    assert qualified == 1 and findings == {}


def test_fewer_than_twenty_probes_a_day_is_insufficient_monitoring(inspected, tmp_path):
    db = with_history(inspected, tmp_path, per_day=19, failures=30)  # many failures, but thin evidence
    (qualified, vetoes), findings = judged(db)
    assert qualified == 1 and json.loads(vetoes) == []
    severity, detail, evidence = findings["insufficient_monitoring"]
    assert severity == "warn" and "insufficient monitoring" in detail
    assert len(evidence["short_days"]) == 7 and evidence["failed"] == 30


def test_no_probe_history_is_a_warning_not_a_pass(inspected, tmp_path):
    db = tmp_path / "none.db"
    shutil.copy(inspected, db)
    (qualified, _), findings = judged(db)
    assert findings["insufficient_monitoring"][0] == "warn" and "无任何可用的访问记录" in findings["insufficient_monitoring"][1]


def test_ignored_statuses_and_thresholds_are_settings(inspected, tmp_path):
    db = with_history(inspected, tmp_path, per_day=20, failures=7, status="blocked")
    # blocked probes say nothing about availability: left out, so days fall short of 20
    (_, vetoes), findings = judged(db)
    assert json.loads(vetoes) == [] and "insufficient_monitoring" in findings
    result = run_scrapy("rescore", "-d", str(db), *OTHERS_OFF, "-s",
                        'RULE_PARAMS={"site_unreachable": {"ignore_statuses": [], "min_probes_per_day": 20}}')
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT vetoes FROM verdicts WHERE site_id='xian'") == [('["site_unreachable"]',)]
