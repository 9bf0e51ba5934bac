"""The stored facts of a run, read back from SQLite as plain objects for the rules."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rules.sitechecks import ProbeLog, attach as attach_checks
from rules.interaction_facts import Channel, Guide, ServiceEntry, load_interaction
from rules.rows import run_rows
from rules.security_facts import ArticleDate, SecurityRow, load_security


def as_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# what a script's answer held when it was read whole (crawler.spiders.inspect.parse_script_list)
READ_ANSWERS = ("list", "records", "no_list")
# column categories subject to updating (栏目应更新); the others are static, interaction, service, special
UPDATING = ("news", "notice", "personnel_plan", "cadence")
# how a finding names an article's date that is not its stated publication (crawler.extract.detail sources):
# the document's own date, its closing (落款) line, its update, a day its text speaks of
ARTICLE_DATE_RAW = {"written": "文章页成文日期", "closing": "文章页落款日期", "updated": "文章页更新时间",
                    "text": "文章页正文所述日期"}


@dataclass
class Item:
    url: str
    title: str
    date: date | None
    date_raw: str = ""
    sticky: bool = False
    source: str = "column"
    column_url: str = ""


@dataclass
class PageFact:
    url: str
    role: str
    outcome: str
    status: int | None
    kind: str = ""
    column_url: str = ""
    item_count: int = 0
    placeholder: str = ""
    error: str = ""
    script_loads: list[str] = field(default_factory=list)  # what its scripts fetch to show, or "template"

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass
class Column:
    url: str
    name: str
    category: str
    level: int
    parent_url: str = ""
    items: list[Item] = field(default_factory=list)
    pages: list[PageFact] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    # the same list of items as at least SHARED_LIST_MIN other columns: a site-wide box beside every
    # list (热点信息, 最新发布), not this column's own list — its dates say nothing about the column
    shared_list: bool = False
    # what its first page's scripts fetch to show that could not be read (SiteFacts.not_read)
    unseen: list[str] = field(default_factory=list)

    @property
    def fetched(self) -> bool:
        return any(p.ok for p in self.pages)

    @property
    def placeholder(self) -> str:
        return next((p.placeholder for p in self.pages if p.placeholder), "")

    def latest(self, asof: date) -> Item | None:
        """The newest dated item on or before asof (a column's date is the maximum, not the first)."""
        dated = [i for i in self.items if i.date and i.date <= asof]
        return max(dated, key=lambda i: i.date) if dated else None

    @property
    def blank(self) -> bool:
        """Never held an item: fetched, no item on any page, not a parent, and says so (暂无信息), with
        nothing shown that a script fetched and we could not read (the list may be there)."""
        return self.fetched and not self.items and not self.children and bool(self.placeholder) \
            and not self.unseen

    @property
    def unread(self) -> bool:
        """Not fetched, no list found (and no 暂无信息), or only a site-wide box: its dates prove nothing."""
        return not self.blank and (not self.fetched or not self.items or self.shared_list)


@dataclass
class SiteFacts:
    site_id: str
    name: str
    url: str
    region: str
    kind: str
    services: bool = True
    status: str = "pending"
    reason: str = ""
    homepage_items: list[Item] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    pages: list[PageFact] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    # availability history, link checks and identity checks (rules.sitechecks)
    probes: "ProbeLog | None" = None
    links: list = field(default_factory=list)
    identity: dict = field(default_factory=dict)
    # interaction channels with their messages, 办事服务 entries, sampled guides (rules.interaction_facts)
    channels: list[Channel] = field(default_factory=list)
    service_entries: list[ServiceEntry] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    # security signals of its pages and its articles' dates beside their list dates (rules.security_facts)
    security: list[SecurityRow] = field(default_factory=list)
    articles: list[ArticleDate] = field(default_factory=list)

    @property
    def inspected(self) -> bool:
        return self.status == "inspected"

    def column(self, url: str) -> Column | None:
        return next((c for c in self.columns if c.url == url), None)

    def answers_read(self) -> set[str]:
        """The script answers read whole: a dated list, a menu of titled records (read as its links),
        an empty list."""
        return {p.url for p in self.pages if p.role == "script_list" and p.ok and p.kind in READ_ANSWERS}

    @property
    def homepage_unseen(self) -> list[str]:
        """What the homepage shows that was not read: what its (and its panels') scripts fetch where the
        answer was not read whole, "template" for a list drawn in the browser, and panels that could not
        be fetched. A judgement that nothing is there (no update, no 办事服务 entry, no channel) is
        uncertain beside it."""
        shown = [p for p in self.pages if p.role in ("homepage", "homepage_panel")]
        failed = [p.url for p in shown if p.role == "homepage_panel" and not p.ok]
        return list(dict.fromkeys(self.not_read(shown) + failed))

    def not_read(self, pages: list[PageFact], read: set[str] | None = None) -> list[str]:
        """What ``pages`` show that was not read: what their scripts fetch where the answer failed, was
        neither JSON nor markup, or held a list we could not date; and "template". ``read``: the site's
        ``answers_read()``, when the caller has it."""
        read = self.answers_read() if read is None else read
        return list(dict.fromkeys(u for p in pages if p.ok for u in p.script_loads if u not in read))

    def latest_in(self, col: Column, asof: date) -> Item | None:
        """A column's newest dated item; for a list that dates none of its items, the newest of its
        fetched articles' own publication dates (the date is on the page the list links to), as an
        item whose ``source`` is "article" (``date_raw`` 文章页, or ``ARTICLE_DATE_RAW`` where the page states no
        publication date: 文章页成文日期, 文章页落款日期, 文章页更新时间, 文章页正文所述日期)."""
        latest = col.latest(asof)
        if latest is not None or not self.articles:
            return latest
        dated = {a.url: (as_date(a.date), ARTICLE_DATE_RAW.get(a.evidence.get("source"), "文章页"))
                 for a in self.articles if a.date}
        found = [Item(url=i.url, title=i.title, date=dated[i.url][0], date_raw=dated[i.url][1], source="article",
                      column_url=col.url) for i in col.items if i.url in dated and dated[i.url][0] <= asof]
        return max(found, key=lambda i: i.date) if found else None


SHARED_LIST_MIN = 3


def describe_unseen(unseen: list[str], n: int = 3) -> str:
    """Content not read, as a finding names it: URLs, and the words for a list drawn in the browser."""
    return "、".join("浏览器端模板绘制的列表" if u == "template" else u for u in unseen[:n])


def mark_shared_lists(site: SiteFacts) -> None:
    lists = Counter(frozenset(i.url for i in c.items) for c in site.columns if len(c.items) >= 3)
    for col in site.columns:
        if len(col.items) >= 3 and lists[frozenset(i.url for i in col.items)] >= SHARED_LIST_MIN:
            col.shared_list = True


def site_wide_answers(pages: list[PageFact]) -> set[str]:
    """What the scripts of at least SHARED_LIST_MIN column pages fetch alike: a site-wide box (最新信息),
    or one endpoint taking the column as a parameter we do not send; its items date no column."""
    loads = Counter(u for p in pages if p.role == "column" for u in set(p.script_loads))
    return {u for u, n in loads.items() if n >= SHARED_LIST_MIN}


def open_db(path: str | Path) -> sqlite3.Connection:
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such database")
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    return con


def latest_run(con: sqlite3.Connection, spider: str = "inspect") -> str | None:
    row = con.execute("SELECT run_id FROM runs WHERE spider = ? ORDER BY started_at DESC LIMIT 1",
                      (spider,)).fetchone()
    return row["run_id"] if row else None


def run_info(con: sqlite3.Connection, run_id: str, spider: str = "inspect") -> dict:
    row = con.execute("SELECT * FROM runs WHERE run_id = ? AND spider = ?", (run_id, spider)).fetchone()
    if row is None:
        raise LookupError(f"run {run_id!r} of spider {spider!r} is not in the database")
    info = dict(row)
    for key in ("settings", "drawn", "stats", "plugins"):
        info[key] = json.loads(info[key]) if info.get(key) else ({} if key != "drawn" else [])
    return info



def load_sites(con: sqlite3.Connection, run_id: str, site_ids: set[str] | None = None) -> list[SiteFacts]:
    sites: dict[str, SiteFacts] = {}
    for row in run_rows(con, "sites", run_id, sites=site_ids):
        if site_ids is not None and row["site_id"] not in site_ids:
            continue
        sites[row["site_id"]] = SiteFacts(
            site_id=row["site_id"], name=row["name"], url=row["url"], region=row["region"],
            kind=row["kind"], services=bool(row["services"]) if row["services"] is not None else True,
            status=row["status"], reason=row["reason"] or "",
            extra={k: row[k] for k in row.keys() if k not in SiteFacts.__dataclass_fields__},
        )
    columns: dict[tuple[str, str], Column] = {}
    for row in run_rows(con, "columns", run_id, sites=sites):
        site = sites.get(row["site_id"])
        if site is None:
            continue
        col = Column(url=row["column_url"], name=row["name"], category=row["category"] or "",
                     level=row["level"] or 1, parent_url=row["parent_url"] or "")
        columns[(site.site_id, col.url)] = col
        site.columns.append(col)
    for (sid, _), col in columns.items():
        if col.parent_url and (sid, col.parent_url) in columns:
            columns[(sid, col.parent_url)].children.append(col.url)
    pages_by_site = defaultdict(list)
    for row in run_rows(con, "pages", run_id, sites=sites):
        if row["site_id"] not in sites:
            continue
        page = PageFact(url=row["url"], role=row["role"], outcome=row["outcome"], status=row["status"],
                        kind=row["kind"] or "", column_url=row["column_url"] or "",
                        item_count=row["item_count"] or 0, placeholder=row["placeholder"] or "",
                        error=row["error"] or "",
                        script_loads=json.loads(row["script_loads"] or "[]") if "script_loads" in row.keys() else [])
        pages_by_site[row["site_id"]].append(page)
        col = columns.get((row["site_id"], page.column_url))
        if col is not None and page.role == "column":
            col.pages.append(page)
    shared_answers = {}
    for sid, pages in pages_by_site.items():
        sites[sid].pages = pages
        shared_answers[sid] = site_wide_answers(pages)
    for site in sites.values():
        read = site.answers_read()
        for col in site.columns:
            col.unseen = site.not_read(col.pages, read)
    for row in run_rows(con, "items", run_id, sites=sites):
        site = sites.get(row["site_id"])
        if site is None:
            continue
        item = Item(url=row["url"], title=row["title"], date=as_date(row["date"]), date_raw=row["date_raw"] or "",
                    sticky=bool(row["sticky"]), source=row["source"], column_url=row["column_url"])
        if item.source == "homepage":
            site.homepage_items.append(item)
        else:
            col = columns.get((site.site_id, item.column_url))
            if col is not None and row["page_url"] not in shared_answers.get(site.site_id, ()):
                col.items.append(item)
    for site in sites.values():
        mark_shared_lists(site)
    attach_checks(con, run_id, sites)
    load_interaction(con, run_id, sites)
    load_security(con, run_id, sites)
    return list(sites.values())
