"""Time the seed-shaped region end to end: serve, crawl sites and accounts with the seed's sample, report.

    .venv/bin/python benchmarks/bench_seed_region.py [--out DIR]

Prints one line per step (wall clock seconds) and the report's first figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import seed_accounts, seed_region  # noqa: E402
from crawler.demo.world import ASOF  # noqa: E402
from exports import db as dbmod  # noqa: E402

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def scrapy(*args):
    result = subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr[-3000:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="", help="where the DB and report go (default: a temporary directory)")
    out = Path(parser.parse_args().out or tempfile.mkdtemp(prefix="seed-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    db = out / "seed.db"
    dbmod.remove(db)
    t = time.perf_counter()
    with seed_region.SeedRegion() as sites, seed_accounts.SeedAccounts() as accounts:
        print(f"serve 267 sites + accounts bridge: {time.perf_counter() - t:.1f} s")
        site_reg, acc_reg = sites.write_registry(out / "sites.csv"), accounts.write_registry(out / "accounts.csv")
        t = time.perf_counter()
        scrapy("crawl", "inspect", "-a", f"sites={site_reg}", "-a", f"asof={ASOF}", "-a", f"sample={seed_region.SAMPLE}",
               "-a", f"seed={seed_region.SEED}", "-s", f"INSPECT_DB={db}", *FAST)
        print(f"crawl inspect, {seed_region.SAMPLE} of 267 sites: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        scrapy("crawl", "accounts", "-a", f"accounts={acc_reg}", "-a", f"asof={ASOF}",
               "-a", f"sample={seed_accounts.SAMPLE}", "-a", f"seed={seed_accounts.SEED}", "-s", f"INSPECT_DB={db}", *FAST)
        print(f"crawl accounts, {seed_accounts.SAMPLE} of 1203 accounts: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    scrapy("report", "-d", str(db), "-o", str(out / "report.html"))
    print(f"report (HTML, FTS index, Datasette metadata): {time.perf_counter() - t:.1f} s")
    scrapy("report", "-d", str(db), "-o", str(out / "report.md"))
    first = next(line for line in (out / "report.md").read_text(encoding="utf-8").splitlines() if line.startswith("（一）"))
    print(first[:90], "…")
    print(f"output: {out}")


if __name__ == "__main__":
    main()
