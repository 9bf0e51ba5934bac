"""What the crawl stores: plain dataclasses, one per kind of fact, handled through ItemAdapter.

Each item names its table and the table's natural key (``run_id`` is filled in by the store
pipeline); the store pipeline upserts on that key, so a re-run or a resumed crawl never duplicates
a row. A new kind of fact is a new dataclass with ``table`` and ``key``: its table is created on
first write, and ``exports.db.SCHEMA`` only pins the column types of tables others rely on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar


@dataclass
class SiteItem:
    """A registered site as inspected in this run, and whether it could be inspected."""

    table: ClassVar[str] = "sites"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id")
    site_id: str
    name: str
    url: str
    region: str
    kind: str
    domains: str = ""
    spider: str = ""
    services: bool = True
    status: str = "pending"  # pending → inspected, or not_inspected/blocked with a reason
    reason: str = ""
    final_url: str = ""


@dataclass
class PageItem:
    """One fetched page (or a failed fetch) of a site."""

    table: ClassVar[str] = "pages"
    key: ClassVar[tuple[str, ...]] = ("run_id", "url")
    site_id: str
    url: str
    role: str  # homepage, column, article, interaction, …
    status: int | None = None
    outcome: str = "ok"  # ok, or a typed failure: timeout, dns_error, http_404, …
    kind: str = ""  # list, detail, other
    title: str = ""
    column_url: str = ""
    page_no: int = 0
    item_count: int = 0
    placeholder: str = ""
    next_pages: list[str] = field(default_factory=list)
    encoding: str = ""
    decode_repaired: str = ""  # how the charset repair changed the decoding ("" = not repaired)
    error: str = ""
    fetched_at: str = ""
    date: date | datetime | None = None  # an article's publication date
    date_evidence: dict = field(default_factory=dict)  # the label, meta and URL dates seen
    # what the page's scripts fetch to show (URLs, or "template"): content its HTML does not hold
    script_loads: list[str] = field(default_factory=list)


@dataclass
class ColumnItem:
    """A column (栏目) found in a site's navigation."""

    table: ClassVar[str] = "columns"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "column_url")
    site_id: str
    column_url: str
    name: str
    category: str  # news, notice, personnel_plan, cadence, static, interaction, service, special, archive, ""
    level: int = 1
    parent_url: str = ""
    source: str = "nav"


@dataclass
class EntryItem:
    """One dated (or undated) item of a list: a column page, or a block of the homepage."""

    table: ClassVar[str] = "items"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "column_url", "url")
    site_id: str
    column_url: str  # the homepage URL for homepage items
    url: str
    title: str
    date_raw: str = ""
    date: date | datetime | None = None
    date_form: str = ""
    sticky: bool = False
    page_url: str = ""
    source: str = "column"  # column or homepage


@dataclass
class RunItem:
    """The run itself: its id, monitoring date and settings."""

    table: ClassVar[str] = "runs"
    key: ClassVar[tuple[str, ...]] = ("run_id", "spider")
    run_id: str
    spider: str
    asof: str
    started_at: str = ""
    registry: str = ""
    sample: str = ""
    seed: str = ""
    shard: str = ""
    settings: dict = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    registry_total: int = 0  # the registry's size before sampling and sharding (the 通报's "online" count)




@dataclass
class Facts:
    """The facts one response yielded, carried through the item pipelines as one Scrapy item.

    Scrapy spends an asyncio task, a pass through every spider middleware, the ``item_scraped``
    signal and a log record on each item it is given; at two facts per response that was about a
    quarter of what the inspection cost above a bare crawl (BENCHMARKS.md). Spiders and analyzers
    still yield single facts: ``crawler.middlewares.FactBatches`` gathers them per response (the link
    checker's across responses, ``LINKS_FACT_BATCH``).
    """

    facts: list = field(default_factory=list)
    url: str = ""  # the response they came from, for the log


def facts_of(item) -> list:
    """The facts an item pipeline receives in one item: a batch's, or the item itself."""
    return item.facts if isinstance(item, Facts) else [item]


def is_fact(item) -> bool:
    return isinstance(getattr(type(item), "table", None), str) and isinstance(getattr(type(item), "key", None), tuple)


def now_iso() -> str:
    """The local time to the second, ISO 8601 with its offset (built once a second: every fact has one)."""
    global _now
    second = int(time.time())
    if second != _now[0]:
        _now = (second, datetime.fromtimestamp(second).astimezone().isoformat(timespec="seconds"))
    return _now[1]


_now: tuple[int, str] = (0, "")
