"""scrapy shards: run an inspection as N shards on Scrapyd and merge them when they finish."""

from __future__ import annotations

import json
import time
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.judging import summary_lines
from crawler.registry import RegistryError
from crawler.shards import Scrapyd, ScrapydError, ShardRun
from crawler.spiders.inspect import InspectSpider
from exports.merge import merge
from rules.facts import open_db
from rules.verdict import Verdict


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self):
        return "--scrapyd URL[,URL…] -n N -a sites=FILE.csv -a asof=YYYY-MM-DD --out MERGED.db [options]"

    def short_desc(self):
        return "Deploy to Scrapyd, run N shards of an inspection, wait, and merge their databases"

    def long_desc(self):
        return ("Builds the project's egg and uploads it to each Scrapyd node (addversion.json), schedules "
                "`inspect -a shard=i/N` N times round-robin over the nodes (schedule.json), polls listjobs.json "
                "until all have finished, checks that each shard's crawl finished, and merges the shard "
                "databases into --out (like `scrapy merge`). The registry path and --dbdir must be the same "
                "path on every node. -s KEY=VALUE settings go to every shard.")

    def add_options(self, parser):
        super().add_options(parser)
        parser.add_argument("--scrapyd", required=True, help="Scrapyd URL(s), comma-separated")
        parser.add_argument("-n", "--shards", type=int, required=True, help="number of shards")
        parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                            help="spider argument (sites, asof, sample, seed, run_id)")
        parser.add_argument("--out", required=True, help="the merged database")
        parser.add_argument("--dbdir", help="where the shards write their databases (default: beside --out)")
        parser.add_argument("--no-deploy", action="store_true", help="use the version already deployed")
        parser.add_argument("--timeout", type=float, default=24 * 3600, help="seconds to wait for the shards")
        parser.add_argument("--poll", type=float, default=5.0, help="seconds between listjobs.json polls")

    def run(self, args, opts):
        spargs = dict(a.split("=", 1) for a in opts.spargs if "=" in a)
        if opts.shards < 1:
            raise UsageError("-n must be at least 1")
        if "shard" in spargs:
            raise UsageError("-a shard=… is set per job by this command")
        if spargs.get("sites"):
            spargs["sites"] = str(Path(spargs["sites"]).resolve())  # the nodes run in their own directories
        try:
            InspectSpider.check_arguments(**spargs)
        except RegistryError as exc:
            raise UsageError(str(exc), print_help=False) from None
        out = Path(opts.out).resolve()
        dbdir = Path(opts.dbdir).resolve() if opts.dbdir else out.parent / f"{out.stem}-shards"
        # the -s settings given here go to every shard; INSPECT_DB is set per shard
        settings = {k: str(v) for k, v in self.settings.copy_to_dict().items()
                    if self.settings.getpriority(k) == SETTINGS_PRIORITIES["cmdline"] and k != "INSPECT_DB"}
        nodes = [Scrapyd(u.strip()) for u in opts.scrapyd.split(",") if u.strip()]
        run = ShardRun(nodes, opts.shards, spargs, dbdir, settings, poll=opts.poll)
        try:
            if not opts.no_deploy:
                version = str(int(time.time()))
                for node in nodes:
                    node.deploy(version)
                    print(f"deployed govinspect version {version} to {node.url}")
            jobs = run.schedule()
            print(f"scheduled {opts.shards} shards: {', '.join(jobs)}")
            run.wait(jobs, opts.timeout)
            for i in range(opts.shards):
                run.check(i)
        except ScrapydError as exc:
            raise UsageError(str(exc), print_help=False) from None
        merge(out, [run.db_path(i) for i in range(opts.shards)])
        print(f"merged {opts.shards} shard databases from {dbdir} into {out}")
        for line in summary_lines(_verdicts(out)):
            print(line)


def _verdicts(path) -> list[Verdict]:
    con = open_db(path)
    try:
        rows = con.execute("SELECT site_id, qualified, score, vetoes, status, reason FROM verdicts "
                           "ORDER BY site_id").fetchall()
    finally:
        con.close()
    return [Verdict(site_id=r[0], qualified=None if r[1] is None else bool(r[1]), score=r[2],
                    vetoes=json.loads(r[3] or "[]"), status=r[4], reason=r[5]) for r in rows]
