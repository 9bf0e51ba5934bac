"""Stored facts of the availability, link and identity checks, read back for the rules.

Probes are not part of a run: the ``probes`` table is each site's history, written by every
probe round, and a rule reads the rows of its own window (counted back from asof). Links and
identity checks belong to the inspect run that made them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from rules.rows import has_table, run_rows

# 监测时间点 are calendar dates in Asia/Shanghai (UTC+8 all year, no daylight saving)
CHINA = timezone(timedelta(hours=8))


@dataclass
class Probe:
    time: datetime
    status: str
    elapsed: float | None
    http_code: int | None
    url: str
    final_url: str
    origin: str
    detail: str

    @property
    def day(self) -> date:
        return self.time.astimezone(CHINA).date()


@dataclass
class Link:
    url: str
    kind: str  # a, img, attachment, soft404_probe
    page_url: str  # the first page that links it
    on_homepage: bool
    outcome: str  # ok, broken, unverifiable, soft_404, not_found
    http_code: int | None
    method: str
    detail: str


class ProbeLog:
    """A site's probe history, read on demand for a window (the table may hold years of rounds)."""

    def __init__(self, con: sqlite3.Connection, site_id: str):
        self.con, self.site_id = con, site_id

    def between(self, first: date, last: date) -> list[Probe]:
        """Probes whose Asia/Shanghai calendar day is in [first, last]."""
        if not has_table(self.con, "probes"):
            return []
        # stored times carry their own offset; widen the text range by a day and filter exactly below
        lo, hi = (first - timedelta(days=1)).isoformat(), (last + timedelta(days=2)).isoformat()
        out = []
        for row in self.con.execute("SELECT * FROM probes WHERE site_id = ? AND time >= ? AND time < ? ORDER BY time",
                                    (self.site_id, lo, hi)):
            try:
                when = datetime.fromisoformat(row["time"])
            except (TypeError, ValueError):
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=CHINA)
            probe = Probe(when, row["status"], row["elapsed"], row["http_code"], row["url"] or "",
                          row["final_url"] or "", row["origin"] or "", row["detail"] or "")
            if first <= probe.day <= last:
                out.append(probe)
        return out


def attach(con: sqlite3.Connection, run_id: str, sites: dict) -> None:
    """Give each SiteFacts its probe history, checked links and identity checks."""
    for site in sites.values():
        site.probes = ProbeLog(con, site.site_id)
    if has_table(con, "links"):
        for row in run_rows(con, "links", run_id, sites=sites):
            site = sites.get(row["site_id"])
            if site is not None:
                site.links.append(Link(row["url"], row["kind"], row["page_url"] or "", bool(row["on_homepage"]),
                                       row["outcome"], row["http_code"], row["method"] or "", row["detail"] or ""))
    if has_table(con, "identity"):
        for row in run_rows(con, "identity", run_id, sites=sites):
            site = sites.get(row["site_id"])
            if site is not None:
                site.identity[row["check_name"]] = dict(row)
