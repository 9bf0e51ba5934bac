"""Accounts benchmark: N Weibo and N feed accounts served on loopback, inspected by `scrapy crawl accounts`.

    .venv/bin/python -m benchmarks.accounts --accounts 200,1000 --rescore

Reports wall time, requests/s and accounts/s of the crawl (politeness off: no delay, no
AutoThrottle; still one download slot per platform, as in production), and with --rescore the time
of `scrapy rescore` over the resulting DB. Served from 127.0.1.41–43 by the demo platform server.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.demo.accounts import DemoAccount, DemoPlatforms, Expected, ctime, post

ROOT = Path(__file__).resolve().parent.parent


def generate(n: int) -> list[DemoAccount]:
    out = []
    for i in range(n):
        uid = str(2_000_000 + i)
        out.append(DemoAccount(f"wb{i}", "weibo", f"微博{i}号", "", Expected("found", "ok", True), platform_id=uid,
                               served={"kind": "weibo", "uid": uid, "screen_name": f"微博{i}号",
                                       "posts": [post(ctime(d)) for d in (i % 400, 500)]}))
        out.append(DemoAccount(f"fd{i}", "douyin", f"抖音{i}号", "", Expected("found", "ok", True),
                               served={"kind": "rss", "title": f"抖音{i}号", "items": [i % 400, 450]}))
    return out


def run(n: int, rescore: bool) -> dict:
    accounts = generate(n)
    with DemoPlatforms(accounts, first_address=41) as served, tempfile.TemporaryDirectory() as tmp:
        registry, db = served.write_registry(Path(tmp) / "accounts.csv"), Path(tmp) / "a.db"
        args = [sys.executable, "-m", "scrapy", "crawl", "accounts", "-a", f"accounts={registry}", "-a", "asof=2023-02-09",
                "-s", f"INSPECT_DB={db}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", "LOG_LEVEL=WARNING", "-s", "PROGRESS_INTERVAL=0",
                "-s", 'ACCOUNTS_PLATFORM_MAX_REQUESTS={"default": 100000}']
        for key, value in served.settings.items():
            args += ["-s", f"{key}={value}"]
        start = time.monotonic()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        wall = time.monotonic() - start
        con = sqlite3.connect(db)
        stats = json.loads(con.execute("SELECT stats FROM runs").fetchone()[0])
        found = con.execute("SELECT count(*) FROM account_verdicts WHERE status='found'").fetchone()[0]
        others = dict(con.execute("SELECT status || ':' || reason, count(*) FROM account_verdicts "
                                  "WHERE status != 'found' GROUP BY 1").fetchall())
        con.close()
        requests = stats.get("downloader/request_count", 0)
        result = {"accounts": len(accounts), "found": found, "not_found_or_unverifiable": others, "requests": requests, "wall_s": round(wall, 1),
                  "requests_per_s": round(requests / wall, 1), "accounts_per_s": round(len(accounts) / wall, 1)}
        if rescore:
            start = time.monotonic()
            subprocess.run([sys.executable, "-m", "scrapy", "rescore", "-d", str(db)], cwd=ROOT, check=True,
                           capture_output=True)
            result["rescore_s"] = round(time.monotonic() - start, 1)
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", default="200", help="comma-separated N (N Weibo + N feed accounts each)")
    parser.add_argument("--rescore", action="store_true")
    opts = parser.parse_args()
    for n in (int(x) for x in opts.accounts.split(",")):
        print(json.dumps(run(n, opts.rescore), ensure_ascii=False))


if __name__ == "__main__":
    main()
