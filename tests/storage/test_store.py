from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.processing.events import EventParams
from crawler.processing.fingerprint import DedupParams
from storage import migrations
from storage.db import sqlite_url
from storage.store import Store, StoreError


def test_other_dedup_parameters_are_refused_with_the_rebuild_recipe(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "a.db")
    Store(url, DedupParams()).close()
    with pytest.raises(StoreError) as err:
        Store(url, replace(DedupParams(), shingle_size=5), rebuild_hint=" --data-dir x")
    message = str(err.value)
    assert "shingle_size=3 (this akhbar: 5)" in message
    assert "akhbar reprocess --into NEW.db --data-dir x" in message
    Store(url, DedupParams()).close()  # the same parameters open fine


def test_other_event_parameters_are_refused_with_the_rebuild_recipe(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "a.db")
    Store(url, DedupParams(), event_params=EventParams()).close()
    with pytest.raises(StoreError) as err:
        Store(url, DedupParams(), event_params=replace(EventParams(), threshold=0.3), rebuild_hint=" --data-dir x")
    message = str(err.value)
    assert "other event linking parameters: threshold=0.47 (this akhbar: 0.3)" in message
    assert "akhbar reprocess --into NEW.db --data-dir x" in message
    Store(url, DedupParams(), event_params=EventParams()).close()


def test_cli_reports_a_refused_store_in_one_line(tmp_path: Path, capsys) -> None:
    data = tmp_path / "var"
    data.mkdir()
    Store(sqlite_url(data / "akhbar.db"), replace(DedupParams(), num_perm=64)).close()
    html = tmp_path / "a.html"
    html.write_text("<html><body><p>x</p></body></html>")
    assert main(["reprocess", "--data-dir", str(data), str(html)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("akhbar: error: store ") and "num_perm=64" in err and len(err.splitlines()) == 1


def test_a_store_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "a.db")
    Store(url, DedupParams()).close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(migrations.latest_version() + 1),))
    with pytest.raises(StoreError, match="newer than this akhbar knows"):
        Store(url, DedupParams())


def test_migrations_bring_a_fresh_store_to_the_latest_version(tmp_path: Path) -> None:
    Store(sqlite_url(tmp_path / "a.db"), DedupParams()).close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert int(version) == migrations.latest_version()
    assert {"articles", "fetches", "signatures", "crawl_runs", "meta", "article_clusters", "articles_fts"} <= tables


def test_per_page_lookups_use_indexes_not_scans(tmp_path: Path) -> None:
    """The crawler asks these for every discovered URL and every page: a scan would grow with the store."""
    from sqlalchemy.dialects import sqlite

    from storage import store as store_module

    Store(sqlite_url(tmp_path / "a.db"), DedupParams()).close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("DROP INDEX ix_fetches_final_url")  # a version-4 store: the migration adds it back
        conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    Store(sqlite_url(tmp_path / "a.db"), DedupParams()).close()
    statements = ("_URL_DONE", "_HAS_RECORD", "_ARTICLE_URL", "_ARTICLE_TEXT", "_ARTICLE_PUBLISHED")
    with sqlite3.connect(tmp_path / "a.db") as conn:
        for name in statements:
            stmt = getattr(store_module, name).params(url="https://a.example/x", key="k", id=1)
            sql = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
            plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "SCAN" not in plan, (name, plan)
            if name == "_URL_DONE":  # by URL, not by outcome (every article fetch has the same outcome)
                assert "ix_fetches_url" in plan and "ix_fetches_final_url" in plan, plan
