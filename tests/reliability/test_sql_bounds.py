"""``akhbar sql`` reads and nothing else, within bounds: no file created, a time limit, streamed rows."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.processing.fingerprint import DedupParams
from storage.db import sqlite_url
from storage.store import Store
from tests.reliability.conftest import run_akhbar

ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data dir with an empty store."""
    (tmp_path / "var").mkdir()
    Store(sqlite_url(tmp_path / "var" / "akhbar.db"), DedupParams()).close()
    return tmp_path / "var"


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    "statement",
    ["ATTACH DATABASE '{dir}/x.db' AS x", "VACUUM INTO '{dir}/x.db'", "VACUUM main INTO '{dir}/x.db'"],
)
def test_attach_and_vacuum_into_are_refused_and_create_no_file(data: Path, tmp_path: Path, statement: str) -> None:
    result = run_akhbar("sql", "--data-dir", str(data), statement.format(dir=tmp_path))
    assert result.returncode == 2
    assert one_error_line(result.stderr).startswith("akhbar: error: refused: akhbar sql is read-only")
    assert not (tmp_path / "x.db").exists()


def test_an_endless_query_stops_at_its_timeout(data: Path) -> None:
    started = time.monotonic()
    result = run_akhbar("sql", "--data-dir", str(data), "--timeout", "1", ENDLESS, timeout=60)
    assert time.monotonic() - started < 15
    assert result.returncode == 1
    assert (
        one_error_line(result.stderr) == "akhbar: error: query took longer than 1 s (--timeout SECONDS to allow more)"
    )


def test_the_timeout_must_be_a_finite_duration(data: Path) -> None:
    for bad in ("-1", "nan", "inf"):
        result = run_akhbar("sql", "--data-dir", str(data), "--timeout", bad, "SELECT 1")
        assert result.returncode == 2
        assert "--timeout" in one_error_line(result.stderr)


def _peak_rss_kb(data: Path, rows: int) -> int:
    """Peak memory of an ``akhbar sql --csv`` printing ``rows`` rows of 200 characters each."""
    query = (
        f"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT {rows}) "
        "SELECT n, printf('%0200d', n) AS pad FROM r"
    )
    code = (
        "import resource, sys\n"
        "from crawler.cli import main\n"
        f"rc = main(['sql', '--data-dir', {str(data)!r}, '--csv', {query!r}])\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(f'PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return int(result.stderr.strip().split()[-1])


def test_a_large_result_is_streamed_in_bounded_memory(data: Path) -> None:
    small = _peak_rss_kb(data, 10)
    large = _peak_rss_kb(data, 400_000)  # ~90 MB of text: held whole, it takes several times that
    assert large - small < 40_000, (small, large)


def test_output_cut_short_by_its_reader_ends_quietly(data: Path) -> None:
    """``akhbar sql ... | head -1``: no BrokenPipeError traceback, the exit status of a Unix tool."""
    query = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 200000) SELECT n FROM r"
    with subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "sql", "--data-dir", str(data), query],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().decode().startswith("n")
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 141
    assert stderr == ""


@pytest.mark.parametrize(
    ("sql", "first"),
    [
        ("select 1", "select 1"),
        ("select 1;", "select 1"),
        ("select 1; -- a comment after it", "select 1"),
        ("select ';' as x", "select ';' as x"),
        ('select "a;b" from t', 'select "a;b" from t'),
        ("select 1 -- ; not a second one\n", "select 1 -- ; not a second one\n"),
        ("select 1 /* ; */", "select 1 /* ; */"),
        ("select $$;$$", "select $$;$$"),
        ("select $body$ ; $body$;", "select $body$ ; $body$"),
    ],
)
def test_one_statement_reads_through_strings_comments_and_dollar_quotes(sql: str, first: str) -> None:
    from crawler.query import one_statement

    assert one_statement(sql) == first


@pytest.mark.parametrize(
    "sql", ["COMMIT; CREATE TABLE x (a int); SELECT 1", "select 1;;select 2", "select 'x'; drop table t"]
)
def test_a_second_statement_is_refused_in_one_line(data: Path, sql: str) -> None:
    """On PostgreSQL ``COMMIT; …`` would leave the read-only transaction: a second statement is
    refused before anything runs, on every backend."""
    result = run_akhbar("sql", "--data-dir", str(data), sql)
    assert result.returncode == 2
    assert one_error_line(result.stderr) == (
        "akhbar: error: one statement at a time: akhbar sql runs a single read-only query (remove what follows ';')"
    )
