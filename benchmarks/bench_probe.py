"""One `scrapy crawl probe` round over many served sites, a fraction of which hang past the timeout.

    .venv/bin/python -m benchmarks.bench_probe --sites 300 --hang 0.05 --timeout 15

The sites are loopback servers on 127.0.5.1–127.0.5.250 (several ports per address above 250 sites);
hanging sites answer only after timeout + 5 s. The round should last about one timeout (its slowest
site), not (hanging sites × timeout): the figure printed is the round's wall time, the probe
statuses counted, and the slowest probe's elapsed time.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Reply, Served, html_page, write_sites  # noqa: E402

ADDRESSES = [f"127.0.5.{i}" for i in range(1, 251)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=300)
    ap.add_argument("--hang", type=float, default=0.05, help="fraction of sites that hang past the timeout")
    ap.add_argument("--timeout", type=float, default=15.0, help="PROBE_TIMEOUT (the rule's 15 s)")
    args = ap.parse_args(argv)
    hanging = round(args.sites * args.hang)
    page = html_page("首页", "<p>" + "欢迎访问" * 200 + "</p>")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        rows = []
        hang_ids = set(range(0, args.sites, max(1, args.sites // max(hanging, 1)))[:hanging])  # spread out
        for i in range(args.sites):
            delay = args.timeout + 5 if i in hang_ids else 0
            served = stack.enter_context(Served(ADDRESSES[i % len(ADDRESSES)], {"/": Reply(200, page, delay=delay)}))
            rows.append((f"s{i:04d}", served.url, delay))
        registry = write_sites(Path(tmp) / "sites.csv", [(sid, url) for sid, url, _ in rows])
        db = Path(tmp) / "probe.db"
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "probe", "-a", f"sites={registry}",
                                 "-s", f"INSPECT_DB={db}", "-s", f"PROBE_TIMEOUT={args.timeout}",
                                 "-s", "LOG_LEVEL=WARNING"], cwd=ROOT, capture_output=True, text=True)
        wall = time.monotonic() - start
        if result.returncode:
            sys.exit(result.stderr[-3000:])
        con = sqlite3.connect(db)
        statuses = Counter(s for (s,) in con.execute("SELECT status FROM probes"))
        (slowest_ok,) = con.execute("SELECT MAX(elapsed) FROM probes WHERE status='ok'").fetchone()
        con.close()
    print(f"sites {args.sites}, hanging {hanging} (answer after {args.timeout + 5:g} s), timeout {args.timeout:g} s")
    print(f"round wall time {wall:.1f} s (process start included); statuses {dict(statuses)}; "
          f"slowest ok probe {slowest_ok:.2f} s")


if __name__ == "__main__":
    main()
