"""Meta refresh redirects (<meta http-equiv="refresh" content="0;url=…">): a homepage that forwards
this way is inspected on the page it leads to, whatever its encoding; the middleware's shortcut for
pages without the tag redirects exactly where Scrapy's own middleware does."""

from __future__ import annotations

import pytest
from scrapy import Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.middlewares import MetaRefresh
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

COLUMNS = {"xwdt": "新闻动态", "tzgg": "通知公告"}


def forwarding(encoding: str, tag: str) -> Reply:
    page = (f"<html><head><meta charset='{encoding}'>{tag}<title>测试县人民政府</title></head>"
            "<body><p>页面正在跳转，请稍候……</p></body></html>")
    # Python's utf-16 writes a byte order mark first, as Windows editors do
    return Reply(200, page.encode(encoding), content_type=f"text/html; charset={encoding}")


HOMEPAGES = {
    "utf8": forwarding("utf-8", "<meta http-equiv='Refresh' content='0; URL=/portal/index.html'>"),
    "gbk": forwarding("gbk", "<META HTTP-EQUIV=\"REFRESH\" CONTENT=\"0;URL=portal/index.html\">"),
    "utf16": forwarding("utf-16", "<meta http-equiv=\"refresh\" content=\"0;url=/portal/index.html\">"),
}


def routes(home: Reply) -> dict:
    nav = "".join(f"<a href='/portal/{c}/'>{name}</a>" for c, name in COLUMNS.items())
    out = {"/": home, "/portal/index.html": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div>"))}
    for c, name in COLUMNS.items():
        rows = "".join(f"<li><a href='/portal/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a>"
                       f"<span>2023-02-0{8 - i}</span></li>" for i in range(1, 4))
        out[f"/portal/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_served(tmp_path_factory.mktemp("refresh"),
                        {name: (f"127.0.0.{70 + n}", routes(home)) for n, (name, home) in enumerate(HOMEPAGES.items())})


@pytest.mark.parametrize("site", HOMEPAGES)
def test_a_homepage_forwarding_by_meta_refresh_is_inspected_where_it_leads(crawled, site):
    [(status, final_url)] = query(crawled, "SELECT status, final_url FROM sites WHERE site_id = ?", site)
    assert status == "inspected"
    assert final_url.endswith("/portal/index.html")
    columns = query(crawled, "SELECT column_url FROM columns WHERE site_id = ? AND level = 1", site)
    assert sorted(url.rsplit("/", 2)[-2] for (url,) in columns) == sorted(COLUMNS)


FILLER = "<p>" + "县政府办公室" * 800 + "</p>"  # 4,800 characters, 14,400 bytes in UTF-8


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
@pytest.mark.parametrize("page", [
    "<head><meta http-equiv='refresh' content='0;url=/next.html'></head><body>跳转</body>",
    "<head><meta http-equiv='Refresh' content='3; URL=http://127.0.0.1/other/'></head>",
    "<head><meta http-equiv='refresh' content='600;url=/later.html'></head>",  # past METAREFRESH_MAXDELAY
    "<head><meta http-equiv='refresh' content='30'></head><body>自动刷新</body>",  # no URL: a reload
    "<body><script>document.write(\"<meta http-equiv='refresh' content='0;url=/s.html'>\")</script></body>",
    f"<body>{FILLER}<meta http-equiv='refresh' content='0;url=/late.html'></body>",  # past 4,096 characters
    "<body><p>请刷新页面（refresh）后重试</p></body>",
    f"<body>{FILLER}</body>",
    "<body><p>政务公开</p></body>",
])
def test_the_shortcut_redirects_exactly_where_scrapy_does(page, encoding):
    crawler = get_crawler(Spider)
    crawler.spider = Spider("refresh")
    url = "http://127.0.0.1/index.html"
    request = Request(url)
    body = f"<html>{page}</html>".encode(encoding)
    response = HtmlResponse(url, body=body, encoding=encoding, request=request)

    ours = MetaRefresh.from_crawler(crawler).process_response(request, response)
    scrapys = MetaRefreshMiddleware.from_crawler(crawler).process_response(request, response)

    assert type(ours) is type(scrapys)
    if isinstance(scrapys, Request):
        assert ours.url == scrapys.url
    else:
        assert ours is response
