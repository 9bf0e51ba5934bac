"""Link facts leave the spider in batches (LINKS_FACT_BATCH), not one Scrapy item per check, and none is
lost: not those held when a crawl stops, nor those a resumed crawl's queued checks answer for."""

from __future__ import annotations

import json

from tests.conftest import crawl_inspect, crawl_stopped_and_resumed, one_site, query

LINKS = ("SELECT site_id, url, kind, page_url, on_homepage, external, outcome, http_code, method, detail, text "
         "FROM links ORDER BY site_id, url")
OUTCOMES = ("ok", "broken", "unverifiable")


def stats(db) -> dict:
    return json.loads(query(db, "SELECT stats FROM runs WHERE spider = 'inspect'")[0][0])


def test_link_facts_in_batches_are_those_of_one_item_per_check(demo_registry, demo_db, tmp_path):
    db = tmp_path / "one-by-one.db"
    result = crawl_inspect(demo_registry, db, "2023-02-09", "-s", "LINKS_FACT_BATCH=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(db, LINKS) == query(demo_db, LINKS)
    assert len(query(db, LINKS)) > 100
    batched, single = stats(demo_db), stats(db)
    assert batched["downloader/response_count"] == single["downloader/response_count"]
    checks = sum(single.get(f"govinspect/links/{o}", 0) for o in OUTCOMES)
    # one item a response with facts, one-by-one; in batches, the checks' facts ride with the pages' items
    assert batched["item_scraped_count"] < single["item_scraped_count"] - checks / 2


def test_link_facts_held_when_the_crawl_stops_are_stored(demo_registry, tmp_path):
    """One site: its pages are fetched before its link checks, so a crawl stopped among the checks
    holds facts that no page took along."""
    db = tmp_path / "stopped.db"
    result = crawl_inspect(one_site(demo_registry, "ali", tmp_path), db, "2023-02-09", "-s", "LINKS_FACT_BATCH=100000",
                           "-s", "LINKS_FACT_SECONDS=3600", "-s", "CLOSESPIDER_PAGECOUNT=40")
    assert "'finish_reason': 'closespider_pagecount'" in result.stderr, result.stderr[-3000:]
    run = stats(db)
    checked = sum(run.get(f"govinspect/links/{o}", 0) for o in OUTCOMES)
    assert run.get("govinspect/facts/held_at_close", 0) > 0, run
    assert query(db, "SELECT count(*) FROM links WHERE kind != 'soft404_probe'") == [(checked,)]


def test_a_held_link_fact_leaves_after_link_fact_seconds_while_checks_are_under_way(monkeypatch):
    from scrapy.utils.project import get_project_settings
    from scrapy.utils.test import get_crawler

    from crawler.analyzers import links

    clock = [100.0]
    monkeypatch.setattr(links.time, "monotonic", lambda: clock[0])
    analyzer = links.LinkAnalyzer.from_crawler(get_crawler(settings_dict=get_project_settings().copy_to_dict()))
    sighting = {url: links._Link("s1", url, "a", "http://127.0.0.1/", False, False, "")
                for url in ("http://127.0.0.1/a", "http://127.0.0.1/b", "http://127.0.0.1/c")}
    analyzer.waiting = {url: [link] for url, link in sighting.items()}
    ok = ("ok", 200, "HEAD", "HTTP 200")
    assert list(analyzer.resolve("http://127.0.0.1/a", ok)) == []  # b and c are under way
    clock[0] += 2.5
    out = list(analyzer.resolve("http://127.0.0.1/b", ok))
    assert [fact.url for fact in out] == ["http://127.0.0.1/a", "http://127.0.0.1/b"]
    assert analyzer.release() == []


def test_a_resumed_crawl_stores_the_links_its_stopped_part_found(demo_registry, demo_db, tmp_path):
    """Stopped among its link checks, then resumed from JOBDIR: the checks left in the queue answer for
    the links that pages read before the stop found."""
    ali = LINKS.replace("FROM links", "FROM links WHERE site_id = 'ali'")
    stopped = []
    db = tmp_path / "resumed.db"
    crawl_stopped_and_resumed(one_site(demo_registry, "ali", tmp_path), db, tmp_path / "job", pages=40,
                              after_stop=lambda db: stopped.extend(query(db, ali)))
    assert len(stopped) < len(query(demo_db, ali))
    assert query(db, ali) == query(demo_db, ali)
