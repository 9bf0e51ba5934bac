"""The inspect spider's own reading of pages, without Scrapy around it: CPU per page of its callbacks.

Replays the homepage, column and article callbacks of `scrapy crawl inspect` over the pages a
`benchmarks.scale` run fetched, in one process, from the files nginx served (no network, no
engine, no pipelines). What it measures is the part of the crawl's overhead that is our reading
of each page: parsing, lists, dates, pagination, columns and the analyzers (security, links,
service, interaction, identity). The requests the callbacks yield are built, not sent.

    .venv/bin/python -m benchmarks.scale --sites 250 --workdir /tmp/bench
    .venv/bin/python -m benchmarks.bench_callbacks --workdir /tmp/bench [--sites 250] [--passes 3] [--profile OUT] \
        [-s 'PAGE_ANALYZERS={}']

Pass 1 sees each site for the first time, as the crawl did; later passes start each site's state
afresh but the link checker remembers the URLs it has checked, so they yield fewer requests.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse, Request
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from benchmarks.region import file_for
from benchmarks.scale import ASOF
from crawler.spiders.inspect import InspectSpider

ROLES = ("homepage", "column", "article")


def load(work: Path, sites: int) -> list[tuple[str, bytes, dict]]:
    """(url, body, meta) of every page the crawl read, in the crawl's order."""
    con = sqlite3.connect(work / f"inspect-{sites}.db")
    try:
        columns = {url: (category, level) for url, category, level in
                   con.execute("SELECT column_url, category, level FROM columns")}
        rows = con.execute("SELECT url, site_id, role, column_url, page_no FROM pages WHERE status = 200 "
                           "AND role IN ('homepage', 'column', 'article') ORDER BY rowid").fetchall()
    finally:
        con.close()
    jobs = []
    for url, site_id, role, column_url, page_no in rows:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = (work / "www" / parts.hostname / file_for(path)).read_bytes()
        meta = {"site_id": site_id, "role": role}
        if role == "column":
            category, level = columns.get(column_url, ("", 1))
            meta.update(column_url=column_url, category=category, level=level, page_no=page_no or 1)
        elif role == "article":
            meta.update(column_url=column_url, list_date="")
        jobs.append((url, body, meta))
    if not jobs:
        raise SystemExit(f"{work}/inspect-{sites}.db: no pages (run benchmarks.scale --sites {sites} first)")
    return jobs


def spider_for(work: Path, sites: int, overrides: dict | None = None) -> InspectSpider:
    settings = get_project_settings().copy_to_dict()
    settings.pop("TWISTED_REACTOR", None)
    settings.update({"TWISTED_REACTOR_ENABLED": False, "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING",
                     "INSPECT_DB": str(work / "bench-callbacks.db"), **(overrides or {})})
    crawler = get_crawler(InspectSpider, settings_dict=settings)
    spider = InspectSpider.from_crawler(crawler, sites=str(work / f"sites-{sites}.csv"), asof=ASOF)
    spider.crawler = crawler
    return spider


def replay(spider: InspectSpider, jobs) -> tuple[dict[str, float], dict[str, int], int]:
    for per_site in (spider.known_columns, spider.extra_hosts):
        for value in per_site.values():
            value.clear()
    for site_id in spider.requests_made:
        spider.requests_made[site_id] = 0
    callbacks = {"homepage": spider.parse_homepage, "column": spider.parse_column, "article": spider.parse_article}
    cpu, pages, outputs = dict.fromkeys(ROLES, 0.0), dict.fromkeys(ROLES, 0), 0
    for url, body, meta in jobs:
        response = HtmlResponse(url, body=body, request=Request(url, meta=dict(meta)))
        role = meta["role"]
        start = time.process_time()
        for _ in callbacks[role](response):
            outputs += 1
        cpu[role] += time.process_time() - start
        pages[role] += 1
    return cpu, pages, outputs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", required=True, help="a benchmarks.scale --workdir (www/, sites-N.csv, inspect-N.db)")
    parser.add_argument("--sites", type=int, default=250, help="which region size of that run (default 250)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--profile", metavar="OUT", help="cProfile pass 1 into OUT (pstats format)")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting for the replay, e.g. PAGE_ANALYZERS={} to time the callbacks without analyzers")
    opts = parser.parse_args(argv)
    work = Path(opts.workdir)
    jobs = load(work, opts.sites)
    spider = spider_for(work, opts.sites, dict(s.split("=", 1) for s in opts.settings))
    for i in range(opts.passes):
        if opts.profile and i == 0:
            import cProfile

            profiler = cProfile.Profile()
            cpu, pages, outputs = profiler.runcall(replay, spider, jobs)
            profiler.dump_stats(opts.profile)
        else:
            cpu, pages, outputs = replay(spider, jobs)
        total = sum(cpu.values())
        roles = ", ".join(f"{r} {pages[r]} pages {1000 * cpu[r] / max(1, pages[r]):.2f} ms" for r in ROLES)
        print(f"pass {i + 1}{' (profiled)' if opts.profile and i == 0 else ''}: {sum(pages.values())} pages, "
              f"{outputs} outputs, CPU {total:.2f} s, {1000 * total / sum(pages.values()):.2f} ms/page ({roles})",
              flush=True)


if __name__ == "__main__":
    main()
