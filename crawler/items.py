"""What the crawl stores: plain dataclasses, one per kind of fact, handled through ItemAdapter.

Each item names its table; the store pipeline upserts it on the table's natural key, so a
re-run or a resumed crawl never duplicates a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar


@dataclass
class SiteItem:
    """A registered site as inspected in this run, and whether it could be inspected."""

    table: ClassVar[str] = "sites"
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
    error: str = ""
    fetched_at: str = ""


@dataclass
class ColumnItem:
    """A column (栏目) found in a site's navigation."""

    table: ClassVar[str] = "columns"
    site_id: str
    column_url: str
    name: str
    category: str  # news, notice, personnel_plan, cadence, static, interaction, service, special, ""
    level: int = 1
    parent_url: str = ""
    source: str = "nav"


@dataclass
class EntryItem:
    """One dated (or undated) item of a list: a column page, or a block of the homepage."""

    table: ClassVar[str] = "items"
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


ITEM_TYPES = (SiteItem, PageItem, ColumnItem, EntryItem, RunItem)


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
