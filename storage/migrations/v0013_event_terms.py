"""Schema version 13: ``event_terms``, the stems each article's event decision weighed.

Writers sharing one store (PostgreSQL) take in each other's articles before deciding; the event stage
needs an article's stems by place (title, lead, body), which took normalising and stemming its whole
text again in every other writer. The deciding writer now stores them with the article, and the others
read them. A SQLite store (one writer) leaves the table empty; an article without a row (stored before
this version, or on SQLite) is taken in from its text as before.
"""

from __future__ import annotations

from sqlalchemy import Connection

from storage.models import EventTerms

VERSION = 13


def upgrade(conn: Connection) -> None:
    EventTerms.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
