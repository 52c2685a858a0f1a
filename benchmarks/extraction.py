"""Benchmark: extraction quality of akhbar against bare trafilatura, in the same run.

1. AEB (Article Extraction Benchmark pages, ../shared/eval/aeb): AEB scoring (word
   4-grams; precision and recall averaged over pages, F1 of the averages) of akhbar's
   ``extract`` page by page against ``trafilatura.bare_extraction(with_metadata=True,
   include_comments=False, deduplicate=False)``. Skipped with a message without ../shared.
2. The golden pages (tests/fixtures/pages, Arabic news): body word-F1, share of pages
   where a known boilerplate phrase survived, title accuracy and date accuracy, for
   akhbar's whole path (a re-process of the pages in order, template learning included),
   akhbar's ``extract`` page by page, and bare trafilatura.

Differences are akhbar minus trafilatura; the F1 ratio is akhbar / trafilatura.

    python -m benchmarks.extraction [--quick]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from benchmarks.golden import (
    Extracted,
    GoldenReport,
    akhbar_extract,
    evaluate,
    load_cases,
    pipeline_extractor,
    trafilatura_extract,
)
from benchmarks.harness import machine
from benchmarks.scoring import AEB_DIR, Score, aeb_pages, score
from crawler.items import RawPage


def aeb(limit: int) -> dict[str, tuple[Score, float]]:
    pages = list(aeb_pages())
    if limit:
        pages = pages[:limit]
    raws = [
        (
            p.gold,
            RawPage(url=p.url or f"https://aeb.example/{p.key}", body=p.html, headers=(("Content-Type", "text/html"),)),
        )
        for p in pages
    ]
    out: dict[str, tuple[Score, float]] = {}
    contenders: dict[str, Callable[[RawPage], Extracted]] = {
        "akhbar extract": akhbar_extract,
        "bare trafilatura": trafilatura_extract,
    }
    for name, fn in contenders.items():
        start = time.perf_counter()
        pairs = [(gold, fn(raw).text) for gold, raw in raws]
        out[name] = (score(pairs), time.perf_counter() - start)
    return out


def problems(report: GoldenReport) -> str:
    junk = [r.name for r in report.results if r.junk]
    title = [r.name for r in report.results if not r.title_ok]
    date = [r.name for r in report.results if not r.date_ok]
    low = [
        f"{r.name} (P {r.precision:.2f} R {r.recall:.2f})" for r in report.results if min(r.precision, r.recall) < 0.9
    ]
    parts = [
        f"boilerplate: {', '.join(junk) or '-'}",
        f"title wrong: {', '.join(title) or '-'}",
        f"date wrong: {', '.join(date) or '-'}",
        f"P or R < 0.9: {', '.join(low) or '-'}",
    ]
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="first 60 AEB pages only")
    args = parser.parse_args()
    print(f"# extraction benchmark: {machine()}")

    if AEB_DIR.exists():
        res = aeb(60 if args.quick else 0)
        (ours, ours_s), (bare, bare_s) = res["akhbar extract"], res["bare trafilatura"]
        print(f"AEB, {ours.n} pages (single run; time is extraction only):")
        for name, (sc, secs) in res.items():
            print(f"  {name:18s} {sc}  {secs:5.1f} s ({sc.n / secs:5.1f} pages/s)")
        print(
            f"  akhbar - trafilatura: F1 {ours.f1 - bare.f1:+.3f}, P {ours.precision - bare.precision:+.3f}, "
            f"R {ours.recall - bare.recall:+.3f}; F1 ratio {ours.f1 / bare.f1:.3f}; time ratio (bare / akhbar) "
            f"{bare_s / ours_s:.2f}x"
        )
    else:
        print(f"AEB skipped: {AEB_DIR} is absent")

    cases = load_cases()
    reports = {
        "akhbar (whole path)": evaluate(cases, pipeline_extractor(cases)),
        "akhbar extract": evaluate(cases, akhbar_extract),
        "bare trafilatura": evaluate(cases, trafilatura_extract),
    }
    print(f"golden pages, {len(cases)} Arabic news pages:")
    for name, report in reports.items():
        print(f"  {name:20s} {report.summary()}")
    ours_r, bare_r = reports["akhbar (whole path)"], reports["bare trafilatura"]
    print(
        f"  akhbar (whole path) - trafilatura: word-F1 {ours_r.f1 - bare_r.f1:+.3f} "
        f"(ratio {ours_r.f1 / bare_r.f1:.3f}), "
        f"boilerplate {100 * (ours_r.junk_rate - bare_r.junk_rate):+.0f} points, "
        f"title {100 * (ours_r.title_accuracy - bare_r.title_accuracy):+.0f} points, "
        f"date {100 * (ours_r.date_accuracy - bare_r.date_accuracy):+.0f} points"
    )
    for name in ("akhbar (whole path)", "bare trafilatura"):
        print(f"  {name} misses - {problems(reports[name])}")


if __name__ == "__main__":
    main()
