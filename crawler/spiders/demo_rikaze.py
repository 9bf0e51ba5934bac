"""日喀则市人民政府 (demo region): lists are <div class="row" data-href> rows without links.

The worked example of a site-specific spider. The generic extractor sees no list (there are no
<a> items) but finds the old 热点信息 box beside every list and would judge every column stale;
this spider reads the rows instead, and overrides nothing else.
"""

from __future__ import annotations

from urllib.parse import urljoin

from crawler.extract import PageExtract, listing, placeholder_in, shown_placeholder
from crawler.spiders.inspect import InspectSpider


class RikazeSpider(InspectSpider):
    name = "demo_rikaze"

    def rows(self, response, selector: str) -> list[listing.Entry]:
        return [listing.Entry(title=row.css(".t::text").get("").strip(),
                              url=urljoin(response.url, row.attrib["data-href"]),
                              date_text=row.css(".d::text").get("").strip(),
                              sticky=bool(row.css(".zd")))
                for row in response.css(selector)]

    def extract_list(self, response, page, column):
        items = self.rows(response, "div.rows div.row")
        return PageExtract(url=response.url, kind="list" if items else "other", items=items,
                           placeholder="" if items else shown_placeholder(page, placeholder_in(page.text)))

    def homepage_items(self, response, page, site):
        return self.rows(response, "div.block div.row")
