"""Reprocess runs end as they say: twins in the input, signals, the run row's finish_reason."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.cli import main
from tests.reliability.conftest import article_html, q, story
from tests.warc_builder import write_warc

HTML = "text/html; charset=utf-8"


def twin_warc(path: Path, n: int = 6) -> Path:
    """A WARC holding every record twice (what a crawl killed and re-run leaves in its archive)."""
    pages = [(f"https://twins.example/a/{i}", article_html(f"خبر {i}", story(i)).encode(), HTML, 200) for i in range(n)]
    return write_warc(path, pages + pages[: n // 2] + pages)


def store_rows(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    articles = q(db, "SELECT url, title, text, dup_kind, duplicate_of_id FROM articles ORDER BY id")
    fetches = q(db, "SELECT url, outcome, record_key FROM fetches ORDER BY id")
    return articles, fetches


def test_records_held_twice_give_the_same_store_for_any_number_of_workers(tmp_path: Path, capsys) -> None:
    warc = twin_warc(tmp_path / "twins.warc.gz")
    stores = []
    for workers in ("1", "2", "3"):
        db = tmp_path / f"w{workers}.db"
        code = main(
            ["reprocess", "--workers", workers, "--into", str(db), "--data-dir", str(tmp_path / "v"), str(warc)]
        )
        err = capsys.readouterr().err
        assert code == 0, err
        assert "Traceback" not in err
        assert q(db, "SELECT kind, finish_reason FROM crawl_runs") == [("reprocess", "finished")]
        stores.append(store_rows(db))
    assert len(stores[0][0]) == 6 and len(stores[0][1]) == 6  # each record stored once
    assert stores[1] == stores[0] and stores[2] == stores[0]


def start_reprocess(warc: Path, db: Path, data: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "reprocess", "--workers", "2", "--into", str(db), "--data-dir"]
    return subprocess.Popen([*cmd, str(data), str(warc)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_rows(db: Path, proc: subprocess.Popen[str], within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if db.exists() and q(db, "SELECT COUNT(*) FROM fetches")[0][0] > 0:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("nothing committed in time (or the run ended first)")


@pytest.fixture(scope="module")
def long_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough pages for a re-process to take a while (~10 s)."""
    pages = [
        (f"https://long.example/a/{i}", article_html(f"خبر {i}", story(i)).encode(), HTML, 200) for i in range(1500)
    ]
    return write_warc(tmp_path_factory.mktemp("long") / "long.warc.gz", pages)


@pytest.mark.parametrize(
    "signals", [[signal.SIGTERM], [signal.SIGINT, signal.SIGINT]], ids=["sigterm", "double-ctrl-c"]
)
def test_a_signalled_reprocess_marks_its_run_interrupted_and_keeps_what_it_stored(
    tmp_path: Path, long_warc: Path, signals: list[int]
) -> None:
    db = tmp_path / "out.db"
    with start_reprocess(long_warc, db, tmp_path / "v") as proc:
        wait_for_rows(db, proc)
        for sig in signals:
            proc.send_signal(sig)
            time.sleep(0.05)
        sent = time.monotonic()
        try:
            _, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert time.monotonic() - sent < 10
    assert proc.returncode == 128 + signals[0], stderr
    assert "Traceback" not in stderr
    name = signal.Signals(signals[0]).name
    assert stderr.strip().splitlines()[-1] == f"akhbar: interrupted ({name}); what was stored is kept"
    assert q(db, "SELECT kind, finish_reason FROM crawl_runs") == [("reprocess", "interrupted")]
    stored = q(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert 0 < stored < 1500
    assert q(db, "SELECT COUNT(*) FROM fetches WHERE outcome = 'article'")[0][0] == stored  # whole pages only
    assert q(db, "SELECT COUNT(*) FROM signatures")[0][0] == stored
