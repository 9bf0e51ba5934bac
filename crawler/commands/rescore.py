"""scrapy rescore: judge a run's stored facts again (a new asof or new thresholds), without crawling."""

from __future__ import annotations

from datetime import date

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.judging import account_summary_lines, judge, judge_accounts, summary_lines
from rules.facts import latest_run, open_db, run_info


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self):
        return "-d FILE.db [-a asof=YYYY-MM-DD] [-a run_id=ID] [-s RULE_PARAMS=…]"

    def short_desc(self):
        return "Evaluate the rules again over the facts stored in a database"

    def add_options(self, parser):
        super().add_options(parser)
        parser.add_argument("-d", "--db", required=True, help="the inspection database")
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help="asof=YYYY-MM-DD, run_id=ID")

    def run(self, args, opts):
        extra = dict(a.split("=", 1) for a in opts.args if "=" in a)
        try:
            con = open_db(opts.db)
        except FileNotFoundError as exc:
            raise UsageError(str(exc)) from None
        with con:
            run_id = extra.get("run_id") or latest_run(con) or latest_run(con, "accounts")
            if not run_id:
                raise UsageError(f"{opts.db}: no inspect run stored")
            spiders = [s for s in ("inspect", "accounts") if _has_run(con, run_id, s)]
            if not spiders:
                raise UsageError(f"{opts.db}: no run {run_id!r} stored")
            info = run_info(con, run_id, spiders[0])
        try:
            asof = date.fromisoformat(extra.get("asof") or info["asof"])
        except ValueError:
            raise UsageError(f"asof={extra.get('asof')!r}: expected YYYY-MM-DD") from None
        self.settings.set("INSPECT_DB", opts.db, priority="cmdline")
        lines = []
        if "inspect" in spiders:
            lines += summary_lines(judge(opts.db, run_id, asof, self.settings))
        if "accounts" in spiders:  # the site and account results of one 监测时间点 share a run
            lines += account_summary_lines(judge_accounts(opts.db, run_id, asof, self.settings))
        print(f"run {run_id} rescored as of {asof}")
        for line in lines:
            print(line)


def _has_run(con, run_id: str, spider: str) -> bool:
    try:
        run_info(con, run_id, spider)
    except LookupError:
        return False
    return True
