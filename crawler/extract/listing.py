"""List items found by repeated structure: ul/li, table rows, dl, divs and bare anchors.

Each anchor with a title-like text is one candidate. Its item is the largest ancestor that holds
no other candidate; items with the same parent and tag form a cluster. A cluster is a list when
its items carry dates, or when it looks like a list of articles without them (undated items are
kept: the rules count them as not updated).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import islice

from crawler.dates import DateMatch, asof_day, infer_list_years, parse_date, parse_date_box, url_year
from crawler.extract.detail import TODAY_IS, after_other_label
from crawler.extract.html import all_text, fold, join, link_href, simplified, text_of

ITEM_TAGS = ("li", "tr", "dd", "dt")
_SKIP_HREF = re.compile(r"^\s*(javascript:|mailto:|tel:|#|$)", re.I)
_NAVISH = re.compile(r"nav|menu|footer|foot|header|head|banner|daohang|topbar|bottom|copyright|crumb|weizhi|location|position|pager|page|fenye", re.I)
_SIDEISH = re.compile(r"side|hot|rank|tuijian|xgwz|related|relate|recommend|paihang|remen|link|friend|yqlj", re.I)
# a box headed so lists other pages' articles (reading rankings, related reading), whatever its class says
# (热点新闻, 相关信息 can be a column's own name: not these)
_SIDE_HEADING = re.compile(r"(热门|热点|阅读|点击|浏览|访问)(排行|排名)|排行榜|热门文章|相关(阅读|文章|链接|新闻|推荐)|"
                           r"推荐阅读|猜你喜欢|为您推荐")
_TITLE_CLASS = re.compile(r"tit|hd\b|head", re.I)
_MAINISH = re.compile(r"list|content|main|con|article|news|info|lb|wzlb", re.I)
_STICKY = re.compile(r"置顶|\[顶\]|【顶】")
_DATE_ONLY = re.compile(r"[\d\s\-/.:年月日]+")  # a link whose text is a date is not an item
# an item's second link to its own page, under its summary: [详细], 阅读全文>>, more…
_READ_MORE = re.compile(r"[\[【(（<]?\s*(详细|详情|详细内容|全文|阅读全文|查看全文|查看详情|点击查看|了解更多|"
                        r"查看更多|更多|more|read more)\s*[\]】)）>»›]*[.…]*", re.I)
# a script link's call, and what it passes: a path (goto('/n/1.html')) or an id (showDetail('1001'))
_SCRIPT_CALL = re.compile(r"\s*javascript:\s*(?!void\b)[\w.$]+\s*\(", re.I)
_SCRIPT_PATH = re.compile(r"""['"]((?:https?://|/|\.{1,2}/)[^'"\s]+|[^'"\s]+\.(?:s?html?|jsp|aspx?|php|pdf|docx?|xlsx?))['"]""")
_SCRIPT_ARG = re.compile(r"""\(\s*['"]?([\w-]{1,40})""")
_EMPTY_BRACKETS = re.compile(r"[\[【(（]\s*[\]】)）]")
# forms a date ending a link's own text may take; one inside it (关于5月20日停电的通知) is no item date
_DIGIT_END = re.compile(r"\d\D{0,3}$")
_HAS_DIGIT = re.compile(r"\d").search
_TRAILING_FORMS = {"ymd", "ymd-cn", "yy-md", "md-inferred", "md-url-year"}
_YEAR_LESS = {"md-inferred", "md-url-year"}
# an item's or a table column's label for its publication date (not 成文日期, 截止时间, 更新时间)
_PUBLISHED = re.compile(r"(?:发布|公开)\s*(?:日期|时间)\s*[:：]?\s*")
# a bracketed date opening a link's text ([02-08] 关于…); an open one (2月8日，县委…) is the news's own
_LEADING = re.compile(r"\s*[\[【(（]\s*(?P<date>[\d\s\-/.年月日:]{4,20}?)\s*[\]】)）]")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
STOP_TITLES = {"更多", "更多>>", "more", "首页", "上一页", "下一页", "尾页", "末页", "返回", "查看更多", "详情",
               # a portal's top bar: beside 今天是2023年2月9日 they would be items of today
               "设为首页", "加入收藏", "收藏本站", "网站地图", "无障碍浏览", "长者模式", "返回首页", "网站首页"}
_WEEKDAY = re.compile(r"\s*[(（]?(星期|周|礼拜)[一二三四五六日天][)）]?")
_CLOCK_ONLY = re.compile(r"[\[(（【]?\s*([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?:\s*[:：]\s*[0-5]\d)?\s*[\])）】]?")


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
            # two links and one date is no list: a top bar's 无障碍 and English links before today's date
            return self.dated >= 3 or (self.dated / n >= 0.5 and self.dated >= min(n, 2))
        if self.navish or n < 3:
            return False
        # undated links to folders (/fund/000001/, /col/col12/index.html) are a menu of columns, not articles
        if sum(bool(_COLUMN_URL.search(e.url.split("?")[0])) for e in self.entries) * 5 >= n * 3:
            return False
        return sum(len(e.title) for e in self.entries) / n >= 10

    @property
    def score(self) -> float:
        s = len(self.entries) + 5 * self.dated / max(1, len(self.entries))
        if _MAINISH.search(self.path):
            s += 2
        if self.sideish:
            s -= 6 + len(self.entries) / 2  # a long related or ranking box is still not the page's list
        if self.navish:
            s -= 10
        return s


# an element of the anchor that marks the item, not part of its title: <font color=red>NEW</font> after
# it, a rank or a number before it (<span class="num">1</span>)
_MARK_AFTER = re.compile(r"new|hot|top|最新|新|热|荐|置顶|图|视频|[\[【(（]\s*(?:new|图|视频)\s*[\]】)）]", re.I)
_MARK_BEFORE = re.compile(r"\d{1,3}\.?")
_NUMBER_BOX = re.compile(r"num|rank|index|order|sort|xh|paixu|\bno\b", re.I)  # not <b>12</b>项措施


def _without_marks(a, text: str) -> str:
    """``text`` (the anchor's) without a marking element at its end or its start."""
    first, last = a[0], a[-1]
    if isinstance(last.tag, str) and not (last.tail or "").strip():
        mark = text_of(last)
        if mark and _MARK_AFTER.fullmatch(mark) and text.endswith(mark) and len(text) - len(mark) >= 4:
            text = text[:-len(mark)].rstrip()
    if isinstance(first.tag, str) and not (a.text or "").strip() and _NUMBER_BOX.search(
            f"{first.get('class') or ''} {first.get('id') or ''}"):
        mark = text_of(first)
        if mark and _MARK_BEFORE.fullmatch(mark) and text.startswith(mark) and len(text) - len(mark) >= 4:
            text = text[len(mark):].lstrip()
    return text


def anchor_title(a, text: str | None = None) -> str:
    """The anchor's text, or its @title when that is the full form of a text cut with …; a card
    link holding a heading and a summary (<a><h3>…</h3><p>…</p></a>) is titled by its heading. An
    element marking the item (NEW after the title, a number before it) is no part of the title."""
    text = text_of(a) if text is None else text
    if len(a):
        text = _without_marks(a, text)
    title = fold(a.get("title"))
    if title and len(title) >= 4 and (not text or text[:4] == title[:4] or title[:6] in text):
        return title
    if len(text) > 30 and len(a):
        heading = next(a.iter(*_HEADINGS), None)
        if heading is not None:
            return text_of(heading) or text
    return text


class _Boxes:
    """Path, nav-like and sidebar-like flags of an element and its ancestors, each element
    computed once per page (many clusters share ancestors)."""

    def __init__(self):
        self.seen: dict = {}

    def __call__(self, el) -> tuple[str, bool, bool]:
        chain = []
        x = el
        while x is not None and x not in self.seen and x.tag not in ("body", "html"):
            chain.append(x)
            x = x.getparent()
        path, nav, side = self.seen.get(x, ("", False, False))
        for y in reversed(chain):
            attrs = f"{y.get('class') or ''} {y.get('id') or ''}"
            label = f"{y.tag}.{(y.get('class') or '').split(' ')[0]}#{y.get('id') or ''}"
            path = f"{path}/{label}" if path else label
            nav = nav or y.tag in ("nav", "header", "footer") or bool(_NAVISH.search(attrs))
            side = side or bool(_SIDEISH.search(attrs)) or bool(_SIDE_HEADING.search(_heading_of(y)))
            self.seen[y] = (path, nav, side)
        return self.seen.get(el, (path, nav, side))


def _heading_of(box) -> str:
    """The text heading a box: its first child or the element before it, if that is a heading
    (h1–h6, or a title-classed element of at most two children: a name and its 更多)."""
    for el in (next(iter(box), None), box.getprevious()):
        if el is None or not isinstance(el.tag, str):
            continue
        if el.tag in _HEADINGS or (_TITLE_CLASS.search(el.get("class") or "") and len(el) <= 2):
            return text_of(el)[:20]
    return ""


def _is_candidate(a, text: str | None = None) -> str | None:
    href = a.get("href")
    shortest = 4
    if href is None or _SKIP_HREF.match(href):
        if not _opens_by_script(a, href):
            return None
        shortest = 6  # a tab or a drop-down heading a script opens (通知公告, 政务公开) is no item
    title = anchor_title(a, text)
    if len(title) < shortest or title.lower() in STOP_TITLES or _DATE_ONLY.fullmatch(title) \
            or _READ_MORE.fullmatch(title):
        return None
    return title


def _opens_by_script(a, href: str | None) -> bool:
    """A link a script opens: ``href="javascript:showDetail(1001)"``, or a ``javascript:``/``#``/no href
    with an onclick; ``javascript:void(0)`` alone opens nothing we can tell."""
    if a.get("onclick"):
        return href is None or not href.lstrip().lower().startswith(("mailto:", "tel:"))
    return bool(href) and _SCRIPT_CALL.match(href) is not None


def _item_url(a, base_url: str, n: int) -> str:
    """Where an item leads: its href; for a script link the page it opens (``window.open('…')``, a
    quoted path passed to a function), else the list page itself marked with the function's argument
    or the item's number (``…/index.html#1001``): an item with no page of its own to fetch."""
    href = a.get("href")
    if href is not None and not _SKIP_HREF.match(href):
        return join(base_url, href)
    target = link_href(a)
    code = f"{a.get('onclick') or ''} {href or ''}".replace("void(0)", "")
    if not target:
        m = _SCRIPT_PATH.search(code)
        target = m.group(1) if m else ""
    if target:
        return join(base_url, target)
    m = _SCRIPT_ARG.search(code)
    return f"{base_url.split('#')[0]}#{m.group(1) if m else n}"


def _date_in(container, anchor, year_hint, asof, title: str = "", text: str | None = None,
             columns: dict | None = None, cells: tuple = ()) -> tuple[DateMatch | None, str, bool]:
    """(date, its text, whether it was read inside the anchor): a date in the item but outside its
    title; else a date-only element inside the anchor; else a date that ends the anchor's own text
    (县政府召开常务会议 2024-06-11), or a bracketed one that opens it. A date drawn as a calendar box
    (<b>09</b><i>2023-02</i>) is read from the box, whose texts run together otherwise. ``text``: the
    anchor's own text, if already read; ``columns``: each table's 发布日期 column, found once per page;
    ``cells``: the cells that go with the item's cell in a row of several items (``_row_cells``)."""
    pieces, outside = [], []
    if container is anchor:
        sib = anchor.getnext()
        pieces.append(anchor.tail or "")
        while sib is not None and not (sib.tag == "a" and _is_candidate(sib)):
            outside.extend(sib.iter())
            pieces.append(text_of(sib))
            pieces.append(sib.tail or "")
            sib = sib.getnext()
    else:
        inside = set(anchor.iter())
        for el in container.iter():
            if el in inside:
                if el is anchor:
                    pieces.append(anchor.tail or "")
                continue
            if isinstance(el.tag, str):
                outside.append(el)
                pieces.append(el.text or "")
                if el is not container:
                    pieces.append(el.tail or "")
        for el in (x for cell in cells for x in cell.iter()):
            if isinstance(el.tag, str):
                outside.append(el)
                pieces += [el.text or "", el.tail or ""]
    around = fold(" ".join(pieces))
    if "今" in around and TODAY_IS.search(around):  # the day the page was served, not the item's
        return None, "", False
    published = _published(container, around, year_hint, asof, {} if columns is None else columns)
    if published:
        return (*published, False)
    found = parse_date(around, asof, year_hint=year_hint) if around else None
    # 截止时间：2024-07-10 is the item's deadline, not when it was published (a date after it may be); a
    # letter's 受理时间 dates it
    others = 0
    while found and after_other_label(around, found.span[0], but=("受理时间", "办理时间")):
        others, start = others + 1, found.span[1]
        found = parse_date(around[start:], asof, year_hint=year_hint) if others < 3 else None
        found = replace(found, span=(found.span[0] + start, found.span[1] + start)) if found else None
    if others and not found:
        return None, "", False
    if found and _WEEKDAY.search(around, found.span[0], found.span[1] + 6) and found.day == asof_day(asof):
        return None, "", False  # 2024年6月30日 星期日 beside a top bar's links is the page's today, no item's date
    if (found is None or found.form in _YEAR_LESS) and _HAS_DIGIT(around):
        holders = set(anchor.iterancestors())
        box = _box_date([el for el in outside if el not in holders], year_hint, asof)
        if box and (found is None or (box[0].form == "ymd-box" and _same_day(box[0], found))):
            return (*box, False)
    if found:
        return found, around[found.span[0]:found.span[1]], False
    tail = around.rsplit(" ", 1)[-1]  # a row's last cell: 县政府办 09:12
    clock = tail if _CLOCK_ONLY.fullmatch(tail) and not _HAS_DIGIT(around[:-len(tail)]) else ""
    inside = False
    for el in anchor.iter():
        if el is anchor:
            continue
        t = text_of(el)
        if 4 <= len(t) <= 25:
            found = parse_date(t, asof, year_hint=year_hint)
            if found and found.span[1] - found.span[0] >= len(t) - 4:
                return found, t, True
            if not clock and _CLOCK_ONLY.fullmatch(t):
                clock, inside = t, True
    own = text_of(anchor) if text is None else text
    if _HAS_DIGIT(own):
        box = _box_date([el for el in anchor.iter() if el is not anchor], year_hint, asof)
        if box:
            return (*box, True)
    tail = title[-24:]
    found = parse_date(tail, asof, year_hint=year_hint) if len(title) > 12 and _DIGIT_END.search(tail) else None
    if found and found.form in _TRAILING_FORMS and found.span[1] >= len(title[-24:]) - 1:
        return found, tail[found.span[0]:found.span[1]], True
    lead = _LEADING.match(own)
    found = parse_date(lead["date"], asof, year_hint=year_hint) if lead else None
    if found and found.form in _TRAILING_FORMS and found.span == (0, len(lead["date"])):
        return found, lead.group(0).strip(), True
    # a clock time alone is kept undated here: only its place in the list can say it means today
    return None, clock, inside



def _published(container, text, year_hint, asof, columns: dict) -> tuple[DateMatch, str] | None:
    """The date the item labels as its publication (截止时间：… 发布时间：…), or the one in its table's
    发布日期 column (beside 成文日期): the rules judge freshness on 发布日期. ``columns`` keeps each
    table's (header row, column index) once found."""
    for m in _PUBLISHED.finditer(simplified(text)):
        rest = text[m.end():m.end() + 32]
        found = parse_date(rest, asof, year_hint=year_hint)
        if found and found.span[0] == 0:
            return found, rest[:found.span[1]].strip()
    if container.tag != "tr":
        return None
    table = next(container.iterancestors("table"), None)
    if table not in columns:
        columns[table] = _published_column(table)
    header, column, width = columns[table]
    cells = [cell for cell in container if cell.tag in ("th", "td")]
    if column is None or header is container or len(cells) != width:
        return None
    t = text_of(cells[column])
    found = parse_date(t, asof, year_hint=year_hint)
    return (found, t[found.span[0]:found.span[1]].strip()) if found else None


def _published_column(table) -> tuple[object, int | None, int]:
    """A table's header row (at its top), the index of its 发布日期 column, and its number of cells."""
    rows = islice(table.iter("tr"), 3) if table is not None else ()
    header = next((row for row in rows if row.find("th") is not None), None)
    if header is None:
        return None, None, 0
    titles = [text_of(cell) for cell in header if cell.tag in ("th", "td")]
    return header, next((i for i, t in enumerate(titles) if _PUBLISHED.fullmatch(simplified(t))), None), \
        len(titles)


def _box_date(elements, year_hint, asof) -> tuple[DateMatch, str] | None:
    """The first of ``elements`` whose visible texts are exactly a date box's two parts."""
    for el in elements:
        if not isinstance(el.tag, str):
            continue
        parts = [t.strip() for t in el.itertext() if t.strip()]
        if len(parts) == 2:
            found = parse_date_box(parts, asof, year_hint=year_hint)
            if found:
                return found, " ".join(parts)
    return None


def _same_day(a: DateMatch, b: DateMatch) -> bool:
    return (a.value.month, a.value.day) == (b.value.month, b.value.day)


def find_clusters(body, base_url: str, asof: date, anchors: list | None = None) -> list[Cluster]:
    """Clusters of list items under ``body``; ``anchors`` are its (link, text) pairs if already read."""
    candidates = []
    for a, text in anchors if anchors is not None else ((a, None) for a in body.iter("a")):
        title = _is_candidate(a, text)
        if title is not None:
            candidates.append((a, title, text, _item_url(a, base_url, len(candidates))))
    counts = _counts(candidates)
    minor = _minor_links(candidates, counts) | _twin_links(candidates, counts)
    if minor:
        candidates = [c for c in candidates if c[0] not in minor]
        counts = _counts(candidates)
    clusters: dict = {}
    rows: dict = {}  # each cluster's item elements, beside its entries
    boxes = _Boxes()
    columns: dict = {}
    shared_rows: dict = {}  # a table row holding several items → each item cell's own cells
    for a, title, text, url in candidates:
        container = a
        while container.tag not in ITEM_TAGS or (container.tag != "li" and _whole_row(container, counts)):
            parent = container.getparent()
            if parent is None or parent.tag in ("body", "html") or counts.get(parent, 0) > 1:
                break
            limit = len(title) + 120
            # the whole text's length first (read in C): it is never shorter than its stripped pieces
            if len(all_text(parent)) > limit and sum(len(t.strip()) for t in parent.itertext()) > limit:
                break
            container = parent
        cells = ()
        row = container.getparent() if container.tag in ("td", "th") else None
        if row is not None and row.tag == "tr" and counts.get(row, 0) > 1:
            if row not in shared_rows:
                shared_rows[row] = _row_cells(row, counts)
            cells = shared_rows[row].get(container, ())
        found, raw, inside = _date_in(container, a, url_year(url), asof, title, text, columns, cells)
        title_clean = title
        # a date read outside the anchor stays in a title that holds it too (…的公告(2023-02-09));
        # a date box inside the anchor reads "092023-02县政府…" in the anchor's text: its parts run together
        shown = (raw if raw in title_clean else raw.replace(" ", "")) if inside else ""
        if shown and shown in title_clean and title_clean != shown:
            title_clean = fold(title_clean.replace(shown, ""))
        box_text = all_text(container)
        sticky = ("顶" in box_text and bool(_STICKY.search(box_text))) or any(
            "置顶" in (img.get("alt") or "") or "top" in (img.get("src") or "").rsplit("/", 1)[-1].lower()
            for img in container.iter("img"))
        entry = Entry(title=_EMPTY_BRACKETS.sub("", _STICKY.sub("", title_clean)).strip(), url=url,
                      date=found.value if found else None, date_text=raw,
                      date_form=found.form if found else "", sticky=sticky)
        parent = container.getparent()
        key = (parent, container.tag)
        if key not in clusters:
            path, navish, sideish = boxes(parent) if parent is not None else ("", False, False)
            clusters[key] = Cluster(path=path, navish=navish, sideish=sideish)
        clusters[key].entries.append(entry)
        rows.setdefault(key, []).append(container)
    _dated_rows(clusters, rows, asof)
    _dated_groups(clusters, asof)
    _split_lists(clusters)
    for cluster in clusters.values():
        _clock_is_today(cluster.entries, asof)
        _roll_back_years(cluster.entries, asof)
        _drop_subcolumn_links(cluster)
    return list(clusters.values())


def _counts(candidates) -> dict:
    """How many candidate links each element holds."""
    counts: dict = {}
    for a, *_ in candidates:
        p = a
        while p is not None:
            counts[p] = counts.get(p, 0) + 1
            p = p.getparent()
    return counts


def _minor_links(candidates, counts: dict) -> set:
    """Links that ride along in another item's row: in a row (li, tr, dd …) holding a few links, those
    whose text recurs in other rows, or all but one link at least twice as long as each of them, are
    the item's category, publisher, attachment or author (<li><a>[工作动态]</a><a>关于…</a></li>, a
    信息公开 row's 发布机构, a forum row's author), and so is a second link to the same page (a
    thumbnail's); the row is one item, titled by the link left. Rows of peers (a grid of distinct
    links of like length) keep every link."""
    rows: dict = {}
    for cand in candidates:
        p, depth = cand[0].getparent(), 0
        while p is not None and depth < 4 and p.tag not in ITEM_TAGS:
            p, depth = p.getparent(), depth + 1
        if p is not None and p.tag in ITEM_TAGS and 1 < counts.get(p, 0) <= 6:
            rows.setdefault(p, []).append(cand)
    if not rows:
        return set()
    minor = set()
    for row, group in list(rows.items()):
        if len(group) != counts[row]:
            del rows[row]  # some of its links sit in rows of their own
            continue
        # a thumbnail's link and the title's link to one article: the one with text stays
        by_url: dict = {}
        for c in sorted(group, key=lambda c: not c[0].text_content().strip()):
            by_url.setdefault(c[3], c)
        minor.update(c[0] for c in group if by_url[c[3]] is not c)
        rows[row] = list(by_url.values())
    seen = Counter(c[1] for group in rows.values() for c in group)
    for group in rows.values():
        if len(group) == 1:
            continue
        own = [c for c in group if seen[c[1]] == 1]
        if len(own) == 1:
            minor.update(c[0] for c in group if c is not own[0])
            continue
        best = max(group, key=lambda c: len(c[1]))
        if all(len(best[1]) >= 2 * len(c[1]) for c in group if c is not best):
            minor.update(c[0] for c in group if c is not best)
    return minor


def _twin_links(candidates, counts: dict) -> set:
    """Second links to one page from a box holding nothing else (<div><a title=…><img></a><h4><a>…</a></h4></div>,
    a card's thumbnail and heading): the box is one item, titled by the first link with text."""
    by_url: dict = {}
    for cand in candidates:
        by_url.setdefault(cand[3], []).append(cand)
    minor = set()
    for group in by_url.values():
        if len(group) < 2:
            continue
        first = group[0][0]
        holders = set(first.iterancestors())
        box = next((p for p in group[1][0].iterancestors() if p in holders), None)
        if box is None or counts.get(box, 0) != len(group):
            continue
        keep = min(group, key=lambda c: not c[0].text_content().strip())
        minor.update(c[0] for c in group if c is not keep)
    return minor


def _whole_row(el, counts: dict) -> bool:
    """A dt or dd whose dl, or a tr whose tbody, holds one item only: the item is the dl or tbody
    (<dl><dt><a>…</a></dt><dd>date</dd></dl>; a forum's one tbody per thread)."""
    if el.tag not in ("dt", "dd", "tr"):
        return False
    parent = el.getparent()
    return parent is not None and parent.tag == ("tbody" if el.tag == "tr" else "dl") and counts.get(parent, 0) == 1


def _row_cells(row, counts: dict) -> dict:
    """Each item cell of a table row holding several items (a list drawn two to a row), with the cells
    that go with it: those after it up to the next item's (<td><a>…</a></td><td>2024-06-28</td>
    <td><a>…</a></td><td>2024-06-27</td>, a 序号 cell before each item too), or those before it when the
    row ends with an item (a date first)."""
    cells = [c for c in row if c.tag in ("td", "th")]
    date_first = bool(cells) and bool(counts.get(cells[-1]))
    out: dict = {}
    current, pending = None, []
    for cell in cells:
        if counts.get(cell):
            out[cell], current, pending = (pending if date_first else []), cell, []
        elif date_first:
            pending.append(cell)
        elif current is not None:
            out[current].append(cell)
    return out


def _split_lists(clusters: dict) -> None:
    """One list drawn in several boxes of one shape side by side (two ``ul`` in a box, two items to a
    table row) is one list, in page order, when every item is dated and the dates run newest first
    across the boxes: then its newest item is the first box's, whatever else the boxes are."""
    groups: dict = {}
    for key, cluster in clusters.items():
        box, tag = key
        if box is not None and box.getparent() is not None:
            groups.setdefault((box.getparent(), cluster.path, tag), []).append((key, cluster))
    for group in groups.values():
        entries = [e for _, cluster in group for e in cluster.entries]
        if len(group) < 2 or any(e.date is None or e.sticky for e in entries):
            continue
        days = [e.date.date() if isinstance(e.date, datetime) else e.date for e in entries]
        if any(later > earlier for earlier, later in zip(days, days[1:])):
            continue
        (_, first), *rest = group
        first.entries = entries
        for key, _ in rest:
            del clusters[key]


def _heading_date(el, asof: date) -> tuple[DateMatch, str] | None:
    """The date an element heading a group of items shows, if it shows a date alone (a weekday may follow)."""
    if not isinstance(el.tag, str) or len(el) > 2:
        return None
    text = text_of(el)
    weekday = _WEEKDAY.search(text)
    text = text[:weekday.start()] if weekday and not text[weekday.end():].strip() else text
    found = parse_date(text, asof) if 2 <= len(text) <= 24 else None
    return (found, text) if found is not None and found.span[1] - found.span[0] >= len(text) - 3 else None


def _dated_rows(clusters: dict, rows: dict, asof: date) -> None:
    """Items under date rows of their own in one box (``<dt>2024-06-28</dt><dd><a>…</a></dd><dd>…</dd>
    <dt>2024-06-27</dt>…``, or an ``li`` holding a date alone): each undated item takes the date row
    above it, when two date rows at least head the items and every item has one."""
    for key, cluster in clusters.items():
        box = key[0]
        if box is None or cluster.dated or len(cluster.entries) < 2:
            continue
        entry_of = dict(zip(rows[key], cluster.entries))
        current, headings, dated = None, 0, []
        for child in box:
            entry = entry_of.get(child)
            if entry is not None:
                if current is None:
                    break  # an item above every date row: these rows date nothing
                dated.append((entry, current))
            elif next(child.iter("a"), None) is None and (found := _heading_date(child, asof)):
                current, headings = found, headings + 1
        else:
            if headings >= 2 and len(dated) == len(cluster.entries):
                for entry, (found, text) in dated:
                    entry.date, entry.date_text, entry.date_form = found.value, text, found.form


def _dated_groups(clusters: dict, asof: date) -> None:
    """A list drawn in groups under date headings (``<h4>2024-06-28</h4><ul>…</ul><h4>2024-06-27</h4>
    <ul>…</ul>``, a 滚动新闻 page): two groups of one shape at least, each right under a heading that is
    a date alone. Their undated items take their group's date, and the groups are one list, in page
    order. (One box under a date is not enough: a top bar's 2024年6月30日 sits over many a menu.)"""
    groups: dict = {}
    for key, cluster in clusters.items():
        box = key[0]
        heading = box.getprevious() if box is not None and not cluster.dated else None
        found = _heading_date(heading, asof) if heading is not None else None
        if found:
            groups.setdefault(cluster.path, []).append((key, cluster, *found))
    for group in groups.values():
        if len(group) < 2:
            continue
        first = group[0][1]
        for key, cluster, found, text in group:
            for e in cluster.entries:
                e.date, e.date_text, e.date_form = found.value, text, found.form
            if cluster is not first:
                first.entries.extend(cluster.entries)
                del clusters[key]


def _clock_is_today(entries: list[Entry], asof: date) -> None:
    """News lists show today's items by their time alone (``09:12``) above the dated ones: those at the
    head of a newest-first list are dated ``asof`` (form ``clock-today``), as ``今天 09:12`` is. A clock
    time below a dated item stays undated (a schedule's hour, not a publication), and so does one above
    undated items: the head must be followed by dated items only, or be the whole list of two items at
    least (one link beside an hour is a 直播 or office-hours box)."""
    if len(entries) < 2:
        return
    head = []
    for i, e in enumerate(entries):
        m = _CLOCK_ONLY.fullmatch(e.date_text) if e.date is None and e.date_text else None
        if m:
            head.append((e, m))
        elif e.date is None and e.sticky:
            continue
        else:
            if e.date is None or any(later.date is None and not later.sticky for later in entries[i:]):
                return
            break
    day = asof_day(asof)
    for e, m in head:
        e.date, e.date_form = datetime(day.year, day.month, day.day, int(m[1]), int(m[2])), "clock-today"


def _roll_back_years(entries: list[Entry], asof: date) -> None:
    """Year-less dates of a newest-first list: a month-day that rises again is the year before."""
    rows = [e for e in entries if e.date_form == "md-inferred" and not e.sticky]
    if len(rows) < 2:
        return
    years = infer_list_years([(e.date.month, e.date.day) for e in rows], asof)
    for e, year in zip(rows, years):
        if year is None:
            e.date, e.date_form = None, ""
        elif year != e.date.year:
            e.date, e.date_form = e.date.replace(year=year), "md-rollback"


_COLUMN_URL = re.compile(r"(/|/index\.s?html?|/col/col\d+/?(index\.html)?|/list\.s?html?)$", re.I)


def _drop_subcolumn_links(cluster: Cluster) -> None:
    """Sub-column links without dates that share a dated list's container are not items."""
    n, dated = len(cluster.entries), cluster.dated
    if dated >= 2 and dated / n >= 0.6:
        cluster.entries = [e for e in cluster.entries if e.date or not _COLUMN_URL.search(e.url.split("?")[0])]


def has_own_page(entry: Entry, page_url: str) -> bool:
    """Whether the item links a page of its own, not only a script of the list page (``_item_url``)."""
    return entry.url.split("#")[0] != page_url.split("#")[0]


def list_entries(clusters: list[Cluster]) -> list[Entry]:
    """The items of every list among ``clusters``, each URL once (a homepage shows several boxes)."""
    seen, out = set(), []
    for cluster in clusters:
        if cluster.is_list:
            for e in cluster.entries:
                if e.url not in seen:
                    seen.add(e.url)
                    out.append(e)
    return out


def main_cluster(clusters: list[Cluster], url: str = "") -> Cluster | None:
    """The page's own list: the best-scoring list, a list of the page's own directory (most of its
    items under /zcwj/ on /zcwj/index.html) preferred to a box of links elsewhere (最新信息 beside it)."""
    lists = [c for c in clusters if c.is_list]
    if not lists:
        return None
    folder = url[:url.rfind("/") + 1] if url.count("/") > 3 else ""
    return max(lists, key=lambda c: c.score + (6 if folder and _under(c, folder) else 0))


def _under(cluster: Cluster, folder: str) -> bool:
    return sum(e.url.startswith(folder) for e in cluster.entries) * 5 >= len(cluster.entries) * 3
