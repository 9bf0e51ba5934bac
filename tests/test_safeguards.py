"""When the crawl cannot read a site, the verdict says so instead of guessing 不合格."""

import json

from tests.conftest import crawl_inspect, query


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
