"""scrapy demo: serve the bundled demo region on loopback, inspect it, write the DB and the report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.demo.accounts import DemoPlatforms
from crawler.demo.server import DemoRegion
from crawler.demo.world import ASOF
from exports import db as dbmod


class Command(ScrapyCommand):
    requires_project = True
    # loopback sites need no politeness; these win over the project's settings unless -s says otherwise
    demo_settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "PROGRESS_INTERVAL": 5}

    def short_desc(self):
        return "Inspect the bundled demo region (served on 127.0.0.x) and write its DB and report"

    def add_options(self, parser):
        super().add_options(parser)
        parser.add_argument("-d", "--dir", default="out/demo", help="where the DB and report go (default out/demo)")

    def run(self, args, opts):
        out = Path(opts.dir).resolve()
        out.mkdir(parents=True, exist_ok=True)
        db = out / "demo.db"
        dbmod.remove(db)
        for key, value in self.demo_settings.items():
            if self.settings.getpriority(key) < SETTINGS_PRIORITIES["cmdline"]:
                self.settings.set(key, value, priority="cmdline")
        with DemoRegion() as region, DemoPlatforms() as platforms:
            registry = region.write_registry(out / "sites.csv")
            accounts = platforms.write_registry(out / "accounts.csv")
            checks = platforms.write_checks(out / "account_checks.csv")
            self.settings.set("INSPECT_DB", str(db), priority="cmdline")
            for key, value in platforms.settings.items():
                self.settings.set(key, value, priority="cmdline")
            crawler = self.crawler_process.create_crawler("inspect")
            self.crawler_process.crawl(crawler, sites=str(registry), asof=ASOF.isoformat())
            self.crawler_process.crawl(self.crawler_process.create_crawler("accounts"), accounts=str(accounts),
                                       checks=str(checks), asof=ASOF.isoformat())
            self.crawler_process.start()
        self.print_summary(db)
        self.print_accounts(db)
        from exports.report import write_report

        for name in ("report.html", "report.md"):
            write_report(db, out / name)
        print(f"\naccount registry: {accounts} (hand checks: {checks})")
        print(f"site registry: {registry}\ndatabase:      {db}\nreport:        {out / 'report.html'} "
              f"(also report.md)\nbrowse:        datasette serve {db}")

    def print_summary(self, db):
        con = sqlite3.connect(db)
        rows = con.execute("SELECT v.site_id, s.name, v.qualified, v.vetoes, v.score, v.reason FROM verdicts v "
                           "JOIN sites s USING (run_id, site_id) ORDER BY s.rowid").fetchall()
        con.close()
        print(f"\n{'site':<10} {'verdict':<14} {'vetoes / score':<40} name")
        for sid, name, qualified, vetoes, score, reason in rows:
            verdict = "合格" if qualified == 1 else "不合格" if qualified == 0 else "未检查"
            detail = vetoes if vetoes and vetoes != "[]" else (f"score {score}" if score is not None else reason)
            print(f"{sid:<10} {verdict:<14} {detail:<40} {name}")

    def print_accounts(self, db):
        con = sqlite3.connect(db)
        rows = con.execute("SELECT account_id, platform, name, qualified, status, bucket, days_since_post, vetoes "
                           "FROM account_verdicts ORDER BY rowid").fetchall()
        con.close()
        print(f"\n{'account':<16} {'platform':<8} {'verdict':<8} {'status':<13} {'bucket':<6} {'days':>5}  {'vetoes':<40} name")
        for aid, platform, name, qualified, status, bucket, days, vetoes in rows:
            verdict = "合格" if qualified == 1 else "不合格" if qualified == 0 else "未判定"
            print(f"{aid:<16} {platform:<8} {verdict:<8} {status:<13} {bucket or '-':<6} "
                  f"{'-' if days is None else days:>5}  {(vetoes or '') if vetoes != '[]' else '':<40} {name}")
