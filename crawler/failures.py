"""Why a request failed, said once per site and cause.

A dead or hostile site makes every request fail the same way; the log must say so once
("site x: unreachable (connection refused): ...") and count the rest, instead of one line,
or one traceback, per request. The counts land in the crawl's stats as
``akhbar/<site>/unreachable/<cause>``, which the end-of-run verdict reads (unreachable vs
reachable with no articles).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
)
from twisted.internet import error as tx_error

from crawler.report import UNREACHABLE_CAUSES

log = logging.getLogger("crawler.spiders.news")

# The causes that make a site unreachable (the stats key's last part).
DNS, CONNECTION, TIMEOUT = "dns", "connection", "timeout"
ROBOTS_5XX, ROBOTS_UNREADABLE = "robots_5xx", "robots_unreadable"

# Scrapy's own per-request lines for these failures (and tracebacks) say nothing the one line
# below does not; they are quietened when the spider starts. Of the scraper's records only the
# download errors go (:class:`DownloadErrorFilter`): a bug in a spider callback or a pipeline must
# still show its traceback.
NOISY_LOGGERS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")
SCRAPER_LOGGER = "scrapy.core.scraper"


class DownloadErrorFilter(logging.Filter):
    """Drops Scrapy's "Error downloading <request>" records (each failure is said once per site and
    cause instead), keeps every other record of the logger it is attached to."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error downloading")


def over_size_cap(message: str) -> bool:
    """Whether a failure message says the response was over the download size cap (Scrapy words it
    "... larger than download max size ...")."""
    lowered = message.lower()
    return "maxsize" in lowered or "max size" in lowered or "larger than" in lowered


def unreachable_cause(exc: BaseException) -> str | None:
    """The unreachability cause of a download exception, or None if it says nothing about the site."""
    if isinstance(exc, CannotResolveHostError | tx_error.DNSLookupError):
        return DNS
    if isinstance(exc, DownloadTimeoutError | tx_error.TimeoutError | TimeoutError):
        return TIMEOUT
    if isinstance(
        exc,
        DownloadConnectionRefusedError | tx_error.ConnectError | tx_error.ConnectionLost | ConnectionError,
    ):
        return CONNECTION
    name = type(exc).__name__
    if name in ("ResponseNeverReceived", "ResponseFailed"):
        return CONNECTION
    return None


class FailureLog:
    """One warning per (site, cause) for the run; every occurrence counted in the stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler  # its stats exist once the crawl starts
        self._said: set[tuple[str, str]] = set()

    def unreachable(self, site: str, cause: str, detail: str) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(f"akhbar/{site}/unreachable/{cause}")
        if (site, cause) in self._said:
            log.debug("%s: unreachable (%s): %s", site, cause, detail)
            return
        self._said.add((site, cause))
        log.warning(
            "site %s: unreachable: %s: %s (further ones not shown)", site, UNREACHABLE_CAUSES.get(cause, cause), detail
        )

    def quieten_scrapy(self) -> None:
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        scraper = logging.getLogger(SCRAPER_LOGGER)
        if not any(isinstance(f, DownloadErrorFilter) for f in scraper.filters):
            scraper.addFilter(DownloadErrorFilter())
