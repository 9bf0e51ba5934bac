"""Resuming after a crash: a JOBDIR left by a killed crawl is re-seeded, never trusted.

Scrapy persists the request queue's bookkeeping (``requests.queue/active.json`` and each disk
queue's ``info.json``) only on a clean stop, while it appends every scheduled request's
fingerprint to ``requests.seen`` as it goes. After ``kill -9`` (an OOM kill, a power cut) the
resumed crawl would load no queue but the full seen-set, so every column and page scheduled
before the kill would be dropped as a duplicate and never fetched: sites would be judged on a
part of their pages. So a crawl marks its JOBDIR while it runs; a resume that finds the mark of
a crawl that never closed discards the stale scheduler state and starts again from the
registry. Rows already stored are upserted on their natural keys, so nothing is doubled, and
the facts a killed process had not yet committed are fetched again.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

from crawler.items import now_iso

logger = logging.getLogger(__name__)

MARK = "govinspect.running"
STALE = ("requests.queue", "requests.seen", "spider.state")


class UncleanStopGuard:
    def __init__(self, crawler, jobdir: Path):
        self.crawler = crawler
        self.mark = jobdir / MARK
        self.reseeded = self.mark.exists()
        if self.reseeded:
            # runs before the scheduler and the dupefilter open their files in JOBDIR
            logger.warning("JOBDIR %s was left by a crawl that did not stop cleanly (%s): its request "
                           "queue is stale, so the crawl starts again from the registry; stored rows "
                           "are updated in place", jobdir, self.mark.read_text().strip())
            for name in STALE:
                path = jobdir / name
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
        jobdir.mkdir(parents=True, exist_ok=True)
        self.mark.write_text(f"pid {os.getpid()}, started {now_iso()}\n")
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        path = job_dir(crawler.settings)
        if not path:
            raise NotConfigured
        return cls(crawler, Path(path))

    def spider_opened(self, spider):
        if self.reseeded:
            self.crawler.stats.set_value("govinspect/resume/reseeded_after_unclean_stop", 1)

    def spider_closed(self, spider, reason):
        # reached on a finished crawl and on a clean (single Ctrl-C / SIGTERM) shutdown, after
        # which Scrapy has written its queue state and a plain resume is right
        self.mark.unlink(missing_ok=True)

