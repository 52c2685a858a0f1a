"""``akhbar crawl``: one run of the ``news`` spider over the enabled sites, safe under cron.

A crawl always ends: Scrapy stops it gracefully at ``--max-seconds`` or on SIGTERM/SIGINT, and
a :class:`~crawler.watchdog.Watchdog` ends the process if that graceful stop has not finished
25 s after ``--max-seconds`` or 8 s after the signal. A failure to start (a locked store, a bad
``--db``, a full disk) is raised from :func:`crawl`, never left in an unhandled Deferred.
"""

from __future__ import annotations

import logging
import signal
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from crawler.config import UsageError, default_db_url
from crawler.frontier import run_session
from crawler.run.lock import DataDirLock
from crawler.run.session import CrawlSession
from crawler.runs import ExitStatus, FinishReason
from crawler.seeds import SeedError, load_seeds, select_sites
from crawler.watchdog import OVERRUN_SECONDS, SIGNAL_GRACE_SECONDS, Watchdog
from storage.db import open_engine, sqlite_path
from storage.faults import mask_url
from storage.locks import sqlite_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    """What one crawl is asked to do (the ``akhbar crawl`` arguments)."""

    seeds_dir: Path
    data_dir: Path
    db_url: str | None = None
    sites: list[str] | None = None
    recrawl: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)  # any Scrapy or AKHBAR_* setting
    frontier: str | None = None  # redis://HOST:PORT/DB: a frontier shared with other crawl processes


def crawl_settings(opts: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("AKHBAR_SEEDS_DIR", str(opts.seeds_dir), priority="cmdline")
    settings.set("AKHBAR_DATA_DIR", str(opts.data_dir), priority="cmdline")
    settings.set("AKHBAR_DB_URL", opts.db_url, priority="cmdline")
    settings.set("AKHBAR_SITES", opts.sites or [], priority="cmdline")
    settings.set("AKHBAR_RECRAWL", opts.recrawl, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    for key, value in opts.overrides.items():
        settings.set(key, value, priority="cmdline")
    if opts.frontier:
        from crawler.redisfrontier import configure

        configure(settings, opts.frontier)
    return settings


def check_seeds(seeds_dir: Path, names: list[str] | None) -> list[str]:
    """Validate seeds before crawling: the selected site names, or SeedError if none is usable.
    (Broken files among valid ones are warned about by the spider, which loads the seeds for the run.)"""
    sites, errors = load_seeds(seeds_dir)
    selected = select_sites(sites, names)
    if not selected:
        reason = f"{len(errors)} invalid file(s), first: {errors[0]}" if errors else "no enabled site"
        raise SeedError(f"{seeds_dir}: no valid site to crawl ({reason})")
    return [s.name for s in selected]


def _quiet(level: str) -> None:
    """Scrapy's logging setup opens its loggers wide: filter at our handlers and loggers."""
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    for name in ("scrapy", "twisted", "py.warnings"):
        logging.getLogger(name).setLevel(level)


def check_store(opts: CrawlOptions) -> None:
    """Fail fast, before Scrapy starts: the data dir and the store are free, the ``--db`` URL usable.
    (The pipeline takes the locks for the run itself.)"""
    with DataDirLock(opts.data_dir):
        pass
    url = opts.db_url or default_db_url(opts.data_dir)
    path = sqlite_path(url)
    if path is not None:
        with sqlite_lock(path):
            pass
    else:
        open_engine(url).dispose()  # an unknown database kind or a missing driver is refused here


def check_frontier(url: str) -> None:
    """Fail fast, with one line (:class:`UsageError`): a ``--frontier`` URL that is not
    ``redis://HOST[:PORT][/DB]``, scrapy-redis not installed, a Redis server that does not answer."""
    shown = mask_url(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
        db = parts.path.strip("/")
    except ValueError as exc:
        raise UsageError(f"--frontier {shown}: not a redis://HOST:PORT/DB URL ({exc})") from None
    if parts.scheme not in ("redis", "rediss") or not parts.hostname or not (db == "" or db.isdigit()):
        raise UsageError(f"--frontier {shown}: not a redis://HOST:PORT/DB URL")
    try:
        import redis
        import scrapy_redis  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            f"--frontier {shown}: needs scrapy-redis ({exc.name} is not installed): install with "
            "pip install 'akhbar[redis]'"
        ) from None
    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise UsageError(f"{shown}: cannot connect ({exc})") from None
    finally:
        client.close()


class _Stops:
    """The crawl's hard stops: the watchdog, armed by --max-seconds and by the first signal. A
    signal that comes before Scrapy's handlers are in place (while the crawl starts) is noted
    and obeyed as soon as the reactor runs."""

    def __init__(self, crawler: Crawler, max_seconds: float) -> None:
        self.crawler = crawler
        self.signum: int | None = None
        self.watchdog = Watchdog(self._mark, self._exit_status)
        self._original = {sig: signal.signal(sig, self._noted) for sig in (signal.SIGTERM, signal.SIGINT)}
        if max_seconds > 0:
            self.watchdog.arm(
                max_seconds + OVERRUN_SECONDS,
                f"still running {OVERRUN_SECONDS:g} s after --max-seconds {max_seconds:g} (a download or page held it)",
            )

    def session(self) -> CrawlSession | None:
        return run_session(self.crawler)

    def _mark(self, why: str) -> None:
        session = self.session()
        if session is not None and not session.closed:
            session.store.mark_run(session.run_id, FinishReason.INTERRUPTED.value, why)

    def _exit_status(self) -> int:
        return 128 + self.signum if self.signum else ExitStatus.FAILED

    def _noted(self, signum: int, _frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
            name = signal.Signals(signum).name
            self.watchdog.arm(SIGNAL_GRACE_SECONDS, f"{name} received, and the crawl did not stop within "
                              f"{SIGNAL_GRACE_SECONDS:g} s")  # fmt: skip

    def hook_signals(self) -> None:
        """Wrap Scrapy's shutdown handlers (installed once the reactor runs) to arm the watchdog;
        obey a signal that came while the crawl was starting."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(sig)
            if callable(previous) and previous != self._noted:
                signal.signal(sig, self._on_signal(previous))
        if self.signum is not None:  # noted while the crawl started: Scrapy's graceful stop now
            handler = signal.getsignal(self.signum)
            if callable(handler):
                handler(self.signum, None)

    def _on_signal(self, previous: Any) -> Any:
        def handler(signum: int, frame: FrameType | None) -> None:
            self._noted(signum, frame)
            previous(signum, frame)

        return handler

    def restore(self) -> None:
        """The process's own handlers again (a crawl run in-process, by ``akhbar demo`` or a test)."""
        self.watchdog.done()
        for sig, handler in self._original.items():
            signal.signal(sig, handler)


def crawl(opts: CrawlOptions) -> dict[str, object]:
    """Run one crawl to completion and return its summary (``finish_reason``: see
    :mod:`crawler.runs`; ``failure``: the one-line reason of a failed run; ``signal``: the signal
    that interrupted it). Raises LockedError if a run is going, StoreError for an unusable store,
    WriteError if the disk is full before the crawl starts."""
    check_seeds(opts.seeds_dir, opts.sites)
    if opts.frontier:
        check_frontier(opts.frontier)
    check_store(opts)
    settings = crawl_settings(opts)
    from crawler.spiders.news import NewsSpider

    _quiet(settings.get("LOG_LEVEL"))
    process = CrawlerProcess(settings)
    _quiet(settings.get("LOG_LEVEL"))
    crawler = process.create_crawler(NewsSpider)
    stops = _Stops(crawler, settings.getfloat("CLOSESPIDER_TIMEOUT"))
    try:
        failures: list[Failure] = []
        process.crawl(crawler).addErrback(failures.append)
        _quiet(settings.get("LOG_LEVEL"))
        from twisted.internet import reactor  # installed by the crawl (Scrapy's choice of reactor)

        # after Scrapy's own startup triggers, which install its shutdown handlers
        reactor.callWhenRunning(reactor.callLater, 0, stops.hook_signals)
        process.start()
        session = stops.session()
        if session is not None and not session.closed:  # stopped before the spider was closed:
            # a second Ctrl-C (the reactor stopped at once), or a failure while starting
            session.close(FinishReason.ERROR if failures else FinishReason.INTERRUPTED)
        if failures:
            failures[0].raiseException()  # its own error, shown as one line by the command
        if session is None:
            return {}
        summary = dict(session.summary)
        if stops.signum is not None:
            summary["signal"] = stops.signum
        return summary
    finally:
        stops.restore()
