"""Parsing helpers shared by the extractors: one cleaned lxml tree per page."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_INVISIBLE = ("script", "style", "svg", "noscript", "template", "iframe", "object", "head")
_WS = re.compile(r"\s+")


def parse(html: str | bytes) -> lxml.html.HtmlElement:
    """Parse a page; never raises on junk (an empty document comes back instead)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    html = html.replace("\x00", "")
    if not html.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.fromstring("<html><body></body></html>")
    return root


def visible_copy(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy without scripts, styles, SVG, comments and other text a reader never sees."""
    clone = lxml.html.fromstring(lxml.html.tostring(root)) if root.getparent() is not None else _deepcopy(root)
    for el in clone.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction):
        _drop_keep_tail(el)
    for tag in _INVISIBLE:
        for el in clone.iter(tag):
            if tag == "head":
                continue
            _drop_keep_tail(el)
    return clone


def _deepcopy(root):
    import copy

    return copy.deepcopy(root)


def _drop_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def text_of(el) -> str:
    """Visible text of an element with whitespace folded."""
    if el is None:
        return ""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def fold(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def meta(root, name: str) -> str:
    for el in root.iter("meta"):
        if (el.get("name") or el.get("property") or "").lower() == name.lower():
            return fold(el.get("content"))
    return ""
