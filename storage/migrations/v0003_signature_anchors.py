"""Schema version 3: ``signatures.anchors`` (winnowed hashes that find contained copies)."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

VERSION = 3


def upgrade(conn: Connection) -> None:
    columns = {c["name"] for c in inspect(conn).get_columns("signatures")}
    if "anchors" not in columns:
        conn.execute(text("ALTER TABLE signatures ADD COLUMN anchors BLOB"))
