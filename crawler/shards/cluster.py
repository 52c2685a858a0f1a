"""Phase 1 elsewhere: the step to hand to datatrove's Slurm or Ray executor on a cluster.

Invariant: :func:`analyse_step` prepares the work directory exactly as ``akhbar reprocess
--shards N --work-dir DIR INPUT...`` does (the same manifest: inputs, N, parameters, page
budget), so that command, run afterwards on the store's machine, finds the shards complete,
reuses them and only decides; a mismatch (other inputs, other N) is refused there, never mixed.
"""

from __future__ import annotations

from pathlib import Path

from crawler.config import PAGE_BUDGET_SECONDS
from crawler.processing.fingerprint import DedupParams
from crawler.shards.analyse import AnalyseShard
from crawler.shards.layout import manifest, prepare
from storage.archive import expand_inputs


def analyse_step(
    inputs: list[str], work_dir: str, *, shards: int, page_budget: float = PAGE_BUDGET_SECONDS, pack: bool = False
) -> AnalyseShard:
    """The pipeline step of phase 1 for ``inputs`` (INPUT arguments, as given to the command) in
    ``shards`` tasks into ``work_dir`` (a directory every node sees), which it prepares. ``pack``:
    also build the archive records (worth it when the command will copy the inputs into a data
    dir's archive; without, phase 2 builds them)."""
    files = expand_inputs(inputs)
    work = prepare(Path(work_dir), manifest(files, shards, DedupParams(), page_budget))
    return AnalyseShard(
        files=tuple((str(path.resolve()), kind) for path, kind in files),
        work_dir=str(work.root),
        params=DedupParams(),
        budget=page_budget,
        pack=pack,
    )
