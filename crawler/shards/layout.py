"""The work directory of a sharded re-process: what phase 1 writes and phase 2 reads.

::

    WORK/manifest.json          the inputs (path, kind, size, mtime), the shard count, the dedup
                                parameters and page budget the analyses were made with
    WORK/analyses/00000.jsonl   shard 0: a record (:mod:`.records`) per readable page of the input
    WORK/analyses/00001.jsonl   files i with i % N == 0, in input order then file order, and a
    ...                         trailer line; written as ``.part`` and renamed when complete
    WORK/engine/                the engine's own files (datatrove: logs/, completions/, stats/)

Invariant: a work directory only ever holds the analyses of the inputs and parameters its
manifest names (another run's is refused, never mixed in), and a shard file without its
``.part`` suffix is complete.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from crawler.config import UsageError
from crawler.processing.fingerprint import DedupParams
from crawler.shards.records import FORMAT, is_trailer

log = logging.getLogger(__name__)

MAX_SHARDS = 100_000


def shard_of(file_index: int, shards: int) -> int:
    """The shard that analyses input file ``file_index``: files are dealt round-robin."""
    return file_index % shards


def manifest(files: list[tuple[Path, str]], shards: int, params: DedupParams, page_budget: float) -> dict[str, object]:
    """What a work directory's analyses depend on: the inputs as they are now, N, the parameters."""
    inputs = []
    for path, kind in files:
        st = path.stat()
        inputs.append([str(path.resolve()), kind, st.st_size, st.st_mtime_ns])
    return {
        "format": FORMAT,
        "shards": shards,
        "page_budget": page_budget,
        "params": params.as_dict(),
        "inputs": inputs,
    }


@dataclass(frozen=True)
class WorkDir:
    root: Path

    @property
    def analyses(self) -> Path:
        return self.root / "analyses"

    @property
    def engine(self) -> Path:
        return self.root / "engine"

    def shard_file(self, rank: int) -> Path:
        return self.analyses / f"{rank:05d}.jsonl"

    def complete(self, rank: int) -> bool:
        """Whether shard ``rank``'s file is there and ends with its trailer."""
        path = self.shard_file(rank)
        try:
            with open(path, "rb") as fh:
                fh.seek(max(0, path.stat().st_size - 4096))
                lines = fh.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return False
        return bool(lines) and is_trailer(lines[-1])

    def missing(self, shards: int) -> list[int]:
        return [rank for rank in range(shards) if not self.complete(rank)]


def prepare(root: Path, wanted: dict[str, object]) -> WorkDir:
    """``root`` made ready for these analyses: created, writable, its manifest written (or, when
    it holds one, the same: the shards already complete are reused). UsageError otherwise."""
    work = WorkDir(root)
    path = root / "manifest.json"
    try:
        if root.is_dir() and not path.exists() and any(root.iterdir()):
            raise UsageError(f"{root}: not empty and not a work directory (no manifest.json); give an empty one")
        work.analyses.mkdir(parents=True, exist_ok=True)
        if path.exists():
            held = json.loads(path.read_text(encoding="utf-8"))
            if held != json.loads(json.dumps(wanted)):
                raise UsageError(
                    f"{root}: holds the analyses of other inputs or parameters; "
                    "give an empty --work-dir, or remove this one"
                )
            log.info("%s: reusing the complete shards of an earlier run", root)
            return work
        probe = path.with_name("manifest.json.part")
        probe.write_text(json.dumps(wanted, indent=1) + "\n", encoding="utf-8")
        os.replace(probe, path)
    except OSError as exc:
        raise UsageError(f"{root}: cannot write here ({exc.strerror or exc})") from None
    except ValueError:
        raise UsageError(f"{root}: manifest.json is not readable JSON; remove the work directory") from None
    return work
