"""Parsing helpers shared by the extractors: one cleaned lxml tree per page."""

from __future__ import annotations

import copy
import re
import threading
from html import escape as html_escape
from typing import NamedTuple
from urllib.parse import SplitResult, urljoin, urlsplit

import lxml.etree
import lxml.html

from crawler.extract.written import written_text

_INVISIBLE = ("script", "style", "svg", "noscript", "template", "iframe", "object")
# lxml keeps C0 control characters it parsed but refuses them when text is assigned back
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_local = threading.local()  # an lxml parser serves one thread


def _parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with every element an HtmlElement, chosen in C.

    lxml.html picks form and input classes by calling a Python function for each element Python
    touches, and our readers touch most of a page; none of those classes is used here.
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = lxml.html.HTMLParser()
        parser.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


def parse(html: str | bytes) -> lxml.html.HtmlElement:
    """Parse a page; never raises on junk (an empty document comes back instead)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    html = _CONTROL.sub("", html)
    if not html.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    try:
        root = lxml.html.document_fromstring(html, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.fromstring("<html><body></body></html>")
    return root


# what a <base href> leaves alone: a fragment, a scheme (http:, javascript:, mailto: …), a protocol-relative URL
_NOT_RELATIVE = re.compile(r"\s*(#|[a-z][a-z0-9+.-]*:|//|$)", re.I)


def apply_base(root: lxml.html.HtmlElement, url: str) -> str:
    """Resolve the relative links of a page with a ``<base href>`` as a browser does, against that base,
    in place; the base (``url`` when the page has none). Java web apps write ``<base href="…/app/">``
    and link every page relative to it."""
    el = next((b for b in root.iter("base") if b.get("href")), None)
    if el is None:
        return url
    base = urljoin(url, el.get("href").strip())
    if not base.startswith(("http://", "https://")) or base == url:
        return url
    for node in root.iter("a", "area", "frame", "iframe", "img"):
        for attr in ("href", "src"):
            value = node.get(attr)
            if value is not None and not _NOT_RELATIVE.match(value):
                node.set(attr, urljoin(base, value.strip()))
    return base


def with_base(markup: str, page_url: str, base: str | None) -> str:
    """``markup`` shown on a page whose <base href> is ``base``: with that base first, when it is not
    the page's own URL, so its relative links resolve as the page's do."""
    if not base or base == page_url:
        return markup
    return f'<base href="{html_escape(base)}">{markup}'


def visible_copy(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of ``root`` (a page or one element of it) without scripts, styles, SVG, comments
    and other text a reader never sees; a script that plainly writes text where it stands
    (``crawler.extract.written``) leaves that text."""
    clone = copy.deepcopy(root)
    clone.tail = None
    # listed first: removing while lxml iterates would skip elements
    for el in list(clone.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_INVISIBLE)):
        shown = written_text(el.text) if el.tag == "script" and el.text and el.get("src") is None else None
        _drop_keep_tail(el, shown)
    return clone


def _drop_keep_tail(el, text: str | None = None) -> None:
    """Remove ``el``, keeping its tail, after ``text`` in its place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = (text or "") + (el.tail or "")
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def text_of(el) -> str:
    """Visible text of an element with whitespace folded."""
    if el is None or not isinstance(el.tag, str):  # comments and processing instructions
        return ""
    return " ".join(all_text(el).split())


def all_text(el) -> str:
    """The texts of an element and its descendants as they stand, joined: ``"".join(el.itertext())``
    read by lxml's text serializer, without a Python step per piece."""
    return lxml.etree.tostring(el, method="text", encoding=str, with_tail=False)


def link_name(a, text: str | None = None) -> str:
    """What a link says to a reader: its text (``text`` if already read), else its title, else the
    alt text of its images (a banner or icon link: <a href="/szxx/"><img alt="市长信箱"></a>)."""
    text = text_of(a) if text is None else text
    if text:
        return text
    return fold(a.get("title")) or fold(" ".join(img.get("alt") or "" for img in a.iter("img")))


# a script link's target: window.open('…'), location.href = '…', location.replace('…')
_MAYBE_SCRIPT = set("#jJ \t\r\n") | {""}
_SCRIPT_NAV = re.compile(r"""(?:window\.open|location(?:\.href)?\s*=|location\.(?:assign|replace))\s*\(?\s*['"]([^'"\s]+)['"]""")


def link_href(a) -> str:
    """Where a link leads: its href; for a script link (href "javascript:…", "#" or none) the URL its
    href or onclick opens (window.open('…'), location.href='…'), else ""."""
    href = a.get("href") or ""
    if href[:1] not in _MAYBE_SCRIPT:  # most links: no script, no fragment, nothing to strip first
        return href.strip()
    href = href.strip()
    if href and href[0] != "#" and href[:11].lower() != "javascript:":
        return href
    onclick = a.get("onclick")
    if not onclick and href[:11].lower() != "javascript:":
        return ""
    m = _SCRIPT_NAV.search(f"{href} {onclick or ''}")
    return m.group(1) if m else ""


def fold(text: str | None) -> str:
    return " ".join((text or "").split())


# a page in Traditional characters labels its dates 發佈時間, 更新時間, 最後更新 (and says 暫無信息): labels are
# matched on their Simplified form, one character for one, so that a match's place is the same in the page's text
TO_SIMPLIFIED = str.maketrans("發佈時間後於頁開傳錄瀏覽數訪問編輯簽結會議動舉辦報試實廢來責審攝點閱讀記對終暫無沒據內關資訊諮詢覆",
                            "发布时间后于页开传录浏览数访问编辑签结会议动举办报试实废来责审摄点阅读记对终暂无没据内关资讯咨询复")
_TRADITIONAL = re.compile("[" + "".join(map(chr, TO_SIMPLIFIED)) + "]")


def simplified(text: str) -> str:
    """``text`` with the Traditional characters of TO_SIMPLIFIED in their Simplified form, one for one;
    most pages have none, and looking for them costs less than translating."""
    return text.translate(TO_SIMPLIFIED) if _TRADITIONAL.search(text) else text



def meta(root, name: str) -> str:
    for el in root.iter("meta"):
        if (el.get("name") or el.get("property") or "").lower() == name.lower():
            return fold(el.get("content"))
    return ""


def meta_map(root) -> dict[str, str]:
    """Every <meta name|property|itemprop> of a page, lower-cased name → content; the first one wins."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").lower()
        if name and name not in out:
            out[name] = fold(el.get("content"))
    return out


def join(base: str, href: str) -> str:
    """urljoin, with a fast path for the absolute and root-relative links that most pages use."""
    href = href.strip()
    if href.startswith(("http://", "https://")) and "/." not in href:
        return href
    if href.startswith("/") and not href.startswith("//") and "/." not in href and "://" in base:
        cut = base.find("/", base.find("://") + 3)
        return (base if cut < 0 else base[:cut]) + href
    return urljoin(base, href)


class PageLink(NamedTuple):
    """A link as the column, service and interaction readers take it."""
    a: object
    text: str  # its visible text
    href: str  # ``link_href``: the href, or the URL a script link opens
    url: str  # absolute, without its fragment
    parts: SplitResult


def read_links(body, base_url: str, anchors=None) -> list[PageLink]:
    """Every link under ``body`` that leads somewhere (not mailto:, tel:, a fragment or a script that
    opens nothing); ``anchors``: its (element, text) pairs if already read."""
    out = []
    for a, text in anchors if anchors is not None else ((a, text_of(a)) for a in body.iter("a")):
        href = link_href(a)
        if not href or href[:7].lower() == "mailto:" or href[:4].lower() == "tel:":
            continue
        url = join(base_url, href).split("#")[0]
        out.append(PageLink(a, text, href, url, urlsplit(url)))
    return out
