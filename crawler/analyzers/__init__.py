"""Page analyzers: components that read every fetched page of a site and yield facts.

An analyzer is enabled in the PAGE_ANALYZERS setting ({dotted path: order}) and built with
``from_crawler``. The inspect spider calls ``analyze`` for each HTML page whose role the analyzer
lists (homepage, column, article, …). An analyzer that needs more pages asks the spider for them
with ``spider.follow(site, url, self, "step_name", role=…)``; the response comes back to its method
``step_name(spider, response, site)``. Those requests count against the site's budget and
politeness slot like any other, and survive a JOBDIR resume.

Analyzers yield facts (items with ``table`` and ``key``), never verdicts: rules judge the facts.
"""

from __future__ import annotations

from typing import Iterable

from scrapy.utils.misc import load_object


class Analyzer:
    name: str = ""
    roles: tuple[str, ...] = ("homepage",)
    # attributes holding what the run has learnt so far (links seen, checks under way, budgets spent):
    # a crawl resumed from JOBDIR goes on with them (``carry_over``); their values must pickle
    kept: tuple[str, ...] = ()

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def analyze(self, spider, response, page, site, role: str) -> Iterable:
        """Facts (items) and follow-up requests (through ``spider.follow``) for one page."""
        return ()

    def failed(self, spider, failure, site, step: str) -> Iterable:
        """Called when a page this analyzer followed could not be fetched (already stored as a page)."""
        return ()

    def carry_over(self, state: dict) -> None:
        """Go on with what a stopped crawl knew. ``state`` is this analyzer's part of the spider's
        state, which Scrapy's SpiderState keeps in JOBDIR at a clean stop: each ``kept`` attribute is
        taken from it, or put in it for the next stop."""
        for name in self.kept:
            setattr(self, name, state.setdefault(name, getattr(self, name)))

    def release(self) -> list:
        """Facts held back to leave in batches, handed over and forgotten. An analyzer that holds facts
        yields what this returns when it sees fit; the store takes the rest when the crawl closes."""
        return []


def load_analyzers(crawler) -> dict[str, Analyzer]:
    enabled = [(path, order) for path, order in crawler.settings.getdict("PAGE_ANALYZERS").items() if order is not None]
    out = {}
    for path, _ in sorted(enabled, key=lambda kv: kv[1]):
        cls = load_object(path)
        analyzer = cls.from_crawler(crawler)
        if not analyzer.name:
            raise ValueError(f"PAGE_ANALYZERS: {path} has no name")
        out[analyzer.name] = analyzer
    return out
