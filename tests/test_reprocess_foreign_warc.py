"""A foreign WARC of whole sites (as ``wget --warc-file`` makes it): only articles become articles."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from crawler.cli import main
from storage.archive import COPY_TAG, archive_files, read_warc
from tests.warc_builder import records, undigested, warcio_check, write_warc, write_wget_warc

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


def test_a_wget_warc_is_archived_byte_for_byte_once_and_its_rows_point_into_the_copy(tmp_path: Path) -> None:
    """The copy in the archive is the input itself (warcinfo, request, revisit, metadata and wget's log
    kept as they are, ``warcio check`` passing); each row names its response record there; a re-run,
    and a re-process of the archive, add nothing: no row, no file, no record."""
    pages, articles = _site_pages(SITES[0], "www.atlas.example")
    wget = write_wget_warc(tmp_path / "atlas.warc.gz", pages)
    data = tmp_path / "var"
    assert main(["reprocess", "--data-dir", str(data), str(wget)]) == 0
    archive = data / "archive"
    (copy,) = archive.iterdir()  # the copy alone: no page needed a record of akhbar's own
    assert copy.read_bytes() == wget.read_bytes()
    assert records(copy) == records(wget)  # record for record, byte for byte, in order
    kinds = [kind for kind, *_ in records(copy)]
    assert kinds[0] == "warcinfo" and {"request", "revisit", "metadata", "resource"} <= set(kinds)
    check = warcio_check(copy)
    assert check.returncode == 0, check.stdout + check.stderr
    db = data / "akhbar.db"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, warc_file, warc_offset FROM fetches ORDER BY id").fetchall()
        stored = {u for (u,) in conn.execute("SELECT url FROM articles")}
    assert stored == articles and len(rows) == len(pages)  # wget's log and metadata are not pages
    responses = {offset: data for kind, offset, data in records(copy) if kind == "response"}
    for url, warc_file, offset in rows:
        assert warc_file == f"archive/{copy.name}" and offset in responses
        got = next(p for p in read_warc(data / warc_file) if p.offset == offset)
        assert got.raw is not None and got.raw.url == url
    before = {p.name: p.read_bytes() for p in archive.iterdir()}
    with sqlite3.connect(db) as conn:
        counts = conn.execute("SELECT (SELECT COUNT(*) FROM fetches), (SELECT COUNT(*) FROM crawl_runs)").fetchone()
    assert main(["reprocess", "--data-dir", str(data), str(wget)]) == 0
    assert main(["reprocess", "--data-dir", str(data)]) == 0
    assert {p.name: p.read_bytes() for p in archive.iterdir()} == before
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT (SELECT COUNT(*) FROM fetches), (SELECT COUNT(*) FROM crawl_runs)").fetchone()
            == counts
        )


def test_html_files_and_warcs_keep_their_order_in_the_archive(tmp_path: Path) -> None:
    """A bare HTML page goes into the run's own WARC file (warcinfo first); a WARC file is copied whole
    between them; the archive re-processes into the same store."""
    pages, _ = _site_pages(SITES[1], "www.medina.example")
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_wget_warc(inputs / "b.warc.gz", pages[: len(pages) // 2])
    for i, (url, body, _ctype, _status) in enumerate(pages[len(pages) // 2 :]):
        page = body.replace(b"<head>", f'<head><link rel="canonical" href="{url}">'.encode(), 1)
        (inputs / f"{'a' if i % 2 else 'c'}{i:03d}.html").write_bytes(page)
    data = tmp_path / "var"
    assert main(["reprocess", "--data-dir", str(data), str(inputs)]) == 0
    files = [p for p, _ in archive_files(data / "archive")]
    assert [COPY_TAG in p.name for p in files] == [False, True, False]
    for path in files:
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout + check.stderr
        assert undigested(path) == [] or COPY_TAG in path.name
    assert records(files[0])[0][0] == "warcinfo"
    rebuilt = tmp_path / "rebuilt.db"
    assert main(["reprocess", "--data-dir", str(data), "--into", str(rebuilt)]) == 0
    cols = "url, outcome, warc_file, warc_offset"
    with sqlite3.connect(data / "akhbar.db") as one, sqlite3.connect(rebuilt) as two:
        assert (
            one.execute(f"SELECT {cols} FROM fetches ORDER BY id").fetchall()
            == two.execute(f"SELECT {cols} FROM fetches ORDER BY id").fetchall()
        )


def test_a_sites_other_files_are_not_html_and_no_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """``wget --mirror --page-requisites`` also saves robots.txt, style sheets, scripts, feeds and API
    answers, some of them served as ``text/plain`` or untyped: each is ``not_html`` with its type, not an
    error, and nothing is logged as a warning. A page served as HTML without any markup stays an error."""
    pages, articles = _site_pages(SITES[2], "www.sahil.example")
    host = "https://www.sahil.example"
    others = [
        (f"{host}/robots.txt", b"User-agent: *\nDisallow: /search\n", "text/plain", 200),
        (f"{host}/humans.txt", b"Team: newsroom\n", "", 200),
        (f"{host}/api/latest", b'{"items": [{"id": 1, "title": "x"}]}', "application/octet-stream", 200),
        (f"{host}/assets/site.css", b"body { direction: rtl }", "text/css", 200),
        (f"{host}/feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/xml", 200),
        (f"{host}/broken.html", b"just words, no markup at all", "text/html; charset=utf-8", 200),
    ]
    warc = write_wget_warc(tmp_path / "sahil.warc.gz", pages + others)
    data = tmp_path / "var"
    with caplog.at_level("WARNING"):
        assert main(["reprocess", "--data-dir", str(data), str(warc)]) == 0
    with sqlite3.connect(data / "akhbar.db") as conn:
        outcomes = {u: (o, d) for u, o, d in conn.execute("SELECT url, outcome, detail FROM fetches")}
        stored = {u for (u,) in conn.execute("SELECT url FROM articles")}
    assert stored == articles
    assert outcomes[f"{host}/robots.txt"] == ("not_html", "text/plain: no HTML markup")
    assert outcomes[f"{host}/humans.txt"] == ("not_html", "untyped: no HTML markup")
    assert outcomes[f"{host}/api/latest"] == ("not_html", "application/octet-stream: no HTML markup")
    assert outcomes[f"{host}/assets/site.css"] == ("not_html", "text/css")
    assert outcomes[f"{host}/feed.xml"] == ("not_html", "text/xml")
    assert outcomes[f"{host}/broken.html"] == ("error", "text/html: no HTML markup")
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warned == [f"{host}/broken.html: error: text/html: no HTML markup"]
