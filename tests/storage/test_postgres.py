"""The store on a real PostgreSQL server (``AKHBAR_TEST_POSTGRES_URL``, started by ``.ci/run``): one
writer gives what SQLite gives; ``akhbar sql`` cannot write. Without a server these tests skip
(the ``pg_url`` fixture: ``tests/storage/conftest.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.parity import PAGES
from tests.reliability.conftest import run_akhbar
from tests.storage.conftest import ARTICLES, pg_rows


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


def test_search_finds_the_same_articles_on_postgresql_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    import json

    lite = tmp_path / "golden.db"
    assert run_akhbar("reprocess", "--data-dir", str(tmp_path / "a"), "--into", str(lite), str(PAGES)).returncode == 0
    assert run_akhbar("reprocess", "--data-dir", str(tmp_path / "b"), "--db", pg_url, str(PAGES)).returncode == 0
    for query in ("المغرب", "مراكش", "الأمن الوطني", "مغرب*"):
        got = []
        for db in (f"sqlite:///{lite}", pg_url):
            result = run_akhbar("search", "--db", db, "--limit", "0", "--json", query)
            assert result.returncode == 0, result.stderr
            got.append(sorted(hit["url"] for hit in json.loads(result.stdout)))
        assert got[0] == got[1] and got[0], query
