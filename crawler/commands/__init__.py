"""Custom scrapy commands: demo, extract, rescore, report, rules."""
