"""办事服务 entries and 办事指南 pages, as plain functions.

Entry links are found by link text (办事服务, 网上办事, 政务服务 …) or by a 政务服务 platform host
(zwfw…), from crawler/data/service_entries.csv; guide pages are scored on the 8 element
categories of the 2015 gov.cn note, each with the labels sites use for it
(crawler/data/guide_elements.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from crawler.extract import listing
from crawler.extract.html import PageLink, link_name, read_links
from crawler.extract.interaction import labelled_values
from crawler.extract.tables import read_pairs

ELEMENTS = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")
KINDS = ("entry", "guide", "platform_host")
_NONE = re.compile(r"^(无|暂无|空|-+|—+|/)$")


@dataclass(frozen=True)
class ServiceLink:
    name: str
    url: str
    kind: str  # entry (办事服务), platform (a 政务服务 platform host), guide (办事指南)
    matched: str


@dataclass
class GuideRead:
    found: list[str]
    missing: list[str]
    empty: list[str]  # labelled but without a value


@lru_cache(maxsize=8)
def entry_table(extra_file: str = "") -> tuple[tuple[str, str], ...]:
    rows = read_pairs(files("crawler") / "data" / "service_entries.csv", "kind", KINDS, "pattern")
    if extra_file:
        rows += read_pairs(Path(extra_file), "kind", KINDS, "pattern")
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


@lru_cache(maxsize=1)
def element_labels() -> tuple[tuple[str, str], ...]:
    rows = read_pairs(files("crawler") / "data" / "guide_elements.csv", "element", ELEMENTS, "label")
    return tuple(sorted(((label, element) for element, label in rows), key=lambda r: -len(r[0])))


def find_service_links(body, base_url: str, table, links: list[PageLink] | None = None) -> list[ServiceLink]:
    """``links``: the page's links if already read (``Page.links``)."""
    found: dict[str, ServiceLink] = {}
    for a, text, href, url, parts in read_links(body, base_url) if links is None else links:
        if parts.scheme not in ("http", "https"):
            continue
        name = link_name(a, text)
        host = parts.hostname or ""
        hit = None
        for kind, pattern in table:
            if kind == "platform_host":
                if pattern in host:
                    hit = ("platform", pattern)
                    break
            elif 2 <= len(name) <= 14 and pattern in name:
                hit = (kind, pattern)
                break
        if hit and url not in found:
            found[url] = ServiceLink(name=name, url=url, kind=hit[0], matched=hit[1])
    return list(found.values())


def guide_links(body, base_url: str, asof) -> list[tuple[str, str]]:
    """(title, url) of the guides a 办事指南 list shows: its largest non-navigation cluster of links."""
    clusters = [c for c in listing.find_clusters(body, base_url, asof) if not c.navish and c.entries]
    if not clusters:
        return []
    best = max(clusters, key=lambda c: (sum("指南" in e.title for e in c.entries), len(c.entries)))
    return [(e.title, e.url) for e in best.entries if listing.has_own_page(e, base_url)]


def read_guide(page) -> GuideRead:
    """Which of the 8 element categories the guide page shows with a value."""
    values = labelled_values(page.body, element_labels())
    found = [e for e in ELEMENTS if values.get(e) and not _NONE.match(values[e])]
    empty = [e for e in ELEMENTS if e in values and e not in found]
    return GuideRead(found=found, missing=[e for e in ELEMENTS if e not in found], empty=empty)
