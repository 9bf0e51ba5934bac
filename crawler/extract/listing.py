"""List items found by repeated structure: ul/li, table rows, dl, divs and bare anchors.

Each anchor with a title-like text is one candidate. Its item is the largest ancestor that holds
no other candidate; items with the same parent and tag form a cluster. A cluster is a list when
its items carry dates, or when it looks like a list of articles without them (undated items are
kept: the rules count them as not updated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urljoin

from crawler.dates import DateMatch, parse_date, url_year
from crawler.extract.html import fold, text_of

ITEM_TAGS = ("li", "tr", "dd", "dt")
_SKIP_HREF = re.compile(r"^\s*(javascript:|mailto:|tel:|#|$)", re.I)
_NAVISH = re.compile(r"nav|menu|footer|foot|header|head|banner|daohang|topbar|bottom|copyright|crumb|weizhi|location|position|pager|page|fenye", re.I)
_SIDEISH = re.compile(r"side|hot|rank|tuijian|xgwz|related|relate|recommend|paihang|remen|link|friend|yqlj", re.I)
_MAINISH = re.compile(r"list|content|main|con|article|news|info|lb|wzlb", re.I)
_STICKY = re.compile(r"置顶|\[顶\]|【顶】")
_ELLIPSIS = ("…", "...", "..")
STOP_TITLES = {"更多", "更多>>", "more", "首页", "上一页", "下一页", "尾页", "末页", "返回", "查看更多", "详情"}


@dataclass
class Entry:
    title: str
    url: str
    date: date | datetime | None = None
    date_text: str = ""
    date_form: str = ""
    sticky: bool = False

    def as_dict(self) -> dict:
        return {"title": self.title, "url": self.url,
                "date": self.date.isoformat() if self.date else None}


@dataclass
class Cluster:
    path: str
    entries: list[Entry] = field(default_factory=list)
    navish: bool = False
    sideish: bool = False

    @property
    def dated(self) -> int:
        return sum(1 for e in self.entries if e.date)

    @property
    def is_list(self) -> bool:
        n = len(self.entries)
        if n == 0:
            return False
        if self.dated:
            return self.dated >= 3 or self.dated / n >= 0.5
        if self.navish or n < 3:
            return False
        return sum(len(e.title) for e in self.entries) / n >= 10

    @property
    def score(self) -> float:
        s = len(self.entries) + 5 * self.dated / max(1, len(self.entries))
        if _MAINISH.search(self.path):
            s += 2
        if self.sideish:
            s -= 6
        if self.navish:
            s -= 10
        return s


def anchor_title(a) -> str:
    text = text_of(a)
    title = fold(a.get("title"))
    if title and (not text or text.endswith(_ELLIPSIS) or (len(title) > len(text) and title.startswith(text[:4]))):
        return title
    return text


def _label(el) -> str:
    return f"{el.tag}.{(el.get('class') or '').split(' ')[0]}#{el.get('id') or ''}"


def _path(el) -> str:
    parts = []
    while el is not None and el.tag not in ("body", "html"):
        parts.append(_label(el))
        el = el.getparent()
    return "/".join(reversed(parts))


def _is_candidate(a) -> str | None:
    href = a.get("href")
    if href is None or _SKIP_HREF.match(href):
        return None
    title = anchor_title(a)
    if len(title) < 4 or title.lower() in STOP_TITLES or re.fullmatch(r"[\d\s\-/.:年月日]+", title):
        return None
    return title


def _date_in(container, anchor, year_hint, asof) -> tuple[DateMatch | None, str]:
    """A date in the item but outside its title; else a date-only element inside the anchor."""
    pieces = []
    if container is anchor:
        sib = anchor.getnext()
        pieces.append(anchor.tail or "")
        while sib is not None and not (sib.tag == "a" and _is_candidate(sib)):
            pieces.append(text_of(sib))
            pieces.append(sib.tail or "")
            sib = sib.getnext()
    else:
        for el in container.iter():
            if el is anchor or _inside(el, anchor):
                if el is anchor:
                    pieces.append(anchor.tail or "")
                continue
            if isinstance(el.tag, str):
                pieces.append(el.text or "")
                if el is not container:
                    pieces.append(el.tail or "")
    outside = fold(" ".join(pieces))
    found = parse_date(outside, asof, year_hint=year_hint)
    if found:
        return found, outside[found.span[0]:found.span[1]]
    for el in anchor.iter():
        if el is anchor:
            continue
        t = text_of(el)
        if 4 <= len(t) <= 25:
            found = parse_date(t, asof, year_hint=year_hint)
            if found and found.span[1] - found.span[0] >= len(t) - 4:
                return found, t
    return None, ""


def _inside(el, ancestor) -> bool:
    p = el.getparent()
    while p is not None:
        if p is ancestor:
            return True
        p = p.getparent()
    return False


def find_clusters(body, base_url: str, asof: date) -> list[Cluster]:
    candidates = []
    counts: dict = {}
    for a in body.iter("a"):
        title = _is_candidate(a)
        if title is None:
            continue
        candidates.append((a, title))
        p = a
        while p is not None:
            counts[p] = counts.get(p, 0) + 1
            p = p.getparent()
    clusters: dict = {}
    for a, title in candidates:
        container = a
        while container.tag not in ITEM_TAGS:
            parent = container.getparent()
            if parent is None or parent.tag in ("body", "html") or counts.get(parent, 0) > 1:
                break
            if len(text_of(parent)) > len(title) + 120:
                break
            container = parent
        url = urljoin(base_url, a.get("href").strip())
        found, raw = _date_in(container, a, url_year(url), asof)
        title_clean = title
        if raw and raw in title_clean and title_clean != raw:
            title_clean = fold(title_clean.replace(raw, ""))
        sticky = bool(_STICKY.search(text_of(container))) or any(
            "置顶" in (img.get("alt") or "") or "top" in (img.get("src") or "").rsplit("/", 1)[-1].lower()
            for img in container.iter("img"))
        entry = Entry(title=_STICKY.sub("", title_clean).strip(), url=url,
                      date=found.value if found else None, date_text=raw,
                      date_form=found.form if found else "", sticky=sticky)
        parent = container.getparent()
        key = (parent, container.tag)
        if key not in clusters:
            path = _path(parent) if parent is not None else ""
            ancestors = [parent] + list(parent.iterancestors()) if parent is not None else []
            clusters[key] = Cluster(
                path=path,
                navish=any(x.tag in ("nav", "header", "footer") or _NAVISH.search(_attrs(x)) for x in ancestors),
                sideish=any(_SIDEISH.search(_attrs(x)) for x in ancestors),
            )
        clusters[key].entries.append(entry)
    return list(clusters.values())


def _attrs(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def main_cluster(clusters: list[Cluster]) -> Cluster | None:
    lists = [c for c in clusters if c.is_list]
    return max(lists, key=lambda c: c.score) if lists else None
