"""Read-only SQL over a store: ``akhbar sql`` and ``akhbar stats``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from storage.db import open_engine, sqlite_path


class QueryError(Exception):
    """A query that cannot run (message shown as one line)."""


def run_query(db_url: str, sql: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one statement read-only; a write is refused by the database itself."""
    path = sqlite_path(db_url)
    if path is not None and not path.exists():
        raise QueryError(f"{path}: no store here (run `akhbar reprocess` or `akhbar crawl` first, or pass --data-dir)")
    engine = open_engine(db_url, read_only=True)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION READ ONLY"))
            result = conn.execute(text(sql), params or {})
            if not result.returns_rows:
                raise QueryError("the statement returned no rows (akhbar sql is read-only: only SELECT-like queries)")
            columns = list(result.keys())
            rows = [tuple(r) for r in result]
            conn.rollback()
            return columns, rows
    except (OperationalError, ProgrammingError, DBAPIError) as exc:
        message = str(getattr(exc, "orig", exc)).splitlines()[0]
        if "readonly" in message or "read-only" in message or "query_only" in message.lower():
            raise QueryError(f"refused: akhbar sql is read-only ({message})") from None
        raise QueryError(f"SQL error: {message}") from None
    finally:
        engine.dispose()


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    s = str(value).replace("\n", " ")
    if width is not None and len(s) > width:
        s = s[: width - 1] + "…"
    return s


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """A plain text table, cells cut at ``max_width`` characters."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: " | ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(list(columns)), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    return json.dumps(
        [{c: (_cell(v) if isinstance(v, bytes) else v) for c, v in zip(columns, row, strict=True)} for row in rows],
        ensure_ascii=False,
        indent=2,
    )


def format_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buf.getvalue().rstrip("\n")


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
        "Last runs",
        "SELECT id, kind, started_at, finished_at, finish_reason FROM crawl_runs ORDER BY id DESC LIMIT 5",
    ),
]
