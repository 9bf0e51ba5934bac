"""Spiders. ``inspect`` crawls a region's websites; a site-specific spider subclasses it.

A site-specific spider overrides only what the generic crawl reads wrong (see ``InspectSpider``'s
hook methods) and says which sites it is for: the registry's ``spider`` column names it, or its
``claims`` lists the hosts it handles. ``scrapy crawl inspect`` then uses it for those sites, and
``scrapy crawl NAME`` runs it alone on them.
"""
