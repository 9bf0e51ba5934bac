"""When the crawl cannot read a site, the verdict says so instead of guessing 不合格."""

import json

from tests.conftest import crawl_inspect, query
from tests.servers import Reply, Served, html_page, write_sites


def test_site_wide_box_is_not_taken_for_every_column(demo_registry, tmp_path):
    # Without its site-specific spider, 日喀则's lists (link-less rows) are invisible to the generic
    # extractor, which only sees the same old 热点信息 box beside every list.
    registry = tmp_path / "generic.csv"
    registry.write_text(demo_registry.read_text(encoding="utf-8-sig").replace(",demo_rikaze,", ",,"), encoding="utf-8")
    db = tmp_path / "generic.db"
    result = crawl_inspect(registry, db, "2023-02-09", "-a", "site=rikaze")
    assert result.returncode == 0, result.stderr[-2000:]
    (qualified, vetoes), = query(db, "SELECT qualified, vetoes FROM verdicts WHERE site_id='rikaze'")
    assert (qualified, vetoes) == (1, "[]")
    warnings = dict(query(db, "SELECT rule_id || '/' || subject, evidence FROM findings "
                              "WHERE site_id='rikaze' AND severity='warn'"))
    unread = json.loads(warnings["columns_not_updated/unread"])["columns"]
    assert {c["name"] for c in unread if c["shared_list"]} >= {"政务要闻", "部门动态", "通知公告", "政策文件"}
    assert "homepage_not_updated/homepage" in warnings


def test_a_homepage_list_written_by_a_script_is_read(tmp_path):
    news = "".join(f"urls[{i}]='/xwdt/202302/t2023020{i + 1}_{i}.html';headers[{i}]=\"县政府召开第{i + 1}次常务会议\";"
                   f"year[{i}]='2023';month[{i}]='2';day[{i}]='{i + 1}';" for i in range(5))
    home = html_page("某县人民政府", "<div class='nav'><a href='/'>首页</a><a href='/xwdt/'>工作动态</a></div>"
                                      f"<div class='news'><script>var urls=[],headers=[],year=[],month=[],day=[];{news}"
                                      "for(var i=0;i<urls.length;i++){document.write('<li>'+headers[i]+'</li>');}</script></div>")
    with Served("127.0.0.78", {"/": Reply(200, home)}) as site:
        registry = write_sites(tmp_path / "sites.csv", [("jsnews", site.url)])
        db = tmp_path / "js.db"
        result = crawl_inspect(registry, db, "2023-02-09")
    assert result.returncode == 0, result.stderr[-2000:]
    stored = query(db, "SELECT url, date FROM items WHERE site_id='jsnews' AND source='homepage' ORDER BY date")
    assert [d for _, d in stored] == [f"2023-02-0{i}" for i in range(1, 6)]
    assert stored[0][0] == f"{site.url}xwdt/202302/t20230201_0.html"
    assert not query(db, "SELECT detail FROM findings WHERE site_id='jsnews' AND rule_id='homepage_not_updated'")
