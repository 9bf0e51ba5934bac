"""Columns (栏目): discovered from a page's navigation, classified by name from a keyword table.

The keyword table (crawler/data/column_categories.csv) is data: a user extends it with the
COLUMN_KEYWORDS_FILE setting, a CSV of the same shape whose rows are added to the built-in ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from urllib.parse import urlsplit

from crawler.extract.html import PageLink, fold, link_name, read_links, text_of
from crawler.extract.tables import read_pairs

CATEGORIES = ("news", "notice", "personnel_plan", "cadence", "static", "interaction", "service", "special", "archive")
_FILE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|jpg|png|gif|mp4)$", re.I)
_NAVISH = re.compile(r"nav|menu|daohang|lanmu|channel|column|subnav|dh|left|sidebar|tab", re.I)
_MORE = re.compile(r"^(更多|more|更多>+|>>|更多信息|查看更多)$", re.I)
_MORE_MARK = re.compile(r"more|gengduo", re.I)
_HOME = re.compile(r"^(首页|网站首页|返回首页|主页)$")
# an article's page: a file name with a number in it (t20230209_123.html, content_5384134.htm, 107127.htm)
_ARTICLE_FILE = re.compile(r"/[^/]*\d{4,}[^/]*\.[a-z]+$", re.I)


@dataclass(frozen=True)
class ColumnLink:
    name: str
    url: str
    category: str  # one of CATEGORIES, or "" for a column of no known kind
    source: str  # "nav", "more", "keyword" or "subnav"


class Classifier:
    def __init__(self, rows: list[tuple[str, str]]):
        # an archive first (往期动态, 历史文件: kept, never updated), then the longest keyword, so 政策解读
        # wins over 政策 and 工作动态 over 工作
        self.rows = sorted(((c, k) for c, k in rows if c and k), key=lambda r: (r[0] != "archive", -len(r[1])))

    def __call__(self, name: str) -> str:
        name = fold(name)
        for category, keyword in self.rows:
            if keyword in name:
                return category
        return ""


@lru_cache(maxsize=8)
def classifier(extra_file: str = "") -> Classifier:
    rows = read_pairs(files("crawler") / "data" / "column_categories.csv", "category", CATEGORIES)
    if extra_file:
        rows += read_pairs(extra_file, "category", CATEGORIES)
    return Classifier(rows)


def _more_icon(a) -> bool:
    """A 更多 link drawn as an image or by its style sheet: <a href="/tzgg/"><img src="more.gif"></a>,
    <a class="more" href="/tzgg/"></a>, <span class="more"><a href="/tzgg/"></a></span>."""
    parent = a.getparent()
    holders = (a,) if parent is None or len(parent) > 1 else (a, parent)  # a box of the link alone
    return any(_MORE_MARK.search(f"{x.get('class') or ''} {x.get('id') or ''}") for x in holders) or any(
        _MORE_MARK.search((img.get("src") or "").rsplit("/", 1)[-1]) for img in a.iter("img"))


def _heading_near(a) -> str:
    """The title of the homepage block a 更多 link belongs to."""
    node = a
    for _ in range(4):
        node = node.getparent()
        if node is None:
            return ""
        for el in node.iter("h1", "h2", "h3", "h4", "h5", "strong", "b", "span", "div", "em", "a", "p"):
            if el is a:
                continue
            t = fold(el.text or "") or (text_of(el) if len(el) == 0 else "")
            if 2 <= len(t) <= 10 and not _MORE.match(t):
                return t
    return ""


def discover(body, base_url: str, owns, classify: Classifier, known: set[str] = frozenset(),
             source_nav: str = "nav", links: list[PageLink] | None = None) -> list[ColumnLink]:
    """Column links on a page: navigation blocks, 更多 links (drawn as an image or by the style sheet too,
    named by their block's heading) and links named like columns.
    ``links``: the page's links if already read (``Page.links``)."""
    found: dict[str, ColumnLink] = {}
    base = urlsplit(base_url)
    for a, text, href, url, parts in read_links(body, base_url) if links is None else links:
        if not owns(url) or _FILE.search(parts.path) or url in known:
            continue
        if parts.path in ("", "/", "/index.html", "/index.htm", "/index.shtml") and not parts.query \
                and parts.netloc == base.netloc:
            continue
        text = link_name(a, text)
        if _MORE.match(text) or (not text and _more_icon(a)):
            name, source = _heading_near(a), "more"
        else:
            name, source = text, source_nav
        if not (2 <= len(name) <= 14) or _HOME.match(name):
            continue
        category = classify(name)
        in_nav = any(x.tag == "nav" or _NAVISH.search(f"{x.get('class') or ''} {x.get('id') or ''}")
                     for x in [a, *a.iterancestors()])
        if source == source_nav and not in_nav:
            if not category or _ARTICLE_FILE.search(parts.path):
                continue  # a headline such as 关于春节放假的通知 names an article, not a column
            source = "keyword"
        link = ColumnLink(name=name, url=url, category=category, source=source)
        if url not in found or (not found[url].category and category):
            found[url] = link
    return list(found.values())
