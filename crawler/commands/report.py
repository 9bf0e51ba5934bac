"""scrapy report: write the 抽查通报 of a run (HTML, Markdown or CSV), optionally with the 整改复查."""

from __future__ import annotations

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from exports.report import ReportError, write_report
from exports.report.browse import prepare


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self):
        return "-d FILE.db -o report.html|report.md|report.csv [--compare OLD.db] [--run RUN_ID]"

    def short_desc(self):
        return "Write the 抽查通报 (report) of an inspection database"

    def add_options(self, parser):
        super().add_options(parser)
        parser.add_argument("-d", "--db", required=True, help="the inspection database")
        parser.add_argument("-o", "--output", dest="out", required=True,
                            help="report file: .html, .md or .csv (the CSV holds the 附件 tables)")
        parser.add_argument("--compare", metavar="OLD.db", help="the earlier inspection: adds the 整改复查 section")
        parser.add_argument("--run", metavar="RUN_ID", help="the run to report (default: the latest)")

    def run(self, args, opts):
        try:
            path = write_report(opts.db, opts.out, compare=opts.compare, run_id=opts.run)
        except (ReportError, FileNotFoundError) as exc:
            raise UsageError(str(exc)) from None
        print(f"report written: {path}")
        metadata = prepare(opts.db)
        print(f"browse: datasette serve {opts.db} --metadata {metadata}")
