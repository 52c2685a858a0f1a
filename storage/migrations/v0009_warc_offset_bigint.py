"""Schema version 9: ``fetches.warc_offset`` is a 64-bit integer everywhere.

SQLite's INTEGER always was; on PostgreSQL the column was a 32-bit ``integer``, so a record past
2 GiB into a WARC file could not be stored.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

VERSION = 9


def upgrade(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE fetches ALTER COLUMN warc_offset TYPE BIGINT"))
