"""Options out of range are refused in one line (exit 2) before anything runs; too many workers are capped."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cli import main
from crawler.config import MAX_WORKERS, worker_bound
from tests.reliability.conftest import article_html, q, story
from tests.warc_builder import write_warc


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    pages = [
        (f"https://x.example/a/{i}", article_html(f"خبر {i}", story(i)).encode(), "text/html", 200) for i in range(3)
    ]
    return write_warc(tmp_path / "in.warc.gz", pages)


def refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e9"])
@pytest.mark.parametrize("command", ["reprocess", "crawl"])
def test_page_budget_must_be_finite_and_at_most_an_hour(
    tmp_path: Path, warc: Path, capsys: pytest.CaptureFixture[str], command: str, value: str
) -> None:
    target = [str(warc)] if command == "reprocess" else ["--seeds", str(tmp_path / "no-seeds")]
    err = refused(capsys, [command, "--data-dir", str(tmp_path / "v"), "--page-budget", value, *target])
    assert err.startswith(f"akhbar: error: --page-budget {float(value):g}: must be 0 (no limit) to 3600 seconds")
    assert not (tmp_path / "v" / "akhbar.db").exists()


@pytest.mark.parametrize("value", ["-5", "nan", "inf", "1e12"])
def test_max_seconds_must_be_finite_and_not_negative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    err = refused(capsys, ["crawl", "--data-dir", str(tmp_path / "v"), "--max-seconds", value])
    assert err.startswith(f"akhbar: error: --max-seconds {float(value):g}: must be 0 (no limit) to")


def test_workers_must_be_positive(tmp_path: Path, warc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("0", "-3"):
        err = refused(capsys, ["reprocess", "--workers", value, "--data-dir", str(tmp_path / "v"), str(warc)])
        assert err.startswith(f"akhbar: error: --workers {value}: must be at least 1")
    err = refused(capsys, ["crawl", "--workers", "-1", "--data-dir", str(tmp_path / "v")])
    assert err.startswith("akhbar: error: --workers -1: must be 0 (one per core) or more")


def test_a_thousand_workers_are_capped_with_a_note(
    tmp_path: Path, warc: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import crawler.run.executor

    started: list[int] = []
    real_pool = crawler.run.executor.analysis_pool

    def counted_pool(workers: int) -> object:
        started.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(crawler.run.executor, "analysis_pool", counted_pool)
    db = tmp_path / "out.db"
    assert (
        main(["reprocess", "--workers", "1000", "--into", str(db), "--data-dir", str(tmp_path / "v"), str(warc)]) == 0
    )
    bound = worker_bound()
    assert 1 <= bound <= MAX_WORKERS
    assert capsys.readouterr().err.strip() == (
        f"akhbar: note: --workers 1000: capped at {bound} (4 per core, at most {MAX_WORKERS})"
    )
    assert started == ([bound] if bound > 1 else [])
    assert q(db, "SELECT COUNT(*) FROM articles")[0][0] == 3
