"""Benchmark: ``akhbar reprocess`` against a bare trafilatura loop over the same WARC.

Pages: the project's golden pages plus the AEB pages (../shared/eval/aeb), written
into one WARC. Both contenders read that WARC; the bare loop calls
``trafilatura.bare_extraction(..., with_metadata=True, deduplicate=False)`` per page,
akhbar runs its whole path (extract, normalise, fingerprint, dedup, SQLite writes).
Runs alternate; the ratio is bare time / akhbar time (≥ 1 means akhbar is faster), for
``--workers 1`` (one process, like the bare loop) and for all cores (the default).

Twice: in this process (the work only), and as whole commands (``akhbar reprocess WARC``
against ``python -m benchmarks.bare_trafilatura WARC``, start-up and imports included,
as a user would time them). Also reports the AEB score of both extractions.

    python -m benchmarks.reprocess [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import bare_trafilatura
from benchmarks.extraction import aeb
from benchmarks.golden import archive_pages, load_cases
from benchmarks.harness import Timing, alternate, machine
from benchmarks.scoring import AEB_DIR, aeb_pages
from crawler.items import RawPage
from crawler.reprocess import reprocess


def build_warc(path: Path) -> tuple[Path, int]:
    """The golden and AEB pages as one WARC in ``path``: its file and the number of pages."""
    pages = [case.page for case in load_cases()]
    if AEB_DIR.exists():
        pages += [
            RawPage(url=p.url or f"https://aeb.example/{p.key}", body=p.html, headers=(("Content-Type", "text/html"),))
            for p in aeb_pages()
        ]
    return archive_pages(pages, path), len(pages)


def command(args: list[str]) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def commands(warc: Path, root: Path, workers: int, repeats: int) -> dict[str, Timing]:
    """Whole processes, alternated: the bare loop script against ``akhbar reprocess`` (fresh store each)."""
    beside = Path(sys.executable).parent / "akhbar"  # the environment running the benchmark, activated or not
    akhbar = str(beside) if beside.exists() else shutil.which("akhbar") or "akhbar"
    counter = iter(range(10_000))

    def ours(n: int) -> None:
        i = next(counter)
        command([akhbar, "reprocess", str(warc), "--into", str(root / f"cmd{i}.db"), "--data-dir",
                 str(root / f"cmd{i}"), "--workers", str(n)])  # fmt: skip

    return alternate(
        {
            "bare trafilatura": lambda: command([sys.executable, "-m", "benchmarks.bare_trafilatura", str(warc)]),
            "akhbar --workers 1": lambda: ours(1),
            f"akhbar --workers {workers}": lambda: ours(workers),
        },
        repeats,
    )


def report(n: int, timings: dict[str, Timing]) -> None:
    for name, t in timings.items():
        print(f"  {name:22s} min {t.min:6.2f} s  median {t.median:6.2f} s  ({n / t.median:5.1f} pages/s)")
    bare = timings["bare trafilatura"]
    for name, t in list(timings.items())[1:]:
        print(f"  {name}: {bare.median / t.median:.2f}x the bare loop's speed (median; min {bare.min / t.min:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="the parallel contender")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warc, n = build_warc(root / "in")
        counter = iter(range(10_000))

        def ours(workers: int) -> None:
            reprocess(root / "var", [str(warc)], into=str(root / f"store{next(counter)}.db"), workers=workers)

        timings = alternate(
            {
                "bare trafilatura": lambda: bare_trafilatura.main(str(warc)),  # the same loop as the command
                "akhbar --workers 1": lambda: ours(1),
                f"akhbar --workers {args.workers}": lambda: ours(args.workers),
            },
            args.repeats,
        )
        whole = commands(warc, root, args.workers, args.repeats)
    print(f"# reprocess benchmark: {machine()}")
    print(f"pages: {n} (golden + AEB) in one WARC, repeats: {args.repeats}")
    print("in one process (the work only):")
    report(n, timings)
    print("whole commands (start-up included):")
    report(n, whole)
    if AEB_DIR.exists():
        scores = aeb(0)
        ours_s, bare_s = scores["akhbar extract"][0], scores["bare trafilatura"][0]
        print(f"AEB akhbar: {ours_s}")
        print(f"AEB bare trafilatura: {bare_s}")


if __name__ == "__main__":
    main()
