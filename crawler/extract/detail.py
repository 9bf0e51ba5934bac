"""The publication date of an article page: the visible labelled date nearest the title first.

Candidates are ranked by their distance (in characters of visible text) to the title, never by
how specific their pattern is: a comment's `2019-05-18 09:21:25` further down loses to the
article's `2019-05-17` under the title. Sidebars, related-article boxes and comment sections are
skipped; scripts, styles, SVG and attribute values never reach this module (``Page.body``).
Every candidate seen goes into the evidence, so a reviewer sees why a date was chosen.
"""

from __future__ import annotations

import re
from datetime import date

import lxml.etree

from crawler.dates import DateMatch, parse_date, url_date, url_year
from crawler.extract.html import fold, meta_map, simplified, text_of

# times of something else than the page's publication: a deadline, a meeting, office hours, when a
# policy takes or loses effect (a 政策文件's 施行日期 is often after the day it was published)
_OTHER_TIMES = ("截止时间", "截止日期", "开始时间", "开始日期", "结束时间", "结束日期", "会议时间", "会议日期", "活动时间",
                "举办时间", "报名时间", "报名日期", "开标时间", "考试时间", "考试日期", "受理时间", "办理时间", "公示时间",
                "生效日期", "生效时间", "实施日期", "实施时间", "施行日期", "施行时间", "废止日期", "失效日期", "失效时间",
                "出生日期")
# longest first: 成文日期 and 页面生成时间 must not be read as 日期 and 时间
_LABEL = re.compile(
    r"(页面生成时间|生成时间|生成日期|成文日期|印发日期|签发日期|发文日期|发布时间|发布日期|发稿时间|公开日期|公开时间|"
    r"发表时间|发表日期|上传时间|上传日期|录入时间|信息时间|最后更新时间|最后更新日期|最后更新|更新时间|更新日期|修改时间|"
    r"修改日期|刊登日期|刊登时间|浏览次数|访问量|"
    r"发布于|发表于|编辑于|修改于|更新于|"
    + "|".join(_OTHER_TIMES) + r"|时间|日期|Maketime|"
    # an English page's: Published: March 4, 2019 · Updated March 6, 2019
    r"(?<![A-Za-z])(?:first published|published|posted|last updated|updated|last modified|modified)(?:\s+on)?\b)"
    r"\s*[:：]?\s*", re.I)
_KIND = {"成文日期": "written", "印发日期": "written", "签发日期": "written", "发文日期": "written", "更新时间": "updated",
         "更新日期": "updated", "最后更新": "updated", "最后更新时间": "updated", "最后更新日期": "updated",
         "修改时间": "updated", "修改日期": "updated", "编辑于": "updated", "修改于": "updated",
         "更新于": "updated", **{f"{w}{on}": "updated" for w in ("last updated", "updated", "last modified", "modified")
                                for on in ("", " on")},
         "页面生成时间": "build", "生成时间": "build",
         "生成日期": "build", "maketime": "build", "浏览次数": "build", "访问量": "build",
         **dict.fromkeys(_OTHER_TIMES, "build")}
# a label after the date, as blogs print it: 于 2023-02-09 10:05 发布, 已于 2023-02-10 08:00 修改
# (spaced: 于2023年2月9日发布的《通知》 is a sentence about another document)
_POSTFIX = re.compile(r"于\s+([^\n于]{6,30}?)\s+(首次发布|发布|发表|修改|更新|编辑)(?![的了《“])")
_POSTFIX_KIND = {"首次发布": "published", "发布": "published", "发表": "published"}
_UPDATED_AFTER = re.compile(r"\s*(?:修改|更新)(?![的了时日])")  # not the label of a next date: 更新时间：…


def _box_words(words: str) -> re.Pattern:
    """A class or id holding one of ``words`` (alone, or joined to others by - or _)."""
    return re.compile(rf"(?:^|\s)(?:\S*[-_])?(?:{words})(?:[-_\d]\S*)?(?=\s|$)", re.I)


# boxes that are never the article's: sidebars, related articles, comments, footers
_NOT_ARTICLE = ("related|relate|xgwz|xgxx|xgwj|xglj|sidebar|side|aside|hot|hotnews|rank|paihang|tuijian|recommend|"
                "comment|comments|pinglun|reply|replies|huifu|footer|foot|copyright")
# the article's own bars (分享, 打印, the line closing it): no text of it, but some templates put 发布日期 there
_BARS = "bottom|share|bdshare|print"
_SKIP_BOX = _box_words(f"{_NOT_ARTICLE}|{_BARS}")
_BAR_BOX = _box_words(_BARS)
_NOT_BAR = _box_words(_NOT_ARTICLE)
_SITE_FOOTER = re.compile(r"标识码|ICP|备案|版权|Copyright|主办|承办", re.I)
# a byline under the title, even one with commas: 来源：…，作者：…
_BYLINE_LABELS = re.compile(r"(?:来源|作者|编辑|责编|审核|发布者|供稿|摄影|浏览|点击|阅读)\s*[:：]")
_BLOCK = {"p", "div", "li", "tr", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
          "dd", "dt", "section", "article", "header", "footer", "form"}
_HEADINGS = {"h1", "h2", "h3", "h4", "ucaptitle"}
# elements whose class or id is read: boxes that may be sidebars, and title holders
_BOXES = {"div", "ul", "ol", "dl", "table", "tr", "td", "section", "aside", "footer", "header", "p", "span", "b",
          "strong", "form", "article", "nav"}
# a top bar's date, the day the page was served: 今天是2024年6月30日 星期日
TODAY_IS = re.compile(r"今天是|今日是|今天[:：]")
_TITLE_PARTS = re.compile(r"\s[-_|—]+\s|[-_|—]{1,2}|\s{2,}")  # 标题 - 站点名, 标题_栏目_站点名
_TITLE_BOX = re.compile(r"title|tit\b|biaoti|bt\b|headline", re.I)
_FULL_FORMS = {"ymd", "y-md", "ymd-cn", "cn-numerals", "yy-md", "compact", "relative", "ctime", "rfc822", "mdy-en",
               "dmy-en", "dmy", "mdy"}
_CT = re.compile(r"\bvar\s+ct\s*=\s*['\"]?\d{10}")
_YEAR_LESS = {"md-inferred", "md-url-year"}
# a page whose date only its script holds (a template fills it in): var publishTime = "2023-02-09 10:45"
_SCRIPT_PUB = re.compile(r"""["']?\b(?:publish_?time|publish_?date|pub_?time|pub_?date|release_?time|release_?date|"""
                         r"""newsTime|docPubTime|docRelTime|articleTime|ptime)["']?\s*[:=]\s*["']?([^"',;}\n]{8,40})""", re.I)
# a byline's month-day as a news site prints it for this year's articles: 02-09 10:45, 2月9日 10:45
_BYLINE_MD = re.compile(r"\d{1,2}[-/]\d{1,2}|.*\d[:：]\d")
# who may share the line of a date closing an article: （编辑：张三　2023-02-09）, and the marks around them
_CLOSING_WHO = re.compile(r"(?:责任编辑|编辑|责编|审核|校对|核稿|终审|初审|撰稿|供稿|记者|作者|来源)\s*[:：]?\s*[^\s()（）\[\]【】|/]{0,12}")
_CLOSING_MARKS = re.compile(r"[\s()（）\[\]【】|/:：·]")
_HAS_DATE_DIGIT = re.compile(r"[\d〇]")
_PUB_METAS = ("PubDate", "publishdate", "pubtime", "article:published_time", "firstpublishedtime", "published_time",
              "datePublished", "publish-date", "publish_date", "publication_date", "og:published_time",
              "weibo: article:create_at", "dc.date.issued", "dcterms.issued")
# schema.org markup of news sites: <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": …}
_DATE_END = set("0123456789日)）]】")  # how a heading that ends with a date ends
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_LD_ARTICLE = re.compile(r'"@type"\s*:\s*"(?:\w*Article|BlogPosting)"')


def flatten(body) -> tuple[str, list[tuple[int, int, object]], list[int], int, list[tuple[int, object]]]:
    """The body's visible text with block breaks, the span of each heading-like element, where
    each link starts, how many characters are link text, and the article's bars left out (share,
    print, bottom: each with where it stood in the text).

    Boxes that are never the article's own text (sidebars, related articles, comments, footers,
    bars) are left out. One C-level walk (lxml iterwalk), so hostile nesting cannot exhaust the stack.
    """
    parts: list[str] = []
    heads: list[tuple[int, int, object]] = []
    links: list[int] = []
    bars: list[tuple[int, object]] = []
    opened: list[tuple[int, bool]] = []  # (start, title-like) of each open element
    pos = 0
    link_chars = 0
    skipped = False
    walker = lxml.etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            titled = tag in _HEADINGS
            if tag in _BOXES and el is not body:
                attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
                if tag == "aside" or (attrs != " " and _SKIP_BOX.search(attrs)):
                    walker.skip_subtree()
                    skipped = True
                    if tag != "aside" and _BAR_BOX.search(attrs) and not _NOT_BAR.search(attrs):
                        bars.append((pos, el))
                    continue
                titled = titled or (attrs != " " and bool(_TITLE_BOX.search(attrs)))
            opened.append((pos, titled))
            if el.text:
                parts.append(el.text)
                pos += len(el.text)
            continue
        if skipped:
            skipped = False
        else:
            if tag in _BLOCK:
                parts.append("\n")
                pos += 1
            start, titled = opened.pop()
            if titled:
                heads.append((start, pos, el))
            elif tag == "a":
                link_chars += pos - start
                if pos - start >= 4:
                    links.append(start)
        if el is not body and el.tail:
            parts.append(el.tail)
            pos += len(el.tail)
    return "".join(parts), heads, links, link_chars, bars


def _title_span(flat: str, heads, title_hint: str) -> tuple[int, int, object]:
    """Where the article's title sits in the visible text, and its element: the heading that best
    matches the ArticleTitle meta or <title>; else the first h1/h2."""
    hint = fold(title_hint)
    best, best_score = None, 0
    for start, end, el in heads:
        text = fold(flat[start:end])
        if not 4 <= len(text) <= 200:
            continue
        score = 0
        if hint and (text in hint or hint in text):
            score = 3 + min(len(text), len(hint)) / max(len(text), len(hint))
        elif el.tag in ("h1", "h2"):
            score = 1 if el.tag == "h2" else 2
        if score > best_score:
            best, best_score = (start, end, el), score
    return best or _title_in_text(flat, hint)


def _title_in_text(flat: str, hint: str) -> tuple[int, int, object]:
    """Where the page's title shows in its text when no heading holds it (a legacy page's <font><b>
    title): a part of <title> (标题_栏目_站点名) of 8 characters or more that the text shows once; a
    site's or column's name shows in its header, navigation or crumbs too, and a <title> of one part
    may be the site's name alone."""
    parts = [x.strip() for x in _TITLE_PARTS.split(hint or "")]
    for part in sorted(parts, key=len, reverse=True) if len(parts) > 1 else ():
        if len(part) < 8:
            break
        at = flat.find(part)
        if at >= 0 and flat.find(part, at + 1) < 0:
            return at, at + len(part), None
    return 0, 0, None


def _date_ending_title(heading: str, title: str, asof: date) -> tuple[DateMatch | None, str]:
    """A full date closing the title's heading (<h1>县政府召开常务会议 <small>2023-02-09</small></h1>) that
    the page's title does not hold: the heading's dateline, not the title's own words."""
    heading = heading.rstrip()
    if not heading or heading[-1] not in _DATE_END:
        return None, ""
    found = parse_date(heading[-30:], asof)
    if not found or found.form not in _FULL_FORMS or found.form == "relative":
        return None, ""
    text = heading[-30:][found.span[0]:found.span[1]]
    if found.span[1] < len(heading[-30:]) - 2 or text in title or len(heading) - len(text) < 4:
        return None, ""
    return found, text


def after_other_label(text: str, start: int, but: tuple[str, ...] = (), kinds: tuple[str, ...] = ("build",)) -> bool:
    """Whether the date at ``text[start]`` is labelled as another time than the publication
    (截止日期：, 施行日期：, 页面生成时间：: kind ``build``; ``kinds`` may add ``written``, a document's
    成文日期), a label in ``but`` excepted."""
    return any(m.end() == start and _KIND.get(m.group(1).lower()) in kinds and m.group(1) not in but
               for m in _LABEL.finditer(simplified(text), max(0, start - 12), start))


def _holds_only(parent, first) -> bool:
    """Whether ``parent`` shows no text but its first child's: read up to the first other letter only
    (``parent`` may be the page's body)."""
    if (parent.text or "").strip() or (first.tail or "").strip():
        return False
    for sib in first.itersiblings():
        if (sib.tail or "").strip() or any(t.strip() for t in sib.itertext()):
            return False
    return True


def _dateline_above(title_el, asof: date) -> tuple[DateMatch | None, str]:
    """An unlabelled full date in the short elements just before the title, in the title's own
    header block (news.cn puts its dateline above the headline). The site's top bar (今天是…) is
    never the title's sibling."""
    if title_el is None:
        return None, ""
    for _ in range(2):  # <h1><span class="title">…</span></h1>: the heading is the title's element
        parent = title_el.getparent()
        if parent is None or title_el.getprevious() is not None or not _holds_only(parent, title_el):
            break
        title_el = parent
    texts, sib = [], title_el.getprevious()
    while sib is not None and len(texts) < 3:
        if isinstance(sib.tag, str):
            if len(sib) > 6:
                break  # a block of many elements (a navigation, a crumb trail) is no dateline
            t = text_of(sib)
            if len(t) > 60 or "今天" in t:
                break
            texts.insert(0, t)
        sib = sib.getprevious()
    line = " ".join(texts)
    found = parse_date(line, asof) if line else None
    if found and found.form in _FULL_FORMS and found.form != "relative":
        return found, line[found.span[0]:found.span[1]]
    return None, ""


def _time_element(body, title_el, asof: date) -> tuple[DateMatch | None, str]:
    """An HTML5 ``<time datetime>`` stating the page's date: one marked as the publication date
    (``itemprop="datePublished"``, ``pubdate``), else the first after the title that is not in a link
    or a list row (a related box's dates, a top bar's clock)."""
    times = list(body.iter("time"))
    if not times:
        return None, ""
    marked = [t for t in times if (t.get("itemprop") or "").lower() == "datepublished" or t.get("pubdate") is not None]
    if not marked:
        # a list page's <time>s sit in its rows: most pages stop here, before the document-order walk
        loose = [t for t in times if not any(a.tag in ("a", "li") for a in t.iterancestors())]
        if not loose:
            return None, ""
        elements = list(body.iter())  # document order; the list keeps each element's proxy (and id) alive
        where = {id(el): i for i, el in enumerate(elements)}
        start = where.get(id(title_el), 0) if title_el is not None else 0
        marked = [t for t in loose if where[id(t)] > start]
    for t in marked[:1]:
        found = parse_date(t.get("datetime") or "", asof)
        if found and found.form in _FULL_FORMS and found.form != "relative":
            return found, f'<time datetime="{t.get("datetime")}">'
    return None, ""


def detail_date(body, root, url: str, asof: date, title_hint: str = "", scripts: str = "",
                metas: dict | None = None, flat: tuple | None = None) -> tuple[DateMatch | None, dict]:
    """The chosen date and the candidates seen (label, written, meta PubDate, URL) as evidence.

    Order: a 发布日期-like label nearest the title; an unlabelled full date just under the title (or a
    year-less byline opening the text there: ``02-09 10:45``); meta PubDate; the URL date; the one
    publication time the page's script holds for its template; then the document's own date (成文日期,
    发文日期, 印发日期: it was published on that day or later, so it is the earliest the page can be);
    a date closing the article (``_closing_date``); a date a sentence under the title speaks of; last,
    an update date by the title (the latest the page can be). 成文日期 and 更新时间 are kept as
    evidence, never chosen over a 发布日期; 页面生成时间 and Maketime are ignored.
    """
    metas = meta_map(root) if metas is None else metas
    flat, heads, links, _, bars = flatten(body) if flat is None else flat
    hint = title_hint or metas.get("articletitle") or _title_tag(root)
    t_start, t_end, t_el = _title_span(flat, heads, hint)
    labelled: dict[str, tuple[int, DateMatch, str]] = {}

    def keep(kind: str, pos: int, found: DateMatch, text: str) -> None:
        distance = pos - t_end if pos >= t_end else (t_start - pos) * 2  # above the title counts double
        if kind not in labelled or distance < labelled[kind][0]:
            labelled[kind] = (distance, found, fold(text))

    simple = simplified(flat)
    for m in _LABEL.finditer(simple):
        kind = _KIND.get(m.group(1).lower(), "published")
        if kind == "build":
            continue
        window = flat[m.end():m.end() + 40]
        found = parse_date(window, asof, year_hint=None)
        if found and found.span[0] <= 2 and found.form in _FULL_FORMS:
            keep(kind, m.start(), found, flat[m.start():m.end() + found.span[1]])
    for m in _POSTFIX.finditer(simple):
        raw = flat[m.start(1):m.end(1)].strip()
        found = parse_date(raw, asof, year_hint=None)
        if found and found.span[0] == 0 and found.span[1] >= len(raw) - 1 and found.form in _FULL_FORMS:
            keep(_POSTFIX_KIND.get(m.group(2), "updated"), m.start(), found, flat[m.start():m.end()])
    if "published" not in labelled:
        for pos, found, text in _bar_labels(bars, asof):
            keep("published", pos, found, text)
    evidence: dict = {}
    for kind, key in (("published", "label"), ("written", "written"), ("updated", "updated")):
        if kind in labelled:
            evidence[key] = labelled[kind][1].value.isoformat()
            evidence[f"{key}_text"] = labelled[kind][2]
    nearby = in_text = None
    if "published" not in labelled and t_end:
        window = flat[t_end:t_end + 300]
        found = parse_date(window, asof, year_hint=url_year(url))
        # a year-less date only as a byline opening the text under the title; one further down is the news's own
        if found and found.form in _YEAR_LESS and (
                found.span[0] > 3 or not _BYLINE_MD.match(window[found.span[0]:found.span[1]])):
            found = None
        # a date after a link is a list item's, not the article's; a top bar's 今天是… is no one's
        someone_else_s = found is not None and (
            any(t_end <= p < t_end + found.span[0] for p in links)
            or TODAY_IS.search(window, max(0, found.span[0] - 6), found.span[0]) is not None)
        other = found is not None and not someone_else_s and found.form in _FULL_FORMS \
            and (after_other_label(window, found.span[0], kinds=("build", "written", "updated"))
                 or _UPDATED_AFTER.match(simplified(window), found.span[1]) is not None)
        if other:  # 施行日期：…, 成文日期：… or 更新时间：… under the title: an article's, but not its publication
            evidence["other"] = found.value.isoformat()
            evidence["other_text"] = fold(window[max(0, found.span[0] - 6):found.span[1]])
        usable = found is not None and (found.form in _FULL_FORMS or found.form in _YEAR_LESS) \
            and found.form != "relative" and not someone_else_s and not other
        if usable and _in_sentence(window, found.span):
            # 县政府办公室于2024年5月20日印发《…》，…: a day the text speaks of, a fallback only, and never a day
            # still to come (自2024年7月1日起施行)
            usable = False
            evidence["text"], evidence["text_text"] = found.value.isoformat(), window[found.span[0]:found.span[1]]
            in_text = found if evidence["text"][:10] <= asof.isoformat()[:10] else None
        if usable:
            nearby = found
            evidence["nearby_text"] = window[found.span[0]:found.span[1]]
        else:
            nearby, text = _date_ending_title(flat[t_start:t_end], hint, asof)
            if not nearby:
                nearby, text = _dateline_above(t_el, asof)
            if nearby:
                evidence["nearby_text"] = text
        if nearby:
            evidence["nearby"] = nearby.value.isoformat()
    timed = None
    if "published" not in labelled and not nearby:
        timed, text = _time_element(body, t_el, asof)
        if timed:
            evidence["time"], evidence["time_text"] = timed.value.isoformat(), text
    for el in body.iter("publishtime"):  # Ucap's own tag
        found = parse_date(el.text_content(), asof)
        if found and "label" not in evidence:
            labelled["published"] = (0, found, fold(el.text_content()))
            evidence["label"] = found.value.isoformat()
    if "published" in labelled and labelled["published"][1].form in ("relative", "weekday-relative") or not labelled:
        # WeChat shows 昨天 in saved HTML; the script's `var ct` is the real time
        ct = _CT.search(scripts)
        found = parse_date(ct.group(0), asof) if ct else None
        if found:
            labelled["published"] = (0, found, ct.group(0))
            evidence["label"] = found.value.isoformat()
            evidence["label_text"] = ct.group(0)
    pub_meta = next((v for v in (metas.get(n.lower()) for n in _PUB_METAS) if v), "")
    if not pub_meta and "datePublished" in scripts:
        ld = _LD_DATE.search(scripts)
        pub_meta = ld.group(1) if ld else ""
    meta_match = parse_date(pub_meta, asof) if pub_meta else None
    if meta_match:
        evidence["meta"] = meta_match.value.isoformat()
    from_url = url_date(url)
    if from_url:
        evidence["url"] = from_url.value.isoformat()
    scripted = closing = None
    if not (labelled or nearby or timed or meta_match or from_url):
        scripted, text = _script_date(scripts, asof)
        if scripted:
            evidence["script"], evidence["script_text"] = scripted.value.isoformat(), text
        else:
            closing, text = _closing_date(flat, t_end, asof)
            if closing:
                evidence["closing"], evidence["closing_text"] = closing.value.isoformat(), text
    chosen, source = None, ""
    for source, chosen in (("label", labelled.get("published", (0, None))[1]), ("nearby", nearby),
                           ("time", timed), ("meta", meta_match), ("url", from_url), ("script", scripted),
                           ("written", labelled.get("written", (0, None))[1]), ("closing", closing),
                           ("text", in_text), ("updated", _near_title(labelled.get("updated")))):
        if chosen:
            break
    if chosen:
        evidence["source"] = source
        disagree = [k for k in ("meta", "url") if k in evidence and k != source
                    and evidence[k][:10] != chosen.value.isoformat()[:10]]
        if disagree:
            evidence["disagree"] = disagree
    return chosen, evidence


def _bar_labels(bars, asof: date):
    """(where, date, text) of each 发布日期-like label in the article's bars (<div class="share">发布时间：…
    分享到：…</div>), a site's footer excepted."""
    for pos, el in bars:
        text = fold(text_of(el))
        if len(text) > 200 or _SITE_FOOTER.search(text):
            continue
        for m in _LABEL.finditer(simplified(text)):
            if _KIND.get(m.group(1).lower(), "published") != "published":
                continue
            found = parse_date(text[m.end():m.end() + 40], asof, year_hint=None)
            if found and found.span[0] <= 2 and found.form in _FULL_FORMS:
                yield pos, found, text[m.start():m.end() + found.span[1]]
                break


def _in_sentence(text: str, span: tuple[int, int]) -> bool:
    """Whether the date at ``span`` is part of a sentence of the text (a long line with its commas or
    full stops), not a line of its own or a byline."""
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[0])  # a date's span may take in the line break after it
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line) > 30 and ("，" in line or "。" in line) \
        and not _BYLINE_LABELS.search(simplified(line))


def _near_title(candidate: tuple[int, DateMatch, str] | None) -> DateMatch | None:
    """A labelled date within the reach of step 2 (300 characters from the title)."""
    return candidate[1] if candidate and candidate[0] <= 300 else None


def _script_date(scripts: str, asof: date) -> tuple[DateMatch | None, str]:
    """The publication time a page's script holds for its template (``var publishTime = "…"``,
    ``"pubDate": 1675908000``): one value only; several are the records of a list."""
    if not scripts:
        return None, ""
    found = {m[1].strip(): m.group(0) for m in _SCRIPT_PUB.finditer(scripts)}
    if len(found) != 1:
        return None, ""
    (value, text), = found.items()
    match = parse_date(value, asof)
    if match and (match.form in _FULL_FORMS or match.form.startswith("epoch")) and match.form != "relative" \
            and match.span[0] == 0:
        return match, text
    return None, ""


def _closing_date(flat: str, t_end: int, asof: date) -> tuple[DateMatch | None, str]:
    """A full date on the last line of the text after the title, alone or beside its editor
    (``（编辑：张三　2023-02-09）``, a 公文's signature date): an article that states no other date.
    Not when more than a short line follows it (a footer we could not tell apart), nor when other
    lines are dates alone too (the rows of a list whose items have no links)."""
    lines = [line for line in (fold(x) for x in flat[t_end:].split("\n")) if line]
    for i in range(len(lines) - 1, max(-1, len(lines) - 3), -1):
        found = _closing_line(lines[i], asof) if sum(map(len, lines[i + 1:])) <= 60 else None
        if found:
            if any(_closing_line(line, asof) for line in lines[:i]):
                return None, ""
            return found, lines[i][found.span[0]:found.span[1]]
    return None, ""


def _closing_line(line: str, asof: date) -> DateMatch | None:
    if len(line) > 40 or not _HAS_DATE_DIGIT.search(line):
        return None
    found = parse_date(line, asof)
    if not found or found.form not in _FULL_FORMS or found.form == "relative":
        return None
    rest = simplified(line[:found.span[0]] + line[found.span[1]:])
    if _CLOSING_MARKS.sub("", _CLOSING_WHO.sub("", rest)):
        return None  # a sentence that holds a date, not a closing line
    return found


def article_markup(metas: dict, scripts: str) -> bool:
    """The page declares itself an article: ArticleTitle (gov CMSs), og:type article, an
    article:published_time or itemprop datePublished meta, or schema.org Article JSON-LD."""
    return bool(metas.get("articletitle") or metas.get("og:type", "").lower() == "article"
                or metas.get("article:published_time") or metas.get("datepublished")
                or ("@type" in scripts and _LD_ARTICLE.search(scripts)))


def _title_tag(root) -> str:
    el = root.find(".//title")
    return fold(el.text_content()) if el is not None else ""
