"""A site written under a ``<base href>`` (a Java web app's ``<base href="…/portal/">``), through a real
crawl: its columns, items and articles resolve against the base as a browser resolves them, so its
links are not reported broken and its articles are read."""

from __future__ import annotations

from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
DATES = ["2023-02-0" + str(i) for i in range(6, 0, -1)]
BASE = "<base href='/portal/'>"


def listing():
    return "<ul class='list'>" + "".join(
        f"<li><a href='news/detail.jsp?id={i}'>县政府召开第{i}次常务会议研究部署工作</a><span>{d}</span></li>"
        for i, d in enumerate(DATES)) + "</ul>"


def test_links_resolve_against_the_base(tmp_path):
    nav = "<div class='nav'><a href='news/list.jsp'>工作动态</a></div>"
    routes = {"/": html_page("某县人民政府", nav + listing(), head=BASE),
              "/portal/news/list.jsp": html_page("工作动态", nav + listing(), head=BASE),
              **{f"/portal/news/detail.jsp?id={i}": html_page(f"县政府召开第{i}次常务会议研究部署工作",
                                                             f"<div class='info'>发布时间：{d} 10:00</div>"
                                                             f"<p>{'会议研究部署有关工作。' * 20}</p>", head=BASE)
                 for i, d in enumerate(DATES)}}
    db = crawl_served(tmp_path, {"jsp": ("127.0.0.51", {p: Reply(200, r) for p, r in routes.items()})}, ASOF)
    columns = [u for u, in query(db, "SELECT column_url FROM columns WHERE site_id = 'jsp'")]
    assert any(u.endswith("/portal/news/list.jsp") for u in columns), columns
    articles = query(db, "SELECT url, status FROM pages WHERE site_id = 'jsp' AND role = 'article'")
    assert articles and all("/portal/news/detail.jsp?id=" in u and s == 200 for u, s in articles), articles
    broken = query(db, "SELECT url FROM links WHERE site_id = 'jsp' AND outcome = 'broken'")
    assert broken == []


def test_a_list_a_script_fetches_resolves_against_the_base_too(tmp_path):
    """A script's JSON answer, or the HTML it puts in the page, links as the page does: `news/detail.jsp`
    under `/portal/`, not under the column's own folder."""
    records = ",".join(f'{{"title": "县政府召开第{i}次常务会议研究部署工作", "url": "news/detail.jsp?id={i}", '
                       f'"pubDate": "{d}"}}' for i, d in enumerate(DATES))
    nav = "<div class='nav'><a href='news/list.jsp'>工作动态</a><a href='notice/list.jsp'>通知公告</a></div>"
    routes = {"/": Reply(200, html_page("某县人民政府", nav + listing(), head=BASE)),
              "/portal/news/list.jsp": Reply(200, html_page("工作动态", nav + "<ul id='list'></ul><script>"
                                                            "$.getJSON('api/news.json', draw);</script>", head=BASE)),
              "/portal/api/news.json": Reply(200, f'{{"data": [{records}]}}', content_type="application/json"),
              "/portal/notice/list.jsp": Reply(200, html_page("通知公告", nav + "<div id='box'></div><script>"
                                                              "$.get('inc/notice.html', show);</script>", head=BASE)),
              "/portal/inc/notice.html": Reply(200, listing()),
              **{f"/portal/news/detail.jsp?id={i}": Reply(200, html_page(
                  f"县政府召开第{i}次常务会议研究部署工作", f"<div class='info'>发布时间：{d} 10:00</div>"
                  f"<p>{'会议研究部署有关工作。' * 20}</p>", head=BASE)) for i, d in enumerate(DATES)}}
    db = crawl_served(tmp_path, {"jsp": ("127.0.0.55", routes)}, ASOF)
    items = query(db, "SELECT column_url, url FROM items WHERE site_id = 'jsp' AND source = 'column'")
    by_column = {c.rsplit("/", 2)[-2]: {u.split("/", 3)[3] for cc, u in items if cc == c} for c, _ in items}
    expected = {f"portal/news/detail.jsp?id={i}" for i in range(len(DATES))}
    assert by_column == {"news": expected, "notice": expected}, by_column


def test_hanweb_datastore_records_resolve_against_the_base():
    from datetime import date

    from crawler.extract import extract_page

    records = "".join(f"<record><![CDATA[<li><a href='art/{d[:4]}/{i}.html'>县政府召开第{i}次常务会议研究部署工作</a>"
                      f"<span>{d}</span></li>]]></record>" for i, d in enumerate(DATES))
    html = html_page("工作动态", f"<div id='list'><script type='text/xml'><datastore>{records}</datastore></script></div>",
                     head="<base href='http://x.gov.cn/site/'>")
    out = extract_page(html, "http://x.gov.cn/site/col/col12/index.html", date.fromisoformat(ASOF))
    assert [e.url for e in out.items] == [f"http://x.gov.cn/site/art/2023/{i}.html" for i in range(len(DATES))]
