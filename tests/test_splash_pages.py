"""Splash homepages (引导页: a banner and an 进入首页 link), through a real crawl: the site is judged on
the page the splash leads to, its columns found there, not on the splash."""

from __future__ import annotations

import pytest

from crawler.blocking import js_redirect, splash_target
from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
COLUMNS = {"xwdt": "新闻动态", "gzdt": "工作动态", "tzgg": "通知公告"}
SPLASHES = {
    "image": "<div class='enter'><a href='/index.html'><img src='/images/enter_btn.png' alt='进入网站'></a></div>",
    # a footer with the marks every government page carries, all linking elsewhere
    "text": "<div class='yd'><img src='/images/banner.jpg'><p><a href='index.html'>进入首页</a></p>"
            "<p>版权所有：测试县人民政府 网站标识码：5401000001 <a href='https://beian.miit.gov.cn/'>藏ICP备12000001号</a> "
            "<a href='http://www.beian.gov.cn/portal/registerSystemInfo'>藏公网安备54010002000001号</a> "
            "<a href='https://bszs.conac.cn/sitename?method=show&id=1'><img src='/images/red.png'></a> "
            "<a href='https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5401000001'>政府网站找错</a></p></div>",
    "map": "<img src='/images/splash.jpg' usemap='#m'><map name='m'><area shape='rect' coords='0,0,90,30' "
           "href='/index.html' alt='点击进入'></map>",
    "onclick": "<img src='/images/splash.jpg'><img src='/images/enter.png' onclick=\"window.location.href='/index.html'\">",
}


def splash(body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>测试县人民政府欢迎您</title></head>"
            f"<body>{body}</body></html>")


def routes(home: str) -> dict:
    nav = "".join(f"<a href='/{c}/'>{name}</a>" for c, name in COLUMNS.items())
    news = "".join(f"<li><a href='/xwdt/a{i}.html'>县政府召开第{i}次常务会议研究部署重点工作</a><span>2023-02-0{8 - i}</span></li>"
                   for i in range(1, 4))
    out = {"/": Reply(200, splash(home)),
           "/index.html": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div><ul class='yw'>{news}</ul>"))}
    for c, name in COLUMNS.items():
        rows = "".join(f"<li><a href='/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a><span>2023-02-0{8 - i}</span></li>"
                       for i in range(1, 4))
        out[f"/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
        for i in range(1, 4):
            out[f"/{c}/a{i}.html"] = Reply(200, html_page(f"{name}第{i}条", f"<p>发布时间：2023-02-0{8 - i}</p><p>正文。</p>"))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_served(tmp_path_factory.mktemp("splash"),
                        {name: (f"127.0.0.{44 + n}", routes(home)) for n, (name, home) in enumerate(SPLASHES.items())},
                        ASOF)


@pytest.mark.parametrize("site", SPLASHES)
def test_a_splash_page_leads_to_the_homepage_the_site_is_judged_on(crawled, site):
    [(final_url,)] = query(crawled, "SELECT final_url FROM sites WHERE site_id = ?", site)
    assert final_url.endswith("/index.html")
    columns = query(crawled, "SELECT column_url FROM columns WHERE site_id = ? AND level = 1", site)
    assert sorted(url.rsplit("/", 2)[-2] for (url,) in columns) == sorted(COLUMNS)
    assert query(crawled, "SELECT count(*) FROM items WHERE site_id = ? AND source = 'homepage'", site) == [(3,)]
    assert query(crawled, "SELECT count(*) FROM findings WHERE site_id = ? AND rule_id = 'homepage_not_updated'",
                 site) == [(0,)]


@pytest.mark.parametrize("body, target", [
    ("<a href='/portal/'>ENTER</a>", "http://127.0.0.1/portal/"),
    ("<img src='/images/jinru.gif' onclick=\"window.location.href='/index.shtml'\">", "http://127.0.0.1/index.shtml"),
    ("<input type='button' value='进入网站' onclick=\"location.href='main.html'\">", "http://127.0.0.1/main.html"),
    ("<img src='/images/logo.png' onclick=\"location.href='/index.html'\">", None),
    ("<a href='/index.htm' title='进入主站'><img src='/b.jpg'></a><a href='/index.htm'>点击进入</a>",
     "http://127.0.0.1/index.htm"),
    # an image named center is no way in, nor a script link, nor the page itself
    ("<a href='/a.html'><img src='/images/center.jpg'></a>", None),
    ("<a href='javascript:enter()'>进入网站</a>", None),
    ("<a href='/'>进入首页</a>", None),
    # the Chinese version, not one in another language
    ("<a href='/zh/'>进入中文版</a><a href='/en/'>Enter English</a>", "http://127.0.0.1/zh/"),
    ("<a href='/cn/index.html'><img src='/enter.png'></a><a href='/en/index.html'><img src='/enter.png'></a>",
     "http://127.0.0.1/cn/index.html"),
    ("<a href='/zw/'>进入藏文版 བོད་ཡིག</a><a href='/index.html'>进入汉文版</a>", "http://127.0.0.1/index.html"),
    # two Chinese ways in: which is the site cannot be told
    ("<map name='m'><area href='/index.html' alt='点击进入'></map><p>版权所有</p><a href='/zfxxgk/'>进入信息公开</a>", None),
    ("<a href='/zfxxgk/'>进入信息公开</a><a href='/portal/'>进入门户网站</a>", None),
    # a page with content of its own is no splash, whatever it links
    ("<a href='/index.html'>进入首页</a>" + "<p>" + "县政府召开常务会议研究部署重点工作。" * 20 + "</p>", None),
])
def test_splash_target(body, target):
    assert splash_target(splash(body), "http://127.0.0.1/") == target


def test_a_stub_whose_body_redirects_on_load_leads_there():
    html = "<html><body onload=\"window.location.href='/portal/index.html'\"><p>正在进入……</p></body></html>"
    assert js_redirect(html, "http://127.0.0.1/") == "http://127.0.0.1/portal/index.html"
