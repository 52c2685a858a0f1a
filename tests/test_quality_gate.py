"""Quality gate: extraction and dedup scores on the golden pages may not fall below pinned floors.

The floors live in tests/quality_floors.json. The pages go through the whole path
(``akhbar reprocess`` into a scratch store), template learning included.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from benchmarks.golden import evaluate, load_cases, pipeline_extractor
from crawler.cli import main
from tests.golden_pairs import golden_pairs

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.fixture(scope="module")
def report():
    cases = load_cases()
    return evaluate(cases, pipeline_extractor(cases))


def test_body_word_f1(report) -> None:
    assert report.f1 >= FLOORS["golden_word_f1"], report.summary()


def test_boilerplate_left(report) -> None:
    leftovers = {r.name: r.junk for r in report.results if r.junk}
    assert report.junk_rate <= FLOORS["golden_max_boilerplate_pages"], leftovers


def test_titles(report) -> None:
    wrong = {r.name: r.got.title for r in report.results if not r.title_ok}
    assert report.title_accuracy >= FLOORS["golden_title_accuracy"], wrong


def test_dates(report) -> None:
    wrong = {r.name: r.got.published for r in report.results if not r.date_ok}
    assert report.date_accuracy >= FLOORS["golden_date_accuracy"], wrong


def test_every_page_keeps_its_article(report) -> None:
    missing = {r.name: r.missing for r in report.results if r.missing}
    assert not missing


def test_syndicated_copies_linked_and_same_event_not(tmp_path: Path) -> None:
    """The golden pages as one directory through `akhbar reprocess`: copies cluster, same-event pairs do not."""
    assert main(["reprocess", "--data-dir", str(tmp_path / "var"), "--into", str(tmp_path / "s.db"), str(PAGES)]) == 0
    with sqlite3.connect(tmp_path / "s.db") as conn:
        cluster = {
            url: head
            for url, head in conn.execute("SELECT url, COALESCE(duplicate_of_id, id) FROM articles").fetchall()
        }
    url_of = {c.name: str(c.expected["url"]) for c in load_cases()}
    pairs = golden_pairs()
    linked = lambda group: [cluster[url_of[a]] == cluster[url_of[b]] for a, b in group]  # noqa: E731
    copies, events = linked(pairs["copy"]), linked(pairs["same-event"])
    assert sum(copies) / len(copies) >= FLOORS["golden_copy_pairs_linked"], list(
        zip(pairs["copy"], copies, strict=True)
    )
    assert sum(events) / len(events) <= FLOORS["golden_same_event_pairs_linked"], pairs["same-event"]
