"""Reprocess runs end as they say: twins in the input, signals, the run row's finish_reason."""

from __future__ import annotations

from pathlib import Path

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
