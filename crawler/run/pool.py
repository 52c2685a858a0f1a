"""The analysis worker processes: forked, frozen for the collector, tied to the parent's life.

Invariant: a pool never outlives its run: a killed parent takes its workers along
(``PR_SET_PDEATHSIG``), and an interrupted or failed run kills them (:meth:`AnalysisPool.abandon`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor

from crawler.processing.extract import load_lazy_parts


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    with contextlib.suppress(OSError, AttributeError):  # die with the parent, even on SIGKILL (Linux only)
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class AnalysisPool(ProcessPoolExecutor):
    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        gc.unfreeze()  # the parent's objects are collected as usual again

    def abandon(self) -> None:
        """Stop now (a run interrupted or failed): queued pages are dropped and the workers killed
        instead of finishing the pages they hold (each may take its whole page budget).
        (Python 3.14 has ``terminate_workers()``; until then, the executor's process table.)

        The executor's manager thread is then waited for (shortly): left running, it closes its
        wake-up pipe while the interpreter's exit hook may be writing to it (a race of Python
        3.11's ``concurrent.futures``) and a "Bad file descriptor" traceback ends the run."""
        processes = list((getattr(self, "_processes", None) or {}).values())
        manager = getattr(self, "_executor_manager_thread", None)  # shutdown() forgets it
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        if manager is not None:
            manager.join(timeout=5)


def analysis_pool(workers: int) -> AnalysisPool:
    """Worker processes for ``analyse_page``: forked (instant start, modules already loaded and
    initialised) and tied to the parent's life, so a killed run leaves no orphans behind.

    The parent's objects are frozen for the collector while the pool lives (``gc.freeze``, as
    Python's documentation advises before a fork): the workers' collections then never walk
    them (a walk writes to every object it visits, so each worker would get its own copy of the
    memory pages they sit on)."""
    load_lazy_parts()
    gc.freeze()
    return AnalysisPool(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init)
