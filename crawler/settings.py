"""govinspect's Scrapy settings. Every threshold a rule uses is a setting; see README."""

BOT_NAME = "govinspect"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

USER_AGENT = "Mozilla/5.0 (compatible; govinspect/0.1; government website inspection)"

# Politeness: small government servers. One request at a time per site (a download slot per site,
# or per shared 集约化 platform), a delay, AutoThrottle; many sites crawl at once.
ROBOTSTXT_OBEY = False
CONCURRENT_REQUESTS = 128
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
REACTOR_THREADPOOL_MAXSIZE = 20
COOKIES_ENABLED = False
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 1
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
DNS_TIMEOUT = 15

ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.NormalizeDatesPipeline": 200,
    "crawler.pipelines.StorePipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.Progress": 500,
    "crawler.extensions.Judge": 600,
}

# Where facts, findings and verdicts go (one SQLite file per run or shard).
INSPECT_DB = "out/inspect.db"
# Crawl budgets: pages of one column's list, requests of one site, columns of one site.
INSPECT_COLUMN_PAGES = 3
INSPECT_SITE_MAX_REQUESTS = 400
INSPECT_MAX_COLUMNS = 80
INSPECT_MAX_SUBCOLUMNS = 30
# Articles fetched from the first page of each column (publication date cross-check, content checks).
INSPECT_ARTICLES_PER_COLUMN = 1
# Page analyzers (crawler.analyzers.Analyzer): {dotted path: order}; each adds facts about pages.
PAGE_ANALYZERS = {}
# A column's pagination stops once an item is newer than this many days (by category).
INSPECT_FRESH_DAYS = {"news": 14, "notice": 183, "personnel_plan": 366, "cadence": 366}
# Extra column keywords (CSV category,keyword) added to crawler/data/column_categories.csv.
COLUMN_KEYWORDS_FILE = ""
# Seconds between progress lines in the log.
PROGRESS_INTERVAL = 30

# Rules: switch off by id, override parameters per rule (JSON on the command line), scoring.
RULES_DISABLED = []
RULE_PARAMS = {}
SCORING = {}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
