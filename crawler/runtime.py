"""Composition root: wires archive, store and processor; live ingest and offline replay.

Both the Scrapy pipeline and ``akhbar reprocess`` go through :class:`Ingestor`, so a
crawl and a re-process of its archive run the very same code.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from crawler.config import PAGE_BUDGET_SECONDS, default_db_url
from crawler.items import FetchFailure, RawPage
from crawler.processing.dedup import DedupIndex
from crawler.processing.extract import load_lazy_parts
from crawler.processing.fingerprint import DedupParams
from crawler.processing.lshindex import warm_up
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed, Processor, analyse, site_key
from crawler.processing.templates import SiteTemplates
from crawler.runs import FinishReason, interruptible, interruption_point
from storage.archive import ArchivedPage, ArchiveWriter, warc_member
from storage.faults import WriteError, write_error
from storage.locks import FileLock
from storage.locks import LockedError as LockedError  # raised by the locks below; re-exported for the CLI
from storage.store import Store, body_digest, record_key

log = logging.getLogger(__name__)
T = TypeVar("T")

COMMIT_EVERY = 200  # pages per transaction at most...
COMMIT_SECONDS = 1.0  # ...and at least one commit a second, so a killed crawl loses little
WARM_UP_BACKLOG = 32  # pages queued to the workers while the main process loads the index kernels


class DataDirLock(FileLock):
    """An exclusive ``flock`` on ``DATA_DIR/akhbar.lock``: one writer per data dir (the store has
    its own lock besides, :class:`storage.locks.FileLock`, for writers reaching it from elsewhere).

    The kernel releases it when the process dies, even by SIGKILL, so a stale lock
    file never blocks the next run.
    """

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir / "akhbar.lock")


@dataclass
class RunStats:
    """Counts shown in the end-of-run summary and kept in ``crawl_runs.stats``."""

    pages: int = 0  # input pages read
    skipped: int = 0  # already in the store (same URL, same bytes)
    outcomes: Counter[str] = field(default_factory=Counter)
    dup_kinds: Counter[str] = field(default_factory=Counter)
    per_site: Counter[str] = field(default_factory=Counter)  # articles per site
    started: float = field(default_factory=time.monotonic)

    @property
    def added(self) -> int:
        return sum(self.outcomes.values())

    def copy(self) -> RunStats:
        return replace(
            self, outcomes=Counter(self.outcomes), dup_kinds=Counter(self.dup_kinds), per_site=Counter(self.per_site)
        )

    def as_dict(self, sites: list[str] | None = None) -> dict[str, object]:
        """The summary; with ``sites`` (a crawl's), per-site yield names every site, 0 included."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        per_site = dict(sorted(self.per_site.items())) if sites is None else {n: self.per_site.get(n, 0) for n in sites}
        summary: dict[str, object] = {
            "pages": self.pages,
            "skipped_known": self.skipped,
            "articles": self.outcomes.get(Outcome.ARTICLE.value, 0),
            "unique": self.dup_kinds.get("unique", 0),
            "exact": self.dup_kinds.get("exact", 0),
            "near": self.dup_kinds.get("near", 0),
            "rejected": {k: v for k, v in sorted(self.outcomes.items()) if k != Outcome.ARTICLE.value},
            "per_site": per_site,
            "seconds": round(elapsed, 2),
            "pages_per_second": round(self.pages / elapsed, 1),
        }
        if sites is not None:
            summary["sites_without_articles"] = [n for n, c in per_site.items() if c == 0]
        return summary


@dataclass(frozen=True)
class RunEnd:
    """How a run ended: the reason written to its row, its summary, and the failure that ended it."""

    reason: FinishReason
    stats: dict[str, object]
    failure: WriteError | None = None


@dataclass(frozen=True)
class Admitted:
    """A new page, archived when live, waiting for its analysis to be settled."""

    raw: RawPage
    key: str
    body_sha256: str
    source: str | None
    offset: int | None


AnalysisResult = Analysed | Rejected


class _OverBudget(BaseException):  # not Exception: library code must not swallow it
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _OverBudget


def analyse_page(raw: RawPage, params: DedupParams, budget: float = 0.0) -> AnalysisResult:
    """analyse() that never raises: a rejection, a crash or a page over its time budget
    comes back as ``Rejected``. The budget uses SIGALRM, so it applies in the main thread
    of a process: pool workers, ``akhbar reprocess``, and a one-worker crawl (Scrapy runs its
    reactor, hence the item pipeline, in the main thread)."""
    if raw.role != "article":  # listings, feeds, sitemaps: archived and recorded, never extracted
        return Rejected(Outcome.NOT_ARTICLE, raw.role)
    use_alarm = budget > 0 and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    if use_alarm:
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return analyse(raw, params)
    except Rejected as rej:
        return rej
    except _OverBudget:
        return Rejected(Outcome.TIMEOUT, f"extraction took longer than {budget:g} s")
    except Exception as exc:  # a bug or a pathological page must not stop the run
        return Rejected(Outcome.ERROR, f"extraction failed: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def analyse_and_pack(
    raw: RawPage, params: DedupParams, budget: float, pack: bool
) -> tuple[bytes | None, AnalysisResult]:
    """A pool worker's task: :func:`analyse_page`, and the page's archive record when ``pack``
    (hashing and compressing it is the largest share of the main process's work otherwise)."""
    return pack_record(raw) if pack else None, analyse_page(raw, params, budget)


def pack_record(raw: RawPage) -> bytes | None:
    """The page's archive record (:func:`warc_member`), built off the main thread; None if that
    failed: :meth:`Ingestor.archived` then builds it again and reports the error as usual."""
    try:
        return warc_member(raw)
    except Exception:
        log.debug("%s: archive record not built ahead", raw.effective_url, exc_info=True)
        return None


def worker_failure(exc: BaseException) -> Rejected:
    """What a page whose pool worker died (out of memory, killed) is recorded as: the run goes on."""
    return Rejected(Outcome.ERROR, f"analysis worker failed: {type(exc).__name__}: {exc}")


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    with contextlib.suppress(OSError, AttributeError):  # die with the parent, even on SIGKILL (Linux only)
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class _AnalysisPool(ProcessPoolExecutor):
    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        gc.unfreeze()  # the parent's objects are collected as usual again

    def abandon(self) -> None:
        """Stop now (a run interrupted or failed): queued pages are dropped and the workers killed
        instead of finishing the pages they hold (each may take its whole page budget).
        (Python 3.14 has ``terminate_workers()``; until then, the executor's process table.)"""
        processes = list((getattr(self, "_processes", None) or {}).values())
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()


def analysis_pool(workers: int) -> _AnalysisPool:
    """Worker processes for ``analyse_page``: forked (instant start, modules already loaded and
    initialised) and tied to the parent's life, so a killed run leaves no orphans behind.

    The parent's objects are frozen for the collector while the pool lives (``gc.freeze``, as
    Python's documentation advises before a fork): the workers' collections then never walk
    them (a walk writes to every object it visits, so each worker would get its own copy of the
    memory pages they sit on)."""
    load_lazy_parts()
    gc.freeze()
    return _AnalysisPool(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init)


class Ingestor:
    """extract -> normalise -> fingerprint -> decide -> store, for one page at a time."""

    def __init__(
        self,
        store: Store,
        run_id: int,
        archive: ArchiveWriter | None = None,
        page_budget: float = PAGE_BUDGET_SECONDS,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.archive = archive
        self.stats = RunStats()
        self.index = DedupIndex(store.params, store.normalised_text, store.published_at)
        self.index.bulk_load(store.signature_rows())
        templates = SiteTemplates()
        templates.load(store.iter_template_lines())
        self.processor = Processor(store.params, self.index, templates)
        self._pending = 0
        self._last_commit = time.monotonic()
        self.page_budget = page_budget  # extraction seconds a page may take (0: no limit)
        # Keys admitted but not settled yet: a twin of an in-flight page (the same record twice in an
        # archive, a page fetched twice at once) is known before its first copy reaches the store.
        self._in_flight: set[str] = set()
        self._committed = self.stats.copy()  # the counts of what the store holds, for a rollback

    def admit(
        self, raw: RawPage, source: str | None = None, offset: int | None = None, *, archive_now: bool = True
    ) -> Admitted | None:
        """First, in input order: skip known pages, archive new ones (when archiving; with
        ``archive_now`` False the caller calls :meth:`archived` later). None if already stored."""
        self.stats.pages += 1
        digest = body_digest(raw)  # once: the record key and the fetches row both use it
        key = record_key(raw, digest)
        if key in self._in_flight or self.store.has_record(key):
            self.stats.skipped += 1
            return None
        self._in_flight.add(key)
        page = Admitted(raw, key, digest, source, offset)
        return self.archived(page) if archive_now else page

    def archived(self, page: Admitted, member: bytes | None = None) -> Admitted:
        """``page`` appended to the run's archive (``member``: its record, built by a worker)."""
        if self.archive is None:
            return page
        offset = self.archive.append(member if member is not None else warc_member(page.raw))
        return replace(page, source=self.archive.path.name, offset=offset)

    def settle(self, page: Admitted, result: AnalysisResult) -> Outcome:
        """Last, in input order: decide and store what the (possibly parallel) analysis gave."""
        outcome = self._store(page, result)
        self._in_flight.discard(page.key)  # stored: has_record() knows it from now on
        self.stats.outcomes[outcome.value] += 1
        self._pending += 1
        if self._pending >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
            self.commit()
        return outcome

    def ingest(self, raw: RawPage, source: str | None = None, offset: int | None = None) -> Outcome | None:
        """Archive (when live), process and store one page; None if it was already stored."""
        page = self.admit(raw, source, offset)
        if page is None:
            return None
        with interruptible():  # a signal cuts the extraction, never the writes around it
            result = analyse_page(raw, self.store.params, self.page_budget)
        return self.settle(page, result)

    def _store(self, page: Admitted, result: AnalysisResult) -> Outcome:
        raw = page.raw
        where = {
            "key": page.key,
            "body_sha256": page.body_sha256,
            "run_id": self.run_id,
            "warc_file": page.source,
            "warc_offset": page.offset,
        }
        if isinstance(result, Rejected):
            if result.outcome in (Outcome.ERROR, Outcome.TIMEOUT):
                log.warning("%s: %s", raw.effective_url, result)
            self.store.add_fetch(raw, outcome=result.outcome, detail=result.detail, **where)  # type: ignore[arg-type]
            return result.outcome
        item = result
        site = site_key(raw, item.article)
        item = self.processor.clean(item, site)
        if self.store.article_url_known(item.article.url):
            own = raw.effective_url
            if item.article.url == own or self._same_text_stored(item) or self.store.article_url_known(own):
                self.store.add_fetch(raw, outcome=Outcome.SEEN_URL, detail=item.article.url, **where)  # type: ignore[arg-type]
                return Outcome.SEEN_URL
            # its canonical link names another stored article: a hint proven wrong, never a reason to drop it
            item = replace(item, article=replace(item.article, url=own))
        decision = self.processor.decide(item)
        fetch_id = self.store.add_fetch(raw, outcome=Outcome.ARTICLE, **where)  # type: ignore[arg-type]
        article_id = self.store.add_article(fetch_id, item, decision, raw.site)
        self.store.save_template_lines(site, self.processor.register(article_id, item, decision, site))
        self.stats.dup_kinds[decision.kind] += 1
        self.stats.per_site[raw.site or item.article.site or "?"] += 1
        return Outcome.ARTICLE

    def _same_text_stored(self, item: Analysed) -> bool:
        """Whether the article stored under ``item``'s URL has exactly ``item``'s text."""
        digest = hashlib.sha256(item.article.text.encode("utf-8")).hexdigest()
        return self.store.article_text_sha256(item.article.url) == digest

    def record_failure(self, failure: FetchFailure) -> None:
        """A request without a response still gets a ``fetches`` row (not archived: no bytes)."""
        raw = RawPage(
            url=failure.url, body=b"", status=failure.status, site=failure.site, fetched_at=failure.fetched_at
        )
        self._record_without_body(raw, f"{failure.outcome}:{failure.error}", Outcome(failure.outcome), failure.error)

    def record_unreadable(self, page: ArchivedPage) -> None:
        """A WARC record that could not be read still gets a ``fetches`` row."""
        log.warning("%s: %s", page.source, page.error)
        raw = RawPage(url=f"{Path(page.source).resolve().as_uri()}#offset={page.offset}", body=b"", status=0)
        self._record_without_body(raw, page.error, Outcome.MALFORMED, page.error, page.source, page.offset)

    def _record_without_body(
        self,
        raw: RawPage,
        identity: str,
        outcome: Outcome,
        detail: str,
        warc_file: str | None = None,
        warc_offset: int | None = None,
    ) -> None:
        """A ``fetches`` row for a page that has no bytes to key on: ``identity`` stands in for them."""
        self.stats.pages += 1
        stand_in = RawPage(url=raw.url, body=identity.encode())
        key = record_key(stand_in, body_digest(stand_in))
        if self.store.has_record(key):
            self.stats.skipped += 1
            return
        self.store.add_fetch(
            raw, key=key, body_sha256=body_digest(raw), run_id=self.run_id, outcome=outcome, detail=detail,
            warc_file=warc_file, warc_offset=warc_offset,
        )  # fmt: skip
        self.stats.outcomes[outcome.value] += 1

    def ingest_all(self, pages: Iterable[ArchivedPage], workers: int = 1) -> None:
        """Process pages in input order; with ``workers`` > 1 the analysis runs in a process pool
        while decisions and writes stay in input order (the store is the same as with one worker).
        A signal (:mod:`crawler.runs`) stops it between pages or while it waits, never mid-write."""
        if workers <= 1:
            for page in pages:
                interruption_point()
                if page.raw is None:
                    self.record_unreadable(page)
                else:
                    self.ingest(page.raw, page.source, page.offset)
            return
        pool = analysis_pool(workers)
        try:
            self._ingest_in_pool(pages, workers, pool)
        except BaseException:
            pool.abandon()  # interrupted or failed: the pages still in the workers are not waited for
            raise
        pool.shutdown()

    def _ingest_in_pool(self, pages: Iterable[ArchivedPage], workers: int, pool: ProcessPoolExecutor) -> None:
        params, budget = self.store.params, self.page_budget
        window: deque[tuple[Admitted, Future[tuple[bytes | None, AnalysisResult]]]] = deque()
        # The first settlement loads the index's compiled code (~0.7 s): queue a longer backlog
        # first and load it while the workers extract that backlog, instead of before.
        limit = max(4 * workers, WARM_UP_BACKLOG)
        packing = self.archive is not None  # workers compress the archive records too
        for page in pages:
            interruption_point()
            if page.raw is None:
                while window:  # keep the order of rows: settle what came before first
                    self._settle_future(*window.popleft())
                self.record_unreadable(page)
                continue
            admitted = self.admit(page.raw, page.source, page.offset, archive_now=False)
            if admitted is None:
                continue
            window.append((admitted, pool.submit(analyse_and_pack, admitted.raw, params, budget, packing)))
            if len(window) >= limit:
                if limit > 4 * workers:
                    warm_up()
                    limit = 4 * workers
                self._settle_future(*window.popleft())
        while window:
            self._settle_future(*window.popleft())

    def _settle_future(self, page: Admitted, future: Future[tuple[bytes | None, AnalysisResult]]) -> None:
        member: bytes | None = None
        try:
            with interruptible():
                member, result = future.result()
        except Exception as exc:
            result = worker_failure(exc)
        self.settle(self.archived(page, member), result)

    def commit(self) -> None:
        if self.archive is not None:
            self.archive.sync()
        self.store.commit()
        self._pending = 0
        self._last_commit = time.monotonic()
        self._committed = self.stats.copy()

    def commit_if_pending(self) -> None:
        if self._pending:
            self.commit()

    def end(
        self,
        reason: FinishReason,
        extra: dict[str, object] | None = None,
        *,
        failed: BaseException | None = None,
        sites: list[str] | None = None,
    ) -> RunEnd:
        """Close the run: commit what can be (nothing of the batch a write ``failed`` in: it is rolled
        back whole, so no page is half stored), close the archive, and finish the run row, or drop it
        if the run added nothing. After a failure the row is written if it still can be (a full disk
        may refuse even that). Never raises for a storage failure: it is returned."""
        if failed is None:
            try:
                self.commit()
            except Exception as exc:
                failed = exc
        failure: WriteError | None = None
        if failed is not None:
            what = (str(failed).strip().splitlines() or [""])[0]
            failure = write_error(failed, self.store.where) or WriteError(
                self.store.where, f"internal error: {type(failed).__name__}: {what}", disk_full=False
            )
            reason = FinishReason.DISK_FULL if failure.disk_full else FinishReason.ERROR
            self.stats = self._committed  # the counts of what the store holds
            try:
                self.store.rollback()
            except Exception as exc:
                log.debug("rollback failed: %s", exc)
        if self.archive is not None:
            try:
                self.archive.close()
            except Exception as exc:  # what it holds was synced at the last commit
                log.warning("%s: %s", self.archive.path, exc)
        stats = self.stats.as_dict(sites)
        stats.update(extra or {})
        try:
            if self.stats.added == 0 and reason is FinishReason.FINISHED:
                self.store.drop_run(self.run_id)  # a re-run that added nothing leaves no row
            else:
                self.store.finish_run(self.run_id, reason.value, stats)
        except Exception as exc:
            log.info("%s: the run row could not be finished (%s)", self.store.where, exc)
            with contextlib.suppress(Exception):
                self.store.rollback()
        return RunEnd(reason, stats, failure)


class CrawlSession:
    """Everything one crawl writes to: the locks, the store, the archive and the run row.

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
    ) -> None:
        self.data_dir = data_dir
        self.site_names = site_names
        self.summary: dict[str, object] = {}
        self.failed: BaseException | None = None  # the first write that failed
        self.failure: WriteError | None = None  # ... as the user is told it, once the run is closed
        self.on_failure: Callable[[], None] = lambda: None
        self.closed = False
        self.lock = DataDirLock(data_dir)
        self.lock.acquire()
        store: Store | None = None
        try:
            store = Store(db_url or default_db_url(data_dir), DedupParams(), rebuild_hint=f" --data-dir {data_dir}")
            self.store = store
            self.run_id = store.start_run("crawl", args, os.getpid())
            self.writer = ArchiveWriter(data_dir / "archive", self.run_id)
            self.ingestor = Ingestor(store, self.run_id, self.writer, page_budget)
        except BaseException as exc:
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close(commit=False)
            self.lock.release()
            failure = write_error(exc, store.where) if store is not None and isinstance(exc, Exception) else None
            if failure is not None:
                raise failure from None
            raise

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
        self.write(lambda: self.store.save_validators(url, etag, last_modified))

    def close(self, reason: FinishReason, extra: dict[str, object] | None = None) -> dict[str, object]:
        """Finish the run row (dropped if the run added nothing), release everything. Never raises:
        a failure is kept in :attr:`failure` and the summary's ``failure``."""
        if self.closed:
            return self.summary
        self.closed = True
        try:
            end = self.ingestor.end(reason, extra, failed=self.failed, sites=self.site_names)
            self.failure = end.failure
            stats = dict(end.stats)
            stats["finish_reason"] = end.reason.value
            if end.failure is not None:
                stats["failure"] = str(end.failure)
            self.summary = stats
            return stats
        finally:
            with contextlib.suppress(Exception):
                self.store.close(commit=False)  # end() committed what could be
            self.lock.release()
