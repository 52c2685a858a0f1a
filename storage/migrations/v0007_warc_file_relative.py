"""Schema version 7: ``fetches.warc_file`` is the archive file's path relative to the data dir.

Before version 7 it held a bare file name after a crawl (``akhbar-…-run000001.warc.gz``, a file
of ``DATA_DIR/archive/``) and the input's path as given after a re-process (absolute or relative
to the directory it ran from). From version 7 on it is always relative to the data dir
(``archive/akhbar-…-run000001.warc.gz``; ``../saved/pages.warc.gz`` for an input outside it).

This step rewrites what can be known: a bare archive name becomes ``archive/NAME``; an absolute
path becomes relative to the directory of a SQLite store (the data dir, where akhbar keeps its
store). A relative path (relative to a directory no longer known) is left as it is. Idempotent: a
rewritten value is neither bare nor absolute.
"""

from __future__ import annotations

import os

from sqlalchemy import Connection, text

VERSION = 7


def _store_dir(conn: Connection) -> str | None:
    if conn.dialect.name != "sqlite":
        return None
    for row in conn.execute(text("PRAGMA database_list")):
        if row[1] == "main" and row[2]:
            return os.path.dirname(os.path.abspath(row[2]))
    return None


def upgrade(conn: Connection) -> None:
    conn.execute(
        text(
            "UPDATE fetches SET warc_file = 'archive/' || warc_file"
            " WHERE warc_file LIKE 'akhbar-%-run%.warc.gz' AND warc_file NOT LIKE '%/%'"
        )
    )
    base = _store_dir(conn)
    if base is None:
        return
    absolute = [f for (f,) in conn.execute(text("SELECT DISTINCT warc_file FROM fetches WHERE warc_file LIKE '/%'"))]
    for path in absolute:
        conn.execute(
            text("UPDATE fetches SET warc_file = :new WHERE warc_file = :old"),
            {"new": os.path.relpath(path, base), "old": path},
        )
