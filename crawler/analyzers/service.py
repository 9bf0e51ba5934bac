"""办事服务: the site's service entries, and a sample of its 办事指南 pages scored on the 8 elements.

Facts: ``service_entries`` (each 办事服务 / 政务服务 platform / 办事指南 link found) and
``service_guides`` (each sampled guide page: the element categories it shows, those it lacks).
Only on-site pages are followed; a link to the provincial 政务服务 platform is recorded, not fetched.
Rules (rules/builtin/service_unusable.py) judge these facts.

Settings: SERVICE_ENTRIES_FILE (extra rows for crawler/data/service_entries.csv),
SERVICE_GUIDE_SAMPLE (guide pages read per site), SERVICE_GUIDE_LISTS (guide lists or service
pages followed per site).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scrapy.http import TextResponse

from crawler.analyzers import Analyzer
from crawler.analyzers.interaction import page_fact
from crawler.extract import Page
from crawler.extract.service import entry_table, find_service_links, guide_links, read_guide
from crawler.failures import classify


@dataclass
class ServiceEntryItem:
    """A 办事服务 entry, a 政务服务 platform link or a 办事指南 link on the site."""

    table: ClassVar[str] = "service_entries"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "url")
    site_id: str
    url: str
    name: str
    kind: str  # entry, platform, guide
    matched: str = ""
    found_on: str = ""
    on_site: bool = True


@dataclass
class GuideItem:
    """One sampled 办事指南 page and the element categories it shows."""

    table: ClassVar[str] = "service_guides"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "url")
    site_id: str
    url: str
    title: str = ""
    list_url: str = ""
    status: str = "ok"  # ok, not_guide (no element, not called a guide), error, unreadable
    error: str = ""
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # labelled without a value (counted as missing)
    missing_count: int = 0


class ServiceAnalyzer(Analyzer):
    name = "service"
    roles = ("homepage", "homepage_panel", "homepage_menu", "column")
    kept = ("seen", "lists", "sampled")

    def __init__(self, crawler):
        super().__init__(crawler)
        self.table = entry_table(self.settings.get("SERVICE_ENTRIES_FILE") or "")
        self.sample = self.settings.getint("SERVICE_GUIDE_SAMPLE", 5)
        self.max_lists = self.settings.getint("SERVICE_GUIDE_LISTS", 2)
        self.seen: dict[str, set[str]] = {}
        self.lists: dict[str, int] = {}
        self.sampled: dict[str, set[str]] = {}

    def analyze(self, spider, response, page, site, role):
        yield from self._links(spider, response.url, page, site)

    def _links(self, spider, page_url, page, site):
        seen = self.seen.setdefault(site.site_id, set())
        for link in find_service_links(page.body, page.url, self.table, page.links):
            if link.url in seen:
                continue
            seen.add(link.url)
            on_site = spider.owns(site, link.url)
            yield ServiceEntryItem(site_id=site.site_id, url=link.url, name=link.name, kind=link.kind,
                                   matched=link.matched, found_on=page_url, on_site=on_site)
            # follow on-site entries and guide lists (a short 办事指南 link, not one guide's title) only:
            # the platform is someone else's site
            is_list = link.kind == "entry" or (link.kind == "guide" and len(link.name) <= 6)
            if on_site and is_list and self.lists.get(site.site_id, 0) < self.max_lists:
                self.lists[site.site_id] = self.lists.get(site.site_id, 0) + 1
                req = spider.follow(site, link.url, self, "parse_list", role="service", kind=link.kind,
                                    dont_filter=True)
                if req is not None:
                    yield req

    def parse_list(self, spider, response, site):
        if not isinstance(response, TextResponse):
            yield from page_fact(spider, response, site, "service", kind="other")
            return
        page = Page(response.text, response.url)
        guides = [(t, u) for t, u in guide_links(page.body, response.url, spider.asof) if spider.owns(site, u)
                  # on a 办事服务 page only links named as guides are guides; a 办事指南 list's items all are
                  and (response.meta["kind"] == "guide" or "指南" in t)]
        yield from page_fact(spider, response, site, "service", kind="list", title=page.title,
                             item_count=len(guides))
        sampled = self.sampled.setdefault(site.site_id, set())
        for title, url in guides:
            if len(sampled) >= self.sample or url in sampled:
                continue
            sampled.add(url)
            req = spider.follow(site, url, self, "parse_guide", role="service", list_url=response.url, title=title,
                                dont_filter=True)
            if req is not None:
                yield req
        yield from self._links(spider, response.url, page, site)

    def parse_guide(self, spider, response, site):
        meta = response.meta
        if not isinstance(response, TextResponse):
            yield from page_fact(spider, response, site, "service", kind="other")
            yield GuideItem(site_id=site.site_id, url=response.url, title=meta["title"], list_url=meta["list_url"],
                            status="unreadable", error="not an HTML page")
            return
        page = Page(response.text, response.url)
        read = read_guide(page)
        yield from page_fact(spider, response, site, "service", kind="detail", title=page.title)
        # a page with no element that does not call itself a guide is some other page of the list
        status = "ok" if read.found or "指南" in f"{meta['title']} {page.title}" else "not_guide"
        yield GuideItem(site_id=site.site_id, url=response.url, title=meta["title"], list_url=meta["list_url"],
                        status=status, found=read.found, missing=read.missing, empty=read.empty,
                        missing_count=len(read.missing))

    def failed(self, spider, failure, site, step):
        if step == "parse_guide":
            meta = failure.request.meta
            outcome, _, detail = classify(failure.value)
            yield GuideItem(site_id=site.site_id, url=failure.request.url, title=meta["title"],
                            list_url=meta["list_url"], status="error", error=f"{outcome}: {detail}")
