"""Page extraction as plain functions of (html, url, asof), shared by the spiders and `scrapy extract`.

``extract_page`` answers what a page is (list, detail or other), its publication date, its list
items and its next pages. A site-specific spider overrides any part with selectors; see
``crawler.spiders.inspect.InspectSpider`` and docs/extraction.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urljoin

from crawler.dates import DateMatch, parse_date, url_year
from crawler.extract import columns, detail, listing, pagination
from crawler.extract.html import (PageLink, apply_base, fold, meta_map, parse, read_links, simplified, text_of,
                                  visible_copy, with_base)
from crawler.extract.panels import CLIENT_TEMPLATE

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

    def as_json(self, file: str | None = None) -> dict:
        out = {"file": file, "url": self.url, "kind": self.kind,
               "date": self.date.value.isoformat() if self.date else None,
               "items": [e.as_dict() for e in self.items], "next_pages": self.next_pages,
               "date_evidence": self.date_evidence, "placeholder": self.placeholder}
        if file is None:
            out.pop("file")
        return out


class Page:
    """One parsed page: the tree, its visible copy, and the inline scripts (for pagers and datastores)."""

    def __init__(self, html: str | bytes, url: str):
        self.url = url
        self.html = html.decode("utf-8", "replace") if isinstance(html, bytes) else (html or "")
        self.root = parse(self.html)
        self.base = apply_base(self.root, url)  # what relative URLs resolve against: a <base href>, else url
        self.scripts = "\n".join(s.text or "" for s in self.root.iter("script"))
        body = self.root.find("body")
        self.body = visible_copy(body if body is not None else self.root)

    @cached_property
    def text(self) -> str:
        return text_of(self.body)

    @cached_property
    def flat(self) -> tuple:
        """The article-side text (sidebars, comments, footers left out) with headings and links."""
        return detail.flatten(self.body)

    @cached_property
    def anchors(self) -> list[tuple[object, str]]:
        """Every visible link with its text, read once for the list and pager searches."""
        return [(a, text_of(a)) for a in self.body.iter("a")]

    @cached_property
    def links(self) -> list[PageLink]:
        """The visible links that lead somewhere, resolved once for the column, service and channel readers."""
        return read_links(self.body, self.url, self.anchors)

    @cached_property
    def metas(self) -> dict[str, str]:
        return meta_map(self.root)

    @cached_property
    def title(self) -> str:
        t = self.metas.get("articletitle")
        if t:
            return t
        el = self.root.find(".//title")
        return text_of(el) if el is not None else ""

    def datastore_clusters(self, asof: date) -> list[listing.Cluster]:
        """Hanweb JCMS keeps page 1 of a list in <script type="text/xml"><datastore> records."""
        if "<record" not in self.html:
            return []
        records = []
        for s in self.root.iter("script"):
            if (s.get("type") or "").lower() == "text/xml" and s.text and "<record" in s.text:
                records += _RECORD.findall(s.text)
        if not records and self.html.lstrip()[:200].lstrip("\ufeff").startswith(("<?xml", "<datastore")):
            records = _RECORD.findall(self.html)  # a dataproxy.jsp answer is the datastore itself
        if not records:
            return []
        fragment = parse(f"<html><head>{with_base('', self.url, self.base)}</head><body><ul class='datastore'>"
                         f"{''.join(records)}</ul></body></html>")
        apply_base(fragment, self.url)  # the records' links resolve as the page's own do
        return listing.find_clusters(fragment.find("body"), self.url, asof)

    def clusters(self, asof: date) -> list[listing.Cluster]:
        """Every repeated structure of the page, the lists only a script holds first."""
        return self.script_clusters(asof) + listing.find_clusters(self.body, self.url, asof, anchors=self.anchors)

    def script_clusters(self, asof: date) -> list[listing.Cluster]:
        """Hanweb datastores and JS-array lists: items that only a script holds."""
        clusters = self.datastore_clusters(asof)
        if "[" in self.scripts:
            entries = js_array_entries(self.scripts, self.base, asof)
            if entries:
                clusters.append(listing.Cluster(path="script:js-array", entries=entries))
        return clusters


_JS_ASSIGN = re.compile(r"\b(urls?|headers?|titles?|year|month|day|dates?)\s*\[\s*\w+\s*\]\s*=\s*(['\"])(.*?)\2", re.I)


def js_array_entries(scripts: str, url: str, asof: date) -> list[listing.Entry]:
    """Lists written as urls[i]='…';headers[i]="…";year[i]='2023';month[i]='2';day[i]='9'; in a script."""
    rows: list[dict] = []
    for m in _JS_ASSIGN.finditer(scripts):
        key = m[1].lower().rstrip("s")
        if key == "url" or not rows:
            rows.append({})
        rows[-1][key] = m[3]
    entries = []
    for row in rows:
        title = row.get("header") or row.get("title")
        if not (row.get("url") and title):
            continue
        raw = row.get("date") or "-".join(row[k] for k in ("year", "month", "day") if row.get(k))
        found = parse_date(raw, asof, year_hint=url_year(row["url"])) if raw else None
        entries.append(listing.Entry(title=fold(title), url=urljoin(url, row["url"]), date=found.value if found else None,
                                     date_text=raw, date_form=found.form if found else ""))
    return entries


def extract_page(html: str | bytes, url: str, asof: date, page: Page | None = None) -> PageExtract:
    page = page or Page(html, url)
    datastore = page.script_clusters(asof)
    clusters = datastore + listing.find_clusters(page.body, url, asof, anchors=page.anchors)
    main = listing.main_cluster(clusters, url)
    items = main.entries if main else []
    in_datastore = sum(len(c.entries) for c in datastore if c.path != "script:js-array")
    # only a list has next pages: a page without one skips the pager search
    next_pages = pagination.next_pages(page.body, page.scripts, url, html=page.html, record_count=in_datastore,
                                       text=page.text, anchors=page.anchors) if main else []
    pub, evidence = detail.detail_date(page.body, page.root, url, asof, page.title, page.scripts, page.metas,
                                       page.flat)
    kind = _kind(page, main, pub, evidence, next_pages)
    placeholder = ""
    if not items and not (kind == "detail" and evidence.get("source") == "label"):  # a blank column's 暂无信息
        placeholder = shown_placeholder(page, placeholder_in(page.flat[0]))
    return PageExtract(
        url=url, kind=kind, title=page.title, date=pub if kind == "detail" else None,
        date_evidence=evidence, items=items if kind == "list" else [], clusters=clusters,
        next_pages=[urljoin(url, p) for p in next_pages] if kind == "list" else [], placeholder=placeholder,
    )


def placeholder_in(text: str, pattern: re.Pattern = PLACEHOLDERS) -> str:
    """The first placeholder (暂无信息; 暫無信息 in Traditional characters) in ``text``, in the page's own words."""
    m = pattern.search(simplified(text))
    return text[m.start():m.end()] if m else ""


def shown_placeholder(page: Page, found: str) -> str:
    """The placeholder ``found`` in the page's text (``placeholder_in``) if a reader of the page sees it, else "".

    Not one in an element hidden by its markup (an empty-state box a script shows when its request
    for the list comes back empty), nor any on a page whose lists a script draws from a template
    ({{item.title}}, v-for, ng-repeat): there the list is not in the HTML, and "no list found" is not
    "the list is empty".
    """
    if not found or CLIENT_TEMPLATE.search(page.html):
        return ""
    # crawler.security reads pages through this package: imported here to keep that one-way at load time
    from crawler.security.hidden import declarations, hiding

    def hidden(el) -> bool:
        return any(x.get("hidden") is not None or hiding(declarations(x.get("style") or ""))
                   for x in (el, *el.iterancestors()))

    holders = [el if found in (el.text or "") else el.getparent() for el in page.body.iter()
               if found in (el.text or "") or found in (el.tail or "")]
    if holders and all(h is not None and hidden(h) for h in holders):
        return ""
    return found


_SIGNALS = ("label", "nearby", "time", "meta", "url", "script", "closing", "text", "updated")


def _kind(page: Page, main: listing.Cluster | None, pub: DateMatch | None, evidence: dict, next_pages) -> str:
    """list, detail or other.

    An article signal is article markup (the ArticleTitle meta, og:type article, schema.org
    Article JSON-LD; ``detail.article_markup``) or a date by the title (or an HTML5 ``<time
    datetime>``, a day in the URL, the script's one publication time, a date closing the text) that is not
    one of the list's own item dates; so is a date under the title labelled as another time
    (施行日期：…), which is no publication date. An article's related-links box is a cluster too: with an article
    signal, more prose than the cluster's link text makes the page a detail page. Without a
    list, a page with a meta or URL date and a few paragraphs of prose is an article too.
    """
    source = evidence.get("source") if evidence.get("source") in _SIGNALS else "other" if "other" in evidence else ""
    signal = bool(source)
    if signal and main is not None and (len(main.entries) >= 3 or source == "closing"):
        chosen = evidence.get(source, "")[:10]
        signal = not any(e.date and e.date.isoformat()[:10] == chosen for e in main.entries)
    signal = signal or detail.article_markup(page.metas, page.scripts)
    text, _, _, link_chars, _ = page.flat
    prose = len("".join(text.split())) - link_chars  # indentation is not prose
    if main is None:
        return "detail" if signal or (pub is not None and prose >= 200) else "other"
    if not signal or (next_pages and len(main.entries) >= 3 and not main.sideish and "label" not in evidence):
        return "list"
    link_text = sum(len(e.title) + len(e.date_text) for e in main.entries)
    return "detail" if prose > link_text or main.sideish else "list"


__all__ = ["PLACEHOLDERS", "Page", "PageExtract", "extract_page", "placeholder_in", "shown_placeholder", "columns",
           "listing"]
