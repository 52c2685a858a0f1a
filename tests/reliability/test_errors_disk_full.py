"""A full disk stops a run cleanly: one line, exit 1, the run row says ``disk_full``, nothing stored is lost.

The disk is "filled" without filling one: the child runs under a file size limit
(``RLIMIT_FSIZE``; Python ignores SIGXFSZ, so writes past it fail with EFBIG, which akhbar
treats as a full disk). Every file it writes is held to that size.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.reliability.conftest import article_html, q, site_seed, story
from tests.reliability.hostile import HostileSite
from tests.warc_builder import write_warc

HTML = "text/html; charset=utf-8"
LIMITED = """
import resource, runpy, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["akhbar", *sys.argv[2:]]
runpy.run_module("crawler.cli", run_name="__main__")
"""


def akhbar_limited(limit: int, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``akhbar ARGS`` with every file it writes held to ``limit`` bytes."""
    env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0", "AKHBAR_CONCURRENCY_PER_SITE": "8"}
    return subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def pages(first: int, count: int) -> list[tuple[str, bytes, str, int]]:
    return [
        (f"https://full.example/a/{i}", article_html(f"خبر {i}", story(i)).encode(), HTML, 200)
        for i in range(first, first + count)
    ]


def the_disk_full_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "Unhandled error" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("akhbar: error: disk full while writing "), stderr
    assert lines[0].endswith(": stopped; what was stored is kept"), stderr
    return lines[0]


def assert_consistent(db: Path) -> None:
    """Every article fetch has its article (and signature): no page half stored."""
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    articles = q(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert q(db, "SELECT COUNT(*) FROM fetches WHERE outcome = 'article'")[0][0] == articles
    assert q(db, "SELECT COUNT(*) FROM signatures")[0][0] == articles


def test_reprocess_stops_on_a_full_disk_and_keeps_what_was_stored(tmp_path: Path) -> None:
    data = tmp_path / "var"
    first = write_warc(tmp_path / "first.warc.gz", pages(0, 40))
    more = write_warc(tmp_path / "more.warc.gz", pages(40, 600))
    ok = akhbar_limited(2**40, "reprocess", "--data-dir", str(data), str(first))
    assert ok.returncode == 0, ok.stderr
    db = data / "akhbar.db"
    before = q(db, "SELECT id, url, text FROM articles ORDER BY id")
    biggest = max(p.stat().st_size for p in data.rglob("*") if p.is_file())
    result = akhbar_limited(biggest + 400_000, "reprocess", "--workers", "2", "--data-dir", str(data), str(more))
    assert result.returncode == 1, result.stderr
    the_disk_full_line(result.stderr)
    assert_consistent(db)
    assert q(db, "SELECT id, url, text FROM articles ORDER BY id")[: len(before)] == before
    assert q(db, "SELECT kind, finish_reason FROM crawl_runs ORDER BY id") == [
        ("reprocess", "finished"),
        ("reprocess", "disk_full"),
    ]
    # the next run, with room, completes the work and stores nothing twice
    again = akhbar_limited(2**40, "reprocess", "--data-dir", str(data), str(more))
    assert again.returncode == 0, again.stderr
    assert_consistent(db)
    urls = [u for (u,) in q(db, "SELECT url FROM fetches")]
    assert len(urls) == len(set(urls)) == 640


def hostile_news(site: HostileSite, count: int) -> None:
    """A listing page linking ``count`` articles."""
    links = [f"/a/{i}" for i in range(count)]
    site.route("/", article_html("الرئيسية", ["قائمة الأخبار"], links=links))
    for i in range(count):
        site.route(f"/a/{i}", article_html(f"خبر {i}", story(i)))


def seeds_for(site: HostileSite, tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    site_seed(seeds, site, [r"/a/\d+$"], name="full", max_depth=1, max_pages_per_run=1000)
    return seeds


def test_crawl_stops_at_the_first_full_write_and_says_so_once(tmp_path: Path, site: HostileSite) -> None:
    hostile_news(site, 400)
    data = tmp_path / "var"
    args = ("crawl", "--seeds", str(seeds_for(site, tmp_path)), "--data-dir", str(data), "--max-seconds", "60")
    result = akhbar_limited(1_000_000, *args)
    assert result.returncode == 1, result.stderr
    the_disk_full_line(result.stderr)
    db = data / "akhbar.db"
    assert_consistent(db)
    assert q(db, "SELECT kind, finish_reason FROM crawl_runs") == [("crawl", "disk_full")]
    stored = q(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert f"articles stored: {stored} " in result.stdout  # the summary tells what the store holds
    assert len(site.hits) < 400  # it stopped: the rest was not fetched


def test_a_disk_full_before_the_crawl_starts_is_one_line(tmp_path: Path, site: HostileSite) -> None:
    hostile_news(site, 3)
    data = tmp_path / "var"
    result = akhbar_limited(
        8_000, "crawl", "--seeds", str(seeds_for(site, tmp_path)), "--data-dir", str(data), "--max-seconds", "20"
    )
    assert result.returncode == 1, result.stderr
    the_disk_full_line(result.stderr)
    assert site.hits == []  # nothing fetched
