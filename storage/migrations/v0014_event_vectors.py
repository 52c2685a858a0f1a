"""Schema version 14: ``event_terms.vector``, the weighted vector each article's event decision used.

A writer of a shared store (PostgreSQL) takes in every other writer's article before its next decision;
weighing the article's terms into its event vector again was most of that work, and gives exactly the
vector the deciding writer weighed (both hold the same linker state: serial equivalence). The deciding
writer now stores the vector beside the terms, and the others take it in as it is. Rows written before
this version keep NULL: their vector is weighed from the terms, as before.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

VERSION = 14


def upgrade(conn: Connection) -> None:
    # a store created at this version or later has the column from version 13's table already
    if "vector" not in {c["name"] for c in inspect(conn).get_columns("event_terms")}:
        binary = "BYTEA" if conn.dialect.name == "postgresql" else "BLOB"
        conn.execute(text(f"ALTER TABLE event_terms ADD COLUMN vector {binary}"))
