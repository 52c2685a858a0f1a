"""The per-page flow, in input order: admit (skip what the store holds), archive, handle, save.

Invariant: pages are admitted and settled strictly in input order, whatever ran their analysis
(:mod:`crawler.run.executor`), so a crawl and a re-process of its archive give the same store;
a page is written whole in the batch it belongs to, or not at all.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from crawler.config import PAGE_BUDGET_SECONDS
from crawler.items import FetchFailure, RawPage
from crawler.processing.fingerprint import DedupParams
from crawler.processing.outcomes import Outcome
from crawler.processing.processor import Analysed
from crawler.run.budget import AnalysisResult
from crawler.run.executor import AnalysisSource, OrderedExecutor
from crawler.run.step import Admitted, PageStep, Result, fetch_row
from crawler.runs import interruption_point
from storage.archive import ArchivedPage, ArchiveWriter, warc_member
from storage.store import Store, body_digest, record_key

log = logging.getLogger(__name__)

COMMIT_EVERY = 200  # pages per transaction at most...
COMMIT_SECONDS = 1.0  # ...and at least one commit a second, so a killed crawl loses little
TURN_SECONDS = 0.05  # a writer of a shared store decides pages that are ready for at most this long per turn


@dataclass
class RunStats:
    """Counts shown in the end-of-run summary and kept in ``crawl_runs.stats``."""

    pages: int = 0  # input pages read
    skipped: int = 0  # already in the store (same URL, same bytes)
    outcomes: Counter[str] = field(default_factory=Counter)
    dup_kinds: Counter[str] = field(default_factory=Counter)
    per_site: Counter[str] = field(default_factory=Counter)  # articles per site
    started: float = field(default_factory=time.monotonic)
    # a shared store (many writers): seconds spent waiting for the decision lock, and holding it
    lock_wait: float = 0.0
    lock_held: float = 0.0
    caught_up: int = 0  # articles other writers stored, taken in before this writer's decisions
    deferred: int = 0  # times the decision lock was busy and this writer analysed its next page instead

    @property
    def added(self) -> int:
        return sum(self.outcomes.values())

    def copy(self) -> RunStats:
        return replace(
            self, outcomes=Counter(self.outcomes), dup_kinds=Counter(self.dup_kinds), per_site=Counter(self.per_site)
        )

    def as_dict(self, sites: list[str] | None = None) -> dict[str, object]:
        """The summary; with ``sites`` (a crawl's), per-site yield names every site, 0 included."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        per_site = dict(sorted(self.per_site.items())) if sites is None else {n: self.per_site.get(n, 0) for n in sites}
        summary: dict[str, object] = {
            "pages": self.pages,
            "skipped_known": self.skipped,
            "articles": self.outcomes.get(Outcome.ARTICLE.value, 0),
            "unique": self.dup_kinds.get("unique", 0),
            "exact": self.dup_kinds.get("exact", 0),
            "near": self.dup_kinds.get("near", 0),
            "rejected": {k: v for k, v in sorted(self.outcomes.items()) if k != Outcome.ARTICLE.value},
            "per_site": per_site,
            "seconds": round(elapsed, 2),
            "pages_per_second": round(self.pages / elapsed, 1),
        }
        if sites is not None:
            summary["sites_without_articles"] = [n for n, c in per_site.items() if c == 0]
        if self.lock_wait or self.lock_held:
            summary["decisions"] = {
                "lock_wait_seconds": round(self.lock_wait, 2),
                "lock_held_seconds": round(self.lock_held, 2),
                "caught_up_articles": self.caught_up,
                "turns_deferred": self.deferred,
            }
        return summary


class Ingestor:
    """admit -> handle (:class:`~crawler.run.step.PageStep`) -> save, for one page at a time."""

    def __init__(
        self,
        store: Store[DedupParams],
        run_id: int,
        archive: ArchiveWriter | None = None,
        page_budget: float = PAGE_BUDGET_SECONDS,
        data_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.data_dir = data_dir.resolve() if data_dir is not None else None
        self._relative: dict[str, str] = {}
        self.run_id = run_id
        self.archive = archive
        self.stats = RunStats()
        self.step = PageStep(store, run_id)
        self._pending = 0
        self._last_commit = time.monotonic()
        self.page_budget = page_budget  # extraction seconds a page may take (0: no limit)
        # Keys admitted but not settled yet: a twin of an in-flight page (the same record twice in an
        # archive, a page fetched twice at once) is known before its first copy reaches the store.
        self._in_flight: set[str] = set()
        self._turn_started: float | None = None  # when this writer's turn on a shared store began (None: not its turn)
        # keep a shared store's turn across pages until end_turn() (a caller that calls it before it waits)
        self.hold_turn = False
        self._committed = self.stats.copy()  # the counts of what the store holds, for a rollback
        self._url_known: bool | None = None  # what the turn's state said of the page's article URL (_my_turn)
        self._stored: list[tuple[Result, int | None]] = []  # saved, not yet taken in (:meth:`_take_in`)

    def admit(
        self, raw: RawPage, source: str | None = None, offset: int | None = None, *, archive_now: bool = True
    ) -> Admitted | None:
        """First, in input order: skip known pages, archive new ones (when archiving; with
        ``archive_now`` False the caller calls :meth:`archived` later). None if already stored."""
        self.stats.pages += 1
        digest = body_digest(raw)  # once: the record key and the fetches row both use it
        key = record_key(raw, digest)
        if key in self._in_flight or self.store.has_record(key):
            self.stats.skipped += 1
            return None
        self._in_flight.add(key)
        page = Admitted(raw, key, digest, source, offset)
        return self.archived(page) if archive_now else page

    def archived(self, page: Admitted, member: bytes | None = None) -> Admitted:
        """``page`` appended to the run's archive (``member``: its record, built by a worker)."""
        if self.archive is None:
            return page
        offset = self.archive.append(member if member is not None else warc_member(page.raw))
        return replace(page, source=str(self.archive.path), offset=offset)

    def warc_file(self, source: str | None) -> str | None:
        """``fetches.warc_file`` for a page read from ``source``: its path relative to the data dir."""
        if source is None or self.data_dir is None:
            return source
        relative = self._relative.get(source)
        if relative is None:
            relative = self._relative[source] = os.path.relpath(Path(source).resolve(), self.data_dir)
        return relative

    def settle(self, page: Admitted, analysis: AnalysisResult) -> Outcome | None:
        """Last, in input order: handle what the (possibly parallel) analysis gave, save it. None when
        another writer of a shared store stored the very same page meanwhile (counted as known)."""
        url = analysis.article.url if isinstance(analysis, Analysed) else None
        if not self._my_turn(page.key, url):
            self._in_flight.discard(page.key)
            self.stats.skipped += 1
            self._turn_over()
            return None
        result = self.step.handle(page, analysis, self.warc_file(page.source), self._url_known)
        article_id = self.store.save(result)
        self._in_flight.discard(page.key)  # stored: has_record() knows it from now on
        if result.decision is not None and result.item is not None:
            self.stats.dup_kinds[result.decision.kind] += 1
            self.stats.per_site[page.raw.site or result.item.article.site or "?"] += 1
        self.stats.outcomes[result.outcome.value] += 1
        self._pending += 1
        # this writer takes its own article in (the index, the event linker) before its next decision or
        # after the commit that ends its turn on a shared store, whichever comes first: outside the lock
        # when the turn ends with this page
        self._stored.append((result, article_id))
        self._turn_over()
        return result.outcome

    def _take_in(self) -> None:
        """The articles this writer stored since the last call join its own state (:meth:`PageStep.stored`)."""
        for result, article_id in self._stored:
            self.step.stored(result, article_id)
        self._stored.clear()

    def _my_turn(self, key: str, url: str | None = None) -> bool:
        """Before a page is decided: on a shared store, this writer's turn (the decision lock, taken
        unless this writer holds it already, and what the other writers stored taken in); False if
        one of them stored this very page (``key``) already. Given the ``url`` of the page's article,
        :attr:`_url_known` says whether an article has it (None: not asked)."""
        self._url_known = None
        self._take_in()
        if not self.store.shared:
            return True
        if self._turn_started is None:
            self._begin_turn(wait=True)
        news, known, self._url_known = self.store.turn_state(key, url, self.step.seen_up_to)
        self.stats.caught_up += self.step.catch_up(news)
        return not known

    def try_turn(self) -> bool:
        """Without waiting: whether this writer may decide now (a store with one writer; or this writer's
        turn on a shared store, taken now if no other writer holds the decision lock). A caller that has
        other work (the next page to analyse) does it instead of waiting, and asks again."""
        if not self.store.shared or self._turn_started is not None:
            return True
        self._take_in()
        if self._begin_turn(wait=False):
            return True
        self.stats.deferred += 1
        return False

    def _begin_turn(self, *, wait: bool) -> bool:
        """This writer's turn on a shared store: the decision lock, waited for (``wait``) or taken only if
        free (False when it is not: nothing else changed but what was taken in)."""
        if self.archive is not None:
            self.archive.sync()  # records are durable before the lock: the commit's sync finds nothing to do
        # what the others committed so far is taken in before asking for the lock: committed articles
        # are always a prefix of the decision order, so only those decided while this writer waits are left
        self.stats.caught_up += self.step.catch_up()
        # the search terms of this writer's articles decided before are written now, outside the lock
        waited = self.store.begin_decision(self.step.search_rows(), wait=wait)
        if waited is None:
            return False
        self.stats.lock_wait += waited
        self._turn_started = time.monotonic()
        return True

    def _turn_over(self) -> None:
        """After a page: commit when a batch is full or a second old. On a shared store the commit
        ends the turn: at once, or, while :attr:`hold_turn` is set, when the caller is about to wait
        (:meth:`end_turn`), the batch is full or the turn is :data:`TURN_SECONDS` old."""
        if self._turn_started is not None:
            if (
                not self.hold_turn
                or self._pending >= COMMIT_EVERY
                or time.monotonic() - self._turn_started >= TURN_SECONDS
            ):
                self.commit()
        elif self._pending >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
            self.commit()

    def end_turn(self) -> None:
        """Before waiting for the next page: a shared store's turn ends (what it decided is committed)."""
        if self._turn_started is not None:
            self.commit()

    def record_failure(self, failure: FetchFailure) -> None:
        """A request without a response still gets a ``fetches`` row (not archived: no bytes)."""
        raw = RawPage(
            url=failure.url, body=b"", status=failure.status, site=failure.site, fetched_at=failure.fetched_at
        )
        self._record_without_body(raw, f"{failure.outcome}:{failure.error}", Outcome(failure.outcome), failure.error)

    def record_unreadable(self, page: ArchivedPage) -> None:
        """A WARC record that could not be read still gets a ``fetches`` row."""
        log.warning("%s: %s", page.source, page.error)
        raw = RawPage(url=f"{Path(page.source).resolve().as_uri()}#offset={page.offset}", body=b"", status=0)
        where = self.warc_file(page.source)
        self._record_without_body(raw, page.error, Outcome.MALFORMED, page.error, where, page.offset)

    def _record_without_body(
        self,
        raw: RawPage,
        identity: str,
        outcome: Outcome,
        detail: str,
        warc_file: str | None = None,
        warc_offset: int | None = None,
    ) -> None:
        """A ``fetches`` row for a page that has no bytes to key on: ``identity`` stands in for them."""
        self.stats.pages += 1
        stand_in = RawPage(url=raw.url, body=identity.encode())
        key = record_key(stand_in, body_digest(stand_in))
        # a shared store checks the record in this writer's turn; a store with one writer checks it here
        known = not self._my_turn(key) if self.store.shared else self.store.has_record(key)
        if known:
            self.stats.skipped += 1
            self._turn_over()
            return
        self.store.add_fetch(fetch_row(
            raw, key=key, body_sha256=body_digest(raw), run_id=self.run_id, outcome=outcome, detail=detail,
            warc_file=warc_file, warc_offset=warc_offset,
        ))  # fmt: skip
        self.stats.outcomes[outcome.value] += 1
        self._pending += 1
        self._turn_over()

    def ingest_all(
        self, pages: Iterable[ArchivedPage], workers: int = 1, *, analyses: AnalysisSource | None = None
    ) -> None:
        """Process pages in input order; with ``workers`` > 1 the analysis runs in a process pool
        while decisions and writes stay in input order (the store is the same as with one worker);
        with ``analyses``, each page's analysis comes from there (computed ahead: a sharded re-process).
        A signal (:mod:`crawler.runs`) stops it between pages or while it waits, never mid-write."""
        executor = analyses or OrderedExecutor(
            workers,
            self.store.params,
            self.page_budget,
            pack=self.archive is not None,
            before_wait=self.end_turn,
            try_turn=self.try_turn,
        )
        self.hold_turn = True  # the executor says when it is about to wait: pages ready by then share a turn
        try:
            for item, analysis in executor.ordered(self._admitted(pages), _raw_of):
                if isinstance(item, ArchivedPage):
                    self.record_unreadable(item)
                elif analysis is not None:
                    self.settle(self.archived(item, analysis.member), analysis.result)
        except BaseException:
            executor.close(abandon=True)  # interrupted or failed: the pages still in the workers are not waited for
            raise
        finally:
            self.hold_turn = False
        executor.close()
        self.end_turn()

    def _admitted(self, pages: Iterable[ArchivedPage]) -> Iterator[Admitted | ArchivedPage]:
        """The new pages of ``pages``, admitted in input order (archived at settle time, in order),
        and the unreadable ones as they are."""
        for page in pages:
            interruption_point()  # between pages: nothing is half written
            if page.raw is None:
                yield page
                continue
            admitted = self.admit(page.raw, page.source, page.offset, archive_now=False)
            if admitted is not None:
                yield admitted

    def commit(self) -> None:
        if self.archive is not None:
            self.archive.sync()
        if self._turn_started is None:  # outside a turn: the search terms still waiting go with this commit
            self.store.save_search_terms(self.step.search_rows())
        self.store.commit()
        self._pending = 0
        self._last_commit = time.monotonic()
        if self._turn_started is not None:  # the commit ended this writer's turn on a shared store
            self.stats.lock_held += self._last_commit - self._turn_started
            self._turn_started = None
        self._committed = self.stats.copy()
        self._take_in()

    def commit_if_pending(self) -> None:
        if self._pending or self.step.search_waiting:
            self.commit()

    def forget_uncommitted(self) -> None:
        """After a failed write: roll back the batch it was in, and its counts with it."""
        self.stats = self._committed  # the counts of what the store holds
        self._turn_started = None  # the rollback ends a shared store's turn
        self._stored.clear()  # rolled back
        self.step.forget_search_rows()
        try:
            self.store.rollback()
        except Exception as exc:
            log.debug("rollback failed: %s", exc)


def _raw_of(item: Admitted | ArchivedPage) -> RawPage | None:
    return item.raw
