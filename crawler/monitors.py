"""Run monitors: did this run work? Checked when the crawl closes, after the verdicts.

Spidermon answers the same question with unittest suites over the stats; these checks also need
the stored facts (which sites produced no item, which have no verdict), so they read the run's
SQLite rows. A failing monitor is logged as a warning and stored in ``runs.monitors``; it never
changes the exit code or the verdicts. Thresholds are settings (``MONITOR_*``).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import asdict, dataclass

from scrapy import signals
from sqlite_utils.db import NotFoundError
from scrapy.exceptions import NotConfigured

from exports import db as dbmod

logger = logging.getLogger(__name__)


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


class ErrorCounter(logging.Handler):
    """Counts ERROR records besides fetches that failed after their retries (a site's fault, counted
    by the other checks). Scrapy's own log_count/ERROR counts every crawler of the process, so two
    crawls side by side (`scrapy demo`) would see each other's failed fetches."""

    def __init__(self, stats):
        super().__init__(logging.ERROR)
        self.stats = stats

    def emit(self, record):
        if record.name != "scrapy.downloadermiddlewares.retry":
            self.stats.inc_value("govinspect/log_errors")


class RunMonitor:
    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.errors = ErrorCounter(crawler.stats)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("MONITORS_ENABLED", True):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        logging.root.addHandler(self.errors)

    def spider_closed(self, spider, reason):
        logging.root.removeHandler(self.errors)
        run_id = getattr(spider, "run_id", None)
        site_ids = getattr(spider, "site_ids", None)
        stats = self.crawler.stats.get_stats()
        # an account crawl or a probe round has no sites to account for
        checks = self.run_checks(stats, reason) if site_ids is None else None
        if run_id:
            db = dbmod.connect(self.settings.get("INSPECT_DB"))
            try:
                if checks is None:
                    rows = _run_rows(db, run_id, site_ids)
                    for line in failure_summary(rows, stats):
                        logger.info(line)
                    checks = self.checks(rows, stats, reason, site_ids, getattr(spider, "judge_sites", False))
                try:
                    db["runs"].update((run_id, spider.name), {"monitors": json.dumps(
                        [asdict(c) for c in checks], ensure_ascii=False)}, alter=True)
                except NotFoundError:
                    logger.warning("run %s of %s has no runs row: monitor results are only in this log",
                                   run_id, spider.name)
            finally:
                db.close()
        if checks is None:
            return
        failed = [c for c in checks if not c.passed]
        self.crawler.stats.set_value("govinspect/monitors/failed", len(failed))
        log = logger.warning if failed else logger.info
        log("monitor summary: %d checks, %d passed, %d failed", len(checks), len(checks) - len(failed), len(failed))
        for c in checks:
            (logger.warning if not c.passed else logger.info)("  %s %s: %s", "ok  " if c.passed else "FAIL",
                                                               c.name, c.detail)

    def run_checks(self, stats, reason, unsettled=None) -> list[Check]:
        """What every crawl is checked for: how it ended, items dropped, error lines."""
        s = self.settings
        invalid = stats.get("govinspect/items/invalid", 0) + stats.get("item_dropped_count", 0)
        errors = stats.get("govinspect/log_errors", 0)
        return [
            Check("finish_reason", reason == "finished", f"the crawl ended with {reason!r}"),
            Check("item_validation", invalid <= s.getint("MONITOR_MAX_INVALID_ITEMS") and not unsettled,
                  f"{invalid} item(s) dropped as invalid" + ("" if unsettled is None else
                  f"; sites without a status or reason: {', '.join(unsettled) or 'none'}")),
            Check("log_errors", errors <= s.getint("MONITOR_MAX_ERRORS"),
                  f"{errors} ERROR line(s) in the log besides fetches that failed after their retries"),
        ]

    def checks(self, rows, stats, reason, site_ids, judged) -> list[Check]:
        s = self.settings
        unsettled = [r["site_id"] for r in rows["sites"] if r["status"] in (None, "", "pending")
                     or (r["status"] != "inspected" and not r["reason"])]
        out = self.run_checks(stats, reason, unsettled)

        pages = rows["pages"]
        failed = sum(1 for p in pages if p["outcome"] != "ok")
        rate = failed / len(pages) if pages else 0.0
        limit = s.getfloat("MONITOR_MAX_ERROR_RATE")
        out.append(Check("error_rate", rate <= limit,
                         f"{failed} of {len(pages)} fetches failed ({rate:.0%}, at most {limit:.0%})"))

        sites = rows["sites"]
        lost = [r["site_id"] for r in sites if r["status"] != "inspected"]
        share, most = (len(lost) / len(sites) if sites else 0.0), s.getfloat("MONITOR_MAX_NOT_INSPECTED")
        out.append(Check("sites_not_inspected", share <= most,
                         f"{len(lost)} of {len(sites)} sites not inspected or blocked ({share:.0%}, at most {most:.0%})"))

        with_items = {r["site_id"] for r in rows["items"]}
        empty = sorted(r["site_id"] for r in rows["sites"]
                       if r["status"] == "inspected" and r["site_id"] not in with_items)
        out.append(Check("zero_items", len(empty) <= s.getint("MONITOR_MAX_ZERO_ITEM_SITES"),
                         f"{len(empty)} inspected site(s) without a single list item"
                         + (f": {', '.join(empty)}" if empty else "")))

        if judged and reason == "finished":
            have = {r["site_id"] for r in rows["verdicts"]}
            missing = sorted(set(site_ids) - have)
            out.append(Check("verdicts", not missing, f"{len(site_ids) - len(missing)} of {len(site_ids)} "
                             f"sites have a verdict row" + (f"; missing: {', '.join(missing)}" if missing else "")))
        return out


def failure_summary(rows, stats) -> list[str]:
    """Log lines counting every kind of failure: sites not inspected or blocked, and failed fetches."""
    by_status = Counter(r["status"] for r in rows["sites"])
    kinds: dict[str, Counter] = {}
    for r in rows["sites"]:
        if r["status"] != "inspected":
            kinds.setdefault(r["status"], Counter())[(r["reason"] or "").split(":")[0]] += 1
    parts = [f"{n} {status}" + (f" ({_counts(kinds[status])})" if status in kinds else "")
             for status, n in sorted(by_status.items())]
    fetches = Counter({k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("govinspect/fetch/")})
    lines = [f"failure summary: {sum(by_status.values())} sites: {', '.join(parts) or 'none'}",
             f"failure summary: failed fetches: {_counts(fetches) or 'none'}"]
    repaired = stats.get("govinspect/charset/repaired", 0)
    if repaired:
        lines.append(f"failure summary: {repaired} page(s) decoded with a repaired charset")
    return lines


def _counts(counter: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))


def _run_rows(db, run_id, site_ids) -> dict[str, list[dict]]:
    wanted = set(site_ids)
    out = {}
    for table, cols in (("sites", "site_id, status, reason"), ("pages", "site_id, outcome"),
                        ("items", "DISTINCT site_id"), ("verdicts", "site_id")):
        if not db[table].exists():
            out[table] = []
            continue
        cur = db.execute(f"SELECT {cols} FROM [{table}] WHERE run_id = ?", [run_id])
        names = [d[0] for d in cur.description]
        out[table] = [r for r in (dict(zip(names, row)) for row in cur.fetchall()) if r["site_id"] in wanted]
    return out
