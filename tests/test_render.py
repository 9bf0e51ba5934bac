"""Rendering through a real browser (scrapy-playwright + the system's Chromium) for render=yes sites."""

import json
import os
from pathlib import Path

import pytest

from crawler.demo.faults import Fault, FaultRegion
from crawler.settings import RENDER_BROWSER
from tests.conftest import crawl_inspect, query

pytestmark = pytest.mark.skipif(not Path(RENDER_BROWSER).exists() and not os.environ.get("GOVINSPECT_REQUIRE_BROWSER"),
                                reason=f"no browser at {RENDER_BROWSER} (apt-get install chromium)")


def test_a_javascript_application_is_judged_only_when_rendered(tmp_path):
    faults = [Fault("r_app", "js_app", "inspected", render=True), Fault("r_plain", "js_app", "blocked", "js_wall")]
    with FaultRegion(faults, first_address=110) as region:
        registry = region.write_registry(tmp_path / "sites.csv")
        result = crawl_inspect(registry, tmp_path / "run.db", "2023-02-09", "-s", "PROGRESS_INTERVAL=0",
                               "-s", "DOWNLOAD_TIMEOUT=20")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "rendering 1 site(s) in" in result.stderr
    assert "Deprecat" not in result.stderr  # scrapy-playwright 0.0.48 fits Scrapy 2.19's component API
    db = tmp_path / "run.db"
    assert query(db, "SELECT site_id, status FROM sites ORDER BY site_id") == [("r_app", "inspected"), ("r_plain", "blocked")]
    # the rendered site is read as its clean twin: columns from the script-built navigation, dated items
    assert query(db, "SELECT qualified IS NOT NULL FROM verdicts WHERE site_id = 'r_app'") == [(1,)]
    [(columns,)] = query(db, "SELECT count(*) FROM columns WHERE site_id = 'r_app'")
    [(items,)] = query(db, "SELECT count(*) FROM items WHERE site_id = 'r_app' AND source = 'homepage'")
    assert columns >= 7 and items >= 5
    assert query(db, "SELECT count(*) FROM columns WHERE site_id = 'r_plain'") == [(0,)]
    # the pages' third-party scripts (the 找错 widget on gov.cn hosts) were never requested
    stats = json.loads(query(db, "SELECT stats FROM runs")[0][0])
    assert stats["playwright/request_count/aborted"] >= stats["playwright/request_count/resource_type/script"] > 0
