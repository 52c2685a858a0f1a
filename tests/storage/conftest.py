"""Fixtures of the storage tests: a fresh database on the PostgreSQL server of the test run.

``AKHBAR_TEST_POSTGRES_URL`` names the server (``.ci/run`` starts one); each test gets a database
of its own, created and dropped here. Without a server (or without the psycopg driver) the tests
that ask for ``pg_url`` skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

SERVER = os.environ.get("AKHBAR_TEST_POSTGRES_URL", "")

# the articles of a store as comparable rows: URL, kind, its original's URL, its event's first URL
ARTICLES = (
    "SELECT a.url, a.dup_kind, o.url, e.url FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of_id"
    " JOIN articles e ON e.id = a.event_id ORDER BY a.url"
)


@contextmanager
def fresh_database(server: str, prefix: str = "akhbar_test") -> Iterator[str]:
    """A new database on the PostgreSQL server at ``server`` (an SQLAlchemy URL), dropped afterwards
    (its sessions ended); yields its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin: dict[str, Any] = dict(host=url.host, port=url.port, user=url.username, dbname=url.database or "postgres")
    if url.password:
        admin["password"] = url.password
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not SERVER:
        pytest.skip("no PostgreSQL server (AKHBAR_TEST_POSTGRES_URL unset)")
    pytest.importorskip("psycopg")
    with fresh_database(SERVER) as url:
        yield url


def pg_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    """The rows of ``sql`` on the database at ``url``."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()
