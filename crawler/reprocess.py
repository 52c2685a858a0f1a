"""``akhbar reprocess``: run saved HTML (WARC or bare files) through the processing path.

Inputs from outside the data dir's archive go into it first (it stays the source of truth): a
WARC file is copied whole, byte for byte, once (:meth:`~storage.archive.ArchiveWriter.copy_in`;
its warcinfo, request, metadata and revisit records kept as they are) and its pages' rows point
into the copy; a bare HTML file's page is appended to the run's own WARC file as a ``response``
record. Either way every page goes through the one :class:`~crawler.run.ingest.Ingestor`.

With ``--shards N`` the analysis runs first, in N shards on datatrove's executors
(:mod:`crawler.shards`), then the pages are settled in input order exactly as above: the same store.

Every run row it starts gets finished: ``finished``, ``interrupted`` (SIGINT/SIGTERM, raised
as :class:`~crawler.runs.Interrupted` between pages, never inside one), ``disk_full`` or
``error`` (the batch the failed write was in is rolled back; what was committed stays).
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.config import PAGE_BUDGET_SECONDS, UsageError, default_db_url, default_operator
from crawler.run.ingest import RunStats
from crawler.run.session import Run
from crawler.runs import signals_interrupt
from storage.archive import ArchivedPage, ArchiveWriter, archive_files, expand_inputs, read_inputs, read_warc
from storage.db import sqlite_path, sqlite_url
from storage.faults import StoreError

if TYPE_CHECKING:
    from crawler.shards.plan import Plan

log = logging.getLogger(__name__)


def _counted(pages: Iterable[ArchivedPage], bar: Any) -> Iterator[ArchivedPage]:
    for page in pages:
        yield page
        if bar is not None:
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
        archive_info={"operator": default_operator(), "description": "akhbar reprocess: pages read from saved files"},
    )


def _make_parent(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from None


def _run(run: Run, files: list[tuple[Path, str]], *, progress: bool, workers: int, sharded: Plan | None) -> RunStats:
    """Ingest ``files`` in order (with ``sharded``: phase 1 first, then each page settled with its recorded
    analysis). When the run archives (inputs from outside the archive), inputs are taken in runs of one
    kind: bare HTML pages appended to the run's WARC file, WARC files copied in whole with the ingestor
    appending nothing (their rows point into the copy, which is byte for byte the file phase 1 read)."""
    bar: Any = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" pages", desc="reprocess", file=sys.stderr, mininterval=0.5)
    try:
        with run, signals_interrupt():
            writer, ingestor = run.writer, run.ingestor
            if sharded is not None:
                sharded.analyse(ingestor, workers)
            indexed = list(enumerate(files))
            groups = (
                [(False, indexed)]
                if writer is None
                else [(w, list(g)) for w, g in itertools.groupby(indexed, key=lambda f: f[1][1] == "warc")]
            )
            for is_copied, group in groups:
                if writer is not None:
                    ingestor.archive = None if is_copied else writer

                def read(path: Path, kind: str, copy: bool = is_copied) -> Iterator[ArchivedPage]:
                    assert writer is not None or not copy
                    return _copied_in(writer, [path]) if copy and writer is not None else read_inputs([(path, kind)])

                if sharded is None:
                    pages = (page for _, (path, kind) in group for page in read(path, kind))
                    ingestor.ingest_all(_counted(pages, bar), workers=workers)
                else:
                    sharded.settle(ingestor, group, read, lambda pages: _counted(pages, bar))
                if writer is not None:
                    ingestor.archive = writer
                    ingestor.commit()  # with the writer synced: no row names a record a crash could lose
    finally:
        if bar is not None:
            bar.close()
    return run.ingestor.stats


def _copied_in(writer: ArchiveWriter, warcs: list[Path]) -> Iterator[ArchivedPage]:
    """The pages of ``warcs``, each read from its copy in the archive (made when it is reached);
    a file inside the archive already is read where it is."""
    archive = writer.archive_dir.resolve()
    for path in warcs:
        inside = path.resolve().parent == archive
        yield from read_warc(path if inside else writer.copy_in(path))
