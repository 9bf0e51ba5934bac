"""The region-wide website inspection: homepage → columns → list pages (+ pagination)."""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.http import TextResponse
from scrapy.spiderloader import get_spider_loader

from crawler import blocking, registry, render
from crawler.extract import Page, PageExtract, columns, extract_page, listing, panels, scriptlists
from crawler.analyzers import load_analyzers
from crawler.failures import body_problem, classify
from crawler.items import ColumnItem, EntryItem, PageItem, RunItem, SiteItem, now_iso
from crawler.progress import SiteTracker

logger = logging.getLogger(__name__)
CADENCE = ("news", "notice", "personnel_plan", "cadence")


def parse_asof(value) -> date:
    if not value:
        raise registry.RegistryError("asof is required: -a asof=YYYY-MM-DD (the 监测时间点)")
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise registry.RegistryError(f"asof={value!r}: expected YYYY-MM-DD") from None


def canonical(url: str) -> str:
    """One URL per column: no fragment, and /x/index.html is /x/."""
    parts = urlsplit(url)
    path = parts.path or "/"
    for index in ("index.html", "index.htm", "index.shtml", "index.jhtml"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def finishes_request(callback):
    """Count the request as finished for its site once the callback's output is consumed."""

    @functools.wraps(callback)
    def wrapper(self, result):
        meta = getattr(result, "meta", None) or result.request.meta
        try:
            yield from callback(self, result)
        finally:
            self.request_finished(meta["site_id"])

    return wrapper


class InspectSpider(scrapy.Spider):
    """Inspect every site of a registry.

    Arguments (-a): ``sites`` (the registry CSV), ``asof`` (YYYY-MM-DD), optional ``site`` (one
    site_id), ``sample`` (N or N%), ``seed``, ``shard`` (i/N), ``run_id`` (default: asof).

    Site-specific spiders subclass this and override hooks:

    - ``discover_columns(response, page, site)`` → list of ``columns.ColumnLink``;
    - ``extract_list(response, page, column)`` → ``PageExtract`` (items and next pages);
    - ``homepage_items(response, page, site)`` → list of ``listing.Entry``.

    ``claims`` lists the hosts a subclass handles when the registry does not name it.
    """

    name = "inspect"
    claims: tuple[str, ...] = ()
    judge_sites = True

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.analyzers = load_analyzers(crawler)
        spider.max_requests = crawler.settings.getint("INSPECT_SITE_MAX_REQUESTS")  # read once: asked per request
        spider.rendering = render.enable(crawler, spider.sites.values())
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    def __init__(self, sites=None, asof=None, site=None, sample=None, seed="0", shard=None,
                 run_id=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asof = parse_asof(asof)
        self.run_id = run_id or self.asof.isoformat()
        self.sample_arg, self.seed, self.shard_arg = sample or "", str(seed), shard or ""
        self.registry_path = sites or ""
        every = self.load_registry(sites)
        self.registry_total = len(every)  # the registry's size before narrowing (the 通报's "online" count)
        chosen = self.narrow(every, sites, site=site, sample=sample, seed=self.seed, shard=shard)
        self.sites = {s.site_id: s for s in chosen if self.handles(s)}
        self.site_ids = list(self.sites)
        self.tracker = SiteTracker(total=len(self.sites))
        self.known_columns: dict[str, set[str]] = {sid: set() for sid in self.sites}
        self.requests_made: dict[str, int] = {sid: 0 for sid in self.sites}
        self.extra_hosts: dict[str, set[str]] = {sid: set() for sid in self.sites}
        self._handlers: dict[str, InspectSpider] = {}

    def carry_over(self):
        """A crawl resumed from JOBDIR goes on with what the stopped one knew of each site.

        Scrapy's SpiderState keeps ``self.state`` in JOBDIR (set when the spider opens, before
        ``start`` runs). Without it, a column page answering from the restored queue before its
        site's homepage was read again would claim the homepage's columns as its sub-columns, links
        to a host the homepage redirected to would look foreign, and each site's request budget
        would start again; the analyzers go on with theirs (``Analyzer.carry_over``: the links
        already sighted, the checks still queued).
        """
        state = getattr(self, "state", None)
        if state is None:
            return  # no JOBDIR
        for name in ("known_columns", "requests_made", "extra_hosts"):
            kept = state.setdefault(name, {})
            for site_id, value in getattr(self, name).items():
                kept.setdefault(site_id, value)
            setattr(self, name, kept)
        for analyzer in self.analyzers.values():
            analyzer.carry_over(state.setdefault(f"analyzer {analyzer.name}", {}))

    # --- which sites, and which code reads them ---------------------------------------------

    @classmethod
    def check_arguments(cls, asof=None, sites=None, site=None, sample=None, seed="0", shard=None, **_):
        """Validate the -a arguments and the registry before the crawl starts (RegistryError if bad)."""
        parse_asof(asof)
        cls.select_sites(sites, site=site, sample=sample, seed=str(seed), shard=shard)

    @classmethod
    def select_sites(cls, path, site=None, sample=None, seed="0", shard=None) -> list[registry.Site]:
        """The registry's sites, narrowed to one site, a stratified sample and a shard."""
        return cls.narrow(cls.load_registry(path), path, site=site, sample=sample, seed=seed, shard=shard)

    @staticmethod
    def load_registry(path) -> list[registry.Site]:
        if path is None:
            raise registry.RegistryError("sites is required: -a sites=FILE.csv (the site registry)")
        return registry.load_sites(path)

    @staticmethod
    def narrow(chosen, path, site=None, sample=None, seed="0", shard=None) -> list[registry.Site]:
        """One site, a stratified sample and a shard, in that order. Sampling before sharding makes
        the shards of a run partition one sample, so that merged shards equal a single-process run."""
        if site:
            chosen = [s for s in chosen if s.site_id == site]
            if not chosen:
                raise registry.RegistryError(f"{path}: no site with site_id {site!r}")
        n = registry.parse_sample(sample, len(chosen))
        chosen = registry.stratified_sample(chosen, n, seed, lambda s: f"{s.region}|{s.kind}")
        shard_spec = registry.parse_shard(shard)
        if shard_spec:
            chosen = [s for s in chosen if registry.in_shard(s, shard_spec)]
        return chosen

    def handles(self, site: registry.Site) -> bool:
        """The generic spider takes every site; a subclass only its own when run alone."""
        if type(self) is InspectSpider:
            return True
        return site.spider == self.name or bool(site.hosts & set(self.claims))

    def handler(self, site: registry.Site) -> InspectSpider:
        """The spider whose hooks read this site: a site-specific subclass, or this spider."""
        if site.site_id not in self._handlers:
            self._handlers[site.site_id] = self._find_handler(site)
        return self._handlers[site.site_id]

    @functools.cached_property
    def _spider_loader(self):
        return get_spider_loader(self.settings)

    @functools.cached_property
    def _claims(self) -> dict[str, type]:
        """Host → the site-specific spider that claims it, built once for the whole registry."""
        out = {}
        for name in self._spider_loader.list():
            cls = self._spider_loader.load(name)
            for host in getattr(cls, "claims", ()):
                out.setdefault(host, cls)
        return out

    def _find_handler(self, site):
        if type(self) is not InspectSpider:
            return self
        if site.spider:
            cls = self._spider_loader.load(site.spider)
        else:
            cls = next((self._claims[h] for h in sorted(site.hosts) if h in self._claims), None)
        if cls is None or cls is InspectSpider:
            return self
        if not issubclass(cls, InspectSpider):
            raise registry.RegistryError(f"site {site.site_id}: spider {site.spider!r} is not an InspectSpider")
        hook = cls.__new__(cls)
        hook.__dict__.update(self.__dict__)  # same run, same state; only the hook methods differ
        return hook

    # --- the crawl ------------------------------------------------------------------------------

    async def start(self):
        self.carry_over()
        for site in self.sites.values():
            self.handler(site)  # a registry naming a missing spider fails before any request
        yield RunItem(run_id=self.run_id, spider=self.name, asof=self.asof.isoformat(), started_at=now_iso(),
                      registry=str(self.registry_path), sample=self.sample_arg, seed=self.seed,
                      shard=self.shard_arg, drawn=self.site_ids,
                      registry_total=self.registry_total,
                      settings={k: self.settings.get(k) for k in (
                          "INSPECT_COLUMN_PAGES", "INSPECT_SITE_MAX_REQUESTS", "INSPECT_MAX_COLUMNS",
                          "INSPECT_HOMEPAGE_PANELS", "INSPECT_SCRIPT_LISTS", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS", "RULES_DISABLED", "RULE_PARAMS", "SCORING")})
        logger.info("inspecting %d sites as of %s (run %s)", len(self.sites), self.asof, self.run_id)
        limit = self.settings.getint("INSPECT_SITES_IN_FLIGHT")
        for started, site in enumerate(self.sites.values()):
            while limit and started - len(self.tracker.done) >= limit and self._busy():
                await asyncio.sleep(0.05)
            yield SiteItem(site_id=site.site_id, name=site.name, url=site.url, region=site.region,
                           kind=site.kind, domains=" ".join(site.domains), spider=site.spider,
                           services=site.services)
            yield self.request(site, site.url, self.parse_homepage, role="homepage", dont_filter=True)

    def _busy(self) -> bool:
        """Requests are downloading or queued: a site not yet counted done is still in flight."""
        engine = self.crawler.engine
        return bool(engine.downloader.active) or bool(engine.scheduler and engine.scheduler.has_pending_requests())

    def request(self, site, url, callback, role, method="GET", priority=0, **meta):
        dont_filter = meta.pop("dont_filter", False)
        if self.requests_made[site.site_id] >= self.max_requests:
            self.crawler.stats.inc_value("govinspect/requests/over_site_budget")
            return None
        self.requests_made[site.site_id] += 1
        self.tracker.opened(site.site_id)
        if site.render and getattr(self, "rendering", False):
            meta.update(render.meta(role))
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=dont_filter,
                              method=method, priority=priority,
                              meta={"site_id": site.site_id, "role": role, "download_slot": site.slot, **meta})

    def on_dropped(self, request, spider):
        """A request the scheduler refused never reaches a callback: it is finished for its site."""
        if "site_id" in request.meta:
            self.request_finished(request.meta["site_id"])

    def request_finished(self, site_id):
        if self.tracker.closed(site_id):
            logger.info("site %s done (%d/%d): %d pages, %d items", site_id, len(self.tracker.done),
                        self.tracker.total, self.tracker.pages[site_id], self.tracker.items[site_id])

    def owns(self, site, url) -> bool:
        return site.owns(url) or registry.host_of(url) in self.extra_hosts[site.site_id]

    def page_item(self, response, site, role, **kw) -> PageItem:
        self.tracker.pages[site.site_id] += 1
        response.meta["page_recorded"] = True
        return PageItem(site_id=site.site_id, url=response.url, role=role, status=response.status,
                        encoding=getattr(response, "encoding", ""), fetched_at=now_iso(),
                        decode_repaired=response.meta.get("decode_repaired", ""), **kw)

    def entries(self, site, column_url, entries, page_url, source="column"):
        self.tracker.items[site.site_id] += len(entries)
        for e in entries:
            yield EntryItem(site_id=site.site_id, column_url=column_url, url=e.url, title=e.title,
                            date_raw=e.date_text, date=e.date, date_form=e.date_form, sticky=e.sticky,
                            page_url=page_url, source=source)

    @finishes_request
    def parse_homepage(self, response):
        site = self.sites[response.meta["site_id"]]
        if not isinstance(response, TextResponse):
            yield from self._not_inspected(site, response.url, "not_html", f"homepage is {response.headers.get('Content-Type', b'').decode('latin-1') or 'not text'}")
            return
        screened = self.screen_homepage(response, site)
        if screened is not None:
            yield from screened
            return
        final_host = registry.host_of(response.url)
        if not site.owns(response.url):
            self.extra_hosts[site.site_id].add(final_host)
        page = Page(response.text, response.url)
        found = self.level1_columns(response, page, site)
        yield from self.homepage_facts(response, site, page, "homepage", homepage_columns=len(found))
        yield SiteItem(site_id=site.site_id, name=site.name, url=site.url, region=site.region, kind=site.kind,
                       domains=" ".join(site.domains), spider=site.spider, services=site.services,
                       status="inspected", final_url=response.url)
        yield from self.follow_columns(site, found, level=1, parent="")
        shown = [u for u in panels.panel_urls(page) if self.owns(site, u)]
        for url in shown[: self.settings.getint("INSPECT_HOMEPAGE_PANELS")]:
            req = self.request(site, url, self.parse_homepage_panel, role="homepage_panel", priority=1,
                               homepage_columns=len(found))
            if req is not None:
                yield req
        yield from self.analyze(response, page, site, "homepage")

    @finishes_request
    def parse_homepage_panel(self, response):
        """A frame, iframe or loaded box of the homepage: its items are the homepage's; a homepage that
        is a frameset without columns of its own finds them here."""
        site = self.sites[response.meta["site_id"]]
        if not isinstance(response, TextResponse):
            yield self.page_item(response, site, "homepage_panel", kind="not_html")
            return
        page = Page(response.text, response.url)
        yield from self.homepage_facts(response, site, page, "panel", homepage_columns=response.meta["homepage_columns"])
        if not response.meta["homepage_columns"]:
            yield from self.follow_columns(site, self.level1_columns(response, page, site), level=1, parent="")
        yield from self.analyze(response, page, site, "homepage_panel")

    def homepage_facts(self, response, site, page, kind, homepage_columns):
        """A homepage's (or its panel's) page fact, its items, and the lists its scripts fetch."""
        entries = self.handler(site).homepage_items(response, page, site)
        loads = panels.script_loads(page)
        role = "homepage" if kind == "homepage" else "homepage_panel"
        yield self.page_item(response, site, role, kind=kind, title=page.title, item_count=len(entries),
                             script_loads=loads)
        yield from self.entries(site, canonical(site.url), entries, response.url, source="homepage")
        yield from self.follow_script_lists(site, page, loads, "homepage", canonical(site.url),
                                            homepage_columns=homepage_columns)

    def level1_columns(self, response, page, site) -> list[columns.ColumnLink]:
        """The level-1 columns a homepage, its panel or its menu links (INSPECT_MAX_COLUMNS at most)."""
        return self.handler(site).discover_columns(response, page, site)[: self.settings.getint("INSPECT_MAX_COLUMNS")]

    def follow_script_lists(self, site, page, loads, shown_on, column_url, **meta):
        """What a page's scripts fetch, on the site's own hosts, read for the lists it holds (their links
        resolve as the page's own do, against its <base href>)."""
        urls = [u for u in loads if u != "template" and self.owns(site, u)]
        for url in urls[: self.settings.getint("INSPECT_SCRIPT_LISTS")]:
            req = self.request(site, url, self.parse_script_list, role="script_list", priority=1,
                               page_url=page.url, link_base=page.base, shown_on=shown_on, column_url=column_url,
                               **meta)
            if req is not None:
                yield req

    @finishes_request
    def parse_script_list(self, response):
        """A script's answer (JSON, JSONP or HTML): its lists are the items of the page that shows them,
        the homepage's or the column's. ``kind`` says what was read: "list" (items, some dated),
        "undated_list", "records" (titled records that are no list: a menu), "no_list" or "unreadable"."""
        meta = response.meta
        site = self.sites[meta["site_id"]]
        text = response.text if isinstance(response, TextResponse) else response.body.decode("utf-8", "replace")
        answer, clusters = scriptlists.read_answer(text, response.url, meta["page_url"], self.asof,
                                                   base=meta.get("link_base"))
        if meta["shown_on"] == "column":
            main = listing.main_cluster(clusters, meta["page_url"])
            entries = main.entries if main else []
        else:
            entries = listing.list_entries(clusters)
        if entries:
            kind = "list" if any(e.date for e in entries) else "undated_list"
        else:
            kind = "records" if any(c.entries for c in clusters) else ("no_list" if answer else "unreadable")
        yield self.page_item(response, site, "script_list", kind=kind, column_url=meta["column_url"],
                             item_count=len(entries))
        yield from self.entries(site, meta["column_url"], entries, response.url,
                                source="homepage" if meta["shown_on"] == "homepage" else "column")
        if meta["shown_on"] == "homepage" and kind == "records":
            yield from self.read_menu(response, site, clusters)

    def read_menu(self, response, site, clusters):
        """A menu a homepage's script draws: its links read as the homepage's own (role homepage_menu),
        for its columns when the homepage showed none, its 办事服务 entry and its 信箱."""
        page = scriptlists.menu_page(clusters, response.url)
        if not response.meta["homepage_columns"]:
            yield from self.follow_columns(site, self.level1_columns(response, page, site), level=1, parent="")
        yield from self.analyze(response, page, site, "homepage_menu")

    def screen_homepage(self, response, site) -> list | None:
        """What to do instead of judging a homepage that is not the site's content, or None."""
        problem = body_problem(response)
        if problem:
            return list(self._not_inspected(site, response.url, *problem))
        target = blocking.js_redirect(response.text, response.url)
        if target:
            return self.follow_homepage(response, site, target, "only redirects by script to")
        wall = blocking.detect(response.status, response.text)
        if wall:
            return list(self._not_inspected(site, response.url, wall.kind, wall.detail, response.status,
                                            site_status="blocked"))
        notice = blocking.notice(response.status, response.text)
        if notice:
            return list(self._not_inspected(site, response.url, notice.kind, notice.detail, response.status))
        # a frameset or a full-page iframe: the site is what its frame shows
        target = blocking.frame_target(response.text, response.url)
        if target:
            return self.follow_homepage(response, site, target, "only shows, in a frame,")
        target = blocking.splash_target(response.text, response.url)
        if target:
            return self.follow_homepage(response, site, target, "is a splash page leading to")
        return None

    def follow_homepage(self, response, site, target, how) -> list:
        """The homepage is ``target`` (a script's redirect, a frame): followed on the site's own hosts."""
        if self.may_follow_stub(response, site, target):
            req = self.follow_stub(response, site, target, self.parse_homepage, "homepage")
            return [req] if req is not None else []
        return list(self._not_inspected(site, response.url, "js_redirect", f"the homepage {how} {target}"))

    def may_follow_stub(self, response, site, target) -> bool:
        """A page that only redirects by script or shows a frame is followed on the site's own hosts,
        three hops at most."""
        return response.meta.get("js_redirects", 0) < 3 and self.owns(site, target)

    def follow_stub(self, response, site, target, callback, role, **meta):
        return self.request(site, target, callback, role=role, dont_filter=True,
                            js_redirects=response.meta.get("js_redirects", 0) + 1, **meta)

    def follow_columns(self, site, found, level, parent):
        known = self.known_columns[site.site_id]
        new = []
        for link in found:
            url = canonical(link.url)
            if url in known or url == canonical(site.url):
                continue
            known.add(url)
            new.append((url, link))
        # all are known before the first request goes out: Scrapy consumes this generator lazily, and a
        # column page answering meanwhile must not claim a homepage column as its sub-column
        for url, link in new:
            yield ColumnItem(site_id=site.site_id, column_url=url, name=link.name, category=link.category,
                             level=level, parent_url=parent, source=link.source)
            req = self.request(site, link.url, self.parse_column, role="column", column_url=url,
                               category=link.category, level=level, page_no=1)
            if req is not None:
                yield req

    @finishes_request
    def parse_column(self, response):
        meta = response.meta
        site = self.sites[meta["site_id"]]
        if not isinstance(response, TextResponse):
            yield self.page_item(response, site, "column", outcome="not_html", column_url=meta["column_url"],
                                 page_no=meta["page_no"])
            return
        hook = self.handler(site)
        page = Page(response.text, response.url)
        extracted = hook.extract_list(response, page, meta)
        loads = panels.script_loads(page) if meta["page_no"] == 1 else []
        yield self.page_item(response, site, "column", kind=extracted.kind, title=page.title,
                             column_url=meta["column_url"], page_no=meta["page_no"],
                             item_count=len(extracted.items), placeholder=extracted.placeholder,
                             next_pages=extracted.next_pages, script_loads=loads)
        yield from self.entries(site, meta["column_url"], extracted.items, response.url)
        yield from self.follow_script_lists(site, page, loads, "column", meta["column_url"])
        if not extracted.items and not extracted.placeholder:
            target = blocking.js_redirect(response.text, response.url) or \
                blocking.frame_target(response.text, response.url)
            if target:
                yield from self.follow_column_stub(response, site, target)
                return
        if meta["page_no"] == 1:
            # the newest items, not a pinned (置顶) old one: an undated list is dated by these articles
            newest = [e for e in extracted.items if not e.sticky] or extracted.items
            for entry in newest[: self.settings.getint("INSPECT_ARTICLES_PER_COLUMN")]:
                if self.owns(site, entry.url) and listing.has_own_page(entry, response.url):
                    req = self.request(site, entry.url, self.parse_article, role="article",
                                       column_url=meta["column_url"], list_date=entry.date_text)
                    if req is not None:
                        yield req
        yield from self.analyze(response, page, site, "column")
        if meta["page_no"] == 1 and meta["level"] < 2:
            subs = [c for c in hook.discover_columns(response, page, site, source="subnav")
                    if canonical(c.url) not in self.known_columns[site.site_id]]
            yield from self.follow_columns(site, subs[: self.settings.getint("INSPECT_MAX_SUBCOLUMNS")],
                                           level=meta["level"] + 1, parent=meta["column_url"])
        nxt = [u for u in extracted.next_pages if self.owns(site, u)]
        if nxt and meta["page_no"] < self.settings.getint("INSPECT_COLUMN_PAGES") \
                and self.wants_more(meta["category"], extracted.items):
            req = self.request(site, nxt[0], self.parse_column, role="column", column_url=meta["column_url"],
                               category=meta["category"], level=meta["level"], page_no=meta["page_no"] + 1)
            if req is not None:
                yield req

    def follow_column_stub(self, response, site, target):
        """A column page that only redirects by script, or only shows a frame: its list is the target's."""
        meta = response.meta
        if self.may_follow_stub(response, site, target):
            req = self.follow_stub(response, site, target, self.parse_column, "column", column_url=meta["column_url"],
                                   category=meta["category"], level=meta["level"], page_no=meta["page_no"])
            if req is not None:
                yield req

    @finishes_request
    def parse_article(self, response):
        site = self.sites[response.meta["site_id"]]
        if not isinstance(response, TextResponse):
            # attachments (PDF, DOC) are list items too: reachable is all we need to know
            yield self.page_item(response, site, "article", kind="attachment", column_url=response.meta["column_url"])
            return
        page = Page(response.text, response.url)
        extracted = self.handler(site).extract_list(response, page, response.meta)
        yield self.page_item(response, site, "article", kind=extracted.kind, title=page.title,
                             column_url=response.meta["column_url"],
                             date=extracted.date.value if extracted.date else None,
                             date_evidence={**extracted.date_evidence, "list": response.meta.get("list_date", "")})
        yield from self.analyze(response, page, site, "article")

    def analyze(self, response, page, site, role):
        for analyzer in self.analyzers.values():
            if role in analyzer.roles:
                yield from analyzer.analyze(self, response, page, site, role) or ()

    def follow(self, site, url, analyzer, step: str, role: str, method="GET", priority=0, **meta):
        """A request on behalf of an analyzer: its response goes to ``analyzer.<step>``."""
        return self.request(site, url, self.parse_for_analyzer, role=role, method=method, priority=priority,
                            analyzer=analyzer.name, step=step, **meta)

    @finishes_request
    def parse_for_analyzer(self, response):
        site = self.sites[response.meta["site_id"]]
        analyzer = self.analyzers[response.meta["analyzer"]]
        yield from getattr(analyzer, response.meta["step"])(self, response, site) or ()

    def held_facts(self) -> list:
        """Facts the analyzers still hold back (``Analyzer.release``): the store takes them at close."""
        return [fact for analyzer in self.analyzers.values() for fact in analyzer.release()]

    def wants_more(self, category, entries) -> bool:
        """Follow the next page until an item proves the column fresh (or the page budget is spent)."""
        if not entries:
            return True  # a blank first page: make sure the later pages are blank too
        days = self.settings.getdict("INSPECT_FRESH_DAYS").get(category)
        if days is None:
            return False
        since = self.asof.toordinal() - int(days)
        return not any(e.date and since <= _day(e.date).toordinal() <= self.asof.toordinal() for e in entries)

    @finishes_request
    def on_error(self, failure):
        request = failure.request
        site = self.sites[request.meta["site_id"]]
        outcome, status, detail = classify(failure.value)
        self.crawler.stats.inc_value(f"govinspect/fetch/{outcome}")
        role = request.meta["role"]
        logger.warning("site %s: %s %s failed: %s (%s)", site.site_id, role, request.url, outcome, detail)
        if role == "homepage":
            response = getattr(failure.value, "response", None)
            text = response.text if isinstance(response, TextResponse) else ""
            wall = blocking.detect(status, text) if text else None
            notice = blocking.notice(status, text) if text and not wall else None
            if wall:
                yield from self._not_inspected(site, request.url, wall.kind, wall.detail, status, "blocked")
            elif notice:  # a 503 saying 系统维护中 says more than its status
                yield from self._not_inspected(site, request.url, notice.kind, notice.detail, status)
            else:
                yield from self._not_inspected(site, request.url, outcome, detail, status)
            return
        if request.meta.get("record_page", True):  # an analyzer's check (a link) stores its own fact
            yield PageItem(site_id=site.site_id, url=request.url, role=role, status=status, outcome=outcome,
                           error=detail, column_url=request.meta.get("column_url", ""),
                           page_no=request.meta.get("page_no", 0), fetched_at=now_iso())
        if "analyzer" in request.meta:
            analyzer = self.analyzers[request.meta["analyzer"]]
            yield from analyzer.failed(self, failure, site, request.meta["step"]) or ()

    def read_failed(self, response, exc) -> list:
        """Facts for a page whose reading raised (crawler.middlewares.ReadErrorMiddleware)."""
        site = self.sites.get(response.meta.get("site_id"))
        if site is None:
            return []
        detail = f"{type(exc).__name__}: {exc}"[:300]
        meta = response.meta
        if meta.get("page_recorded"):
            return []  # the page's fact is stored (an analyzer raised later): the error is in the log
        if meta.get("role") == "homepage":
            return list(self._not_inspected(site, response.url, "read_error", detail, response.status))
        return [PageItem(site_id=site.site_id, url=response.url, role=meta.get("role", ""), status=response.status,
                         outcome="read_error", error=detail, column_url=meta.get("column_url", ""),
                         page_no=meta.get("page_no", 0), fetched_at=now_iso())]

    def _not_inspected(self, site, url, outcome, detail, status=None, site_status="not_inspected"):
        """The site's verdict is "not inspected" (or "blocked"), with its typed reason; never judged."""
        self.tracker.failed.add(site.site_id)
        self.crawler.stats.inc_value(f"govinspect/sites/{site_status}/{outcome}")
        yield PageItem(site_id=site.site_id, url=url, role="homepage", status=status, outcome=outcome,
                       error=detail, fetched_at=now_iso())
        yield SiteItem(site_id=site.site_id, name=site.name, url=site.url, region=site.region, kind=site.kind,
                       domains=" ".join(site.domains), spider=site.spider, services=site.services,
                       status=site_status, reason=f"{outcome}: {detail}")

    # --- hooks a site-specific spider overrides ------------------------------------------------

    def homepage_items(self, response, page: Page, site) -> list[listing.Entry]:
        """Every dated or list-like item on the homepage, those only a script holds included."""
        return listing.list_entries(page.clusters(self.asof))

    def discover_columns(self, response, page: Page, site, source="nav") -> list[columns.ColumnLink]:
        classify_name = columns.classifier(self.settings.get("COLUMN_KEYWORDS_FILE") or "")
        return columns.discover(page.body, page.url, lambda u: self.owns(site, u), classify_name,
                                source_nav=source, links=page.links)

    def extract_list(self, response, page: Page, column: dict) -> PageExtract:
        return extract_page(None, response.url, self.asof, page=page)


def _day(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value
