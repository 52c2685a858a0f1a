"""Benchmark: extraction on held-out pages (``benchmarks/data/holdout-pages``) that were written
before any tuning and must never be tuned on: akhbar's whole path, ``extract`` page by page and bare
trafilatura, scored like the golden pages (body word-F1, boilerplate, title, date).

    python -m benchmarks.holdout
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.golden import (
    akhbar_extract,
    evaluate,
    load_cases,
    pipeline_extractor,
    print_report,
    trafilatura_extract,
)
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
        print_report(name, evaluate(cases, extractor), width=20)


if __name__ == "__main__":
    main()
