"""Dates a template prints through a script (发布时间：<script>document.write("…")</script>), through a
real crawl: a column whose items' dates only a script writes is dated by them, an article's
publication date so written is its date; a script that computes what it writes stays unread."""

from __future__ import annotations

import pytest

from crawler.extract.written import written_text
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
COLUMNS = {"xwdt": "新闻动态", "gzdt": "工作动态", "tzgg": "通知公告"}
DATES = ["2023-02-08", "2023-02-03", "2023-01-20"]
PLAIN = "<script>document.write('{d}');</script>"
TRS = "<script type='text/javascript'>\n<!--\nvar str = \"{d} 10:22:33\";\ndocument.write(str.substring(0,10));\n//-->\n</script>"
COMPUTED = "<script>document.write(formatDate('{d}'));</script>"


def routes(cell: str, byline: str) -> dict:
    nav = "".join(f"<a href='/{c}/'>{name}</a>" for c, name in COLUMNS.items())
    out = {"/": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div>"))}
    for c, name in COLUMNS.items():
        rows = "".join(f"<li><a href='/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a>"
                       f"<span class='date'>{cell.format(d=d)}</span></li>" for i, d in enumerate(DATES, start=1))
        out[f"/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
        for i, d in enumerate(DATES, start=1):
            info = f"<div class='info'>发布时间：{byline.format(d=d)}　来源：县政府办公室</div>"
            out[f"/{c}/a{i}.html"] = Reply(200, html_page(f"{name}第{i}条", info + "<p>正文。</p>" * 3))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_served(tmp_path_factory.mktemp("written"), {"written": ("127.0.0.42", routes(PLAIN, TRS)),
                                                             "computed": ("127.0.0.43", routes(COMPUTED, COMPUTED))}, ASOF)


def test_item_dates_a_script_writes_date_the_column(crawled):
    rows = query(crawled, "SELECT url, date FROM items WHERE site_id = 'written' AND source = 'column' "
                          "AND url LIKE '%/xwdt/%' ORDER BY url")
    assert [(url.rsplit("/", 1)[1], day) for url, day in rows] == [
        ("a1.html", "2023-02-08"), ("a2.html", "2023-02-03"), ("a3.html", "2023-01-20")]
    assert "columns_not_updated" not in query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = 'written'")[0][0]


def test_an_article_date_a_script_cuts_from_its_variable_is_the_article_s(crawled):
    rows = query(crawled, "SELECT date, date_evidence FROM pages WHERE site_id = 'written' AND url LIKE '%/xwdt/a1.html'")
    assert rows[0][0] == "2023-02-08"
    assert '"label_text": "发布时间：2023-02-08"' in rows[0][1]


def test_what_a_script_computes_is_not_guessed(crawled):
    rows = query(crawled, "SELECT date FROM items WHERE site_id = 'computed' AND source = 'column'")
    assert rows and all(day is None for (day,) in rows)
    assert query(crawled, "SELECT date FROM pages WHERE site_id = 'computed' AND url LIKE '%/xwdt/a1.html'") == [(None,)]


@pytest.mark.parametrize("code, text", [
    ("document.write('发布时间：2024-06-12');", "发布时间：2024-06-12"),
    ('document.write("来源：县政府办&nbsp;时间：" + "2024-06-12")', "来源：县政府办 时间：2024-06-12"),
    ("var s = '2024-06-12 10:00:00'; document.writeln(s.substr(0, 10))", "2024-06-12"),
    ("var s = '2024-06-12 10:00:00';\nvar t = s.slice(5, 10);\ndocument.write('[' + t + ']')", "[06-12]"),
    ('document.write("<span class=\\"time\\">2024-06-12</span>");', "2024-06-12"),
    ("document.write('\\u53d1\\u5e03');", "发布"),
    ("document.write('<style>.t{color:red}</style><span class=\"t\">2024-06-12</span>');", "2024-06-12"),
    ("document.write('<script src=\"/js/count.js\"></script>');", None),
    # anything else the script does leaves it unread
    ("document.write(new Date().getFullYear())", None),
    ('document.write(unescape("%3Cspan%3E"))', None),
    ("if (show) document.write('2024-06-12')", None),
    ("var s = '2024-06-12'; document.write(s.substring(0, n))", None),
    ("document.write(t)", None),
    ("var s = '2024-06-12';", None),
    ("document.write('');", None),
])
def test_written_text(code, text):
    assert written_text(code) == text
