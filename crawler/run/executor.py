"""One ordered executor: analyse in N processes, settle in input order.

Invariant: pages are analysed in any order, possibly in parallel, but each comes back to its
caller in the order it went in, so decisions and writes (the dedup index, the store) see the pages
in input order and the store is the same with one worker or many. With N = 1 the same code runs
the analysis in this process. Each analysis has the per-page budget (:mod:`crawler.run.budget`);
a worker that dies gives its page :func:`~crawler.run.budget.worker_failure`, and the run goes on.

Two drivers: :meth:`OrderedExecutor.ordered` (synchronous: ``akhbar reprocess``) and
:meth:`OrderedExecutor.in_turn` (asynchronous: the Scrapy item pipeline).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import count
from typing import Any, Protocol, TypeVar

from crawler.items import RawPage
from crawler.processing.fingerprint import DedupParams
from crawler.processing.lshindex import warm_up
from crawler.run.budget import AnalysisResult, analyse_and_pack, analyse_page, pack_record, worker_failure
from crawler.run.pool import AnalysisPool, analysis_pool
from crawler.runs import interruptible

P = TypeVar("P")
WARM_UP_BACKLOG = 32  # pages queued to the workers while the main process loads the index kernels
AHEAD = 8  # N = 1: pages analysed ahead at most while another writer of the store decides
_END: Any = object()  # the end of the items


@dataclass(frozen=True)
class Analysis:
    """What the executor gives back for a page: its analysis and its archive record (when packing)."""

    result: AnalysisResult
    member: bytes | None = None


class AnalysisSource(Protocol):
    """Where the ingestor's analyses come from, in input order: :class:`OrderedExecutor` (computed
    now) or a sharded re-process's phase 2 (computed ahead, :mod:`crawler.shards.settle`)."""

    def ordered(
        self, items: Iterable[P], raw_of: Callable[[P], RawPage | None]
    ) -> Iterator[tuple[P, Analysis | None]]: ...

    def close(self, *, abandon: bool = False) -> None: ...


class OrderedExecutor:
    """Analyses pages in ``workers`` processes (this one when 1) and hands them back in input order."""

    def __init__(
        self,
        workers: int,
        params: DedupParams,
        budget: float,
        *,
        pack: bool,
        before_wait: Callable[[], None] = lambda: None,
        try_turn: Callable[[], bool] = lambda: True,
    ) -> None:
        self.workers = max(1, workers)
        self.before_wait = before_wait  # called before :meth:`ordered` blocks on an analysis
        # N = 1: asked before a page is settled; False (another writer of the store is deciding) and the
        # next page is analysed first, instead of waiting for that writer (:data:`AHEAD` pages at most)
        self.try_turn = try_turn
        self.params, self.budget, self.pack = params, budget, pack
        self.pool: AnalysisPool | None = analysis_pool(self.workers) if self.workers > 1 else None
        self._packer: ThreadPoolExecutor | None = None
        self._arrival = count()
        self._settled = 0
        self._turns: dict[int, asyncio.Future[None]] = {}

    # -- analysis ------------------------------------------------------------
    def _submit(self, raw: RawPage) -> Future[tuple[bytes | None, AnalysisResult]]:
        assert self.pool is not None
        return self.pool.submit(analyse_and_pack, raw, self.params, self.budget, self.pack)

    def _collect(self, future: Future[tuple[bytes | None, AnalysisResult]]) -> Analysis:
        if not future.done():
            self.before_wait()
        try:
            with interruptible():
                member, result = future.result()
        except Exception as exc:  # the worker died: recorded, the run goes on
            return Analysis(worker_failure(exc))
        return Analysis(result, member)

    def _here(self, raw: RawPage) -> Analysis:
        """N = 1: the analysis in this process (the archive record is built at settle time)."""
        with interruptible():  # a signal cuts the extraction, never the writes around it
            return Analysis(analyse_page(raw, self.params, self.budget))

    # -- synchronous driver --------------------------------------------------
    def ordered(self, items: Iterable[P], raw_of: Callable[[P], RawPage | None]) -> Iterator[tuple[P, Analysis | None]]:
        """Each item with its analysis, in input order; an item without a page (``raw_of`` gives
        None) comes back with None, after every item before it. A signal stops it while it waits
        (:mod:`crawler.runs`); ``items`` is where to stop it between pages."""
        if self.pool is None:
            yield from self._ordered_here(iter(items), raw_of)
            return
        window: deque[tuple[P, Future[tuple[bytes | None, AnalysisResult]]]] = deque()
        # The first settlement loads the index's compiled code (~0.7 s): queue a longer backlog
        # first and load it while the workers extract that backlog, instead of before.
        limit = max(4 * self.workers, WARM_UP_BACKLOG)
        for item in items:
            raw = raw_of(item)
            if raw is None:
                while window:  # keep the order of rows: settle what came before first
                    before, future = window.popleft()
                    yield before, self._collect(future)
                yield item, None
                continue
            window.append((item, self._submit(raw)))
            if len(window) >= limit:
                if limit > 4 * self.workers:
                    warm_up()
                    limit = 4 * self.workers
                before, future = window.popleft()
                yield before, self._collect(future)
        while window:
            before, future = window.popleft()
            yield before, self._collect(future)

    def _ordered_here(
        self, items: Iterator[P], raw_of: Callable[[P], RawPage | None]
    ) -> Iterator[tuple[P, Analysis | None]]:
        """N = 1: each item analysed here, in input order. While the store's turn is another writer's
        (:attr:`try_turn`), the next pages are analysed instead of waiting for it (at most :data:`AHEAD`):
        this process's core stays busy, and the pages ready by the turn are decided in it."""
        ready: deque[tuple[P, Analysis | None]] = deque()
        while True:
            if not ready:
                item = next(items, _END)
                if item is _END:
                    return
                ready.append(self._analysed(item, raw_of))
            while len(ready) < AHEAD and not self.try_turn():
                item = next(items, _END)
                if item is _END:
                    break
                ready.append(self._analysed(item, raw_of))
            yield ready.popleft()
            if not ready:
                self.before_wait()  # settled: nothing is ready before the next item is read, admitted, analysed

    def _analysed(self, item: P, raw_of: Callable[[P], RawPage | None]) -> tuple[P, Analysis | None]:
        raw = raw_of(item)
        return item, None if raw is None else self._here(raw)

    # -- asynchronous driver -------------------------------------------------
    @contextlib.asynccontextmanager
    async def in_turn(self, raw: RawPage) -> AsyncIterator[Analysis]:
        """``raw``'s analysis, entered once every page that arrived before it has left its own
        ``in_turn`` block: settle the page inside the block. With one worker the analysis runs here
        (the reactor's thread is the main thread: the budget applies) while a thread builds the
        archive record (hashing and gzip release the GIL)."""
        turn = next(self._arrival)
        if self.pool is not None:
            try:
                member, result = await asyncio.wrap_future(self._submit(raw))
                analysis = Analysis(result, member)
            except Exception as exc:  # recorded; the turns keep going
                analysis = Analysis(worker_failure(exc))
        else:
            if self.pack and self._packer is None:
                self._packer = ThreadPoolExecutor(1, thread_name_prefix="akhbar-archive")
            packed = asyncio.wrap_future(self._packer.submit(pack_record, raw)) if self._packer is not None else None
            result = analyse_page(raw, self.params, self.budget)
            analysis = Analysis(result, await packed if packed is not None else None)
        await self._wait_for(turn)
        try:
            yield analysis
        finally:
            self._next_turn()

    async def _wait_for(self, turn: int) -> None:
        if turn != self._settled:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._turns[turn] = waiter
            await waiter

    def _next_turn(self) -> None:
        self._settled += 1
        waiter = self._turns.pop(self._settled, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # -- end -----------------------------------------------------------------
    def close(self, *, abandon: bool = False) -> None:
        """Stop the workers: after the last page (they finish what they hold, none is queued) or,
        ``abandon``, at once (interrupted or failed: the pages still in the workers are dropped)."""
        if self.pool is not None:
            if abandon:
                self.pool.abandon()
            else:
                self.pool.shutdown(wait=True, cancel_futures=True)
        if self._packer is not None:
            self._packer.shutdown(wait=True, cancel_futures=True)
