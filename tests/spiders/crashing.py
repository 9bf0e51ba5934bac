"""Site-specific spiders with bugs: one raises on every list page it reads, one raises after a
column page's facts are yielded, one yields an entry without a URL, one hands over date texts
that name no day."""

import dataclasses

from crawler.extract import PageExtract
from crawler.extract.listing import Entry
from crawler.spiders.inspect import InspectSpider


class CrashingListSpider(InspectSpider):
    name = "crashing_lists"

    def extract_list(self, response, page, column):
        raise ValueError("a bug in a site-specific spider")


class CrashingSubnavSpider(InspectSpider):
    name = "crashing_subnav"

    def discover_columns(self, response, page, site, source="nav"):
        if source == "subnav":  # a column page: its page, entries and analyses are yielded by now
            raise ValueError("a bug after the page was read")
        return super().discover_columns(response, page, site, source)


class BlankEntrySpider(InspectSpider):
    name = "blank_entry"

    def extract_list(self, response, page, column) -> PageExtract:
        extracted = super().extract_list(response, page, column)
        if extracted.items:
            extracted.items.append(Entry(title="an entry whose link the spider lost", url=""))
        return extracted


class VagueDatesSpider(InspectSpider):
    """Leaves the dates to the pipeline, as site-specific spiders do, with some no day can be read from."""

    name = "vague_dates"
    texts = ("3个月前", "10分钟后", "05/06/2022", "2023-02-01")

    def extract_list(self, response, page, column) -> PageExtract:
        extracted = super().extract_list(response, page, column)
        extracted.items = [dataclasses.replace(e, date=None, date_form="", date_text=self.texts[i % len(self.texts)])
                           for i, e in enumerate(extracted.items)]
        return extracted
