"""Site-specific spiders with bugs: one raises on every list page it reads, one raises after a
column page's facts are yielded, one yields an entry without a URL."""

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
