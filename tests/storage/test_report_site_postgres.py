"""``akhbar report`` on a PostgreSQL store gives the pages it gives on SQLite (issue 16, item 2): the
report reads through the portable read-only queries only. Skips without a server (``pg_url``)."""

from __future__ import annotations

import re
from pathlib import Path

from crawler.cli import main

DEMO_SITES = Path(__file__).resolve().parents[2] / "crawler" / "demo" / "sites"
AS_OF = re.compile(r"<bdi>[^<]*</bdi> · أكثر")  # the index's "last stored" time: when each store was written


def files(out: Path) -> dict[str, str]:
    return {p.name: AS_OF.sub("", p.read_text(encoding="utf-8")) for p in sorted(out.iterdir())}


def test_the_report_is_the_same_on_postgresql_and_sqlite(pg_url: str, tmp_path: Path) -> None:
    for name, store in (("pg", ["--db", pg_url]), ("sqlite", [])):
        data = ["--data-dir", str(tmp_path / name)]
        assert main(["-q", "reprocess", "--workers", "1", *data, *store, str(DEMO_SITES)]) == 0
        assert main(["-q", "report", *data, *store, "--out", str(tmp_path / f"{name}-report")]) == 0
    on_pg, on_sqlite = files(tmp_path / "pg-report"), files(tmp_path / "sqlite-report")
    assert any(n.startswith("story-") for n in on_pg) and any(n.startswith("event-") for n in on_pg)
    assert on_pg == on_sqlite
