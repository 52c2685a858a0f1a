"""One writer per store, whatever data dir it is reached from (the store holds its own lock)."""

from __future__ import annotations

import os
from pathlib import Path

from crawler.processing.fingerprint import DedupParams
from storage.db import sqlite_url
from storage.models import CrawlRun
from storage.store import Store
from tests.reliability.conftest import article_html, crawl, run_akhbar, site_seed, story
from tests.reliability.hostile import HostileSite
from tests.warc_builder import write_warc


def test_a_second_writer_through_db_from_another_data_dir_is_refused(tmp_path: Path, site: HostileSite) -> None:
    site.route("/", article_html("الرئيسية", ["قائمة"], links=["/a/1"]))
    site.route("/a/1", article_html("خبر", story(1)))
    seeds = tmp_path / "seeds"
    site_seed(seeds, site, [r"/a/\d+$"], name="one")
    shared = tmp_path / "a" / "akhbar.db"
    shared.parent.mkdir()
    writer = Store(sqlite_url(shared), DedupParams())  # the first writer, reached from data dir a
    try:
        other = tmp_path / "b"
        result = crawl(seeds, other, "--db", sqlite_url(shared))
        assert result.returncode == 0, result.stderr  # under cron: nothing to do
        assert result.stderr.strip() == f"akhbar: another crawl is running (pid {os.getpid()}); nothing to do"
        assert site.hits == []
        assert not (other / "archive").exists()  # no archive copies land in the wrong data dir

        page = ("https://x.example/a/1", article_html("خبر", story(1)).encode(), "text/html", 200)
        warc = write_warc(tmp_path / "in.warc.gz", [page])
        result = run_akhbar("reprocess", "--data-dir", str(other), "--db", sqlite_url(shared), str(warc))
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"akhbar: error: another akhbar run holds the store (pid {os.getpid()}); try again later"
        )
        assert writer.count(CrawlRun) == 0
    finally:
        writer.close()
    result = crawl(seeds, tmp_path / "b", "--db", sqlite_url(shared))  # free again: it runs
    assert result.returncode == 0, result.stderr
    assert "articles stored: 1 " in result.stdout
