"""``akhbar crawl`` for real: fixture sites served on 127.0.0.1, crawls in subprocesses, real SQLite.

Every crawl runs in its own process (Twisted's reactor cannot restart) with a time
bound, so a test always stops by itself.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.demo.run import write_seed
from crawler.demo.server import SiteServer
from crawler.run.lock import DataDirLock
from tests.fixture_site import EXPECTED, FIXTURES


def run_crawl(seeds: Path, data: Path, *extra: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0"}
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir", str(data)]
    return subprocess.run(
        [*cmd, "--max-seconds", "60", *extra], capture_output=True, text=True, timeout=timeout, env=env
    )


def q(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def counts(db: Path) -> dict[str, int]:
    return {t: q(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in ("fetches", "articles", "signatures")}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, seeds: Path, servers: dict[str, SiteServer]) -> Path:
    data = tmp_path_factory.mktemp("crawl")
    for s in servers.values():
        s.hits.clear()
    result = run_crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    assert "articles stored" in result.stdout
    return data


def test_stores_every_public_article_once(crawled: Path, servers: dict[str, SiteServer]) -> None:
    db = crawled / "akhbar.db"
    base = servers["fixture"].base
    urls = [u for (u,) in q(db, "SELECT url FROM articles WHERE site = 'fixture'")]
    assert sorted(urls) == sorted(base + p for p in EXPECTED["articles"])
    stored_paths = {u.removeprefix(base) for u in urls}
    assert not stored_paths & set(EXPECTED["never"])
    # robots.txt: the private part was never even requested
    assert not [h for h in servers["fixture"].hits if h.startswith("/private/")]
    # listings, tags, authors were fetched and recorded, but not as articles
    listing = q(db, "SELECT COUNT(*) FROM fetches WHERE outcome = 'not_article' AND url LIKE ?", base + "/section/%")
    assert listing[0][0] >= 3  # paginated listing: pages 1..3


def test_outcomes_of_odd_pages_are_recorded(crawled: Path, servers: dict[str, SiteServer]) -> None:
    db = crawled / "akhbar.db"
    base = servers["fixture"].base
    outcome = dict(q(db, "SELECT url, outcome FROM fetches"))
    assert outcome[base + "/news/2024/06/article-supprime-150.html"] == "http_error"  # 404
    assert outcome[base + "/news/2024/06/infographie-budget-160.html"] == "not_html"  # PNG under an article URL
    # the redirect was followed and its final URL recorded
    redirected = q(db, "SELECT final_url, outcome FROM fetches WHERE url = ?", base + "/old/103")
    assert redirected == [(base + "/news/2024/05/tanger-congres-chefs-police-arabes-103.html", "article")]
    # the windows-1256 page came out as Arabic
    title = q(db, "SELECT title FROM articles WHERE url LIKE ?", "%resultats-bac-fes-104.html")[0][0]
    assert any("\u0600" <= ch <= "\u06ff" for ch in title)
    # a tracking-parameter URL from the feed was canonicalised, not fetched twice
    assert not [u for (u,) in q(db, "SELECT url FROM fetches") if "utm_" in u]
    run = json.loads(q(db, "SELECT stats FROM crawl_runs")[0][0])
    assert run["per_site"]["fixture"] == len(EXPECTED["articles"]) and run["per_site"]["mirror"] >= 2


def test_syndicated_copies_point_at_their_original(crawled: Path, servers: dict[str, SiteServer]) -> None:
    db = crawled / "akhbar.db"
    rows = {
        url: (aid, kind, dup)
        for aid, url, kind, dup in q(db, "SELECT id, url, dup_kind, duplicate_of_id FROM articles")
    }
    for group in EXPECTED["copies"]:
        members = [rows[servers[site].base + path] for site, path in group]
        heads = {aid if kind == "unique" else dup for aid, kind, dup in members}
        assert len(heads) == 1, group  # one cluster
        assert sum(kind == "unique" for _, kind, _ in members) == 1
        assert all(kind in ("near", "exact") for _, kind, _ in members if kind != "unique")


def test_second_crawl_fetches_no_article_and_adds_no_row(
    crawled: Path, seeds: Path, servers: dict[str, SiteServer]
) -> None:
    db = crawled / "akhbar.db"
    before = counts(db)
    for s in servers.values():
        s.hits.clear()
    result = run_crawl(seeds, crawled)
    assert result.returncode == 0, result.stderr
    assert counts(db) == before
    article_hits = [h for h in servers["fixture"].hits if h.startswith("/news/")]
    assert article_hits == [], article_hits


def test_reprocess_of_the_archive_gives_the_same_store(crawled: Path, tmp_path: Path) -> None:
    from crawler.cli import main

    rebuilt = tmp_path / "b.db"
    assert main(["reprocess", "--data-dir", str(crawled), "--into", str(rebuilt)]) == 0
    cols = "url, title, published_at, site, text, dup_kind, duplicate_of_id, similarity, event_id, event_score"
    assert q(rebuilt, f"SELECT {cols} FROM articles ORDER BY id") == q(
        crawled / "akhbar.db", f"SELECT {cols} FROM articles ORDER BY id"
    )


def test_one_worker_crawl_stores_and_archives_as_two_do(crawled: Path, seeds: Path, tmp_path: Path) -> None:
    """``--workers 1`` extracts in the crawling process and builds archive records in a thread:
    the same articles, and an archive that re-processes into the same store. (Which of two copies
    comes first depends on the order pages arrive in, which differs between two crawls.)"""
    from crawler.cli import main

    result = run_crawl(seeds, tmp_path / "w1", "--workers", "1")
    assert result.returncode == 0, result.stderr
    one, two = tmp_path / "w1" / "akhbar.db", crawled / "akhbar.db"
    articles = "SELECT url, title, published_at, site FROM articles ORDER BY url"
    assert q(one, articles) == q(two, articles)
    kinds = "SELECT dup_kind, COUNT(*) FROM articles GROUP BY dup_kind ORDER BY dup_kind"
    assert q(one, kinds) == q(two, kinds)
    assert main(["reprocess", "--data-dir", str(tmp_path / "w1"), "--into", str(tmp_path / "b.db")]) == 0
    cols = "url, title, published_at, site, text, dup_kind, duplicate_of_id, similarity, event_id, event_score"
    assert q(tmp_path / "b.db", f"SELECT {cols} FROM articles ORDER BY id") == q(
        one, f"SELECT {cols} FROM articles ORDER BY id"
    )


def test_a_second_run_while_one_is_going_exits_0(seeds: Path, tmp_path: Path) -> None:
    with DataDirLock(tmp_path):
        result = run_crawl(seeds, tmp_path, timeout=30)
    assert result.returncode == 0
    assert f"another crawl is running (pid {os.getpid()})" in result.stderr
    assert not (tmp_path / "akhbar.db").exists()


def test_killed_crawl_loses_nothing_and_restart_stores_nothing_twice(
    seeds: Path, servers: dict[str, SiteServer], tmp_path: Path
) -> None:
    site = servers["fixture"]
    slow = {p: 0.7 for p in EXPECTED["articles"]}
    site.rules.setdefault("delay", {}).update(slow)
    try:
        env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0"}
        cmd = [
            sys.executable,
            "-m",
            "crawler.cli",
            "crawl",
            "--seeds",
            str(seeds),
            "--data-dir",
            str(tmp_path),
            "--max-seconds",
            "60",
        ]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = tmp_path / "akhbar.db"
        deadline = time.monotonic() + 40
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                stored = q(db, "SELECT COUNT(*) FROM articles")[0][0] if db.exists() else 0
            except sqlite3.OperationalError:
                continue
            if stored >= 3:
                break
        assert proc.poll() is None, "the crawl ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        survived = {u for (u,) in q(db, "SELECT url FROM articles")}
        assert len(survived) >= 3
    finally:
        for p in slow:
            site.rules["delay"].pop(p, None)
    result = run_crawl(seeds, tmp_path)
    assert result.returncode == 0, result.stderr
    urls = [u for (u,) in q(db, "SELECT url FROM articles WHERE site = 'fixture'")]
    assert len(urls) == len(set(urls)) == len(EXPECTED["articles"])
    assert survived <= {u for (u,) in q(db, "SELECT url FROM articles")}
    assert q(db, "SELECT COUNT(*) FROM fetches")[0][0] == q(db, "SELECT COUNT(DISTINCT record_key) FROM fetches")[0][0]


def test_dead_site_is_recorded_and_the_crawl_goes_on(seeds: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    mixed = tmp_path / "seeds"
    mixed.mkdir()
    (mixed / "mirror.toml").write_text((seeds / "mirror.toml").read_text())
    (mixed / "dead.toml").write_text(
        f'name = "dead"\nstart_urls = ["http://127.0.0.1:{dead}/"]\nallowed_domains = ["127.0.0.1:{dead}"]\n'
        "article_url_patterns = ['/a/\\\\d+']\ndownload_delay = 0\n"
    )
    result = run_crawl(mixed, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "dead" in result.stderr  # logged with the site's name
    db = tmp_path / "data" / "akhbar.db"
    # its robots.txt could not be reached: the site is skipped for the run, that one fetch recorded
    assert q(db, "SELECT url, outcome FROM fetches WHERE site = 'dead'") == [
        (f"http://127.0.0.1:{dead}/robots.txt", "robots_unavailable")
    ]
    assert q(db, "SELECT COUNT(*) FROM articles WHERE site = 'mirror'")[0][0] >= 2
    assert "warning: dead yielded no article" in result.stdout


def test_seeds_dir_without_valid_site_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "bad"\nstart_urls = ["http://127.0.0.1:1/"]\n')
    result = run_crawl(tmp_path, tmp_path / "data", timeout=30)
    assert result.returncode == 2
    lines = [line for line in result.stderr.strip().splitlines() if line.startswith("akhbar:")]
    assert len(lines) == 1 and "no valid site to crawl" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_page_over_its_time_budget_is_recorded_and_the_crawl_goes_on(tmp_path: Path, workers: str) -> None:
    """A pathological page (40,000 short paragraphs: seconds of extraction) is cut at the page budget
    and recorded as 'timeout', with the extraction in the crawling process or in a worker."""
    from tests.conftest import article_page

    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "site.json").write_text(
        json.dumps({"name": "slowsite", "sitemaps": ["/sitemap.xml"], "article_url_patterns": [r"/news/\d+\.html$"]})
    )
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    urls = "".join(f"<url><loc>{{{{BASE}}}}/news/{n}.html</loc></url>" for n in (1, 2, 3))
    (site / "sitemap.xml").write_text(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    for n, name in ((1, "conference"), (3, "tangier")):
        text = (FIXTURES / "texts" / f"{name}.txt").read_text(encoding="utf-8")
        (site / "news" / f"{n}.html").write_text(article_page(name, text, url=f"{{{{BASE}}}}/news/{n}.html"))
    endless = "\n".join(f"سطر قصير رقم {i} في الصفحة" for i in range(40_000))
    (site / "news" / "2.html").write_text(article_page("slow", endless, url="{{BASE}}/news/2.html"))
    with SiteServer(site) as server:
        write_seed(site, server.base, tmp_path / "seeds")
        started = time.monotonic()
        result = run_crawl(tmp_path / "seeds", tmp_path / "data", "--workers", workers, "--page-budget", "1")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30  # the page alone takes several seconds
    rows = q(tmp_path / "data" / "akhbar.db", "SELECT url, outcome, detail FROM fetches WHERE url LIKE '%/news/%'")
    outcomes = {url.rsplit("/", 1)[1]: (outcome, detail) for url, outcome, detail in rows}
    assert outcomes["1.html"][0] == outcomes["3.html"][0] == "article"
    assert outcomes["2.html"] == ("timeout", "extraction took longer than 1 s")


def test_fetches_name_their_archive_file_relative_to_the_data_dir(crawled: Path) -> None:
    files = [
        f for (f,) in q(crawled / "akhbar.db", "SELECT DISTINCT warc_file FROM fetches WHERE warc_file IS NOT NULL")
    ]
    assert files and all(f.startswith("archive/akhbar-") and (crawled / f).is_file() for f in files), files


def test_the_crawls_archive_begins_with_warcinfo_and_passes_warcio_check(crawled: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    from crawler import __version__
    from tests.warc_builder import undigested, warcio_check

    files = sorted((crawled / "archive").glob("*.warc.gz"))
    assert files
    for path in files:
        with open(path, "rb") as fh:
            first = next(iter(ArchiveIterator(fh)))
            assert first.rec_type == "warcinfo"
            info = dict(line.split(": ", 1) for line in first.content_stream().read().decode().splitlines() if line)
        assert info["software"] == f"akhbar/{__version__}" and info["format"] == "WARC File Format 1.1"
        assert info["robots"] == "obey" and info["akhbar-run"].isdigit() and "akhbar/" in info["http-header-user-agent"]
        assert undigested(path) == []
    check = warcio_check(*files)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout
