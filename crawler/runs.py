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


_critical = 0  # depth of critical sections entered (main thread only)
_pending: int | None = None  # a signal that arrived during one, raised at its end


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    global _pending
    if _critical:
        _pending = signum
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def critical_section() -> Iterator[None]:
    """A write that must not be cut in two (a page's rows, a commit): a signal that arrives
    meanwhile is raised as :class:`Interrupted` when it ends, so a transaction only ever holds
    whole pages."""
    global _critical, _pending
    _critical += 1
    try:
        yield
    finally:
        _critical -= 1
    if not _critical and _pending is not None:
        signum, _pending = _pending, None
        raise Interrupted(signum)


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`Interrupted` in the main thread while this is active
    (at the end of the critical section they arrive in, if any)."""
    global _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _pending = None
    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
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
