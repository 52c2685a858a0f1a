"""Benchmark: where one writer's time under a PostgreSQL store's decision lock goes, step by step.

One ``akhbar reprocess --workers 1`` of the writers benchmark's pages (``benchmarks.writers``) runs in
this process into a fresh database, with timers around the steps of a decision (and around every SQL
statement) that count only while the writer holds the decision lock: from the lock taken
(``Store.begin_decision``) to the commit that releases it. Steps nest (``handle`` contains ``decide``);
a step missing from the code is left out, so the same file measures older trees too.

    python -m benchmarks.decisions [--pages 600] [--server postgresql+psycopg://USER@HOST:PORT/postgres]

Timers cost a few microseconds each: the lock held with them is a little longer than without.
"""

from __future__ import annotations

import argparse
import importlib
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import machine
from benchmarks.writers import build_warc
from tests.storage.conftest import fresh_database

# (label, module, attribute path): the steps timed, outermost first
STEPS = (
    ("turn state (and catch-up reads)", "storage.store", "Store.turn_state"),
    ("catch-up: take in others' articles", "crawler.run.step", "PageStep.catch_up"),
    ("handle (whole step)", "crawler.run.step", "PageStep.handle"),
    ("  template cleaning", "crawler.processing.processor", "Processor.clean"),
    ("  article URL stored?", "storage.store", "Store.article_url_known"),
    ("  duplicate decision", "crawler.processing.processor", "Processor.decide"),
    ("  event step", "crawler.run.events", "EventStage.step"),
    ("    event terms (stemming)", "crawler.run.events", "article_terms"),
    ("    event vector", "crawler.processing.events", "EventLinker.doc"),
    ("    event link", "crawler.processing.events", "EventLinker.link"),
    ("  search terms", "crawler.run.step", "search_terms"),
    ("save (whole page)", "storage.store", "Store.save"),
    ("own article taken in", "crawler.run.step", "PageStep.stored"),
    ("next page read and admitted", "crawler.run.ingest", "Ingestor.admit"),
    ("commit", "storage.store", "Store.commit"),
)


class LockTimers:
    """Seconds and calls per step while the decision lock is held."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: defaultdict[str, int] = defaultdict(int)
        self.held = False
        self.armed = False  # the run's step is built (its opening holds the lock too: not a decision)
        self.turns = 0
        self.held_seconds = 0.0
        self._since = 0.0

    def timed(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed_fn(*args: Any, **kwargs: Any) -> Any:
            if not self.held:
                return fn(*args, **kwargs)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started
                self.calls[label] += 1

        return timed_fn

    def install(self) -> None:
        for label, module_name, path in STEPS:
            owner: Any = importlib.import_module(module_name)
            *outer, name = path.split(".")
            for part in outer:
                owner = getattr(owner, part)
            if hasattr(owner, name):
                setattr(owner, name, self.timed(label, getattr(owner, name)))
        self._bracket_the_lock()
        self._label_statements()

    def _bracket_the_lock(self) -> None:
        from crawler.run.step import PageStep
        from storage.store import Store

        begin, commit, build = Store.begin_decision, Store.commit, PageStep.__init__

        def begin_decision(store: Store[Any], *args: Any) -> Any:
            waited = begin(store, *args)
            if store.shared and self.armed and not self.held:
                self.held, self._since = True, time.perf_counter()
            return waited

        def commit_(store: Store[Any]) -> None:
            commit(store)
            if self.held:
                self.held = False
                self.turns += 1
                self.held_seconds += time.perf_counter() - self._since

        def build_(step: PageStep, *args: Any) -> None:
            build(step, *args)
            self.armed = True

        Store.begin_decision = begin_decision  # type: ignore[assignment,method-assign]
        Store.commit = commit_  # type: ignore[assignment,method-assign]
        PageStep.__init__ = build_  # type: ignore[assignment,method-assign]

    def _label_statements(self) -> None:
        from sqlalchemy import Connection

        labels: dict[int, str] = {}

        def label(statement: Any) -> str:
            key = id(statement)
            if key not in labels:
                words = " ".join(str(statement).split())
                labels[key] = "SQL " + (words[:48] if not words.startswith("WITH") else "WITH ... (the page in one)")
            return labels[key]

        execute, driver_sql = Connection.execute, Connection.exec_driver_sql

        def execute_(conn: Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
            return self.timed(label(statement), execute)(conn, statement, *args, **kwargs)

        def driver_sql_(conn: Connection, statement: str, *args: Any, **kwargs: Any) -> Any:
            return self.timed(label(statement), driver_sql)(conn, statement, *args, **kwargs)

        Connection.execute = execute_  # type: ignore[assignment,method-assign]
        Connection.exec_driver_sql = driver_sql_  # type: ignore[assignment,method-assign]

    def report(self, decisions: int) -> None:
        turns = max(self.turns, 1)
        per_turn = 1000 * self.held_seconds / turns
        print(f"{decisions} decisions in {self.turns} turns; lock held {self.held_seconds:.2f} s: {per_turn:.2f} ms")
        print(f"a turn, {decisions / self.held_seconds:.0f} decisions/s while held")
        print("| step (under the lock) | ms a turn | calls |")
        print("|---|---|---|")
        steps = [label for label, _, _ in STEPS if label in self.seconds]
        statements = sorted(
            (label for label in self.seconds if label.startswith("SQL")), key=lambda k: -self.seconds[k]
        )
        for label in steps + statements:
            print(f"| {label} | {1000 * self.seconds[label] / turns:.3f} | {self.calls[label]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--server", default=os.environ.get("AKHBAR_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    if not args.server:
        raise SystemExit("no PostgreSQL server: give --server URL or set AKHBAR_TEST_POSTGRES_URL")
    print(machine())
    timers = LockTimers()
    timers.install()
    from crawler.reprocess import reprocess

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warc = root / "pages.warc.gz"
        warc.write_bytes(b"".join(build_warc(root, args.pages)))
        with fresh_database(args.server, prefix="akhbar_bench") as target:
            stats = reprocess(root / "data", [str(warc)], db_url=target, workers=1)
    timers.report(stats.added)


if __name__ == "__main__":
    main()
