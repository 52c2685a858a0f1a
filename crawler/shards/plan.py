"""A sharded re-process from start to end: checked before the run opens, then its two phases.

Invariant: everything a user can get wrong (N, the work directory, the engine not installed) is
refused by :func:`plan` with one line (:class:`~crawler.config.UsageError`) before the store is
opened; :meth:`Plan.analyse` then runs phase 1 (nothing is written to the store) and :meth:`Plan.settle` phase 2
(the ordinary ingestor path: an interruption leaves the store as a plain re-process would).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crawler.config import UsageError
from crawler.processing.fingerprint import DedupParams
from crawler.run.ingest import Ingestor
from crawler.shards.analyse import AnalyseShard, engine_missing, run_local
from crawler.shards.layout import MAX_SHARDS, WorkDir, manifest, prepare
from crawler.shards.settle import Precomputed, Reader, settle_all
from storage.archive import ArchivedPage

log = logging.getLogger(__name__)


@dataclass
class Plan:
    files: list[tuple[Path, str]]
    shards: int
    work: WorkDir
    page_budget: float
    temporary: bool  # the work directory was made for this run: removed at its end
    recorded: Precomputed | None = None  # phase 2's reader of the shards, kept across runs of the inputs

    def analyse(self, ingestor: Ingestor, workers: int) -> None:
        """Phase 1 on this machine (the shards complete already are reused); nothing is written to the store."""
        step = AnalyseShard(
            files=tuple((str(path.resolve()), kind) for path, kind in self.files),
            work_dir=str(self.work.root),
            params=ingestor.store.params,
            budget=self.page_budget,
            pack=ingestor.archive is not None,
        )
        run_local(step, self.work, self.shards, workers)
        log.info("phase 1 done: %d shards in %s", self.shards, self.work.root)

    def settle(
        self,
        ingestor: Ingestor,
        files: list[tuple[int, tuple[Path, str]]],
        read: Reader,
        wrap: Callable[[Iterator[ArchivedPage]], Iterator[ArchivedPage]] = lambda pages: pages,
    ) -> None:
        """Phase 2 for ``files`` (a run of the inputs, with their places in the whole list), each read
        by ``read`` (the file itself, or its byte-for-byte copy in the archive)."""
        if self.recorded is None:
            self.recorded = Precomputed(self.work, self.shards)
        settle_all(ingestor, files, self.recorded, read, wrap)

    def cleanup(self) -> None:
        if self.recorded is not None:
            self.recorded.finish()
        if self.temporary:
            shutil.rmtree(self.work.root, ignore_errors=True)


def plan(files: list[tuple[Path, str]], shards: int, work_dir: Path | None, page_budget: float) -> Plan:
    """The checked plan of a sharded re-process of ``files``; UsageError when it cannot run."""
    if not 1 <= shards <= MAX_SHARDS:
        raise UsageError(f"--shards {shards}: must be 1 to {MAX_SHARDS}")
    missing = engine_missing()
    if missing is not None:
        raise UsageError(f"--shards: {missing}")
    # the code's parameters: the store refuses to open if it was built with others
    wanted = manifest(files, shards, DedupParams(), page_budget)
    if work_dir is None:
        root = Path(tempfile.mkdtemp(prefix="akhbar-shards-"))
        return Plan(files, shards, prepare(root, wanted), page_budget, temporary=True)
    return Plan(files, shards, prepare(work_dir, wanted), page_budget, temporary=False)
