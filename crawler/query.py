"""Read-only SQL over a store: ``akhbar sql`` and ``akhbar stats``.

Invariant: a query reads and nothing else, and is bounded: the database refuses writes (SQLite
opened read-only with ``query_only``, and an authorizer that denies ``ATTACH``, so
``VACUUM INTO`` creates no file either; PostgreSQL in a read-only transaction), a query that
runs longer than its time budget is stopped, and rows are fetched and written in batches, so
memory does not grow with the result.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import chain, islice
from typing import IO, Any, TypeVar

from sqlalchemy import Connection, CursorResult, text
from sqlalchemy.exc import DBAPIError

from storage.db import describe, open_engine, sqlite_path
from storage.faults import StoreError, first_line

SQL_TIMEOUT_SECONDS = 60.0
BATCH_ROWS = 500  # rows fetched (and held) at a time
TABLE_SAMPLE = 1000  # a table's column widths come from its first rows
PROGRESS_STEPS = 1000  # SQLite instructions between two looks at the clock
T = TypeVar("T")

# SQLite authorizer: reading is all ``akhbar sql`` may do (PRAGMA only to read a value).
_SQLITE_RECURSIVE = getattr(sqlite3, "SQLITE_RECURSIVE", 33)
_ALLOWED = frozenset(
    {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_TRANSACTION, _SQLITE_RECURSIVE}
)


class QueryError(Exception):
    """A query that cannot run (message shown as one line; exit status 2)."""


class QueryTimeout(QueryError):
    """A query stopped after its time budget (exit status 1: it ran, it did not finish)."""


_SCHEMA_TABLES = ("sqlite_master", "sqlite_schema", "sqlite_temp_master")


def _authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
    if action in _ALLOWED or (action == sqlite3.SQLITE_PRAGMA and arg2 is None):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES:
        # SQLite asks this while it loads the schema (an FTS5 table's first use): never a user's
        # write, which query_only and the read-only file refuse anyway
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


class _Budget:
    """The time a query may spend in the database (time spent writing its output is not counted)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.left = seconds if seconds > 0 else float("inf")
        self.deadline = float("inf")
        self.expired = False

    def progress(self) -> int:
        """SQLite's progress handler: non-zero interrupts the statement."""
        if time.monotonic() > self.deadline:
            self.expired = True
            return 1
        return 0

    def run(self, step: Callable[[], T]) -> T:
        started = time.monotonic()
        self.deadline = started + self.left
        try:
            return step()
        except DBAPIError as exc:
            raise self._error(exc) from None
        finally:
            self.left -= time.monotonic() - started
            self.deadline = float("inf")

    def _error(self, exc: DBAPIError) -> QueryError:
        message = first_line(exc)
        if self.expired or "statement timeout" in message:
            return QueryTimeout(f"query took longer than {self.seconds:g} s (--timeout SECONDS to allow more)")
        lowered = message.lower()
        if (
            "not authorized" in lowered
            or "authorization denied" in lowered
            or "readonly" in lowered
            or "read-only" in lowered
            or "query_only" in lowered
        ):
            return QueryError(f"refused: akhbar sql is read-only ({message})")
        return QueryError(f"SQL error: {message}")


_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$")


def statement_end(sql: str) -> int:
    """Where the first statement of ``sql`` ends: the offset of its first ``;`` outside strings,
    quoted names, comments and dollar-quoted bodies (SQLite and PostgreSQL syntax), or ``len(sql)``."""
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`":
            i = sql.find(c, i + 1)  # a doubled quote ('') reads as two strings in a row: the same end
            if i < 0:
                return n
        elif c == "[":  # SQLite's [quoted name]
            i = sql.find("]", i + 1)
            if i < 0:
                return n
        elif sql.startswith("--", i):
            i = sql.find("\n", i)
            if i < 0:
                return n
        elif sql.startswith("/*", i):
            i = sql.find("*/", i + 2)
            if i < 0:
                return n
            i += 1
        elif c == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            i = sql.find(tag.group(0), tag.end())
            if i < 0:
                return n
            i += len(tag.group(0)) - 1
        elif c == ";":
            return i
        i += 1
    return n


def one_statement(sql: str) -> str:
    """``sql`` if it holds one statement (a trailing ``;`` allowed); a second one is refused: on
    PostgreSQL, ``COMMIT; …`` would leave the read-only transaction."""
    end = statement_end(sql)
    rest = sql[end + 1 :] if end < len(sql) else ""
    if _has_code(rest):
        raise QueryError("one statement at a time: akhbar sql runs a single read-only query (remove what follows ';')")
    return sql[:end]


def _has_code(sql: str) -> bool:
    """Whether ``sql`` holds anything but whitespace, comments and semicolons."""
    stripped = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)
    return bool(stripped.replace(";", " ").strip())


def _guard(conn: Connection, budget: _Budget) -> None:
    if conn.dialect.name == "sqlite":
        raw: Any = conn.connection.dbapi_connection
        raw.set_authorizer(_authorize)
        raw.set_progress_handler(budget.progress, PROGRESS_STEPS)
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION READ ONLY"))
        if budget.seconds > 0:
            conn.execute(text(f"SET LOCAL statement_timeout = {int(budget.seconds * 1000)}"))


def _execute(conn: Connection, statement: str, params: dict[str, Any] | None) -> CursorResult[Any]:
    """A user's statement goes to the driver as written (``'12:30'``, ``LIKE '%:x%'`` are text, not
    bind parameters, and ``%`` needs no doubling); akhbar's own statements bind ``:name`` parameters."""
    if params is None:
        return conn.execution_options(no_parameters=True).exec_driver_sql(statement)
    return conn.execute(text(statement), params)


@contextlib.contextmanager
def query_rows(
    db_url: str, sql: str, params: dict[str, Any] | None = None, *, timeout: float = 0
) -> Iterator[tuple[list[str], Iterator[Sequence[Any]]]]:
    """``(columns, rows)`` of one read-only statement; rows are fetched in batches as they are
    consumed, within ``timeout`` seconds of database time (0: no limit)."""
    path = sqlite_path(db_url)
    if path is not None and not path.exists():
        raise QueryError(f"{path}: no store here (run `akhbar reprocess` or `akhbar crawl` first, or pass --data-dir)")
    engine = open_engine(db_url, read_only=True)
    budget = _Budget(timeout)
    try:
        try:
            conn = engine.connect()
        except DBAPIError as exc:
            raise StoreError(f"cannot open store {describe(db_url)}: {first_line(exc)}") from None
        with conn:
            _guard(conn, budget)
            statement = one_statement(sql)
            result = budget.run(lambda: _execute(conn, statement, params))
            if not result.returns_rows:
                raise QueryError("the statement returned no rows (akhbar sql is read-only: only SELECT-like queries)")
            columns = list(result.keys())

            def rows() -> Iterator[Sequence[Any]]:
                while batch := budget.run(lambda: result.fetchmany(BATCH_ROWS)):
                    yield from batch

            yield columns, rows()
            conn.rollback()
    finally:
        engine.dispose()


def run_query(
    db_url: str, sql: str, params: dict[str, Any] | None = None, *, timeout: float = SQL_TIMEOUT_SECONDS
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """All rows of one read-only statement (for small results: ``akhbar stats``)."""
    with query_rows(db_url, sql, params, timeout=timeout) as (columns, rows):
        return columns, [tuple(r) for r in rows]


def write_rows(
    db_url: str, sql: str, out: IO[str], fmt: str = "table", *, timeout: float = SQL_TIMEOUT_SECONDS
) -> None:
    """Run one read-only statement and stream its rows to ``out`` as ``table``, ``json`` or ``csv``."""
    writer = {"table": write_table, "json": write_json, "csv": write_csv}[fmt]
    with query_rows(db_url, sql, timeout=timeout) as (columns, rows):
        writer(columns, rows, out)


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    s = str(value).replace("\n", " ")
    if width is not None and len(s) > width:
        s = s[: width - 1] + "…"
    return s


def write_table(columns: Sequence[str], rows: Iterator[Sequence[Any]], out: IO[str], max_width: int = 60) -> None:
    """A plain text table, cells cut at ``max_width`` characters; the column widths come from the
    first :data:`TABLE_SAMPLE` rows (later cells are cut to them), so rows stream."""
    sample = [[_cell(v, max_width) for v in row] for row in islice(rows, TABLE_SAMPLE)]
    widths = [max([len(c)] + [len(r[i]) for r in sample]) for i, c in enumerate(columns)]

    def line(vals: Sequence[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip() + "\n"

    out.write(line(list(columns)))
    out.write("-+-".join("-" * w for w in widths) + "\n")
    later = ([_cell(v, w) for v, w in zip(row, widths, strict=True)] for row in rows)
    count = 0
    for cells in chain(sample, later):
        out.write(line(cells))
        count += 1
    out.write(f"({count} row{'s' if count != 1 else ''})\n")


def write_json(columns: Sequence[str], rows: Iterator[Sequence[Any]], out: IO[str]) -> None:
    """A JSON array of objects, written one object at a time (the text of ``json.dumps(indent=2)``)."""
    first = True
    out.write("[")
    for row in rows:
        obj = {c: (_cell(v) if isinstance(v, bytes) else v) for c, v in zip(columns, row, strict=True)}
        item = json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("\n  " if first else ",\n  ") + item)
        first = False
    out.write("]\n" if first else "\n]\n")


def write_csv(columns: Sequence[str], rows: Iterator[Sequence[Any]], out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])


def _text(write: Callable[[Sequence[str], Iterator[Sequence[Any]], IO[str]], None]) -> Callable[..., str]:
    def render(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
        buf = io.StringIO()
        write(columns, iter(rows), buf)
        return buf.getvalue().rstrip("\n")

    return render


format_table = _text(write_table)
format_json = _text(write_json)
format_csv = _text(write_csv)


def since_param(since: str | None) -> str | None:
    """``--since``: a date, as text to compare with ``published_at`` (a one-line QueryError otherwise)."""
    if since is None:
        return None
    try:
        return date.fromisoformat(since).isoformat()
    except ValueError:
        raise QueryError(f"--since {since!r}: not a date (YYYY-MM-DD)") from None


def events_query(since: str | None, site: str | None, min_sites: int, limit: int) -> tuple[str, dict[str, Any]]:
    """``akhbar events``: the statement and its parameters (newest first)."""
    where: list[str] = ["site_count >= :min_sites"]
    params: dict[str, Any] = {"min_sites": min_sites}
    if min_sites < 1:
        raise QueryError(f"--min-sites {min_sites}: must be at least 1")
    if limit < 0:
        raise QueryError(f"--limit {limit}: must be 0 (all) or more")
    if since is not None:
        params["since"] = since_param(since)
        where.append("first_published >= :since")
    if site is not None:
        params["site"] = site
        where.append("id IN (SELECT event_id FROM event_coverage WHERE site = :site)")
    sql = (
        "SELECT id, first_published, site_count, own_reports, size, first_site, sites, title FROM events"
        f" WHERE {' AND '.join(where)} ORDER BY first_published DESC, id DESC"
        + (f" LIMIT {int(limit)}" if limit else "")
    )
    return sql, params


STATS_QUERIES: list[tuple[str, str]] = [
    (
        "Articles per site",
        "SELECT site, COUNT(*) AS articles, SUM(CASE WHEN dup_kind = 'unique' THEN 1 ELSE 0 END) AS \"unique\","
        " SUM(CASE WHEN dup_kind = 'exact' THEN 1 ELSE 0 END) AS exact,"
        " SUM(CASE WHEN dup_kind = 'near' THEN 1 ELSE 0 END) AS near"
        " FROM articles GROUP BY site ORDER BY articles DESC, site",
    ),
    (
        "Articles by duplicate kind",
        "SELECT dup_kind, COUNT(*) AS articles FROM articles GROUP BY dup_kind ORDER BY dup_kind",
    ),
    (
        "Pages by outcome",
        "SELECT outcome, COUNT(*) AS pages FROM fetches GROUP BY outcome ORDER BY pages DESC, outcome",
    ),
    (
        "Largest clusters",
        "SELECT cluster_id, size, site_count, first_title FROM article_clusters WHERE size > 1"
        " ORDER BY size DESC, cluster_id LIMIT 5",
    ),
    (
        "Events",
        "SELECT COUNT(*) AS events, SUM(CASE WHEN site_count > 1 THEN 1 ELSE 0 END) AS on_several_sites,"
        " SUM(CASE WHEN own_reports > 1 THEN 1 ELSE 0 END) AS reported_independently FROM events",
    ),
    (
        "Events covered by most outlets",
        "SELECT id, own_reports, site_count, first_site, title FROM events WHERE site_count > 1"
        " ORDER BY site_count DESC, own_reports DESC, id LIMIT 5",
    ),
    (
        "Last runs",
        "SELECT id, kind, started_at, finished_at, finish_reason FROM crawl_runs ORDER BY id DESC LIMIT 5",
    ),
]
