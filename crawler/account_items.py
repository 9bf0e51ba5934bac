"""The facts the accounts crawl stores: the account as registered, what its platform showed, its posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar


@dataclass
class AccountItem:
    """A registered account as inspected in this run."""

    table: ClassVar[str] = "accounts"
    key: ClassVar[tuple[str, ...]] = ("run_id", "account_id")
    account_id: str
    platform: str
    name: str  # the registered (报备) name
    owner: str = ""
    region: str = ""
    url: str = ""
    adapter: str = ""
    platform_id: str = ""  # the registered stable ID, when the registry gives one
    reported_names: str = ""  # later names already reported (报备), separated by ";"
    row: int = 0


@dataclass
class AccountObservationItem:
    """What the platform showed of one account: status, display name, stable ID, where it was read."""

    table: ClassVar[str] = "account_observations"
    key: ClassVar[tuple[str, ...]] = ("run_id", "account_id")
    account_id: str
    status: str  # found, not_found, unverifiable
    adapter: str
    evidence_url: str
    reason: str = ""
    observed_name: str = ""
    platform_id: str = ""
    note: str = ""
    partial: bool = False
    interaction: dict = field(default_factory=dict)
    post_count: int = 0
    requests: int = 0
    checked_by: str = ""
    checked_at: str = ""
    fetched_at: str = ""


@dataclass
class AccountPostItem:
    """One post of an account (pinned posts are stored too, marked)."""

    table: ClassVar[str] = "account_posts"
    key: ClassVar[tuple[str, ...]] = ("run_id", "account_id", "url")
    account_id: str
    url: str
    title: str
    date_raw: str = ""
    date: date | datetime | None = None
    pinned: bool = False
    repost: bool = False
    comments: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class AccountSignalItem:
    """A security signal in one post of an account: forbidden words or a severe expression error."""

    table: ClassVar[str] = "account_signals"
    key: ClassVar[tuple[str, ...]] = ("run_id", "account_id", "url", "subject")
    account_id: str
    url: str  # the post
    subject: str  # kind|source|category|match: unique within the post
    kind: str  # keyword, expression
    matched: str
    signals: list[str] = field(default_factory=list)
    category: str = ""
    source: str = "post"
    context: str = ""
    score: float = 0.0
    right: str = ""
    level: str = ""
    lexicon_version: str = ""
