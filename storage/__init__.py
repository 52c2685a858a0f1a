"""akhbar's store: SQLite (or any SQLAlchemy database) plus the WARC archive."""

from __future__ import annotations
