"""Thin item pipeline: hands each RawPage to the crawl session (the shared processing path)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.items import FetchFailure, RawPage
from crawler.runtime import CrawlSession

log = logging.getLogger(__name__)


class StorePipeline:
    """Archives, processes and stores every page; opens and closes the crawl session."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.session = CrawlSession(
            Path(settings.get("AKHBAR_DATA_DIR")),
            settings.get("AKHBAR_DB_URL"),
            list(settings.getlist("AKHBAR_SITE_NAMES")),
            {"sites": settings.getlist("AKHBAR_SITES"), "seeds": settings.get("AKHBAR_SEEDS_DIR")},
        )
        crawler.akhbar_session = self.session  # type: ignore[attr-defined]
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, RawPage):
            outcome = self.session.ingest(item)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(f"akhbar/outcome/{outcome or 'known'}")
        elif isinstance(item, FetchFailure):
            self.session.record_failure(item)
        return item

    def _closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        extra = {
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "robots_forbidden": stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0),
        }
        summary = self.session.close(reason, extra)
        silent = []
        without = summary.get("sites_without_articles")
        for name in without if isinstance(without, list) else []:
            if not stats.get(f"akhbar/{name}/article_urls", 0):  # found none, not even known ones
                silent.append(name)
                log.warning("site %s yielded no article in this run: its layout or URLs may have changed", name)
        summary["sites_without_articles"] = silent
