"""A site-specific spider with a bug: it raises on every list page it reads."""

from crawler.spiders.inspect import InspectSpider


class CrashingListSpider(InspectSpider):
    name = "crashing_lists"

    def extract_list(self, response, page, column):
        raise ValueError("a bug in a site-specific spider")
