"""Phase 1 of a sharded re-process: each shard analyses its input files into its work file.

:class:`AnalyseShard` is a plain callable ``(data, rank, world_size)``: a datatrove pipeline step
as it is, so any of datatrove's executors runs it (:func:`run_local` here; Slurm or Ray on a
cluster, writing to a shared work directory). It reads pages with :func:`storage.archive.read_inputs`
and analyses them with :func:`crawler.run.budget.analyse_and_pack`, the very functions a plain
re-process uses. Invariant: a shard's file appears (renamed from ``.part``) only once it holds
the records of all its files; it reads the inputs and writes nothing else.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from crawler.config import UsageError
from crawler.processing.fingerprint import DedupParams
from crawler.run.budget import analyse_and_pack
from crawler.runs import interruptible
from crawler.shards.layout import WorkDir, shard_of
from crawler.shards.records import PageRecord, encode, trailer
from storage.archive import read_inputs
from storage.faults import WriteError, is_disk_full

log = logging.getLogger(__name__)

ENGINE_HINT = "pip install 'akhbar[scale]'"


@dataclass(frozen=True)
class AnalyseShard:
    """One shard's work: the files ``i`` with ``i % world_size == rank``, analysed into
    ``WORK/analyses/RANK.jsonl``. Plain data (paths, parameters), so engines ship it anywhere."""

    files: tuple[tuple[str, str], ...]  # (path, kind) of every input file, in input order
    work_dir: str
    params: DedupParams
    budget: float
    pack: bool  # also build each page's archive record (the run copies its inputs into the archive)

    def __repr__(self) -> str:  # the engine logs its pipeline: not every input file
        return f"AnalyseShard({len(self.files)} files into {self.work_dir}, pack={self.pack})"

    def __call__(self, data: object = None, rank: int = 0, world_size: int = 1) -> None:
        work = WorkDir(Path(self.work_dir))
        if work.complete(rank):
            return
        target = work.shard_file(rank)
        part = target.with_name(target.name + ".part")
        pages = 0
        # a failure is raised as the OSError it is (engines ship plain exceptions back across processes)
        with open(part, "w", encoding="utf-8") as out:
            for record in self.records(rank, world_size):
                out.write(encode(record))
                pages += 1
            out.write(trailer(pages))
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
        log.info("shard %d: %d pages analysed", rank, pages)

    def records(self, rank: int, world_size: int) -> Iterator[PageRecord]:
        """The records of this shard's files, in input order then file order."""
        for index, (path, kind) in enumerate(self.files):
            if shard_of(index, world_size) != rank:
                continue
            for page in read_inputs([(Path(path), kind)]):
                if page.raw is None:  # unreadable: phase 2 reads it again and records it as such
                    continue
                member, result = analyse_and_pack(page.raw, self.params, self.budget, self.pack)
                yield PageRecord(index, page.offset, page.raw.url, result, member)


def engine_missing() -> str | None:
    """Why the engine cannot run here (not installed), or None."""
    try:
        import datatrove.executor  # noqa: F401
    except ImportError:
        return f"needs datatrove, which is not installed: {ENGINE_HINT}"
    return None


def run_local(step: AnalyseShard, work: WorkDir, shards: int, workers: int) -> None:
    """Run the ``shards`` tasks of phase 1 on this machine, ``workers`` at a time (datatrove's
    :class:`LocalPipelineExecutor`, forked processes). The tasks complete already are skipped
    (their shard files are reused). The engine's output goes to ``WORK/engine/output.log``
    unless logging is verbose. A signal stops the tasks at once."""
    from datatrove.executor import LocalPipelineExecutor

    for rank in range(shards):  # a completion the engine remembers is only as good as its shard file
        if not work.complete(rank):
            with contextlib.suppress(FileNotFoundError):
                (work.engine / "completions" / f"{rank:05d}").unlink()
    executor = LocalPipelineExecutor(
        pipeline=[step],
        tasks=shards,
        workers=max(1, min(workers, shards)),
        logging_dir=str(work.engine),
        start_method="fork",  # as the analysis pool: modules already loaded, instant start
    )
    try:
        with _engine_output(work.engine / "output.log"), _signals_for_children(), interruptible():
            executor.run()
    except OSError as exc:  # the work directory's disk (a full one, most likely)
        where = str(exc.filename or work.root)
        raise WriteError(where, exc.strerror or str(exc), disk_full=is_disk_full(exc)) from None
    except Exception as exc:
        what = (str(exc).strip().splitlines() or [""])[0]
        raise WriteError(str(work.engine), f"phase 1 failed: {type(exc).__name__}: {what}", disk_full=False) from None
    missing = work.missing(shards)
    if missing:
        raise UsageError(f"{work.root}: shards {missing[:5]} not complete after phase 1; see {work.engine / 'logs'}")


@contextlib.contextmanager
def _engine_output(path: Path) -> Iterator[None]:
    """The engine's log lines (datatrove logs each task to stderr) go to ``path``, not the
    terminal, unless akhbar logs verbosely; file descriptor 2 is redirected, so forked tasks too."""
    if log.isEnabledFor(logging.INFO):
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as sink:
        os.dup2(sink.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


@contextlib.contextmanager
def _signals_for_children() -> Iterator[None]:
    """The engine forks its task processes (and a manager) from this one: there SIGTERM and SIGINT
    end the process as by default (the engine stops its pool by SIGTERM), while here they go on
    to the run's handlers (:mod:`crawler.runs`: the run stops, its row is marked)."""
    here = os.getpid()
    previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != here:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        before = previous[signum]
        if callable(before):
            before(signum, frame)
        elif before == signal.SIG_DFL and signum == signal.SIGINT:
            raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for signum, before in previous.items():
            if signal.getsignal(signum) is handler:  # not replaced meanwhile (a run stopping ignores signals)
                signal.signal(signum, before)
