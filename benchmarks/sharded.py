"""Benchmark: ``akhbar reprocess`` against ``akhbar reprocess --shards N`` on the same pages.

Pages: the golden and AEB pages of :func:`benchmarks.reprocess.build_warc`, dealt round-robin
into ``--files`` WARC files (sharding deals whole files). Each contender builds a fresh store
(``--into``), in this process, runs alternated:

- plain, ``--workers 1`` and ``--workers W``: the analysis in a process pool, settled in order;
- sharded, ``--shards N --workers W``: phase 1 (the analysis of each file, on datatrove's
  local executor, into a fresh work directory), then phase 2 (the files read again, settled
  in order from the recorded analyses);
- phase 2 alone: the same command on a work directory phase 1 has completed already (what the
  store's machine does when phase 1 ran elsewhere).

    python -m benchmarks.sharded [--files 8] [--shards 8] [--workers 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from benchmarks.golden import archive_pages, load_cases
from benchmarks.harness import Timing, alternate, machine
from benchmarks.scoring import AEB_DIR, aeb_pages
from crawler.items import RawPage
from crawler.reprocess import reprocess


def load_pages() -> list[RawPage]:
    """The pages of :func:`benchmarks.reprocess.build_warc`, in its order."""
    pages = [case.page for case in load_cases()]
    if AEB_DIR.exists():
        pages += [
            RawPage(url=p.url or f"https://aeb.example/{p.key}", body=p.html, headers=(("Content-Type", "text/html"),))
            for p in aeb_pages()
        ]
    return pages


def build_files(root: Path, files: int) -> tuple[list[Path], int]:
    """The pages dealt round-robin into ``files`` WARC files under ``root``, in file order."""
    pages = load_pages()
    paths = [archive_pages(pages[i::files], root / f"part{i:03d}") for i in range(files)]
    return paths, len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=8, help="WARC files the pages are dealt into")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files, n = build_files(root / "in", args.files)
        inputs = [str(p) for p in files]
        counter = iter(range(10_000))
        kept = root / "kept-work"

        def plain(workers: int) -> None:
            reprocess(root / "var", inputs, into=str(root / f"store{next(counter)}.db"), workers=workers)

        def sharded(work: Path | None) -> None:
            into = str(root / f"store{next(counter)}.db")
            reprocess(root / "var", inputs, into=into, workers=args.workers, shards=args.shards, work_dir=work)

        sharded(kept)  # phase 1 done once, for "phase 2 alone" (and the modules loaded for all)
        w = args.workers
        timings = alternate(
            {
                "plain --workers 1": lambda: plain(1),
                f"plain --workers {w}": lambda: plain(w),
                f"sharded --shards {args.shards} --workers {w}": lambda: sharded(None),
                "phase 2 alone": lambda: sharded(kept),
            },
            args.repeats,
        )
        shard_bytes = sum(p.stat().st_size for p in (kept / "analyses").iterdir())
        input_bytes = sum(p.stat().st_size for p in files)
        shutil.rmtree(kept)
    print(f"# sharded reprocess benchmark: {machine()}")
    print(f"pages: {n} (golden + AEB) in {args.files} WARC files, repeats: {args.repeats}")
    report(n, timings)
    print(f"work directory: {shard_bytes / 1e6:.1f} MB of records for {input_bytes / 1e6:.1f} MB of WARC input")


def report(n: int, timings: dict[str, Timing]) -> None:
    for name, t in timings.items():
        print(f"  {name:32s} min {t.min:6.2f} s  median {t.median:6.2f} s  ({n / t.median:5.1f} pages/s)")


if __name__ == "__main__":
    main()
