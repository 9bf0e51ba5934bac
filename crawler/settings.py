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
# Keeps CONCURRENT_REQUESTS_PER_DOMAIN even with DOWNLOAD_DELAY = 0 (see crawler/downloader.py).
DOWNLOADER = "crawler.downloader.PoliteDownloader"
# Items of one response go through the pipelines one at a time: every pipeline is synchronous, and
# Scrapy starts CONCURRENT_ITEMS asyncio tasks per response (the default 100 cost ~1 ms a page).
CONCURRENT_ITEMS = 1
# Scrapy's check for generator callbacks returning a value caches by bound method, so it re-parses the
# callback's source (ast) for every response: ~1 % of a crawl's CPU.
WARN_ON_GENERATOR_RETURN_VALUE = False
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
    "crawler.extensions.GarbageCollection": 50,
    "crawler.extensions.LogLevel": 60,
    "crawler.resume.UncleanStopGuard": 100,
    "crawler.extensions.Progress": 500,
    "crawler.extensions.Judge": 600,
    "crawler.monitors.RunMonitor": 700,  # after Judge: checks the verdicts too; logs the run's last lines
}
# Charset repair runs after decompression (590) and redirects (600); see docs/reliability.md.
# Request and response counts without byte counts (crawler/stats.py); no HTTP auth (public pages: a
# site-specific spider with http_user puts HttpAuthMiddleware back); meta refresh redirects without
# decoding the pages that have none. Off: the offsite filter, which only acts on a spider's
# allowed_domains: a site's hosts come from the registry, and link checks leave the site on purpose.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.MetaRefresh": 580,
    "crawler.middlewares.CharsetRepairMiddleware": 560,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
    "crawler.stats.DownloadCounts": 850,
}
# A page whose reading raised becomes a read_error fact (see docs/reliability.md). Nearest the spider,
# a response's facts become one item, so Scrapy's cost per item is paid once per response. Off: request
# depth (the spider bounds a site by its own budgets) and the check for meta copied from a response
# (the spider builds every request's meta afresh); each is a pass over every request.
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    "crawler.middlewares.ReadErrorMiddleware": 950,
    "crawler.middlewares.FactBatches": 990,
}
STATS_CLASS = "crawler.stats.StatsCollector"
# Scrapy's downloader-aware queue (sites take turns), finding the next site in fewer steps.
SCHEDULER_PRIORITY_QUEUE = "crawler.queues.SiteAwarePriorityQueue"
# The browser for sites the registry marks render=yes (crawler/render.py; Debian: apt-get install chromium).
RENDER_BROWSER = "/usr/bin/chromium"
# Run monitors (crawler/monitors.py): a failing one is logged and stored in runs.monitors, never fatal.
MONITORS_ENABLED = True
MONITOR_MAX_ERROR_RATE = 0.25  # share of a run's fetched pages that failed
MONITOR_MAX_NOT_INSPECTED = 0.2  # share of the run's sites not inspected or blocked
MONITOR_MAX_ERRORS = 0  # ERROR lines in the log besides exhausted retries (a bug, not a site's fault)
MONITOR_MAX_INVALID_ITEMS = 0
MONITOR_MAX_ZERO_ITEM_SITES = 0  # inspected sites where no list item was found at all

# Where facts, findings and verdicts go (one SQLite file per run or shard).
INSPECT_DB = "out/inspect.db"
# Crawl budgets: pages of one column's list, requests of one site, columns of one site.
INSPECT_COLUMN_PAGES = 3
INSPECT_SITE_MAX_REQUESTS = 400
INSPECT_MAX_COLUMNS = 80
INSPECT_MAX_SUBCOLUMNS = 30
# Sites fetched at once; the next site starts when one is done, so the request queue stays bounded
# however large the region and however slowly pages are processed (0: every site at once). With a 1 s delay per site, 300 sites in flight ask for
# about what one core can process (~300-400 responses/s, BENCHMARKS.md).
INSPECT_SITES_IN_FLIGHT = 300
# Articles fetched from the first page of each column (publication date cross-check, content checks).
INSPECT_ARTICLES_PER_COLUMN = 1
# Panels of a homepage fetched and read as part of it: its visible frames and iframes and what a
# jQuery .load() puts in (a news box served as a page of its own), on the site's own hosts.
INSPECT_HOMEPAGE_PANELS = 6
# Lists a page's scripts fetch ($.getJSON, fetch, axios: JSON, JSONP or HTML), read on the homepage, its
# panels and each column's first page, on the site's own hosts: at most this many per page.
INSPECT_SCRIPT_LISTS = 4
# Page analyzers (crawler.analyzers.Analyzer): {dotted path: order}; each adds facts about pages.
PAGE_ANALYZERS = {
    "crawler.analyzers.interaction.InteractionAnalyzer": 500,
    "crawler.analyzers.service.ServiceAnalyzer": 510,
    "crawler.analyzers.identity.IdentityAnalyzer": 600,
    "crawler.analyzers.links.LinkAnalyzer": 700,
    "crawler.analyzers.security.SecurityAnalyzer": 800,
}
# Security scan (docs/security.md): directories of user lexicons (gambling.txt, allow.txt, confusion.csv, …)
# added to the bundled crawler/data/lexicons.
SECURITY_LEXICON_DIRS = []
# Link checks (crawler/analyzers/links.py): URLs checked per site (they share the site's request budget
# and politeness slot, after its own pages), seconds per check, bytes at most (headers are enough).
LINKS_MAX_PER_SITE = 60
LINKS_TIMEOUT = 20
LINKS_MAXSIZE = 1024 * 1024
# Check links to other hosts too (each external URL once per run).
LINKS_CHECK_EXTERNAL = True
# Link facts leave the spider this many at a time, or this many seconds after the first (as the store
# commits), or with the next page's facts, or when no check is under way; the store takes any left when
# the crawl closes. LINKS_FACT_BATCH = 1 makes each check's facts an item of their own.
LINKS_FACT_BATCH = 200
LINKS_FACT_SECONDS = 2.0
# Identity checks (crawler/analyzers/identity.py): look up AAAA records of named hosts (IPv6).
IDENTITY_DNS_CHECKS = True
# Interaction channels and messages (docs/interaction.md): extra keyword rows (CSV class,keyword), list
# pages read per channel, message pages fetched per list page, how far back (days) lists are followed,
# and all interaction requests of one site (they count against INSPECT_SITE_MAX_REQUESTS too).
INTERACTION_CHANNELS_FILE = ""
INTERACTION_LIST_PAGES = 3
INTERACTION_MESSAGE_PAGES = 20
INTERACTION_LOOKBACK_DAYS = 366
INTERACTION_SITE_MAX_REQUESTS = 120
# 办事服务 (docs/interaction.md): extra entry rows (CSV kind,pattern), guides sampled per site, guide
# lists or on-site service pages followed per site.
SERVICE_ENTRIES_FILE = ""
SERVICE_GUIDE_SAMPLE = 5
SERVICE_GUIDE_LISTS = 2
# A column's pagination stops once an item is newer than this many days (by category).
INSPECT_FRESH_DAYS = {"news": 14, "notice": 183, "personnel_plan": 366, "cadence": 366}
# Extra column keywords (CSV category,keyword) added to crawler/data/column_categories.csv.
COLUMN_KEYWORDS_FILE = ""
# Python's garbage collector during a crawl (gc.set_threshold; empty: Python's own, 700, 10, 10): the
# young generation is collected every 50,000 allocations, not every 700 (BENCHMARKS.md).
GC_THRESHOLDS = [50000, 10, 10]
# Seconds between progress lines in the log.
PROGRESS_INTERVAL = 30

# Availability probes (`scrapy crawl probe`, docs/probes.md): the 19号 limit is 15 s, no retries.
PROBE_TIMEOUT = 15
PROBE_MAX_REDIRECTS = 10
PROBE_CONCURRENCY = 500
# Where the probes run from (stored with every row); default: this machine's host name.
PROBE_ORIGIN = ""

# Rules: switch off by id, override parameters per rule (JSON on the command line), scoring.
RULES_DISABLED = []
RULE_PARAMS = {}
# The 100-point score (rules/verdict.py; docs/scoring.md has every figure with its source). Only the
# structure is verbatim; the 办事服务 share is inferred from 75×4/3; every deduction's points and cap are
# UNVERIFIED project defaults until the official 2019 deduction table is read. -s SCORING='{…}' is merged
# key by key over this table.
SCORING = {
    "pass_score": 60,
    "bonus_above": 80,
    "bonus_max": 30,
    "bonus_kinds": ["portal"],
    "bonus_rules": ["bonus_items"],
    "services_category": "办事服务",
    "no_services_kinds": ["department"],
    "categories": {"办事服务": 25},
    "deductions": {
        "broken_links": {"category": "功能设计", "cap": 10, "points": {"homepage": 1.0, "other": 0.1}},
        "site_identity": {"category": "功能设计", "cap": 5, "points": {
            "site_code": 1.0, "conac": 1.0, "icp": 1.0, "police": 1.0, "domain": 2.0, "jiucuo": 1.0,
            "https": 0.5, "ipv6": 0.5}},
    },
}

# New-media accounts (scrapy crawl accounts; docs/accounts.md). Each platform adapter has one download
# slot and one request budget for the whole crawl ("default" for adapters not named).
ACCOUNTS_PLATFORM_MAX_REQUESTS = {"weibo": 600, "wechat": 600, "feed": 2000, "default": 600}
ACCOUNTS_WEIBO_API = "https://m.weibo.cn/api/container/getIndex"
# Feed URL templates per platform for accounts without a url, e.g. {"douyin": "https://<your RSSHub>/douyin/user/{platform_id}"}
ACCOUNTS_FEED_URLS = {}
# More regular expressions (with a group "name") that strip a bridge's decoration from a feed title.
ACCOUNTS_FEED_TITLE_PATTERNS = []
# Hand checks (CSV, see docs/accounts.md); -a checks=FILE sets it for one crawl.
ACCOUNTS_MANUAL_CHECKS = ""
# Report buckets of not-updated accounts: the least days since the latest post for each (project default).
ACCOUNT_BUCKETS = {"2w": 14, "6m": 183, "1y": 365}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
