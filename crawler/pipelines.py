"""Thin item pipeline: hands each RawPage to the crawl session (the shared processing path).

Extraction is the slow part of a crawl, so it runs in a process pool, off the reactor
thread: downloads go on while pages are extracted. The worker also builds the page's
archive record (hashing and compressing it is the main process's largest share of work
otherwise). With one worker (``--workers 1``) pages are extracted in this process and a
thread builds the archive record meanwhile (hashing and gzip release the GIL). Either way
pages are archived and settled (decided and stored) strictly in arrival order, so the
store is the one a re-process of the archive gives.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from itertools import count
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.items import FetchFailure, RawPage
from crawler.processing.lshindex import warm_up
from crawler.runtime import (
    PAGE_BUDGET_SECONDS,
    CrawlSession,
    analyse_and_pack,
    analyse_page,
    analysis_pool,
    pack_record,
    worker_failure,
)

log = logging.getLogger(__name__)


class StorePipeline:
    """Archives, processes and stores every page; opens and closes the crawl session."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        warm_up()  # start-up: the dedup index's compiled code, before the run's clock and the first page
        self.session = CrawlSession(
            Path(settings.get("AKHBAR_DATA_DIR")),
            settings.get("AKHBAR_DB_URL"),
            list(settings.getlist("AKHBAR_SITE_NAMES")),
            {"sites": settings.getlist("AKHBAR_SITES"), "seeds": settings.get("AKHBAR_SEEDS_DIR")},
            settings.getfloat("AKHBAR_PAGE_BUDGET", PAGE_BUDGET_SECONDS),
        )
        crawler.akhbar_session = self.session  # type: ignore[attr-defined]
        workers = settings.getint("AKHBAR_WORKERS") or (os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = analysis_pool(workers) if workers > 1 else None
        self.packer = ThreadPoolExecutor(1, thread_name_prefix="akhbar-archive")  # one process: archive records
        self._arrival = count()
        self._settled = 0
        self._turns: dict[int, asyncio.Future[None]] = {}
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchFailure):
            self.session.record_failure(item)
            return item
        if not isinstance(item, RawPage):
            return item
        ingestor = self.session.ingestor
        page = ingestor.admit(item, archive_now=False)  # archived when settled, in arrival order
        if page is None:
            self._count("known")
            return item
        turn = next(self._arrival)
        params, budget = self.session.store.params, ingestor.page_budget
        packing = ingestor.archive is not None
        member: bytes | None = None
        if self.pool is not None:  # a worker builds the archive record along with the analysis
            try:
                member, result = await asyncio.wrap_future(
                    self.pool.submit(analyse_and_pack, page.raw, params, budget, packing)
                )
            except Exception as exc:  # recorded; the turns keep going
                result = worker_failure(exc)
        else:  # the record is built in a thread (hashing and gzip release the GIL) during the analysis
            packed = asyncio.wrap_future(self.packer.submit(pack_record, page.raw)) if packing else None
            result = analyse_page(page.raw, params, budget)  # the reactor runs in the main thread: SIGALRM works
            member = await packed if packed is not None else None
        await self._wait_for(turn)
        try:
            page = ingestor.archived(page, member)
            outcome = ingestor.settle(page, result)
        finally:
            self._next_turn()
        self._count(outcome.value)
        return item

    async def _wait_for(self, turn: int) -> None:
        if turn != self._settled:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._turns[turn] = waiter
            await waiter

    def _next_turn(self) -> None:
        self._settled += 1
        waiter = self._turns.pop(self._settled, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _count(self, what: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"akhbar/outcome/{what}")

    def _closed(self, reason: str) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.packer.shutdown(wait=True, cancel_futures=True)
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        extra = {
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        }
        summary = self.session.close(reason, extra)
        silent = []
        without = summary.get("sites_without_articles")
        for name in without if isinstance(without, list) else []:
            if not stats.get(f"akhbar/{name}/article_urls", 0):  # found none, not even known ones
                silent.append(name)
                log.warning("site %s yielded no article in this run: its layout or URLs may have changed", name)
        summary["sites_without_articles"] = silent
