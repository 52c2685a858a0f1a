"""The store on a real PostgreSQL server (``AKHBAR_TEST_POSTGRES_URL``, started by ``.ci/run``).

Each test gets a database of its own, created and dropped here. Without a server (or without the
psycopg driver) these tests skip.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.parity import PAGES
from tests.reliability.conftest import run_akhbar

SERVER = os.environ.get("AKHBAR_TEST_POSTGRES_URL", "")

# the articles of a store as comparable rows: URL, kind, its original's URL, its event's first URL
ARTICLES = (
    "SELECT a.url, a.dup_kind, o.url, e.url FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of_id"
    " JOIN articles e ON e.id = a.event_id ORDER BY a.url"
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not SERVER:
        pytest.skip("no PostgreSQL server (AKHBAR_TEST_POSTGRES_URL unset)")
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.engine import make_url

    server = make_url(SERVER)
    name = f"akhbar_test_{uuid.uuid4().hex[:12]}"
    admin = dict(host=server.host, port=server.port, user=server.username, dbname=server.database or "postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_golden_pages_give_the_same_articles_copies_and_events_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    lite = tmp_path / "golden.db"
    assert run_akhbar("reprocess", "--data-dir", str(tmp_path / "a"), "--into", str(lite), str(PAGES)).returncode == 0
    result = run_akhbar("reprocess", "--data-dir", str(tmp_path / "b"), "--db", pg_url, str(PAGES))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(lite) as conn:
        expected = conn.execute(ARTICLES).fetchall()
    assert pg_rows(pg_url, ARTICLES) == expected
    assert pg_rows(pg_url, "SELECT data_type FROM information_schema.columns WHERE column_name = 'warc_offset'") == [
        ("bigint",)
    ]  # a WARC past 2 GiB keeps its offsets


def test_sql_cannot_write_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    assert run_akhbar("reprocess", "--data-dir", str(tmp_path), "--db", pg_url, str(PAGES / "akhb-01")).returncode == 0
    for attempt in ("COMMIT; CREATE TABLE x (a int); SELECT 1", "CREATE TABLE x AS SELECT 1 AS a"):
        result = run_akhbar("sql", "--db", pg_url, attempt)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert pg_rows(pg_url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'x'") == [(0,)]
    assert run_akhbar("sql", "--db", pg_url, "SELECT count(*) AS n FROM articles;").stdout.splitlines()[2] == "1"


def test_a_second_writer_is_refused_in_one_line(pg_url: str, tmp_path: Path) -> None:
    """The writer lock belongs to the database (an advisory lock), not to a data dir."""
    import psycopg
    from sqlalchemy.engine import make_url

    assert (
        run_akhbar("reprocess", "--data-dir", str(tmp_path / "a"), "--db", pg_url, str(PAGES / "akhb-01")).returncode
        == 0
    )
    url = make_url(pg_url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database) as holder:
        holder.execute("SELECT pg_advisory_lock(hashtext('x'))")  # an unrelated lock: no effect
        from storage.locks import ADVISORY_KEY

        holder.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_KEY,))
        result = run_akhbar("reprocess", "--data-dir", str(tmp_path / "b"), "--db", pg_url, str(PAGES / "akhb-02"))
    assert result.returncode == 2
    assert result.stderr.strip() == "akhbar: error: another akhbar run holds the store (pid ?); try again later"
