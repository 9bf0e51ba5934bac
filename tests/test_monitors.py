"""Run monitors: every run's log ends with a monitor summary; a failing monitor is visible, never fatal."""

import json

import pytest
from scrapy.utils.test import get_crawler

from crawler.demo.faults import Fault, FaultRegion
from crawler.monitors import RunMonitor
from tests.conftest import crawl_inspect, query

QUICK = ["-s", "DOWNLOAD_TIMEOUT=2", "-s", "PROGRESS_INTERVAL=0"]


def crawl(tmp_path, faults, first_address, *more):
    with FaultRegion(faults, first_address=first_address) as region:
        registry = region.write_registry(tmp_path / "sites.csv")
        result = crawl_inspect(registry, tmp_path / "run.db", "2023-02-09", *QUICK, *more)
    assert result.returncode == 0, result.stderr[-3000:]
    [(monitors,)] = query(tmp_path / "run.db", "SELECT monitors FROM runs")
    return result.stderr.splitlines(), {c["name"]: c for c in json.loads(monitors)}


def govinspect_lines(log):
    return [line for line in log if "[crawler." in line]


def test_a_good_run_passes_and_its_log_ends_with_the_summary(tmp_path):
    log, checks = crawl(tmp_path, [Fault("m_good", "robots", "inspected")], 60)
    assert all(c["passed"] for c in checks.values()), checks
    assert set(checks) == {"finish_reason", "item_validation", "error_rate", "sites_not_inspected",
                           "log_errors", "zero_items", "verdicts"}
    ours = govinspect_lines(log)
    summary = next(i for i, line in enumerate(ours) if "monitor summary:" in line)
    assert "7 checks, 7 passed, 0 failed" in ours[summary]
    assert len(ours) - summary == 1 + len(checks)  # the summary and one line per check close the run
    assert any("failure summary: 1 sites: 1 inspected" in line for line in ours[:summary])


def test_a_site_without_any_list_item_fails_a_monitor_but_not_the_run(tmp_path):
    faults = [Fault("m_good", "robots", "inspected"), Fault("m_blank", "no_lists", "inspected")]
    log, checks = crawl(tmp_path, faults, 70, "-s", "MONITOR_MAX_NOT_INSPECTED=1")
    assert not checks["zero_items"]["passed"]
    assert checks["zero_items"]["detail"] == "1 inspected site(s) without a single list item: m_blank"
    assert any("WARNING:   FAIL zero_items" in line for line in log)
    assert any("monitor summary: 7 checks, 6 passed, 1 failed" in line for line in log)
    assert query(tmp_path / "run.db", "SELECT count(*) FROM verdicts WHERE qualified IS NOT NULL")[0][0] == 2


@pytest.mark.parametrize("stats,failing", [
    ({"govinspect/items/invalid": 2}, {"item_validation"}),
    ({"log_count/ERROR": 3, "retry/max_reached": 3}, set()),  # exhausted retries are the sites' fault
    ({"log_count/ERROR": 4, "govinspect/log_errors": 1}, {"log_errors"}),
])
def test_checks_read_the_stats(stats, failing):
    monitor = RunMonitor(get_crawler(settings_dict={"MONITOR_MAX_ERRORS": 0, "MONITOR_MAX_INVALID_ITEMS": 0,
                                                    "MONITOR_MAX_ERROR_RATE": 0.25, "MONITOR_MAX_NOT_INSPECTED": 0.2,
                                                    "MONITOR_MAX_ZERO_ITEM_SITES": 0}))
    rows = {"sites": [{"site_id": "a", "status": "inspected", "reason": ""}],
            "pages": [{"site_id": "a", "outcome": "ok"}], "items": [{"site_id": "a"}], "verdicts": [{"site_id": "a"}]}
    checks = monitor.checks(rows, stats, "finished", ["a"], judged=True)
    assert {c.name for c in checks if not c.passed} == failing


def test_an_interrupted_run_says_so(tmp_path):
    monitor = RunMonitor(get_crawler())
    rows = {"sites": [], "pages": [], "items": [], "verdicts": []}
    checks = monitor.checks(rows, {}, "shutdown", ["a"], judged=True)
    assert [c.name for c in checks if not c.passed] == ["finish_reason"]
    assert "verdicts" not in {c.name for c in checks}  # no verdicts are expected from half a crawl
