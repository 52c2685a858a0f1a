"""Engines for SQLAlchemy URLs, with the SQLite pragmas akhbar relies on.

Invariant: a URL that cannot give an engine (unparseable, an unknown database kind, a driver
not installed) raises :class:`StoreError` naming the URL with its password masked, never a
SQLAlchemy or import error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from storage.faults import StoreError, mask_url

URL_EXAMPLES = "e.g. sqlite:///var/akhbar.db or postgresql://user@host/akhbar"


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise StoreError(f"{mask_url(url)}: not a database URL ({URL_EXAMPLES})") from None


def describe(url: str) -> str:
    """How messages name a store: its file for SQLite, else its URL without the password."""
    try:
        path = sqlite_path(url)
    except StoreError:
        path = None
    return str(path) if path is not None else mask_url(url)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for in-memory databases and other backends)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def is_postgresql(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database (any driver)."""
    return parse_url(url).get_backend_name() == "postgresql"


def open_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout.

    ``read_only`` opens SQLite files with ``mode=ro`` and ``query_only``, so any write
    fails in the database itself, whatever the statement looks like.
    """
    path = sqlite_path(url)
    if path is not None and read_only:
        uri = f"file:{path.resolve()}?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    else:
        engine = _create(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if read_only:
                cur.execute("PRAGMA query_only=ON")
            elif path is not None:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


def _create(url: str) -> Engine:
    parsed = parse_url(url)
    try:
        return create_engine(parsed)
    except NoSuchModuleError:
        kind = parsed.drivername
        raise StoreError(f"{mask_url(url)}: unknown database kind {kind!r} (misspelt? {URL_EXAMPLES})") from None
    except ImportError as exc:
        raise StoreError(f"{mask_url(url)}: the database driver is not installed ({exc})") from None
    except (ArgumentError, TypeError, ValueError) as exc:
        raise StoreError(f"{mask_url(url)}: unusable database URL ({exc})") from None
