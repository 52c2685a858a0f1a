"""Benchmark: precision and recall of ``akhbar search`` against SQL ``LIKE`` and the exact-form FTS5 index.

Stores: the golden pages and the bundled sample WARC (the demo's sites), each re-processed into a
fresh SQLite store. Words: picked by hand (:data:`WORDS`: places, institutions, common nouns, with and
without the article). Truth, per article and word: the article's title or text contains the word as
a whole word, with any glued conjunction (و ف), preposition (ب ك ل) and, for a word given with its
article, the article or its ل-contraction (للـ), in any spelling of hamza, ta marbuta and alef
maqsura, diacritics ignored: a regular expression over the published text, written independently
of akhbar's normaliser and index.

Contenders: ``akhbar search WORD`` (``crawler.search.search``), ``LIKE '%WORD%'`` on title and text
(what a user of plain SQL writes), and FTS5 ``MATCH 'WORD'`` on ``articles_fts`` (exact forms).

    python -m benchmarks.search
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from pathlib import Path

from benchmarks.harness import machine
from crawler.reprocess import reprocess
from crawler.search import search
from tests.parity import PAGES

SAMPLE = Path(__file__).resolve().parent.parent / "crawler" / "samples" / "sample.warc.gz"
WORDS = [
    "المغرب", "مراكش", "الرباط", "الأمن", "الشرطة", "الحكومة", "الوزير", "وزارة", "المدينة",
    "الانتربول", "السلطات", "الجزائر", "فرنسا", "الملك", "البرلمان", "كورونا", "المواطنين", "الطاقة",
]  # fmt: skip
_VARIANTS = {
    "ا": "[اأإآٱ]",
    "أ": "[اأإآٱ]",
    "إ": "[اأإآٱ]",
    "آ": "[اأإآٱ]",
    "ة": "[ةه]",
    "ه": "[ةه]",
    "ى": "[ىي]",
    "ي": "[ىي]",
}
_MARKS = "[\u064b-\u065f\u0670\u0640]*"  # diacritics and tatweel, anywhere between letters


def _letters(word: str) -> str:
    return _MARKS.join(_VARIANTS.get(ch, re.escape(ch)) for ch in word)


def truth_pattern(word: str) -> re.Pattern[str]:
    """The word as a whole word with its possible leading clitics (see the module)."""
    if word.startswith("ال") and len(word) > 3:
        stem = _letters(word[2:])
        body = f"(?:[بك]?{_letters('ال')}|{_letters('لل')}){stem}"
    else:
        body = f"(?:[بكل]?(?:{_letters('ال')})?|{_letters('لل')}){_letters(word)}"
    return re.compile(rf"(?<!\w)[وف]?{body}(?!\w)")


def scores(found: set[int], truth: set[int]) -> tuple[int, int, int]:
    return len(found & truth), len(found - truth), len(truth - found)


def measure(db: Path) -> dict[str, list[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, coalesce(title, '') || ' ' || text FROM articles").fetchall()
        totals = {"akhbar search": [0, 0, 0], "LIKE": [0, 0, 0], "FTS5 MATCH": [0, 0, 0]}
        for word in WORDS:
            pattern = truth_pattern(word)
            truth = {i for i, text in rows if pattern.search(text)}
            ours = {hit.id for hit in search(f"sqlite:///{db}", word, limit=0)}
            like = {i for (i,) in conn.execute(
                "SELECT id FROM articles WHERE title LIKE ? OR text LIKE ?", (f"%{word}%", f"%{word}%"))}  # fmt: skip
            fts = {
                i for (i,) in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"{word}"',))
            }
            for name, found in (("akhbar search", ours), ("LIKE", like), ("FTS5 MATCH", fts)):
                tp, fp, fn = scores(found, truth)
                totals[name][0] += tp
                totals[name][1] += fp
                totals[name][2] += fn
    return totals


def main() -> None:
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, inputs in (("golden pages", [str(PAGES)]), ("demo sample WARC", [str(SAMPLE)])):
            db = root / f"{name.split()[0]}.db"
            reprocess(root / name.split()[0], inputs, into=str(db), workers=1)
            print(f"\n{name}: {len(WORDS)} words")
            print("| contender | precision | recall | true hits | false hits | missed |")
            print("|---|---|---|---|---|---|")
            for contender, (tp, fp, fn) in measure(db).items():
                precision = tp / (tp + fp) if tp + fp else 1.0
                recall = tp / (tp + fn) if tp + fn else 1.0
                print(f"| {contender} | {precision:.3f} | {recall:.3f} | {tp} | {fp} | {fn} |")


if __name__ == "__main__":
    main()
