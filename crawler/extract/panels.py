"""What a page shows that its HTML does not hold: panels it loads into itself, and lists its scripts fetch.

A browser shows a homepage's news box from an ``<iframe src="/xwdt/list.html">``, a frame, or a
``$("#yw").load("/yw.html")``; those are HTML pages of their own, fetched and read like the page.
What a page's scripts fetch (``$.getJSON(…)``, ``fetch(…)``) is kept as a fact and read for the lists
it holds (``crawler.extract.scriptlists``); a list drawn from a client-side template ({{item.title}})
is kept as "template". What could not be read lets a judgement resting on the page's static lists
say what it could not see.
"""

from __future__ import annotations

import re

from crawler.extract.html import join

# a list a script draws in the browser: {{ item.title }} (Vue, layui, art-template), v-for, ng-repeat
CLIENT_TEMPLATE = re.compile(r"\{\{[^\n]{1,80}?\}\}"
                             r"|\s(?:v-(?:for|if|show|else-if)|ng-(?:repeat|if|show)|x-(?:for|if|show))\s*=")
# a URL a script requests: $.get/post/ajax/getJSON, fetch, axios, or an options object's url
SCRIPT_URL = re.compile(
    r"""(?:url\s*[:=]\s*|fetch\(\s*|getJSON\(\s*|\$\.(?:get|post|ajax)\(\s*|axios(?:\.(?:get|post))?\(\s*)"""
    r"""["']([^"'\s]+)["']""", re.I)
# jQuery's .load(url [selector]) puts another page's HTML into an element
_LOAD = re.compile(r"""\.load\(\s*["']([^"'\s]+)""")
# requests that never bring content: counters, statistics, weather, search, login
_NOT_CONTENT = re.compile(r"count|visit|stat|hits|click|pv\b|uv\b|weather|tianqi|search|sousuo|login|captcha|"
                          r"verify|token|\.js(?:$|\?)|\.css(?:$|\?)", re.I)
_NOT_PAGE = re.compile(r"\.(?:jpe?g|png|gif|svg|mp4|flv|swf|mp3|pdf|docx?|xlsx?|zip|rar)(?:$|\?)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SKIP = ("javascript:", "about:", "data:", "#", "mailto:")


def panel_urls(page) -> list[str]:
    """Absolute URLs of the HTML a browser puts into ``page``: its visible frames and iframes and the
    targets of jQuery ``.load()``, in page order, without repeats or the page itself."""
    found = [el.get("src") or "" for el in page.root.iter("iframe", "frame") if not _hidden(el)]
    found += _LOAD.findall(page.scripts)
    out: list[str] = []
    for raw in found:
        raw = raw.strip()
        if not raw or raw.lower().startswith(_SKIP) or _NOT_PAGE.search(raw):
            continue
        url = join(page.base, raw).split("#")[0]
        if url != page.url and url not in out:
            out.append(url)
    return out


def script_loads(page) -> list[str]:
    """What the page's scripts fetch to show (absolute URLs), and "template" when the page holds a
    client-side template: content a reader sees that the page's HTML does not hold."""
    urls = [join(page.base, u) for u in SCRIPT_URL.findall(page.scripts) if not _NOT_CONTENT.search(u)]
    out = list(dict.fromkeys(urls))
    if CLIENT_TEMPLATE.search(page.html):
        out.append("template")
    return out


def _hidden(el) -> bool:
    """A frame nobody sees (hidden, or a pixel wide): a tracker or an injected page, not a panel."""
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    return any((el.get(side) or "").strip().rstrip("px") in ("0", "1") for side in ("width", "height"))
