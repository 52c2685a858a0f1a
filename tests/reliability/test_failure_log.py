"""What Scrapy may still say: download errors are said once per site and cause by akhbar, but a bug in a
spider callback or a pipeline keeps its traceback."""

from __future__ import annotations

import logging

from crawler.failures import SCRAPER_LOGGER, DownloadErrorFilter


def record(msg: str) -> logging.LogRecord:
    return logging.LogRecord(SCRAPER_LOGGER, logging.ERROR, __file__, 1, msg, None, None)


def test_download_errors_are_dropped_and_callback_and_pipeline_errors_kept() -> None:
    keep = DownloadErrorFilter().filter
    assert not keep(record("Error downloading %(request)s"))
    assert keep(record("Spider error processing %(request)s (referer: %(referer)s)"))
    assert keep(record("Error processing %(item)s"))
