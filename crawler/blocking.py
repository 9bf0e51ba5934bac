"""Homepages that are not the site: WAF / JavaScript challenges, "enable JavaScript" walls, JS redirects,
notices in the site's place (maintenance, moved, closed), web servers' default pages and splash pages.

Such a page says nothing about the site's content, so the site is recorded as ``blocked`` (a wall)
or ``not_inspected`` (a notice), with the reason, and never judged on it; a page that only sends
the browser elsewhere is followed. A marker alone never screens a page with real content: many
government homepages carry a ``<noscript>请开启JavaScript</noscript>`` line above a full portal,
and a news title may well say 系统升级.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# Below this much visible text (and this many links) a page is a stub, not a homepage.
STUB_TEXT_CHARS = 200
STUB_LINKS = 5

_DROP = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)
_SCRIPT_TAG = re.compile(r"<script\b", re.I)
_LINK = re.compile(r"<a\b[^>]*\bhref\s*=", re.I)
_JS_WALL = re.compile(
    r"enable\s+javascript|javascript\s+(?:is\s+)?(?:required|disabled)|turn\s+on\s+javascript"
    r"|without\s+javascript"
    r"|(?:开启|启用|打开|允许|支持)\s*(?:浏览器\s*(?:的)?\s*)?javascript|javascript\s*(?:已被?禁用|未启用)",
    re.I)
_WAF = re.compile(
    r"web\s*应用防火墙|网站防火墙|安全狗|云锁|创宇盾|知道创宇|安恒|长亭|雷池|waf|"
    r"访问被(?:拦截|阻断|拒绝)|拦截了您的访问|疑似(?:攻击|黑客)|安全验证|滑动验证|人机验证|"
    r"access\s+denied|request\s+blocked|checking\s+your\s+browser|captcha",
    re.I)
# A notice may explain itself at more length than a wall, but still links to (almost) nothing.
NOTICE_TEXT_CHARS = 600
# the most telling first: "升级改版后已迁移至新网址" is a move
_NOTICES = (
    ("moved_notice", re.compile(r"迁移|迁至|整合至|整合到|并入|已迁|新网址|新域名|域名已?变更|已更换域名|请访问新")),
    ("closed_notice", re.compile(r"关停|已关闭|停止(?:运行|运维|服务|访问)|已下线|已注销|不再(?:运行|更新|提供)")),
    ("maintenance_notice", re.compile(r"维护|升级|改版|暂停(?:访问|服务)|暂时无法访问|maintenance", re.I)),
)
_SERVER_DEFAULT = re.compile(
    r"welcome to nginx|default page|test page for the|it works!|iis windows server|"
    r"internet information services|站点创建成功|没有找到站点|站点未绑定|网站建设中|站点已(?:暂停|停止)",
    re.I)
_HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_ONLOAD = re.compile(r"""<body\b[^>]*?\bonload\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_JS_TARGET = re.compile(
    r"""(?:(?:window|document|top|self|parent)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*(['"])([^'"]+)\1"""
    r"""|location\s*\.\s*(?:replace|assign)\s*\(\s*(['"])([^'"]+)\3\s*\)""")


@dataclass(frozen=True)
class Wall:
    kind: str  # waf_challenge, js_wall, waf_block; moved_notice, closed_notice, maintenance_notice, server_default_page
    detail: str

    @property
    def reason(self) -> str:
        return f"{self.kind}: {self.detail}"


def visible_text(html: str) -> str:
    return _text_of(_DROP.sub(" ", html))


def _text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", _TAG.sub(" ", markup)).strip()


def is_stub(html: str) -> bool:
    """Little visible text and few links (outside scripts): a page that carries no content of its own."""
    _, text, links = _shown(html)
    return _stub(text, links)


def _stub(text: str, links: int) -> bool:
    return len(text) < STUB_TEXT_CHARS and links < STUB_LINKS


def _shown(html: str) -> tuple[str, str, int]:
    """The markup without scripts, styles and comments; its text; how many links it has."""
    shown = _DROP.sub(" ", html)
    return shown, _text_of(shown), len(_LINK.findall(shown))


def detect(status: int, html: str) -> Wall | None:
    """The wall this page is, or None for a page that may be judged (or an ordinary error page)."""
    if not is_stub(html):
        return None
    scripts = len(_SCRIPT_TAG.findall(html))
    text = visible_text(html)
    everything = f"{text} {html}"
    if _JS_WALL.search(everything):
        return Wall("js_wall", f"HTTP {status}, the page asks to enable JavaScript ({_snippet(text, html)})")
    if _WAF.search(text) or _WAF.search(_title(html)):
        return Wall("waf_block", f"HTTP {status}, a firewall page ({_snippet(text, html)})")
    if scripts and status >= 400:
        return Wall("waf_challenge", f"HTTP {status}, the page only runs a script ({_snippet(text, html)})")
    if scripts and not text:
        return Wall("js_wall", f"HTTP {status}, an empty page that only runs a script")
    return None


def notice(status: int, html: str) -> Wall | None:
    """A notice in the site's place (maintenance, moved, closed) or a web server's default page.

    A default page is known by its title, whatever its length; a notice only when the page links
    to almost nothing and says little else (NOTICE_TEXT_CHARS).
    """
    title = _title(html)
    shown, text, links = _shown(html)
    few_links = links < STUB_LINKS
    if _SERVER_DEFAULT.search(title) or (_stub(text, links) and _SERVER_DEFAULT.search(text)):
        return Wall("server_default_page", f"HTTP {status}, a web server's default page ({(title or text)[:80]})")
    if not few_links or len(text) >= NOTICE_TEXT_CHARS:
        return None
    for kind, pattern in _NOTICES:
        if pattern.search(title) or pattern.search(text):
            target = _HREF.search(shown)
            to = f"; it links to {target[1]}" if target else ""
            return Wall(kind, f"HTTP {status}, the homepage is a notice ({_snippet(text, html)}){to}")
    return None


def js_redirect(html: str, base_url: str) -> str | None:
    """Where a stub page's script (or its body's ``onload``) sends the browser (absolute URL), or None."""
    if not is_stub(html):
        return None
    for script in _SCRIPT.findall(html) + [m[2] for m in _ONLOAD.finditer(html)]:
        target = _script_target(script, base_url)
        if target:
            return target
    return None


def _script_target(code: str, base_url: str) -> str | None:
    m = _JS_TARGET.search(code)
    target = (m[2] or m[4]).strip() if m else ""
    if target and not target.lower().startswith(("javascript:", "#")):
        return urljoin(base_url, target)
    return None


_FRAME = re.compile(r"""<(?P<tag>i?frame)\b[^>]*?\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)[^>]*>""", re.I)
_FRAMESET = re.compile(r"<frameset\b", re.I)
_MAIN_FRAME = re.compile(r"""\b(?:name|id)\s*=\s*["']?(?:main|content|body|center|right)""", re.I)


def frame_target(html: str, base_url: str) -> str | None:
    """Where a stub homepage shows its content in a frame (absolute URL), or None: the frame of a
    frameset named as its main one (main, content, …) or its only frame, or the one iframe of a page
    that holds nothing else. A frameset whose main frame cannot be told is left alone."""
    shown, text, links = _shown(html)
    if not _stub(text, links):
        return None
    frames = list(_FRAME.finditer(shown))
    if _FRAMESET.search(html):
        frames = [f for f in frames if f["tag"].lower() == "frame"]
        main = [f for f in frames if _MAIN_FRAME.search(f.group(0))]
        frames = main[:1] if main else frames
    else:
        frames = [f for f in frames if f["tag"].lower() == "iframe"]
    if len(frames) != 1 or frames[0]["src"].lower().startswith(("javascript:", "about:", "#", "data:")):
        return None
    return urljoin(base_url, frames[0]["src"])


# a splash page's way in: 进入首页, 进入网站, 点击进入, ENTER (as text, alt, title or image name)
_ENTER = re.compile(r"进入|(?<![a-z])enter(?![a-z])|jinru", re.I)
_ENTRY = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>|<area\b([^>]*)>", re.S | re.I)
_ENTRY_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
# a version of the site in another language than Chinese, by what its way in says or its path
_OTHER_LANGUAGE = re.compile(r"(?<![a-z])(?:en|eng|english)(?![a-z])|英文|藏文|维吾尔|维文|蒙古文|蒙文|朝鲜文|哈萨克|彝文|壮文|"
                             r"[\u0f00-\u0fff]", re.I)
_HINT = re.compile(r"""\b(?:alt|title|src|value)\s*=\s*["']?([^"'>]*)""", re.I)
# an image or button that enters by script: <img src="enter.png" onclick="location.href='index.html'">
_ONCLICK = re.compile(r"""<\w+\b([^>]*?\bonclick\s*=\s*(["'])(.*?)\2[^>]*)>""", re.I | re.S)


def splash_target(html: str, base_url: str) -> str | None:
    """Where a splash page (引导页: a banner and one 进入首页 / 进入网站 link, image or button, little
    else) leads, or None. Every way in must lead to one page, the Chinese version's where the others
    are versions in another language (English, 藏文, 维吾尔文 …); a stub with two Chinese ways in is left
    alone."""
    shown, text, _ = _shown(html)
    # the 备案, 党政机关 and 纠错 marks of its footer link elsewhere: only the site's own links count
    host = urlsplit(base_url).hostname
    if not _stub(text, sum(urlsplit(urljoin(base_url, h)).hostname == host for h in _HREF.findall(shown))):
        return None
    ways: dict[str, str] = {}  # target → what says it is a way in
    for m in _ENTRY.finditer(shown):
        attrs, inner = m[1] or m[3], m[2] or ""
        href = _ENTRY_HREF.search(attrs)
        if not href or href[1].lower().startswith(("javascript:", "#", "mailto:")):
            continue
        said = " ".join([_text_of(inner), *_HINT.findall(attrs), *_HINT.findall(inner)])
        if _ENTER.search(said):
            target = urljoin(base_url, href[1])
            ways[target] = f"{ways.get(target, '')} {said}"
    for m in _ONCLICK.finditer(shown):
        target = _script_target(m[3], base_url)
        said = " ".join(_HINT.findall(m[1]))
        if target and _ENTER.search(said):
            ways[target] = f"{ways.get(target, '')} {said}"
    ways.pop(base_url, None)
    if len(ways) > 1:
        ways = {t: said for t, said in ways.items() if not _OTHER_LANGUAGE.search(f"{said} {urlsplit(t).path}")}
    return next(iter(ways)) if len(ways) == 1 else None


def _title(html: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title", html, re.S | re.I)
    return m[1].strip() if m else ""


def _snippet(text: str, html: str) -> str:
    return (text or _title(html) or "no visible text")[:80]
