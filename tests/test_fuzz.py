"""Fuzzing with hypothesis: no exception escapes the registry reader, the date normaliser or the extractors.

Bad registry input must end in a RegistryError naming the file (and row); dates and pages that
cannot be read give None or empty results, never a crash that would lose a crawl's facts.
"""

import os
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crawler import blocking, registry
from crawler.dates import parse_date, parse_date_fallback, url_year
from crawler.extract import columns, extract_page, listing
from crawler.extract.html import TO_SIMPLIFIED, all_text, parse, simplified, text_of
from crawler.extract.written import written_text

ASOF = date(2023, 2, 9)
# FUZZ_EXAMPLES=5000 for a deeper run than the suite's
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)), deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text shaped like what these functions meet: dates, CJK, digits, separators, markup
DATEISH = st.lists(st.sampled_from(list("0123456789-/.年月日号时分秒:今天昨前小刚 T+Z")
                                   + ["星期", "发布时间：", "2023", "12", "31", "上午", "一"]), max_size=25).map("".join)
TEXT = st.one_of(st.text(max_size=200), DATEISH)
TAGS = ["<ul>", "</ul>", "<li>", "</li>", "<a href='/x/1.html'>", "<a href='?page=2'>", "</a>", "<div class='nav'>",
        "</div>", "<table>", "<tr><td>", "</td></tr>", "<script>", "</script>", "<meta charset='gbk'>", "<title>",
        "</title>", "下一页", "通知公告", "政务要闻", "2023-01-05", "01-05", "<!--", "-->", "<![CDATA[", "]]>", "&#0;", "\x00"]
HTML = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20), DATEISH), max_size=60).map("".join)
URL = st.one_of(st.just("http://127.0.6.1/a/"), st.builds(lambda p: "http://127.0.6.1/" + p, st.text(max_size=30)),
                st.text(max_size=40))


@FUZZ
@given(st.binary(max_size=400))
def test_registry_reader_on_arbitrary_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("reg") / "sites.csv"
    path.write_bytes(raw)
    for load in (registry.load_sites, registry.load_accounts):
        try:
            load(path)
        except registry.RegistryError as exc:
            assert str(path) in str(exc)


ROW = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["portal", "department", "http://127.0.6.1/", "https://a.gov.cn:99999/",
                                                                "http://[::1", "no", "是", ""])), min_size=0, max_size=9)


@FUZZ
@given(st.lists(ROW, max_size=6), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_registry_reader_on_rows_under_a_valid_header(tmp_path_factory, rows, encoding):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["site_id", "name", "url", "region", "kind", "domains", "spider", "services", "platform"])
    w.writerows(rows)
    path = tmp_path_factory.mktemp("reg") / "sites.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    try:
        sites = registry.load_sites(path)
    except registry.RegistryError as exc:
        assert str(path) in str(exc)
        return
    for site in sites:
        registry.shard_key(site)
        site.owns(site.url)


@FUZZ
@given(st.one_of(st.none(), st.text(max_size=12)), st.integers(0, 500))
def test_sample_and_shard_arguments(value, total):
    for parse in (lambda v: registry.parse_sample(v, total), registry.parse_shard):
        try:
            parse(value)
        except registry.RegistryError:
            pass


@FUZZ
@given(TEXT, st.dates(date(1990, 1, 1), date(2040, 12, 31)), st.one_of(st.none(), st.integers(1990, 2040)))
def test_date_normaliser(text, asof, year_hint):
    found = parse_date(text, asof, year_hint=year_hint)
    if found is not None:
        assert found.value is not None
    parse_date_fallback(text, asof)
    url_year(text)


@FUZZ
@given(HTML, URL)
@example("<html><body><div>通知\x0c<!--c-->公告</div></body></html>", "http://127.0.6.1/")
def test_extract_page(html, url):
    extracted = extract_page(html, url, ASOF)
    assert extracted.kind in ("list", "detail", "other")


@FUZZ
@given(HTML)
@example("<div>a<!--c-->b<?pi x?><p>c<![CDATA[d]]></p>tail<script>s</script>&amp;</div>after")
def test_text_readers_read_what_itertext_reads(html):
    """all_text reads a subtree's text in C: the same as joining itertext(), never the element's tail."""
    for el in parse(html).iter():
        if isinstance(el.tag, str):
            assert all_text(el) == "".join(el.itertext())
            assert text_of(el) == " ".join("".join(el.itertext()).split())


def test_simplified_translates_each_traditional_character_even_alone():
    assert simplified("发布时间 2023") == "发布时间 2023"
    for code in TO_SIMPLIFIED:
        text = f"发布{chr(code)}时间"
        assert simplified(text) == text.translate(TO_SIMPLIFIED) != text


@FUZZ
@given(st.binary(max_size=300), URL)
@example(b"<p>a\x08<script>x</script>tail</p>", "http://127.0.6.1/")
def test_extract_page_on_bytes(raw, url):
    extract_page(raw, url, ASOF)


@FUZZ
@given(HTML)
@example("<a href='/x/1.html'><!---->000;")
def test_listing_and_columns(html):
    body = parse(html)
    listing.find_clusters(body, "http://127.0.6.1/", ASOF)
    columns.discover(body, "http://127.0.6.1/", lambda u: "127.0.6.1" in u, columns.classifier())


@FUZZ
@given(HTML, st.integers(100, 599))
def test_blocking_detector(html, status):
    blocking.detect(status, html)
    blocking.notice(status, html)
    blocking.js_redirect(html, "http://127.0.6.1/")
    for find in (blocking.frame_target, blocking.splash_target):
        target = find(html, "http://127.0.6.1/")
        assert target is None or target.startswith("http")


# script code shaped like a template's: writes, variables, cuts, strings, escapes, markup
SCRIPTISH = st.lists(st.sampled_from(["document.write(", "document.writeln(", ")", "(", ";", "\n", "var s = ", "s", "+",
                                      ".substring(", ".substr(", ".slice(", "0", "10", ",", "'2024-06-12'", '"<b>发布</b>"',
                                      "'\\u53d1'", "'\\x41'", "'a\\'b'", "&nbsp;", "<!--", "//-->", "/* c */", "'"]),
                     max_size=30).map("".join)


LITERAL = st.sampled_from(["'2024-06-12 10:00'", '"发布时间："', "'<b>x</b>'", "'\\u53d1&nbsp;'", "''"])
TERM = st.one_of(LITERAL, st.builds(lambda cut, a, b: f"s.{cut}({a}, {b})", st.sampled_from(["substring", "substr", "slice"]),
                                    st.integers(0, 20), st.integers(0, 20)), st.just("s"))
STATEMENTS = st.lists(st.one_of(st.builds("var s = {};".format, LITERAL),
                                st.builds(lambda ts: f"document.write({' + '.join(ts)});", st.lists(TERM, min_size=1, max_size=3))),
                      min_size=1, max_size=4).map("\n".join)


@FUZZ
@given(st.one_of(SCRIPTISH, STATEMENTS, st.text(max_size=200)))
def test_script_written_text(code):
    text = written_text(code)
    assert text is None or (text and text == " ".join(text.split()))
