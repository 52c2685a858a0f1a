"""Phase 2 of a sharded re-process: the inputs read again, in order, each page settled by the
:class:`~crawler.run.ingest.Ingestor` with the analysis phase 1 recorded for it.

Invariant: pages reach the ingestor in input order (files in the order given, records in file
order), exactly as :func:`storage.archive.read_inputs` yields them to a plain re-process, and
each carries the analysis made of that very record (checked: input file, offset and URL), so
admit, settle and ``Store.save`` run as in a plain re-process and the store is the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TypeVar

from crawler.items import RawPage
from crawler.run.executor import Analysis
from crawler.run.ingest import Ingestor
from crawler.shards.layout import WorkDir, shard_of
from crawler.shards.records import PageRecord, RecordError, decode, is_trailer
from storage.archive import ArchivedPage, read_inputs

log = logging.getLogger(__name__)
P = TypeVar("P")
Reader = Callable[[Path, str], Iterator[ArchivedPage]]  # one input file's pages


class ShardReader:
    """One shard file, read forward: the next record, which must be the page expected."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] = open(path, encoding="utf-8")  # noqa: SIM115 (closed by close())
        self._line = 0

    def next_for(self, file: int, page: ArchivedPage) -> PageRecord:
        assert page.raw is not None
        line = self._fh.readline()
        self._line += 1
        if not line or is_trailer(line):
            raise RecordError(f"{self.path}: ends before {page.source}'s page {page.raw.url}")
        record = decode(line)
        if (record.file, record.offset, record.url) != (file, page.offset, page.raw.url):
            raise RecordError(
                f"{self.path}:{self._line}: a record of {record.url} where {page.source} has {page.raw.url}:"
                " the work directory does not match its inputs; remove it and run again"
            )
        return record

    def close(self) -> None:
        self._fh.close()


class Precomputed:
    """An :class:`~crawler.run.executor.AnalysisSource` whose analyses were read from the work
    directory: :meth:`pages` yields the pages to ingest, and :meth:`ordered` hands the ingestor
    back the analysis of each page it admitted (the ingestor pulls one page at a time, so only
    the latest page's analysis is kept; a page it skipped as known drops its own)."""

    def __init__(self, work: WorkDir, shards: int) -> None:
        self.work, self.shards = work, shards
        self._latest: tuple[RawPage, Analysis] | None = None
        self._readers: dict[int, ShardReader] = {}  # kept across runs of inputs: a shard is read forward once

    def pages(self, files: list[tuple[int, tuple[Path, str]]], read: Reader) -> Iterator[ArchivedPage]:
        """The pages of ``files`` (each with its place in the whole input list), read by ``read``."""
        for index, (path, kind) in files:
            rank = shard_of(index, self.shards)
            reader = self._readers.get(rank)
            if reader is None:
                reader = self._readers[rank] = ShardReader(self.work.shard_file(rank))
            for page in read(path, kind):
                if page.raw is not None:
                    record = reader.next_for(index, page)
                    self._latest = (page.raw, Analysis(record.result, record.member))
                yield page

    def ordered(self, items: Iterable[P], raw_of: Callable[[P], RawPage | None]) -> Iterator[tuple[P, Analysis | None]]:
        for item in items:
            raw = raw_of(item)
            if raw is None:
                yield item, None
                continue
            latest, self._latest = self._latest, None
            if latest is None or latest[0] is not raw:
                raise RecordError(f"no analysis read for {raw.url}")  # a bug: pages and items out of step
            yield item, latest[1]

    def close(self, *, abandon: bool = False) -> None:
        self._latest = None

    def finish(self) -> None:
        """Close the shard files."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()


def read_file(path: Path, kind: str) -> Iterator[ArchivedPage]:
    """The pages of one input file, as a plain re-process reads them."""
    return read_inputs([(path, kind)])


def settle_all(
    ingestor: Ingestor,
    files: list[tuple[int, tuple[Path, str]]],
    recorded: Precomputed,
    read: Reader = read_file,
    wrap: Callable[[Iterator[ArchivedPage]], Iterator[ArchivedPage]] = lambda pages: pages,
) -> None:
    """Phase 2: every page of ``files`` (with their places in the input list) through ``ingestor``, in
    input order, with the analyses ``recorded`` (``read``: how a file's pages are read; ``wrap``: a
    progress bar). Called once per run of the inputs, in order: the shards are read forward."""
    ingestor.ingest_all(wrap(recorded.pages(files, read)), analyses=recorded)
