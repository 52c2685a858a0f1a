"""What a writer of a shared (PostgreSQL) store reads of the articles the others stored: one statement.

Before each decision a writer takes in the articles stored since it last looked: their signatures,
the template-line counts they changed, their events as decided, with the terms the event stage
weighed and the vector it weighed them into (``event_terms``; an article without them comes with its
text). With the decision lock held,
every round trip is time the other writers wait, so this is one statement, which also answers the
turn's own questions (is this page stored already? has an article this URL?).

Invariant: one statement is one snapshot: the newest article id and the rows after the given id
agree, whatever other writers commit meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
from sqlalchemy import Connection, Integer, Select, bindparam, case, func, select, true

from storage.models import Article, EventTerms, Fetch, Signature, TemplateLine
from storage.rows import EventHistoryRow, News, SignatureTable

_NEWEST = select(func.max(Article.id)).scalar_subquery()
_HAS_RECORD = select(Fetch.id).where(Fetch.record_key == bindparam("key")).exists()
_URL_KNOWN = select(Article.id).where(Article.url == bindparam("url")).exists()
# The ids after ``:after`` as a series up to the newest, each article read through the primary keys (a
# lateral subquery per id), not ``id > :after``: a prepared statement's generic plan guesses a third of the
# table for an open range, and stale statistics make any plan guess: either meant scanning whole tables on
# every turn. A series and key lookups cost what the few new articles cost, whatever the plan.
_AFTER = bindparam("after", type_=Integer)
_IDS = func.generate_series(_AFTER + 1, _NEWEST).table_valued("id").render_derived(name="new_ids")
_TEMPLATE_LINES = (
    select(func.json_agg(func.json_build_array(TemplateLine.site, TemplateLine.line_key, TemplateLine.pages)))
    .where(TemplateLine.article_id.between(_AFTER + 1, _NEWEST))
    .scalar_subquery()
)
_ARTICLE = (
    select(
        Article.id, Signature.norm_sha256, Signature.minhash, Article.duplicate_of_id, Signature.anchors,
        Article.title, case((EventTerms.article_id.is_(None), Article.text)).label("text"), Article.published_at,
        Fetch.fetched_at, Article.event_id, Article.event_score, Article.similarity,
        EventTerms.title.label("title_terms"), EventTerms.lead, EventTerms.body, EventTerms.vector,
    )
    .join(Fetch, Fetch.id == Article.fetch_id)
    .outerjoin(Signature, Signature.article_id == Article.id)
    .outerjoin(EventTerms, EventTerms.article_id == Article.id)
    .where(Article.id == _IDS.c.id)
    .limit(1)  # one article an id; and a subquery with a limit is planned as it is, not merged into a join
    .lateral("new_article")
)  # fmt: skip
_ARTICLES = select(_ARTICLE).select_from(_IDS).join(_ARTICLE, true()).subquery()


def _statement(*questions: Any) -> Select[Any]:
    """The newest id, the template lines and the articles after ``:after``, with the turn's ``questions``
    (one row when no article is newer)."""
    state = select(_NEWEST.label("newest"), _TEMPLATE_LINES.label("lines"), *questions).subquery()
    return (
        select(state, *[c for c in _ARTICLES.c])
        .select_from(state.outerjoin(_ARTICLES, true()))
        .order_by(_ARTICLES.c.id)
    )


_NEWS = _statement()
_TURN = _statement(_HAS_RECORD.label("known"))
_TURN_URL = _statement(_HAS_RECORD.label("known"), _URL_KNOWN.label("url_known"))


def read_news(
    conn: Connection, after: int, num_perm: int, key: str | None = None, url: str | None = None
) -> tuple[News, bool, bool | None]:
    """What was stored after article ``after``; with ``key``, whether that page is stored, and with ``url``
    too, whether an article has that URL (None when not asked)."""
    if key is None:
        result = conn.execute(_NEWS, {"after": after})
    elif url is None:
        result = conn.execute(_TURN, {"after": after, "key": key})
    else:
        result = conn.execute(_TURN_URL, {"after": after, "key": key, "url": url})
    rows = result.all()
    first = rows[0]._mapping
    known = bool(first["known"]) if key is not None else False
    url_known = bool(first["url_known"]) if url is not None else None
    lines = [(str(site), int(line), int(pages)) for site, line, pages in first["lines"] or ()]
    if first["id"] is None:  # no article after ``after`` (the usual answer to a writer alone)
        return News(int(first["newest"] or 0), _no_signatures(num_perm), lines, []), known, url_known
    signed = [(r.id, r.norm_sha256, r.minhash, r.duplicate_of_id, r.anchors) for r in rows if r.minhash is not None]
    signatures = signature_table(signed, num_perm)
    events = [
        EventHistoryRow(
            r.id, r.title, r.text, r.published_at, r.fetched_at, r.event_id, r.event_score, r.duplicate_of_id,
            r.similarity, None if r.title_terms is None else (r.title_terms, r.lead, r.body), r.vector,
        )
        for r in rows
    ]  # fmt: skip
    return News(int(first["newest"] or 0), signatures, lines, events), known, url_known


@cache
def _no_signatures(num_perm: int) -> SignatureTable:
    """An empty table (shared: nothing writes into it)."""
    return signature_table((), num_perm)


def signature_table(rows: Iterable[Sequence[Any]], num_perm: int, count: int | None = None) -> SignatureTable:
    """Signature rows ``(article id, norm_sha256, minhash, duplicate_of_id, anchors)`` in article order as
    arrays (at most ``count`` of them when given: the rows stream, and may go on past a count taken before)."""
    if count is None:
        rows = list(rows)
        count = len(rows)
    ids = np.empty(count, dtype=np.uint32)
    canonical = np.empty(count, dtype=np.int64)
    digests = np.empty(count, dtype=np.uint32)
    sigs = np.empty((count, num_perm), dtype=np.uint32)
    offsets = np.zeros(count + 1, dtype=np.int64)
    anchor_parts: list[bytes] = []
    i = 0
    for article_id, digest, minhash, dup_of, anchor_blob in rows:
        if i >= count:
            break
        ids[i] = article_id
        canonical[i] = -1 if dup_of is None else dup_of
        digests[i] = int(digest[6:8] + digest[4:6] + digest[2:4] + digest[0:2], 16)  # first 4 bytes, little-endian
        sigs[i] = np.frombuffer(minhash, dtype="<u4")
        anchor_parts.append(anchor_blob or b"")
        offsets[i + 1] = offsets[i] + len(anchor_blob or b"") // 4
        i += 1
    anchors = np.frombuffer(b"".join(anchor_parts), dtype="<u4").astype(np.uint32)
    return SignatureTable(ids[:i], canonical[:i], digests[:i], sigs[:i], anchors, offsets[: i + 1])
