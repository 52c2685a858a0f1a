"""``akhbar search``: Arabic full-text search over the store, the same on SQLite and PostgreSQL.

A query's words are normalised as the index's terms are (:mod:`crawler.processing.searchterms`); an
article matches when every word equals one of its indexed forms (a word ending in ``*`` matches as
a prefix). Ranked by the engine's own relevance (FTS5 ``bm25`` on SQLite, ``ts_rank`` on
PostgreSQL), best first, with a snippet cut from the article's published text around its first
matching word (marked ``[like this]``). Read-only, through :func:`crawler.query.run_query`.

Invariant: the match is decided by the index alone (the engines apply the same rule to the same
terms), so a store gives the same hits on either backend; only the scores' scale differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crawler.processing.normalize import normalize
from crawler.processing.searchterms import query_words, word_forms
from crawler.query import QueryError, run_query, since_param
from storage.db import describe, is_postgresql

SNIPPET_WORDS = 20  # words of a snippet...
SNIPPET_BEFORE = 3  # ...of which this many come before the first match (so a cut table cell still shows it)
_TERM = re.compile(r"\w+")

_SQLITE = """
SELECT a.id, a.url, a.title, a.site, a.published_at, a.text, -bm25(search_terms_fts) AS score
FROM search_terms_fts JOIN articles AS a ON a.id = search_terms_fts.rowid
WHERE search_terms_fts MATCH :match{where}
ORDER BY bm25(search_terms_fts), a.id
LIMIT :limit
"""
_POSTGRES = """
SELECT a.id, a.url, a.title, a.site, a.published_at, a.text,
       ts_rank(to_tsvector('simple', s.terms), q.query) AS score
FROM search_terms AS s JOIN articles AS a ON a.id = s.article_id, to_tsquery('simple', :match) AS q(query)
WHERE to_tsvector('simple', s.terms) @@ q.query{where}
ORDER BY score DESC, a.id
LIMIT :limit
"""


@dataclass(frozen=True)
class Term:
    """One word of a query, normalised; ``prefix`` when it ended in ``*``."""

    word: str
    prefix: bool = False

    def matches(self, forms: tuple[str, ...]) -> bool:
        return any(f.startswith(self.word) if self.prefix else f == self.word for f in forms)


@dataclass(frozen=True)
class Hit:
    """One article found: what ``--json`` prints."""

    id: int
    url: str
    title: str | None
    site: str | None
    published_at: str | None
    snippet: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "site": self.site,
            "published_at": self.published_at,
            "snippet": self.snippet,
            "score": round(self.score, 6),
        }


def parse_query(query: str) -> list[Term]:
    """The query's terms; a one-line :class:`QueryError` when it has no word to search for."""
    terms: list[Term] = []
    for part in query.split():
        prefix = part.endswith("*")
        words = [w for w in query_words(part.rstrip("*")) if _TERM.fullmatch(w)]
        terms.extend(Term(w, prefix and i == len(words) - 1) for i, w in enumerate(words))
    if not terms:
        raise QueryError(f"search {query!r}: no word to search for")
    return terms


def _match(terms: list[Term], postgres: bool) -> str:
    if postgres:
        return " & ".join(f"'{t.word}'" + (":*" if t.prefix else "") for t in terms)
    return " ".join(f'"{t.word}"' + ("*" if t.prefix else "") for t in terms)


def snippet(text: str, terms: list[Term], width: int = SNIPPET_WORDS) -> str:
    """The words of ``text`` around the first one any term matches, matched words in brackets."""
    words = text.split()
    marked, first = [], None
    for i, word in enumerate(words):
        forms = tuple(f for w in normalize(word).split() for f in word_forms(w))
        hit = any(t.matches(forms) for t in terms)
        if hit and first is None:
            first = i
        marked.append(f"[{word}]" if hit else word)
    start = max(0, (first or 0) - SNIPPET_BEFORE)
    end = min(len(words), start + width)
    return ("… " if start else "") + " ".join(marked[start:end]) + (" …" if end < len(words) else "")


SEARCH_SCHEMA = 11  # the schema version that brought the search index (storage/migrations/v0011_search_terms.py)


def _require_index(db_url: str) -> None:
    """A one-line :class:`QueryError` when the store has no search index yet (opened read-only, a store
    from before schema 11 is not upgraded: its next crawl or re-process upgrades and indexes it)."""
    _cols, rows = run_query(db_url, "SELECT key, value FROM meta WHERE key IN ('schema_version', 'search_pending')")
    meta = {str(k): str(v) for k, v in rows}
    if int(meta.get("schema_version", "0")) < SEARCH_SCHEMA or "search_pending" in meta:
        raise QueryError(
            f"{describe(db_url)}: the store has no search index yet (it was written by an older akhbar): "
            "run `akhbar reprocess` or `akhbar crawl` on it once, which indexes it"
        )


def search(db_url: str, query: str, *, site: str | None = None, since: str | None = None, limit: int = 20) -> list[Hit]:
    """The articles matching ``query``, best first (at most ``limit``; 0: all)."""
    terms = parse_query(query)
    if limit < 0:
        raise QueryError(f"--limit {limit}: must be 0 (all) or more")
    postgres = is_postgresql(db_url)
    # no limit: LIMIT NULL on PostgreSQL, LIMIT -1 on SQLite
    params: dict[str, Any] = {"match": _match(terms, postgres), "limit": (limit or None) if postgres else (limit or -1)}
    where = ""
    if site is not None:
        params["site"] = site
        where += " AND a.site = :site"
    if since is not None:
        params["since"] = since_param(since)
        where += " AND a.published_at >= :since"
    _require_index(db_url)
    sql = (_POSTGRES if postgres else _SQLITE).format(where=where)
    _columns, rows = run_query(db_url, sql, params)
    return [Hit(int(r[0]), r[1], r[2], r[3], r[4], snippet(r[5] or "", terms), float(r[6] or 0.0)) for r in rows]
