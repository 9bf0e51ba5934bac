"""News lists that show today's items by their time alone (09:12), through a real crawl: those items
are today's, so a column whose older items are months old is still updated; a time alone below a dated
item is no date, and such a column stays stale."""

from __future__ import annotations

import json

import pytest

from tests.conftest import crawl_inspect, query
from tests.servers import Reply, Served, html_page, write_sites

ASOF = "2023-02-09"
COLUMNS = {"xwdt": "新闻动态", "gzdt": "工作动态", "bmdt": "部门动态", "xzdt": "乡镇动态", "tpxw": "图片新闻"}
OLD = ["2022-10-06", "2022-09-28", "2022-09-15"]


def routes(cells: list[str]) -> dict:
    nav = "".join(f"<a href='/{c}/'>{name}</a>" for c, name in COLUMNS.items())
    out = {"/": Reply(200, html_page("测试县人民政府", f"<div class='nav'>{nav}</div>"))}
    for c, name in COLUMNS.items():
        rows = "".join(f"<li><a href='/{c}/a{i}.html'>{name}第{i}条信息关于重点工作的报道</a><span>{cell}</span></li>"
                       for i, cell in enumerate(cells, start=1))
        out[f"/{c}/"] = Reply(200, html_page(name, f"<ul class='list'>{rows}</ul>"))
        for i in range(1, len(cells) + 1):
            out[f"/{c}/a{i}.html"] = Reply(200, html_page(f"{name}第{i}条", "<p>正文。</p>"))
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    d = tmp_path_factory.mktemp("clock")
    with Served("127.0.0.53", routes(["09:12", "08:30", *OLD])) as today, \
            Served("127.0.0.54", routes([*OLD, "14:30"])) as hours:
        registry = write_sites(d / "sites.csv", [("today", today.url), ("hours", hours.url)])
        db = d / "clock.db"
        result = crawl_inspect(registry, db, ASOF)
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_a_time_alone_at_the_head_of_the_list_is_today(crawled):
    rows = query(crawled, "SELECT date, date_raw, date_form FROM items WHERE site_id = 'today' "
                          "AND url LIKE '%/xwdt/a1.html' AND source = 'column'")
    assert rows == [("2023-02-09T09:12:00", "09:12", "clock-today")]
    assert "columns_not_updated" not in query(crawled, "SELECT vetoes FROM verdicts WHERE site_id = 'today'")[0][0]


def test_a_time_alone_below_dated_items_is_kept_but_dates_nothing(crawled):
    rows = query(crawled, "SELECT date, date_raw FROM items WHERE site_id = 'hours' "
                          "AND url LIKE '%/xwdt/a4.html' AND source = 'column'")
    assert rows == [(None, "14:30")]
    [(evidence,)] = query(crawled, "SELECT evidence FROM findings WHERE site_id = 'hours' "
                                   "AND rule_id = 'columns_not_updated' AND subject = 'clause1'")
    assert {c["latest"] for c in json.loads(evidence)["columns"]} == {"2022-10-06"}
