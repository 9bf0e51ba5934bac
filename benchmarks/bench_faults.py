"""The fault region with the production size caps: wall time and peak memory of the inspect run.

    .venv/bin/python benchmarks/bench_faults.py [runs] [SETTING=VALUE …]

Serves crawler.demo.faults on 127.0.6.1–, runs `scrapy crawl inspect` over it with the settings of
crawler/settings.py (DOWNLOAD_MAXSIZE 20 MiB; only DOWNLOAD_TIMEOUT is cut to 2 s so the slow site
does not take 60 s; more settings may follow, e.g. DOWNLOAD_MAXSIZE=1073741824 for Scrapy's own
cap), and prints the elapsed time and the crawl process's peak RSS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.faults import FaultRegion  # noqa: E402
from tests.conftest import scrapy_env  # noqa: E402


def main(runs: int, extra: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp, FaultRegion(first_address=1, slow_seconds=5) as region:
        registry = region.write_registry(Path(tmp) / "faults.csv")
        for i in range(runs):
            db = Path(tmp) / f"run{i}.db"
            cmd = [sys.executable, "-m", "scrapy", "crawl", "inspect", "-a", f"sites={registry}", "-a", "asof=2023-02-09",
                   "-s", f"INSPECT_DB={db}", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "DOWNLOAD_DELAY=0",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
                   *(a for setting in extra for a in ("-s", setting))]
            start = time.monotonic()
            proc = subprocess.Popen(cmd, cwd=ROOT, env=scrapy_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.monotonic() - start
            print(f"run {i + 1}: exit {os.waitstatus_to_exitcode(status)}, {elapsed:.1f} s, "
                  f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, sys.argv[2:])
