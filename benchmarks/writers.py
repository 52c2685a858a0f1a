"""Benchmark: many ``akhbar reprocess`` writers on one PostgreSQL store, and PostgreSQL against SQLite.

Pages: N article pages in the golden layouts with SaudiNewsNet bodies (``benchmarks.crawl.build_site``;
distinct texts numbered when ../shared is absent), archived as one WARC and split record by record
(record i to writer i mod k). Every writer is a whole ``akhbar reprocess --workers W`` process
(W = ``--workers``, default 1) with a data dir of its own; all start together on a fresh database,
and the wall time runs from the first start to the last exit. Contenders:

- ``sqlite 1``: one writer into a fresh SQLite store (``--into``);
- ``postgres 1``, ``postgres 2``, ``postgres 4``: 1, 2 and 4 writers into one fresh PostgreSQL database.

Reported per contender (median of repeats): wall seconds, pages/s, and from the runs' own
``crawl_runs.stats``: seconds spent waiting for the decision lock and holding it (summed over
writers), and decisions/s while holding it (articles / seconds held: what one store can decide,
whatever the number of writers); and the CPU seconds the job used: the writers' (their rusage) and,
when the server runs on this machine, its processes' (``/proc``; "-" otherwise). The CPU figures
say how much work N writers do against one (each takes in the others' articles), whatever share
of the cores other work on the machine left them.

    python -m benchmarks.writers [--pages 1200] [--repeats 2] [--workers 1] [--server postgresql+psycopg://USER@HOST:PORT/postgres]

The server defaults to ``$AKHBAR_TEST_POSTGRES_URL``; databases are created and dropped there.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.crawl import build_site
from benchmarks.golden import archive_pages
from benchmarks.harness import machine
from crawler.items import RawPage
from tests.storage.conftest import fresh_database
from tests.storage.test_postgres_writers import warc_members, writers


def build_warc(root: Path, pages: int) -> list[bytes]:
    """The benchmark's pages as WARC records (one gzip member each), in order."""
    site = root / "site"
    build_site(site, pages)
    raws = [
        RawPage(
            url=f"https://bench.example/a/{i}.html",
            body=(site / "a" / f"{i}.html")
            .read_text(encoding="utf-8")
            .replace("{{BASE}}", "https://bench.example")
            .encode(),
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            site="bench",
        )
        for i in range(pages)
    ]
    warc = archive_pages(raws, root / "whole")

    return warc_members(warc)


def server_cpu() -> float:
    """CPU seconds used so far by this machine's PostgreSQL processes (exited backends included, through
    the postmaster's children times); 0 when none is visible."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        if stat[stat.find("(") + 1 : stat.rfind(")")].startswith("postgres"):
            fields = stat[stat.rfind(")") + 2 :].split()
            total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / ticks


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_writers(root: Path, members: list[bytes], count: int, target: str, workers: int = 1) -> float:
    """``count`` concurrent re-processes of the split pages into ``target``; returns the wall time."""
    splits = []
    for k in range(count):
        path = root / f"split{k}.warc.gz"
        path.write_bytes(b"".join(m for i, m in enumerate(members) if i % count == k))
        splits.append(path)
    store = ["--into", target] if target.endswith(".db") else ["--db", target]
    started = time.perf_counter()
    for result in writers(root, splits, *store, workers=workers):
        if result.returncode != 0:
            raise SystemExit(f"a writer failed: {result.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def lock_figures(target: str) -> tuple[float, float, int]:
    """Summed lock wait and hold seconds of the target's runs, and its article count."""
    from sqlalchemy import create_engine, text

    engine = create_engine(target if "://" in target else f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            stats = [json.loads(s) for (s,) in conn.execute(text("SELECT stats FROM crawl_runs")) if s]
            articles = int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    finally:
        engine.dispose()
    wait = sum(float(s.get("decisions", {}).get("lock_wait_seconds", 0)) for s in stats)
    held = sum(float(s.get("decisions", {}).get("lock_held_seconds", 0)) for s in stats)
    return wait, held, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1200)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="extraction processes per writer (default 1)")
    parser.add_argument("--server", default=os.environ.get("AKHBAR_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    if not args.server:
        raise SystemExit("no PostgreSQL server: give --server URL or set AKHBAR_TEST_POSTGRES_URL")
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        members = build_warc(root, args.pages)
        results: dict[str, list[tuple[float, float, float, int, float, float]]] = {}
        for repeat in range(args.repeats):
            for name, writers in (("sqlite 1", 1), ("postgres 1", 1), ("postgres 2", 2), ("postgres 4", 4)):
                run_root = root / f"r{repeat}-{name.replace(' ', '')}"
                run_root.mkdir()
                cpu, server = children_cpu(), server_cpu()
                if name.startswith("sqlite"):
                    target = str(run_root / "store.db")
                    wall = run_writers(run_root, members, writers, target, args.workers)
                    cpu, server = children_cpu() - cpu, 0.0
                    results.setdefault(name, []).append((wall, *lock_figures(target), cpu, server))
                    continue
                with fresh_database(args.server, prefix="akhbar_bench") as target:
                    wall = run_writers(run_root, members, writers, target, args.workers)
                    cpu, server = children_cpu() - cpu, server_cpu() - server
                    results.setdefault(name, []).append((wall, *lock_figures(target), cpu, server))
    pages = len(members)
    print(f"{pages} pages, {args.repeats} repeats (median), --workers {args.workers} per writer")
    print(
        "| writers | wall s | pages/s | vs postgres 1 | lock wait s | lock held s | decisions/s held "
        "| CPU s writers | CPU s server |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    base = statistics.median(r[0] for r in results["postgres 1"])
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        wait = statistics.median(r[1] for r in runs)
        held = statistics.median(r[2] for r in runs)
        articles = runs[-1][3]
        rate = f"{articles / held:.0f}" if held else "-"
        cpu = statistics.median(r[4] for r in runs)
        server = statistics.median(r[5] for r in runs)
        on_server = f"{server:.1f}" if server else "-"
        print(
            f"| {name} | {wall:.1f} | {pages / wall:.1f} | {base / wall:.2f}x | {wait:.1f} | {held:.1f} | {rate} "
            f"| {cpu:.1f} | {on_server} |"
        )


if __name__ == "__main__":
    main()
