"""Run every benchmark in sequence, each in its own process (so memory figures are its own).

    python -m benchmarks [--quick] [--only NAME ...]

Order: reprocess, sharded, extraction, holdout, real_arabic, signatures, index, dedup, crawl, search.
``benchmarks.writers`` and ``benchmarks.decisions`` need a PostgreSQL server and run on their own. With
``--quick`` each gets ``--quick`` if it has that option, else ``--repeats 1`` if it has that one. Output is
printed as it comes; the exit status is non-zero if any benchmark failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = (
    "reprocess",
    "sharded",
    "extraction",
    "holdout",
    "real_arabic",
    "signatures",
    "index",
    "dedup",
    "crawl",
    "search",
)


def available() -> list[str]:
    return [name for name in ORDER if (HERE / f"{name}.py").exists()]


def quick_args(name: str) -> list[str]:
    source = (HERE / f"{name}.py").read_text(encoding="utf-8")
    if '"--quick"' in source:
        return ["--quick"]
    if '"--repeats"' in source:
        return ["--repeats", "1"]
    return []


def main() -> int:
    names = available()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    parser.add_argument("--only", nargs="+", choices=names, help="run only these benchmarks")
    args = parser.parse_args()
    results: list[tuple[str, int, float]] = []
    for name in args.only or names:
        cmd = [sys.executable, "-m", f"benchmarks.{name}", *(quick_args(name) if args.quick else [])]
        print(f"\n$ {' '.join(cmd[1:])}", flush=True)
        start = time.perf_counter()
        code = subprocess.run(cmd, cwd=HERE.parent, check=False).returncode
        results.append((name, code, time.perf_counter() - start))
    print("\n# benchmarks run")
    for name, code, secs in results:
        print(f"{name:12s} {'ok' if code == 0 else f'FAILED (exit {code})':18s} {secs:7.1f} s")
    return 1 if any(code for _, code, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
