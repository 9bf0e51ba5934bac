"""Page extraction as plain functions of (html, url, asof), shared by the spiders and `scrapy extract`.

``extract_page`` answers what a page is (list, detail or other), its publication date, its list
items and its next pages. A site-specific spider overrides any part with selectors; see
``crawler.spiders.base.InspectSpider``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

from crawler.dates import DateMatch
from crawler.extract import columns, detail, listing, pagination
from crawler.extract.html import meta, parse, text_of, visible_copy

PLACEHOLDERS = re.compile(r"暂无(信息|数据|内容|记录|相关信息|文章)|没有(相关)?(信息|记录|数据)|无相关(信息|数据)|(信息|数据)为空")
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)


@dataclass
class PageExtract:
    url: str
    kind: str  # "list", "detail" or "other"
    title: str = ""
    date: DateMatch | None = None
    date_evidence: dict = field(default_factory=dict)
    items: list[listing.Entry] = field(default_factory=list)
    clusters: list[listing.Cluster] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    placeholder: str = ""
    text_length: int = 0

    def as_json(self, file: str | None = None) -> dict:
        out = {"file": file, "url": self.url, "kind": self.kind,
               "date": self.date.value.isoformat() if self.date else None,
               "items": [e.as_dict() for e in self.items], "next_pages": self.next_pages}
        if file is None:
            out.pop("file")
        return out


class Page:
    """One parsed page: the tree, its visible copy, and the inline scripts (for pagers and datastores)."""

    def __init__(self, html: str | bytes, url: str):
        self.url = url
        self.root = parse(html)
        self.scripts = "\n".join(s.text or "" for s in self.root.iter("script"))
        self.visible = visible_copy(self.root)
        body = self.visible.find("body")
        self.body = body if body is not None else self.visible
        self.text = text_of(self.body)

    @property
    def title(self) -> str:
        t = meta(self.root, "ArticleTitle")
        if t:
            return t
        el = self.root.find(".//title")
        return text_of(el) if el is not None else ""

    def datastore_clusters(self, asof: date) -> list[listing.Cluster]:
        """Hanweb JCMS keeps page 1 of a list in <script type="text/xml"><datastore> records."""
        records = []
        for s in self.root.iter("script"):
            if (s.get("type") or "").lower() == "text/xml" and s.text and "<record" in s.text:
                records += _RECORD.findall(s.text)
        if not records:
            return []
        fragment = parse(f"<html><body><ul class='datastore'>{''.join(records)}</ul></body></html>")
        return listing.find_clusters(fragment.find("body"), self.url, asof)


def extract_page(html: str | bytes, url: str, asof: date, page: Page | None = None) -> PageExtract:
    page = page or Page(html, url)
    clusters = page.datastore_clusters(asof) + listing.find_clusters(page.body, url, asof)
    main = listing.main_cluster(clusters)
    next_pages = pagination.next_pages(page.body, page.scripts, url)
    pub, evidence = detail.detail_date(page.body, page.root, url, asof)
    items = main.entries if main else []
    article_signal = bool(meta(page.root, "ArticleTitle")) or (pub is not None and "label" in evidence)
    if main and (len(items) >= 3 or next_pages or not article_signal):
        kind = "list"
    elif article_signal:
        kind = "detail"
    else:
        kind = "other"
    placeholder = ""
    if not items:
        m = PLACEHOLDERS.search(page.text)
        placeholder = m.group(0) if m else ""
    return PageExtract(
        url=url, kind=kind, title=page.title, date=pub if kind == "detail" else None,
        date_evidence=evidence, items=items, clusters=clusters,
        next_pages=[urljoin(url, p) for p in next_pages], placeholder=placeholder,
        text_length=len(page.text),
    )


__all__ = ["Page", "PageExtract", "extract_page", "columns", "listing"]
