"""An extension recording every response's request (method and URL), so that the bare spider can
fetch exactly what the inspect run fetched. One line per response; its cost counts against us."""

from scrapy import signals


class RequestRecorder:
    def __init__(self, path):
        self.out = open(path, "w", encoding="utf-8")

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.settings.get("BENCH_RECORD_REQUESTS"))
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def response_received(self, response, request, spider):
        self.out.write(f"{request.method} {request.url}\n")

    def spider_closed(self, spider):
        self.out.close()
