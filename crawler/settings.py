"""The one Scrapy settings module (``scrapy.cfg`` points here).

Every ``AKHBAR_*`` environment variable below overrides its default, so cron jobs
and containers configure akhbar without editing files. They are read with
:mod:`crawler.config`'s readers: booleans as users write them (1/0, true/false, yes/no,
on/off), numbers checked for range; a wrong value is one line naming the variable.
"""

from __future__ import annotations

from crawler import __version__
from crawler.config import (
    DATA_DIR,
    PAGE_BUDGET_SECONDS,
    default_operator,
    default_seeds_dir,
    default_workers,
    env_bool,
    env_list,
    env_log_level,
    env_number,
    env_str,
)

BOT_NAME = "akhbar"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- akhbar --------------------------------------------------------------------
AKHBAR_DATA_DIR = env_str("AKHBAR_DATA_DIR", DATA_DIR)
AKHBAR_DB_URL = env_str("AKHBAR_DB_URL", "") or None
AKHBAR_SEEDS_DIR = str(default_seeds_dir())  # $AKHBAR_SEEDS_DIR, else ./seeds, else the bundled seeds
AKHBAR_SITES = env_list("AKHBAR_SITES")  # empty: all enabled
AKHBAR_RECRAWL = env_bool("AKHBAR_RECRAWL", False)
# extraction processes; 0: one per core
AKHBAR_WORKERS = default_workers()
# extraction seconds per page before it is recorded as 'timeout' (0: no limit)
AKHBAR_PAGE_BUDGET = env_number("AKHBAR_PAGE_BUDGET", PAGE_BUDGET_SECONDS, 0, 3600)
AKHBAR_PROGRESS = "off"  # akhbar crawl: "line" on a terminal, "minutely" otherwise (crawler/progress.py)
AKHBAR_PROGRESS_SECONDS = 0  # between two progress lines; 0: 1 s for "line", 60 s for "minutely"
AKHBAR_OPERATOR = default_operator()  # who runs the crawl: written to each archive file's warcinfo record
# --frontier: a worker started less than this many seconds after the shared run drained finds nothing to do
AKHBAR_FRONTIER_GRACE = env_number("AKHBAR_FRONTIER_GRACE", 30, 0, 24 * 3600)

# -- politeness ----------------------------------------------------------------
USER_AGENT = env_str(
    "AKHBAR_USER_AGENT", f"akhbar/{__version__} (news archiver; +https://github.com/akhbar-news/akhbar)"
)
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = env_bool("AKHBAR_AUTOTHROTTLE", True)
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0  # per-site delays come from the seeds (DOWNLOAD_SLOTS, set by the spider)
CONCURRENT_REQUESTS = int(env_number("AKHBAR_CONCURRENT_REQUESTS", 16, 1, 1024, integer=True))
# also each site's slot
CONCURRENT_REQUESTS_PER_DOMAIN = int(env_number("AKHBAR_CONCURRENCY_PER_SITE", 2, 1, 64, integer=True))

# -- robustness ----------------------------------------------------------------
DOWNLOAD_TIMEOUT = env_number("AKHBAR_DOWNLOAD_TIMEOUT", 30, 1, 3600)
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # same cap as the processing core
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_ENABLED = True
REDIRECT_MAX_TIMES = 5
DNS_TIMEOUT = 20
HTTPERROR_ALLOW_ALL = True  # the spider records 4xx/5xx pages instead of dropping them
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 runs a code-executing HTTP control server by default: never
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = env_log_level("AKHBAR_LOG_LEVEL", "INFO")

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
SPIDER_MIDDLEWARES = {"crawler.frontier.Frontier": 950}  # next to the spider: known, once per URL, page budget
DOWNLOADER_MIDDLEWARES = {
    "crawler.boundary.SiteBoundary": 50,  # first: nothing off-site even reaches robots.txt or the network
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsGate": 100,  # robots.txt settled before any request of its host (RFC 9309)
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.redirects.LoopAwareRedirect": 600,  # redirect loops fail (and are recorded) instead of vanishing
}
DOWNLOAD_HANDLERS = {  # Scrapy's HTTP/1.1 handler, with --max-seconds as a deadline for downloads too
    "http": "crawler.deadline.DeadlineDownloadHandler",
    "https": "crawler.deadline.DeadlineDownloadHandler",
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.throttle.SiteThrottle": 0,  # AutoThrottle with each site's download_delay as its floor
    "crawler.progress.Progress": 0,  # akhbar crawl's progress line (AKHBAR_PROGRESS; off under scrapy crawl)
}
