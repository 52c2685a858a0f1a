"""``--max-seconds`` holds for downloads too: no download outlives the crawl's deadline by more than a moment.

Scrapy's ``CLOSESPIDER_TIMEOUT`` only starts a graceful stop, and a graceful stop waits for every
download in flight or still queued in a site's slot, each allowed ``DOWNLOAD_TIMEOUT`` (30 s): a
12 s crawl of a slow site took 36 s. This HTTP download handler (Scrapy's own, with a deadline)
starts no download after the deadline (:class:`DeadlineCut`) and gives each download at most the
time left before it, plus :data:`GRACE_SECONDS`. A download cut that way is marked
(:data:`CUT_FLAG`): the spider does not count it as a failure of its site and writes no
``fetches`` row for it (the next run asks it again).
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

GRACE_SECONDS = 2.0  # what a download in flight may still take after the deadline
CUT_FLAG = "akhbar_deadline_cut"  # request meta: its download timeout was shortened to the deadline


class DeadlineCut(IgnoreRequest):
    """A request not sent because the crawl's ``--max-seconds`` had come."""


class DeadlineDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, bounded by ``CLOSESPIDER_TIMEOUT`` (see the module)."""

    lazy = False  # built with the downloader, before the spider opens: the deadline's clock starts then

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seconds = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 180)
        self.deadline: float | None = None
        if self.seconds > 0:
            crawler.signals.connect(self._opened, signal=signals.spider_opened)

    def _opened(self) -> None:
        self.deadline = time.monotonic() + self.seconds  # CloseSpider's clock starts here too

    async def download_request(self, request: Request) -> Response:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                request.meta[CUT_FLAG] = True
                raise DeadlineCut(f"--max-seconds {self.seconds:g} reached before {request.url} was sent")
            if left + GRACE_SECONDS < float(request.meta.get("download_timeout") or self.timeout):
                request.meta["download_timeout"] = left + GRACE_SECONDS
                request.meta[CUT_FLAG] = True
        return await super().download_request(request)
