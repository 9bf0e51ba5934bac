"""Hidden content (暗链): links and text a reader never sees, and links written by script.

Hiding methods recognised (the names stored as signals):

- ``display_none``, ``visibility_hidden``, ``zero_size`` (width/height ≤ 1px, font-size 0),
  ``offscreen`` (absolute/fixed position or text-indent at −200px or beyond), ``same_color`` (text
  colour equal to the background) — from inline styles, the ``hidden`` attribute and simple
  ``<style>`` rules (tag, .class, #id, tag.class selectors; the cascade is not computed);
- ``zero_iframe``: an iframe of at most 2×2 pixels; ``marquee``: a marquee too small to read or
  scrolling too fast to read;
- ``script_write`` (document.write/innerHTML with markup), ``base64`` (atob of a literal),
  ``eval`` (eval of a string), ``cloaking`` (a script that redirects or writes only for search
  engine spiders or visitors from a search engine).

A dropdown menu or a tab panel is hidden too: hiding alone proves nothing. The score combines it with
where the link points and what it says (crawler.security.score).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree

from crawler.extract.html import fold, parse
from crawler.extract.written import unescape_js

GOV_SUFFIXES = (".gov.cn", ".gov", ".政务", ".mil.cn", ".gov.hk", ".gov.mo")
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$", re.I)
_PX = re.compile(r"^(-?\d+(?:\.\d+)?)(px|em|rem|pt|%)?$")
_COLOR_NAMES = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "blue": "#0000ff", "green": "#008000",
                "yellow": "#ffff00", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0"}
_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"")
_ATOB = re.compile(r"atob\s*\(((?:\s*(['\"])[A-Za-z0-9+/=]*\2\s*\+?)+)\)")
_B64_PART = re.compile(r"['\"]([A-Za-z0-9+/=]*)['\"]")
# an array of short strings (a sensitive-word filter, a list of names): data, not content the script writes
_WORD_LIST = re.compile(r"\[\s*(?:(['\"])[^'\"<>\n]{1,12}\1\s*,\s*){5,}(['\"])[^'\"<>\n]{1,12}\2\s*,?\s*\]")
_WRITES = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(|\.innerHTML\s*[+]?=|insertAdjacentHTML\s*\(|"
                     r"\.(?:html|append|prepend|after|before)\s*\(\s*['\"]\s*<")
_EVAL = re.compile(r"\beval\s*\(\s*(?:unescape\s*\(|atob\s*\(|['\"]|String\.fromCharCode)")
_SPIDER = re.compile(r"baiduspider|sogou\s*spider|360spider|bingbot|googlebot|yisouspider|"
                     r"document\.referrer[^;]{0,80}(baidu|sogou|so\.com|sm\.cn|google|bing)", re.I)
_REDIRECT = re.compile(r"(?:window|top|self|document)\.location(?:\.href)?\s*=\s*(['\"])(https?://[^'\"]+)\1"
                       r"|location\.replace\s*\(\s*(['\"])(https?://[^'\"]+)\3")


@dataclass
class HiddenLink:
    href: str
    text: str
    methods: set[str] = field(default_factory=set)
    block_text: str = ""  # the text of the hidden block the link sits in (spam lines around it)


@dataclass
class HiddenScan:
    links: list[HiddenLink] = field(default_factory=list)
    hidden_text: list[str] = field(default_factory=list)  # text of hidden blocks (outermost only)
    script_text: list[str] = field(default_factory=list)  # text that scripts write (or decode) into the page
    inert_text: list[str] = field(default_factory=list)  # string literals of scripts that write nothing


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # a malformed href (bad IPv6 brackets, a port out of range)
        return ""


def resolve(base: str, href: str) -> str:
    """The absolute http(s) URL of an href, or "" for other schemes and malformed ones."""
    try:
        target = urljoin(base, href.strip())
        urlsplit(target).port
    except ValueError:
        return ""
    return target if target.startswith(("http://", "https://")) else ""


def is_gov(host: str) -> bool:
    return host.endswith(GOV_SUFFIXES)


def is_own(host: str, own_hosts) -> bool:
    """The site's own host, or a host under it (www.x.gov.cn owns a.x.gov.cn and x.gov.cn)."""
    for own in own_hosts:
        root = own[4:] if own.startswith("www.") else own
        if host == own or host == root or host.endswith("." + root):
            return True
    return False


def _length(value: str) -> float | None:
    if not value:
        return None
    m = _PX.match(value.strip().lower().replace("!important", "").strip())
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    return n * 16 if unit in ("em", "rem") else n


def _color(value: str) -> str:
    v = value.strip().lower().replace("!important", "").strip()
    v = _COLOR_NAMES.get(v, v)
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        v = "#" + "".join(c * 2 for c in v[1:])
    m = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", v)
    if m:
        if m.group(4) is not None and float(m.group(4)) == 0:
            return "transparent"
        v = "#" + "".join(f"{int(g):02x}" for g in m.groups()[:3])
    return v


def declarations(style: str) -> dict[str, str]:
    out = {}
    for part in (style or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip().lower()
    return out


def hiding(decl: dict[str, str]) -> set[str]:
    """The hiding methods one element's own declarations use."""
    found = set()
    if not decl:
        return found
    if decl.get("display", "").startswith("none"):
        found.add("display_none")
    if decl.get("visibility", "").startswith(("hidden", "collapse")):
        found.add("visibility_hidden")
    for prop in ("width", "height", "font-size", "max-height"):
        n = _length(decl.get(prop, ""))
        if n is not None and n <= 1 and (prop != "height" or "overflow" in decl or n == 0):
            found.add("zero_size")
    if decl.get("opacity", "").strip() in ("0", "0.0"):
        found.add("zero_size")
    positioned = decl.get("position", "") in ("absolute", "fixed")
    for prop in ("left", "top", "right", "margin-left", "margin-top"):
        n = _length(decl.get(prop, ""))
        if n is not None and n <= -200 and (positioned or prop.startswith("margin")):
            found.add("offscreen")
    n = _length(decl.get("text-indent", ""))
    if n is not None and n <= -200:
        found.add("offscreen")
    return found


def stylesheet(root) -> dict[tuple[str, str, str], dict[str, str]]:
    """Simple rules of the page's <style> blocks: (tag, '.'/'#', name) → declarations."""
    rules: dict[tuple[str, str, str], dict[str, str]] = {}
    for style in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
        for selectors, body in _RULE.findall(css):
            decl = declarations(body)
            for sel in selectors.split(","):
                m = _SIMPLE_SELECTOR.match(sel.strip())
                if m and (m.group(1) or m.group(3)):
                    key = ((m.group(1) or "").lower(), m.group(2) or "", m.group(3) or "")
                    rules.setdefault(key, {}).update(decl)
    return rules


def _element_decl(el, rules) -> dict[str, str]:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    decl: dict[str, str] = {}
    if rules:
        keys = [(tag, "", "")] + [(t, ".", c) for c in (el.get("class") or "").split() for t in ("", tag)]
        if el.get("id"):
            keys += [("", "#", el.get("id")), (tag, "#", el.get("id"))]
        for key in keys:
            decl.update(rules.get(key, {}))
    decl.update(declarations(el.get("style") or ""))
    for attr in ("width", "height"):
        if el.get(attr) is not None and attr not in decl:
            decl[attr] = el.get(attr).strip()
    return decl


def _inline_colors(el) -> tuple[str | None, str | None]:
    """Text colour and background set on the element itself (inline style, font color, bgcolor).

    Colours from style sheets are not used: without the full cascade, a white-on-dark header would
    look like white on white.
    """
    decl = declarations(el.get("style") or "")
    color = decl.get("color") or (el.get("color") if el.tag == "font" else None)
    bg = decl.get("background-color") or (decl.get("background", "").split(" ")[0] or None) or el.get("bgcolor")
    return (_color(color) if color else None), (_color(bg) if bg else None)


def _marquee_unreadable(el, decl) -> bool:
    sizes = [_length(decl.get(p, "")) for p in ("width", "height")]
    amount = el.get("scrollamount") or ""
    return any(s is not None and s <= 2 for s in sizes) or (amount.isdigit() and int(amount) >= 200)


_SKIPPED = ("script", "style", "head", "noscript", "template")


@lru_cache(maxsize=64)
def _styling(with_sheet: bool, styled_tags: tuple[str, ...]) -> lxml.etree.XPath:
    """The elements whose own markup can hide them or colour them (an attribute ``scan`` reads, a tag a
    style sheet styles), in document order. Any other element is as its parent is."""
    attributes = ["style", "hidden", "width", "height", "color", "bgcolor", "scrollamount"]
    attributes += ["class", "id"] if with_sheet else []
    # found from the attributes up: lxml tests one name per attribute, not a predicate per element
    paths = [f".//@{name}/.." for name in attributes] + [f"descendant-or-self::{tag}" for tag in styled_tags]
    return lxml.etree.XPath(" | ".join(paths))


def _inherited(el, state: dict, top: tuple) -> tuple:
    """The state the nearest element read above ``el`` passes down; at the top, or under a skipped element,
    ``top``."""
    parent = el.getparent()
    while parent is not None:
        found = state.get(parent)
        if found is not None:
            return found
        if parent.tag.lower() in _SKIPPED:
            return top
        parent = parent.getparent()
    return top


def scan(html, url: str, through: set[str] = frozenset()) -> HiddenScan:
    """Hidden links, hidden text and script-written content of a page.

    ``html`` is markup or an lxml tree; ``through`` is added to every method found (markup written
    by a script is scanned again with ``{"script_write", …}``).
    """
    root = parse(html) if isinstance(html, (str, bytes)) else html
    rules = stylesheet(root)
    out = HiddenScan()
    body = next(root.iter("body"), None)
    page_bg = (_inline_colors(body)[1] if body is not None else None) or _body_rule_bg(rules) or "#ffffff"
    # per element read: (hiding methods in force, background, colour, the outermost hidden ancestor)
    state: dict = {}
    top = (frozenset(through), page_bg, "", None)
    styled_tags = tuple(sorted({tag for tag, kind, name in rules if not kind and not name}))
    blocks = [root] if through else []  # markup a script writes is hidden as a whole
    for el in _styling(bool(rules), styled_tags)(root):
        tag = el.tag.lower()
        if tag in _SKIPPED:  # what is inside is read as if it stood at the top
            continue
        methods, bg, color, outer = _inherited(el, state, top)
        decl = _element_decl(el, rules)
        own = hiding(decl)
        if el.get("hidden") is not None:
            own.add("display_none")
        if tag == "marquee" and _marquee_unreadable(el, decl):
            own.add("marquee")
        own_color, own_bg = _inline_colors(el)
        bg = own_bg if own_bg and own_bg != "transparent" else bg
        color = own_color or color
        if own_color and color == bg:
            own.add("same_color")
        if tag == "iframe":
            sizes = [_length(decl.get(p, "")) for p in ("width", "height")]
            if any(s is not None and s <= 2 for s in sizes):
                own.add("zero_iframe")
        if own and not methods:
            blocks.append(el)
        methods = frozenset(methods | own)
        if own - set(through) and outer is None:
            outer = el
            out.hidden_text.append(_text(el))
        state[el] = (methods, bg, color, outer)
    seen: set = set()
    for block in blocks:  # in document order; a block inside another one adds no link
        for el in block.iter("a", "iframe"):
            if el in seen:
                continue
            seen.add(el)
            href = el.get("href") if el.tag == "a" else el.get("src")
            methods, _, _, outer = state.get(el) or _inherited(el, state, top)
            if href and methods:
                target = resolve(url, href)
                if target:
                    text = _text(outer)[:500] if outer is not None else ""
                    out.links.append(HiddenLink(target, fold(el.text_content() if el.tag == "a" else ""),
                                                set(methods), text))
    for written, methods in scripts(root):
        markup = "<" in written
        text = fold(parse(f"<html><body>{written}</body></html>").text_content()) if markup else written
        (out.script_text if methods else out.inert_text).append(text)
        if methods and markup:
            out.links += scan(f"<html><body>{written}</body></html>", url, through=frozenset(methods)).links
    return out


def _text(el) -> str:
    """An element's text as a reader would see it: no script or style content."""
    return fold("".join(el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")))


def _body_rule_bg(rules) -> str | None:
    decl = rules.get(("body", "", ""), {})
    bg = decl.get("background-color") or (decl.get("background", "").split(" ")[0] or None)
    return _color(bg) if bg else None


def _unescape_js(s: str) -> str:
    s = unescape_js(s)
    return unquote(s) if "%3C" in s.upper() or "%3E" in s.upper() else s


def scripts(root) -> list[tuple[str, set[str]]]:
    """Markup and text that inline scripts write, with the methods used: [(written, methods)]."""
    out = []
    for s in root.iter("script"):
        code = s.text or ""
        if not code.strip() or (s.get("type") or "").lower() in ("text/xml", "text/template", "application/json",
                                                                  "application/ld+json"):
            continue
        methods = set()
        if _WRITES.search(code):
            methods.add("script_write")
        if _EVAL.search(code):
            methods.add("eval")
        if _SPIDER.search(code):
            methods.add("cloaking")
        decoded = []
        for m in _ATOB.finditer(code):
            try:
                literal = "".join(_B64_PART.findall(m.group(1)))
                decoded.append(base64.b64decode(literal, validate=False).decode("utf-8", "replace"))
                methods.add("base64")
            except (binascii.Error, ValueError):
                continue
        strings = [_unescape_js(a or b) for a, b in _STRING.findall(_WORD_LIST.sub("[]", code))]
        written = "".join(strings + decoded)
        if "cloaking" in methods:
            for m in _REDIRECT.finditer(code):
                target = m.group(2) or m.group(4)
                written += f'<a href="{target}">{target}</a>'
        if written.strip():
            out.append((written, methods))
    return out
