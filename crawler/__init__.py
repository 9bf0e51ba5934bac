"""govinspect's Scrapy project: spiders, items, pipelines and the commands staff run."""
