"""Never a hang: a crawl ends within --max-seconds + 30 s of its start, and within 10 s of a SIGTERM,
even when a download holds it; its run row says ``interrupted`` and what was committed stays."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import article_html, q, site_seed, story
from tests.reliability.hostile import HostileSite

ENV = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0", "AKHBAR_DOWNLOAD_TIMEOUT": "300"}


def slow_site(site: HostileSite, tmp_path: Path, *, slow_delay: float, fast: int = 3) -> Path:
    """``fast`` articles served at once, and one whose answer takes ``slow_delay`` seconds."""
    links = [f"/a/{i}" for i in range(fast)] + ["/a/999"]
    site.route("/", article_html("الرئيسية", ["قائمة"], links=links))
    for i in range(fast):
        site.route(f"/a/{i}", article_html(f"خبر {i}", story(i)))
    site.route("/a/999", article_html("بطيء", story(999)), delay=slow_delay)
    seeds = tmp_path / "seeds"
    site_seed(seeds, site, [r"/a/\d+$"], name="slow", max_depth=1)
    return seeds


def start_crawl(seeds: Path, data: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir", str(data), *extra]
    return subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str], within: float) -> tuple[str, str]:
    """The process's output once it has ended; killed (and the test failed) if it takes longer."""
    try:
        return proc.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"still running after {within} s") from None


def wait_for_articles(db: Path, count: int, proc: subprocess.Popen[str], within: float = 30) -> None:
    """Until ``count`` articles are committed (the crawl killed, and the test failed, if that does not come)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if db.exists() and q(db, "SELECT COUNT(*) FROM articles")[0][0] >= count:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"no {count} articles stored in {within} s")


def no_traceback(stderr: str) -> list[str]:
    assert "Traceback" not in stderr and "Unhandled error" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("akhbar: ")]


@pytest.mark.slow
def test_a_download_that_never_ends_cannot_keep_the_crawl_past_max_seconds(tmp_path: Path, site: HostileSite) -> None:
    """The download in flight at the deadline is cut 2 s after it (crawler/deadline.py): the crawl ends
    gracefully, as finished, within seconds (it used to wait for the watchdog, 25 s later)."""
    seeds = slow_site(site, tmp_path, slow_delay=120)
    data = tmp_path / "var"
    started = time.monotonic()
    with start_crawl(seeds, data, "--max-seconds", "3") as proc:
        _, stderr = finish(proc, 60)
    took = time.monotonic() - started
    assert took < 3 + 10, took
    assert proc.returncode == 0, stderr
    assert no_traceback(stderr) == []
    db = data / "akhbar.db"
    assert q(db, "SELECT kind, finish_reason FROM crawl_runs") == [("crawl", "finished")]
    assert q(db, "SELECT COUNT(*) FROM articles")[0][0] == 3
    assert q(db, "SELECT COUNT(*) FROM fetches WHERE url LIKE '%/a/999'")[0][0] == 0  # asked again next run


def test_sigterm_ends_a_crawl_held_by_a_download_within_10_s(tmp_path: Path, site: HostileSite) -> None:
    seeds = slow_site(site, tmp_path, slow_delay=120)
    data = tmp_path / "var"
    with start_crawl(seeds, data, "--max-seconds", "100") as proc:
        wait_for_articles(data / "akhbar.db", 3, proc)
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, stderr = finish(proc, 60)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert no_traceback(stderr) == [
        "akhbar: error: crawl: SIGTERM received, and the crawl did not stop within 8 s: "
        "stopped; what was committed is kept"
    ]
    db = data / "akhbar.db"
    assert q(db, "SELECT finish_reason FROM crawl_runs") == [("interrupted",)]
    assert q(db, "SELECT COUNT(*) FROM articles")[0][0] == 3


def test_sigterm_stops_a_crawl_gracefully_and_marks_its_row(tmp_path: Path, site: HostileSite) -> None:
    seeds = slow_site(site, tmp_path, slow_delay=1.5)
    data = tmp_path / "var"
    with start_crawl(seeds, data, "--max-seconds", "100") as proc:
        wait_for_articles(data / "akhbar.db", 3, proc)
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        stdout, stderr = finish(proc, 60)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert no_traceback(stderr) == ["akhbar: interrupted (SIGTERM); what was stored is kept"]
    assert "(interrupted)" in stdout
    db = data / "akhbar.db"
    assert q(db, "SELECT finish_reason FROM crawl_runs") == [("interrupted",)]
    assert q(db, "SELECT COUNT(*) FROM articles")[0][0] >= 3
