"""Where a crawl's CPU goes, by stage: py-spy samples of the crawl process grouped by the innermost
stage frame of each stack.

    .venv/bin/python -m benchmarks.profile_split INSPECT.txt BARE.txt

The inputs are ``py-spy record --format raw`` files (``benchmarks.scale --overhead --profile`` writes
them for the inspect crawl and the bare spider of the same requests). Idle threads are left out.
"""

from __future__ import annotations

import argparse
from collections import Counter

# stage → frame name fragments; a sample counts for the stage of its innermost matching frame
STAGES = {
    "our callbacks": ("finishes_request.<locals>.wrapper", "BareSpider.parse", "BareSpider.failed",
                      "InspectSpider.on_error"),
    "item pipelines": ("Scraper.start_itemproc_async", "ItemPipelineManager"),
    "start requests": ("InspectSpider.start", "BareSpider.start"),
    "closing (judging, storing)": ("spider_closed", "close_spider"),
    "downloader middlewares": ("DownloaderMiddlewareManager",),
    "HTTP client": ("HTTP11DownloadHandler", "HTTPConnectionPool", "HTTP11ClientProtocol", "Connection.doRead",
                    "_dataReceived", "doWrite", "connectionLost"),
    "scheduler": ("Scheduler.", "PriorityQueue", "RFPDupeFilter"),
    "spider middlewares, scraper": ("SpiderMiddlewareManager", "Scraper."),
    "engine, downloader": ("ExecutionEngine", "Downloader."),
    "logging": ("LogStats", "logging/"),
}


def split(path: str) -> Counter:
    out: Counter = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            stack, _, count = line.rstrip().rpartition(" ")
            if "Thread._bootstrap" in stack:
                continue
            stage = "other (asyncio, Twisted, signals)"
            for frame in reversed(stack.split(";")):
                hit = next((name for name, parts in STAGES.items() if any(p in frame for p in parts)), None)
                if hit:
                    stage = hit
                    break
            out[stage] += int(count)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inspect")
    parser.add_argument("bare")
    opts = parser.parse_args(argv)
    full, bare = split(opts.inspect), split(opts.bare)
    total_full, total_bare = sum(full.values()), sum(bare.values())
    print(f"| stage | inspect | bare | difference | share of the difference |")
    print("| --- | --- | --- | --- | --- |")
    diff = total_full - total_bare
    for stage in sorted(set(full) | set(bare), key=lambda s: -(full[s] - bare[s])):
        d = full[stage] - bare[stage]
        print(f"| {stage} | {full[stage]:,} | {bare[stage]:,} | {d:+,} | {d / diff:.0%} |")
    print(f"| all | {total_full:,} | {total_bare:,} | {diff:+,} ({diff / total_bare:+.0%} over bare) | |")


if __name__ == "__main__":
    main()
