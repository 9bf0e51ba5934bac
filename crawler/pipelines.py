"""Item pipelines: validate → normalise dates → store (sqlite-utils upserts, committed in batches).

Each receives either one fact or a ``Facts`` batch (the facts of one response, see
``crawler.middlewares.FactBatches``) and handles every fact in it.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from scrapy.exceptions import DropItem

from crawler.dates import parse_date, parse_date_fallback, url_year
from crawler.items import EntryItem, Facts, facts_of, is_fact
from exports import db as dbmod

logger = logging.getLogger(__name__)


class ValidatePipeline:
    """Drop facts that cannot be stored, saying why; keep everything else."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, Facts):
            item.facts = [fact for fact in item.facts if self.valid(fact, item.url)]
            return item
        problem = self.problem(item)
        if problem:
            raise DropItem(problem)  # Scrapy logs and counts it
        return item

    def valid(self, fact, url: str) -> bool:
        problem = self.problem(fact)
        if problem:
            self.crawler.stats.inc_value("govinspect/items/invalid")
            logger.warning("dropped a fact of %s: %s", url, problem)
        return not problem

    @staticmethod
    def problem(item) -> str:
        if not is_fact(item):
            return f"not a govinspect item (no table and key): {type(item).__name__}"
        names = dbmod.field_names(item)
        keys = {k: getattr(item, k) for k in item.key if k in names} if names else dbmod.row_of(item)
        missing = [k for k in item.key if k in keys and keys[k] in (None, "")]
        if missing:
            return f"{type(item).__name__} without {', '.join(missing)}: {dbmod.row_of(item)}"
        return ""


class NormalizeDatesPipeline:
    """Turn each entry's raw date text into a date, resolved against the run's asof.

    This is the one seam where dates are normalised: a site-specific spider yields the raw text
    (``date_raw``) and never parses dates itself.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        for fact in facts_of(item):
            if isinstance(fact, EntryItem) and fact.date is None and fact.date_raw:
                self.normalize(fact)
        return item

    def normalize(self, entry: EntryItem):
        asof: date = self.crawler.spider.asof
        found = parse_date(entry.date_raw, asof, year_hint=url_year(entry.url)) or parse_date_fallback(entry.date_raw, asof)
        if found:
            entry.date, entry.date_form = found.value, found.form
        else:
            self.crawler.stats.inc_value("govinspect/dates/unparsed")


class StorePipeline:
    """Upsert items into INSPECT_DB, in batches (by count and by time) so a kill loses little. At
    close it also stores the facts a spider still holds back (``held_facts()``), as they are."""

    batch_size = 500
    batch_seconds = 2.0

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("INSPECT_DB")
        self.db = None
        self.pending: dict[str, list[dict]] = {}
        self.count = 0
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = dbmod.connect(self.path)
        logger.info("storing facts in %s", self.path)

    def process_item(self, item):
        facts, now = facts_of(item), False
        for fact in facts:
            row = dbmod.row_of(fact)
            if "run_id" in fact.key and not row.get("run_id"):
                row["run_id"] = self.crawler.spider.run_id
            self.pending.setdefault((fact.table, fact.key), []).append(row)
            now = now or fact.table in ("runs", "sites")
        self.count += len(facts)
        if now or self.count >= self.batch_size or time.monotonic() - self.last_flush > self.batch_seconds:
            self.flush()
        return item

    def flush(self):
        if not self.pending:
            return
        with self.db.conn:
            for (table, key), rows in self.pending.items():
                dbmod.upsert(self.db, table, rows, key)
        self.crawler.stats.inc_value("govinspect/rows_stored", self.count)
        self.pending, self.count, self.last_flush = {}, 0, time.monotonic()

    def close_spider(self):
        # facts the spider held back to send in batches: a crawl stopped before its link checks were done
        held = getattr(self.crawler.spider, "held_facts", None)
        facts = held() if held is not None else []
        if facts:
            logger.info("storing %d facts the spider held back", len(facts))
            self.crawler.stats.set_value("govinspect/facts/held_at_close", len(facts))
            self.process_item(Facts(facts=facts, url="held at close"))
        self.flush()
        self.db.close()
