"""Benchmark: reading interaction and service pages, and what the two analyzers add to a demo crawl.

1. In-process CPU cost of the readers over the rendered demo pages (channel lists, message pages,
   JSON endpoints, guides): pages/s, one parse per page as in the crawl.
2. One real `scrapy crawl inspect` of the demo region (served on 127.0.0.40+) with these two analyzers on
   and off (the others stay on): requests, wall time, and the interaction/service facts stored.

    .venv/bin/python benchmarks/bench_interaction.py [--passes 20]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.render import SiteRenderer  # noqa: E402
from crawler.demo.server import DemoRegion  # noqa: E402
from crawler.demo.world import ASOF, SITES  # noqa: E402
from crawler.extract import Page  # noqa: E402
from crawler.extract.columns import classifier  # noqa: E402
from crawler.extract.interaction import read_json, read_list, read_message_page  # noqa: E402
from crawler.extract.service import read_guide  # noqa: E402
from tests.conftest import crawl_inspect  # noqa: E402


def corpus():
    out = {"list": [], "message": [], "json": [], "guide": []}
    classify = classifier()
    for site in SITES:
        for path, (body, ctype) in SiteRenderer(site, classify).render().items():
            url = f"http://demo.example{path}"
            if "json" in ctype:
                out["json"].append((body.decode("utf-8"), url))
            elif path.startswith("/bsfw/zn_"):
                out["guide"].append((body, url))
            elif "msg_" in path or "mailpubdetail" in path:
                out["message"].append((body, url))
            elif path.startswith("/hdjl/") or "maillist" in path:
                out["list"].append((body, url))
    return out


def readers(passes: int):
    pages = corpus()
    read = {"list": lambda b, u: read_list(Page(b, u), ASOF), "message": lambda b, u: read_message_page(Page(b, u)),
            "json": read_json, "guide": lambda b, u: read_guide(Page(b, u))}
    for kind, items in pages.items():
        t0 = time.process_time()
        for _ in range(passes):
            for body, url in items:
                read[kind](body, url)
        cpu = time.process_time() - t0
        n = passes * len(items)
        print(f"{kind:8s} {len(items):4d} pages × {passes}: {n / cpu:8.0f} pages/s (CPU)")


def without_ours() -> dict:
    """The project's PAGE_ANALYZERS with the interaction and service analyzers switched off."""
    from scrapy.utils.project import get_project_settings

    analyzers = get_project_settings().getdict("PAGE_ANALYZERS")
    return {k: v for k, v in analyzers.items()
            if not k.startswith(("crawler.analyzers.interaction.", "crawler.analyzers.service."))}


def crawl(analyzers_on: bool):
    with DemoRegion(first_address=40) as region, tempfile.TemporaryDirectory() as tmp:
        registry = region.write_registry(Path(tmp) / "sites.csv")
        db = Path(tmp) / "bench.db"
        extra = [] if analyzers_on else ["-s", f"PAGE_ANALYZERS={json.dumps(without_ours())}"]
        t0 = time.perf_counter()
        result = crawl_inspect(registry, db, ASOF, *extra)
        wall = time.perf_counter() - t0
        assert result.returncode == 0, result.stderr[-2000:]
        con = sqlite3.connect(db)
        pages = dict(con.execute("SELECT role, count(*) FROM pages GROUP BY role").fetchall())
        facts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("channels", "messages", "service_entries", "service_guides")
                 if con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (t,)).fetchone()}
        stats = json.loads(con.execute("SELECT stats FROM runs WHERE spider = 'inspect'").fetchone()[0])
        con.close()
        gets = stats.get("downloader/request_method_count/GET", 0)
        print(f"analyzers {'on ' if analyzers_on else 'off'}: {wall:5.1f} s wall, {len(SITES)} sites, {gets} GET requests "
              f"({gets / len(SITES):.1f}/site), pages stored by role {pages}, facts {facts}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=20)
    args = parser.parse_args()
    readers(args.passes)
    crawl(False)
    crawl(True)


if __name__ == "__main__":
    main()
