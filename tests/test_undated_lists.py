"""Lists that show no dates, through a real crawl: each column is dated by the article it links to
(the newest, not a pinned one), so a site whose lists carry no dates is judged on its articles' dates."""

from __future__ import annotations

import json

import pytest

from tests.conftest import crawl_inspect, query
from tests.servers import Reply, Served, html_page, write_sites

ASOF = "2023-02-09"
COLUMNS = {"xwdt": "新闻动态", "gzdt": "工作动态", "bmdt": "部门动态", "xzdt": "乡镇动态", "tpxw": "图片新闻"}


def routes(fresh: str, byline: str = "") -> dict:
    """``byline``: what the articles show above their text instead of 发布时间：``fresh``."""
    nav = "".join(f"<a href='/{c}/'>{name}</a>" for c, name in COLUMNS.items())
    out = {"/": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div><ul class='list'>"
                                     "<li><a href='/xwdt/a1.html'>县政府召开常务会议研究部署工作</a><span>2023-02-08</span></li>"
                                     "</ul>"))}
    for c, name in COLUMNS.items():
        rows = (f"<li><a href='/{c}/top.html'>[置顶] 关于开展作风建设年活动的通知</a></li>"
                + "".join(f"<li><a href='/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a></li>" for i in range(1, 6)))
        out[f"/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
        out[f"/{c}/top.html"] = Reply(200, html_page("关于开展作风建设年活动的通知",
                                                     "<p>发布时间：2021-03-01</p><p>正文。</p>"))
        for i in range(1, 6):
            out[f"/{c}/a{i}.html"] = Reply(200, html_page(f"{name}第{i}条", (byline or f"<p>发布时间：{fresh}</p>")
                                                          + "<p>正文。</p>"))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    d = tmp_path_factory.mktemp("undated")
    # the document's 发文日期 above the page's 发布日期: the page was published on the second
    issued = "<table><tr><td>发文日期：2022-10-06</td></tr><tr><td>发布日期：2023-02-06</td></tr></table>"
    with Served("127.0.0.87", routes("2023-02-06")) as fresh, Served("127.0.0.88", routes("2022-10-06")) as stale, \
            Served("127.0.0.39", routes("", issued)) as late:
        registry = write_sites(d / "sites.csv", [("fresh", fresh.url), ("stale", stale.url), ("issued", late.url)])
        db = d / "undated.db"
        result = crawl_inspect(registry, db, ASOF)
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_the_article_fetched_is_the_newest_item_not_the_pinned_one(crawled):
    articles = {url.split("/", 3)[3] for (url,) in query(crawled, "SELECT url FROM pages WHERE role = 'article' "
                                                                  "AND site_id = 'fresh'")}
    assert articles == {f"{c}/a1.html" for c in COLUMNS}


def test_undated_lists_are_judged_on_their_articles_dates(crawled):
    for site in ("fresh", "issued"):
        assert "columns_not_updated" not in query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = ?", site)[0][0]
    assert {d for (d,) in query(crawled, "SELECT date FROM pages WHERE site_id = 'issued' AND role = 'article' "
                                         "AND url NOT LIKE '%top.html'")} == {"2023-02-06"}
    [(detail, evidence)] = query(crawled, "SELECT detail, evidence FROM findings WHERE site_id = 'stale' "
                                          "AND rule_id = 'columns_not_updated' AND subject = 'clause1'")
    columns = json.loads(evidence)["columns"]
    assert len(columns) == 5 and {c["latest"] for c in columns} == {"2022-10-06"}
    assert {c["latest_from"] for c in columns} == {"article"} and "据文章页" in detail
    assert "columns_not_updated" in query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = 'stale'")[0][0]
