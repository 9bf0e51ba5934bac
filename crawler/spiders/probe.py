"""One availability round (站点无法访问, 单项否决 2): each registered homepage fetched once.

国办秘函〔2019〕19号: "监测 1 周,每天间隔性访问 20 次以上,超过(含)15 秒网站仍打不开的次数累计占比超过(含)5%,
即单项否决。" A scheduler (cron, a systemd timer, Scrapyd; see docs/probes.md) runs this spider at least
20 times a day; every outcome becomes one row of the ``probes`` table, the site's history that the
``site_unreachable`` rule reads.

``scrapy crawl probe -a sites=FILE -s INSPECT_DB=FILE.db`` (optional ``-a site=ID``, ``-a shard=i/N``,
``-a origin=NAME``). No retries, no cache, no politeness delay: one request per site, all sites at
once, so a round lasts about as long as its slowest site (at most PROBE_TIMEOUT seconds, redirect
chain included). Redirects are followed here, not by RedirectMiddleware, so that the whole
chain shares the one time budget and every hop's host is checked against the registered domains.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy import signals

from scrapy.http import TextResponse

from crawler import blocking, registry
from crawler.failures import classify
from crawler.spiders.inspect import InspectSpider

REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class ProbeItem:
    """One availability probe of a site's registered homepage."""

    table: ClassVar[str] = "probes"
    key: ClassVar[tuple[str, ...]] = ("site_id", "started_at")
    site_id: str
    started_at: str  # when the round started (ISO, ms): one row per site and round
    time: str  # when this site's request was sent
    url: str
    status: str  # ok, timeout, dns_error, connection_refused, connection_reset, tls_error, http_4xx, …
    elapsed: float | None  # seconds from sending to the answer (or the failure), over the redirect chain
    http_code: int | None = None
    final_url: str = ""
    redirects: int = 0
    origin: str = ""
    detail: str = ""


def now_ms() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


class ProbeSpider(scrapy.Spider):
    name = "probe"
    custom_settings = {
        # one request per site: a politeness delay would only queue the redirect hops
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "COOKIES_ENABLED": False,
    }

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.request_sent, signal=signals.request_reached_downloader)
        return spider

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # every site at once (its own slot); -s CONCURRENT_REQUESTS=… still wins
        settings.set("CONCURRENT_REQUESTS", settings.getint("PROBE_CONCURRENCY"), priority="spider")

    def __init__(self, sites=None, site=None, shard=None, origin=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sites = {s.site_id: s for s in InspectSpider.select_sites(sites, site=site, shard=shard)}
        self.origin_arg = origin
        self.started_at = now_ms()

    @classmethod
    def check_arguments(cls, sites=None, site=None, shard=None, **_):
        """Validate the registry before the round starts (RegistryError names the file and row)."""
        InspectSpider.select_sites(sites, site=site, shard=shard)

    @property
    def timeout(self) -> float:
        return self.settings.getfloat("PROBE_TIMEOUT")

    @property
    def origin(self) -> str:
        return self.origin_arg or self.settings.get("PROBE_ORIGIN") or socket.gethostname()

    async def start(self):
        self.logger.info("probe round %s: %d sites, timeout %ss, origin %s",
                         self.started_at, len(self.sites), self.timeout, self.origin)
        for site in self.sites.values():
            yield self.hop(site, site.url, {"probe_time": None, "probe_t0": None, "redirects": 0})

    def hop(self, site, url, state, budget=None):
        return scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True, meta={
            "site_id": site.site_id, **state,
            "download_timeout": budget if budget is not None else self.timeout,
            "download_slot": f"probe:{site.site_id}",
            "dont_retry": True, "dont_cache": True, "dont_redirect": True, "handle_httpstatus_all": True,
            "dont_merge_cookies": True,
        })

    def request_sent(self, request, spider):
        if spider is self and request.meta.get("probe_t0") is None:
            request.meta["probe_t0"] = time.monotonic()
            request.meta["probe_time"] = now_ms()

    def elapsed(self, meta) -> float | None:
        t0 = meta.get("probe_t0")
        return round(time.monotonic() - t0, 3) if t0 is not None else None

    def row(self, site, meta, status, **kw) -> ProbeItem:
        self.crawler.stats.inc_value(f"govinspect/probe/{status}")
        return ProbeItem(site_id=site.site_id, started_at=self.started_at, time=meta.get("probe_time") or now_ms(),
                         url=site.url, status=status, elapsed=self.elapsed(meta), redirects=meta["redirects"],
                         origin=self.origin, **kw)

    def parse(self, response):
        meta, site = response.meta, self.sites[response.meta["site_id"]]
        code = response.status
        if code in REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                yield self.row(site, meta, "http_3xx", http_code=code, final_url=response.url,
                               detail=f"HTTP {code} without Location")
                return
            target = urljoin(response.url, location.decode("latin-1"))
            redirects = meta["redirects"] + 1
            budget = self.timeout - (self.elapsed(meta) or 0)
            if redirects > self.settings.getint("PROBE_MAX_REDIRECTS"):
                yield self.row(site, meta, "too_many_redirects", http_code=code, final_url=target,
                               detail=f"more than {self.settings.getint('PROBE_MAX_REDIRECTS')} redirects")
            elif budget <= 0:
                yield self.row(site, meta, "timeout", http_code=code, final_url=target,
                               detail=f"not open after {self.timeout}s (redirect chain)")
            else:
                yield self.hop(site, target, {"probe_time": meta["probe_time"], "probe_t0": meta["probe_t0"],
                                              "redirects": redirects}, budget)
            return
        kw = {"http_code": code, "final_url": response.url}
        if code >= 500:
            yield self.row(site, meta, "http_5xx", detail=f"HTTP {code}", **kw)
        elif code >= 400:
            yield self.row(site, meta, "http_4xx", detail=f"HTTP {code}", **kw)
        elif code >= 300:
            yield self.row(site, meta, "http_3xx", detail=f"HTTP {code}", **kw)
        elif not response.body.strip():
            yield self.row(site, meta, "empty_body", detail=f"HTTP {code} with an empty body", **kw)
        elif isinstance(response, TextResponse) and (wall := blocking.detect(code, response.text)):
            # a WAF challenge answers fast but says nothing of the site: the rule decides whether it counts
            yield self.row(site, meta, "blocked", detail=f"{wall.kind}: {wall.detail}", **kw)
        elif not site.owns(response.url):
            # a domain change must be reported (报备), not followed silently
            yield self.row(site, meta, "offsite_redirect",
                           detail=f"ended on {registry.host_of(response.url)}, outside the registered domains", **kw)
        elif (self.elapsed(meta) or 0) >= self.timeout:
            yield self.row(site, meta, "timeout", detail=f"opened only after {self.elapsed(meta)}s", **kw)
        else:
            yield self.row(site, meta, "ok", **kw)

    def failed(self, failure):
        meta = failure.request.meta
        site = self.sites[meta["site_id"]]
        status, code, detail = classify(failure.value)
        yield self.row(site, meta, status, http_code=code, final_url=failure.request.url, detail=detail)

    def closed(self, reason):
        stats = self.crawler.stats
        failed = sum(v for k, v in stats.get_stats().items() if k.startswith("govinspect/probe/") and k != "govinspect/probe/ok")
        self.logger.info("probe round %s done (%s): %d sites, %d ok, %d failed", self.started_at, reason,
                         len(self.sites), stats.get_value("govinspect/probe/ok", 0), failed)
