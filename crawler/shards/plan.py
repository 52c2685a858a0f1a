"""A sharded re-process from start to end: checked before the run opens, then its two phases.

Invariant: everything a user can get wrong (N, the work directory, the engine not installed) is
refused by :func:`plan` with one line (:class:`~crawler.config.UsageError`) before the store is
opened; :meth:`Plan.execute` then runs phase 1 (nothing is written to the store) and phase 2
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
from crawler.shards.settle import settle_all
from storage.archive import ArchivedPage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    files: list[tuple[Path, str]]
    shards: int
    work: WorkDir
    page_budget: float
    temporary: bool  # the work directory was made for this run: removed at its end

    def execute(
        self,
        ingestor: Ingestor,
        workers: int,
        wrap: Callable[[Iterator[ArchivedPage]], Iterator[ArchivedPage]] = lambda pages: pages,
    ) -> None:
        """Phase 1 on this machine (the shards complete already are reused), then phase 2."""
        step = AnalyseShard(
            files=tuple((str(path.resolve()), kind) for path, kind in self.files),
            work_dir=str(self.work.root),
            params=ingestor.store.params,
            budget=self.page_budget,
            pack=ingestor.archive is not None,
        )
        run_local(step, self.work, self.shards, workers)
        log.info("phase 1 done: %d shards in %s", self.shards, self.work.root)
        settle_all(ingestor, self.files, self.work, self.shards, wrap)

    def cleanup(self) -> None:
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
