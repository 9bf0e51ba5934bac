"""The stored facts of an accounts run, read back from SQLite as plain objects for the account rules."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from rules.facts import as_date
from rules.security_facts import SecurityRow, security_row
from rules.rows import has_table, run_rows

DEFAULT_BUCKETS = {"2w": 14, "6m": 183, "1y": 365}


def fold_name(name: str) -> str:
    """A display name with cosmetic differences removed: NFKC (full-width → half-width), no spaces, no middle dots."""
    text = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"[\s·•・‧∙\u00b7\u30fb\u2027]", "", text)


@dataclass
class AccountPost:
    url: str
    title: str
    date: date | None
    date_raw: str = ""
    pinned: bool = False
    repost: bool = False
    comments: int | None = None


@dataclass
class Freshness:
    """How long the account has been silent, as of asof; ``bucket`` is None when that cannot be told."""

    latest: AccountPost | None
    days: int | None
    bucket: str | None


@dataclass
class AccountFacts:
    account_id: str
    platform: str
    name: str  # registered (报备) name
    owner: str = ""
    region: str = ""
    url: str = ""
    adapter: str = ""
    registered_id: str = ""
    reported_names: list[str] = field(default_factory=list)  # later names already reported (报备)
    status: str = "not_inspected"  # found, not_found, unverifiable; not_inspected when nothing was observed
    reason: str = ""
    observed_name: str = ""
    platform_id: str = ""
    evidence_url: str = ""
    note: str = ""
    partial: bool = False
    interaction: dict = field(default_factory=dict)
    checked_by: str = ""
    checked_at: str = ""
    posts: list[AccountPost] = field(default_factory=list)
    security: list[SecurityRow] = field(default_factory=list)  # signals in its posts (account_signals)

    @property
    def found(self) -> bool:
        return self.status == "found"

    def latest_post(self, asof: date) -> AccountPost | None:
        """The newest dated post on or before asof that is not pinned (a pinned post is no update)."""
        dated = [p for p in self.posts if p.date and not p.pinned and p.date <= asof]
        return max(dated, key=lambda p: p.date) if dated else None

    def freshness(self, asof: date, buckets: dict | None = None) -> Freshness:
        """Days since the latest post and the report bucket (ok, 2w, 6m, 1y; no dated post → 1y).

        Only a found account has a bucket. A partial sample of posts (WeChat article pages) proves
        freshness when its newest post is recent, but an old sample proves nothing: no bucket.
        """
        bounds = {**DEFAULT_BUCKETS, **(buckets or {})}
        latest = self.latest_post(asof)
        days = (asof - latest.date).days if latest else None
        if not self.found:
            return Freshness(latest, days, None)
        bucket = "ok"
        for name in sorted(bounds, key=bounds.get):
            if days is None or days >= int(bounds[name]):
                bucket = name
        if self.partial and bucket != "ok":
            return Freshness(latest, days, None)
        return Freshness(latest, days, bucket)



def load_accounts(con: sqlite3.Connection, run_id: str, account_ids: set[str] | None = None) -> list[AccountFacts]:
    if not has_table(con, "accounts"):
        return []
    accounts: dict[str, AccountFacts] = {}
    for row in run_rows(con, "accounts", run_id):
        if account_ids is not None and row["account_id"] not in account_ids:
            continue
        accounts[row["account_id"]] = AccountFacts(
            account_id=row["account_id"], platform=row["platform"], name=row["name"], owner=row["owner"] or "",
            region=row["region"] or "", url=row["url"] or "", adapter=row["adapter"] or "",
            registered_id=row["platform_id"] or "",
            reported_names=[n.strip() for n in (row["reported_names"] or "").split(";") if n.strip()])
    if has_table(con, "account_observations"):
        for row in run_rows(con, "account_observations", run_id):
            acct = accounts.get(row["account_id"])
            if acct is None:
                continue
            acct.status, acct.reason = row["status"], row["reason"] or ""
            acct.observed_name, acct.platform_id = row["observed_name"] or "", row["platform_id"] or ""
            acct.evidence_url, acct.note, acct.partial = row["evidence_url"] or "", row["note"] or "", bool(row["partial"])
            acct.interaction = json.loads(row["interaction"]) if row["interaction"] else {}
            acct.checked_by, acct.checked_at = row["checked_by"] or "", row["checked_at"] or ""
    if has_table(con, "account_posts"):
        for row in run_rows(con, "account_posts", run_id):
            acct = accounts.get(row["account_id"])
            if acct is not None:
                acct.posts.append(AccountPost(url=row["url"], title=row["title"] or "", date=as_date(row["date"]),
                                              date_raw=row["date_raw"] or "", pinned=bool(row["pinned"]),
                                              repost=bool(row["repost"]), comments=row["comments"]))
    if has_table(con, "account_signals"):
        for row in run_rows(con, "account_signals", run_id):
            acct = accounts.get(row["account_id"])
            if acct is not None:
                acct.security.append(security_row(row))
    return list(accounts.values())
