"""Platform adapters: how the accounts spider reads one kind of new-media source.

An adapter turns an account of the registry into requests and the responses into one
``Observation``: the status (found, not_found, unverifiable), the display name the platform shows
now, the stable platform ID it reports and the latest posts (date, title, pinned or not). It never
judges: the account rules do.

Adding a platform is adding one module: a module of this package that defines ``ADAPTER`` (an
``Adapter`` subclass) is found by a scan of the package, and other packages register theirs in the
entry-point group ``govinspect.platforms``::

    [project.entry-points."govinspect.platforms"]
    kuaishou = "my_package.kuaishou:KuaishouAdapter"

The steps of an adapter are generator methods ``step(account, response, data)`` that yield
``Fetch`` (another request, answered by the step it names) or, once, an ``Observation``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import pkgutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import ClassVar, Iterable

from crawler.registry import Account
from rules.account_facts import fold_name  # noqa: F401  (adapters compare names as the rules do)

ENTRY_POINT_GROUP = "govinspect.platforms"
STATUSES = ("found", "not_found", "unverifiable")
CHINA = timezone(timedelta(hours=8))

# What a login wall, captcha or WAF page says: unverifiable, never "not found".
BLOCK_MARKERS = (
    ("captcha", ("环境异常", "完成验证后即可继续访问", "请输入验证码", "安全验证", "captcha", "滑动验证")),
    ("login_wall", ("passport.weibo.cn", "请先登录", "登录后查看", "扫码登录")),
    ("rate_limited", ("访问过于频繁", "请求过于频繁", "操作太频繁", "Too Many Requests")),
)


@dataclass
class Post:
    """One post as the platform shows it; ``date`` is None when no date could be read."""

    url: str
    title: str
    date_raw: str = ""
    date: date | datetime | None = None
    pinned: bool = False
    repost: bool = False
    comments: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Observation:
    """What an adapter saw of one account."""

    status: str  # found, not_found or unverifiable
    evidence_url: str
    name: str = ""
    platform_id: str = ""
    posts: list[Post] = field(default_factory=list)
    reason: str = ""  # why not_found / unverifiable: captcha, login_wall, deregistered, http_5xx, …
    note: str = ""
    # True when the posts are a sample the staff pointed at (e.g. WeChat article pages), not the
    # account's timeline: a stale sample does not prove the account stopped posting
    partial: bool = False
    # interaction facts the platform shows, e.g. {"available": False, "evidence": "…"}; {} = unknown
    interaction: dict = field(default_factory=dict)
    checked_by: str = ""
    checked_at: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"observation status {self.status!r} not in {STATUSES}")


@dataclass
class Fetch:
    """A request an adapter wants: the response goes to its method ``step`` with ``data``."""

    url: str
    step: str
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)


class Adapter:
    """Base of platform adapters.

    ``name`` is the adapter's key (the registry's optional ``adapter`` column names it);
    ``default_for`` lists the registry platforms it reads when the row names no adapter.
    """

    name: ClassVar[str]
    default_for: ClassVar[tuple[str, ...]] = ()
    platforms: ClassVar[tuple[str, ...]] = ()  # registry platforms it adds beyond the contract's

    def __init__(self, settings, asof: date):
        self.settings = settings
        self.asof = asof

    def prepare(self, accounts: list[Account]) -> None:
        """Load and check what the adapter needs for the run (raise RegistryError naming file and row)."""

    def check(self, account: Account) -> str | None:
        """Why this account cannot be read by this adapter (a registry error), or None."""
        return None

    def claims(self, account: Account) -> bool:
        """True to read this account even when its platform defaults to another adapter."""
        return False

    def start(self, account: Account) -> Iterable[Fetch | Observation]:
        raise NotImplementedError

    def failed(self, account: Account, url: str, data: dict, outcome: str, detail: str,
               status: int | None) -> Iterable[Fetch | Observation]:
        """A request that could not be completed: the account cannot be verified, nothing more."""
        yield Observation("unverifiable", url, reason=outcome, note=detail)


def load_adapter_classes() -> dict[str, type[Adapter]]:
    """Every ADAPTER of this package's modules, then those of the entry-point group."""
    found: dict[str, type[Adapter]] = {}
    for info in pkgutil.iter_modules(__path__):
        cls = getattr(importlib.import_module(f"{__name__}.{info.name}"), "ADAPTER", None)
        if cls is not None:
            found[cls.name] = cls
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        cls = ep.load()
        if cls.name in found and found[cls.name] is not cls:
            raise RuntimeError(f"platform adapter {cls.name!r} registered twice ({found[cls.name].__module__}, {ep.value})")
        found[cls.name] = cls
    return found


def known_platforms(classes: dict[str, type[Adapter]]) -> tuple[str, ...]:
    from crawler.registry import PLATFORMS

    extra = [p for cls in classes.values() for p in (*cls.platforms, *cls.default_for) if p not in PLATFORMS]
    return tuple(dict.fromkeys((*PLATFORMS, *extra)))


def choose(account: Account, adapters: dict[str, Adapter]) -> Adapter | None:
    """The adapter for an account: the one its row names, one that claims it, or its platform's default."""
    named = account.extra.get("adapter", "").strip().lower()
    if named:
        return adapters.get(named)
    for adapter in adapters.values():
        if adapter.claims(account):
            return adapter
    return next((a for a in adapters.values() if account.platform in a.default_for), None)


def blocked(text: str) -> str | None:
    """The kind of block page this is (captcha, login_wall, rate_limited), or None."""
    for kind, markers in BLOCK_MARKERS:
        if any(m in text for m in markers):
            return kind
    return None


def china_date(value: datetime) -> datetime:
    """A timestamp as the wall-clock time in China (where the 监测时间点 is counted)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(CHINA).replace(tzinfo=None)
