"""The one Scrapy settings module (``scrapy.cfg`` points here).

Every ``AKHBAR_*`` environment variable below overrides its default, so cron jobs
and containers configure akhbar without editing files.
"""

from __future__ import annotations

import os

from crawler import __version__

BOT_NAME = "akhbar"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- akhbar --------------------------------------------------------------------
AKHBAR_DATA_DIR = os.getenv("AKHBAR_DATA_DIR", "var")
AKHBAR_DB_URL = os.getenv("AKHBAR_DB_URL") or None
AKHBAR_SEEDS_DIR = os.getenv("AKHBAR_SEEDS_DIR", "seeds")
AKHBAR_SITES = [s for s in os.getenv("AKHBAR_SITES", "").split(",") if s]  # empty: all enabled sites
AKHBAR_RECRAWL = os.getenv("AKHBAR_RECRAWL", "") not in ("", "0", "false")
AKHBAR_WORKERS = int(os.getenv("AKHBAR_WORKERS", "0"))  # extraction processes; 0: one per core
AKHBAR_PAGE_BUDGET = 30.0  # extraction seconds per page before it is recorded as 'timeout' (0: no limit)

# -- politeness ----------------------------------------------------------------
USER_AGENT = os.getenv(
    "AKHBAR_USER_AGENT", f"akhbar/{__version__} (news archiver; +https://github.com/akhbar-news/akhbar)"
)
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = os.getenv("AKHBAR_AUTOTHROTTLE", "1") not in ("0", "false")
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0  # per-site delays come from the seeds (DOWNLOAD_SLOTS, set by the spider)
CONCURRENT_REQUESTS = int(os.getenv("AKHBAR_CONCURRENT_REQUESTS", "16"))
CONCURRENT_REQUESTS_PER_DOMAIN = int(os.getenv("AKHBAR_CONCURRENCY_PER_SITE", "2"))  # also each site's slot

# -- robustness ----------------------------------------------------------------
DOWNLOAD_TIMEOUT = float(os.getenv("AKHBAR_DOWNLOAD_TIMEOUT", "30"))
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
LOG_LEVEL = os.getenv("AKHBAR_LOG_LEVEL", "INFO")

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
DOWNLOADER_MIDDLEWARES = {
    "crawler.boundary.SiteBoundary": 50,  # first: nothing off-site even reaches robots.txt or the network
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsGate": 100,  # robots.txt settled before any request of its host (RFC 9309)
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.redirects.LoopAwareRedirect": 600,  # redirect loops fail (and are recorded) instead of vanishing
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.throttle.SiteThrottle": 0,  # AutoThrottle with each site's download_delay as its floor
}
