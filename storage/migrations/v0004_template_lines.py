"""Schema version 4: ``template_lines``, the per-site counts of short lines (template learning)."""

from __future__ import annotations

from sqlalchemy import Connection

from storage.models import TemplateLine

VERSION = 4


def upgrade(conn: Connection) -> None:
    TemplateLine.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
