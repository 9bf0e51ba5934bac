"""Charset repair: the middleware fixes lying headers and records what it did (the crawl path is in test_faults)."""

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.middlewares import CharsetRepairMiddleware, bad_chars, needs_repair, repair

PAGE = "<html><head>{meta}<title>西藏自治区人民政府</title></head><body><ul>{items}</ul></body></html>"
ITEMS = "".join(f"<li><a href='/a{i}.html'>关于做好春耕备耕工作的通知{i}</a><span>2023-02-0{i % 9 + 1}</span></li>"
                for i in range(20))


def page(meta="", encoding="utf-8") -> bytes:
    return PAGE.format(meta=meta, items=ITEMS).encode(encoding)


def response(body, content_type=None):
    headers = {"Content-Type": content_type} if content_type else {}
    return HtmlResponse("http://127.0.6.1/", body=body, headers=headers, request=Request("http://127.0.6.1/"))


@pytest.fixture
def middleware():
    return CharsetRepairMiddleware.from_crawler(get_crawler())


def run(middleware, resp):
    out = middleware.process_response(resp.request, resp)
    return out, resp.request.meta.get("decode_repaired", "")


def test_gbk_header_over_utf8_body(middleware):
    resp = response(page('<meta charset="utf-8">'), "text/html; charset=GBK")
    assert "西藏" not in resp.text  # Scrapy believes the header: mojibake without U+FFFD
    fixed, note = run(middleware, resp)
    assert fixed.encoding == "utf-8" and "西藏自治区人民政府" in fixed.text
    assert note == "gb18030 → utf-8: the body is valid UTF-8"


def test_utf8_header_over_gbk_body_uses_the_declared_charset(middleware):
    resp = response(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
                    "text/html; charset=utf-8")
    assert resp.text.count("\ufffd") > 20
    fixed, note = run(middleware, resp)
    assert fixed.encoding == "gb18030" and "关于做好春耕备耕工作的通知" in fixed.text
    assert note.startswith("utf-8 → gb18030: declared in the page")


def test_utf8_header_over_undeclared_gbk_body_is_detected(middleware):
    resp = response(page("", "gbk"), "text/html; charset=utf-8")
    fixed, note = run(middleware, resp)
    assert "关于做好春耕备耕工作的通知" in fixed.text and bad_chars(fixed.text) == 0
    assert note.startswith("utf-8 → ") and "undecodable characters" in note


@pytest.mark.parametrize("body,ctype", [
    (page('<meta charset="utf-8">'), "text/html; charset=utf-8"),
    (page('<meta charset="gbk">', "gbk"), None),  # meta only: Scrapy gets it right
    (page("", "gbk"), "text/html; charset=gbk"),
    (b"<html><body>plain ASCII</body></html>", "text/html; charset=gbk"),
    (b"\xef\xbb\xbf" + page(), "text/html; charset=gbk"),  # the BOM wins in Scrapy already
])
def test_correct_pages_are_left_alone(middleware, body, ctype):
    resp = response(body, ctype)
    fixed, note = run(middleware, resp)
    assert fixed is resp and note == ""


def test_one_stray_bad_byte_in_a_long_page_is_not_a_reason_to_redecode():
    long_page = page() + b"\xff" + page()
    resp = response(long_page, "text/html; charset=utf-8")
    assert repair(resp) is None


def test_threshold():
    assert not needs_repair(2, 10)
    assert needs_repair(3, 100)
    assert not needs_repair(3, 100_000)


def test_binary_is_not_redecoded(middleware):
    resp = response(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "text/html")
    fixed, note = run(middleware, resp)
    assert fixed is resp and note == ""
