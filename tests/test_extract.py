"""Page extraction over the hand-written fixture corpus (tests/pages), through `scrapy extract`
as staff run it, plus the traps one by one and property tests on hostile HTML."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.commands.extract import decode
from crawler.extract import Page, extract_page, listing
from crawler.extract.evaluation import score
from tests.conftest import run_scrapy

PAGES = Path(__file__).resolve().parent / "pages"
MANIFEST = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
BY_NAME = {Path(p["file"]).stem: p for p in MANIFEST}


def extract(name: str):
    page = BY_NAME[name]
    html = decode((PAGES / page["file"]).read_bytes())
    return extract_page(html, page["url"], date.fromisoformat(page["asof"]))


def test_the_corpus_covers_the_families_and_sizes_the_issue_asks_for():
    kinds = [p["kind"] for p in MANIFEST]
    assert kinds.count("detail") >= 40
    assert len(kinds) - kinds.count("detail") >= 20
    families = {p["family"] for p in MANIFEST}
    assert {"trs", "hanweb", "ucap", "govcn", "table", "xxgk", "js-array"} <= families


@pytest.fixture(scope="module")
def scrapy_extract_output():
    """One `scrapy extract --jsonl -` run over the whole corpus, as in the contract."""
    lines = "".join(json.dumps({"file": str(PAGES / p["file"]), "url": p["url"], "asof": p["asof"]}) + "\n"
                    for p in MANIFEST)
    result = run_scrapy("extract", "--jsonl", "-", input=lines, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(MANIFEST)
    return {str(Path(o["file"]).relative_to(PAGES)): o for o in out}


def test_scrapy_extract_gets_every_page_of_the_corpus_right(scrapy_extract_output):
    s = score(MANIFEST, scrapy_extract_output)
    assert s.misses == []
    assert s.detail_accuracy == 1.0 and s.precision == 1.0 and s.recall == 1.0
    assert s.pagination_right == s.paginated and s.false_next == 0


def test_scrapy_extract_one_page_with_url():
    page = BY_NAME["trs-migrated-pubdate"]
    result = run_scrapy("extract", str(PAGES / page["file"]), "--url", page["url"], "--asof", page["asof"], timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert (out["kind"], out["date"][:10]) == ("detail", "2017-05-15")
    assert out["date_evidence"]["meta"].startswith("2022-04-24")  # the migrated PubDate is kept as evidence


def test_scrapy_extract_reports_bad_lines_and_goes_on():
    lines = f'not json\n{{"file": "/nonexistent/page.html", "url": "http://a.gov.cn/"}}\n' \
            f'{json.dumps({"file": str(PAGES / "detail/trs-bracketed.html"), "url": "http://a.gov.cn/x.html"})}\n'
    result = run_scrapy("extract", "--asof", "2024-06-30", "--jsonl", "-", input=lines, timeout=60)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "stdin line 1" in out[0]["error"]
    assert "/nonexistent/page.html" in out[1]["error"]
    assert out[2]["date"] == "2023-02-09"


# --- the traps, one by one (the corpus test covers them too; these say what each one means) ---

def test_label_beats_migrated_pubdate_and_all_candidates_are_evidence():
    r = extract("ucap-publishtime")
    assert r.date.day == date(2017, 5, 15)
    assert r.date_evidence["source"] == "label"
    assert r.date_evidence["meta"].startswith("2022-04-24")
    assert r.date_evidence["disagree"] == ["meta"]


def test_written_and_published_dates_are_both_kept():
    r = extract("xxgk-written-vs-published")
    assert r.date.day == date(2020, 8, 2)
    assert r.date_evidence["written"] == "2020-07-28"
    assert r.date_evidence["label"] == "2020-08-02"


def test_page_build_time_is_never_a_date():
    r = extract("govcn-page-build")
    assert r.date.day == date(2018, 12, 29)
    assert "2023-10-23" not in json.dumps(r.date_evidence)


def test_comment_and_sidebar_dates_lose_to_the_date_by_the_title():
    assert extract("trs-comment-beats-article").date.day == date(2019, 5, 17)
    assert extract("trs-sidebar-first").date.day == date(2022, 11, 3)
    assert extract("trs-svg-script-digits").date.day == date(2021, 4, 9)


def test_wechat_relative_text_yields_to_var_ct():
    r = extract("wechat-relative-ct")
    assert r.date.day == date(2023, 2, 10)


@pytest.mark.parametrize("byline, url, day, source", [
    # an update date under the title yields to the URL's day; a byline's date before another label stays
    ("2024-06-20 更新　来源：县政府办", "/xwdt/202406/t20240610_1.html", date(2024, 6, 10), "url"),
    ("2024-06-11 10:05　更新时间：2024-06-20", "/xwdt/show_1.html", date(2024, 6, 11), "nearby"),
    ("已于 2024-06-20 修改　于 2024-06-11 10:05 首次发布", "/xwdt/show_1.html", date(2024, 6, 11), "label"),
    ("编辑于 2024-06-20", "/xwdt/show_1.html", date(2024, 6, 20), "updated"),
    # a sentence's day dates the page only when nothing else does
    ("2024年6月11日上午，县委副书记、县长张三主持召开全县防汛抗旱工作部署会，安排部署当前工作。",
     "/xwdt/202406/t20240612_1.html", date(2024, 6, 12), "url"),
])
def test_dates_under_the_title_that_are_no_publication(byline, url, day, source):
    html = (f"<html><body><h1>某某县召开防汛抗旱工作部署会</h1><p>{byline}</p>"
            + "<p>会议强调，要压紧压实防汛责任，加强监测预警，确保人民群众生命财产安全。</p>" * 4 + "</body></html>")
    r = extract_page(html, "http://www.example.gov.cn" + url, date(2024, 6, 30))
    assert (r.date.day, r.date_evidence["source"]) == (day, source)


@pytest.mark.parametrize("byline, day, source", [
    ("By Jane Doe | March 4, 2019", date(2019, 3, 4), "nearby"),
    ("Updated: 6 March 2019 · First published: 4 March 2019", date(2019, 3, 4), "label"),
    ("Posted on Mar. 4th, 2019 by admin", date(2019, 3, 4), "label"),
    ("Last updated on March 6, 2019", date(2019, 3, 6), "updated"),
])
def test_an_english_page_s_byline(byline, day, source):
    """An English version of a portal: the month by name, English labels; its related box is no list."""
    related = "".join(f'<li><a href="/news/2018/0{i}/1{i}/story.html">Related story number {i}</a></li>'
                      for i in range(1, 7))
    html = (f"<html><body><h1>Council approves the new budget for schools</h1><p>{byline}</p>"
            + "<p>The council met on Tuesday to discuss the budget for the coming year, which funds roads.</p>" * 6
            + f"<aside><ul>{related}</ul></aside></body></html>")
    r = extract_page(html, "http://english.example.gov.cn/news/council-budget.html", date(2024, 6, 30))
    assert (r.kind, r.date.day, r.date_evidence["source"]) == ("detail", day, source)


@pytest.mark.parametrize("byline, day, source", [
    ("更新時間：2024-06-20　發佈時間：2024-06-11", date(2024, 6, 11), "label"),
    ("最後更新：2024-06-20　發表時間：2024年6月11日", date(2024, 6, 11), "label"),
    ("最後更新時間：2024-06-20", date(2024, 6, 20), "updated"),
    ("於 2024-06-11 10:05 首次發佈", date(2024, 6, 11), "label"),
])
def test_a_page_in_traditional_characters_labels_its_dates_so(byline, day, source):
    html = (f"<html><body><h1>某某縣召開防汛抗旱工作部署會</h1><p>{byline}</p>"
            + "<p>會議強調，要壓緊壓實防汛責任，加強監測預警，確保人民群眾生命財產安全。</p>" * 4 + "</body></html>")
    r = extract_page(html, "http://www.example.gov.cn/xwdt/show_1.html", date(2024, 6, 30))
    assert (r.date.day, r.date_evidence["source"]) == (day, source)
    assert byline.split("　")[-1][:4] in json.dumps(r.date_evidence, ensure_ascii=False)  # the page's own words


def test_a_table_in_traditional_characters_heads_its_publication_column_so():
    rows = "".join(f"<tr><td>{_item(i)}</td><td>2024-05-1{i}</td><td>{_DAYS[i]}</td></tr>" for i in range(5))
    html = f"<html><body><table><tr><th>標題</th><th>成文日期</th><th>發布日期</th></tr>{rows}</table></body></html>"
    r = extract_page(html, "http://www.example.gov.cn/xwdt/index.html", date(2024, 6, 30))
    assert [e.date.isoformat() for e in r.items] == _DAYS[:5]


@pytest.mark.parametrize("title, top, under", [
    # a <title> of the site's name alone is no place for the article's title, even shown once
    ("某某县人民政府门户网站", "欢迎访问某某县人民政府门户网站　今天是2024年6月30日 星期日", ""),
    # a title found in the text from <title>, the top bar's today under it
    ("县长张三调研重点项目建设工作_某某县人民政府", "", "今天是2024年6月30日 星期日"),
])
def test_a_top_bar_s_today_never_dates_an_article(title, top, under):
    html = (f"<html><head><title>{title}</title></head><body><div class='top'>{top}</div>"
            f"<div class='tt'>县长张三调研重点项目建设工作</div><div class='bar'>{under}</div>"
            + "<p>会议强调，要压紧压实工作责任，加快推进项目建设，确保项目早开工、早投产、早见效。</p>" * 4 + "</body></html>")
    r = extract_page(html, "http://www.example.gov.cn/xwdt/202406/t20240611_1.html", date(2024, 6, 30))
    assert (r.date.day, r.date_evidence["source"]) == (date(2024, 6, 11), "url")


_TITLES = [f"县政府召开第{i}次常务会议研究部署重点工作" for i in range(10)]
_DAYS = [f"2024-06-{28 - i:02d}" for i in range(10)]


def _item(i: int) -> str:
    return f"<a href='/xwdt/{i}.html'>{_TITLES[i]}</a>"


@pytest.mark.parametrize("layout", [
    # a list split into two ul of one box
    "<div class='list'>" + "".join("<ul>" + "".join(f"<li>{_item(i)}<span>{_DAYS[i]}</span></li>" for i in half)
                                   + "</ul>" for half in (range(5), range(5, 10))) + "</div>",
    # two items to a table row, each date after its title, or first
    "<table class='list'>" + "".join(f"<tr><td>{_item(i)}</td><td>{_DAYS[i]}</td><td>{_item(i + 1)}</td>"
                                     f"<td>{_DAYS[i + 1]}</td></tr>" for i in range(0, 10, 2)) + "</table>",
    "<table class='list'>" + "".join(f"<tr><td>{_DAYS[i]}</td><td>{_item(i)}</td><td>{_DAYS[i + 1]}</td>"
                                     f"<td>{_item(i + 1)}</td></tr>" for i in range(0, 10, 2)) + "</table>",
    # a 序号 before each item, its date after it
    "<table class='list'>" + "".join(f"<tr><td>{i + 1}</td><td>{_item(i)}</td><td>{_DAYS[i]}</td><td>{i + 2}</td>"
                                     f"<td>{_item(i + 1)}</td><td>{_DAYS[i + 1]}</td></tr>" for i in range(0, 10, 2))
    + "</table>",
])
def test_a_list_drawn_in_boxes_side_by_side_is_one_list(layout):
    hot = "".join(f"<li><a href='/rd/{i}.html'>点击排行榜上的第{i}条热门新闻</a></li>" for i in range(5))
    html = f"<html><body><div class='main'>{layout}</div><div class='side'><ul>{hot}</ul></div></body></html>"
    r = extract_page(html, "http://www.example.gov.cn/xwdt/index.html", date(2024, 6, 30))
    assert r.kind == "list"
    assert [(e.title, e.date.isoformat()) for e in r.items] == list(zip(_TITLES, _DAYS))


@pytest.mark.parametrize("anchor, title", [
    ("<a href='/xwdt/1.html'>县政府召开常务会议研究部署重点工作<font color='red'>NEW</font></a>", "县政府召开常务会议研究部署重点工作"),
    ("<a href='/xwdt/1.html'>县政府召开常务会议研究部署重点工作 <span class='new'>new</span></a>", "县政府召开常务会议研究部署重点工作"),
    ("<a href='/xwdt/1.html'><span class='num'>1</span>县政府召开常务会议研究部署重点工作</a>", "县政府召开常务会议研究部署重点工作"),
    # a number of the title is the title's
    ("<a href='/xwdt/1.html'><b>12</b>项惠民措施全部落地见效</a>", "12项惠民措施全部落地见效"),
    ("<a href='/xwdt/1.html'>全县新增就业岗位<b>新</b>高</a>", "全县新增就业岗位新高"),
])
def test_a_mark_in_the_link_is_no_part_of_the_title(anchor, title):
    rows = "".join(f"<li>{anchor.replace('/1.html', f'/{i}.html')}<span>{day}</span></li>"
                   for i, day in enumerate(_DAYS[:4]))
    r = extract_page(f"<html><body><ul>{rows}</ul></body></html>", "http://www.example.gov.cn/xwdt/index.html",
                     date(2024, 6, 30))
    assert [e.title for e in r.items] == [title] * 4


def test_list_dates_by_number_are_read_when_the_order_cannot_be_mistaken():
    """28/06/2024 is day first, 06/28/2024 month first; 05/06/2024 could be either and dates nothing."""
    shown = ["28/06/2024", "06/27/2024", "26.6.2024", "05/06/2024"]
    rows = "".join(f"<li>{_item(i)}<span>{d}</span></li>" for i, d in enumerate(shown))
    r = extract_page(f"<html><body><ul>{rows}</ul></body></html>", "http://www.example.gov.cn/xwdt/index.html",
                     date(2024, 6, 30))
    assert [e.date.isoformat() if e.date else None for e in r.items] == ["2024-06-28", "2024-06-27", "2024-06-26", None]


def test_boxes_side_by_side_whose_dates_do_not_run_on_stay_apart():
    """Two tabs of one box (要闻, 通知): the second's newer items are no continuation of the first."""
    tabs = "".join("<ul>" + "".join(f"<li>{_item(i)}<span>{_DAYS[j]}</span></li>" for i, j in zip(items, days))
                   + "</ul>" for items, days in ((range(5), range(5, 10)), (range(5, 10), range(5))))
    html = f"<html><body><div class='main'><div class='tabs'>{tabs}</div></div></body></html>"
    clusters = listing.find_clusters(Page(html, "http://www.example.gov.cn/").body, "http://www.example.gov.cn/",
                                     date(2024, 6, 30))
    assert [len(c.entries) for c in clusters] == [5, 5]


def test_list_items_keep_full_titles_attachments_and_sticky_rows():
    r = extract("trs-sticky")
    sticky = [e for e in r.items if e.sticky]
    assert [e.date.isoformat() for e in sticky] == ["2021-03-01", "2020-01-10"]
    assert not any("置顶" in e.title for e in r.items)
    r = extract("trs-ul-span")
    assert any(e.url.endswith(".pdf") for e in r.items)
    assert all("…" not in e.title for e in r.items)


def test_year_less_items_across_new_year_roll_back():
    r = extract("table-mmdd-new-year")
    assert [e.date.isoformat() for e in r.items] == [
        "2024-01-08", "2024-01-03", "2023-12-28", "2023-12-15", "2023-11-30", "2023-06-15", "2022-12-31"]
    assert r.items[-1].date_form == "md-rollback"


def test_an_open_date_opening_a_title_is_the_news_not_the_item_date():
    rows = "".join(f'<li><a href="/n/{i}.html">6月{20 + i}日，县委召开第{i}次常委会会议研究部署工作</a></li>'
                   for i in range(5))
    html = f'<html><body><ul class="list">{rows}</ul><p>{"正文" * 50}</p></body></html>'
    r = extract_page(html, "http://www.example.gov.cn/gzdt/", date(2024, 6, 30))
    assert len(r.items) == 5 and all(e.date is None for e in r.items)
    r = extract("date-opens-anchor")
    assert [e.date_text for e in r.items][:2] == ["[06-28]", "[06-25]"]


@pytest.mark.parametrize("bar", [
    "<span>今天是：2023年3月1日 星期三</span> <a href='/sc/'>收藏我们的网站</a>",
    "<span>2023年3月1日</span> <a href='/'>设为首页</a> | <a href='javascript:'>加入收藏</a>",
])
def test_a_top_bar_s_date_never_dates_its_links(bar):
    # served on the check date, the bar would make a stale homepage look updated that day
    rows = "".join(f"<li><a href='/n/{i}.html'>县政府召开第{i}次常务会议研究工作</a><span>2022-10-0{i}</span></li>"
                   for i in range(1, 6))
    page = Page(f"<html><body><div class='top'>{bar}</div><ul class='list'>{rows}</ul></body></html>",
                "http://www.example.gov.cn/")
    dated = [e for c in listing.find_clusters(page.body, page.url, date(2023, 3, 1)) if c.is_list for e in c.entries]
    assert sorted(str(e.date) for e in dated) == [f"2022-10-0{i}" for i in range(1, 6)]


@pytest.mark.parametrize("body, shown", [
    ("<div class='list'><p class='empty'>暂无信息</p></div>", "暂无信息"),
    ("<ul id='list'></ul><p hidden>暂无信息</p>", ""),
    ("<ul id='list'></ul><div style='display: none'><span>暂无数据</span></div>", ""),
    ("<ul id='list'></ul><div style='visibility:hidden'>暂无数据</div>", ""),
    ("<div id='app'><li v-for='x in rows'>{{ x.title }}</li><p v-if='!rows.length'>暂无数据</p></div>", ""),
    ("<div ng-app><li ng-repeat='x in rows'>x</li><p>暂无数据</p></div>", ""),
    ("<div id='list'></div><script type='text/html'>{{# if(!d.length){ }}暂无数据{{# } }}</script>"
     "<p>暂无数据</p>", ""),
])
def test_a_blank_column_s_placeholder_is_one_a_reader_sees(body, shown):
    html = f"<html><head><title>通知公告</title></head><body><div class='main'>{body}</div></body></html>"
    assert extract_page(html, "http://www.example.gov.cn/tzgg/", date(2024, 6, 30)).placeholder == shown


def test_hanweb_dataproxy_next_page_and_its_answer():
    r = extract("hanweb-datastore")
    assert "startrecord=16" in r.next_pages[0] and "columnid=1229015646" in r.next_pages[0]
    answer = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>48</totalrecord><totalpage>4</totalpage>'
              '<recordset><record><![CDATA[<li><a href="/art/2024/4/2/art_1_1.html" title="第二页的第一条信息标题">第二页的第一条…</a>'
              '<i>2024-04-02</i></li>]]></record></recordset></datastore>')
    page2 = extract_page(answer, r.next_pages[0], date(2024, 6, 30))
    assert [(e.title, e.date.isoformat()) for e in page2.items] == [("第二页的第一条信息标题", "2024-04-02")]
    assert page2.next_pages == []  # one record, not a full group of 15: the last group


def test_hanweb_dataproxy_answer_leads_to_the_next_group():
    records = "".join(f'<record><![CDATA[<li><a href="/art/2024/4/{i}/art_1_{i}.html">第二组的第{i}条信息标题内容</a>'
                      f'<i>2024-04-{i:02d}</i></li>]]></record>' for i in range(1, 16))
    answer = f'<?xml version="1.0"?><datastore><totalrecord>48</totalrecord><recordset>{records}</recordset></datastore>'
    url = "http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15&columnid=1"
    r = extract_page(answer, url, date(2024, 6, 30))
    assert len(r.items) == 15
    assert r.next_pages == ["http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=45&perpage=15&columnid=1"]
    last = url.replace("startrecord=16&endrecord=30", "startrecord=46&endrecord=60")
    assert extract_page(answer.replace("<totalrecord>48", "<totalrecord>60"), last, date(2024, 6, 30)).next_pages == []


@pytest.mark.parametrize("pager, following", [
    ("<a href='/news/page/2/'>Next »</a>", "http://www.example.gov.cn/news/page/2/"),
    ("<a href='index_1.html'>下一页 ＞</a>", "http://www.example.gov.cn/xwdt/index_1.html"),
    ("<a href='index_1.html'>下一页</a>", "http://www.example.gov.cn/xwdt/index_1.html"),
    ("<a href='index_1.html'>下一頁</a>", "http://www.example.gov.cn/xwdt/index_1.html"),
    ("共3頁 第1頁", "http://www.example.gov.cn/xwdt/index_1.html"),  # Traditional characters
])
def test_next_pages_in_the_forms_pagers_print_them(pager, following):
    rows = "".join(f"<li>{_item(i)}<span>{_DAYS[i]}</span></li>" for i in range(5))
    r = extract_page(f"<html><body><ul>{rows}</ul><div class='pager'>{pager}</div></body></html>",
                     "http://www.example.gov.cn/xwdt/index.html", date(2024, 6, 30))
    assert r.next_pages[:1] == [following]


def test_blank_column_placeholder():
    r = extract("blank-column")
    assert (r.kind, r.items, r.placeholder) == ("other", [], "暂无信息")


@pytest.mark.parametrize("shown, style, found", [
    ("暫無信息", "", "暫無信息"),  # Traditional characters, kept in the page's own words
    ("暂无数据", "", "暂无数据"),
    ("暫無信息", " style='display:none'", ""),  # an empty-state box a script would show
])
def test_a_blank_column_s_placeholder_as_a_reader_sees_it(shown, style, found):
    html = f"<html><body><h2>通知公告</h2><div class='list'{style}>{shown}</div></body></html>"
    r = extract_page(html, "http://www.example.gov.cn/tzgg/", date(2024, 6, 30))
    assert (r.items, r.placeholder) == ([], found)


def test_page_api_the_spider_uses():
    page = BY_NAME["hanweb-datastore"]
    p = Page(decode((PAGES / page["file"]).read_bytes()), page["url"])
    clusters = p.datastore_clusters(date(2024, 6, 30))
    assert clusters and clusters[0].is_list and len(clusters[0].entries) == 15
    assert p.root is not None and "createPage" not in p.text and "datastore" in p.scripts
    found = listing.find_clusters(p.body, page["url"], date(2024, 6, 30))
    assert all(isinstance(c, listing.Cluster) for c in found)


# --- property tests: no input makes the extractor raise -------------------------------------

TAGS = st.sampled_from(["div", "ul", "li", "a", "span", "table", "tr", "td", "p", "h1", "script", "style", "svg",
                        "record", "i", "b", "publishtime", "dl", "dd", "em"])
TEXT = st.text(alphabet=st.sampled_from(list("发布时间日期：:2023-02-09年月日 置顶…下一页共页<>&\"'[]()01459昨天前")), max_size=20)


@st.composite
def html_soup(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", ' href="/a/2023/2/9/x.html"', ' title="发布时间：2023-02-09"', ' class="list"',
                                      ' href="javascript:void(0)"', ' href="index_1.html"', ' type="text/xml"']))
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup(), st.sampled_from(["http://a.gov.cn/col/col1/index.html", "http://a.gov.cn/x/index_3.html",
                                     "file:///tmp/x.html", ""]))
def test_extract_never_raises_on_tag_soup(html, url):
    r = extract_page(html, url, date(2023, 2, 9))
    assert r.kind in ("list", "detail", "other")
    json.dumps(r.as_json())


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_extract_never_raises_on_arbitrary_input(data):
    r = extract_page(data, "http://a.gov.cn/", date(2023, 2, 9))
    assert r.kind in ("list", "detail", "other")


@pytest.mark.parametrize("name, category", [
    ("新闻动态", "news"), ("图片新闻", "news"), ("新闻发布", "news"),
    ("新闻发布会", "cadence"),  # held now and then: not a 动态要闻 feed with a 2-week window
    ("新闻发言人", "static"),  # who speaks for the government: a page, not a feed
    ("政策解读", "cadence"), ("通知公告", "notice"),
    # an archive keeps what is no longer updated, whatever it archives
    ("往期回顾", "archive"), ("工作动态（2020年以前）", "archive"), ("历史文件", "archive"), ("动态存档", "archive"),
    ("已废止规范性文件", "archive"), ("历史沿革", "static"), ("规范性文件清理", "notice"),
])
def test_column_categories_of_names_that_share_a_keyword(name, category):
    from crawler.extract.columns import classifier

    assert classifier()(name) == category


def test_columns_named_by_their_images_and_headlines_that_are_no_columns():
    from crawler.extract.columns import classifier, discover

    nav = "".join(f"<a href='/{s}/'><img src='/img/{s}.png' alt='{n}'></a>" for s, n in
                  [("xwdt", "新闻动态"), ("tzgg", "通知公告")])
    news = ("<ul class='list'><li><a href='/tzgg/202302/t20230209_5384134.html'>关于春节放假的通知</a></li>"
            "<li><a href='/zwgk/zcwj/'>政策文件</a></li></ul>")
    page = Page(f"<html><body><div class='nav'>{nav}</div>{news}</body></html>", "http://www.example.gov.cn/")
    found = {c.name: (c.url.split(".cn")[1], c.source) for c in
             discover(page.body, page.url, lambda u: ".example.gov.cn" in u, classifier())}
    assert found == {"新闻动态": ("/xwdt/", "nav"), "通知公告": ("/tzgg/", "nav"), "政策文件": ("/zwgk/zcwj/", "keyword")}


def test_users_extend_the_column_table_and_bad_rows_name_the_file_and_row(tmp_path):
    from crawler.extract.columns import classifier

    extra = tmp_path / "columns.csv"
    extra.write_text("category,keyword\nnews,乡村振兴进行时\n", encoding="utf-8")
    assert classifier(str(extra))("乡村振兴进行时") == "news"
    assert classifier()("乡村振兴进行时") != "news"
    bad = tmp_path / "bad.csv"
    bad.write_text("category,keyword\nnews,要闻\nnotice,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv, row 3: empty keyword"):
        classifier(str(bad))


def test_one_link_beside_an_hour_does_not_date_a_homepage_today():
    """A box of one link and a time (在线访谈 14:30) is no news list: it dates nothing, where a list of
    today's times does."""
    live = "<div class='live'><ul><li><a href='/ft/'>在线访谈：县长谈优化营商环境</a><span>14:30</span></li></ul></div>"
    news = "<ul class='news'>" + "".join(f"<li><a href='/xw/{i}.html'>县政府召开第{i}次常务会议研究部署工作</a><span>{t}</span></li>"
                                         for i, t in enumerate(["09:12", "08:30"])) + "</ul>"
    entries = listing.list_entries(Page(f"<html><body>{live}{news}</body></html>", "http://x.gov.cn/").clusters(date(2023, 2, 9)))
    assert {e.url: e.date for e in entries if e.date} == {"http://x.gov.cn/xw/0.html": datetime(2023, 2, 9, 9, 12),
                                                         "http://x.gov.cn/xw/1.html": datetime(2023, 2, 9, 8, 30)}
