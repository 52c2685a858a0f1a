"""``akhbar search``: Arabic words found with their glued clitics, not words that merely start alike.

A store is built by a real re-process of a small WARC; the commands run as users run them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from crawler.cli import main
from tests.reliability.conftest import article_html, story
from tests.warc_builder import write_warc

# (site, sentence): the sentence is added to a distinct story, one page each
PAGES = [
    ("a.example", "وأكد الوزير أن الاستثمار بالمغرب عرف نموا ملحوظا هذه السنة."),
    ("b.example", "واعتبر المتحدث أن المستقبل واعد للشباب والمغرب قادر على رفع التحدي."),
    ("a.example", "وقدمت الوكالة الدولية دعما جديدا للمغرب في مجال الطاقات المتجددة."),
    ("c.example", "وشارك في اللقاء ممثلون عن المغرب وتونس والجزائر."),
    ("b.example", "واحتفلت الجالية المغربية بالعيد الوطني في عدة مدن أوروبية."),  # another word: not found
    ("c.example", "وانطلقت في أكادير أشغال توسيع الميناء التجاري للمدينة."),
    ("a.example", "وأشاد المشاركون بالتنظيم الجيد للتظاهرة في مدينة اكادير الساحلية."),  # أ/ا spelt otherwise
]
FOUND = {"المغرب": {0, 1, 2, 3}, "أكادير": {5, 6}, "مغرب*": {0, 1, 2, 3, 4}}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    pages = []
    for i, (site, sentence) in enumerate(PAGES):
        paragraphs = story(47 + 10 * i)  # all in تطوان: no other city named
        paragraphs.insert(1, sentence)
        html = article_html(f"خبر محلي رقم {i}", paragraphs)
        pages.append((f"https://www.{site}/news/{i}.html", html.encode(), "text/html; charset=utf-8", 200))
    warc = write_warc(root / "in.warc.gz", pages)
    assert main(["reprocess", "--data-dir", str(root / "var"), str(warc)]) == 0
    return root / "var"


def found(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> set[int]:
    """The page numbers (from the URLs) that ``akhbar search --json ARGS`` returns."""
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--json", *args]) == 0
    hits = json.loads(capsys.readouterr().out)
    return {int(hit["url"].rsplit("/", 1)[1].split(".")[0]) for hit in hits}


@pytest.mark.parametrize("query", sorted(FOUND))
def test_a_word_is_found_with_its_clitics_and_only_that_word(
    data_dir: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    assert found(data_dir, capsys, query) == FOUND[query]


def test_like_misses_and_overreaches_where_search_does_not(data_dir: Path) -> None:
    """What a user gets with plain SQL instead: the baseline the search improves on."""
    with sqlite3.connect(data_dir / "akhbar.db") as conn:
        like = {int(u.rsplit("/", 1)[1].split(".")[0]) for (u,) in conn.execute(
            "SELECT url FROM articles WHERE text LIKE '%المغرب%'")}  # fmt: skip
        fts = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'المغرب'").fetchone()[0]
    assert like == {0, 1, 3, 4}  # misses للمغرب (page 2), takes المغربية (page 4)
    assert fts == 1  # the exact form only


def test_hits_carry_what_json_promises_and_a_snippet_around_the_match(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--data-dir", str(data_dir), "--json", "بالمغرب"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert set(hit) >= {"id", "url", "title", "site", "published_at", "snippet"}
    assert "[بالمغرب]" in hit["snippet"] and hit["site"] == "a.example"
    assert main(["search", "--data-dir", str(data_dir), "المغرب"]) == 0
    table = capsys.readouterr().out
    assert "(4 rows)" in table and "[للمغرب]" in table


def test_every_word_must_match_and_filters_apply(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert found(data_dir, capsys, "المغرب تونس") == {3}
    assert found(data_dir, capsys, "المغرب", "--site", "a.example") == {0, 2}
    assert found(data_dir, capsys, "المغرب", "--since", "2030-01-01") == set()
    assert found(data_dir, capsys, "المغرب", "--limit", "1") <= FOUND["المغرب"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["..."], "akhbar: error: search '...': no word to search for"),
        (["المغرب", "--since", "yesterday"], "akhbar: error: --since 'yesterday': not a date (YYYY-MM-DD)"),
        (["المغرب", "--limit", "-1"], "akhbar: error: --limit -1: must be 0 (all) or more"),
    ],
)
def test_bad_queries_are_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    assert main(["search", "--data-dir", str(data_dir), *args]) == 2
    assert capsys.readouterr().err.strip() == error


def test_a_store_from_before_search_is_indexed_by_its_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [
        (f"https://www.a.example/news/{i}.html", article_html(f"خبر {i}", [*story(60 + i), s]).encode(),
         "text/html; charset=utf-8", 200)
        for i, (_site, s) in enumerate(PAGES[:2])
    ]  # fmt: skip
    data = tmp_path / "var"
    assert main(["reprocess", "--data-dir", str(data), str(write_warc(tmp_path / "one.warc.gz", pages[:1]))]) == 0
    with sqlite3.connect(data / "akhbar.db") as conn:  # as a store of schema 10 left it: no search terms
        conn.execute("DELETE FROM search_terms")
        conn.execute("INSERT INTO meta (key, value) VALUES ('search_pending', '1')")
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data), "المغرب"]) == 2  # says so, in one line
    err = capsys.readouterr().err.strip()
    assert err.endswith("the store has no search index yet (it was written by an older akhbar): "
                        "run `akhbar reprocess` or `akhbar crawl` on it once, which indexes it"), err  # fmt: skip
    assert main(["reprocess", "--data-dir", str(data), str(write_warc(tmp_path / "two.warc.gz", pages[1:]))]) == 0
    assert found(data, capsys, "المغرب") == {0, 1}
    with sqlite3.connect(data / "akhbar.db") as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'search_pending'").fetchone() == (0,)


def test_the_fts_tables_are_declared_the_way_datasette_detects_them(data_dir: Path) -> None:
    """datasette's and sqlite-utils' detection: a virtual FTS table whose SQL names ``content="TABLE"``."""
    with sqlite3.connect(data_dir / "akhbar.db") as conn:
        for table, fts in (("articles", "articles_fts"), ("search_terms", "search_terms_fts")):
            (name,) = conn.execute(
                "SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
                (f'%VIRTUAL TABLE%USING FTS%content="{table}"%',),
            ).fetchone()
            assert name == fts
        assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'الوزير'").fetchone()[0] >= 1
