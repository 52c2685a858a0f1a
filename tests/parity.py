"""Store parity: the documented tables of a store, reduced to what must not change.

A refactor of the page flow must give the same stores for the same input. This module builds
stores from fixed inputs (the golden pages, a frozen archive of a fixture-site crawl) and reduces
them to one digest per row, leaving out only what differs between two runs of the same code:
run ids, times, and the paths of inputs and archives. ``python -m tests.parity`` writes the
snapshots under ``tests/fixtures/parity/`` (only after a deliberate change of behaviour);
``tests/test_parity.py`` rebuilds and compares.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PAGES = ROOT / "fixtures" / "pages"
PARITY = ROOT / "fixtures" / "parity"
FROZEN_WARC = PARITY / "crawl.warc.gz"  # a crawl of tests/fixtures/site{,_mirror}, archived once

# the documented tables, each column except run ids, times and paths (they differ from run to run)
TABLES = {
    "fetches": "id, url, final_url, site, status, content_type, size, outcome, detail, body_sha256, record_key,"
    " warc_offset",
    "articles": "id, fetch_id, url, title, author, published_at, language, site, description, text, text_sha256,"
    " word_count, dup_kind, duplicate_of_id, similarity",
    "signatures": "article_id, norm_sha256, minhash, shingle_count, anchors",
    "template_lines": "site, line_key, pages",
}
ORDER = {"fetches": "id", "articles": "id", "signatures": "article_id", "template_lines": "site, line_key"}


def _plain(value: object, replace: dict[str, str]) -> object:
    if isinstance(value, bytes):
        return "b:" + value.hex()
    if isinstance(value, str):
        for old, new in replace.items():
            value = value.replace(old, new)
    return value


def snapshot(db: Path, replace: dict[str, str] | None = None) -> dict[str, list[str]]:
    """One sha256 per row of each documented table, in a stable order (``replace``: path -> stand-in)."""
    out: dict[str, list[str]] = {}
    with sqlite3.connect(db) as conn:
        for table, cols in TABLES.items():
            rows = conn.execute(f"SELECT {cols} FROM {table} ORDER BY {ORDER[table]}").fetchall()
            out[table] = [
                hashlib.sha256(
                    json.dumps([_plain(v, replace or {}) for v in row], ensure_ascii=False).encode()
                ).hexdigest()
                for row in rows
            ]
    return out


def build(inputs: list[Path], into: Path, *extra: str) -> Path:
    """``akhbar reprocess --into`` of ``inputs``; the store's path."""
    from crawler.cli import main

    data = into.parent / "var"
    code = main(["reprocess", "--data-dir", str(data), "--into", str(into), *extra, *map(str, inputs)])
    assert code == 0, code
    return into


def golden_snapshot(tmp: Path, *extra: str) -> dict[str, list[str]]:
    return snapshot(
        build([PAGES], tmp / "golden.db", *extra), {PAGES.resolve().as_uri(): "<pages>", str(PAGES): "<pages>"}
    )


def crawl_snapshot(tmp: Path, *extra: str) -> dict[str, list[str]]:
    return snapshot(build([FROZEN_WARC], tmp / "crawl.db", *extra), {str(FROZEN_WARC): "<warc>"})


def write_snapshots() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("golden", golden_snapshot), ("crawl", crawl_snapshot)):
            where = Path(tmp) / name
            where.mkdir()
            (PARITY / f"{name}.json").write_text(json.dumps(make(where), indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_snapshots()
    sys.exit(0)
