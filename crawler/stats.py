"""Crawl stats at less cost per request: what Scrapy counts, without what costs most to count.

Scrapy's ``DownloaderStats`` writes out every request as HTTP to count its bytes, and sums every
response's header sizes; its stats collector looks each method up through a hook on every access
(to warn about an argument none of our components pass). Together that was about 5 % of an inspect
crawl's CPU (BENCHMARKS.md). Scrapy's request, response and exception counts keep their names in the
run's stats (``runs.stats``); the byte counts are not kept.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.stats import DownloaderStats
from scrapy.statscollectors import MemoryStatsCollector


class StatsCollector(MemoryStatsCollector):
    """Scrapy's in-memory stats collector, its methods looked up as on any other object."""

    __getattribute__ = object.__getattribute__


class DownloadCounts(DownloaderStats):
    """Scrapy's ``downloader/…`` counts of requests, responses and exceptions, by method, status and type,
    without the byte counts."""

    def process_request(self, request):
        self.stats.inc_value("downloader/request_count")
        self.stats.inc_value(f"downloader/request_method_count/{request.method}")

    def process_response(self, request, response):
        self.stats.inc_value("downloader/response_count")
        self.stats.inc_value(f"downloader/response_status_count/{response.status}")
        return response
