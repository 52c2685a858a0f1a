"""``fetches.warc_file`` is the archive file's path relative to the data dir, however it was written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.cli import main
from crawler.processing.fingerprint import DedupParams
from storage.db import sqlite_url
from storage.store import Store
from tests.conftest import article_page
from tests.warc_builder import write_warc

HTML = "text/html; charset=utf-8"


def warc_files(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {f for (f,) in conn.execute("SELECT DISTINCT warc_file FROM fetches")}


def test_reprocess_and_into_record_paths_relative_to_the_data_dir(tmp_path: Path, conference_text: str) -> None:
    url = "https://one.example/a/1.html"
    (tmp_path / "saved").mkdir()
    warc = write_warc(
        tmp_path / "saved" / "pages.warc.gz", [(url, article_page("t", conference_text, url=url).encode(), HTML, 200)]
    )
    data = tmp_path / "var"
    assert main(["reprocess", "--data-dir", str(data), str(warc)]) == 0  # copied into the archive
    (copied,) = warc_files(data / "akhbar.db")
    assert copied.startswith("archive/akhbar-") and (data / copied).is_file()
    assert main(["reprocess", "--data-dir", str(data), "--into", str(tmp_path / "own.db")]) == 0  # its own archive
    assert warc_files(tmp_path / "own.db") == {copied}
    assert main(["reprocess", "--data-dir", str(data), "--into", str(tmp_path / "b.db"), str(warc)]) == 0
    assert warc_files(tmp_path / "b.db") == {"../saved/pages.warc.gz"}


def test_migration_rewrites_bare_names_and_absolute_paths(tmp_path: Path) -> None:
    db = tmp_path / "var" / "akhbar.db"
    db.parent.mkdir()
    Store(sqlite_url(db), DedupParams()).close()
    name = "akhbar-20260101T000000Z-run000001.warc.gz"
    rows = [name, str(tmp_path / "var" / "archive" / name), str(tmp_path / "in.warc.gz"), "rel/x.warc.gz", None]
    with sqlite3.connect(db) as conn:
        for i, f in enumerate(rows):
            conn.execute(
                "INSERT INTO fetches (url, size, fetched_at, outcome, record_key, warc_file) VALUES (?, 0, '', 'article', ?, ?)",
                (f"https://a.example/{i}", f"k{i}", f),
            )
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    Store(sqlite_url(db), DedupParams()).close()
    with sqlite3.connect(db) as conn:
        got = [f for (f,) in conn.execute("SELECT warc_file FROM fetches ORDER BY id")]
    assert got == [f"archive/{name}", f"archive/{name}", "../in.warc.gz", "rel/x.warc.gz", None]
