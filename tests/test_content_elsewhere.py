"""Content a page shows from elsewhere, through a real crawl: a homepage's frames, iframes and jQuery
.load() boxes are read as part of it; a box filled by a script's request is a fact that keeps a
stale-looking homepage from a veto it may not deserve; a column page that only redirects by script
or only shows a frame is read where it leads."""

from __future__ import annotations

import json

import pytest

from crawler.extract import Page
from crawler.extract.panels import panel_urls, script_loads
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"


def items(prefix: str, dates: list[str]) -> str:
    return "<ul class='list'>" + "".join(
        f"<li><a href='/{prefix}/t{d.replace('-', '')}_{i}.html'>关于做好{prefix}第{i}项工作的通知</a><span>{d}</span></li>"
        for i, d in enumerate(dates)) + "</ul>"


OLD = ["2022-10-0" + str(i) for i in range(1, 7)]
NEW = ["2023-02-0" + str(i) for i in range(1, 7)]
NAV = ("<div class='nav'><a href='/xwdt/'>新闻动态</a><a href='/zcwj/'>政策文件</a>"
       "<a href='/zwgk/'>政务公开</a><a href='/gzdt/'>工作动态</a></div>")
# the homepage's readable box is a stale 政策文件 list; its 要闻 box is somewhere else
HOMES = {
    "iframe": f"{NAV}<div class='yw'><iframe src='/panel/yw.html' width='400' height='300'></iframe></div>"
              f"{items('zcwj', OLD)}",
    "load": f"{NAV}<div id='yw'></div>{items('zcwj', OLD)}<script>$('#yw').load('/panel/yw.html ul');</script>",
    "json": f"{NAV}<ul id='yw'></ul>{items('zcwj', OLD)}"
            "<script>$.getJSON('/api/yw.json', function (d) { draw('#yw', d) });</script>",
    # a counter and a hidden tracker frame show nothing: the stale homepage is stale
    "counter": f"{NAV}{items('zcwj', OLD)}<iframe src='/panel/yw.html' width='0' height='0'></iframe>"
               "<script>$.ajax({url: '/count.jsp?id=1', type: 'post'});</script>",
}
FRAMESET = ("<html><head><meta charset='utf-8'><title>测试县人民政府</title></head>"
            "<frameset rows='120,*'><frame src='/panel/top.html'><frameset cols='200,*'>"
            "<frame src='/panel/left.html'><frame src='/panel/yw.html'></frameset>"
            "<frame src='/panel/foot.html'></frameset></html>")
# a frameset's identity marks sit in its footer frame
FOOTER = ("网站标识码：3609220011 赣ICP备05004350号 赣公网安备 36092202000101号"
          "<a href='http://bszs.conac.cn/sitename?method=show&id=1'>党政机关</a>")


def routes(home: str) -> dict:
    out = {"/": Reply(200, home if home.startswith("<html") else html_page("测试县人民政府", home)),
           "/xwdt/": Reply(200, html_page("新闻动态", items("xwdt", NEW))),
           "/zcwj/": Reply(200, html_page("政策文件", items("zcwj", OLD))),
           "/panel/yw.html": Reply(200, html_page("要闻", items("xwdt", NEW))),
           "/panel/top.html": Reply(200, html_page("测试县人民政府", "<img src='/logo.png' alt='logo'>")),
           "/panel/foot.html": Reply(200, html_page("版权信息", "", footer=FOOTER)),
           "/panel/left.html": Reply(200, html_page("导航", NAV + "<a href='/bs/'>网上办事</a><a href='/mail/'>县长信箱</a>")),
           "/bs/": Reply(200, html_page("网上办事", "<p>办事指南</p>")),
           "/mail/": Reply(200, html_page("县长信箱", "<ul class='mails'><li><a href='/mail/1.html'>问一</a> "
                                                  "来信时间：2023-01-10 答复时间：2023-01-12</li></ul>")),
           # an endpoint that answers only the POST its script sends: what it shows stays unseen
           "/api/yw.json": Reply(405, "Method Not Allowed", content_type="text/plain"),
           "/zwgk/": Reply(200, "<html><head><script>window.location.href = '/zwgk/list.html';</script></head>"
                                "<body></body></html>"),
           "/zwgk/list.html": Reply(200, html_page("政务公开", items("zwgk", NEW))),
           "/gzdt/": Reply(200, "<html><body><iframe src='/gzdt/list.html' width='100%' height='900'></iframe>"
                                "</body></html>"),
           "/gzdt/list.html": Reply(200, html_page("工作动态", items("gzdt", NEW)))}
    article = "<p>发布时间：2023-02-01</p><p>正文。</p>"
    for prefix, dates in (("xwdt", NEW), ("zcwj", OLD), ("zwgk", NEW), ("gzdt", NEW)):
        out.update({f"/{prefix}/t{d.replace('-', '')}_{i}.html": Reply(200, html_page("文章", article))
                    for i, d in enumerate(dates)})
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    homes = {**HOMES, "frameset": FRAMESET}
    return crawl_served(tmp_path_factory.mktemp("panels"),
                        {name: (f"127.0.0.{82 + n}", routes(home)) for n, (name, home) in enumerate(homes.items())}, ASOF)


def homepage_finding(db, site_id):
    rows = query(db, "SELECT severity, detail, evidence FROM findings WHERE site_id = ? "
                     "AND rule_id = 'homepage_not_updated'", site_id)
    return (rows[0][0], rows[0][1], json.loads(rows[0][2])) if rows else None


def vetoes(db, site_id) -> str:
    return query(db, "SELECT vetoes FROM verdicts WHERE site_id = ?", site_id)[0][0]


@pytest.mark.parametrize("site_id", ["iframe", "load", "frameset"])
def test_a_panel_is_read_as_part_of_the_homepage(crawled, site_id):
    dates = {d for (d,) in query(crawled, "SELECT date FROM items WHERE site_id = ? AND source = 'homepage'", site_id)}
    assert set(NEW) <= dates
    [(url, count)] = query(crawled, "SELECT url, item_count FROM pages WHERE site_id = ? AND role = 'homepage_panel' "
                                    "AND url LIKE '%yw.html'", site_id)
    assert count == len(NEW)
    assert homepage_finding(crawled, site_id) is None
    assert "homepage_not_updated" not in vetoes(crawled, site_id)


def test_a_frameset_homepage_finds_its_columns_and_entries_in_its_frames(crawled):
    names = {n for (n,) in query(crawled, "SELECT name FROM columns WHERE site_id = 'frameset'")}
    assert {"新闻动态", "政策文件"} <= names
    assert query(crawled, "SELECT name, found_on LIKE '%/panel/left.html' FROM service_entries "
                          "WHERE site_id = 'frameset'") == [("网上办事", 1)]
    assert query(crawled, "SELECT name, status FROM channels WHERE site_id = 'frameset'") == [("县长信箱", "ok")]
    vetoes = query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = 'frameset'")[0][0]
    assert "service_unusable" not in vetoes and "interaction_poor" not in vetoes


def test_a_framesets_identity_marks_are_read_in_its_frames(crawled):
    marks = ("site_code", "conac", "icp", "police")
    rows = dict(query(crawled, "SELECT check_name, status || ' ' || evidence_url FROM identity WHERE site_id = ? "
                               f"AND check_name IN {marks}", "frameset"))
    assert all(rows[m].startswith("present ") and rows[m].endswith("/panel/foot.html") for m in marks), rows
    # a panel without them leaves the homepage's absence standing
    rows = dict(query(crawled, f"SELECT check_name, status FROM identity WHERE site_id = 'iframe' AND check_name IN {marks}"))
    assert rows == dict.fromkeys(marks, "absent")
    assert not query(crawled, "SELECT 1 FROM findings WHERE site_id = 'frameset' AND rule_id = 'site_identity' "
                              "AND subject IN ('site_code', 'conac', 'icp', 'police')")


def test_a_box_a_script_fills_turns_the_veto_into_a_warning_when_a_column_is_fresh(crawled):
    [(loads,)] = query(crawled, "SELECT script_loads FROM pages WHERE site_id = 'json' AND role = 'homepage'")
    [(home,)] = query(crawled, "SELECT url FROM sites WHERE site_id = 'json'")
    assert json.loads(loads) == [home.rstrip("/") + "/api/yw.json"]
    severity, detail, evidence = homepage_finding(crawled, "json")
    assert severity == "warn" and "人工核实" in detail and "/api/yw.json" in detail
    assert evidence["latest"] == max(OLD) and "新闻动态" in {c["name"] for c in evidence["fresh_columns"]}
    assert "homepage_not_updated" not in vetoes(crawled, "json")


def test_counters_and_hidden_frames_leave_a_stale_homepage_stale(crawled):
    [(loads,)] = query(crawled, "SELECT script_loads FROM pages WHERE site_id = 'counter' AND role = 'homepage'")
    assert json.loads(loads) == []
    assert not query(crawled, "SELECT url FROM pages WHERE site_id = 'counter' AND role = 'homepage_panel'")
    severity, _, evidence = homepage_finding(crawled, "counter")
    assert severity == "veto" and evidence["latest"] == max(OLD)
    assert "homepage_not_updated" in vetoes(crawled, "counter")


@pytest.mark.parametrize("path", ["zwgk/", "gzdt/"])
def test_a_column_page_that_only_redirects_or_frames_is_read_where_it_leads(crawled, path):
    pages = query(crawled, "SELECT url, kind, item_count FROM pages WHERE site_id = 'iframe' AND role = 'column' "
                           "AND column_url LIKE ?", f"%/{path}")
    assert sorted((url.split("/", 3)[3], count) for url, _, count in pages) == [(path, 0), (f"{path}list.html", 6)]
    dates = {d for (d,) in query(crawled, "SELECT date FROM items WHERE site_id = 'iframe' AND column_url LIKE ?",
                                  f"%/{path}")}
    assert dates == set(NEW)


def test_panel_and_script_readers():
    page = Page("<html><body><iframe src='/a.html'></iframe><iframe src='/a.html#x'></iframe>"
                "<iframe style='display: none' src='/hidden.html'></iframe><iframe src='/v.mp4'></iframe>"
                "<iframe src='javascript:void(0)'></iframe><div id='b'></div>"
                "<script>$('#b').load(\"/b.html #list\"); fetch('/api/list?page=1');"
                "axios.get('/api/hot'); $.get('/stat/visit.do'); $.ajax({url: \"/news.json\"});</script>"
                "<p>{{ item.title }}</p></body></html>", "http://x.gov.cn/")
    assert panel_urls(page) == ["http://x.gov.cn/a.html", "http://x.gov.cn/b.html"]
    assert script_loads(page) == ["http://x.gov.cn/api/list?page=1", "http://x.gov.cn/api/hot",
                                  "http://x.gov.cn/news.json", "template"]
    # under a <base href>, relative frame, .load() and request URLs resolve against the base
    based = Page("<html><head><base href='http://x.gov.cn/portal/'></head><body><iframe src='inc/a.html'></iframe>"
                 "<div id='yw'></div><script>$('#yw').load('inc/yw.html'); $.getJSON('api/list.json', draw)</script>"
                 "</body></html>", "http://x.gov.cn/portal/news/index.jsp")
    assert panel_urls(based) == ["http://x.gov.cn/portal/inc/a.html", "http://x.gov.cn/portal/inc/yw.html"]
    assert script_loads(based) == ["http://x.gov.cn/portal/api/list.json"]
