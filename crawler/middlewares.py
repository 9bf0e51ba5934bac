"""Middlewares: charset repair of pages whose declared encoding lies; meta refresh redirects; pages
whose reading raised; the facts of one response passed on as one item.

Scrapy decodes with the BOM, then the HTTP header, then ``<meta>``, then detection. Government
servers often send a header that contradicts the page (``charset=GBK`` over a UTF-8 body: mojibake
such as 鏀垮簻 with no U+FFFD; ``utf-8`` over a GBK body: runs of U+FFFD). The repair (see
docs/reliability.md) picks the encoding that decodes the body cleanly and records what it did in
``request.meta["decode_repaired"]``, which the spider stores on the page fact.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from w3lib.encoding import html_body_declared_encoding

from crawler.items import Facts

logger = logging.getLogger(__name__)

# A decoded page needs repair when at least this many characters are U+FFFD or private-use,
# and they are at least this share of the text (one stray bad byte in a long page is left alone).
BAD_CHARS_MIN = 3
BAD_CHARS_SHARE = 0.001


class CharsetRepairMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or not response.body or b"\x00" in response.body[:4096]:
            return response  # nothing to decode, or binary (the spider records it as such)
        found = repair(response)
        if found is None:
            return response
        encoding, why = found
        request.meta["decode_repaired"] = f"{response.encoding} → {encoding}: {why}"
        self.crawler.stats.inc_value("govinspect/charset/repaired")
        return response.replace(encoding=encoding)


def repair(response: TextResponse) -> tuple[str, str] | None:
    """(encoding, why) when the response's encoding misreads its body, else None."""
    body, current = response.body, _name(response.encoding)
    if current != "utf-8" and not body.isascii() and _strict_utf8(body):
        # GBK-encoded Chinese is almost never valid UTF-8: a body that is, is UTF-8
        return "utf-8", "the body is valid UTF-8"
    bad = bad_chars(response.text)
    if not needs_repair(bad, len(response.text)):
        return None
    candidates = []
    declared = html_body_declared_encoding(body)
    if declared and _name(declared) != current:
        candidates.append((declared, "declared in the page"))
    detected = charset_normalizer.from_bytes(body[:200_000]).best()
    if detected is not None and _name(detected.encoding) != current:
        candidates.append((detected.encoding, "detected"))
    if "gb18030" not in {current, *(_name(c) for c, _ in candidates)}:
        candidates.append(("gb18030", "the usual encoding of Chinese government pages"))
    scored = sorted((bad_chars(body.decode(enc, errors="replace")), i, enc, why)
                    for i, (enc, why) in enumerate(candidates) if _known(enc))
    if scored and scored[0][0] < bad:
        fewest, _, enc, why = scored[0]
        return _name(enc), f"{why}; {bad} → {fewest} undecodable characters"
    return None


# the replacement character, and the private-use area a wrong GBK/Big5 table decodes into
_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff]")


def bad_chars(text: str) -> int:
    return len(_BAD_CHARS.findall(text))


def needs_repair(bad: int, length: int) -> bool:
    return bad >= BAD_CHARS_MIN and bad >= length * BAD_CHARS_SHARE


def _strict_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _name(encoding: str | None) -> str:
    if not encoding:
        return ""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()
    return "gb18030" if name in ("gbk", "gb2312") else name


class MetaRefresh(MetaRefreshMiddleware):
    """Scrapy's meta refresh redirects (``<meta http-equiv="refresh" content="0;url=…">``), without
    decoding the pages that cannot hold one.

    Scrapy decodes a page and searches its first 4,096 characters for the tag: ~40 µs a page, most of
    a crawl's pages having none. Those characters lie in the body's first 16 KB (4 bytes a character
    at most), where in any ASCII-compatible encoding the tag spells the bytes ``refresh`` in some
    case; a page without them there is passed on as it is. A page with NUL bytes there (UTF-16) gets
    Scrapy's full check.
    """

    def process_response(self, request, response):
        if isinstance(response, HtmlResponse):
            head = response.body[:16384]
            if b"\x00" not in head and b"refresh" not in head.lower():
                return response
        return super().process_response(request, response)


class ReadErrorMiddleware:
    """A spider middleware: a page whose reading raised is logged with its URL and stored as a
    ``read_error`` fact (a homepage makes its site "not inspected"), so one odd page neither loses
    the facts gathered nor leaves its site without a status."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_exception(self, response, exception):
        read_failed = getattr(self.crawler.spider, "read_failed", None)
        if read_failed is None or isinstance(exception, HttpError):
            return None
        logger.error("reading %s failed: %s: %s", response.url, type(exception).__name__, exception,
                     exc_info=exception)
        self.crawler.stats.inc_value("govinspect/read_errors")
        return read_failed(response, exception)


class FactBatches:
    """A spider middleware: what a callback yields for one response leaves it when the callback ends,
    its facts as one ``Facts`` item first, then its requests.

    Facts first, so a fact is stored before anything its requests fetch can answer: a channel's
    "pending" row never lands after the "ok" its page gave. If the callback raises, what it yielded
    before is passed on, then the error (to ``ReadErrorMiddleware``): a page whose analysis failed
    half-way keeps what was read.
    """

    def process_spider_output(self, response, result):
        facts, requests = Facts(url=response.url), []
        try:
            for out in result:
                (requests if isinstance(out, Request) else facts.facts).append(out)
        except Exception:
            yield from _release(facts, requests)
            raise
        yield from _release(facts, requests)

    async def process_spider_output_async(self, response, result):
        facts, requests = Facts(url=response.url), []
        try:
            async for out in result:
                (requests if isinstance(out, Request) else facts.facts).append(out)
        except Exception:
            for out in _release(facts, requests):
                yield out
            raise
        for out in _release(facts, requests):
            yield out


def _release(facts: Facts, requests: list):
    if facts.facts:
        yield facts
    yield from requests
