"""Link health (链接可用性): facts for the broken_links rule.

The links (``a``, ``img``, attachments) of the homepage and of the crawled column and article pages
are checked with HEAD, falling back to a GET that stops after the headers (``StopDownload``) when a
server refuses HEAD (an error status or a dropped connection); attachments are never downloaded whole (``download_maxsize``). Each URL is
checked once per run: a link found on several pages, or an external URL linked by several sites,
is one request. At most LINKS_MAX_PER_SITE URLs per site are checked (homepage links first, since
the homepage is analysed first). Every site also gets a soft-404 probe: a random path must answer
404; a site that answers 200 hides its broken links, and the rule says its findings are unreliable.

One row per (site, URL) in the ``links`` table: outcome ``ok``, ``broken`` (4xx other than 401/403/
429, 5xx, or a failed fetch), ``unverifiable`` (401, 403, 429: a login or a firewall, not a dead link);
for the soft-404 probe ``not_found`` (good) or ``soft_404``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urldefrag, urlsplit

from scrapy import signals
from scrapy.exceptions import StopDownload

from crawler.analyzers import Analyzer
from crawler.extract.html import join, text_of
from crawler.failures import classify
from crawler.items import now_iso

ATTACHMENT_EXT = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".zip", ".rar", ".7z",
                  ".txt", ".csv", ".ofd", ".tif", ".mp4", ".avi")
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#", "vbscript:")
UNVERIFIABLE = (401, 403, 407, 429)
ERROR_STATUSES = range(400, 600)  # every status reaches the callback
HEAD_REFUSED = (400, 403, 404, 405, 406, 409, 500, 501, 502, 503)  # try GET before calling it broken


@dataclass
class LinkItem:
    """One checked link of a site (or the site's soft-404 probe)."""

    table: ClassVar[str] = "links"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "url")
    site_id: str
    url: str
    kind: str  # a, img, attachment, soft404_probe
    page_url: str  # the first page found linking it
    on_homepage: bool
    external: bool
    outcome: str  # ok, broken, unverifiable, not_found, soft_404
    http_code: int | None = None
    method: str = ""
    detail: str = ""
    text: str = ""  # the link's text or alt
    checked_at: str = ""


@dataclass
class _Link:
    site_id: str
    url: str
    kind: str
    page_url: str
    on_homepage: bool
    external: bool
    text: str


class LinkAnalyzer(Analyzer):
    name = "links"
    roles = ("homepage", "homepage_panel", "homepage_menu", "column", "article")
    kept = ("seen", "results", "waiting")

    def __init__(self, crawler):
        super().__init__(crawler)
        self.seen: dict[str, dict[str, _Link]] = {}  # site → url → first sighting
        self.results: dict[str, tuple] = {}  # url → (outcome, code, method, detail), once per run
        self.waiting: dict[str, list[_Link]] = {}  # url → sightings waiting for the one check under way
        # a check's facts leave with a page's, or LINKS_FACT_BATCH at a time, or LINKS_FACT_SECONDS after
        # the first: one Scrapy item per check costs more than the check's own reading
        self.held: list[LinkItem] = []
        self.held_since = 0.0
        self.batch = self.settings.getint("LINKS_FACT_BATCH")
        self.hold_seconds = self.settings.getfloat("LINKS_FACT_SECONDS")
        # read once: asked for every page and every check
        self.budget = self.settings.getint("LINKS_MAX_PER_SITE")
        self.timeout = self.settings.getfloat("LINKS_TIMEOUT")
        self.maxsize = self.settings.getint("LINKS_MAXSIZE")
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)

    def headers_received(self, headers, body_length, request, spider):
        # a link check needs the status line only: stop before the body of a GET fallback
        if request.meta.get("analyzer") == self.name and request.method == "GET":
            raise StopDownload(fail=False)

    def analyze(self, spider, response, page, site, role):
        seen = self.seen.setdefault(site.site_id, {})
        if role == "homepage":
            yield from self.soft404_probe(spider, site, response)
        on_homepage = role in ("homepage", "homepage_panel", "homepage_menu")  # shown on the homepage
        for url, attr, node in self.links(response, page):
            if url in seen:
                if on_homepage:
                    seen[url].on_homepage = True
                continue
            kind = self.kind(url, attr)
            if kind is None:
                continue
            if len(seen) >= self.budget:
                spider.crawler.stats.inc_value("govinspect/links/over_site_budget")
                break
            external = not site.owns(url)
            if external and not self.may_leave(site, url):
                continue
            text = text_of(node) or node.get("alt", "") or node.get("title", "")
            link = _Link(site.site_id, url, kind, response.url, on_homepage, external, text[:80])
            seen[url] = link
            yield from self.check(spider, site, link)
        yield from self.release()

    def may_leave(self, site, url) -> bool:
        """External links are checked unless switched off; a site served on loopback (a fixture, the demo)
        never sends the checker off this machine, whatever its pages link to."""
        if not self.settings.getbool("LINKS_CHECK_EXTERNAL"):
            return False
        return not _loopback(urlsplit(site.url).hostname) or _loopback(urlsplit(url).hostname)

    def links(self, response, page):
        """(url, "href" or "src", element) of every link and image of the page (its parsed tree: no
        second parse); a site's pages share most of their links, so ``kind`` reads a URL only when new."""
        for node, attr in [(a, "href") for a in page.root.iter("a")] + [(img, "src") for img in page.root.iter("img")]:
            raw = (node.get(attr) or "").strip()
            if not raw or raw.lower().startswith(SKIP_SCHEMES):
                continue
            yield urldefrag(join(response.url, raw))[0], attr, node

    @staticmethod
    def kind(url: str, attr: str) -> str | None:
        """a, attachment or img; None for a URL the checker cannot fetch (not http or https)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return None
        if attr == "src":
            return "img"
        return "attachment" if parts.path.lower().endswith(ATTACHMENT_EXT) else "a"

    def check(self, spider, site, link: _Link):
        if link.url in self.results:
            yield self.fact(link, *self.results[link.url])
            return
        if link.url in self.waiting:
            self.waiting[link.url].append(link)
            return
        req = self.request(spider, site, link.url, "checked", "HEAD")
        if req is None:
            return
        self.waiting[link.url] = [link]
        yield req

    def request(self, spider, site, url, step, method):
        """A check request: redirects followed, every status seen, after the site's own pages (priority)."""
        return spider.follow(site, url, self, step, role="link", method=method, priority=-10, link_url=url,
                             dont_filter=True, record_page=False, handle_httpstatus_list=ERROR_STATUSES,
                             dont_cache=True, download_timeout=self.timeout, download_maxsize=self.maxsize)

    def checked(self, spider, response, site):
        code, method, url = response.status, response.request.method, response.meta["link_url"]
        if method == "HEAD" and code in HEAD_REFUSED:
            req = self.request(spider, site, url, "checked", "GET")
            if req is not None:
                yield req
                return
        if code in UNVERIFIABLE:
            outcome = "unverifiable"
        else:
            outcome = "broken" if code >= 400 else "ok"
        yield from self.resolve(url, (outcome, code, method, f"HTTP {code}"))

    def failed(self, spider, failure, site, step):
        outcome, code, detail = classify(failure.value)
        url = failure.request.meta["link_url"]
        if step == "soft404_checked":
            yield LinkItem(site_id=site.site_id, url=url, kind="soft404_probe", page_url=site.url, on_homepage=False,
                           external=False, outcome="unverifiable", detail=f"{outcome}: {detail}", checked_at=now_iso())
            return
        if failure.request.method == "HEAD" and outcome not in ("timeout", "dns_error", "connection_refused"):
            req = self.request(spider, site, url, "checked", "GET")  # some servers drop HEAD requests
            if req is not None:
                yield req
                return
        yield from self.resolve(url, ("broken", code, failure.request.method, f"{outcome}: {detail}"))

    def resolve(self, url, result):
        """The check of ``url`` is done: a fact for every sighting waiting for it (any site), held until
        LINKS_FACT_BATCH are, the first has waited LINKS_FACT_SECONDS, or no check is under way."""
        self.results[url] = result
        if not self.held:
            self.held_since = time.monotonic()
        self.held += [self.fact(link, *result) for link in self.waiting.pop(url, ())]
        if len(self.held) >= self.batch or not self.waiting or time.monotonic() - self.held_since > self.hold_seconds:
            yield from self.release()

    def release(self) -> list:
        held, self.held = self.held, []
        return held

    def fact(self, link: _Link, outcome, code, method, detail) -> LinkItem:
        self.crawler.stats.inc_value(f"govinspect/links/{outcome}")
        return LinkItem(site_id=link.site_id, url=link.url, kind=link.kind, page_url=link.page_url,
                        on_homepage=link.on_homepage, external=link.external, outcome=outcome, http_code=code,
                        method=method, detail=detail, text=link.text, checked_at=now_iso())

    def soft404_probe(self, spider, site, response):
        parts = urlsplit(response.url)
        # the same made-up path on every run, so a re-run replaces its row instead of adding one
        token = hashlib.sha1(site.site_id.encode()).hexdigest()[:12]
        url = f"{parts.scheme}://{parts.netloc}/govinspect-{token}.html"
        req = self.request(spider, site, url, "soft404_checked", "GET")
        if req is not None:
            yield req

    def soft404_checked(self, spider, response, site):
        code = response.status
        if code in (404, 410):
            outcome, detail = "not_found", f"HTTP {code}"
        elif code < 400:
            outcome, detail = "soft_404", f"不存在的页面返回 HTTP {code}（{response.url}）"
        else:
            outcome, detail = "unverifiable", f"HTTP {code}"
        yield LinkItem(site_id=site.site_id, url=response.meta["link_url"], kind="soft404_probe", page_url=site.url,
                       on_homepage=False, external=False, outcome=outcome, http_code=code, method="GET",
                       detail=detail, checked_at=now_iso())


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False
