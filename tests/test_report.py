"""The 抽查通报: figures as the seed writes them, escaping, CSV, 整改复查, and a browser rendering it."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from exports.db import connect, upsert
from exports.report.numbers import ACCOUNT_DIGITS, rate
from tests.conftest import run_scrapy

EVIL = "<img src=x onerror=document.title='pwned'></script><script>document.title='pwned2'</script>"


def test_rates_reproduce_every_figure_of_the_seed():
    sites = [(120, 267, "44.94%"), (53, 120, "44.17%"), (17, 34, "50%"), (21, 27, "77.78%"), (4, 5, "80%"),
             (2, 15, "13.33%"), (3, 15, "20%"), (1, 7, "14.29%"), (0, 1, "0%"), (5, 16, "31.25%")]
    accounts = [(72, 118, "61%"), (3, 8, "37.5%"), (6, 12, "50%"), (4, 5, "80%"), (87, 146, "60%")]
    assert [rate(a, b) for a, b, _ in sites] == [t for *_, t in sites]
    assert [rate(a, b, ACCOUNT_DIGITS) for a, b, _ in accounts] == [t for *_, t in accounts]
    assert rate(0, 0) == "—"


def make_db(path: Path, run_id: str, sites: dict[str, tuple[bool, str]], accounts: dict | None = None) -> Path:
    """A database as a crawl leaves it: runs, sites, verdicts, findings (and accounts)."""
    db = connect(path)
    upsert(db, "runs", [{"run_id": run_id, "spider": "inspect", "asof": run_id, "started_at": run_id + "T00:00",
                         "sample": "3", "registry_total": 10, "drawn": list(sites)}])
    for sid, (ok, title) in sites.items():
        upsert(db, "sites", [{"run_id": run_id, "site_id": sid, "name": title, "url": f"http://127.0.2.9/{sid}/",
                              "region": "拉萨市" if sid != "c" else "自治区部门", "kind": "portal", "status": "inspected"}])
        upsert(db, "verdicts", [{"run_id": run_id, "site_id": sid, "qualified": int(ok), "score": 90.0 if ok else None,
                                 "vetoes": [] if ok else ["columns_not_updated"], "status": "inspected"}])
        if not ok:
            upsert(db, "findings", [{"run_id": run_id, "site_id": sid, "rule_id": "columns_not_updated", "subject": "clause1",
                                     "severity": "veto", "points": 0, "detail": f"栏目{title}未更新", "target": "site",
                                     "evidence_url": "javascript:alert(1)" if sid == "b" else f"http://127.0.2.9/{sid}/x/"}])
    if accounts:
        upsert(db, "runs", [{"run_id": run_id, "spider": "accounts", "asof": run_id, "started_at": run_id + "T01:00",
                             "registry_total": 40, "sample": "2"}])
        for aid, (platform, ok, bucket, status) in accounts.items():
            db["accounts"].upsert({"run_id": run_id, "account_id": aid, "platform": platform, "name": f"号{aid}",
                                   "owner": "拉萨市", "region": "拉萨市", "url": f"http://127.0.4.9/{aid}"},
                                  pk=("run_id", "account_id"), alter=True)
            db["account_verdicts"].upsert({"run_id": run_id, "account_id": aid, "qualified": ok, "bucket": bucket,
                                           "status": status, "name_changed": 0, "latest_post": "2022-01-01",
                                           "days_since_post": 400, "observed_name": ""},
                                          pk=("run_id", "account_id"), alter=True)
    db.conn.commit()
    db.conn.close()
    return path


@pytest.fixture
def small_db(tmp_path):
    return make_db(tmp_path / "new.db", "2023-02-09", {"a": (True, "拉萨市人民政府"), "b": (False, EVIL), "c": (False, "交通运输厅")},
                   {"w1": ("wechat", 0, "1y", "found"), "w2": ("wechat", 1, "ok", "found"), "x": ("weibo", None, None, "unverifiable")})


def test_markdown_figures_names_and_escaping(small_db, tmp_path):
    out = tmp_path / "r.md"
    result = run_scrapy("report", "-d", str(small_db), "-o", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "对全区在线运行的10个政府网站随机抽查了3个，抽查比例为30%，本次抽查合格网站1个，合格率为33.33%" in text
    assert "拉萨市政府网站2个，合格1个，合格率50%；自治区部门网站1个，合格0个，合格率0%" in text
    assert "对全区在线运维的40个政务新媒体随机抽查3个，发现不合格1个" in text and "另有1个账号" in text
    assert "长期未更新的政务新媒体1个，其中，微信公众号1个：拉萨市[“号w1”](http://127.0.4.9/w1)" in text
    assert "<img" not in text and "<script" not in text and "&lt;img" in text
    assert "javascript:" not in text  # a non-http evidence URL is not linked


def test_a_site_not_inspected_says_why_in_words(tmp_path):
    db = make_db(tmp_path / "r.db", "2023-02-09", {"a": (True, "拉萨市人民政府")})
    con = sqlite3.connect(db)
    for sid, status, reason in (("z", "not_inspected", "connection_refused: Connection was refused by other side: 111"),
                                ("w", "blocked", "waf_challenge: HTTP 412, the page only runs a script"),
                                ("q", "not_inspected", "something_new: detail")):
        con.execute("INSERT INTO sites (run_id, site_id, name, url, region, kind, status, reason) VALUES (?,?,?,?,?,?,?,?)",
                    ("2023-02-09", sid, f"站{sid}", f"http://127.0.2.9/{sid}/", "拉萨市", "portal", status, reason))
        con.execute("INSERT INTO verdicts (run_id, site_id, qualified, status, reason) VALUES (?,?,?,?,?)",
                    ("2023-02-09", sid, None, status, reason))
    con.commit()
    con.close()
    out = tmp_path / "r.md"
    assert run_scrapy("report", "-d", str(db), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "服务器拒绝连接（connection\\_refused: Connection was refused by other side: 111）" in text
    assert "被网站防火墙的脚本验证拦截（waf\\_challenge: HTTP 412" in text
    assert "| something\\_new: detail |" in text  # an outcome without words is shown as stored


def test_html_is_self_contained_and_escapes_scraped_text(small_db, tmp_path):
    out = tmp_path / "r.html"
    assert run_scrapy("report", "-d", str(small_db), "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page.lower()
    assert "<img" not in page and "&lt;img src=x onerror=" in page
    assert 'href="javascript:' not in page
    assert page.count("<svg") >= 2 and 'class="bar"' in page
    assert not re.search(r'(src|href)="(https?:)?//(?!127\.)', page)  # nothing loaded from elsewhere


def test_csv_attachments_have_bom_and_evidence(small_db, tmp_path):
    out = tmp_path / "r.csv"
    assert run_scrapy("report", "-d", str(small_db), "-o", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("序号,网站名称,网址,地区,检查结果,存在问题,得分,扣分及存疑事项,证据链接")
    assert len(lines) == 4 and "http://127.0.2.9/c/x/" in lines[3]
    accounts = (tmp_path / "r-accounts.csv").read_bytes()
    assert accounts.startswith(b"\xef\xbb\xbf") and "号w1" in accounts.decode("utf-8-sig")


def test_compare_names_fixed_still_failing_and_new(tmp_path):
    old = make_db(tmp_path / "old.db", "2022-11-01", {"a": (False, "甲"), "b": (False, "乙"), "c": (True, "丙")},
                  {"w1": ("wechat", 0, "1y", "found"), "w2": ("wechat", 1, "ok", "found")})
    new = make_db(tmp_path / "new.db", "2023-02-09", {"a": (True, "甲"), "b": (False, "乙"), "c": (False, "丙")},
                  {"w1": ("wechat", 1, "ok", "found"), "w2": ("wechat", None, None, "unverifiable")})
    out = tmp_path / "r.md"
    result = run_scrapy("report", "-d", str(new), "-o", str(out), "--compare", str(old))
    assert result.returncode == 0, result.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "三、整改复查情况" in text
    assert "上次不合格的2个网站中，已整改合格1个：[甲]" in text
    assert "仍不合格1个：[乙]" in text and "新发现不合格1个：[丙]" in text
    assert "政务新媒体：上次不合格的1个账号中，已整改合格1个：[“号w1”]" in text
    assert "仍不合格0个。上次合格、本次新发现不合格0个" in text  # w2 could not be verified: not called 不合格


def test_bad_input_names_the_file(tmp_path):
    result = run_scrapy("report", "-d", str(tmp_path / "missing.db"), "-o", str(tmp_path / "r.md"))
    assert result.returncode != 0 and "missing.db" in result.stderr
    db = make_db(tmp_path / "x.db", "r1", {"a": (True, "甲")})
    result = run_scrapy("report", "-d", str(db), "-o", str(tmp_path / "r.pdf"))
    assert result.returncode != 0 and "r.pdf" in result.stderr


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("GOVINSPECT_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is required (GOVINSPECT_REQUIRE_BROWSER=1) but not installed")
    pytest.skip("chromium not installed")


def test_browser_renders_charts_and_runs_no_injected_script(small_db, tmp_path):
    browser = chromium()
    out = tmp_path / "r.html"
    assert run_scrapy("report", "-d", str(small_db), "-o", str(out)).returncode == 0
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=2000", "--dump-dom", out.as_uri()],
            capture_output=True, text=True, timeout=60)
    dom = result.stdout
    assert "<svg" in dom and dom.count('class="bar"') >= 3, result.stderr[-2000:]
    title = re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "pwned" not in title  # the injected handler and script never ran
    assert "<img" not in dom and "<script" not in dom.lower()
    assert "&lt;img src=x onerror=" in dom


def test_report_builds_a_trigram_index_on_item_titles(small_db, tmp_path):
    db = connect(small_db)
    upsert(db, "items", [{"run_id": "2023-02-09", "site_id": "a", "column_url": "http://127.0.2.9/a/x/",
                          "url": "http://127.0.2.9/a/x/1.html", "title": "关于做好2023年春耕备耕工作的通知"}])
    db.conn.commit()
    db.conn.close()
    assert run_scrapy("report", "-d", str(small_db), "-o", str(tmp_path / "r.md")).returncode == 0
    con = sqlite3.connect(small_db)
    hits = con.execute("SELECT title FROM items_fts WHERE items_fts MATCH ?", ("春耕备耕",)).fetchall()
    con.close()
    assert hits == [("关于做好2023年春耕备耕工作的通知",)]
