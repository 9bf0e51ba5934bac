"""互动交流: find a site's interaction channels and read the messages they publish.

Facts: ``channels`` (each channel link found, its class from the keyword table, and whether its
list could be read) and ``messages`` (title, asked and answered dates as published, status,
answering unit). A message whose dates are missing or malformed is stored with that issue; it
never hides the other messages. Rules (rules/builtin/interaction_poor.py) judge these facts.

Settings: INTERACTION_CHANNELS_FILE (extra keyword rows), INTERACTION_LIST_PAGES (list pages read
per channel), INTERACTION_MESSAGE_PAGES (message pages fetched per list page when the list leaves a
date out), INTERACTION_LOOKBACK_DAYS (how far back list pages are followed),
INTERACTION_SITE_MAX_REQUESTS (all interaction requests of one site, within the site's budget).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import ClassVar

from scrapy.http import TextResponse

from crawler.analyzers import Analyzer
from crawler.extract import Page, pagination
from crawler.extract.interaction import (Message, channel_classifier, find_channels, read_date, read_json, read_list,
                                         read_message_page, reply_state)
from crawler.failures import classify
from crawler.registry import host_of
from crawler.spiders.inspect import canonical


@dataclass
class ChannelItem:
    """An interaction channel linked from a site, and what reading its message list gave."""

    table: ClassVar[str] = "channels"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "channel_url")
    site_id: str
    channel_url: str
    name: str
    cls: str  # consultation, suggestion, interview, survey, petition, discipline
    keyword: str = ""
    found_on: str = ""
    status: str = "pending"  # pending (not fetched), ok, empty (says 暂无), unreadable, error
    outcome: str = ""  # the typed fetch failure when status is error
    error: str = ""
    shape: str = ""  # table, labelled, links (jact), list (read on the message pages), json
    messages: int = 0  # messages on the first list page (or the JSON endpoint)
    placeholder: str = ""
    endpoint: str = ""


@dataclass
class MessageItem:
    """One published message (留言/来信) of a channel, with its dates as published."""

    table: ClassVar[str] = "messages"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "message_id")
    site_id: str
    channel_url: str
    message_id: str  # the message page URL, or list URL#n for rows without a page
    url: str = ""
    title: str = ""
    asked_raw: str = ""
    asked: date | None = None
    asked_issue: str = ""  # '', missing, malformed, future
    answered_raw: str = ""
    answered: date | None = None
    answered_issue: str = ""  # '', missing, no_answer, malformed, before_asked
    status: str = ""
    state: str = "unknown"  # answered, open, unknown
    unit: str = ""
    source: str = "list"  # list, page, json
    list_url: str = ""
    page_error: str = ""  # the message page could not be fetched: the list's facts are kept


def page_fact(spider, response, site, role, **kw) -> list:
    """The page row of an analyzer's fetch, unless the spider stores the same URL as a column."""
    if canonical(response.url) in spider.known_columns.get(site.site_id, ()):
        return []
    return [spider.page_item(response, site, role, **kw)]


def message_item(site_id, channel_url, msg: Message, asof: date, list_url: str, n: int,
                 page_error: str = "") -> MessageItem:
    asked, asked_issue = read_date(msg.asked_raw, asof)
    if asked and asked > asof:
        asked, asked_issue = None, "future"
    answered, answered_issue = read_date(msg.answered_raw, asof)
    if asked_issue == "no_answer":
        asked_issue = "missing"
    if answered and asked and answered < asked:
        answered, answered_issue = None, "before_asked"
    state = reply_state(msg.status, msg.answered_raw)
    if answered and state != "open":
        state = "answered"
    return MessageItem(site_id=site_id, channel_url=channel_url, message_id=msg.url or f"{list_url}#{n}",
                       url=msg.url, title=msg.title, asked_raw=msg.asked_raw, asked=asked, asked_issue=asked_issue,
                       answered_raw=msg.answered_raw, answered=answered, answered_issue=answered_issue,
                       status=msg.status, state=state, unit=msg.unit, source=msg.source, list_url=list_url,
                       page_error=page_error)


class InteractionAnalyzer(Analyzer):
    name = "interaction"
    roles = ("homepage", "homepage_panel", "homepage_menu", "column")
    kept = ("seen", "spent")

    def __init__(self, crawler):
        super().__init__(crawler)
        self.classify = channel_classifier(self.settings.get("INTERACTION_CHANNELS_FILE") or "")
        self.list_pages = self.settings.getint("INTERACTION_LIST_PAGES", 3)
        self.message_pages = self.settings.getint("INTERACTION_MESSAGE_PAGES", 20)
        self.lookback_days = self.settings.getint("INTERACTION_LOOKBACK_DAYS", 366)
        self.site_budget = self.settings.getint("INTERACTION_SITE_MAX_REQUESTS", 120)
        self.seen: dict[str, set[str]] = {}
        self.spent: dict[str, int] = {}

    def analyze(self, spider, response, page, site, role):
        seen = self.seen.setdefault(site.site_id, set())
        for link in find_channels(page.body, page.url, self.classify, page.links):
            if link.url in seen:
                continue
            seen.add(link.url)
            if link.cls == "hub":
                # a hub (互动交流) only lists channels: read it here unless the spider reads it as a column
                if canonical(link.url) not in spider.known_columns.get(site.site_id, ()):
                    req = self._follow(spider, site, link.url, "parse_hub")
                    if req is not None:
                        yield req
                continue
            channel = {"channel_url": link.url, "name": link.name, "cls": link.cls, "keyword": link.keyword,
                       "found_on": response.url}
            yield ChannelItem(site_id=site.site_id, **channel)
            req = self._follow(spider, site, link.url, "parse_channel", channel=channel, list_page=1)
            if req is not None:
                yield req

    # --- steps ------------------------------------------------------------------------------------

    def parse_hub(self, spider, response, site):
        if isinstance(response, TextResponse):
            yield from self.analyze(spider, response, Page(response.text, response.url), site, "hub")

    def parse_channel(self, spider, response, site):
        meta = response.meta
        channel, list_page = meta["channel"], meta["list_page"]
        if not isinstance(response, TextResponse):
            yield from page_fact(spider, response, site, "interaction", kind="other", column_url=channel["channel_url"])
            if list_page == 1:
                yield ChannelItem(site_id=site.site_id, **channel, status="unreadable", error="not an HTML page")
            return
        page = Page(response.text, response.url)
        read = read_list(page, spider.asof)
        yield from page_fact(spider, response, site, "interaction", kind="list", title=page.title,
                             column_url=channel["channel_url"], page_no=list_page, item_count=len(read.messages),
                             placeholder=read.placeholder)
        if list_page == 1:
            status = "ok" if read.messages else ("empty" if read.placeholder else "unreadable")
            endpoint = read.endpoints[0] if not read.messages and read.endpoints else ""
            yield ChannelItem(site_id=site.site_id, **channel, status="pending" if endpoint else status,
                              shape=read.shape, messages=len(read.messages), placeholder=read.placeholder,
                              endpoint=endpoint)
            if endpoint:
                req = self._follow(spider, site, endpoint, "parse_json", channel=channel)
                if req is not None:
                    yield req
        yield from self._messages(spider, site, channel, read.messages, response.url, list_page)
        if read.messages and list_page < self.list_pages and self._reaches_back(read.messages, spider.asof):
            for url in pagination.next_pages(page.body, page.scripts, response.url)[:1]:
                if host_of(url) == host_of(response.url):
                    req = self._follow(spider, site, url, "parse_channel", channel=channel, list_page=list_page + 1)
                    if req is not None:
                        yield req

    def parse_json(self, spider, response, site):
        channel = response.meta["channel"]
        yield from page_fact(spider, response, site, "interaction", kind="json", column_url=channel["channel_url"])
        try:
            messages = read_json(response.text if isinstance(response, TextResponse) else response.body.decode(
                "utf-8", "replace"), response.url)
        except ValueError as exc:
            yield ChannelItem(site_id=site.site_id, **channel, status="unreadable", shape="json",
                              endpoint=response.url, error=f"{response.url}: not JSON ({exc})")
            return
        # an empty answer may only mean the script adds parameters we do not know: unreadable, not empty
        yield ChannelItem(site_id=site.site_id, **channel, status="ok" if messages else "unreadable", shape="json",
                          messages=len(messages), endpoint=response.url,
                          error="" if messages else f"{response.url}: no message records in the JSON answer")
        for n, msg in enumerate(messages):
            yield message_item(site.site_id, channel["channel_url"], msg, spider.asof, response.url, n)

    def parse_message(self, spider, response, site):
        meta = response.meta
        listed = Message(**meta["message"])
        yield from page_fact(spider, response, site, "interaction", kind="detail",
                             column_url=meta["channel"]["channel_url"])
        if not isinstance(response, TextResponse):
            yield message_item(site.site_id, meta["channel"]["channel_url"], listed, spider.asof, meta["list_url"],
                               meta["n"], page_error="not an HTML page")
            return
        found = read_message_page(Page(response.text, response.url))
        yield message_item(site.site_id, meta["channel"]["channel_url"], listed.merged(found), spider.asof,
                           meta["list_url"], meta["n"])

    def failed(self, spider, failure, site, step):
        meta = failure.request.meta
        if step == "parse_hub":
            return  # the failed page is stored by the spider; a hub is no channel itself
        outcome, _, detail = classify(failure.value)
        channel = meta["channel"]
        if step == "parse_message":
            yield message_item(site.site_id, channel["channel_url"], Message(**meta["message"]), spider.asof,
                               meta["list_url"], meta["n"], page_error=f"{outcome}: {detail}")
        elif step == "parse_json" or meta.get("list_page") == 1:
            yield ChannelItem(site_id=site.site_id, **channel, status="error", outcome=outcome,
                              error=f"{failure.request.url}: {detail}",
                              endpoint=failure.request.url if step == "parse_json" else "")

    # --- helpers ----------------------------------------------------------------------------------

    def _follow(self, spider, site, url, step, **meta):
        """A request within the site's interaction budget (None when spent: the facts gathered stay)."""
        if self.spent.get(site.site_id, 0) >= self.site_budget:
            spider.crawler.stats.inc_value("govinspect/interaction/over_budget")
            return None
        self.spent[site.site_id] = self.spent.get(site.site_id, 0) + 1
        # dont_filter: the spider may fetch the same page as a column or article; both need the response
        return spider.follow(site, url, self, step, role="interaction", dont_filter=True, **meta)

    def _messages(self, spider, site, channel, messages, list_url, list_page):
        budget = self.message_pages
        for n, msg in enumerate(messages):
            n_key = (list_page - 1) * 1000 + n
            skipped = ""
            if msg.needs_page:
                req = None
                if budget > 0:
                    budget -= 1
                    req = self._follow(spider, site, msg.url, "parse_message", channel=channel, message=asdict(msg),
                                       list_url=list_url, n=n_key)
                if req is not None:
                    yield req
                    continue
                skipped = "not fetched: request budget spent"  # the list's facts are kept as they are
            yield message_item(site.site_id, channel["channel_url"], msg, spider.asof, list_url, n_key,
                               page_error=skipped)

    def _reaches_back(self, messages, asof) -> bool:
        """Read the next page while this one's oldest message is inside the lookback (or undated)."""
        dates = [read_date(m.asked_raw, asof)[0] for m in messages]
        known = [d for d in dates if d]
        return not known or (asof - min(known)).days <= self.lookback_days
