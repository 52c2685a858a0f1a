"""Schema version 2: ``http_validators`` for conditional requests on feeds and sitemaps."""

from __future__ import annotations

from sqlalchemy import Connection

from storage.models import HttpValidator

VERSION = 2


def upgrade(conn: Connection) -> None:
    HttpValidator.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
