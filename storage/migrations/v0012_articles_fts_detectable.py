"""Schema version 12: ``articles_fts`` declared the way datasette and sqlite-utils detect it (SQLite).

Version 1 declared the FTS5 table with ``content='articles'`` (single quotes); datasette and
sqlite-utils look for ``content="articles"``, so ``?_search=`` was silently ignored and
``sqlite-utils search`` refused the table. The table and its triggers are created again the same
way otherwise (same columns, same tokenizer) and rebuilt from ``articles``.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

VERSION = 12

_DROP = (
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TABLE IF EXISTS articles_fts",
)
_CREATE = (
    'CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles", content_rowid="id",'
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)


def upgrade(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for stmt in (*_DROP, *_CREATE):
        conn.execute(text(stmt))
