"""Benchmark: extraction on held-out pages (``benchmarks/data/holdout-pages``) that were written
before any tuning and must never be tuned on: akhbar's whole path, ``extract`` page by page and bare
trafilatura, scored like the golden pages (body word-F1, boilerplate, title, date).

    python -m benchmarks.holdout
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.golden import akhbar_extract, evaluate, load_cases, pipeline_extractor, trafilatura_extract
from benchmarks.harness import machine

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout-pages"


def main() -> None:
    cases = load_cases(HOLDOUT)
    print(f"# held-out pages benchmark: {machine()}")
    contenders = [
        ("akhbar (whole path)", pipeline_extractor(cases)),
        ("akhbar extract", akhbar_extract),
        ("bare trafilatura", trafilatura_extract),
    ]
    for name, extractor in contenders:
        report = evaluate(cases, extractor)
        print(f"{name:20s} {report.summary()}")
        for r in report.results:
            if r.junk or not r.title_ok or not r.date_ok or r.recall < 0.95 or r.precision < 0.95:
                flags = f"junk={r.junk[:2]} title_ok={r.title_ok} date_ok={r.date_ok}"
                print(f"   {r.name}: P {r.precision:.2f} R {r.recall:.2f} {flags}")


if __name__ == "__main__":
    main()
