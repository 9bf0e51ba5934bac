"""Pagination: TRS createPageHTML/createPage, Hanweb dataproxy, 下一页/尾页 and page-number links, 共N页.

``next_pages`` returns URLs the spider can GET, the immediate next page first.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from crawler.extract.html import join, link_name, text_of

_ARG = r"\s*['\"]?([\w.$-]+)['\"]?\s*"
# createPageHTML(10, 0, "index", "html"), createPage(34,0,"index","html"),
# createPageHTML('page_div', 10, 0, 'index', 'html', 150), createPageHTML(countPage, currentPage, …)
_CREATE_PAGE = re.compile(
    r"create(?:Page(?:HTML)?)\s*\(\s*(?:['\"][\w-]*['\"]\s*,)?" + _ARG + "," + _ARG + r",\s*['\"]([\w.-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_VAR = r"(?:var\s+)?{}\s*=\s*['\"]?(\d+)"
# the next page's file name a script writes: "index"+"_" + nextPage + "."+"html", 'index_'+(currentPage+1)+'.shtml'
_WRITTEN_NEXT = re.compile(r"""["']([\w-]+?)_?["']\s*\+\s*(?:["']_["']\s*\+\s*)?\(?\s*(?:nextPage|currentPage\s*\+\s*1)\s*\)?"""
                           r"""\s*\+\s*["']\.(?:["']\s*\+\s*["'])?(s?html?)""")
_NEXT_WORDS = ("下一页", "下页", "后一页", "下一頁", "next", "next page", ">", "›", ">>", "»", "下一页>", "下一页>>")
_LAST_WORDS = ("尾页", "末页", "最后一页", "尾頁", "last")
_SKIP = re.compile(r"^\s*(javascript:|#|$)", re.I)
_INDEX_N = re.compile(r"(index|home|list|default)_(\d+)\.(s?html?)$")
_TOTAL = re.compile(r"共\s*(\d{1,4})\s*[页頁]|第\s*\d{1,4}\s*/\s*(\d{1,4})\s*[页頁]|\d{1,4}\s*/\s*(\d{1,4})\s*[页頁]")
# a page number a form posts (JSP/ASP lists): <input type="hidden" name="pageNo" value="1">
_FORM_PAGE = re.compile(r"<input[^>]+name\s*=\s*['\"]?(?:pageNo|pageNum|pageIndex|currentPage|curPage|page)['\"\s>]", re.I)
_PAGE_PARAM = re.compile(r"([?&](?:page|pageNum|pageNo|pageIndex|cur_page|currentPage|p)=)(\d+)", re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=['\"]([^'\"]*dataproxy[^'\"]*)['\"]", re.S | re.I)
_TOTAL_RECORD = re.compile(r"(?:<totalrecord>|totalRecord\s*[=:]\s*['\"]?)(\d+)", re.I)
_PER_PAGE = re.compile(r"(?:perpage|perPage)\s*[=:]\s*['\"]?(\d+)", re.I)
HANWEB_FORM = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype")


def trs_pages(script_text: str, url: str, limit: int = 100) -> list[str]:
    """createPageHTML(total, current, "index", "html"), or the older template's own script (var countPage
    = 5; var currentPage = 0; document.write("<a href=\"index"+"_" + nextPage + "."+"html\">下一页</a>")):
    page 1 is index.html, page k+1 index_k.html."""
    m = _CREATE_PAGE.search(script_text)
    if m:
        total, current, stem, ext = _number(m[1], script_text), _number(m[2], script_text), m[3], m[4]
    else:
        m = _WRITTEN_NEXT.search(script_text) if "countPage" in script_text else None
        if not m:
            return []
        total, current, stem, ext = _number("countPage", script_text), _number("currentPage", script_text), m[1], m[2]
    if total is None or current is None:
        return []
    return [urljoin(url, f"{stem}_{k}.{ext}") for k in range(current + 1, min(total, current + 1 + limit))]


def _number(arg: str, scripts: str) -> int | None:
    """A literal, or a variable assigned a number elsewhere in the scripts (var countPage = 10)."""
    if arg.isdigit():
        return int(arg)
    m = re.search(_VAR.format(re.escape(arg)), scripts)
    return int(m[1]) if m else None


def hanweb_pages(html: str, url: str, record_count: int) -> list[str]:
    """The next group of a Hanweb JCMS list, as a GET of dataproxy.jsp with the POST form's fields.

    Page 1 holds ``record_count`` records; the next group starts after them. Returns nothing
    when the page states a total that page 1 already covers, or page 1 is not full.
    """
    if record_count == 0:
        return []
    m = _NEXTGROUP.search(html)
    if not m:
        return _next_group(html, url, record_count)
    total = _TOTAL_RECORD.search(html)
    if total and int(total[1]) <= record_count:
        return []
    per = _PER_PAGE.search(html)
    perpage = int(per[1]) if per else record_count
    if record_count < perpage or (not total and not per and record_count < 15):
        return []
    target = urlsplit(urljoin(url, m[1].replace("&amp;", "&")))
    params = dict(parse_qsl(target.query, keep_blank_values=True))
    params.pop("page", None)
    params.setdefault("col", "1")
    params.setdefault("appid", "1")
    query = {"startrecord": record_count + 1, "endrecord": record_count * 2, "perpage": perpage}
    query.update({k: params[k] for k in HANWEB_FORM if k in params})
    query.update({k: v for k, v in params.items() if k not in query})
    return [target._replace(query=urlencode(query)).geturl()]


def _next_group(xml: str, url: str, record_count: int) -> list[str]:
    """On a dataproxy.jsp answer: the group after this one, while <totalrecord> says there is one."""
    parts = urlsplit(url)
    if "dataproxy" not in parts.path:
        return []
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    total = _TOTAL_RECORD.search(xml)
    try:
        start, end = int(params["startrecord"]), int(params["endrecord"])
    except (KeyError, ValueError):
        return []
    if not total or int(total[1]) <= end or record_count < end - start + 1:
        return []
    size = end - start + 1
    params.update(startrecord=str(end + 1), endrecord=str(end + size))
    return [parts._replace(query=urlencode(params)).geturl()]


def link_pages(body, url: str, anchors: list | None = None) -> list[str]:
    """Next pages from 下一页 links, else the page-number link one above the current page, else
    the pages up to 尾页 when the URL scheme is index_N."""
    found = []
    current = _current_number(url)
    numbered = {}
    last = None
    for a, text in anchors if anchors is not None else ((a, text_of(a)) for a in body.iter("a")):
        href = a.get("href")
        if href is None or _SKIP.match(href):
            continue
        text = link_name(a, text).strip("[]【】 ")  # an arrow image's alt (下一页) names it too
        low = text.lower()
        if low not in _NEXT_WORDS and low.rstrip("»›>＞ ") in _NEXT_WORDS:
            low = low.rstrip("»›>＞ ")  # Next », 下一页 ＞
        is_number = text.isdigit() and len(text) < 5
        if not (is_number or low in _NEXT_WORDS or low in _LAST_WORDS):
            continue
        target = join(url, href)
        if target == url:
            continue
        if low in _NEXT_WORDS:
            found.append(target)
        elif low in _LAST_WORDS:
            last = target
        else:
            numbered[int(text)] = target
    if not found and current + 1 in numbered:
        found.append(numbered[current + 1])
    if not found and last and _current_number(last) > current:
        found.append(last)
    return found


def text_pages(text: str, url: str, limit: int = 100, form_paged: bool = False) -> list[str]:
    """共N页 with an index_N or ?page=N URL scheme and no usable link: the numbered pages. A list at
    its directory (/xwdt/, index.html) is taken to page as index_N, unless it is ``form_paged`` (a
    form posts its page number, <input name="pageNo">): there index_N pages do not exist."""
    m = _TOTAL.search(text)
    if not m:
        return []
    total = int(next(g for g in m.groups() if g))
    current = _current_number(url)
    if total <= current:
        return []
    path = urlsplit(url).path
    if _PAGE_PARAM.search(url):
        return [_PAGE_PARAM.sub(lambda p: f"{p[1]}{k}", url, count=1) for k in range(current + 1, min(total, current + limit) + 1)]
    stem = _INDEX_N.search(path)
    base = stem[1] if stem else ("index" if not form_paged and path.endswith(("/", "/index.html", "/index.htm",
                                                                            "/index.shtml")) else "")
    if not base:
        return []
    ext = stem[3] if stem else (path.rsplit(".", 1)[-1] if path.rsplit("/", 1)[-1].count(".") else "html")
    return [urljoin(url, f"{base}_{k - 1}.{ext}") for k in range(current + 1, min(total, current + limit) + 1)]


def _current_number(url: str) -> int:
    """1-based number of the page a URL shows (index.html is 1, index_1.html is 2)."""
    path = urlsplit(url).path
    m = _INDEX_N.search(path)
    if m:
        return int(m[2]) + 1
    m = _PAGE_PARAM.search(url)
    return int(m[2]) if m else 1


def next_pages(body, scripts: str, url: str, html: str = "", record_count: int = 0, text: str = "",
               anchors: list | None = None) -> list[str]:
    pages = (trs_pages(scripts, url) or link_pages(body, url, anchors)
             or (hanweb_pages(html, url, record_count) if "dataproxy" in html or "dataproxy" in url else [])
             or (text_pages(text, url, form_paged=bool(_FORM_PAGE.search(html))) if text else []))
    seen, out = set(), []
    for p in pages:
        if p not in seen and p != url:
            seen.add(p)
            out.append(p)
    return out
