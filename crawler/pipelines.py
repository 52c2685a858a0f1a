"""Thin item pipeline: hands each RawPage to the crawl session (the shared processing path).

Extraction is the slow part of a crawl, so it runs in a process pool, off the reactor
thread: downloads go on while pages are extracted. The worker also builds the page's
archive record (hashing and compressing it is the main process's largest share of work
otherwise). With one worker (``--workers 1``) pages are extracted in this process and a
thread builds the archive record meanwhile (hashing and gzip release the GIL). Either way
pages are archived and settled (decided and stored) strictly in arrival order, so the
store is the one a re-process of the archive gives.

Only pages stored as articles leave the pipeline, as ``StoredArticle`` items (what feed exports
write: ``scrapy crawl news -O items.jsonl``); every other item is dropped quietly (DEBUG) once
recorded. The stats count ``akhbar/articles``, ``akhbar/copies`` (exact or near duplicates among
them), ``akhbar/rejected/<outcome>`` and ``akhbar/known`` (pages already stored).

The first write that fails (a full disk...) stops the crawl at once (the engine closes
the spider with reason ``disk_full`` or ``error``), instead of failing page after page.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.config import PAGE_BUDGET_SECONDS, worker_bound
from crawler.items import FetchFailure, RawPage, StoredArticle
from crawler.processing.lshindex import warm_up
from crawler.processing.outcomes import Outcome
from crawler.report import silent_sites
from crawler.run.executor import OrderedExecutor
from crawler.run.ingest import COMMIT_SECONDS
from crawler.run.session import CrawlSession
from crawler.runs import FinishReason, from_scrapy
from storage.faults import is_disk_full

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
            archive_info={
                "operator": settings.get("AKHBAR_OPERATOR") or "",
                "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                "http-header-user-agent": settings.get("USER_AGENT") or "",
            },
        )
        self.session.on_failure = self._stop
        self._stopping = False
        workers = settings.getint("AKHBAR_WORKERS") or (os.cpu_count() or 1)
        if workers > worker_bound():
            log.warning("AKHBAR_WORKERS %d: capped at %d extraction processes", workers, worker_bound())
            workers = worker_bound()
        ingestor = self.session.ingestor
        self.executor = OrderedExecutor(
            workers, self.session.store.params, ingestor.page_budget, pack=ingestor.archive is not None
        )
        self._ticker = task.LoopingCall(self.session.tick)
        self._ticker.start(COMMIT_SECONDS, now=False)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        session = self.session
        if isinstance(item, FetchFailure):
            session.record_failure(item)
            raise DropItem(f"failed request recorded: {item.url}", log_level="DEBUG")
        if not isinstance(item, RawPage):
            return item
        ingestor = session.ingestor
        page = session.write(lambda: ingestor.admit(item, archive_now=False))  # archived when settled, in order
        if page is None:
            if session.failed is None:
                self._count("akhbar/known")
            raise DropItem(f"already stored: {item.effective_url}", log_level="DEBUG")
        try:
            async with self.executor.in_turn(page.raw) as analysis:
                outcome = session.write(
                    lambda: ingestor.settle(ingestor.archived(page, analysis.member), analysis.result)
                )
        except Exception:
            if self._stopping or session.failed is not None:  # the run is stopping on a failure already said
                raise DropItem("the run is stopping", log_level="DEBUG") from None  # once: in flight, go quietly
            raise  # anything else is a bug: Scrapy logs it with its traceback
        stored = self._stored(page.key) if outcome is Outcome.ARTICLE else None
        if stored is None:
            if outcome is not None:
                self._count(f"akhbar/rejected/{outcome.value}")
            raise DropItem(f"{outcome.value if outcome else 'not stored'}: {item.effective_url}", log_level="DEBUG")
        self._count("akhbar/articles")
        if stored.dup_kind != "unique":
            self._count("akhbar/copies")
        return stored

    def _stored(self, key: str) -> StoredArticle | None:
        """The article just stored from the page keyed ``key`` (in the run's open transaction)."""
        row = self.session.write(lambda: self.session.store.stored_article(key))
        return StoredArticle(**row) if row is not None else None

    def _stop(self) -> None:
        """The first failed write stops the crawl: pages after it would fail the same way."""
        if self._stopping:
            return
        self._stopping = True
        failed = self.session.failed
        reason = FinishReason.DISK_FULL if failed is not None and is_disk_full(failed) else FinishReason.ERROR
        engine = self.crawler.engine
        if engine is None or engine.spider is None:
            return
        stopping = deferred_from_coro(engine.close_spider_async(reason=reason.value))
        stopping.addErrback(lambda failure: log.debug("closing the spider: %s", failure))

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def _closed(self, reason: str) -> None:
        if self._ticker.running:
            self._ticker.stop()
        self.executor.close()
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        extra = {
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "robots_forbidden": stats.get("robotstxt/forbidden", 0),
            "scrapy_finish_reason": reason,  # e.g. closespider_timeout (--max-seconds), recorded as finished
        }
        summary = self.session.close(from_scrapy(reason), extra)
        verdicts: dict[str, str] = {}
        without = summary.get("sites_without_articles")
        if summary.get("finish_reason") == FinishReason.FINISHED:  # a run cut short says nothing of its sites
            verdicts = silent_sites(stats, without if isinstance(without, list) else [])
        for name, why in verdicts.items():
            log.warning("site %s yielded no article in this run: %s", name, why)
        summary["sites_without_articles"] = list(verdicts)
        summary["site_verdicts"] = verdicts
