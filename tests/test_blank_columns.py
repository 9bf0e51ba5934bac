"""Blank columns (空白栏目) through a real crawl: a 暂无信息 the reader sees counts, a script's
empty-state template or a hidden box does not."""

from __future__ import annotations

import json

import pytest

from tests.conftest import crawl_inspect, query
from tests.servers import Reply, Served, html_page, write_sites

ASOF = "2023-02-09"
NEWS = "<ul class='list'>" + "".join(
    f"<li><a href='/xwdt/t2023020{i}_{i}.html'>测试县召开第{i}次工作推进会议</a>"
    f"<span>2023-02-0{i}</span></li>" for i in range(1, 7)) + "</ul>"
# lists drawn in the browser: the HTML holds the template and its empty state, not the items
VUE = ("<div id='app'><ul class='list'><li v-for='item in list'><a :href='item.url'>{{ item.title }}</a>"
       "<span>{{ item.date }}</span></li></ul><div v-if='list.length === 0' class='empty'>暂无数据</div></div>"
       "<script src='/js/vue.min.js'></script><script>new Vue({el: '#app', data: {list: []}})</script>")
HIDDEN = ("<ul class='list' id='list'></ul><div class='nodata' style='display:none'>暂无数据</div>"
          "<script>$.getJSON('/api/list', function (d) { render(d) })</script>")
COLUMNS = {"/tzgg/": ("通知公告", VUE), "/zcwj/": ("政策文件", VUE), "/rsxx/": ("人事信息", VUE),
           "/ghjh/": ("规划计划", HIDDEN), "/tjxx/": ("统计信息", HIDDEN),
           "/zdxm/": ("重大项目", "<div class='list'><p class='empty'>暂无信息</p></div>")}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    d = tmp_path_factory.mktemp("blank")
    nav = "".join(f"<a href='{path}'>{name}</a>" for path, (name, _) in COLUMNS.items())
    home = html_page("测试县人民政府", f"<div class='nav'><a href='/xwdt/'>新闻动态</a>{nav}</div>{NEWS}")
    routes = {"/": Reply(200, home), "/xwdt/": Reply(200, html_page("新闻动态", NEWS))}
    routes.update({path: Reply(200, html_page(name, body)) for path, (name, body) in COLUMNS.items()})
    article = "<p>发布时间：2023-02-01</p><p>正文。</p>"
    routes.update({f"/xwdt/t2023020{i}_{i}.html": Reply(200, html_page(f"会议{i}", article)) for i in range(1, 7)})
    with Served("127.0.0.91", routes) as site:
        registry = write_sites(d / "sites.csv", [("tpl", site.url, "portal", "tpl.example.gov.cn")])
        db = d / "blank.db"
        result = crawl_inspect(registry, db, ASOF)
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_only_the_placeholder_a_reader_sees_makes_a_column_blank(crawled):
    placeholders = dict(query(crawled, "SELECT column_url, placeholder FROM pages WHERE role = 'column'"))
    shown = {url.split("/", 3)[3]: text for url, text in placeholders.items()}
    assert shown["zdxm/"] == "暂无信息"
    assert all(shown[path.strip("/") + "/"] == "" for path, (_, body) in COLUMNS.items() if body in (VUE, HIDDEN))


def test_script_drawn_columns_are_not_counted_blank(crawled):
    [(evidence, severity)] = query(crawled, "SELECT evidence, severity FROM findings "
                                            "WHERE rule_id = 'columns_not_updated' AND subject = 'clause3'")
    assert severity == "info" and json.loads(evidence)["count"] == 1
    vetoes = query(crawled, "SELECT vetoes FROM verdicts")[0][0]
    assert "columns_not_updated" not in vetoes
