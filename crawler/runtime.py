"""Composition root: wires archive, store and processor; live ingest and offline replay.

Both the Scrapy pipeline and ``akhbar reprocess`` go through :class:`Ingestor`, so a
crawl and a re-process of its archive run the very same code.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from crawler.items import FetchFailure, RawPage
from crawler.processing.dedup import DedupIndex
from crawler.processing.extract import load_lazy_parts
from crawler.processing.fingerprint import DedupParams
from crawler.processing.lshindex import warm_up
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed, Processor, analyse, site_key
from crawler.processing.templates import SiteTemplates
from storage.archive import ArchivedPage, ArchiveWriter, warc_member
from storage.db import sqlite_url
from storage.store import Store, body_digest, record_key

log = logging.getLogger(__name__)

COMMIT_EVERY = 200  # pages per transaction at most...
COMMIT_SECONDS = 1.0  # ...and at least one commit a second, so a killed crawl loses little
WARM_UP_BACKLOG = 32  # pages queued to the workers while the main process loads the index kernels


class LockedError(Exception):
    """Another writer holds the data dir."""


def default_data_dir() -> Path:
    return Path(os.environ.get("AKHBAR_DATA_DIR") or "var")


def default_db_url(data_dir: Path) -> str:
    return sqlite_url(data_dir / "akhbar.db")


class DataDirLock:
    """An exclusive ``flock`` on ``DATA_DIR/akhbar.lock``: one writer at a time.

    The kernel releases it when the process dies, even by SIGKILL, so a stale lock
    file never blocks the next run.
    """

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / "akhbar.lock"
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        fh = open(self.path, "a+")  # noqa: SIM115 (held for the life of the run)
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            raise LockedError(holder) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


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

    def as_dict(self) -> dict[str, object]:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return {
            "pages": self.pages,
            "skipped_known": self.skipped,
            "articles": self.outcomes.get(Outcome.ARTICLE.value, 0),
            "unique": self.dup_kinds.get("unique", 0),
            "exact": self.dup_kinds.get("exact", 0),
            "near": self.dup_kinds.get("near", 0),
            "rejected": {k: v for k, v in sorted(self.outcomes.items()) if k != Outcome.ARTICLE.value},
            "per_site": dict(sorted(self.per_site.items())),
            "seconds": round(elapsed, 2),
            "pages_per_second": round(self.pages / elapsed, 1),
        }


@dataclass(frozen=True)
class Admitted:
    """A new page, archived when live, waiting for its analysis to be settled."""

    raw: RawPage
    key: str
    body_sha256: str
    source: str | None
    offset: int | None


AnalysisResult = Analysed | Rejected
PAGE_BUDGET_SECONDS = 30.0


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


def analysis_pool(workers: int) -> ProcessPoolExecutor:
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
        return self.settle(page, analyse_page(raw, self.store.params, self.page_budget))

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
            self.store.add_fetch(raw, outcome=Outcome.SEEN_URL, detail=item.article.url, **where)  # type: ignore[arg-type]
            return Outcome.SEEN_URL
        decision = self.processor.decide(item)
        fetch_id = self.store.add_fetch(raw, outcome=Outcome.ARTICLE, **where)  # type: ignore[arg-type]
        article_id = self.store.add_article(fetch_id, item, decision, raw.site)
        self.store.save_template_lines(site, self.processor.register(article_id, item, decision, site))
        self.stats.dup_kinds[decision.kind] += 1
        self.stats.per_site[raw.site or item.article.site or "?"] += 1
        return Outcome.ARTICLE

    def record_failure(self, failure: FetchFailure) -> None:
        """A request without a response still gets a ``fetches`` row (not archived: no bytes)."""
        raw = RawPage(url=failure.url, body=b"", status=0, site=failure.site, fetched_at=failure.fetched_at)
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
        while decisions and writes stay in input order (the store is the same as with one worker)."""
        if workers <= 1:
            for page in pages:
                if page.raw is None:
                    self.record_unreadable(page)
                else:
                    self.ingest(page.raw, page.source, page.offset)
            return
        params, budget = self.store.params, self.page_budget
        window: deque[tuple[Admitted, Future[tuple[bytes | None, AnalysisResult]]]] = deque()
        # The first settlement loads the index's compiled code (~0.7 s): queue a longer backlog
        # first and load it while the workers extract that backlog, instead of before.
        limit = max(4 * workers, WARM_UP_BACKLOG)
        packing = self.archive is not None  # workers compress the archive records too
        with analysis_pool(workers) as pool:
            for page in pages:
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


class CrawlSession:
    """Everything one crawl writes to: the lock, the store, the archive and the run row.

    Opened by the item pipeline (so ``scrapy crawl news`` works as well as ``akhbar
    crawl``); the spider asks it which URLs are already done and for HTTP validators.
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
        self.lock = DataDirLock(data_dir)
        self.lock.acquire()
        try:
            self.store = Store(
                db_url or default_db_url(data_dir), DedupParams(), rebuild_hint=f" --data-dir {data_dir}"
            )
        except Exception:
            self.lock.release()
            raise
        self.run_id = self.store.start_run("crawl", args, os.getpid())
        self.writer = ArchiveWriter(data_dir / "archive", self.run_id)
        self.ingestor = Ingestor(self.store, self.run_id, self.writer, page_budget)
        self.summary: dict[str, object] = {}

    def record_failure(self, failure: FetchFailure) -> None:
        self.ingestor.record_failure(failure)

    def url_done(self, url: str) -> bool:
        return self.store.url_done(url)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.store.validators(url)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.store.save_validators(url, etag, last_modified)

    def close(self, reason: str, extra: dict[str, object] | None = None) -> dict[str, object]:
        """Finish the run row (dropped if the run added nothing), release everything."""
        try:
            self.ingestor.commit()
            self.writer.close()
            stats = self.ingestor.stats.as_dict()
            per_site = {name: self.ingestor.stats.per_site.get(name, 0) for name in self.site_names}
            stats["per_site"] = per_site
            stats["sites_without_articles"] = [n for n, c in per_site.items() if c == 0]
            stats.update(extra or {})
            if self.ingestor.stats.added == 0 and reason == "finished":
                self.store.drop_run(self.run_id)
            else:
                self.store.finish_run(self.run_id, reason, stats)
            self.summary = stats
            return stats
        finally:
            self.store.close()
            self.lock.release()
