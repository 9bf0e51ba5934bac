"""Per-site request accounting, so the log can say which sites are done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SiteTracker:
    total: int
    open_requests: Counter = field(default_factory=Counter)
    pages: Counter = field(default_factory=Counter)
    items: Counter = field(default_factory=Counter)
    failed: set = field(default_factory=set)
    done: set = field(default_factory=set)

    def opened(self, site_id: str) -> None:
        self.open_requests[site_id] += 1

    def closed(self, site_id: str) -> bool:
        """Count one request of the site as finished; True when it was the site's last."""
        self.open_requests[site_id] -= 1
        if self.open_requests[site_id] <= 0 and site_id not in self.done:
            self.done.add(site_id)
            return True
        return False

    def line(self) -> str:
        return (f"sites {len(self.done)}/{self.total} done ({len(self.failed)} not inspected), "
                f"pages {sum(self.pages.values())}, items {sum(self.items.values())}")
