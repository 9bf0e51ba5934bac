"""The interaction and service facts of a run (channels, messages, service entries, guides) for the rules."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from rules.rows import has_table, run_rows


@dataclass
class Message:
    id: str
    url: str
    title: str
    asked: date | None
    answered: date | None
    asked_raw: str = ""
    answered_raw: str = ""
    asked_issue: str = ""
    answered_issue: str = ""
    status: str = ""
    state: str = "unknown"  # answered, open, unknown
    unit: str = ""
    list_url: str = ""
    page_error: str = ""

    @property
    def evidence_url(self) -> str:
        return self.url or self.list_url

    def as_evidence(self) -> dict:
        return {"url": self.evidence_url, "title": self.title, "asked": self.asked.isoformat() if self.asked else None,
                "asked_raw": self.asked_raw, "answered": self.answered.isoformat() if self.answered else None,
                "answered_raw": self.answered_raw, "status": self.status, "unit": self.unit}


@dataclass
class Channel:
    url: str
    name: str
    cls: str
    status: str
    found_on: str = ""
    outcome: str = ""
    error: str = ""
    shape: str = ""
    placeholder: str = ""
    endpoint: str = ""
    messages: list[Message] = field(default_factory=list)

    def as_evidence(self) -> dict:
        return {"name": self.name, "url": self.url, "class": self.cls, "status": self.status,
                "error": self.error, "placeholder": self.placeholder, "messages": len(self.messages),
                "found_on": self.found_on}


@dataclass
class ServiceEntry:
    url: str
    name: str
    kind: str  # entry, platform, guide
    found_on: str = ""
    on_site: bool = True


@dataclass
class Guide:
    url: str
    title: str
    status: str
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str = ""
    list_url: str = ""



def _rows(con, table, run_id, sites):
    if not has_table(con, table):
        return
    for row in run_rows(con, table, run_id, sites=sites):
        site = sites.get(row["site_id"])
        if site is not None:
            yield site, row


def _list(value) -> list:
    return json.loads(value) if value else []


def load_interaction(con: sqlite3.Connection, run_id: str, sites: dict) -> None:
    """Attach channels (with their messages), service entries and guides to each SiteFacts."""
    from rules.facts import as_date  # rules.facts imports this module

    channels = {}
    for site, row in _rows(con, "channels", run_id, sites):
        ch = Channel(url=row["channel_url"], name=row["name"], cls=row["cls"], status=row["status"],
                     found_on=row["found_on"] or "", outcome=row["outcome"] or "", error=row["error"] or "",
                     shape=row["shape"] or "", placeholder=row["placeholder"] or "", endpoint=row["endpoint"] or "")
        channels[(site.site_id, ch.url)] = ch
        site.channels.append(ch)
    for site, row in _rows(con, "messages", run_id, sites):
        ch = channels.get((site.site_id, row["channel_url"]))
        if ch is None:
            continue
        ch.messages.append(Message(
            id=row["message_id"], url=row["url"] or "", title=row["title"] or "", asked=as_date(row["asked"]),
            answered=as_date(row["answered"]), asked_raw=row["asked_raw"] or "",
            answered_raw=row["answered_raw"] or "", asked_issue=row["asked_issue"] or "",
            answered_issue=row["answered_issue"] or "", status=row["status"] or "", state=row["state"] or "unknown",
            unit=row["unit"] or "", list_url=row["list_url"] or "", page_error=row["page_error"] or ""))
    for site, row in _rows(con, "service_entries", run_id, sites):
        site.service_entries.append(ServiceEntry(url=row["url"], name=row["name"], kind=row["kind"],
                                                 found_on=row["found_on"] or "", on_site=bool(row["on_site"])))
    for site, row in _rows(con, "service_guides", run_id, sites):
        site.guides.append(Guide(url=row["url"], title=row["title"] or "", status=row["status"],
                                 found=_list(row["found"]), missing=_list(row["missing"]),
                                 error=row["error"] or "", list_url=row["list_url"] or ""))
