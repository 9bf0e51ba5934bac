"""Rendering in a real browser for the sites the registry marks ``render=yes``.

Some portals are JavaScript applications: the HTML a crawler fetches is an empty ``<div id="app">``
(recorded as ``blocked: js_wall`` when not rendered). For the sites marked so, the inspect spider
fetches homepage, column and article pages through scrapy-playwright, driving the system's
Chromium (``RENDER_BROWSER``, Debian's ``/usr/bin/chromium``; Playwright never downloads a browser
here). Other sites and requests keep Scrapy's own download handler.
"""

from __future__ import annotations

import logging
from pathlib import Path

from crawler.registry import host_of

logger = logging.getLogger(__name__)

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Pages the spider reads; an analyzer's checks (links, HEAD requests) stay plain HTTP.
ROLES = ("homepage", "homepage_panel", "column", "article")


def enable(crawler, sites) -> bool:
    """Install the browser download handler when some site needs it (before settings freeze)."""
    marked = [s.site_id for s in sites if s.render]
    if not marked:
        return False
    settings = crawler.settings
    browser = settings.get("RENDER_BROWSER")
    if not Path(browser).exists():
        logger.warning("sites %s are marked render=yes but RENDER_BROWSER %s does not exist "
                       "(apt-get install chromium): they are fetched without a browser", ", ".join(marked), browser)
        return False
    handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": HANDLER, "https": HANDLER}
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")
    settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", priority="spider")
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", {"executable_path": browser, "headless": True}, priority="spider")
    settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", settings.getfloat("DOWNLOAD_TIMEOUT") * 1000,
                 priority="spider")
    hosts = frozenset(h for s in sites if s.render for h in s.hosts)
    settings.set("PLAYWRIGHT_ABORT_REQUEST", _Outside(hosts), priority="spider")
    logger.info("rendering %d site(s) in %s: %s", len(marked), browser, ", ".join(marked))
    return True


class _Outside:
    """The browser asks only the marked sites' own hosts, and skips what content never needs:
    a page's third-party scripts (counters, the 政府网站找错 widget) and its images, fonts and media."""

    def __init__(self, hosts: frozenset[str]):
        self.hosts = hosts

    def __call__(self, request) -> bool:
        return request.resource_type in ("image", "media", "font") or host_of(request.url) not in self.hosts


def meta(role: str) -> dict:
    """Request meta that sends a page of a render=yes site through the browser."""
    if role not in ROLES:
        return {}
    # wait until the page's own requests are done: content often arrives by XHR after "load"
    return {"playwright": True, "playwright_page_goto_kwargs": {"wait_until": "networkidle"}}
