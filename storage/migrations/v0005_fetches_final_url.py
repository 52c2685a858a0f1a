"""Schema version 5: an index on ``fetches.final_url``.

The crawler asks "is this URL done?" for every URL it discovers, matching the requested
or the final URL; without this index SQLite answered the OR by scanning every article
fetch, a cost that grew with the store.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

VERSION = 5


def upgrade(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_fetches_final_url ON fetches (final_url)"))
