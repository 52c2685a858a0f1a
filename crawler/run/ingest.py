"""The per-page flow, in input order: admit (skip what the store holds), archive, decide, store.

Invariant: pages are admitted and settled strictly in input order, whatever ran their analysis
(:mod:`crawler.run.executor`), so a crawl and a re-process of its archive give the same store;
a page is written whole in the batch it belongs to, or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from crawler.config import PAGE_BUDGET_SECONDS
from crawler.items import FetchFailure, RawPage
from crawler.processing.dedup import DedupIndex
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed, Processor, site_key
from crawler.processing.templates import SiteTemplates
from crawler.run.budget import AnalysisResult
from crawler.run.executor import OrderedExecutor
from crawler.runs import FinishReason, interruption_point
from storage.archive import ArchivedPage, ArchiveWriter, warc_member
from storage.faults import WriteError, write_error
from storage.store import Store, body_digest, record_key

log = logging.getLogger(__name__)

COMMIT_EVERY = 200  # pages per transaction at most...
COMMIT_SECONDS = 1.0  # ...and at least one commit a second, so a killed crawl loses little


@dataclass
class RunStats:
    """Counts shown in the end-of-run summary and kept in ``crawl_runs.stats``."""

    pages: int = 0  # input pages read
    skipped: int = 0  # already in the store (same URL, same bytes)
    outcomes: Counter[str] = field(default_factory=Counter)
    dup_kinds: Counter[str] = field(default_factory=Counter)
    per_site: Counter[str] = field(default_factory=Counter)  # articles per site
    started: float = field(default_factory=time.monotonic)

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
        return summary


@dataclass(frozen=True)
class RunEnd:
    """How a run ended: the reason written to its row, its summary, and the failure that ended it."""

    reason: FinishReason
    stats: dict[str, object]
    failure: WriteError | None = None


@dataclass(frozen=True)
class Admitted:
    """A new page, archived when live, waiting for its analysis to be settled."""

    raw: RawPage
    key: str
    body_sha256: str
    source: str | None
    offset: int | None


class Ingestor:
    """extract -> normalise -> fingerprint -> decide -> store, for one page at a time."""

    def __init__(
        self,
        store: Store,
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
        self.index = DedupIndex(store.params, store.normalised_text, store.published_at)
        self.index.bulk_load(store.signature_rows())
        templates = SiteTemplates()
        templates.load(store.iter_template_lines())
        self.processor = Processor(store.params, self.index, templates)
        self._pending = 0
        self._last_commit = time.monotonic()
        self.page_budget = page_budget  # extraction seconds a page may take (0: no limit)
        # Keys admitted but not settled yet: a twin of an in-flight page (the same record twice in an
        # archive, a page fetched twice at once) is known before its first copy reaches the store.
        self._in_flight: set[str] = set()
        self._committed = self.stats.copy()  # the counts of what the store holds, for a rollback

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

    def settle(self, page: Admitted, result: AnalysisResult) -> Outcome:
        """Last, in input order: decide and store what the (possibly parallel) analysis gave."""
        outcome = self._store(page, result)
        self._in_flight.discard(page.key)  # stored: has_record() knows it from now on
        self.stats.outcomes[outcome.value] += 1
        self._pending += 1
        if self._pending >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
            self.commit()
        return outcome

    def _store(self, page: Admitted, result: AnalysisResult) -> Outcome:
        raw = page.raw
        where = {
            "key": page.key,
            "body_sha256": page.body_sha256,
            "run_id": self.run_id,
            "warc_file": self.warc_file(page.source),
            "warc_offset": page.offset,
        }
        if isinstance(result, Rejected):
            if result.outcome in (Outcome.ERROR, Outcome.TIMEOUT):
                log.warning("%s: %s", raw.effective_url, result)
            self.store.add_fetch(raw, outcome=result.outcome, detail=result.detail, **where)  # type: ignore[arg-type]
            return result.outcome
        item = result
        site = site_key(raw, item.article)
        item = self.processor.clean(item, site)
        if self.store.article_url_known(item.article.url):
            own = raw.effective_url
            if item.article.url == own or self._same_text_stored(item) or self.store.article_url_known(own):
                self.store.add_fetch(raw, outcome=Outcome.SEEN_URL, detail=item.article.url, **where)  # type: ignore[arg-type]
                return Outcome.SEEN_URL
            # its canonical link names another stored article: a hint proven wrong, never a reason to drop it
            item = replace(item, article=replace(item.article, url=own))
        decision = self.processor.decide(item)
        fetch_id = self.store.add_fetch(raw, outcome=Outcome.ARTICLE, **where)  # type: ignore[arg-type]
        article_id = self.store.add_article(fetch_id, item, decision, raw.site)
        self.store.save_template_lines(site, self.processor.register(article_id, item, decision, site))
        self.stats.dup_kinds[decision.kind] += 1
        self.stats.per_site[raw.site or item.article.site or "?"] += 1
        return Outcome.ARTICLE

    def _same_text_stored(self, item: Analysed) -> bool:
        """Whether the article stored under ``item``'s URL has exactly ``item``'s text."""
        digest = hashlib.sha256(item.article.text.encode("utf-8")).hexdigest()
        return self.store.article_text_sha256(item.article.url) == digest

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
        if self.store.has_record(key):
            self.stats.skipped += 1
            return
        self.store.add_fetch(
            raw, key=key, body_sha256=body_digest(raw), run_id=self.run_id, outcome=outcome, detail=detail,
            warc_file=warc_file, warc_offset=warc_offset,
        )  # fmt: skip
        self.stats.outcomes[outcome.value] += 1

    def ingest_all(self, pages: Iterable[ArchivedPage], workers: int = 1) -> None:
        """Process pages in input order; with ``workers`` > 1 the analysis runs in a process pool
        while decisions and writes stay in input order (the store is the same as with one worker).
        A signal (:mod:`crawler.runs`) stops it between pages or while it waits, never mid-write."""
        executor = OrderedExecutor(workers, self.store.params, self.page_budget, pack=self.archive is not None)
        try:
            for item, analysis in executor.ordered(self._admitted(pages), _raw_of):
                if isinstance(item, ArchivedPage):
                    self.record_unreadable(item)
                elif analysis is not None:
                    self.settle(self.archived(item, analysis.member), analysis.result)
        except BaseException:
            executor.close(abandon=True)  # interrupted or failed: the pages still in the workers are not waited for
            raise
        executor.close()

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
        self.store.commit()
        self._pending = 0
        self._last_commit = time.monotonic()
        self._committed = self.stats.copy()

    def commit_if_pending(self) -> None:
        if self._pending:
            self.commit()

    def end(
        self,
        reason: FinishReason,
        extra: dict[str, object] | None = None,
        *,
        failed: BaseException | None = None,
        sites: list[str] | None = None,
    ) -> RunEnd:
        """Close the run: commit what can be (nothing of the batch a write ``failed`` in: it is rolled
        back whole, so no page is half stored), close the archive, and finish the run row, or drop it
        if the run added nothing. After a failure the row is written if it still can be (a full disk
        may refuse even that). Never raises for a storage failure: it is returned."""
        if failed is None:
            try:
                self.commit()
            except Exception as exc:
                failed = exc
        failure: WriteError | None = None
        if failed is not None:
            what = (str(failed).strip().splitlines() or [""])[0]
            failure = write_error(failed, self.store.where) or WriteError(
                self.store.where, f"internal error: {type(failed).__name__}: {what}", disk_full=False
            )
            reason = FinishReason.DISK_FULL if failure.disk_full else FinishReason.ERROR
            self.stats = self._committed  # the counts of what the store holds
            try:
                self.store.rollback()
            except Exception as exc:
                log.debug("rollback failed: %s", exc)
        if self.archive is not None:
            try:
                self.archive.close()
            except Exception as exc:  # what it holds was synced at the last commit
                log.warning("%s: %s", self.archive.path, exc)
        stats = self.stats.as_dict(sites)
        stats.update(extra or {})
        try:
            if self.stats.added == 0 and reason is FinishReason.FINISHED:
                self.store.drop_run(self.run_id)  # a re-run that added nothing leaves no row
            else:
                self.store.finish_run(self.run_id, reason.value, stats)
        except Exception as exc:
            log.info("%s: the run row could not be finished (%s)", self.store.where, exc)
            with contextlib.suppress(Exception):
                self.store.rollback()
        return RunEnd(reason, stats, failure)


def _raw_of(item: Admitted | ArchivedPage) -> RawPage | None:
    return item.raw
