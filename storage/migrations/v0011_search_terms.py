"""Schema version 11: ``search_terms``, the Arabic search index behind ``akhbar search``.

One row per article: its words, each also under the forms its leading clitics come off to
(و/ف, ب/ك/ل, ال), so that a search for المغرب finds بالمغرب and والمغرب. Full-text indexed on both
backends: an FTS5 table ``search_terms_fts`` (external content, kept in step by triggers) on SQLite,
a GIN index over ``to_tsvector('simple', terms)`` on PostgreSQL.

The terms are computed by the page step (the store computes nothing): a store that already has
articles is marked with ``meta.search_pending`` and its next run (crawl or re-process) indexes them
before its first page.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from storage.models import SearchTerms

VERSION = 11

_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_terms_fts USING fts5(terms,"
    ' content="search_terms", content_rowid="article_id", tokenize=\'unicode61 remove_diacritics 0\')',
    "CREATE TRIGGER IF NOT EXISTS search_terms_fts_insert AFTER INSERT ON search_terms BEGIN"
    " INSERT INTO search_terms_fts(rowid, terms) VALUES (new.article_id, new.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_terms_fts_delete AFTER DELETE ON search_terms BEGIN"
    " INSERT INTO search_terms_fts(search_terms_fts, rowid, terms) VALUES ('delete', old.article_id, old.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_terms_fts_update AFTER UPDATE ON search_terms BEGIN"
    " INSERT INTO search_terms_fts(search_terms_fts, rowid, terms) VALUES ('delete', old.article_id, old.terms);"
    " INSERT INTO search_terms_fts(rowid, terms) VALUES (new.article_id, new.terms); END",
)


def upgrade(conn: Connection) -> None:
    SearchTerms.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
    if conn.dialect.name == "sqlite":
        for stmt in _FTS:
            conn.execute(text(stmt))
    else:
        gin = "CREATE INDEX IF NOT EXISTS ix_search_terms_tsv ON search_terms USING GIN (to_tsvector('simple', terms))"
        conn.execute(text(gin))
    unindexed = text(
        "SELECT 1 FROM articles WHERE NOT EXISTS (SELECT 1 FROM search_terms WHERE article_id = articles.id) LIMIT 1"
    )
    if conn.execute(unindexed).first() is not None:
        conn.execute(text("DELETE FROM meta WHERE key = 'search_pending'"))
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('search_pending', '1')"))
