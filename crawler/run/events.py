"""The event stage of the page step: the event linker against one store.

:class:`EventStage` gives the linker what it needs from the run: an article's time (its
publication date when it is plausible, else when it was fetched: the same in a crawl and in a
re-process of its archive), the event of a stored original that the linker no longer holds, and,
when a run starts on a store that already has articles, the linker's window replayed from the
stored articles of the last :data:`REPLAY_DAYS` days (their stored events taken as decided).

A store's events are therefore the same as a single re-process of its archive when it was
built by one run; a store built over several runs carries the older statistics only through
that replayed window (the linker's document frequencies start again from the shipped background
and the window): events decided before stay as they were stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from crawler.processing.dedup import Decision
from crawler.processing.events import Doc, EventLinker, EventParams, Link, day_number, pack_vector
from crawler.processing.eventterms import ArticleTerms, article_terms
from crawler.processing.normalize import normalize
from crawler.processing.processor import Analysed
from storage.rows import EventHistoryRow, EventTermsRow
from storage.store import Store

log = logging.getLogger(__name__)

REPLAY_DAYS = 7.0
RELINK_BATCH = 2000
FUTURE_SLACK_DAYS = 1.0  # a publication date later than this after the fetch is not believed


@dataclass(frozen=True)
class EventStep:
    """An article's event decision, the vector it was made on (added once the article is stored) and
    the terms the vector was weighed from (stored for the other writers of a shared store)."""

    doc: Doc
    link: Link
    terms: ArticleTerms


def terms_row(step: EventStep) -> EventTermsRow:
    """The ``event_terms`` row of an article's event step: its terms (a stem has no space) and the vector
    its decision was made on."""
    terms = step.terms
    return EventTermsRow(" ".join(terms.title), " ".join(terms.lead), " ".join(terms.body), pack_vector(step.doc))


def stored_terms(row: EventHistoryRow) -> ArticleTerms:
    """A stored article's terms: read back from its ``event_terms`` row, else computed from its text
    (the same terms: :func:`article_terms` is pure)."""
    if row.terms is not None:
        title, lead, body = row.terms
        return ArticleTerms(tuple(title.split()), tuple(lead.split()), tuple(body.split()))
    return article_terms(row.title, normalize(row.text or ""))


def event_time(published_at: str | None, fetched_at: str) -> float:
    """The article's time on the linker's clock (days): publication when plausible, else fetch."""
    fetched = day_number(fetched_at)
    published = day_number(published_at)
    if published > 0 and published <= fetched + FUTURE_SLACK_DAYS:
        return published
    return fetched


class EventStage:
    """Same-event links for the articles of one run (see the module)."""

    def __init__(self, store: Store) -> None:
        params = store.event_params if isinstance(store.event_params, EventParams) else EventParams()
        self.linker = EventLinker(params, event_of=store.event_of)
        self.store = store
        if store.events_pending():
            self._link_all(store)
            return
        self._replay(store.event_history(REPLAY_DAYS))

    def _replay(self, rows: list[EventHistoryRow]) -> None:
        """Stored articles added to the linker in order, their stored events taken as decided."""
        for row in rows:
            own = row.event_id is None or row.event_id == row.id
            self.linker.add(row.id, self._doc(row), Link(None if own else row.event_id, row.event_score))

    def catch_up(self, rows: list[EventHistoryRow]) -> None:
        """The articles other writers of a shared store stored (``rows``, in order), as they decided them:
        with the vectors they weighed, when stored (this linker's state is theirs at that point)."""
        self._replay(rows)

    def _doc(self, row: EventHistoryRow) -> Doc:
        return self.linker.doc(
            stored_terms(row),
            event_time(row.published_at, row.fetched_at),
            day_number(row.fetched_at),
            packed=row.vector,
        )

    def _link_all(self, store: Store) -> None:
        """A store upgraded from before events: link every stored article, in order, as a run would
        have (once; the first run after the upgrade does it before its first page)."""
        last, linked = 0, 0
        while batch := store.event_history(None, after_id=last, limit=RELINK_BATCH):
            updates = []
            for row in batch:
                doc = self._doc(row)
                link = self.linker.link(doc, row.duplicate_of_id, row.similarity)
                updates.append((row.id, self.linker.add(row.id, doc, link), link.score))
            store.set_events(updates)
            last, linked = batch[-1].id, linked + len(batch)
        store.events_linked()
        store.commit()
        log.info("linked the events of %d stored articles (once, after the upgrade to events)", linked)

    def step(self, item: Analysed, decision: Decision, fetched_at: str) -> EventStep:
        """The event ``item`` joins (a copy: its original's), against what was stored before it. Its
        terms come from the analysis (computed here only when cleaning changed the text)."""
        art = item.article
        terms = item.terms if item.terms is not None else article_terms(art.title, item.normalised)
        doc = self.linker.doc(terms, event_time(art.published_at, fetched_at), day_number(fetched_at))
        return EventStep(doc, self.linker.link(doc, decision.duplicate_of, decision.similarity), terms)

    def stored(self, article_id: int, step: EventStep) -> None:
        self.linker.add(article_id, step.doc, step.link)
