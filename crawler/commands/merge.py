"""scrapy merge: merge the shard databases of one run into one database (idempotent)."""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from exports.merge import MergeError, merge, missing_shards


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self):
        return "OUT.db SHARD.db [SHARD.db …]"

    def short_desc(self):
        return "Merge the shard databases of a run (crawl -a shard=i/N) into one database"

    def long_desc(self):
        return ("Copies every table of each shard into OUT.db (created if missing), upserting on each table's "
                "primary key, so merging a shard again changes nothing. Findings and verdicts are copied as "
                "judged; the run's row is rebuilt from the shards' rows (kept in the run_shards table).")

    def run(self, args, opts):
        if len(args) < 2:
            raise UsageError("give OUT.db and at least one SHARD.db")
        try:
            copied = merge(args[0], args[1:])
        except (MergeError, FileNotFoundError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        print(f"merged {len(args) - 1} shard database(s) into {args[0]}; rows upserted: "
              + ", ".join(f"{t} {n}" for t, n in copied.items()))
        for run_id, missing in missing_shards(args[0]).items():
            if missing:
                print(f"run {run_id}: shards {', '.join(missing)} not merged yet", file=sys.stderr)
