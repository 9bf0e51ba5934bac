"""The security analyzer: every homepage, column and article page scanned for 暗链, injected spam,
forbidden content, expression errors and unmasked personal data (crawler.security).

Settings: SECURITY_LEXICON_DIRS (directories of user lexicons added to the bundled ones).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from crawler.analyzers import Analyzer
from crawler.security import lexicon, scan_page


@dataclass
class SecuritySignal:
    """One security signal on one page: what fired, the matched text (masked where personal)."""

    table: ClassVar[str] = "security_signals"
    key: ClassVar[tuple[str, ...]] = ("run_id", "url", "subject")
    site_id: str
    url: str
    subject: str  # kind|source|category|target-or-match: unique within the page
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
    level: str = ""
    lexicon_version: str = ""
    pages: int = 1  # pages of the site where the same signal was seen (a hacked template repeats it)


class SecurityAnalyzer(Analyzer):
    name = "security"
    roles = ("homepage", "homepage_panel", "column", "article")
    kept = ("seen",)

    def __init__(self, crawler):
        super().__init__(crawler)
        self.lexicon = lexicon.load(*self.settings.getlist("SECURITY_LEXICON_DIRS"))
        self.seen: dict[tuple[str, str], SecuritySignal] = {}  # (site, subject) → the first page's row

    def analyze(self, spider, response, page, site, role):
        for sig in scan_page(None, response.url, own_hosts=spider_hosts(spider, site), role=role,
                             lex=self.lexicon, page=page):
            first = self.seen.get((site.site_id, sig.subject)) if sig.kind != "privacy" else None
            if first is not None:
                # the same signal in the site's template: one row, counted, not one per page
                first.pages += 1
                yield first
                continue
            item = SecuritySignal(site_id=site.site_id, url=response.url, subject=sig.subject, role=role,
                                  kind=sig.kind, matched=sig.matched, signals=sig.signals, category=sig.category,
                                  source=sig.source, target=sig.target, context=sig.context, score=sig.score,
                                  right=sig.right, level=sig.level, lexicon_version=self.lexicon.version)
            self.seen[(site.site_id, sig.subject)] = item
            yield item


def spider_hosts(spider, site) -> set[str]:
    """The site's registered hosts and those its homepage redirected to."""
    return set(site.hosts) | set(getattr(spider, "extra_hosts", {}).get(site.site_id, ()))
