"""One page's step: what a settled page produces, as plain rows for :meth:`Store.save`.

Invariant: :meth:`PageStep.handle` writes nothing to the store (it reads it: known URLs, stored
texts and dates through :class:`StoredArticles`, stored events through the event stage);
everything a page produces is in its
:class:`Result`, written by one ``Store.save``, after which :meth:`PageStep.stored` makes the
article visible to later decisions. Adding a stage means one field in ``Result``, one step in
``handle`` and one write in ``Store.save``.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from functools import lru_cache

from crawler.items import RawPage, utc_now
from crawler.processing.dedup import Decision, DedupIndex, StoredRows
from crawler.processing.fingerprint import DedupParams, anchors_bytes
from crawler.processing.lshindex import warm_up
from crawler.processing.normalize import normalize
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed, Processor, site_key
from crawler.processing.searchterms import search_terms, search_terms_normalised
from crawler.processing.templates import SiteTemplates
from crawler.processing.wiretemplates import WireTemplates
from crawler.run.budget import AnalysisResult
from crawler.run.events import EventStage, EventStep, event_time, terms_row
from storage.rows import ArticleRow, FetchRow, News, PageRows, SignatureRow, SignatureTable
from storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Admitted:
    """A new page, archived when live, waiting for its analysis to be settled."""

    raw: RawPage
    key: str
    body_sha256: str
    source: str | None
    offset: int | None


@dataclass(frozen=True)
class Result(PageRows):
    """Everything a page produces: its rows (:class:`PageRows`), its outcome, and for an article
    the duplicate decision and the cleaned analysis it was made on."""

    outcome: Outcome = Outcome.ARTICLE
    decision: Decision | None = None
    item: Analysed | None = None
    event: EventStep | None = None
    day: int | None = None  # the article's day on the wire templates' clock (:func:`article_day`)


class StoredArticles:
    """What the dedup index reads of stored articles: their normalised text (cached) and date."""

    def __init__(self, store: Store[DedupParams]) -> None:
        self.store = store
        self.text = lru_cache(maxsize=4096)(self._normalised)

    def _normalised(self, article_id: int) -> str:
        return normalize(self.store.article_text(article_id))

    def published(self, article_id: int) -> str | None:
        return self.store.published_at(article_id)


def article_day(published_at: str | None, fetched_at: str) -> int:
    """An article's day for the wire-template table: the event linker's clock (publication when
    plausible, else fetch), whole days since 2000-01-01."""
    return int(event_time(published_at, fetched_at))


def index_rows(table: SignatureTable) -> StoredRows:
    """The stored signatures as the dedup index loads them."""
    return StoredRows(
        table.ids, table.canonical, table.digest_keys, table.signatures, table.anchors, table.anchor_offsets
    )


def fetch_row(
    raw: RawPage,
    *,
    key: str,
    body_sha256: str,
    run_id: int | None,
    outcome: Outcome,
    detail: str = "",
    warc_file: str | None = None,
    warc_offset: int | None = None,
) -> FetchRow:
    """The ``fetches`` row of a page."""
    return FetchRow(
        run_id=run_id,
        url=raw.url,
        final_url=raw.final_url,
        site=raw.site,
        status=raw.status,
        content_type=raw.header("content-type"),
        size=len(raw.body),
        fetched_at=raw.fetched_at,
        outcome=outcome.value,
        detail=detail[:500] or None,
        body_sha256=body_sha256,
        record_key=key,
        warc_file=warc_file,
        warc_offset=warc_offset,
    )


def article_row(item: Analysed, decision: Decision, site: str | None, event: EventStep) -> ArticleRow:
    """The ``articles`` row of an analysed page."""
    art = item.article
    return ArticleRow(
        url=art.url,
        title=art.title,
        author=art.author,
        published_at=art.published_at,
        language=art.language,
        site=site or art.site,
        description=art.description,
        text=art.text,
        text_sha256=hashlib.sha256(art.text.encode("utf-8")).hexdigest(),
        word_count=len(art.text.split()),
        dup_kind=decision.kind,
        duplicate_of_id=decision.duplicate_of,
        similarity=decision.similarity,
        stored_at=utc_now(),
        event_id=event.link.event_id,
        event_score=event.link.score,
    )


def signature_row(item: Analysed) -> SignatureRow:
    """The ``signatures`` row of an analysed page."""
    return SignatureRow(
        norm_sha256=item.digest.hex(),
        minhash=item.signature,
        shingle_count=item.shingle_count,
        anchors=anchors_bytes(item.anchors),
    )


def index_search_terms(store: Store[DedupParams], batch: int = 2000) -> None:
    """Index the stored articles that have no search terms, before the run's first page: all of a store
    upgraded from before search terms (once, in the first run after the upgrade), or those a writer of a
    shared store stored and then died before writing their terms."""
    last, indexed = 0, 0
    while rows := store.unindexed_articles(last, batch):
        store.save_search_terms([(article_id, search_terms(title, body)) for article_id, title, body in rows])
        last, indexed = rows[-1][0], indexed + len(rows)
    store.search_indexed()
    log.info("indexed the search terms of %d stored articles that had none", indexed)


class PageStep:
    """The sequential part of a page's flow, against one store's state: template cleaning, the
    seen-URL rules, the duplicate decision and template learning, in input order."""

    def __init__(self, store: Store[DedupParams], run_id: int) -> None:
        self.store = store
        self.run_id = run_id
        self.stored_articles = StoredArticles(store)
        self.wire_templates = WireTemplates(store.params)
        self.index = DedupIndex(
            store.params, self.stored_articles.text, self.stored_articles.published, self.wire_templates
        )
        if store.shared:
            warm_up()  # the index's compiled kernels load now, not while other writers wait for this one
        # A shared store's articles get their search terms after their decision (:meth:`search_rows`): a writer
        # that died in between left articles without them. Indexed outside the decision lock (another writer's
        # late row for the same article may be pending: it waits for that writer's commit, which may wait for
        # the lock).
        if store.search_pending() or (store.shared and store.has_unindexed_articles()):
            index_search_terms(store)
            store.commit()
        # a shared store's articles waiting for their search terms (:meth:`search_rows`)
        self._unindexed: list[tuple[int, str | None, str]] = []  # (article id, title, normalised text)
        store.begin_decision()  # other writers of a shared store wait while the state is read
        self.seen_up_to = store.last_article_id()
        self.index.bulk_load(index_rows(store.signature_rows()))
        self._replay_wire_templates(store)
        self.templates = SiteTemplates()
        self.templates.load(store.iter_template_lines())
        self.processor = Processor(store.params, self.index, self.templates)
        self.events = EventStage(store)
        store.commit()

    def _replay_wire_templates(self, store: Store[DedupParams]) -> None:
        """The wire-template table's window, from the stored articles fetched in it (a day's margin)."""
        for _article_id, text, published, fetched in store.recent_texts(store.params.template_lookback_days + 1):
            self.wire_templates.see(normalize(text), article_day(published, fetched))

    def catch_up(self, news: News | None = None) -> int:
        """Take in what other writers of a shared store stored since this step last looked (their
        signatures, template counts and events, in article order), up to the newest stored article
        (``news``: read by the caller already, with the turn's state), so that the next decision is the
        one a single writer would make. Returns how many articles were taken in."""
        if news is None:
            news = self.store.news(self.seen_up_to)
        if news.newest <= self.seen_up_to:
            return 0
        self.index.add_rows(index_rows(news.signatures))
        for row in news.events:  # in article order, like this writer's own stored articles
            self.wire_templates.see(self.stored_articles.text(row.id), article_day(row.published_at, row.fetched_at))
        self.templates.load(news.template_lines)
        self.events.catch_up(news.events)
        self.seen_up_to = news.newest
        return len(news.events)

    def handle(
        self, page: Admitted, analysis: AnalysisResult, warc_file: str | None, url_known: bool | None = None
    ) -> Result:
        """Everything ``page`` produces, given its ``analysis``; writes nothing. ``url_known``: whether an
        article has the analysed article's URL, when the caller asked the store already."""
        raw = page.raw
        where = {"key": page.key, "body_sha256": page.body_sha256, "run_id": self.run_id,
                 "warc_file": warc_file, "warc_offset": page.offset}  # fmt: skip
        if isinstance(analysis, Rejected):
            if analysis.outcome in (Outcome.ERROR, Outcome.TIMEOUT):
                log.warning("%s: %s", raw.effective_url, analysis)
            fetch = fetch_row(raw, outcome=analysis.outcome, detail=analysis.detail, **where)  # type: ignore[arg-type]
            return Result(fetch, outcome=analysis.outcome)
        site = site_key(raw, analysis.article)
        item = self.processor.clean(analysis, site)
        if url_known is None:
            url_known = self.store.article_url_known(item.article.url)
        if url_known:
            own = raw.effective_url
            if item.article.url == own or self._same_text_stored(item) or self.store.article_url_known(own):
                fetch = fetch_row(raw, outcome=Outcome.SEEN_URL, detail=item.article.url, **where)  # type: ignore[arg-type]
                return Result(fetch, outcome=Outcome.SEEN_URL)
            # its canonical link names another stored article: a hint proven wrong, never a reason to drop it
            item = replace(item, article=replace(item.article, url=own))
        day = article_day(item.article.published_at, raw.fetched_at)
        decision = self.processor.decide(item, day)
        event = self.events.step(item, decision, raw.fetched_at)
        shared = self.store.shared  # search terms after the decision (:meth:`search_rows`); event terms stored
        return Result(
            fetch=fetch_row(raw, outcome=Outcome.ARTICLE, **where),  # type: ignore[arg-type]
            article=article_row(item, decision, raw.site, event),
            signature=signature_row(item),
            template_site=site,
            template_lines=tuple(self.processor.learn(item, site)),
            search_terms=None if shared else search_terms_normalised(item.article.title, item.normalised),
            event_terms=terms_row(event) if shared else None,
            outcome=Outcome.ARTICLE,
            decision=decision,
            item=item,
            event=event,
            day=day,
        )

    def stored(self, result: Result, article_id: int | None) -> None:
        """After ``result`` was saved: its article (stored as ``article_id``) joins the index and its event
        (on a shared store, it waits for its search terms: :meth:`search_rows`)."""
        if article_id is not None and result.item is not None and result.decision is not None:
            self.seen_up_to = max(self.seen_up_to, article_id)
            self.processor.index_stored(article_id, result.item, result.decision, result.day)
            if result.event is not None:
                self.events.stored(article_id, result.event)
            if self.store.shared:
                self._unindexed.append((article_id, result.item.article.title, result.item.normalised))

    @property
    def search_waiting(self) -> bool:
        """Whether stored articles wait for their search terms (:meth:`search_rows`)."""
        return bool(self._unindexed)

    def search_rows(self) -> list[tuple[int, str]]:
        """The search terms of the articles this step stored on a shared store since the last call, as
        ``(article id, terms)``. They depend on no decision, so the caller writes them outside the
        decision lock (after the commit that stored the articles: a writer that dies in between leaves
        articles without them, which the next one to open the store indexes)."""
        rows = [(article_id, search_terms_normalised(title, text)) for article_id, title, text in self._unindexed]
        self._unindexed.clear()
        return rows

    def forget_search_rows(self) -> None:
        """After a rollback: the articles waiting for their search terms are forgotten (some of them were
        rolled back; the others are indexed by the next writer to open the store)."""
        self._unindexed.clear()

    def _same_text_stored(self, item: Analysed) -> bool:
        """Whether the article stored under ``item``'s URL has exactly ``item``'s text."""
        digest = hashlib.sha256(item.article.text.encode("utf-8")).hexdigest()
        return self.store.article_text_sha256(item.article.url) == digest
