"""The baseline: a bare Scrapy spider fetching a given list of requests, one download slot per site.

Each line of the list is ``METHOD URL`` (benchmarks/record.py writes it during the inspect run).

Run from a directory without scrapy.cfg, so that only Scrapy's defaults apply:
``scrapy runspider bare_spider.py -a urls=URLS.txt -s CONCURRENT_REQUESTS=128 …``
"""

from urllib.parse import urlsplit

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = urls

    async def start(self):
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    method, url = line.split()
                    yield scrapy.Request(url, method=method, callback=self.parse, errback=self.failed,
                                         dont_filter=True, meta={"download_slot": urlsplit(url).hostname,
                                                                 "handle_httpstatus_all": True})

    def parse(self, response):
        self.crawler.stats.inc_value("bare/pages")

    def failed(self, failure):
        self.crawler.stats.inc_value("bare/failed")
