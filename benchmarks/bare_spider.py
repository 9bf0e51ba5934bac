"""The baseline: a bare Scrapy spider fetching a given list of requests, one download slot per site.

Each line of the list is ``METHOD URL`` (benchmarks/record.py writes it during the inspect run).
With ``-a read=1`` it also parses every HTML page once with lxml and touches each element's tag,
attributes, text and tail: the least that any reading of the pages costs, whatever it looks for.
With ``-a items=1`` it returns one small item per response: what Scrapy's handling of an item costs.

Run from a directory without scrapy.cfg, so that only Scrapy's defaults apply:
``scrapy runspider bare_spider.py -a urls=URLS.txt [-a read=1] -s CONCURRENT_REQUESTS=128 …``
"""

from urllib.parse import urlsplit

import lxml.html
import scrapy
from scrapy.http import TextResponse


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls, read="0", items="0", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = urls
        self.read = read not in ("0", "", "false", "False")
        self.items = items not in ("0", "", "false", "False")

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
        if self.read and isinstance(response, TextResponse) and response.body:
            self.crawler.stats.inc_value("bare/elements_read", touch(lxml.html.document_fromstring(response.text)))
        # a list, not a generator: Scrapy re-reads a generator callback's source for every response
        return [{"url": response.url}] if self.items else None

    def failed(self, failure):
        self.crawler.stats.inc_value("bare/failed")


def touch(root) -> int:
    n = 0
    for el in root.iter():
        el.tag, el.attrib.items(), el.text, el.tail
        n += 1
    return n
