"""``akhbar reprocess``: run saved HTML (WARC or bare files) through the processing path.

Inputs from outside the data dir's archive go into it first (it stays the source of truth): a
WARC file is copied whole, byte for byte, once (:meth:`~storage.archive.ArchiveWriter.copy_in`;
its warcinfo, request, metadata and revisit records kept as they are) and its pages' rows point
into the copy; a bare HTML file's page is appended to the run's own WARC file as a ``response``
record. Either way every page goes through the one :class:`~crawler.run.ingest.Ingestor`.

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
from typing import Any

from crawler.config import PAGE_BUDGET_SECONDS, UsageError, default_db_url, default_operator
from crawler.run.ingest import RunStats
from crawler.run.session import Run
from crawler.runs import signals_interrupt
from storage.archive import ArchivedPage, ArchiveWriter, archive_files, expand_inputs, read_inputs, read_warc
from storage.db import sqlite_path, sqlite_url
from storage.faults import StoreError

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
        run = Run("reprocess", target, {"inputs": inputs, "into": into}, data_dir=data_dir, page_budget=page_budget)
        return _run(run, files, progress=progress, workers=workers)
    target = db_url or default_db_url(data_dir)
    _make_parent(sqlite_path(target))
    own_archive = not inputs
    run = Run(
        "reprocess",
        target,
        {"inputs": inputs, "data_dir": str(data_dir)},
        archive_dir=None if own_archive else data_dir / "archive",
        data_dir=data_dir,
        page_budget=page_budget,
        hint=f" --data-dir {data_dir}",
        archive_info={"operator": default_operator(), "description": "akhbar reprocess: pages read from saved files"},
    )
    return _run(run, files, progress=progress, workers=workers)


def _make_parent(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from None


def _run(run: Run, files: list[tuple[Path, str]], *, progress: bool, workers: int) -> RunStats:
    """Ingest ``files`` in order. When the run archives (inputs from outside the archive), inputs are
    taken in runs of one kind: bare HTML pages appended to the run's WARC file, WARC files copied in
    whole with the ingestor appending nothing (their rows point into the copy)."""
    bar: Any = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" pages", desc="reprocess", file=sys.stderr, mininterval=0.5)
    try:
        with run, signals_interrupt():
            writer, ingestor = run.writer, run.ingestor
            if writer is None:
                ingestor.ingest_all(_counted(read_inputs(files), bar), workers=workers)
                return ingestor.stats
            for is_warc, grouped in itertools.groupby(files, key=lambda f: f[1] == "warc"):
                group = list(grouped)
                ingestor.archive = None if is_warc else writer
                pages = _copied_in(writer, [p for p, _ in group]) if is_warc else read_inputs(group)
                ingestor.ingest_all(_counted(pages, bar), workers=workers)
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
