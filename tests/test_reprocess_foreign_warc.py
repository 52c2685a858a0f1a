"""A foreign WARC of whole sites (as ``wget --warc-file`` makes it): only articles become articles."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from crawler.cli import main
from tests.warc_builder import write_warc

ROOT = Path(__file__).resolve().parent.parent
SITES = [ROOT / "crawler" / "demo" / "sites" / name for name in ("atlas", "medina", "sahil")]


def _site_pages(site: Path, host: str) -> tuple[list[tuple[str, bytes, str, int]], set[str]]:
    spec = json.loads((site / "site.json").read_text(encoding="utf-8"))
    pages, articles = [], set()
    for page in sorted(site.rglob("*.html")):
        rel = "/" + page.relative_to(site).as_posix()
        url = f"https://{host}" + (rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)
        body = page.read_bytes().replace(b"{{BASE}}", f"https://{host}".encode())
        pages.append((url, body, "text/html; charset=utf-8", 200))
        if any(re.search(p, url) for p in spec["article_url_patterns"]):
            articles.add(url)
    return pages, articles


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_listing_is_not_an_article_and_every_article_is_stored(tmp_path: Path, workers: str) -> None:
    pages: list[tuple[str, bytes, str, int]] = []
    articles: set[str] = set()
    for site in SITES:
        more, arts = _site_pages(site, f"www.{site.name}.example")
        pages += more
        articles |= arts
    warc = write_warc(tmp_path / "sites.warc.gz", pages)
    db = tmp_path / "store.db"
    assert (
        main(["reprocess", "--data-dir", str(tmp_path / "d"), "--into", str(db), "--workers", workers, str(warc)]) == 0
    )
    with sqlite3.connect(db) as conn:
        outcomes = dict(conn.execute("SELECT url, outcome FROM fetches"))
        stored = {u for (u,) in conn.execute("SELECT f.url FROM articles a JOIN fetches f ON f.id = a.fetch_id")}
        details = [d for (d,) in conn.execute("SELECT detail FROM fetches WHERE outcome = 'not_article'")]
        sites = set(
            conn.execute("SELECT DISTINCT substr(url, 13, instr(substr(url, 13), '/') - 1), site FROM articles")
        )
    listings = {url for url, *_ in pages} - articles
    assert {u for u in listings if outcomes[u] == "article"} == set()  # no listing stored as an article
    assert all(outcomes[u] in ("not_article", "empty") for u in listings)
    assert stored == articles  # every article stored
    assert all(details)  # each refusal says why
    # one site value per domain, never a headline or an agency: the domain itself without seeds
    assert sites == {(f"{s.name}.example", f"{s.name}.example") for s in SITES}
