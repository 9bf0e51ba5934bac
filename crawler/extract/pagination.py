"""Pagination: TRS createPageHTML, numbered index_N pages, 下一页 links, page-number links."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler.extract.html import fold, text_of

_CREATE_PAGE = re.compile(
    r"create(?:Page(?:HTML)?)\s*\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w.-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_NEXT_WORDS = ("下一页", "下页", "后一页", "下一頁", "next", ">", "›", ">>", "»")
_SKIP = re.compile(r"^\s*(javascript:|#|$)", re.I)
_INDEX_N = re.compile(r"(index|home|list)_(\d+)\.(s?html?)$")


def trs_pages(script_text: str, url: str, limit: int = 100) -> list[str]:
    """createPageHTML(total, current, "index", "html"): page 1 is index.html, page k+1 index_k.html."""
    m = _CREATE_PAGE.search(script_text)
    if not m:
        return []
    total, current, stem, ext = int(m[1]), int(m[2]), m[3], m[4]
    return [urljoin(url, f"{stem}_{k}.{ext}") for k in range(current + 1, min(total, current + 1 + limit))]


def link_pages(body, url: str) -> list[str]:
    """Next pages from 下一页 links, else from a page-number link one above the current page."""
    found = []
    current = _current_number(url)
    numbered = {}
    for a in body.iter("a"):
        href = a.get("href")
        if href is None or _SKIP.match(href):
            continue
        text = fold(text_of(a) or a.get("title"))
        target = urljoin(url, href.strip())
        if target == url:
            continue
        if text.lower() in _NEXT_WORDS:
            found.append(target)
        elif text.isdigit() and len(text) < 5:
            numbered[int(text)] = target
    if not found and current + 1 in numbered:
        found.append(numbered[current + 1])
    return found


def _current_number(url: str) -> int:
    """1-based number of the page a URL shows (index.html is 1, index_1.html is 2)."""
    path = urlsplit(url).path
    m = _INDEX_N.search(path)
    if m:
        return int(m[2]) + 1
    m = re.search(r"[?&](?:page|pageNum|pageIndex|cur_page|p)=(\d+)", url, re.I)
    return int(m[1]) if m else 1


def next_pages(body, scripts: str, url: str) -> list[str]:
    pages = trs_pages(scripts, url) or link_pages(body, url)
    seen, out = set(), []
    for p in pages:
        if p not in seen and p != url:
            seen.add(p)
            out.append(p)
    return out
