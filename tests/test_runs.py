"""Runs: re-runs and resumes never duplicate rows, rescoring needs no crawl, plugins and site spiders."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

from tests.conftest import FAST, ROOT, crawl_inspect, crawl_stopped_and_resumed, one_site, query, run_scrapy, scrapy_env

TABLES = ("runs", "sites", "pages", "columns", "items", "findings", "verdicts")


def counts(db):
    return {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def pages_stored(db) -> int:
    try:
        return query(db, "SELECT count(*) FROM pages")[0][0] if db.exists() else 0
    except sqlite3.OperationalError:  # the crawl has created the file but not yet its tables
        return 0


def verdicts(db):
    return {sid: (q, v) for sid, q, v in query(db, "SELECT site_id, qualified, vetoes FROM verdicts")}


def test_same_run_twice_duplicates_nothing(demo_registry, demo_db, tmp_path):
    db = tmp_path / "twice.db"
    shutil.copy(demo_db, db)
    before = counts(db)
    result = crawl_inspect(demo_registry, db)
    assert result.returncode == 0, result.stderr[-2000:]
    assert counts(db) == before
    assert verdicts(db) == verdicts(demo_db)


def test_sites_in_flight_are_bounded_and_judged_the_same(demo_registry, demo_db, tmp_path):
    rows = demo_registry.read_text(encoding="utf-8-sig").splitlines()
    registry = tmp_path / "four.csv"
    registry.write_text("\n".join(rows[:5]) + "\n", encoding="utf-8")
    db = tmp_path / "one-at-a-time.db"
    result = crawl_inspect(registry, db, "2023-02-09", "-s", "INSPECT_SITES_IN_FLIGHT=1")
    assert result.returncode == 0, result.stderr[-2000:]
    four = verdicts(db)
    assert len(four) == 4 and four == {sid: v for sid, v in verdicts(demo_db).items() if sid in four}
    # one site at a time: each site's pages were stored in one unbroken stretch
    order = [sid for sid, in query(db, "SELECT site_id FROM pages ORDER BY rowid")]
    stretches = [sid for i, sid in enumerate(order) if i == 0 or order[i - 1] != sid]
    assert len(stretches) == len(set(order)), stretches


def test_one_site_rejudges_only_that_site(demo_registry, demo_db, tmp_path):
    db = tmp_path / "one.db"
    shutil.copy(demo_db, db)
    result = crawl_inspect(demo_registry, db, "2023-02-09", "-a", "site=lasa")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "inspecting 1 sites" in result.stderr
    assert counts(db) == counts(demo_db)
    assert verdicts(db) == verdicts(demo_db)


def test_interrupted_crawl_resumes_to_the_same_verdicts(demo_registry, demo_db, tmp_path):
    db, jobdir = tmp_path / "resumed.db", tmp_path / "job"
    args = [sys.executable, "-m", "scrapy", "crawl", "inspect", "-a", f"sites={demo_registry}",
            "-a", "asof=2023-02-09", "-s", f"INSPECT_DB={db}", "-s", f"JOBDIR={jobdir}",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.25"]
    first = subprocess.Popen(args, cwd=ROOT, env=scrapy_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if pages_stored(db) >= 30:
            break
    first.send_signal(signal.SIGINT)  # one Ctrl-C: a clean stop that JOBDIR can resume
    _, err = first.communicate(timeout=120)
    assert "'finish_reason': 'shutdown'" in err
    assert query(db, "SELECT count(*) FROM verdicts")[0][0] == 0  # no verdicts from half a crawl
    second = subprocess.run(args, cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "Resuming crawl" in second.stderr
    assert verdicts(db) == verdicts(demo_db)
    pages = query(db, "SELECT url, count(*) FROM pages GROUP BY run_id, url HAVING count(*) > 1")
    assert pages == []


def test_a_resumed_crawl_keeps_what_it_knew_of_each_site(demo_registry, demo_db, tmp_path):
    """Stopped right after a homepage was read, the resumed crawl's first answers are column pages
    from the restored queue: they must not claim the homepage's columns as their sub-columns."""
    db = tmp_path / "resumed.db"
    crawl_stopped_and_resumed(one_site(demo_registry, "ali", tmp_path), db, tmp_path / "job", pages=1)
    columns = "SELECT column_url, level, parent_url FROM columns WHERE site_id='ali' ORDER BY 1"
    assert query(db, columns) == query(demo_db, columns)
    assert verdicts(db) == {"ali": verdicts(demo_db)["ali"]}


def test_rescore_judges_stored_facts_again(demo_db, tmp_path):
    db = tmp_path / "rescore.db"
    shutil.copy(demo_db, db)
    pages = counts(db)["pages"]
    result = run_scrapy("rescore", "-d", str(db), "-s", 'RULE_PARAMS={"columns_not_updated": {"stale_count": 6}}')
    assert result.returncode == 0, result.stderr[-2000:]
    now = verdicts(db)
    assert now["jtt"] == (1, "[]")  # 5 stale news columns no longer reach a threshold of 6
    assert now["wjw"] == verdicts(demo_db)["wjw"]  # its 10 long-stale columns still do
    result = run_scrapy("rescore", "-d", str(db), "-a", "asof=2023-06-01")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "homepage_not_updated" in json.loads(verdicts(db)["lasa"][1])
    assert counts(db)["pages"] == pages  # nothing was crawled


PLUGIN = '''
from rules import Rule, hookimpl


class ProvinceCheck(Rule):
    """A province's own check: every portal must publish a 年度报表 column."""

    id = "province_annual_report"
    defaults = {"keyword": "年度报表"}

    def evaluate(self, site, ctx):
        if site.inspected and site.kind == "portal" and not any(ctx.params["keyword"] in c.name for c in site.columns):
            yield self.finding("veto", "未开设政府网站年度报表栏目", ctx, evidence_url=site.url, subject="columns")


@hookimpl
def register_rules():
    return [ProvinceCheck()]
'''


def test_entry_point_plugin_changes_a_verdict(demo_db, tmp_path):
    plugin_dir = tmp_path / "plugin"
    dist = plugin_dir / "govinspect_province-1.0.dist-info"
    dist.mkdir(parents=True)
    (plugin_dir / "province_rules.py").write_text(PLUGIN, encoding="utf-8")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: govinspect-province\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[govinspect.rules]\nprovince = province_rules\n")
    env = scrapy_env(PYTHONPATH=os.pathsep.join([str(plugin_dir), str(ROOT)]))
    env.pop("GOVINSPECT_LOAD_PLUGINS")
    listed = run_scrapy("rules", env=env)
    assert "province_annual_report [site, enabled] from province_rules" in listed.stdout
    db = tmp_path / "plugin.db"
    shutil.copy(demo_db, db)
    assert verdicts(db)["lasa"] == (1, "[]")
    result = run_scrapy("rescore", "-d", str(db), env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert verdicts(db)["lasa"] == (0, '["province_annual_report"]')
    assert verdicts(db)["wjw"] == verdicts(demo_db)["wjw"]  # departments are not portals
    plugins = json.loads(query(db, "SELECT plugins FROM runs WHERE spider='inspect'")[0][0])
    assert plugins["province"] == "govinspect-province 1.0"
    result = run_scrapy("rescore", "-d", str(db), "-s", "RULES_DISABLED=province_annual_report", env=env)
    assert verdicts(db)["lasa"] == (1, "[]")


def test_site_specific_spider_runs_alone(demo_registry, tmp_path):
    db = tmp_path / "rikaze.db"
    result = run_scrapy("crawl", "demo_rikaze", "-a", f"sites={demo_registry}", "-a", "asof=2023-02-09",
                        "-s", f"INSPECT_DB={db}", *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert verdicts(db) == {"rikaze": (1, "[]")}
    dated = query(db, "SELECT count(*) FROM items WHERE site_id='rikaze' AND date IS NOT NULL AND source='column'")[0][0]
    assert dated > 30


def test_a_batch_of_sites_reads_its_pages_by_the_site_index(tmp_path):
    """Judging reads 100 sites at a time: their pages come through the (run_id, site_id, url) index, in
    each site's key order, not from a scan of the whole run."""
    from exports import db as dbmod
    from rules.rows import run_rows

    db = dbmod.connect(tmp_path / "batch.db")
    # the hosts run the other way round from the site ids: key order alone would not group the rows by site
    urls = {f"s{i}": [f"http://{'zyxwvu'[i]}.example/p{j}" for j in (3, 1, 2)] for i in range(6)}
    written = [(sid, site_urls[j]) for j in range(3) for sid, site_urls in reversed(urls.items())]  # interleaved
    dbmod.upsert(db, "pages", [{"run_id": "r", "site_id": sid, "url": url, "role": "column"} for sid, url in written])
    db.conn.close()
    con = sqlite3.connect(tmp_path / "batch.db")
    executed = []
    con.set_trace_callback(executed.append)
    rows = run_rows(con, "pages", "r", columns="site_id, url", sites={"s4", "s1", "s2"}).fetchall()
    assert rows == [(sid, url) for sid in ("s1", "s2", "s4") for url in sorted(urls[sid])]
    plan = " ".join(str(r) for r in con.execute(f"EXPLAIN QUERY PLAN {executed[-1]}"))
    assert "idx_pages_run_id_site_id_url" in plan and "site_id=?" in plan and "TEMP B-TREE" not in plan, plan


def test_judging_in_small_batches_gives_the_same_findings(demo_db, tmp_path, monkeypatch):
    from scrapy.settings import Settings

    from crawler import judging
    from rules import engine

    db = tmp_path / "batched.db"
    shutil.copy(demo_db, db)
    monkeypatch.setattr(engine, "JUDGE_BATCH", 4)  # the 25 demo sites in 7 batches
    (run_id, asof), = query(db, "SELECT run_id, asof FROM runs WHERE spider = 'inspect'")
    settings = Settings()
    settings.setmodule("crawler.settings")
    judging.judge(str(db), run_id, date.fromisoformat(asof), settings)
    findings = "SELECT site_id, rule_id, severity, points, detail, evidence_url, evidence FROM findings WHERE target = 'site'"
    assert sorted(query(db, findings)) == sorted(query(demo_db, findings))
    assert verdicts(db) == verdicts(demo_db)
