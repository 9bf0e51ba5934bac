"""Homepage blocks whose 更多 link is an image or a styled empty link, through a real crawl: the block's
heading names the column the link leads to, so the column is found and judged like a menu's."""

from __future__ import annotations

from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
NEW = ["2023-02-0" + str(i) for i in range(6, 0, -1)]
BLOCKS = (("tzgg", "通知公告", "<a class='more' href='/tzgg/'><img src='/images/more.gif'></a>"),
          ("zcwj", "政策文件", "<a class='more' href='/zcwj/'><img src='/images/more_03.png' alt=''></a>"),
          ("rsxx", "人事信息", "<a class='more' href='/rsxx/'></a>"),
          ("ghjh", "规划计划", "<span class='more'><a href='/ghjh/'></a></span>"))  # the box styled, not the link


def items(slug, dates=NEW):
    return "<ul class='list'>" + "".join(
        f"<li><a href='/{slug}/t{d.replace('-', '')}_{i}.html'>关于做好第{i}批{slug}工作的通知</a><span>{d}</span></li>"
        for i, d in enumerate(dates)) + "</ul>"


def test_columns_behind_image_and_styled_more_links_are_found(tmp_path):
    home = "".join(f"<div class='box'><div class='box-hd'><span class='t'>{name}</span>"
                   f"{more}</div>{items(slug, NEW[:2])}</div>" for slug, name, more in BLOCKS)
    routes = {"/": html_page("某县人民政府", home), **{f"/{slug}/": html_page(name, items(slug)) for slug, name, _ in BLOCKS}}
    db = crawl_served(tmp_path, {"blocks": ("127.0.0.52", {p: Reply(200, r) for p, r in routes.items()})}, ASOF)
    found = {name: (url.rsplit("/", 2)[-2], source) for name, url, source in
             query(db, "SELECT name, column_url, source FROM columns WHERE site_id = 'blocks'")}
    assert found == {name: (slug, "more") for slug, name, _ in BLOCKS}
    dated = query(db, "SELECT COUNT(*) FROM items WHERE site_id = 'blocks' AND source = 'column' AND date IS NOT NULL")
    assert dated == [(len(BLOCKS) * len(NEW),)]


def test_a_top_bar_showing_today_does_not_date_the_homepage(tmp_path):
    """The date a top bar prints for today (2023年2月9日 星期四, after its 无障碍 and English links) is no
    item's: a homepage whose news is two months old is not updated."""
    stale = ["2022-12-0" + str(i) for i in range(6, 0, -1)]
    top = ("<div class='top'><a href='/wza/'>无障碍浏览</a><a href='/en/'>English Version</a>"
           "<span>2023年2月9日 星期四</span></div>")
    routes = {"/": html_page("某县人民政府", top + "<div class='news'>" + items("xwdt", stale) + "</div>"),
              "/en/": html_page("English", "<p>Welcome.</p>"), "/wza/": html_page("无障碍", "<p>无障碍。</p>")}
    db = crawl_served(tmp_path, {"topbar": ("127.0.0.56", {p: Reply(200, r) for p, r in routes.items()})}, ASOF)
    assert query(db, "SELECT date FROM items WHERE site_id = 'topbar' AND url LIKE '%/en/'") in ([], [(None,)])
    [(evidence,)] = query(db, "SELECT evidence FROM findings WHERE site_id = 'topbar' AND rule_id = 'homepage_not_updated'")
    assert '"2022-12-06"' in evidence, evidence
