"""Lists a page's scripts fetch, through a real crawl: a homepage box or a column list filled from
JSON, JSONP or an HTML fragment is read and judged like any list; an answer that cannot be read keeps
a stale-looking column out of the veto count, and a placeholder beside it out of the blank count."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from crawler.extract.scriptlists import read_answer
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
OLD = ["2022-10-0" + str(i) for i in range(1, 7)]
NEW = ["2023-02-0" + str(i) for i in range(1, 7)]
LONG_AGO = ["2022-05-0" + str(i) for i in range(1, 7)]  # older than a notice column's 6 months
NAV = ("<div class='nav'><a href='/xwdt/'>新闻动态</a><a href='/tzgg/'>通知公告</a>"
       "<a href='/zcwj/'>政策文件</a><a href='/gsgg/'>公示公告</a></div>")
CST = timezone(timedelta(hours=8))


def link(prefix: str, d: str, i: int) -> str:
    return f"/{prefix}/t{d.replace('-', '')}_{i}.html"


def items(prefix: str, dates: list[str]) -> str:
    return "<ul class='list'>" + "".join(
        f"<li><a href='{link(prefix, d, i)}'>关于做好{prefix}第{i}项工作的通知</a><span>{d}</span></li>"
        for i, d in enumerate(dates)) + "</ul>"


def epoch_ms(d: str) -> int:
    return int(datetime.fromisoformat(d + "T10:00").replace(tzinfo=CST).timestamp() * 1000)


def api_list(prefix: str, dates: list[str]) -> str:
    """A CMS's JSON answer: records in data.list, dates in Unix milliseconds, a later modification time."""
    return json.dumps({"code": 0, "data": {"total": len(dates), "list": [
        {"id": 1000 + i, "docTitle": f"{prefix}要闻第{i}条：全县重点项目建设推进会召开", "docUrl": link(prefix, d, i),
         "pubTime": epoch_ms(d), "modifyTime": "2023-02-09 08:00:00"} for i, d in enumerate(dates)]}},
        ensure_ascii=False)


def jsonp_rows(prefix: str, dates: list[str]) -> str:
    rows = [{"title": f"关于{prefix}第{i}批事项的公告", "link": link(prefix, d, i)[1:], "fbrq": f"{d[:4]}年{int(d[5:7])}月{int(d[8:])}日"}
            for i, d in enumerate(dates)]
    return "jsonpCallback(" + json.dumps({"rows": rows}, ensure_ascii=False) + ");"


STALE_HOME = f"{NAV}<ul id='yw'></ul>{items('zcwj', OLD)}"
SITES = {
    # a fresh news box from JSON beside a stale static box; a notice column drawn from JSONP whose static
    # page says 暂无数据
    "json": {"/": STALE_HOME + "<script>$.getJSON('/api/yw.json?size=6', function (d) { draw('#yw', d) });</script>",
             "/api/yw.json": Reply(200, api_list("xwdt", NEW), content_type="application/json"),
             "/tzgg/": html_page("通知公告", "<ul id='list'><li>暂无数据</li></ul>"
                                         "<script>$.ajax({url: '/api/tzgg.jsonp', dataType: 'jsonp'});</script>"),
             "/api/tzgg.jsonp": Reply(200, jsonp_rows("tzgg", NEW), content_type="application/javascript")},
    # the box a script fills was read, and it is stale too: the homepage is stale
    "stale": {"/": STALE_HOME + "<script>$.getJSON('/api/yw.json', function (d) { draw('#yw', d) });</script>",
              "/api/yw.json": Reply(200, api_list("xwdt", OLD), content_type="application/json")},
    # the script puts an HTML fragment into the box
    "fragment": {"/": STALE_HOME + "<script>$.get('/inc/yw.html', function (h) { $('#yw').html(h) });</script>",
                 "/inc/yw.html": items("xwdt", NEW)},
    # answers that cannot be read: the columns beside them are not judged stale, nor blank
    "broken": {"/": f"{NAV}{items('xwdt', NEW)}",
               "/tzgg/": html_page("通知公告", items("tzgg", LONG_AGO) + "<script>fetch('/api/tzgg.json')</script>"),
               "/gsgg/": html_page("公示公告", "<ul id='list'><li>暂无数据</li></ul>"
                                           "<script>axios.get('/api/gsgg.json')</script>")},
    # the answer was read and holds nothing: the box is empty, and the stale homepage is stale
    "empty": {"/": STALE_HOME + "<script>$.getJSON('/api/yw.json', function (d) { draw('#yw', d) });</script>",
              "/api/yw.json": Reply(200, '{"code": 0, "data": {"total": 0, "list": []}}',
                                    content_type="application/json")},
    # every column page's script fetches the same site-wide 最新信息 box: it dates none of them
    "sitewide": {"/": f"{NAV}{items('xwdt', NEW)}",
                 **{f"/{p}/": html_page(name, items(p, LONG_AGO) + "<script>$.getJSON('/api/latest.json', draw)</script>")
                    for p, name in (("tzgg", "通知公告"), ("zcwj", "政策文件"), ("gsgg", "公示公告"))},
                 "/api/latest.json": Reply(200, api_list("xwdt", NEW), content_type="application/json")},
    # a menu drawn from an endpoint that answers only the POST its script sends: no 办事服务 entry and
    # no 信箱 found, and they may be in it
    "scriptnav": {"/": f"<div id='menu'></div>{items('xwdt', NEW)}"
                       "<script>$.ajax({url: '/api/menu', type: 'post', success: drawMenu});</script>",
                  "/api/menu": Reply(405, "Method Not Allowed", content_type="text/plain")},
    # the homepage's menu is drawn from JSON: its links are the homepage's columns, entry and channel
    "jsonmenu": {"/": f"<div id='menu'></div>{items('zcwj', NEW)}<script>$.getJSON('/api/menu.json', drawMenu);</script>",
                 "/api/menu.json": Reply(200, json.dumps(
                     [{"name": "首页", "url": "/"}, {"name": "新闻动态", "url": "/xwdt/"}, {"name": "网上办事", "url": "/bs/"},
                      {"name": "县长信箱", "url": "/mail/"}], ensure_ascii=False), content_type="application/json"),
                 "/bs/": html_page("网上办事", "<p>办事指南</p>"),
                 "/mail/": html_page("县长信箱", "<ul class='mails'><li><a href='/mail/1.html'>问一</a> "
                                             "来信时间：2023-01-10 答复时间：2023-01-12</li></ul>")},
}
ADDRESSES = ["127.0.0.96", "127.0.0.97", "127.0.0.98", "127.0.0.99", "127.0.0.90", "127.0.0.72", "127.0.0.58",
             "127.0.0.59"]


def routes(overrides: dict) -> dict:
    out = {"/xwdt/": html_page("新闻动态", items("xwdt", NEW)),
           "/tzgg/": html_page("通知公告", items("tzgg", NEW)),
           "/zcwj/": html_page("政策文件", items("zcwj", LONG_AGO)),
           "/gsgg/": html_page("公示公告", items("gsgg", NEW))}
    for prefix in ("xwdt", "tzgg", "zcwj", "gsgg"):
        for dates in (OLD, NEW, LONG_AGO):
            out.update({link(prefix, d, i): html_page("文章", f"<p>发布时间：{d}</p><p>正文。</p>")
                        for i, d in enumerate(dates)})
    out.update(overrides)
    out["/"] = html_page("测试县人民政府", out["/"])
    return {path: reply if isinstance(reply, Reply) else Reply(200, reply) for path, reply in out.items()}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_served(tmp_path_factory.mktemp("scriptlists"),
                        {name: (address, routes(site)) for (name, site), address in zip(SITES.items(), ADDRESSES)}, ASOF)


def finding(db, site_id, rule, subject=None):
    rows = query(db, "SELECT severity, detail, evidence, subject FROM findings WHERE site_id = ? AND rule_id = ?",
                 site_id, rule)
    rows = [r for r in rows if subject is None or r[3] == subject]
    return (rows[0][0], rows[0][1], json.loads(rows[0][2])) if rows else None


def vetoes(db, site_id) -> str:
    return query(db, "SELECT vetoes FROM verdicts WHERE site_id = ?", site_id)[0][0]


def test_the_run_records_how_many_script_requests_a_page_may_have_read(crawled):
    [(settings,)] = query(crawled, "SELECT settings FROM runs")
    assert json.loads(settings)["INSPECT_SCRIPT_LISTS"] == 4


def test_a_json_box_is_read_as_the_homepages_items(crawled):
    [(url, kind, count)] = query(crawled, "SELECT url, kind, item_count FROM pages WHERE site_id = 'json' "
                                          "AND role = 'script_list' AND url LIKE '%/api/yw.json%'")
    assert (kind, count) == ("list", len(NEW))
    rows = query(crawled, "SELECT url, date, page_url FROM items WHERE site_id = 'json' AND source = 'homepage' "
                          "AND page_url = ?", url)
    assert {d for _, d, _ in rows} == {d + "T10:00:00" for d in NEW}
    assert all(u.startswith("http://127.0.0.96:") and "/xwdt/t2023" in u for u, _, _ in rows)
    assert finding(crawled, "json", "homepage_not_updated") is None
    assert "homepage_not_updated" not in vetoes(crawled, "json")


def test_a_column_drawn_from_jsonp_is_read_and_is_not_blank(crawled):
    dates = {d[:10] for (d,) in query(crawled, "SELECT date FROM items WHERE site_id = 'json' "
                                               "AND column_url LIKE '%/tzgg/'")}
    assert dates == set(NEW)
    blank = finding(crawled, "json", "columns_not_updated", "clause3")
    assert blank is None or "通知公告" not in {c["name"] for c in blank[2]["columns"]}


def test_a_box_read_and_stale_leaves_the_homepage_stale(crawled):
    severity, _, evidence = finding(crawled, "stale", "homepage_not_updated")
    assert severity == "veto" and evidence["latest"] == max(OLD) and "not_read" not in evidence
    assert "homepage_not_updated" in vetoes(crawled, "stale")


def test_an_answer_read_whole_and_empty_leaves_the_homepage_stale(crawled):
    assert query(crawled, "SELECT kind, item_count FROM pages WHERE site_id = 'empty' AND role = 'script_list'") \
        == [("no_list", 0)]
    severity, _, evidence = finding(crawled, "empty", "homepage_not_updated")
    assert severity == "veto" and "not_read" not in evidence


def test_a_box_every_column_page_fetches_dates_no_column(crawled):
    [(kind, column)] = query(crawled, "SELECT kind, column_url FROM pages WHERE site_id = 'sitewide' "
                                      "AND role = 'script_list'")
    assert kind == "list" and column.endswith(("/tzgg/", "/zcwj/", "/gsgg/"))
    severity, _, evidence = finding(crawled, "sitewide", "columns_not_updated", "clause1")
    assert {c["name"]: c["latest"] for c in evidence["columns"]} == dict.fromkeys(("通知公告", "政策文件", "公示公告"),
                                                                                max(LONG_AGO))


@pytest.mark.parametrize("rule", ["service_unusable", "interaction_poor"])
def test_nothing_found_beside_a_menu_not_read_is_no_veto(crawled, rule):
    severity, detail, evidence = finding(crawled, "scriptnav", rule, "clause1")
    assert severity == "warn" and "人工核实" in detail and evidence["not_read"][0].endswith("/api/menu")
    assert rule not in vetoes(crawled, "scriptnav")
    # the same homepage whose script's answer was read (and held nothing) is judged
    severity, _, evidence = finding(crawled, "empty", rule, "clause1")
    assert severity == "veto" and "not_read" not in evidence


def test_a_menu_drawn_from_json_is_read_as_the_homepages_links(crawled):
    assert query(crawled, "SELECT kind FROM pages WHERE site_id = 'jsonmenu' AND role = 'script_list'") == [("records",)]
    assert "新闻动态" in {n for (n,) in query(crawled, "SELECT name FROM columns WHERE site_id = 'jsonmenu'")}
    [(name, found_on)] = query(crawled, "SELECT name, found_on FROM service_entries WHERE site_id = 'jsonmenu'")
    assert name == "网上办事" and found_on.endswith("/api/menu.json")
    assert query(crawled, "SELECT name, status FROM channels WHERE site_id = 'jsonmenu'") == [("县长信箱", "ok")]
    assert not query(crawled, "SELECT rule_id FROM findings WHERE site_id = 'jsonmenu' AND subject = 'clause1' "
                              "AND rule_id IN ('service_unusable', 'interaction_poor')")


def test_an_html_fragment_a_script_puts_in_is_read(crawled):
    [(kind, count)] = query(crawled, "SELECT kind, item_count FROM pages WHERE site_id = 'fragment' "
                                     "AND role = 'script_list'")
    assert (kind, count) == ("list", len(NEW))
    assert finding(crawled, "fragment", "homepage_not_updated") is None


def test_an_unreadable_answer_keeps_its_column_out_of_the_counts(crawled):
    outcomes = {u.rsplit("/", 1)[1]: (o, s) for u, o, s in query(
        crawled, "SELECT url, outcome, status FROM pages WHERE site_id = 'broken' AND role = 'script_list'")}
    assert outcomes == {"tzgg.json": ("http_4xx", 404), "gsgg.json": ("http_4xx", 404)}
    severity, detail, evidence = finding(crawled, "broken", "columns_not_updated", "script_loaded")
    assert severity == "warn" and "通知公告" in detail and "人工核实" in detail
    [col] = evidence["columns"]
    assert col["latest"] == max(LONG_AGO) and col["not_read"][0].endswith("/api/tzgg.json")
    # the stale 政策文件 column without a script is counted; the 通知公告 beside an unread answer is not
    counted = {c["name"] for c in finding(crawled, "broken", "columns_not_updated", "clause1")[2]["columns"]}
    assert counted == {"政策文件"}
    # 暂无数据 beside a list a script fetched and we could not read: not a blank column, an unread one
    assert finding(crawled, "broken", "columns_not_updated", "clause3") is None
    unread = finding(crawled, "broken", "columns_not_updated", "unread")
    assert unread and {c["name"] for c in unread[2]["columns"]} == {"公示公告"}


@pytest.mark.parametrize("answer, expected", [
    # Guangdong 信息公开-style: records under "articles", Unix seconds
    ('{"articles": [{"id": 1675994400, "title": "甲", "url": "http://x.gov.cn/gkmlpt/content/1.html", '
     '"date": 1675821600, "publisher": "县政府"}], "total": 1}',
     [("甲", "http://x.gov.cn/gkmlpt/content/1.html", "2023-02-08T10:00:00", False)]),
    # a modification date is not a publication date; a record without a link keeps the answer's URL
    ('[{"title": "乙", "createTime": "2023-02-01", "updateTime": "2023-02-09", "endTime": "2023-03-01"}]',
     [("乙", "http://x.gov.cn/api/l.json#1", "2023-02-01", False)]),
    # pinyin keys: the link by its shape, the date by its form; a pinned record is sticky
    ('cb([{"bt": "丙<font color=red>新</font>", "lj": "./202302/t1.html", "riqi": "2023年2月8日", "istop": "1"}])',
     [("丙新", "http://x.gov.cn/202302/t1.html", "2023-02-08", True)]),
    # a number that names a record is no date; a date in a title is not the record's date
    ('[{"title": "关于2023年2月8日会议的通知", "id": 1675821600, "url": "/a.html"}]',
     [("关于2023年2月8日会议的通知", "http://x.gov.cn/a.html", None, False)]),
    ('{"code": 0, "msg": "ok"}', []),
])
def test_reading_a_scripts_answer(answer, expected):
    kind, clusters = read_answer(answer, "http://x.gov.cn/api/l.json", "http://x.gov.cn/", date(2023, 2, 9))
    assert kind == "json"
    got = [(e.title, e.url, e.date.isoformat() if e.date else None, e.sticky) for c in clusters for e in c.entries]
    assert got == expected


def test_a_hanweb_datastore_answer_is_read_like_the_page_it_pages():
    answer = ("<?xml version='1.0' encoding='UTF-8'?><datastore><totalrecord>2</totalrecord>"
              "<recordset><record><![CDATA[<li><a href='/art/2023/2/8/art_1_1.html'>关于第一项工作的通知</a>"
              "<span>2023-02-08</span></li>]]></record><record><![CDATA[<li><a href='/art/2023/2/7/art_1_2.html'>"
              "关于第二项工作的通知</a><span>2023-02-07</span></li>]]></record></recordset></datastore>")
    kind, clusters = read_answer(answer, "http://x.gov.cn/module/web/jpage/dataproxy.jsp",
                                 "http://x.gov.cn/col/col1/index.html", date(2023, 2, 9))
    assert kind == "html"
    assert [(e.url, e.date.isoformat()) for c in clusters if c.is_list for e in c.entries] == [
        ("http://x.gov.cn/art/2023/2/8/art_1_1.html", "2023-02-08"),
        ("http://x.gov.cn/art/2023/2/7/art_1_2.html", "2023-02-07")]


def test_an_answer_that_is_neither_json_nor_html_is_unreadable():
    assert read_answer("var x = 1;", "http://x.gov.cn/a.js", "http://x.gov.cn/", date(2023, 2, 9)) == ("", [])
