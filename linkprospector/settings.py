"""Scrapy settings for linkprospector (``scrapy.cfg`` points here)."""

from linkprospector import history as _history  # lower case: not read as a setting

BOT_NAME = "linkprospector"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "linkprospector.commands"

USER_AGENT = (
    "Mozilla/5.0 (compatible; linkprospector/0.1; broken-link checker; "
    "+https://github.com/linkprospector/linkprospector)"
)
ROBOTSTXT_OBEY = True  # for crawled pages; link checks set dont_obey_robotstxt

# Targets spread over many hosts: high global concurrency, polite per host.
CONCURRENT_REQUESTS = 128
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0
SCHEDULER_PRIORITY_QUEUE = "linkprospector.pqueue.IdleSlotPriorityQueue"
# Every request counts against its host's cap; hosts that answer 429 get fewer (issue 11)
DOWNLOADER = "linkprospector.polite_downloader.PoliteDownloader"
# Pipelines are synchronous: Scrapy's default of 100 item tasks per response only costs CPU.
CONCURRENT_ITEMS = 8
REACTOR_THREADPOOL_MAXSIZE = 32  # concurrent DNS lookups
TWISTED_DNS_RESOLVER = "linkprospector.resolver.LinkProspectorResolver"
DNS_TIMEOUT = 10
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_ENABLED = True  # pages only; checks retry in LinkCheckDownloaderMiddleware
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.ResponseDataLossError",
]
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # never open a control port from a cron job
LOGSTATS_INTERVAL = 0  # ProgressExtension prints a better line
LOG_LEVEL = "INFO"

SPIDER_MIDDLEWARES = {
    "linkprospector.middlewares.outbound.OutboundLinkSpiderMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "linkprospector.middlewares.linkcheck.LinkCheckDownloaderMiddleware": 580,
    # a robots.txt answering 5xx/429 or failing disallows its site (RFC 9309)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "linkprospector.middlewares.robotstxt.RobotsTxtDownloaderMiddleware": 100,
}
ITEM_PIPELINES = {
    "pipelines.sqlite.SQLitePipeline": 300,
}
EXTENSIONS = {
    "linkprospector.progress.ProgressExtension": 500,
    "linkprospector.gctune.GarbageCollectorExtension": 510,
}

# linkprospector's own settings (defaults; see README "Settings")
LINKPROSPECTOR_DB = "output/linkprospector.db"
LINKPROSPECTOR_ALLOW_PRIVATE = False
LINKPROSPECTOR_ALLOWED_NETWORKS = ""
LINKPROSPECTOR_HOST_MAP = None
LINKPROSPECTOR_CHECK_METHOD = "GET"  # or HEAD: HEAD first, GET when HEAD is refused
LINKPROSPECTOR_CHECK_MAXSIZE = 256 * 1024
LINKPROSPECTOR_CHECK_TIMEOUT = 20
LINKPROSPECTOR_CHECK_RETRIES = 2
LINKPROSPECTOR_RETRY_BACKOFF = 1.0
LINKPROSPECTOR_RETRY_AFTER_MAX = 30.0
LINKPROSPECTOR_MAX_REDIRECTS = 10
LINKPROSPECTOR_HOST_TIMEOUTS_MAX = 2
LINKPROSPECTOR_PROGRESS_INTERVAL = 10.0
LINKPROSPECTOR_BATCH_SIZE = 500
LINKPROSPECTOR_NOW = None  # ISO time to use as "now" (tests simulate time with it)
LINKPROSPECTOR_GC_THRESHOLD = "50000,20,10"  # gc.set_threshold during a crawl; "" = defaults

# Issue 6: JavaScript rendering (scrapy-playwright + Chromium; see linkprospector/browser.py).
# The browser download handler is installed by the spider only when it may render.
LINKPROSPECTOR_BROWSER = None  # path or name of Chromium/Chrome; default: found on PATH
LINKPROSPECTOR_RENDER_DOMAINS = ""  # comma-separated domains always rendered
LINKPROSPECTOR_RENDER_TIMEOUT = 30.0  # seconds per rendered page
LINKPROSPECTOR_RENDER_CONCURRENCY = 4  # browser pages open at once per context

# issue 4: outreach (contacts, exports)
LINKPROSPECTOR_CONTACT_PAGES_PER_SITE = 3  # contact/about pages visited per prospect site
LINKPROSPECTOR_CONTACTED_DAYS = 30  # exports leave out sites contacted this recently

# issue 3: trustworthy verdicts on the hostile web (see README "Trustworthy verdicts")
DOWNLOADER_MIDDLEWARES["linkprospector.outage.OutageGuardDownloaderMiddleware"] = 570
ITEM_PIPELINES["pipelines.parked_hosts.ParkedHostsPipeline"] = 310
LINKPROSPECTOR_HOSTILE_CHECKS = True  # off: none of issue 3's checks (for measuring their cost)
LINKPROSPECTOR_CHECK_DEADLINE = 60.0  # seconds per check, all retries/redirects/probes included
LINKPROSPECTOR_SOFT404_PROBE = True  # probe suspicious hosts with a nonsense sibling URL
LINKPROSPECTOR_CONFIRM_BOT_404 = True  # re-GET bot-filtered 404s with browser headers
LINKPROSPECTOR_OUTAGE_GUARD = True  # hold dns/refused verdicts until the network is proven up
LINKPROSPECTOR_CANARY_URL = None  # a URL that must always answer (checked at start, on doubt)
LINKPROSPECTOR_OUTAGE_CHECK_INTERVAL = 1.0  # seconds between health checks at most
LINKPROSPECTOR_OUTAGE_CHECK_TIMEOUT = 10.0
LINKPROSPECTOR_OUTAGE_BURST_HOSTS = 8  # network errors on this many hosts in a row: check now

# issue 5: nightly runs (recheck policy, confirmation; see linkprospector/history.py)
LINKPROSPECTOR_RECHECK_LIVE_DAYS = 7.0  # live targets are checked again after this
LINKPROSPECTOR_RECHECK_FAILED_DAYS = 1.0  # dead/blocked/unknown targets after this
LINKPROSPECTOR_RECRAWL_PAGES_DAYS = 1.0  # a crawled page is fetched again after this
DOWNLOADER_MIDDLEWARES["linkprospector.middlewares.replay.FreshPageReplayDownloaderMiddleware"] = 50
# two failures this far apart confirm a dead link (declared once, in history.py)
LINKPROSPECTOR_CONFIRM_HOURS = _history.DEFAULT_CONFIRM_HOURS
