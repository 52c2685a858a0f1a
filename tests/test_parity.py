"""Store parity: the same input gives the same store, row for row, whatever the code's shape.

The snapshots under ``tests/fixtures/parity/`` were taken before the page flow was refactored
(``python -m tests.parity`` writes them); a refactor must leave every documented table as it was,
with one worker or several. A live crawl must also give the store a re-process of its archive gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.demo.run import write_seed
from crawler.demo.server import SiteServer
from tests.fixture_site import MIRROR, SITE
from tests.parity import PARITY, crawl_snapshot, golden_snapshot, snapshot
from tests.test_crawl import run_crawl


def expected(name: str) -> dict[str, list[str]]:
    return json.loads((PARITY / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_golden_pages_give_the_same_store(tmp_path: Path, workers: str) -> None:
    assert golden_snapshot(tmp_path, "--workers", workers) == expected("golden")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_archived_crawl_gives_the_same_store(tmp_path: Path, workers: str) -> None:
    assert crawl_snapshot(tmp_path, "--workers", workers) == expected("crawl")


@pytest.mark.slow
def test_live_crawl_gives_the_store_its_archive_gives(tmp_path: Path) -> None:
    from crawler.cli import main

    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    with SiteServer(SITE) as site, SiteServer(MIRROR) as mirror:
        write_seed(SITE, site.base, seeds, max_depth=2)
        write_seed(MIRROR, mirror.base, seeds, max_depth=2)
        result = run_crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    rebuilt = tmp_path / "rebuilt.db"
    assert main(["reprocess", "--data-dir", str(data), "--into", str(rebuilt)]) == 0
    crawled = snapshot(data / "akhbar.db")
    assert crawled["articles"] and crawled == snapshot(rebuilt)
