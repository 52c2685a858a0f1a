"""``akhbar reprocess``: run saved HTML (WARC or bare files) through the processing path.

Every run row it starts gets finished: ``finished``, ``interrupted`` (SIGINT/SIGTERM, raised
as :class:`~crawler.runs.Interrupted` between pages, never inside one), ``disk_full`` or
``error`` (the batch the failed write was in is rolled back; what was committed stays).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.config import PAGE_BUDGET_SECONDS, UsageError, default_db_url
from crawler.run.ingest import RunStats
from crawler.run.session import Run
from crawler.runs import signals_interrupt
from storage.archive import ArchivedPage, archive_files, expand_inputs, read_inputs
from storage.db import sqlite_path, sqlite_url
from storage.faults import StoreError

if TYPE_CHECKING:
    from crawler.shards.plan import Plan

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
    shards: int | None = None,
    work_dir: Path | None = None,
) -> RunStats:
    """Process ``inputs`` (or the data dir's archive) into a store; return the run's stats.

    Without ``into``, pages read from outside the data dir are copied into its
    archive first, so that the archive stays the source of truth. With ``into``,
    a fresh store is built at that path and the data dir is only read.

    With ``shards``, the analysis runs first, in that many shards on the engine
    (:mod:`crawler.shards`; ``workers`` at a time, results in ``work_dir``), then the
    pages are settled in input order: the same store.
    """
    files = expand_inputs(inputs) if inputs else archive_files(data_dir / "archive")
    if not inputs and not files:
        raise UsageError(f"{data_dir / 'archive'}: no archive to re-process (give INPUT files, or crawl first)")
    if shards is None and work_dir is not None:
        raise UsageError("--work-dir: only with --shards N")
    run = _new_run(data_dir, inputs, db_url=db_url, into=into, page_budget=page_budget)
    if shards is None:
        return _run(run, files, progress=progress, workers=workers, sharded=None)
    from crawler.shards.plan import plan

    sharded = plan(files, shards, work_dir, page_budget)
    try:
        return _run(run, files, progress=progress, workers=workers, sharded=sharded)
    finally:
        sharded.cleanup()


def _new_run(data_dir: Path, inputs: list[str], *, db_url: str | None, into: str | None, page_budget: float) -> Run:
    """The run (not opened yet) writing into ``into`` (refused if it exists) or the store."""
    if into is not None:
        target = into if "://" in into else sqlite_url(into)
        path = sqlite_path(target)
        if path is not None and path.exists() and path.stat().st_size > 0:
            raise UsageError(f"{into}: already exists; --into builds a fresh store, choose a new path")
        _make_parent(path)
        return Run("reprocess", target, {"inputs": inputs, "into": into}, data_dir=data_dir, page_budget=page_budget)
    target = db_url or default_db_url(data_dir)
    _make_parent(sqlite_path(target))
    own_archive = not inputs
    return Run(
        "reprocess",
        target,
        {"inputs": inputs, "data_dir": str(data_dir)},
        archive_dir=None if own_archive else data_dir / "archive",
        data_dir=data_dir,
        page_budget=page_budget,
        hint=f" --data-dir {data_dir}",
    )


def _make_parent(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from None


def _run(run: Run, files: list[tuple[Path, str]], *, progress: bool, workers: int, sharded: Plan | None) -> RunStats:
    with run, signals_interrupt():
        if sharded is None:
            run.ingestor.ingest_all(_with_progress(read_inputs(files), progress), workers=workers)
        else:
            sharded.execute(run.ingestor, workers, lambda pages: _with_progress(pages, progress))
    return run.ingestor.stats
