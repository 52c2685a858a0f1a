"""Schema version 6: URLs stored before the canonical form are rewritten into it, losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from crawler.discovery import canonicalize_url
from crawler.processing.fingerprint import DedupParams
from storage.db import sqlite_url
from storage.migrations import v0006_canonical_urls
from storage.store import Store

RAW = "https://www.hespress.com/مثال-على-خبر-4242.html"
LOWER = "https://www.hespress.com/%d9%85%d8%ab%d8%a7%d9%84-%d8%b9%d9%84%d9%89-%d8%ae%d8%a8%d8%b1-4242.html"
CANONICAL = "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-%D8%B9%D9%84%D9%89-%D8%AE%D8%A8%D8%B1-4242.html"


def _version_5_store(db: Path) -> None:
    """A store as akhbar left it at schema version 5, holding URLs in the forms it stored then."""
    Store(sqlite_url(db), DedupParams()).close()
    fetches = [
        (1, RAW, LOWER + "#comments", "k1"),
        (2, LOWER, None, "k2"),
        (3, "https://x.ma/a?utm_source=rss&b=2&a=1", None, "k3"),
        (4, "/home/me/saved/page one.html", None, "k4"),  # a re-processed file: not a URL, left alone
        (5, "https://x.ma:443/list#top", "http://x.ma:99999/", "k5"),  # a port no URL can have: left alone
    ]
    articles = [
        (1, 1, RAW),
        (2, 2, LOWER),
        (3, 3, "https://x.ma/a?utm_source=rss&b=2&a=1"),
        (4, 4, "/home/me/saved/page one.html"),
    ]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        conn.executemany(
            "INSERT INTO fetches (id, url, final_url, fetched_at, outcome, size, record_key)"
            " VALUES (?, ?, ?, '2024-05-02T10:00:00', 'article', 1, ?)",
            fetches,
        )
        conn.executemany(
            "INSERT INTO articles (id, fetch_id, url, title, text, text_sha256, word_count, dup_kind, stored_at)"
            " VALUES (?, ?, ?, 'عنوان', 'نص الخبر', 'h', 2, 'unique', '2024-05-02T10:00:00')",
            articles,
        )
        conn.executemany(
            "INSERT INTO http_validators (url, etag, updated_at) VALUES (?, ?, '2024-05-02T10:00:00')",
            [("https://x.ma/feed?b=1&a=2", '"e1"'), ("https://x.ma/feed?a=2&b=1", '"e2"'), (RAW + "?feed", '"e3"')],
        )


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("SELECT id, url FROM articles ORDER BY id").fetchall(),
            "fetches": conn.execute("SELECT id, url, final_url, record_key FROM fetches ORDER BY id").fetchall(),
            "validators": conn.execute("SELECT url, etag FROM http_validators ORDER BY etag").fetchall(),
            "version": conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall(),
        }


def test_opening_a_version_5_store_rewrites_its_urls_into_the_canonical_form(tmp_path: Path) -> None:
    db = tmp_path / "akhbar.db"
    _version_5_store(db)
    Store(sqlite_url(db), DedupParams()).close()
    rows = _rows(db)
    assert canonicalize_url(RAW) == CANONICAL
    assert rows["articles"] == [
        (1, CANONICAL),
        (2, LOWER),  # collapses onto article 1's URL, which is unique: keeps its stored URL
        (3, "https://x.ma/a?a=1&b=2"),
        (4, "/home/me/saved/page one.html"),
    ]
    assert rows["fetches"] == [
        (1, CANONICAL, CANONICAL, "k1"),  # record keys (input identities) untouched
        (2, CANONICAL, None, "k2"),
        (3, "https://x.ma/a?a=1&b=2", None, "k3"),
        (4, "/home/me/saved/page one.html", None, "k4"),
        (5, "https://x.ma/list", "http://x.ma:99999/", "k5"),
    ]
    assert rows["validators"] == [
        ("https://x.ma/feed?b=1&a=2", '"e1"'),  # its canonical URL is the next row's own: both kept as they were
        ("https://x.ma/feed?a=2&b=1", '"e2"'),
        (CANONICAL + "?feed=", '"e3"'),
    ]
    assert int(str(rows["version"][0][0])) >= 6
    with sqlite3.connect(db) as conn:  # the full-text index still finds every article
        assert conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'الخبر'").fetchone() == (4,)


def test_the_rewrite_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "akhbar.db"
    _version_5_store(db)
    Store(sqlite_url(db), DedupParams()).close()
    before = _rows(db)
    engine = create_engine(sqlite_url(db))
    with engine.begin() as conn:
        v0006_canonical_urls.upgrade(conn)
    engine.dispose()
    assert _rows(db) == before
