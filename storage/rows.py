"""Plain rows the store writes and reads back: the only types :mod:`storage.store` takes and gives.

Invariant: every value here is already what its column holds (text, numbers, bytes, arrays); the
store binds them and never computes them, so no processing logic and no processing type reaches
the storage layer (the runtime builds rows, :mod:`crawler.run.step`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Protocol

import numpy as np


class Recorded(Protocol):
    """Parameters a store's decisions were made with: stored in ``meta`` in this form, compared on open."""

    def as_dict(self) -> dict[str, object]: ...


class Params(Recorded, Protocol):
    """What the store needs of the dedup parameters: their stored form and the signature width."""

    @property
    def num_perm(self) -> int: ...


@dataclass(frozen=True)
class FetchRow:
    """One ``fetches`` row."""

    run_id: int | None
    url: str
    final_url: str | None
    site: str | None
    status: int
    content_type: str | None
    size: int
    fetched_at: str
    outcome: str
    detail: str | None
    body_sha256: str
    record_key: str
    warc_file: str | None = None
    warc_offset: int | None = None

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ArticleRow:
    """One ``articles`` row, but for ``fetch_id`` (known once its fetch is written)."""

    url: str
    title: str | None
    author: str | None
    published_at: str | None
    language: str | None
    site: str | None
    description: str | None
    text: str
    text_sha256: str
    word_count: int
    dup_kind: str
    duplicate_of_id: int | None
    similarity: float | None
    stored_at: str
    event_id: int | None = None  # None: the article opens an event (the store writes its own id)
    event_score: float | None = None

    def values(self, fetch_id: int) -> dict[str, object]:
        return {"fetch_id": fetch_id, **{f.name: getattr(self, f.name) for f in fields(self)}}


@dataclass(frozen=True)
class SignatureRow:
    """One ``signatures`` row, but for ``article_id`` (known once its article is written)."""

    norm_sha256: str
    minhash: bytes
    shingle_count: int
    anchors: bytes

    def values(self, article_id: int) -> dict[str, object]:
        return {"article_id": article_id, **{f.name: getattr(self, f.name) for f in fields(self)}}


@dataclass(frozen=True)
class EventTermsRow:
    """One ``event_terms`` row, but for ``article_id``: the article's stems by place, each place's
    stems separated by spaces (what the event stage weighs; read back by the other writers of a
    shared store instead of normalising and stemming the text again), and the weighted vector the
    event decision was made on (packed: ``crawler.processing.events.pack_vector``), which they take
    in as it is instead of weighing the stems again."""

    title: str
    lead: str
    body: str
    vector: bytes | None = None

    def values(self, article_id: int) -> dict[str, object]:
        return {"article_id": article_id, "title": self.title, "lead": self.lead, "body": self.body,
                "vector": self.vector}  # fmt: skip


@dataclass(frozen=True)
class PageRows:
    """Everything one page writes, saved in one go by :meth:`storage.store.Store.save`: its fetch,
    its article and signature (an article page), and the template-line counts it changed."""

    fetch: FetchRow
    article: ArticleRow | None = None
    signature: SignatureRow | None = None
    template_site: str = ""
    template_lines: tuple[tuple[int, int], ...] = ()
    search_terms: str | None = None  # the article's search terms (``search_terms.terms``)
    event_terms: EventTermsRow | None = None  # a shared store's: its ``event_terms`` row


@dataclass(frozen=True)
class SignatureTable:
    """Every stored signature as arrays, in article order (read back to rebuild the dedup index)."""

    ids: np.ndarray  # uint32 article ids
    canonical: np.ndarray  # int64 duplicate_of_id, -1 when unique
    digest_keys: np.ndarray  # uint32 first 4 bytes of the normalised-text digest
    signatures: np.ndarray  # (n, num_perm) uint32
    anchors: np.ndarray  # uint32, all articles' anchors concatenated
    anchor_offsets: np.ndarray  # (n + 1,) int64 offsets into ``anchors``


@dataclass(frozen=True)
class EventHistoryRow:
    """A stored article as the event linker replays it when a run starts on an existing store, or as
    another writer of a shared store decided it: with its stored ``terms`` (title, lead and body
    stems) when it has an ``event_terms`` row, else its ``text`` (None when the terms are there); and
    the packed ``vector`` its event decision was made on, when taken in from another writer (None
    otherwise: a run replaying the stored window weighs the terms against its own state)."""

    id: int
    title: str | None
    text: str | None
    published_at: str | None
    fetched_at: str
    event_id: int | None
    event_score: float | None
    duplicate_of_id: int | None
    similarity: float | None
    terms: tuple[str, str, str] | None = None
    vector: bytes | None = None


@dataclass(frozen=True)
class News:
    """What writers sharing the store stored after an article id, read in one snapshot: the articles up
    to ``newest``, as the dedup index, the template counts and the event linker take them in."""

    newest: int  # the newest stored article's id (0 when there is none)
    signatures: SignatureTable
    template_lines: list[tuple[str, int, int]]  # (site, line key, pages) of the counts they changed
    events: list[EventHistoryRow]
