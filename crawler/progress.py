"""A crawl's live progress on stderr: a line rewritten in place on a terminal, a line a minute otherwise.

Enabled by the setting ``AKHBAR_PROGRESS`` (``akhbar crawl`` sets it unless ``-q``): ``line``
rewrites one line with ``\r`` every second, ``minutely`` writes a line every minute (cron logs);
``AKHBAR_PROGRESS_SECONDS`` changes either interval. Unset, nothing (``scrapy crawl`` keeps
Scrapy's own stats lines). It only reads: Scrapy's stats and the run's ``RunStats`` (the crawl
session's); the words are :func:`crawler.report.progress_line`'s.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from typing import IO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.frontier import run_session
from crawler.report import progress_line

INTERVALS = {"line": 1.0, "minutely": 60.0}


class Progress:
    """Scrapy extension: see the module."""

    def __init__(self, crawler: Crawler, mode: str, stream: IO[str] | None = None) -> None:
        self.crawler = crawler
        self.mode = mode
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = False  # a line is on the terminal, to clear before anything else is written
        self.interval = crawler.settings.getfloat("AKHBAR_PROGRESS_SECONDS") or INTERVALS[mode]
        self._task = task.LoopingCall(self.show)
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        mode = str(crawler.settings.get("AKHBAR_PROGRESS") or "off")
        if mode not in INTERVALS:
            raise NotConfigured  # no message: Scrapy would log a warning
        return cls(crawler, mode)

    def _opened(self) -> None:
        self.started = time.monotonic()
        if self.mode == "line":
            for handler in logging.getLogger().handlers:  # a log line starts on a clean line
                handler.addFilter(self._clear_for_log)
        self._task.start(self.interval, now=False)

    def _closed(self) -> None:
        if self._task.running:
            self._task.stop()
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self._clear_for_log)
        self.clear()

    def _clear_for_log(self, _record: logging.LogRecord) -> bool:
        self.clear()
        return True

    def clear(self) -> None:
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False

    def show(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        session = run_session(self.crawler)
        run = session.ingestor.stats.as_dict() if session is not None and not session.closed else {}
        line = progress_line(time.monotonic() - self.started, stats, run)
        if self.mode == "line":
            width = shutil.get_terminal_size().columns - 1  # a wrapped line could not be rewritten
            self._write("\r" + line[:width] + "\x1b[K")
            self.shown = True
        else:
            self._write(line + "\n")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # stderr gone: the crawl goes on without its progress
            if self._task.running:
                self._task.stop()
