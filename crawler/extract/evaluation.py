"""Scores `scrapy extract` output against a corpus manifest (tests/pages/manifest.json shape).

Each manifest entry: {"file", "url", "kind", "asof", and for detail pages "date", for list pages
"items": [{"title", "url", "date"}], "next_page"}. Used by the tests and benchmarks/bench_extract.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    detail_pages: int = 0
    detail_right: int = 0
    kind_pages: int = 0
    kind_right: int = 0
    items_expected: int = 0
    items_found: int = 0
    items_right: int = 0  # right URL and full title
    dates_checked: int = 0
    dates_right: int = 0
    paginated: int = 0
    pagination_right: int = 0
    unpaginated: int = 0
    false_next: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def detail_accuracy(self) -> float:
        return self.detail_right / self.detail_pages if self.detail_pages else 1.0

    @property
    def precision(self) -> float:
        return self.items_right / self.items_found if self.items_found else 1.0

    @property
    def recall(self) -> float:
        return self.items_right / self.items_expected if self.items_expected else 1.0

    @property
    def item_date_accuracy(self) -> float:
        return self.dates_right / self.dates_checked if self.dates_checked else 1.0

    def summary(self) -> dict:
        return {"detail_exact_day": round(self.detail_accuracy, 4), "detail_pages": self.detail_pages,
                "kind_right": f"{self.kind_right}/{self.kind_pages}",
                "items_precision": round(self.precision, 4), "items_recall": round(self.recall, 4),
                "item_dates_right": round(self.item_date_accuracy, 4),
                "pagination_found": f"{self.pagination_right}/{self.paginated}",
                "false_next_pages": f"{self.false_next}/{self.unpaginated}"}


def _day(value) -> str | None:
    return value[:10] if value else None


def score(manifest: list[dict], outputs: dict[str, dict]) -> Score:
    """``outputs`` maps a manifest file to its `scrapy extract` JSON line."""
    s = Score()
    for page in manifest:
        out = outputs.get(page["file"]) or {}
        s.kind_pages += 1
        if out.get("kind") == page["kind"]:
            s.kind_right += 1
        else:
            s.misses.append(f"{page['file']}: kind {out.get('kind')} (expected {page['kind']})")
        if "date" in page:
            s.detail_pages += 1
            if _day(out.get("date")) == page["date"]:
                s.detail_right += 1
            else:
                s.misses.append(f"{page['file']}: date {out.get('date')} (expected {page['date']})")
            continue
        want = {i["url"]: i for i in page["items"]}
        got = {i["url"]: i for i in out.get("items", [])}
        s.items_expected += len(want)
        s.items_found += len(got)
        for url, item in want.items():
            found = got.get(url)
            if not found or found["title"] != item["title"]:
                s.misses.append(f"{page['file']}: item {item['title']} {'missing' if not found else repr(found['title'])}")
                continue
            s.items_right += 1
            s.dates_checked += 1
            if _day(found.get("date")) == item["date"]:
                s.dates_right += 1
            else:
                s.misses.append(f"{page['file']}: item date {found.get('date')} (expected {item['date']})")
        s.misses += [f"{page['file']}: extra item {url}" for url in got if url not in want]
        nxt = (out.get("next_pages") or [None])[0]
        if page.get("next_page"):
            s.paginated += 1
            if nxt == page["next_page"]:
                s.pagination_right += 1
            else:
                s.misses.append(f"{page['file']}: next page {nxt} (expected {page['next_page']})")
        else:
            s.unpaginated += 1
            if nxt:
                s.false_next += 1
                s.misses.append(f"{page['file']}: next page {nxt} on a last page")
    return s
