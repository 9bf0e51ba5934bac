"""The security facts of a run for the rules: the analyzer's signals and the articles' dates."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from rules.rows import has_table, run_rows


@dataclass
class SecurityRow:
    """One row of ``security_signals`` (crawler.analyzers.security)."""

    url: str
    subject: str
    role: str
    kind: str  # hidden_link, keyword, expression, privacy
    matched: str
    signals: list[str] = field(default_factory=list)
    category: str = ""
    source: str = ""
    target: str = ""
    context: str = ""
    score: float = 0.0
    right: str = ""
    level: str = ""  # veto or warn: the lexicon's severity for the matched category
    lexicon_version: str = ""

    def as_evidence(self) -> dict:
        out = {"url": self.url, "kind": self.kind, "signals": self.signals, "matched": self.matched,
               "category": self.category, "source": self.source, "context": self.context,
               "lexicon_version": self.lexicon_version}
        if self.target:
            out.update(target=self.target, score=self.score)
        if self.right:
            out["right"] = self.right
        return out


@dataclass
class ArticleDate:
    """An article page's own publication date beside the date its list gave it."""

    url: str
    date: date | None
    evidence: dict
    list_date: date | None = None
    list_title: str = ""



def security_row(row) -> SecurityRow:
    """A stored signal, of a site's page (``security_signals``) or of an account's post (``account_signals``)."""
    keys = row.keys()
    return SecurityRow(
        url=row["url"], subject=row["subject"], role=row["role"] if "role" in keys else "post", kind=row["kind"],
        matched=row["matched"] or "", signals=json.loads(row["signals"] or "[]"),
        category=row["category"] or "", source=row["source"] or "",
        target=(row["target"] if "target" in keys else "") or "",
        context=row["context"] or "", score=row["score"] or 0.0, right=row["right"] or "",
        level=row["level"] or "", lexicon_version=row["lexicon_version"] or "")


def load_security(con: sqlite3.Connection, run_id: str, sites: dict) -> None:
    """Attach ``security`` (signals) and ``articles`` (dated article pages) to each SiteFacts."""
    from rules.facts import as_date  # rules.facts imports this module

    if has_table(con, "security_signals"):
        for row in run_rows(con, "security_signals", run_id, sites=sites):
            site = sites.get(row["site_id"])
            if site is None:
                continue
            site.security.append(security_row(row))
    listed = {}
    for site in sites.values():
        for item in [*site.homepage_items, *(i for c in site.columns for i in c.items)]:
            if item.date:
                listed.setdefault((site.site_id, item.url), item)
    columns = {r[1] for r in con.execute("PRAGMA table_info(pages)")}
    if "date_evidence" not in columns:
        return
    for row in run_rows(con, "pages", run_id, "AND role = 'article' AND outcome = 'ok'",
                        "site_id, url, date, date_evidence", sites=sites):
        site = sites.get(row["site_id"])
        if site is None:
            continue
        item = listed.get((site.site_id, row["url"]))
        site.articles.append(ArticleDate(url=row["url"], date=as_date(row["date"]),
                                         evidence=json.loads(row["date_evidence"] or "{}"),
                                         list_date=item.date if item else None, list_title=item.title if item else ""))
