"""Archive columns (往期动态, 历史文件, 工作动态（2020年以前）), through a real crawl: they keep what is no
longer updated, so their old items never count as a column not updated; the same columns under a
feed's name do."""

from __future__ import annotations

import pytest

from tests.conftest import crawl_served, query
from tests.servers import Reply, html_page

ASOF = "2023-02-09"
ARCHIVES = {"wqdt": "往期动态", "lsdt": "工作动态（2020年以前）", "lswj": "历史文件", "ycdt": "以往要闻", "dtcd": "动态存档"}
FEEDS = {"zwdt": "政务动态", "bmdt": "部门动态", "xzdt": "乡镇动态", "yw": "要闻", "gzdt": "工作动态"}


def routes(columns: dict) -> dict:
    nav = "".join(f"<a href='/{c}/'>{name}</a>" for c, name in {"xwdt": "新闻动态", **columns}.items())
    out = {"/": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div><ul class='yw'><li>"
                                     "<a href='/xwdt/a1.html'>县政府召开常务会议研究部署重点工作</a><span>2023-02-08</span></li></ul>"))}
    for c, name in {"xwdt": "新闻动态", **columns}.items():
        day = "2023-02-08" if c == "xwdt" else "2019-12-20"
        rows = "".join(f"<li><a href='/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a><span>{day}</span></li>"
                       for i in range(1, 4))
        out[f"/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
        for i in range(1, 4):
            out[f"/{c}/a{i}.html"] = Reply(200, html_page(f"{name}第{i}条", f"<p>发布时间：{day}</p><p>正文。</p>"))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_served(tmp_path_factory.mktemp("archive"), {"archives": ("127.0.0.48", routes(ARCHIVES)),
                                                             "feeds": ("127.0.0.49", routes(FEEDS))}, ASOF)


def test_archive_columns_are_kept_and_never_stale(crawled):
    categories = dict(query(crawled, "SELECT name, category FROM columns WHERE site_id = 'archives'"))
    assert {categories[name] for name in ARCHIVES.values()} == {"archive"}
    assert query(crawled, "SELECT count(*) FROM findings WHERE site_id = 'archives' AND rule_id = 'columns_not_updated'"
                          " AND subject LIKE 'clause%'") == [(0,)]


def test_the_same_columns_as_feeds_are_stale(crawled):
    [(vetoes,)] = query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = 'feeds'")
    assert "columns_not_updated" in vetoes
