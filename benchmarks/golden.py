"""Score extraction on the project's golden pages (``tests/fixtures/pages``).

Per page: body word-F1 (AEB method), whether any known boilerplate phrase survived,
title right (after normalisation) and publication date right (same day). Run as a
script to compare akhbar's extraction with bare trafilatura on the same pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.scoring import Score, precision_recall
from crawler.items import RawPage
from crawler.processing.extract import extract
from crawler.processing.normalize import fold, normalize
from crawler.processing.outcomes import Rejected

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"


@dataclass(frozen=True)
class GoldenCase:
    name: str
    page: RawPage
    expected: dict[str, object]


@dataclass(frozen=True)
class Extracted:
    title: str | None
    published: str | None
    text: str


@dataclass(frozen=True)
class PageResult:
    name: str
    precision: float
    recall: float
    junk: list[str]
    missing: list[str]
    title_ok: bool
    date_ok: bool
    got: Extracted


@dataclass(frozen=True)
class GoldenReport:
    results: list[PageResult]

    @property
    def f1(self) -> float:
        return score_of(self.results).f1

    @property
    def junk_rate(self) -> float:
        return sum(bool(r.junk) for r in self.results) / len(self.results)

    @property
    def title_accuracy(self) -> float:
        return sum(r.title_ok for r in self.results) / len(self.results)

    @property
    def date_accuracy(self) -> float:
        return sum(r.date_ok for r in self.results) / len(self.results)

    def summary(self) -> str:
        return (
            f"word-F1 {self.f1:.3f}, pages with boilerplate {self.junk_rate:.0%}, "
            f"title {self.title_accuracy:.0%}, date {self.date_accuracy:.0%} (n={len(self.results)})"
        )


def score_of(results: list[PageResult]) -> Score:
    """The AEB score (averaged precision and recall) of per-page results."""
    n = len(results)
    return Score(sum(r.precision for r in results) / n, sum(r.recall for r in results) / n, n)


def load_cases(root: Path = PAGES) -> list[GoldenCase]:
    cases = []
    for case in sorted(p for p in root.iterdir() if (p / "expected.json").exists()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        charset = str(expected.get("charset", "utf-8"))
        page = RawPage(
            url=str(expected["url"]),
            body=(case / "page.html").read_bytes(),
            headers=(("Content-Type", f"text/html; charset={charset}"),),
            fetched_at="2026-11-22T12:00:00+00:00",
        )
        cases.append(GoldenCase(case.name, page, expected))
    return cases


def akhbar_extract(page: RawPage) -> Extracted:
    try:
        art = extract(page)
    except Rejected:
        return Extracted(None, None, "")
    return Extracted(art.title, art.published_at, art.text)


def trafilatura_extract(page: RawPage) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page.body, url=page.url, with_metadata=True, include_comments=False, deduplicate=False
    )
    if doc is None or isinstance(doc, dict):
        return Extracted(None, None, "")
    return Extracted(doc.title, doc.date, doc.text or "")


def archive_pages(pages: Iterable[RawPage], directory: Path) -> Path:
    """``pages`` written as one WARC file in ``directory``; returns its path."""
    from storage.archive import ArchiveWriter

    writer = ArchiveWriter(directory, run_id=0)
    for page in pages:
        writer.write(page)
    writer.close()
    return writer.path


@dataclass
class WholePath:
    """What one ``akhbar reprocess`` of the pages stored: articles by URL, the fetch outcome of each
    extra page (``url -> (outcome, detail)``), the ``site`` values stored per domain."""

    articles: dict[str, Extracted]
    outcomes: dict[str, tuple[str, str]]
    sites: dict[str, set[str]]

    def extractor(self) -> Callable[[RawPage], Extracted]:
        return lambda page: self.articles.get(page.url, Extracted(None, None, ""))


def whole_path(cases: list[GoldenCase], extra: Iterable[RawPage] = ()) -> WholePath:
    """The whole path (template learning included): re-process the pages in order, then ``extra``
    (listing pages, say), from one WARC into a scratch store."""
    import sqlite3
    import tempfile
    from collections import defaultdict
    from urllib.parse import urlsplit

    from crawler.reprocess import reprocess

    extra = list(extra)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warc = archive_pages([*(case.page for case in cases), *extra], root / "in")
        reprocess(root / "var", [str(warc)], into=str(root / "store.db"))
        with sqlite3.connect(root / "store.db") as conn:
            rows = conn.execute(
                "SELECT f.url, a.title, a.published_at, a.text, a.site"
                " FROM articles a JOIN fetches f ON f.id = a.fetch_id"
            ).fetchall()
            fetched = {
                url: (outcome, detail or "")
                for url, outcome, detail in conn.execute("SELECT url, outcome, detail FROM fetches")
            }
    sites: dict[str, set[str]] = defaultdict(set)
    for url, *_, site in rows:
        sites[urlsplit(url).netloc].add(site)
    return WholePath(
        {url: Extracted(title, published, text) for url, title, published, text, _ in rows},
        {page.url: fetched.get(page.url, ("missing", "")) for page in extra},
        dict(sites),
    )


def pipeline_extractor(cases: list[GoldenCase]) -> Callable[[RawPage], Extracted]:
    """The whole path (:func:`whole_path`) as an extractor of the cases' pages."""
    return whole_path(cases).extractor()


def _light(text: str) -> str:
    """Letters folded and spaces collapsed, punctuation kept: "#مؤتمر" must not match the word مؤتمر."""
    return " ".join(fold(text).split())


def _strings(expected: dict[str, object], key: str) -> list[str]:
    value = expected.get(key)
    return [str(s) for s in value] if isinstance(value, list) else []


def evaluate(cases: list[GoldenCase], extractor: Callable[[RawPage], Extracted]) -> GoldenReport:
    results = []
    for case in cases:
        got = extractor(case.page)
        exp = case.expected
        p, r = precision_recall(str(exp["text"]), got.text)
        text_norm = _light(got.text)
        junk = [s for s in _strings(exp, "must_not_contain") if _light(s) in text_norm]
        missing = [s for s in _strings(exp, "must_contain") if _light(s) not in text_norm]
        title_ok = normalize(got.title or "") == normalize(str(exp["title"]))
        date_ok = bool(got.published) and str(got.published)[:10] == str(exp["published"])[:10]
        results.append(PageResult(case.name, p, r, junk, missing, title_ok, date_ok, got))
    return GoldenReport(results)


def write_sample(path: Path) -> None:
    """Write the golden pages as one WARC (the bundled sample archive)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(archive_pages((case.page for case in load_cases()), Path(tmp)), path)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Score extraction on the golden pages.")
    parser.add_argument("--write-sample", type=Path, help="write the golden pages as a WARC file and exit")
    args = parser.parse_args()
    if args.write_sample:
        write_sample(args.write_sample)
        return
    cases = load_cases()
    contenders = (
        ("akhbar", pipeline_extractor(cases)),
        ("akhbar page", akhbar_extract),
        ("trafilatura", trafilatura_extract),
    )
    for name, fn in contenders:
        print_report(name, evaluate(cases, fn))


def print_report(name: str, report: GoldenReport, width: int = 12) -> None:
    """``report``'s summary line, then a line for each page with a miss."""
    print(f"{name:{width}s} {report.summary()}")
    for r in report.results:
        if r.junk or not r.title_ok or not r.date_ok or r.recall < 0.95 or r.precision < 0.95:
            print(
                f"   {r.name}: P {r.precision:.2f} R {r.recall:.2f} junk={r.junk[:2]} "
                f"title={'ok' if r.title_ok else r.got.title} date={'ok' if r.date_ok else r.got.published}"
            )


if __name__ == "__main__":
    main()
