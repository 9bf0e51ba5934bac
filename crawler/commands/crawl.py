"""scrapy crawl, with the spider's arguments and registry checked before anything starts.

A bad registry or argument ends the command with one line naming the file and row (exit 2),
before any request is made or any database is written.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawler.registry import RegistryError


class Command(ScrapyCrawl):
    def run(self, args, opts):
        if len(args) == 1:
            check = getattr(self.crawler_process.spider_loader.load(args[0]), "check_arguments", None)
            if check is not None:
                try:
                    check(**opts.spargs)
                except RegistryError as exc:
                    raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
