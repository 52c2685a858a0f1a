"""One page's analysis, never raising and bounded in time (the per-page budget).

Invariant: whatever a page does (a rejection, a crash, an endless parse), :func:`analyse_page`
returns an :data:`AnalysisResult`; the budget is SIGALRM, so it applies in a process's main thread, and the
alarm repeats until it cuts the page (one swallowed in a finalizer does not let the page run on).
"""

from __future__ import annotations

import logging
import signal
import threading

from crawler.items import RawPage
from crawler.processing.fingerprint import DedupParams
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed, analyse
from storage.archive import warc_member

log = logging.getLogger(__name__)

AnalysisResult = Analysed | Rejected


class _OverBudget(BaseException):  # not Exception: library code must not swallow it
    pass


# The alarm repeats after the budget until the page is cut: a signal's exception raised while Python runs a
# finalizer (a generator closed by the collector, a __del__) is printed and dropped, and a one-shot alarm
# lost that way would let the page run to its end.
ALARM_REPEAT_SECONDS = 0.25


def _alarm(_signum: int, _frame: object) -> None:
    raise _OverBudget


def analyse_page(raw: RawPage, params: DedupParams, budget: float = 0.0) -> AnalysisResult:
    """analyse() that never raises: a rejection, a crash or a page over its time budget
    comes back as ``Rejected``. The budget uses SIGALRM, so it applies in the main thread
    of a process: pool workers, ``akhbar reprocess``, and a one-worker crawl (Scrapy runs its
    reactor, hence the item pipeline, in the main thread)."""
    if raw.role != "article":  # listings, feeds, sitemaps: archived and recorded, never extracted
        return Rejected(Outcome.NOT_ARTICLE, raw.role)
    use_alarm = budget > 0 and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    if use_alarm:
        signal.setitimer(signal.ITIMER_REAL, budget, ALARM_REPEAT_SECONDS)
    try:
        return analyse(raw, params)
    except Rejected as rej:
        return rej
    except _OverBudget:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)  # at once: the next repeat is a quarter second away
        return Rejected(Outcome.TIMEOUT, f"extraction took longer than {budget:g} s")
    except Exception as exc:  # a bug or a pathological page must not stop the run
        return Rejected(Outcome.ERROR, f"extraction failed: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def analyse_and_pack(
    raw: RawPage, params: DedupParams, budget: float, pack: bool
) -> tuple[bytes | None, AnalysisResult]:
    """A pool worker's task: :func:`analyse_page`, and the page's archive record when ``pack``
    (hashing and compressing it is the largest share of the main process's work otherwise)."""
    return pack_record(raw) if pack else None, analyse_page(raw, params, budget)


def pack_record(raw: RawPage) -> bytes | None:
    """The page's archive record (:func:`warc_member`), built off the main thread; None if that
    failed: the ingestor then builds it again and reports the error as usual."""
    try:
        return warc_member(raw)
    except Exception:
        log.debug("%s: archive record not built ahead", raw.effective_url, exc_info=True)
        return None


def worker_failure(exc: BaseException) -> Rejected:
    """What a page whose pool worker died (out of memory, killed) is recorded as: the run goes on."""
    return Rejected(Outcome.ERROR, f"analysis worker failed: {type(exc).__name__}: {exc}")
