"""A hard deadline for a crawl: Scrapy's stops (``--max-seconds``, SIGTERM) are graceful only,
and a graceful stop waits for every download in progress, however slow.

Invariant: once armed, the process is gone by its deadline. If the crawl has not ended by then,
the watchdog thread writes one line on stderr, marks the run row ``interrupted`` (best effort,
through a connection of its own: the crawl's open transaction is neither committed nor waited
for more than a moment) and ends the process with ``os._exit``. What was committed stays.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

OVERRUN_SECONDS = 25.0  # after --max-seconds: the graceful stop's allowance
SIGNAL_GRACE_SECONDS = 8.0  # after SIGTERM/SIGINT: the graceful stop's allowance


class Watchdog:
    """A daemon thread that ends the process at the earliest armed deadline unless :meth:`done`."""

    def __init__(self, mark: Callable[[str], None], exit_status: Callable[[], int]) -> None:
        self._mark = mark  # marks the run row, given the reason it fired
        self._exit_status = exit_status
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._why = ""
        self._done = False
        self._thread = threading.Thread(target=self._watch, name="akhbar-watchdog", daemon=True)
        self._thread.start()

    def arm(self, seconds: float, why: str) -> None:
        """End the process ``seconds`` from now (unless an earlier deadline is armed), saying ``why``.
        Safe in a signal handler: it only takes the condition's lock briefly."""
        deadline = time.monotonic() + seconds
        with self._cond:
            if self._deadline is None or deadline < self._deadline:
                self._deadline, self._why = deadline, why
                self._cond.notify()

    def done(self) -> None:
        with self._cond:
            self._done = True
            self._cond.notify()

    def _watch(self) -> None:
        with self._cond:
            while not self._done:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            if self._done:
                return
            why = self._why
        self._fire(why)

    def _fire(self, why: str) -> None:
        try:
            sys.stderr.write(f"akhbar: error: crawl: {why}: stopped; what was committed is kept\n")
            sys.stderr.flush()
        except Exception:
            pass
        try:
            self._mark(why)
        except Exception as exc:  # best effort: the row then stays unfinished, as after a SIGKILL
            log.debug("watchdog: the run row could not be marked: %s", exc)
        os._exit(self._exit_status())
