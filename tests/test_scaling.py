"""Scale-out: the shard partition, download slots per platform, `scrapy merge`, and shards on a real Scrapyd."""

from __future__ import annotations

import csv
import gc
import json
import logging
import logging.config
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from crawler.demo import server as demo_server
from crawler.demo.server import DemoRegion, free_port
from crawler.demo.world import ASOF, SITES, site as demo_site
from crawler.registry import Site, in_shard, shard_key
from tests.conftest import ROOT, crawl_inspect, query, run_scrapy, scrapy_env

CONTRACT = {"verdicts": "SELECT site_id, qualified, score, vetoes, status, reason, deducted, bonus FROM verdicts",
            # Some analyzers' details depend on the crawl order, in one process as in shards (a broken
            # link's first page, the service guides sampled): compare what was found everywhere, and the
            # full text and evidence of the updating rules, whose facts do not depend on the order.
            "findings": "SELECT site_id, rule_id, subject, severity, points, params, target FROM findings",
            "updating findings": "SELECT site_id, rule_id, subject, detail, evidence_url, evidence FROM findings "
                                 "WHERE rule_id IN ('homepage_not_updated', 'columns_not_updated')",
            "items": "SELECT site_id, column_url, url, title, date, date_form, sticky FROM items",
            # a URL that two parts of the crawl reach (a column that is also a service list) keeps the
            # role of whichever fetched it last: the crawl order again
            "pages": "SELECT url, site_id, status FROM pages"}


def site(url, platform=""):
    return Site("x", "x", url, "r", "portal", platform=platform)


# --- the partition ---------------------------------------------------------------------------

def test_shard_key_is_the_registrable_domain():
    assert shard_key(site("http://slj.bd.gov.cn/")) == "bd.gov.cn"  # gov.cn is a public suffix
    assert shard_key(site("https://www.bd.gov.cn:8443/col/")) == "bd.gov.cn"
    assert shard_key(site("http://www.xizang.gov.cn/")) == "xizang.gov.cn"
    assert shard_key(site("http://a.b.example.com/")) == "example.com"
    assert shard_key(site("http://127.0.7.1:8080/")) == "127.0.7.1"  # an address is its own key
    assert shard_key(site("http://slj.bd.gov.cn/", platform="jyh.xz")) == "platform:jyh.xz"


def test_shards_partition_the_registry_and_keep_domains_and_platforms_together():
    sites = [Site(f"s{i}", "x", f"http://d{i}.c{i % 37}.gov.cn/", "r", "portal") for i in range(300)]
    sites += [Site(f"p{i}", "x", f"http://x{i}.gov.cn/", "r", "department", platform="jyh") for i in range(20)]
    for n in (1, 2, 3, 7):
        owners = {s.site_id: [i for i in range(n) if in_shard(s, (i, n))] for s in sites}
        assert all(len(v) == 1 for v in owners.values())  # every site in exactly one shard
        by_key = {}
        for s in sites:
            by_key.setdefault(shard_key(s), set()).add(owners[s.site_id][0])
        assert all(len(v) == 1 for v in by_key.values())
    assert len({i for i in range(3) for s in sites if in_shard(s, (i, 3))}) == 3  # no empty shard here


# --- download slots ----------------------------------------------------------------------------

class LoopbackRegion(DemoRegion):
    """The demo sites on this module's own loopback addresses (127.0.11.x)."""

    def __init__(self, sites, first: int):
        super().__init__(sites)
        self.first = first

    def address(self, i):
        return f"127.0.11.{self.first + i}"


class Gauge:
    """Requests in flight across all served sites, and the most seen at once."""

    def __init__(self):
        self.lock, self.now, self.peak = threading.Lock(), 0, 0

    def handler(self):
        outer = self

        class Slow(demo_server._Handler):
            def gauged(self, answer):
                with outer.lock:
                    outer.now += 1
                    outer.peak = max(outer.peak, outer.now)
                try:
                    time.sleep(0.05)
                finally:
                    with outer.lock:  # before answering: the client cannot send its next request earlier
                        outer.now -= 1
                answer()

            def do_GET(self):
                self.gauged(super().do_GET)

            def do_HEAD(self):  # link checks; the demo server answers 501 and the checker falls back to GET
                self.gauged(lambda: self.send_error(501))

        return Slow


def write_with_platform(region, path, platform):
    rows = list(csv.reader(region.write_registry(path).read_text(encoding="utf-8-sig").splitlines()))
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([rows[0] + ["platform"]] + [r + [platform] for r in rows[1:]])
    return path


@pytest.mark.parametrize("platform, slots, peak", [("", "", "many"), ("jyh", "", 1),
                                                    ("jyh", '{"platform:jyh": {"concurrency": 2}}', 2)])
def test_sites_of_one_platform_share_one_download_slot(tmp_path, platform, slots, peak):
    sites = [demo_site(s) for s in ("lasa", "linzhi", "langxian", "wjw")]
    gauge = Gauge()
    with LoopbackRegion(sites, first=41) as region:
        for srv in region.servers:
            srv.RequestHandlerClass = gauge.handler()
        registry = write_with_platform(region, tmp_path / "sites.csv", platform)
        more = ["-s", "INSPECT_MAX_COLUMNS=3", "-s", "DOWNLOAD_DELAY=0"] \
            + (["-s", f"DOWNLOAD_SLOTS={slots}"] if slots else [])
        result = crawl_inspect(registry, tmp_path / "run.db", ASOF, *more)
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(tmp_path / "run.db", "SELECT count(*) FROM pages WHERE role='column'")[0][0] >= 8
    if peak == "many":
        assert gauge.peak >= 2  # one slot per site: the sites are fetched side by side
    else:
        assert gauge.peak == peak


def test_one_request_at_a_time_per_site_without_a_delay(tmp_path):
    """A page yields its link checks all at once; with DOWNLOAD_DELAY = 0 they must still queue."""
    gauge = Gauge()
    with LoopbackRegion([demo_site("lasa")], first=51) as region:
        for srv in region.servers:
            srv.RequestHandlerClass = gauge.handler()
        registry = region.write_registry(tmp_path / "sites.csv")
        result = crawl_inspect(registry, tmp_path / "run.db", ASOF, "-s", "INSPECT_MAX_COLUMNS=3",
                               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(tmp_path / "run.db", "SELECT count(*) FROM links")[0][0] >= 10
    assert gauge.peak == 1


# --- the scheduler's queue and the crawl's counts -------------------------------------------

def _queue_pair(slots):
    """Scrapy's downloader-aware queue and ours, over one stand-in downloader whose slots' activity
    the test sets."""
    from types import SimpleNamespace

    from scrapy.pqueues import DownloaderAwarePriorityQueue
    from scrapy.squeues import LifoMemoryQueue
    from scrapy.utils.test import get_crawler

    from crawler.queues import SiteAwarePriorityQueue

    downloader = SimpleNamespace(slots=slots, get_slot_key=lambda request: request.meta["download_slot"])
    crawler = get_crawler()
    crawler.engine = SimpleNamespace(downloader=downloader)
    return [cls.from_crawler(crawler, LifoMemoryQueue, "") for cls in (DownloaderAwarePriorityQueue,
                                                                       SiteAwarePriorityQueue)]


@pytest.mark.parametrize("seed", range(5))
def test_site_aware_queue_pops_what_scrapy_s_queue_pops(seed):
    """The same requests, the same downloads in flight: the same request next, every time, whether
    some site is idle or every one is busy."""
    import random
    from types import SimpleNamespace

    from scrapy import Request

    rng = random.Random(seed)
    names = [f"127.0.0.{i}" for i in range(40)]
    slots = {}
    scrapys, ours = _queue_pair(slots)
    popped = 0
    for step in range(3000):
        if rng.random() < 0.45:
            request = Request(f"http://{rng.choice(names)}/{step}", priority=rng.choice((0, 0, 1, -1)))
            request.meta["download_slot"] = request.url.split("/")[2]
            scrapys.push(request)
            ours.push(request)
        else:
            for name in rng.sample(names, 8):  # downloads start and end between pops
                busy = rng.random() < (0.97 if step % 500 < 100 else 0.5)
                slots[name] = SimpleNamespace(active={object()} if busy else set())
            if rng.random() < 0.1:
                slots.pop(rng.choice(names), None)  # a slot the downloader dropped when idle
            expected, got = scrapys.pop(), ours.pop()
            assert got is expected, f"step {step}"
            popped += expected is not None
        assert len(ours) == len(scrapys) and sorted(ours.pqueues) == ours._order
    assert popped > 800


def test_a_crawl_counts_its_requests_and_responses(demo_db):
    """Scrapy's download counts are kept (without the byte counts, which cost most to keep)."""
    stats = json.loads(query(demo_db, "SELECT stats FROM runs WHERE spider = 'inspect'")[0][0])
    requests, responses = stats["downloader/request_count"], stats["downloader/response_count"]
    assert responses == stats["response_received_count"] > 100  # Scrapy's engine counts them too
    assert requests >= responses
    assert sum(v for k, v in stats.items() if k.startswith("downloader/request_method_count/")) == requests
    assert sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/")) == responses
    assert stats["downloader/response_status_count/404"] >= 1  # the demo region's dead links
    assert stats["downloader/exception_count"] >= 1  # and its site that refuses connections
    assert "downloader/response_bytes" not in stats


def test_stats_collector_keeps_scrapy_s_api():
    from scrapy.utils.test import get_crawler

    from crawler.stats import StatsCollector

    crawler = get_crawler(settings_dict={"STATS_CLASS": "crawler.stats.StatsCollector"})
    assert type(crawler.stats) is StatsCollector
    crawler.stats.inc_value("a")
    crawler.stats.inc_value("a", 2)
    crawler.stats.max_value("b", 3)
    crawler.stats.max_value("b", 1)
    assert crawler.stats.get_stats() == {"a": 3, "b": 3}


# --- the garbage collector -------------------------------------------------------------------

def test_gc_thresholds_hold_for_the_crawl_and_python_s_come_back():
    from scrapy import signals
    from scrapy.utils.test import get_crawler

    from crawler.extensions import GarbageCollection

    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"GC_THRESHOLDS": [12345, 7, 3]})
    ext = GarbageCollection.from_crawler(crawler)  # kept: signals hold their receivers weakly
    crawler.stats.open_spider()
    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    try:
        assert gc.get_threshold() == (12345, 7, 3)
        gc.collect(1)
    finally:
        crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert gc.get_threshold() == before
    assert ext.saved == before
    # the collections made during the crawl are counted, and none after it
    gc.collect(1)
    assert crawler.stats.get_value("govinspect/gc/collections/gen1") == 1
    assert crawler.stats.get_value("govinspect/gc/cpu_s") >= 0
    assert ext.collecting not in gc.callbacks


def test_gc_thresholds_off_or_wrong():
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from crawler.extensions import GarbageCollection

    with pytest.raises(NotConfigured):
        GarbageCollection.from_crawler(get_crawler(settings_dict={"GC_THRESHOLDS": []}))
    with pytest.raises(ValueError, match="GC_THRESHOLDS"):
        GarbageCollection.from_crawler(get_crawler(settings_dict={"GC_THRESHOLDS": [0, 10, 10]}))


def test_cpu_split_times_the_parts_of_a_real_crawl(demo_registry, tmp_path):
    """benchmarks.cpu_split: the crawl runs as usual (verdicts stored) and its CPU is split by part."""
    with open(demo_registry, encoding="utf-8-sig") as f:
        first = next(csv.DictReader(f))["site_id"]
    db = tmp_path / "split.db"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.cpu_split", "crawl", "inspect", "-a", f"sites={demo_registry}",
         "-a", f"asof={ASOF}", "-a", f"site={first}", "-s", f"INSPECT_DB={db}", "-s", "DOWNLOAD_DELAY=0",
         "-s", "AUTOTHROTTLE_ENABLED=False"], cwd=ROOT, env=scrapy_env(), capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT site_id FROM verdicts") == [(first,)]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in result.stderr.splitlines() if line.startswith("| ")}
    for part in ("callback parse_homepage", "callback parse_column", "pipeline StorePipeline",
                 "closing: Judge.spider_closed", "the whole process"):
        assert part in rows, sorted(rows)
    seconds = {k: float(v.split(" | ")[1]) for k, v in rows.items() if k not in ("part of the inspect crawl", "---")}
    callbacks = sum(v for k, v in seconds.items() if k.startswith("callback "))
    assert 0 < callbacks < seconds["the whole process"]


def test_records_below_log_level_are_not_made_during_a_crawl():
    from scrapy import signals
    from scrapy.utils.log import DEFAULT_LOGGING
    from scrapy.utils.test import get_crawler

    from crawler.extensions import LogLevel

    root, scrapy_logger = logging.getLogger(), logging.getLogger("scrapy")
    before = root.level, scrapy_logger.level
    logging.config.dictConfig(DEFAULT_LOGGING)  # what Scrapy applies at start: "scrapy" at DEBUG
    root.setLevel(logging.NOTSET)
    try:
        scraper = logging.getLogger("scrapy.core.scraper")
        assert scraper.isEnabledFor(logging.DEBUG)
        crawler = get_crawler(settings_dict={"LOG_LEVEL": "INFO"})
        ext = LogLevel.from_crawler(crawler)  # signals hold receivers weakly
        crawler.signals.send_catch_log(signals.spider_opened, spider=None)
        try:
            assert not scraper.isEnabledFor(logging.DEBUG) and scraper.isEnabledFor(logging.INFO)
            assert not logging.getLogger("crawler.pipelines").isEnabledFor(logging.DEBUG)
        finally:
            crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
        assert (root.level, scrapy_logger.level) == (logging.NOTSET, logging.DEBUG) and not ext.saved
    finally:
        root.setLevel(before[0])
        scrapy_logger.setLevel(before[1])


def test_log_level_off_or_wrong():
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from crawler.extensions import LogLevel

    with pytest.raises(NotConfigured):
        LogLevel.from_crawler(get_crawler(settings_dict={"LOG_ENABLED": False}))
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        LogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "LOUD"}))


# --- merge -----------------------------------------------------------------------------------

def rows(db, sql):
    return sorted(query(db, sql), key=repr)


def dump(db):
    con = sqlite3.connect(db)
    try:
        return sorted(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_shards(demo_registry, tmp_path_factory):
    out = tmp_path_factory.mktemp("shards")
    procs = [subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", "inspect", "-a", f"sites={demo_registry}", "-a", f"asof={ASOF}",
         "-a", f"shard={i}/2", "-s", f"INSPECT_DB={out / f'shard{i}.db'}", "-s", "DOWNLOAD_DELAY=0",
         "-s", "AUTOTHROTTLE_ENABLED=False"], cwd=ROOT, env=scrapy_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for i in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
    return [out / "shard0.db", out / "shard1.db"]


def test_two_merged_shards_equal_one_run(demo_db, demo_shards, tmp_path):
    shard_sites = [{r[0] for r in query(db, "SELECT site_id FROM verdicts")} for db in demo_shards]
    assert all(shard_sites) and not shard_sites[0] & shard_sites[1]
    merged = tmp_path / "merged.db"
    result = run_scrapy("merge", str(merged), *map(str, demo_shards))
    assert result.returncode == 0, result.stderr
    for table, sql in CONTRACT.items():
        assert rows(merged, sql) == rows(demo_db, sql), table
    (shard, drawn, reason), = query(merged, "SELECT shard, drawn, finish_reason FROM runs")
    assert shard == "0/2+1/2" and reason == "finished"
    assert sorted(json.loads(drawn)) == sorted(s.site_id for s in SITES)


def test_merge_is_idempotent_and_copies_every_table(demo_shards, tmp_path):
    shards = []
    for i, db in enumerate(demo_shards):  # tables other components add: one keyed, one without a key
        copy = tmp_path / f"s{i}.db"
        copy.write_bytes(db.read_bytes())
        con = sqlite3.connect(copy)
        con.execute("CREATE TABLE notes (run_id TEXT, site_id TEXT, note TEXT, PRIMARY KEY (run_id, site_id))")
        con.execute("CREATE TABLE log (line TEXT)")
        con.execute("INSERT INTO notes SELECT run_id, site_id, 'n-' || site_id FROM sites")
        con.execute("INSERT INTO log VALUES (?)", (f"shard {i}",))
        con.commit()
        con.close()
        shards.append(copy)
    merged = tmp_path / "merged.db"
    assert run_scrapy("merge", str(merged), *map(str, shards)).returncode == 0
    once = dump(merged)
    assert run_scrapy("merge", str(merged), str(shards[1]), str(shards[0])).returncode == 0
    assert dump(merged) == once
    assert len(query(merged, "SELECT * FROM notes")) == len(SITES)
    assert sorted(query(merged, "SELECT line FROM log")) == [("shard 0",), ("shard 1",)]


def test_merge_reports_missing_shards_and_refuses_other_runs(demo_shards, tmp_path):
    merged = tmp_path / "merged.db"
    result = run_scrapy("merge", str(merged), str(demo_shards[0]))
    assert result.returncode == 0 and "shards 1/2 not merged yet" in result.stderr
    other = tmp_path / "other.db"
    other.write_bytes(demo_shards[1].read_bytes())
    con = sqlite3.connect(other)
    con.execute("UPDATE runs SET asof = '2024-01-01'")
    con.commit()
    con.close()
    result = run_scrapy("merge", str(merged), str(other))
    assert result.returncode != 0 and f"{other}" in result.stderr and "as of 2024-01-01" in result.stderr
    result = run_scrapy("merge", str(merged), str(tmp_path / "nope.db"))
    assert result.returncode != 0 and "nope.db: no such database" in result.stderr


# --- Scrapyd -----------------------------------------------------------------------------------

@pytest.fixture
def scrapyd(tmp_path):
    """A real Scrapyd on loopback, with its own port and directories; stopped after the test."""
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"logs_dir = {tmp_path / 'logs'}\ndbs_dir = {tmp_path / 'dbs'}\npoll_interval = 0.5\nmax_proc = 2\n"
        "runner = crawler.scrapyd_runner\n")
    env = scrapy_env()
    env.pop("PYTHONPATH")  # the jobs must run the deployed egg's code
    proc = subprocess.Popen([str(Path(sys.executable).parent / "scrapyd")], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urlopen(f"{url}/daemonstatus.json", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not start")
        yield url, tmp_path
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_shards_on_scrapyd_are_merged_into_the_expected_verdicts(scrapyd, tmp_path):
    url, home = scrapyd
    with LoopbackRegion(SITES, first=1) as region:
        registry = region.write_registry(tmp_path / "sites.csv")
        result = run_scrapy("shards", "--scrapyd", url, "-n", "2", "-a", f"sites={registry}", "-a", f"asof={ASOF}",
                            "--out", str(tmp_path / "merged.db"), "--poll", "0.5", "--timeout", "240",
                            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    eggs = list((home / "eggs" / "govinspect").glob("*.egg"))
    assert len(eggs) == 1
    assert len(list((home / "logs" / "govinspect" / "inspect").glob("*.log"))) == 2
    verdicts = {sid: (q, json.loads(v or "[]"), st)
                for sid, q, v, st in query(tmp_path / "merged.db", "SELECT site_id, qualified, vetoes, status FROM verdicts")}
    assert set(verdicts) == {s.site_id for s in SITES}
    for s in SITES:
        qualified, vetoes, status = verdicts[s.site_id]
        assert status == s.expected_status and sorted(vetoes) == sorted(s.expected_vetoes), s.site_id
    shards = query(tmp_path / "merged.db", "SELECT shard, finish_reason FROM run_shards ORDER BY shard")
    assert shards == [("0/2", "finished"), ("1/2", "finished")]
    assert os.path.exists(tmp_path / "merged-shards" / "shard-0-of-2.db")
