"""List items a script opens (``href="javascript:showDetail('1001')"``, ``onclick="window.open('…')"``),
through a real crawl: their titles and dates are the column's, an item that opens a page of its own
has that page fetched as the column's article, and one that only calls a script fetches nothing."""

from __future__ import annotations

from datetime import date

from crawler.extract import extract_page
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
NEW = ["2023-02-0" + str(i) for i in range(6, 0, -1)]
NAV = "<div class='nav'><a href='/tzgg/'>通知公告</a><a href='/gzdt/'>工作动态</a></div>"


def by_id(dates):
    return "<ul class='list'>" + "".join(
        f"<li><a href=\"javascript:showDetail('{1000 + i}')\">关于做好第{i}批事项办理工作的通知</a><span>{d}</span></li>"
        for i, d in enumerate(dates)) + "</ul><script>function showDetail(id) { location.href = '/tzgg/detail?id=' + id; }</script>"


def by_window_open(dates):
    return "<ul class='list'>" + "".join(
        f"<li><a href='javascript:void(0)' onclick=\"window.open('/gzdt/t{d.replace('-', '')}_{i}.html')\">"
        f"县政府召开第{i}次常务会议研究部署工作</a><span>{d}</span></li>" for i, d in enumerate(dates)) + "</ul>"


def article(title, d):
    return html_page(title, f"<h1>{title}</h1><div class='info'>发布时间：{d} 10:00</div><p>{'会议研究部署有关工作。' * 20}</p>")


def test_items_a_script_opens_are_read():
    ex = extract_page(html_page("通知公告", NAV + by_id(NEW)), "http://www.example.gov.cn/tzgg/", date(2023, 2, 9))
    assert [(e.url, e.date.isoformat()) for e in ex.items][:2] == [
        ("http://www.example.gov.cn/tzgg/#1000", "2023-02-06"), ("http://www.example.gov.cn/tzgg/#1001", "2023-02-05")]
    ex = extract_page(html_page("工作动态", NAV + by_window_open(NEW)), "http://www.example.gov.cn/gzdt/", date(2023, 2, 9))
    assert ex.items[0].url == "http://www.example.gov.cn/gzdt/t20230206_0.html"
    assert len({e.url for e in ex.items}) == len(NEW)


def test_a_column_whose_items_a_script_opens_is_judged_on_them(tmp_path):
    routes = {"/": html_page("某县人民政府", NAV + by_window_open(NEW)),
              "/tzgg/": html_page("通知公告", NAV + by_id(NEW)),
              "/gzdt/": html_page("工作动态", NAV + by_window_open(NEW)),
              **{f"/gzdt/t{d.replace('-', '')}_{i}.html": article(f"县政府召开第{i}次常务会议研究部署工作", d)
                 for i, d in enumerate(NEW)}}
    db = crawl_served(tmp_path, {"jslinks": ("127.0.0.50", {p: Reply(200, r) for p, r in routes.items()})}, ASOF)
    stored = query(db, "SELECT c.name, i.url, i.date FROM items i JOIN columns c ON c.column_url = i.column_url "
                       "WHERE i.site_id = 'jslinks' AND i.source = 'column' ORDER BY c.name, i.date DESC")
    tzgg = [(u.rsplit("/", 1)[-1], d) for name, u, d in stored if name == "通知公告"]
    assert tzgg == [(f"#{1000 + i}", d) for i, d in enumerate(NEW)]
    assert sorted(d for name, _, d in stored if name == "工作动态") == sorted(NEW)
    articles = [u for u, in query(db, "SELECT url FROM pages WHERE site_id = 'jslinks' AND role = 'article'")]
    assert articles and all("/gzdt/t2023" in u for u in articles)  # nothing fetched for a showDetail item
    vetoes = query(db, "SELECT rule_id, subject FROM findings WHERE site_id = 'jslinks' AND severity = 'veto'")
    assert not [v for v in vetoes if v[0] in ("columns_not_updated", "blank_columns", "homepage_not_updated")], vetoes
