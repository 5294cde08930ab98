"""Scrapy settings for linkprospector (``scrapy.cfg`` points here)."""

from linkprospector.config import DEFAULTS as _defaults  # lower case: not read as a setting

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
SCHEDULER_PRIORITY_QUEUE = "linkprospector.crawl.pqueue.IdleSlotPriorityQueue"
# Every request counts against its host's cap; hosts that answer 429 get fewer
DOWNLOADER = "linkprospector.crawl.polite_downloader.PoliteDownloader"
# Pipelines are synchronous: Scrapy's default of 100 item tasks per response only costs CPU.
CONCURRENT_ITEMS = 8
REACTOR_THREADPOOL_MAXSIZE = 32  # concurrent DNS lookups
TWISTED_DNS_RESOLVER = "linkprospector.crawl.resolver.LinkProspectorResolver"
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
    "linkprospector.middlewares.link_context.LinkContextSpiderMiddleware": 960,  # pitches
}
DOWNLOADER_MIDDLEWARES = {
    # pages fetched recently are answered from the database
    "linkprospector.middlewares.replay.FreshPageReplayDownloaderMiddleware": 50,
    # hold dns/refused failures until the network is proven up
    "linkprospector.middlewares.outage.OutageGuardDownloaderMiddleware": 570,
    "linkprospector.middlewares.linkcheck.LinkCheckDownloaderMiddleware": 580,
    # a robots.txt answering 5xx/429 or failing disallows its site (RFC 9309)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "linkprospector.middlewares.robotstxt.RobotsTxtDownloaderMiddleware": 100,
}
ITEM_PIPELINES = {
    "pipelines.sqlite.SQLitePipeline": 300,
    "pipelines.parked_hosts.ParkedHostsPipeline": 310,
    "pipelines.backlinks.BacklinksPipeline": 320,  # only for spiders that check backlinks
    "pipelines.pitch_pages.PitchPagesPipeline": 330,  # pitches: your pages, link sentences
}
EXTENSIONS = {
    "linkprospector.crawl.progress.ProgressExtension": 500,
    "linkprospector.crawl.gctune.GarbageCollectorExtension": 510,
    "linkprospector.crawl.watchdog.StallWatchdogExtension": 520,  # a blocked reactor is logged
}

# linkprospector's own settings: LINKPROSPECTOR_*, each default declared once in
# linkprospector/config.py (see README "Settings"). The browser download handler is
# installed by the spider only when it may render (linkprospector/crawl/browser.py).
globals().update(_defaults.as_settings())
