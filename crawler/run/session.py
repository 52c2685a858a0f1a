"""One run's life (:class:`Run`) and a crawl's session (:class:`CrawlSession`).

Invariant: every run row a run starts gets ended once: ``finished`` (dropped if the run added
nothing), ``interrupted``, ``disk_full`` or ``error``; the store is closed and the lock released
whatever happened.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crawler.config import PAGE_BUDGET_SECONDS, default_db_url
from crawler.items import FetchFailure
from crawler.processing.events import EventParams
from crawler.processing.fingerprint import DedupParams
from crawler.run.ingest import Ingestor
from crawler.run.lock import DataDirLock
from crawler.runs import FinishReason, Interrupted, signals_deferred
from storage.archive import ArchiveWriter
from storage.faults import WriteError, write_error
from storage.locks import LockedError as LockedError  # raised by the locks below; re-exported for the CLI
from storage.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RunEnd:
    """How a run ended: the reason written to its row, its summary, and the failure that ended it."""

    reason: FinishReason
    stats: dict[str, object]
    failure: WriteError | None = None


class Run:
    """One run's life, for a crawl and a re-process alike: the data dir's lock (when given one),
    the store, the run row, the archive writer and the :class:`Ingestor` writing through them.

    :meth:`open` (or ``with``) takes them in that order and gives back what it took if a step
    fails (a storage failure raised as :class:`~storage.faults.WriteError`); :meth:`end` (or the
    end of the ``with`` block) ends the run once: finished (the row dropped if the run added
    nothing), ``interrupted``, ``disk_full`` or ``error``, then closes the
    store and releases the lock. Leaving the block by a storage failure raises it as one line.
    """

    def __init__(
        self,
        kind: str,
        db_url: str,
        args: dict[str, object],
        *,
        lock_dir: Path | None = None,
        archive_dir: Path | None = None,
        data_dir: Path | None = None,
        page_budget: float = PAGE_BUDGET_SECONDS,
        hint: str = "",
        archive_info: Mapping[str, str] | None = None,
    ) -> None:
        self.kind, self.db_url, self.args, self.hint = kind, db_url, args, hint
        self.archive_info = archive_info  # the archive files' warcinfo fields (operator, robots policy…)
        self.lock = DataDirLock(lock_dir) if lock_dir is not None else None
        self.archive_dir = archive_dir
        self.data_dir = data_dir  # fetches.warc_file is relative to it
        self.page_budget = page_budget
        self.ended: RunEnd | None = None

    def open(self) -> Run:
        if self.lock is not None:
            self.lock.acquire()
        store: Store[DedupParams] | None = None
        try:
            store = Store(self.db_url, DedupParams(), rebuild_hint=self.hint, event_params=EventParams())
            self.store = store
            self.run_id = store.start_run(self.kind, self.args, os.getpid())
            self.writer = (
                ArchiveWriter(self.archive_dir, self.run_id, info=self.archive_info)
                if self.archive_dir is not None
                else None
            )
            self.ingestor = Ingestor(store, self.run_id, self.writer, self.page_budget, self.data_dir)
        except BaseException as exc:
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close(commit=False)
            if self.lock is not None:
                self.lock.release()
            failure = write_error(exc, store.where) if store is not None and isinstance(exc, Exception) else None
            if failure is not None:
                raise failure from None
            raise
        return self

    def end(
        self,
        reason: FinishReason,
        extra: dict[str, object] | None = None,
        *,
        failed: BaseException | None = None,
        sites: list[str] | None = None,
    ) -> RunEnd:
        """End the run (once; later calls give the same end), close the store, release the lock."""
        if self.ended is not None:
            return self.ended
        try:
            self.ended = self._end_run(reason, extra, failed, sites)
            return self.ended
        finally:
            with contextlib.suppress(Exception):
                self.store.close(commit=False)  # end() committed what could be
            if self.lock is not None:
                self.lock.release()

    def _end_run(
        self,
        reason: FinishReason,
        extra: dict[str, object] | None,
        failed: BaseException | None,
        sites: list[str] | None,
    ) -> RunEnd:
        """Commit what can be (nothing of the batch a write ``failed`` in: it is rolled back whole, so
        no page is half stored), close the archive, and finish the run row, or drop it if the run
        added nothing. After a failure the row is written if it still can be (a full disk may refuse
        even that). Never raises for a storage failure: it is returned."""
        ingestor = self.ingestor
        if failed is None:
            try:
                ingestor.commit()
            except Exception as exc:
                failed = exc
        failure: WriteError | None = None
        if failed is not None:
            what = (str(failed).strip().splitlines() or [""])[0]
            failure = write_error(failed, self.store.where) or WriteError(
                self.store.where, f"internal error: {type(failed).__name__}: {what}", disk_full=False
            )
            reason = FinishReason.DISK_FULL if failure.disk_full else FinishReason.ERROR
            ingestor.forget_uncommitted()
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception as exc:  # what it holds was synced at the last commit
                log.warning("%s: %s", self.writer.path, exc)
        stats = ingestor.stats.as_dict(sites)
        stats.update(extra or {})
        try:
            if ingestor.stats.added == 0 and reason is FinishReason.FINISHED:
                self.store.drop_run(self.run_id)  # a re-run that added nothing leaves no row
            else:
                self.store.finish_run(self.run_id, reason.value, stats)
        except Exception as exc:
            log.info("%s: the run row could not be finished (%s)", self.store.where, exc)
            with contextlib.suppress(Exception):
                self.store.rollback()
        return RunEnd(reason, stats, failure)

    def __enter__(self) -> Run:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, _tb: object) -> None:
        reason, failed = FinishReason.FINISHED, None
        if isinstance(exc, Interrupted | KeyboardInterrupt):
            reason = FinishReason.INTERRUPTED
        elif isinstance(exc, Exception):
            failed = exc
        with signals_deferred():  # a second Ctrl-C must not leave the run row unfinished
            end = self.end(reason, failed=failed)
        if end.failure is not None:
            raise end.failure from None  # disk full, write error, or a bug: one line, exit 1


class CrawlSession:
    """Everything one crawl writes to: its :class:`Run` (the locks, the store, the archive and the
    run row), and the reads and writes the spider makes through it.

    Opened by the item pipeline (so ``scrapy crawl news`` works as well as ``akhbar
    crawl``); the spider asks it which URLs are already done and for HTTP validators.
    The first write that fails (a full disk...) rolls back the batch it was in, stops
    every later write and calls :attr:`on_failure` (the pipeline stops the crawl there);
    :meth:`close` then marks the run as ``disk_full`` or ``error`` if it still can.
    """

    def __init__(
        self,
        data_dir: Path,
        db_url: str | None,
        site_names: list[str],
        args: dict[str, object],
        page_budget: float = PAGE_BUDGET_SECONDS,
        archive_info: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.site_names = site_names
        self.summary: dict[str, object] = {}
        self.failed: BaseException | None = None  # the first write that failed
        self.failure: WriteError | None = None  # ... as the user is told it, once the run is closed
        self.on_failure: Callable[[], None] = lambda: None
        self.closed = False
        self.run = Run(
            "crawl",
            db_url or default_db_url(data_dir),
            args,
            lock_dir=data_dir,
            archive_dir=data_dir / "archive",
            data_dir=data_dir,
            page_budget=page_budget,
            hint=f" --data-dir {data_dir}",
            archive_info=archive_info,
        ).open()
        self.store, self.run_id, self.ingestor = self.run.store, self.run.run_id, self.run.ingestor

    def _fail(self, exc: Exception) -> None:
        """The first failed write: forget its batch, stop writing, stop the crawl."""
        if self.failed is not None:
            return
        self.failed = exc
        log.debug("write failed: %s", exc, exc_info=True)
        with contextlib.suppress(Exception):
            self.store.rollback()  # the connection is clean again for the spider's reads
        self.on_failure()

    def write(self, action: Callable[[], T]) -> T | None:
        """``action()`` unless a write failed before; a failure of its own is :meth:`_fail`."""
        if self.failed is not None or self.closed:
            return None
        try:
            return action()
        except Exception as exc:
            self._fail(exc)
            return None

    def record_failure(self, failure: FetchFailure) -> None:
        self.write(lambda: self.ingestor.record_failure(failure))

    def tick(self) -> None:
        """Commit what was settled since the last commit (called every second, so a crawl waiting
        on slow downloads holds no write open: a killed or watchdog-ended run loses nothing settled)."""
        self.write(self.ingestor.commit_if_pending)

    def url_done(self, url: str) -> bool:
        done = self.write(lambda: self.store.url_done(url))
        return True if done is None else done  # after a failure nothing more is fetched

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.write(lambda: self.store.validators(url)) or (None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a feed's or sitemap's validators. On a store shared with other writers the row is
        committed at once: two crawls holding validator rows in one transaction each, taken in
        different orders, would deadlock."""

        def save() -> None:
            self.store.save_validators(url, etag, last_modified)
            if self.store.shared:
                self.ingestor.commit()

        self.write(save)

    def close(self, reason: FinishReason, extra: dict[str, object] | None = None) -> dict[str, object]:
        """Finish the run row (dropped if the run added nothing), release everything. Never raises:
        a failure is kept in :attr:`failure` and the summary's ``failure``."""
        if self.closed:
            return self.summary
        self.closed = True
        end = self.run.end(reason, extra, failed=self.failed, sites=self.site_names)
        self.failure = end.failure
        stats = dict(end.stats)
        stats["finish_reason"] = end.reason.value
        if end.failure is not None:
            stats["failure"] = str(end.failure)
        self.summary = stats
        return stats
