"""``akhbar reprocess --shards N``: phase 1 on datatrove over several WARC files, phase 2 the
ordered settle; the store must be the one a plain ``akhbar reprocess`` builds."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.items import RawPage
from crawler.processing.fingerprint import DedupParams
from crawler.run.budget import analyse_page
from crawler.shards.records import PageRecord, decode, encode
from tests.conftest import article_page
from tests.parity import FROZEN_WARC, PAGES, TABLES, snapshot
from tests.warc_builder import write_warc

HTML = "text/html; charset=utf-8"
SAMPLE = Path(__file__).resolve().parent.parent / "crawler" / "samples" / "sample.warc.gz"
needs_engine = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("datatrove") is None,
    reason="datatrove not installed (pip install 'akhbar[scale]')",
)


@pytest.fixture
def inputs(tmp_path: Path, conference_text: str, tangier_text: str) -> list[Path]:
    """Several WARC files and a directory of HTML pages; copies across files, so order matters
    (the first copy read is the canonical one), and a file cut short (an unreadable record)."""
    paras = conference_text.split("\n")
    near = "\n".join(["الرباط (و م ع) - " + paras[0], *paras[1:-1]])
    first = write_warc(tmp_path / "a.warc.gz", [
        ("https://one.example/a/1.html", article_page("مؤتمر الأمن الكيميائي بمراكش", conference_text,
                                                       url="https://one.example/a/1.html").encode(), HTML, 200),
        ("https://one.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", 200),
    ])  # fmt: skip
    copies = write_warc(tmp_path / "b.warc.gz", [
        ("https://two.example/n/7", article_page("الإنتربول يوصي بالتعاون", near,
                                                  url="https://two.example/n/7").encode(), HTML, 200),
        ("https://four.example/copy", article_page("نسخة", conference_text,
                                                    url="https://four.example/copy").encode(), HTML, 200),
        ("https://one.example/gone", b"<html><body>not found</body></html>", HTML, 404),
    ])  # fmt: skip
    cut = write_warc(tmp_path / "c.warc.gz", [
        ("https://three.example/x", article_page("مؤتمر قادة الشرطة بطنجة", tangier_text,
                                                  url="https://three.example/x").encode(), HTML, 200),
        ("https://three.example/y", article_page("الثاني", tangier_text, url="https://three.example/y").encode(),
         HTML, 200),
    ])  # fmt: skip
    cut.write_bytes(cut.read_bytes()[:-400])
    return [FROZEN_WARC, first, SAMPLE, copies, cut, PAGES]


def q(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def state(db: Path, *, archived: bool = False) -> dict[str, object]:
    """The store's documented tables (as the parity test reduces them) and what they leave out
    but a decision depends on: the events, each article's event, where each fetch's record is.
    ``archived``: the records were copied into a new archive, where offsets may differ by a few
    bytes (each record has a random WARC-Record-ID, compressed with it): left out."""
    found: dict[str, object] = {
        **snapshot(db),
        "events": q(db, "SELECT * FROM events ORDER BY id"),
        "article_events": q(db, "SELECT id, event_id, event_score FROM articles ORDER BY id"),
        "records": q(db, "SELECT id, warc_file, warc_offset FROM fetches ORDER BY id"),
    }
    if archived:
        cols = TABLES["fetches"].replace(", warc_offset", "")
        # an unreadable record is named by its place in the archive copy of its file (a path of that data dir)
        found["fetches"] = [
            tuple(re.sub(r"^file://.*#offset=", "archive#offset=", v) if isinstance(v, str) else v for v in row)[:-1]
            for row in q(db, f"SELECT {cols} FROM fetches ORDER BY id")
        ]  # without record_key, which that URL names
        found["records"] = q(db, "SELECT id, warc_offset IS NULL FROM fetches ORDER BY id")
    return found


def reprocess(*args: object) -> int:
    return main(["reprocess", *map(str, args)])


@needs_engine
def test_sharded_store_is_the_plain_store(tmp_path: Path, inputs: list[Path]) -> None:
    assert reprocess("--data-dir", tmp_path / "var", "--into", tmp_path / "plain.db", *inputs) == 0
    work = tmp_path / "work"
    args = ("--data-dir", tmp_path / "var", "--shards", 4, "--workers", 2, "--work-dir", work)
    assert reprocess(*args, "--into", tmp_path / "sharded.db", *inputs) == 0
    plain, sharded = state(tmp_path / "plain.db"), state(tmp_path / "sharded.db")
    assert plain == sharded
    outcomes = {r[0] for r in q(tmp_path / "sharded.db", "SELECT outcome FROM fetches")}
    assert {"article", "malformed", "not_html", "http_error", "not_article"} <= outcomes
    kinds = dict(q(tmp_path / "sharded.db", "SELECT dup_kind, COUNT(*) FROM articles GROUP BY dup_kind"))
    assert kinds["exact"] >= 1 and kinds["near"] >= 1
    # the layout: a manifest, one complete file per shard, the engine's files beside them
    manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shards"] == 4 and len(manifest["inputs"]) == len(inputs) - 1 + len(list(PAGES.glob("*/*.html")))
    assert sorted(p.name for p in (work / "analyses").iterdir()) == [f"0000{i}.jsonl" for i in range(4)]
    # a work directory that holds these analyses already is reused (phase 1 does nothing)
    before = {p: p.stat().st_mtime_ns for p in (work / "analyses").iterdir()}
    assert reprocess(*args, "--into", tmp_path / "again.db", *inputs) == 0
    assert {p: p.stat().st_mtime_ns for p in (work / "analyses").iterdir()} == before
    assert state(tmp_path / "again.db") == plain
    # ... and one of other inputs is refused
    assert reprocess(*args, "--into", tmp_path / "other.db", *inputs[:2]) == 2
    assert not (tmp_path / "other.db").exists()


@needs_engine
def test_sharded_into_the_data_dir_archives_and_reruns_add_nothing(tmp_path: Path, inputs: list[Path]) -> None:
    assert reprocess("--data-dir", tmp_path / "plain", *inputs) == 0
    sharded = tmp_path / "var"
    assert reprocess("--data-dir", sharded, "--shards", 3, "--workers", 2, *inputs) == 0
    db = sharded / "akhbar.db"
    # the archive's records were built by phase 1, those of the plain run by its workers
    assert state(db, archived=True) == state(tmp_path / "plain" / "akhbar.db", archived=True)
    # each WARC input copied in whole, the bare HTML pages in the run's own file
    assert len(list((sharded / "archive").glob("*.warc.gz"))) == sum(p.is_file() for p in inputs) + 1
    counts = q(db, "SELECT (SELECT COUNT(*) FROM fetches), (SELECT COUNT(*) FROM articles), "
                   "(SELECT COUNT(*) FROM crawl_runs)")  # fmt: skip
    assert reprocess("--data-dir", sharded, "--shards", 2, *inputs) == 0
    assert reprocess("--data-dir", sharded, "--shards", 2) == 0  # its own archive: the same pages
    assert q(db, "SELECT (SELECT COUNT(*) FROM fetches), (SELECT COUNT(*) FROM articles), "
                 "(SELECT COUNT(*) FROM crawl_runs)") == counts  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "culprit"),
    [
        (["--shards", "0"], "--shards 0: must be 1 to 100000"),
        (["--shards", "-3"], "--shards -3: must be 1 to 100000"),
        (["--work-dir", "{tmp}/w"], "--work-dir: only with --shards N"),
        (["--shards", "2", "--work-dir", "{tmp}/file/w"], "{tmp}/file/w: cannot write here"),
        (["--shards", "2", "--work-dir", "{tmp}/busy"], "{tmp}/busy: not empty and not a work directory"),
    ],
)
def test_bad_options_are_one_line(tmp_path: Path, capsys, extra: list[str], culprit: str) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("x")
    if "--shards" in extra and extra[1] == "2":
        pytest.importorskip("datatrove")
    args = [a.format(tmp=tmp_path) for a in extra]
    assert reprocess("--data-dir", tmp_path / "var", "--into", tmp_path / "x.db", *args, FROZEN_WARC) == 2
    err = capsys.readouterr().err
    assert err.startswith("akhbar: error: " + culprit.format(tmp=tmp_path)), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.db").exists()


def test_engine_not_installed_is_one_line(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datatrove.executor", None)  # an import of it fails
    assert reprocess("--data-dir", tmp_path / "var", "--shards", "2", FROZEN_WARC) == 2
    err = capsys.readouterr().err
    assert err == "akhbar: error: --shards: needs datatrove, which is not installed: pip install 'akhbar[scale]'\n"
    assert not (tmp_path / "var" / "akhbar.db").exists()


def test_records_round_trip(conference_text: str) -> None:
    params = DedupParams()
    page = RawPage(url="https://one.example/a", body=article_page("مؤتمر", conference_text).encode(),
                   headers=(("Content-Type", HTML),))  # fmt: skip
    for raw in (page, RawPage(url="https://one.example/b", body=b"", status=200)):
        record = PageRecord(3, 1234, raw.url, analyse_page(raw, params), b"\x1f\x8b member")
        line = encode(record)
        assert line.endswith("\n") and "\n" not in line[:-1]
        back = decode(line)
        assert (back.file, back.offset, back.url, back.member) == (3, 1234, raw.url, b"\x1f\x8b member")
        if hasattr(record.result, "article"):
            assert back.result == record.result
        else:
            assert (back.result.outcome, back.result.detail) == (record.result.outcome, record.result.detail)  # type: ignore[union-attr]


@needs_engine
@pytest.mark.parametrize(("signum", "group"), [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)])
def test_a_signal_in_phase_1_stops_the_run_and_leaves_no_process(
    tmp_path: Path, inputs: list[Path], signum: signal.Signals, group: bool
) -> None:
    """SIGTERM or SIGINT to akhbar, or Ctrl-C on a terminal (SIGINT to its whole process group, the
    engine's forked tasks included): the run stops, its row says so, nothing is stored, no process is left."""
    slow = tmp_path / "slow"
    slow.mkdir()
    for i in range(40):  # enough analysis that phase 1 is still going when the signal comes
        (slow / f"{i:02d}.html").write_bytes((PAGES / "hespr-01" / "page.html").read_bytes())
    db = tmp_path / "var" / "akhbar.db"
    work = tmp_path / "work"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "reprocess", "--data-dir", str(tmp_path / "var"), "--shards", "2",
         "--workers", "2", "--work-dir", str(work), *map(str, inputs), str(slow)],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not list((work / "analyses").glob("*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)
    if group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, err
    assert err.strip().splitlines() == [f"akhbar: interrupted ({signum.name}); what was stored is kept"]
    assert q(db, "SELECT finish_reason FROM crawl_runs") == [("interrupted",)]
    assert q(db, "SELECT COUNT(*) FROM articles") == [(0,)]
    left = subprocess.run(["pgrep", "-f", str(work)], capture_output=True, text=True).stdout.split()
    assert left == []


@needs_engine
def test_phase_1_run_elsewhere_is_reused(tmp_path: Path, inputs: list[Path]) -> None:
    """A cluster's phase 1 (the step each task of datatrove's Slurm executor calls, here called in
    turn), then the command on the store's machine: it only decides, and the store is the plain one."""
    from crawler.shards.cluster import analyse_step

    work = tmp_path / "shared-work"
    step = analyse_step([str(p) for p in inputs], str(work), shards=3)
    for rank in range(3):
        step(None, rank, 3)
    shards = {p: p.stat().st_mtime_ns for p in (work / "analyses").iterdir()}
    assert len(shards) == 3
    assert reprocess("--data-dir", tmp_path / "var", "--into", tmp_path / "plain.db", *inputs) == 0
    args = ("--shards", 3, "--work-dir", work, "--data-dir", tmp_path / "var", "--into", tmp_path / "sharded.db")
    assert reprocess(*args, *inputs) == 0
    assert {p: p.stat().st_mtime_ns for p in (work / "analyses").iterdir()} == shards
    assert state(tmp_path / "sharded.db") == state(tmp_path / "plain.db")


@needs_engine
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_in_phase_1_is_one_line(
    tmp_path: Path, inputs: list[Path], capsys, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """A task that cannot write its shard (in this process, or in a forked one): exit 1, one line
    naming the file, the run row says so, nothing stored."""
    from crawler.shards.analyse import AnalyseShard

    def full(self: AnalyseShard, rank: int, world_size: int) -> Iterator[PageRecord]:
        raise OSError(errno.ENOSPC, "No space left on device", f"{self.work_dir}/analyses/{rank:05d}.jsonl.part")
        yield  # a generator, as the real one

    monkeypatch.setattr(AnalyseShard, "records", full)
    data = tmp_path / "var"
    assert (
        reprocess("--data-dir", data, "--shards", 2, "--workers", workers, "--work-dir", tmp_path / "w", *inputs) == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    written = f"{tmp_path}/w/analyses/0000[01].jsonl.part"
    assert re.fullmatch(f"akhbar: error: disk full while writing {written}: stopped; what was stored is kept", err[-1])
    assert q(data / "akhbar.db", "SELECT finish_reason FROM crawl_runs") == [("disk_full",)]
    assert q(data / "akhbar.db", "SELECT COUNT(*) FROM fetches") == [(0,)]
