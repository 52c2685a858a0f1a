"""Benchmark: real Arabic news pages from other projects' test suites (``../shared/eval/arabic-html``).

Pages none of us wrote, gathered by other extractors' maintainers, with their gold:

- **dates**: htmldate's seven Arabic pages of its MediaCloud 2020 evaluation (Youm7, Alyaum, Al Bayan,
  Akhbar Elyom...): the publication day;
- **text**: trafilatura's Arabic evaluation page (Assabah, Tunisia: snippets the text must hold and
  must not hold), newspaper4k's CNN Arabic page (its gold text) and fundus's LBC Group page (its gold
  paragraphs): word 4-gram precision and recall, as the AEB scores them.

akhbar's ``extract`` (the path a crawl and a re-process run) beside bare trafilatura and htmldate,
in the same run. Too few pages for a target: a check on real markup, read page by page.

    python -m benchmarks.real_arabic
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass

from benchmarks.golden import Extracted, akhbar_extract, trafilatura_extract
from benchmarks.harness import machine
from benchmarks.scoring import SHARED, precision_recall
from crawler.items import RawPage

ROOT = SHARED / "eval" / "arabic-html"
FETCHED = "2026-11-22T12:00:00+00:00"


@dataclass(frozen=True)
class TextCase:
    name: str
    page: RawPage
    gold: str  # the gold text ("" when only snippets are given)
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


def _page(url: str, body: bytes) -> RawPage:
    return RawPage(url=url, body=body, headers=(("Content-Type", "text/html"),), fetched_at=FETCHED)


def date_cases() -> list[tuple[str, RawPage, str]]:
    """(name, page, gold day) for htmldate's Arabic MediaCloud pages."""
    folder = ROOT / "htmldate"
    gold = json.loads((folder / "eval_mediacloud_2020_arabic_subset.json").read_text(encoding="utf-8"))
    cases = []
    for url, entry in gold.items():
        path = folder / "tests" / "test_set" / entry["file"]
        if path.exists():
            cases.append((path.stem, _page(url, path.read_bytes()), entry["date"]))
    return cases


def text_cases() -> list[TextCase]:
    cases = []
    traf = ROOT / "trafilatura"
    for url, entry in json.loads((traf / "evaldata_arabic_subset.json").read_text(encoding="utf-8")).items():
        path = traf / "tests" / "eval" / entry["file"]
        cases.append(
            TextCase("assabah", _page(url, path.read_bytes()), "", tuple(entry["with"]), tuple(entry["without"]))
        )
    news = ROOT / "newspaper4k" / "tests" / "data"
    meta = json.loads((news / "metadata" / "arabic_article.json").read_text(encoding="utf-8"))
    cases.append(
        TextCase(
            "cnn-arabic",
            _page(meta["url"], (news / "html" / "arabic_article.html").read_bytes()),
            (news / "txt" / "arabic_article.txt").read_text(encoding="utf-8"),
        )
    )
    lbc = ROOT / "fundus" / "tests" / "resources" / "parser" / "test_data" / "lb"
    gold = json.loads((lbc / "LBCGroup.json").read_text(encoding="utf-8"))
    version = next(iter(gold.values()))
    paragraphs = [p for s in version["body"]["sections"] for p in s["paragraphs"]]
    url = version.get("url") or "https://www.lbcgroup.tv/news/lebanon"
    cases.append(
        TextCase(
            "lbc",
            _page(url, gzip.decompress((lbc / "LBCGroup_2026_01_08.html.gz").read_bytes())),
            "\n".join(paragraphs),
        )
    )
    return cases


def _htmldate(page: RawPage) -> str | None:
    from htmldate import find_date

    return find_date(page.body.decode("utf-8", "replace"), url=page.url, original_date=True)


def main() -> None:
    print(f"# real Arabic pages: {machine()}")
    if not ROOT.exists():
        print("skipped: ../shared/eval/arabic-html is absent")
        return
    print("dates (htmldate's Arabic MediaCloud pages): akhbar | bare trafilatura | htmldate")
    right = [0, 0, 0]
    dates = date_cases()
    for name, page, day in dates:
        got = [akhbar_extract(page).published, trafilatura_extract(page).published, _htmldate(page)]
        marks = []
        for i, value in enumerate(got):
            ok = value is not None and value[:10] == day
            right[i] += ok
            marks.append(f"{(value or '-')[:10]}{'' if ok else ' ✗'}")
        print(f"   {name} ({day}): " + " | ".join(marks))
    print(
        f"   right: akhbar {right[0]}/{len(dates)}, trafilatura {right[1]}/{len(dates)}, "
        f"htmldate {right[2]}/{len(dates)}"
    )
    print("text: akhbar | bare trafilatura (word 4-gram P/R; snippets held / kept out)")
    for case in text_cases():
        line = []
        for extracted in (akhbar_extract(case.page), trafilatura_extract(case.page)):
            line.append(_text_figures(case, extracted))
        print(f"   {case.name}: " + " | ".join(line))


def _text_figures(case: TextCase, got: Extracted) -> str:
    parts = []
    if case.gold:
        p, r = precision_recall(case.gold, got.text)
        parts.append(f"P {p:.2f} R {r:.2f}")
    if case.present or case.absent:
        held = sum(s in got.text for s in case.present)
        out = sum(s not in got.text for s in case.absent)
        parts.append(f"held {held}/{len(case.present)}, out {out}/{len(case.absent)}")
    return ", ".join(parts) + f", title {got.title!r}"[:60]


if __name__ == "__main__":
    main()
