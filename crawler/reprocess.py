"""``akhbar reprocess``: run saved HTML (WARC or bare files) through the processing path.

Every run row it starts gets finished: ``finished``, ``interrupted`` (SIGINT/SIGTERM, raised
as :class:`~crawler.runs.Interrupted` between pages, never inside one), ``disk_full`` or
``error`` (the batch the failed write was in is rolled back; what was committed stays).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from crawler.config import PAGE_BUDGET_SECONDS, UsageError, default_db_url
from crawler.processing.fingerprint import DedupParams
from crawler.runs import FinishReason, Interrupted, signals_deferred, signals_interrupt
from crawler.runtime import DataDirLock, Ingestor, RunStats
from storage.archive import ArchivedPage, ArchiveWriter, archive_files, expand_inputs, read_inputs
from storage.db import sqlite_path, sqlite_url
from storage.faults import StoreError, write_error
from storage.store import Store

log = logging.getLogger(__name__)


def _with_progress(pages: Iterator[ArchivedPage], enabled: bool) -> Iterator[ArchivedPage]:
    if not enabled:
        yield from pages
        return
    from tqdm import tqdm

    with tqdm(unit=" pages", desc="reprocess", file=sys.stderr, mininterval=0.5) as bar:
        for page in pages:
            yield page
            bar.update(1)


def reprocess(
    data_dir: Path,
    inputs: list[str],
    *,
    db_url: str | None = None,
    into: str | None = None,
    progress: bool = False,
    workers: int = 1,
    page_budget: float = PAGE_BUDGET_SECONDS,
) -> RunStats:
    """Process ``inputs`` (or the data dir's archive) into a store; return the run's stats.

    Without ``into``, pages read from outside the data dir are copied into its
    archive first, so that the archive stays the source of truth. With ``into``,
    a fresh store is built at that path and the data dir is only read.
    """
    files = expand_inputs(inputs) if inputs else archive_files(data_dir / "archive")
    if not inputs and not files:
        raise UsageError(f"{data_dir / 'archive'}: no archive to re-process (give INPUT files, or crawl first)")
    if into is not None:
        target = into if "://" in into else sqlite_url(into)
        path = sqlite_path(target)
        if path is not None and path.exists() and path.stat().st_size > 0:
            raise UsageError(f"{into}: already exists; --into builds a fresh store, choose a new path")
        _make_parent(path)
        return _run(
            target,
            files,
            archive_dir=None,
            progress=progress,
            args={"inputs": inputs, "into": into},
            workers=workers,
            page_budget=page_budget,
        )
    target = db_url or default_db_url(data_dir)
    _make_parent(sqlite_path(target))
    with DataDirLock(data_dir):
        own_archive = not inputs
        return _run(
            target,
            files,
            archive_dir=None if own_archive else data_dir / "archive",
            progress=progress,
            args={"inputs": inputs, "data_dir": str(data_dir)},
            hint=f" --data-dir {data_dir}",
            workers=workers,
            page_budget=page_budget,
        )


def _make_parent(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from None


def _run(
    db_url: str,
    files: list[tuple[Path, str]],
    *,
    archive_dir: Path | None,
    progress: bool,
    args: dict[str, object],
    hint: str = "",
    workers: int = 1,
    page_budget: float = PAGE_BUDGET_SECONDS,
) -> RunStats:
    store = Store(db_url, DedupParams(), rebuild_hint=hint)
    try:
        run_id = store.start_run("reprocess", args, os.getpid())
        writer = ArchiveWriter(archive_dir, run_id) if archive_dir is not None else None
        ingestor = Ingestor(store, run_id, writer, page_budget)
    except BaseException as exc:
        store.close(commit=False)
        failure = write_error(exc, store.where) if isinstance(exc, Exception) else None
        if failure is not None:
            raise failure from None
        raise
    reason, failed = FinishReason.FINISHED, None
    try:
        with signals_interrupt():
            ingestor.ingest_all(_with_progress(read_inputs(files), progress), workers=workers)
    except (Interrupted, KeyboardInterrupt):
        reason = FinishReason.INTERRUPTED
        raise
    except Exception as exc:
        failed = exc
        raise
    finally:
        with signals_deferred():  # a second Ctrl-C must not leave the run row unfinished
            end = ingestor.end(reason, failed=failed)
            with contextlib.suppress(Exception):
                store.close(commit=False)  # end() committed what could be
        if end.failure is not None:
            raise end.failure from None  # disk full, write error, or a bug: one line, exit 1
    return ingestor.stats
