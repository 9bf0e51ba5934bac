"""Extensions: progress lines staff can follow, judging the run when the crawl closes, and Python's
garbage collector and log level set for a crawl."""

from __future__ import annotations

import gc
import json
import logging
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.items import now_iso
from crawler.judging import account_summary_lines, judge, judge_accounts, summary_lines
from exports import db as dbmod

logger = logging.getLogger(__name__)


class GarbageCollection:
    """GC_THRESHOLDS for the time of the crawl; Python's own are back when it closes. The
    collections made meanwhile and the CPU they took are in the stats (``govinspect/gc/…``).

    A crawl keeps ~100,000 objects alive (queued requests, each site's state) and allocates many
    short-lived ones per page. With Python's default (700, 10, 10) the collector traversed the live
    ones so often that it took a fifth of a crawl's CPU (BENCHMARKS.md); cyclic garbage is still
    collected, only less often.
    """

    def __init__(self, crawler, thresholds: tuple[int, ...]):
        self.stats = crawler.stats
        self.thresholds = thresholds
        self.saved: tuple[int, ...] | None = None
        self.started = 0.0
        self.cpu = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        thresholds = tuple(int(x) for x in crawler.settings.getlist("GC_THRESHOLDS"))
        if not thresholds:
            raise NotConfigured
        if len(thresholds) > 3 or thresholds[0] <= 0:
            raise ValueError(f"GC_THRESHOLDS: up to three numbers, the first above 0 (see gc.set_threshold), "
                             f"not {list(thresholds)}")
        ext = cls(crawler, thresholds)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.saved = gc.get_threshold()
        gc.set_threshold(*self.thresholds)
        gc.callbacks.append(self.collecting)

    def spider_closed(self, spider, reason):
        if self.collecting in gc.callbacks:
            gc.callbacks.remove(self.collecting)
        if self.saved is not None:
            gc.set_threshold(*self.saved)

    def collecting(self, phase, info):
        if phase == "start":
            self.started = time.process_time()
            return
        self.stats.inc_value(f"govinspect/gc/collections/gen{info['generation']}")
        self.cpu += time.process_time() - self.started
        self.stats.set_value("govinspect/gc/cpu_s", round(self.cpu, 3))


class LogLevel:
    """The loggers Scrapy sets up follow LOG_LEVEL for the time of the crawl.

    Scrapy filters records only at its handler: its logging config sets the ``scrapy`` logger to
    DEBUG and leaves the root logger at NOTSET, so every "Scraped from" and "Crawled" line below
    LOG_LEVEL was still built as a LogRecord and then thrown away, two per response. A record below
    LOG_LEVEL is now never made.
    """

    loggers = ("", "scrapy")  # the root logger and Scrapy's own

    def __init__(self, level: int):
        self.level = level
        self.saved: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("LOG_ENABLED"):
            raise NotConfigured
        level = crawler.settings.get("LOG_LEVEL")
        numeric = logging.getLevelName(level) if isinstance(level, str) else level
        if not isinstance(numeric, int):
            raise ValueError(f"LOG_LEVEL: a logging level name (DEBUG, INFO, …) or number, not {level!r}")
        ext = cls(numeric)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        for name in self.loggers:
            logger = logging.getLogger(name)
            if logger.level < self.level:
                self.saved[name] = logger.level
                logger.setLevel(self.level)

    def spider_closed(self, spider, reason):
        for name, level in self.saved.items():
            logging.getLogger(name).setLevel(level)
        self.saved.clear()


class Progress:
    """Every PROGRESS_INTERVAL seconds: sites done of total, pages, items, failures."""

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def log(self):
        tracker = getattr(self.crawler.spider, "tracker", None)
        if tracker is not None:
            errors = self.crawler.stats.get_value("log_count/ERROR", 0)
            logger.info("progress: %s, errors %d", tracker.line(), errors)

    def spider_opened(self, spider):
        self.loop = task.LoopingCall(self.log)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        self.log()


class Judge:
    """When the crawl closes: record the run's stats, evaluate the rules, log the verdicts."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason):
        run_id = getattr(spider, "run_id", None)
        if not run_id or not (getattr(spider, "judge_sites", False) or getattr(spider, "judge_accounts", False)):
            return
        path = self.crawler.settings.get("INSPECT_DB")
        stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                 for k, v in self.crawler.stats.get_stats().items()}
        db = dbmod.connect(path)
        try:
            db["runs"].update((run_id, spider.name), {
                "finished_at": now_iso(), "finish_reason": reason,
                "stats": json.dumps(stats, ensure_ascii=False, sort_keys=True, default=str),
            })
        finally:
            db.close()
        if reason == "shutdown":
            logger.warning("crawl interrupted: no verdicts yet. Resume with the same -s JOBDIR=…; "
                           "the verdicts are written when the crawl completes")
            return
        if reason != "finished":
            logger.warning("crawl ended with %r: judging what was gathered", reason)
        try:
            if getattr(spider, "judge_accounts", False):
                lines = account_summary_lines(judge_accounts(path, run_id, spider.asof, self.crawler.settings,
                                                             set(spider.account_ids)))
            else:
                lines = summary_lines(judge(path, run_id, spider.asof, self.crawler.settings, set(spider.site_ids)))
        except Exception:
            logger.exception("judging run %s failed; the facts are in %s, run `scrapy rescore -d %s`",
                             run_id, path, path)
            return
        for line in lines:
            logger.info(line)
        logger.info("facts, findings and verdicts of run %s are in %s", run_id, path)
