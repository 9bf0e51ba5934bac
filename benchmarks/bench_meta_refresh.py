"""What the meta refresh check costs a page: Scrapy's MetaRefreshMiddleware against the project's
(crawler.middlewares.MetaRefresh), over the HTML pages a `benchmarks.scale` run fetched.

    .venv/bin/python -m benchmarks.scale --sites 250 --workdir /tmp/bench
    .venv/bin/python -m benchmarks.bench_meta_refresh --workdir /tmp/bench [--passes 3]

Each pass builds a fresh response for every page (Scrapy caches its finding per response) and times
``process_response`` alone; decoding the body, which the spider does anyway, is timed apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from scrapy import Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from benchmarks.bench_callbacks import load
from crawler.middlewares import MetaRefresh


def responses(pages) -> list[HtmlResponse]:
    return [HtmlResponse(url, body=body, request=Request(url)) for url, body, _ in pages]


def timed(pages, step) -> float:
    """µs per page of ``step(response)``."""
    fresh = responses(pages)
    start = time.process_time()
    for response in fresh:
        step(response)
    return 1e6 * (time.process_time() - start) / len(fresh)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", required=True, help="a benchmarks.scale --workdir")
    parser.add_argument("--sites", type=int, default=250)
    parser.add_argument("--passes", type=int, default=3)
    opts = parser.parse_args(argv)
    pages = load(Path(opts.workdir), opts.sites)
    crawler = get_crawler(Spider)
    crawler.spider = Spider("bench")
    scrapys, ours = MetaRefreshMiddleware.from_crawler(crawler), MetaRefresh.from_crawler(crawler)
    redirected = sum(isinstance(ours.process_response(r.request, r), Request) for r in responses(pages))
    print(f"{len(pages)} pages, {redirected} with a meta refresh")
    for i in range(opts.passes):
        print(f"pass {i + 1}: Scrapy's {timed(pages, lambda r: scrapys.process_response(r.request, r)):.1f} µs a page, "
              f"ours {timed(pages, lambda r: ours.process_response(r.request, r)):.1f} µs, "
              f"decoding the body {timed(pages, lambda r: r.text):.1f} µs", flush=True)


if __name__ == "__main__":
    main()
