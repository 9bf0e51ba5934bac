"""Lists a page's scripts fetch, read from the answer: JSON or JSONP records, or an HTML fragment.

A news box filled by ``$.getJSON("/api/yw.json", draw)`` shows what the answer holds: an array of
records such as ``{"title": "…", "url": "/xwdt/….html", "pubDate": "2023-02-08"}``, often inside a
wrapper (``{"data": {"list": […]}}``, Guangdong's 信息公开 ``{"articles": […]}``) or a JSONP callback.
A record is an item when it has a title; its link is resolved against the page that shows it, as a
browser would. Its date is the value of a publication-date key (a date string, or Unix seconds or
milliseconds); a modification, start, end or reply date is never an item's publication date, and a
record without a link is kept with the answer's URL (``…/api/yw.json#3``) as its evidence.
An answer that is markup is read like a page: HTML (``$.get("/yw.html", h => box.innerHTML = h)``),
or a Hanweb ``dataproxy.jsp`` datastore of ``<record>`` rows.
"""

from __future__ import annotations

import html
import re
from datetime import date

from crawler.dates import parse_date
from crawler.extract import Page, jsondata, listing
from crawler.extract.html import fold, join, with_base

_TAG = re.compile(r"<[^>]{0,200}>")
# key names, lower-cased, in order of preference
_TITLES = ("title", "doctitle", "showtitle", "infotitle", "articletitle", "newstitle", "headline", "subject",
           "bt", "biaoti", "name")
_LINKS = ("url", "link", "href", "docpuburl", "docurl", "linkurl", "pageurl", "detailurl", "articleurl",
          "htmlurl", "staticurl", "contenturl", "weburl", "path")
_PUBLISHED = re.compile(r"pub|release|issue|fbsj|fbrq|docreltime|^rq$|^sj$")
_DATED = re.compile(r"date|time|^created?|_at$")
_NOT_PUBLISHED = re.compile(r"modif|update|edit|expir|(?:^|_)end|(?<!s)end(?:time|date)|start|begin|deadline|last|"
                            r"reply|answer|feedback|birth|url|link")
_STICKY = ("istop", "is_top", "top", "sticky", "settop", "topflag", "zhiding", "iszd")
_LINKISH = re.compile(r"(?:https?://|\.{0,2}/)\S*$|\S+\.(?:s?html?|jhtml|jsp|aspx?|php|pdf|docx?|xlsx?)(?:\?\S*)?$", re.I)
_FULL = ("ymd", "ymd-cn", "y-md")  # forms that are a date, never a number or a title's 2月8日


def read_answer(text: str, answer_url: str, page_url: str, asof: date,
                base: str | None = None) -> tuple[str, list[listing.Cluster]]:
    """What the answer is ("json", "html", or "" for neither) and the lists it holds. Its links resolve
    as the showing page's do: against ``base``, the page's <base href>, when it has one."""
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] == "<":
        return "html", Page(with_base(body, page_url, base), page_url).clusters(asof)
    try:
        value = jsondata.load(body)
    except ValueError:
        return "", []
    clusters = []
    for path, records in jsondata.record_arrays(value):
        entries = _entries(records, answer_url, base or page_url, asof)
        if entries:
            clusters.append(listing.Cluster(path=f"json:{path}", entries=entries))
    return "json", clusters


def menu_page(clusters: list[listing.Cluster], answer_url: str) -> Page:
    """Titled records that are no list (a menu a script draws) as the links a browser shows them as: a
    navigation bar, read like any page."""
    links = "".join(f'<li><a href="{html.escape(e.url)}">{html.escape(e.title)}</a></li>'
                    for c in clusters for e in c.entries)
    return Page(f"<html><body><nav><ul>{links}</ul></nav></body></html>", answer_url)


def _entries(records: list[dict], answer_url: str, page_url: str, asof: date) -> list[listing.Entry]:
    keys = {k.lower(): k for r in records for k in r if isinstance(k, str)}
    title_key = _pick(records, keys, _TITLES, lambda k: k.endswith("title"))
    if title_key is None:
        return []
    link_key = _pick(records, keys, _LINKS, lambda k: k.endswith(("url", "link"))) or _link_key(records, keys)
    date_key = _date_key(records, {k: v for k, v in keys.items() if v not in (title_key, link_key)}, asof)
    sticky_key = next((keys[k] for k in _STICKY if k in keys), None)
    out = []
    for n, record in enumerate(records, 1):
        title = fold(_TAG.sub("", str(record.get(title_key) or "")))
        if not title:
            continue
        href = record.get(link_key) if link_key else None
        url = join(page_url, href) if isinstance(href, str) and href.strip() else f"{answer_url}#{n}"
        raw = _text(record.get(date_key)) if date_key else ""
        found = parse_date(raw, asof) if raw else None
        out.append(listing.Entry(title=title, url=url, date=found.value if found else None, date_text=raw,
                                 date_form=found.form if found else "",
                                 sticky=bool(sticky_key) and _truthy(record.get(sticky_key))))
    return out


def _pick(records, keys: dict, names: tuple, fallback) -> str | None:
    """The first key of ``names`` (or else matching ``fallback``) holding text in most records."""
    ranked = [keys[n] for n in names if n in keys] + sorted(keys[k] for k in keys if k not in names and fallback(k))
    for key in ranked:
        if sum(isinstance(r.get(key), str) and bool(r[key].strip()) for r in records) * 2 >= len(records):
            return key
    return None


def _link_key(records, keys: dict) -> str | None:
    """A key whose values look like links (/xwdt/….html, http://…) in most records, whatever its name."""
    for key in keys.values():
        if sum(isinstance(r.get(key), str) and bool(_LINKISH.match(r[key].strip())) for r in records) * 2 >= len(records):
            return key
    return None


def _date_key(records, keys: dict, asof: date) -> str | None:
    """The publication-date key: a published/released one first, then any date or time key, then any
    other key holding full dates (2023-02-08, 2023年2月8日); never a modification, start, end or reply
    date. The key must hold a date in most records."""
    usable = [k for k in keys if not _NOT_PUBLISHED.search(k)]
    ranked = [(keys[k], None) for k in usable if _PUBLISHED.search(k)] + \
        [(keys[k], None) for k in usable if _DATED.search(k) and not _PUBLISHED.search(k)] + \
        [(keys[k], _FULL) for k in usable if not _DATED.search(k) and not _PUBLISHED.search(k)]
    for key, forms in ranked:
        values = [_text(r.get(key)) for r in records]
        found = [parse_date(v, asof) if v else None for v in values]
        if sum(f is not None and (forms is None or f.form in forms) for f in found) * 2 >= len(records):
            return key
    return None


def _text(value) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(int(value))  # Unix seconds or milliseconds: parse_date reads a bare number as one
    return value.strip() if isinstance(value, str) else ""


def _truthy(value) -> bool:
    return value is True or (isinstance(value, (int, float)) and value > 0) or \
        (isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "y", "是", "置顶"))
