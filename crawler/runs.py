"""How a run ends: the one vocabulary of ``crawl_runs.finish_reason`` and of akhbar's exit statuses.

Invariant: a run row that gets finished says one of :class:`FinishReason`'s values, and the
command's exit status follows from it: 0 for ``finished``, 1 for ``disk_full`` and ``error``,
128 + the signal's number for ``interrupted`` (130 for Ctrl-C, 143 for SIGTERM). Bad input,
refused before a run starts, is exit status 2.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from enum import IntEnum, StrEnum
from types import FrameType


class FinishReason(StrEnum):
    FINISHED = "finished"  # done, or stopped by --max-seconds (Scrapy's closespider_timeout)
    INTERRUPTED = "interrupted"  # SIGINT/SIGTERM, or the watchdog ended a stop that did not finish in time
    DISK_FULL = "disk_full"  # a write found the disk (or a quota, or a file size limit) full
    ERROR = "error"  # any other failure: a write error, a bug


class ExitStatus(IntEnum):
    OK = 0
    FAILED = 1  # the run failed (disk full, write error, a bug); what was stored is kept
    BAD_INPUT = 2  # refused before anything was written
    SIGPIPE = 141  # the reader of the output went away (`akhbar sql ... | head -1`): like any Unix tool


# Scrapy's reasons for closing a spider that mean the crawl did what it was asked.
_SCRAPY_FINISHED = ("finished", "closespider_timeout", "closespider_itemcount", "closespider_pagecount")
_SCRAPY_INTERRUPTED = ("shutdown", "cancelled")


def from_scrapy(reason: str | None) -> FinishReason:
    """The finish reason of a crawl whose spider Scrapy closed with ``reason``."""
    if reason is None:
        return FinishReason.FINISHED
    if reason in FinishReason.__members__.values():
        return FinishReason(reason)
    if reason in _SCRAPY_FINISHED or reason.startswith("closespider_"):
        return FinishReason.FINISHED
    if reason in _SCRAPY_INTERRUPTED:
        return FinishReason.INTERRUPTED
    return FinishReason.ERROR


def exit_status(reason: FinishReason, signum: int | None = None) -> int:
    if reason is FinishReason.FINISHED:
        return ExitStatus.OK
    if reason is FinishReason.INTERRUPTED:
        return 128 + (signum or signal.SIGINT)
    return ExitStatus.FAILED


class Interrupted(BaseException):  # like KeyboardInterrupt: not an Exception, so nothing swallows it
    """SIGTERM (or SIGINT) received: the run stops, keeps what it stored and marks its row."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_waiting = 0  # depth of interruptible waits entered (main thread only)
_pending: int | None = None  # a signal that arrived outside one, raised at the next interruption point
_interrupted = False  # once raised, further signals are ignored: the run is winding down


def _stop_listening() -> None:
    global _interrupted
    _interrupted = True
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    global _pending
    if _waiting:
        _stop_listening()
        raise Interrupted(signum)
    _pending = signum  # a write or a database call may be under way: raised at the next safe point


def interruption_point() -> None:
    """Raise :class:`Interrupted` if a signal arrived since: call it between pages, where nothing
    is half written and no database call is under way (one cut by an exception leaves its
    connection unusable, and the batch with it)."""
    global _pending
    if _pending is not None:
        signum, _pending = _pending, None
        _stop_listening()
        raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """A wait a signal may cut at once (a worker's result, an extraction): no write is under way."""
    global _waiting
    interruption_point()
    _waiting += 1
    try:
        yield
    finally:
        _waiting -= 1


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`Interrupted` in the main thread while this is active: at
    once in an :func:`interruptible` wait, else at the next :func:`interruption_point`. Once one
    has, the process is winding down: later signals are ignored (a second Ctrl-C must not cut
    the run row's update short) until the process ends."""
    global _pending, _interrupted
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _pending, _interrupted = None, False
    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        if not _interrupted:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


@contextlib.contextmanager
def signals_deferred() -> Iterator[list[int]]:
    """While a run writes its last rows, SIGTERM and SIGINT are noted (in the list yielded), not
    obeyed: a second Ctrl-C must not leave the run row unfinished. (The wind-down is short and
    bounded: one commit, one row.)"""
    noted: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield noted
        return
    previous = {s: signal.signal(s, lambda signum, _f: noted.append(signum)) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield noted
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
