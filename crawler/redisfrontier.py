"""One frontier for many ``akhbar crawl --frontier redis://HOST:PORT/DB`` processes (scrapy-redis).

Workers share, in one Redis database: scrapy-redis's request queue (a sorted set by priority) and
seen-request set, and akhbar's own run state (keys ``akhbar:<spider>:*``): the URLs asked in the
run and each site's pages spent (:class:`crawler.frontier.Frontier`'s "once per URL" and page
budget, so both hold across workers), the seed claim, the workers' heartbeats and their leases.

Invariant: a request in the shared frontier is either in the queue or in exactly one worker's
lease until its outcome is committed to that worker's store and the requests its response
yielded are in the queue; a worker without a heartbeat for :data:`LEASE_SECONDS` is dead and its
leases go back to the queue (any worker does it, every :data:`HEARTBEAT_SECONDS`). So a SIGKILL
loses no request and no page: at worst a request is fetched twice (one whose outcome was
committed in the instant before the kill, before its lease was dropped). A request is marked
asked (once per URL, page budget) and seen (scrapy-redis's filter) in the same Redis script
that queues it: marked and not queued, it would be lost when a killed worker's page is fetched
again and yields it again.

A run: the first worker to claim the seed (a Redis ``SET`` while no live worker holds it)
enqueues the feeds, sitemaps and start URLs; the others only consume. The run is over when the
queue is empty, no worker holds a lease and the seeding has finished: the worker that sees this
first deletes the run state and notes when, and every worker then closes by itself. A worker
started less than ``AKHBAR_FRONTIER_GRACE`` seconds (30) after that belongs to the run that has
just drained (started late by the same launch): it finds nothing to do and exits; one started
later begins a new run. The run state also expires :data:`RUN_IDLE_SECONDS` after the last
heartbeat (all workers killed), so tomorrow's run seeds again; queued requests never expire.

Politeness across workers is :mod:`crawler.redispoliteness`'s.

What scrapy-redis lacks is wrapped here, not copied: its scheduler passes the deprecated
``spider=`` argument to the stats collector (:class:`_StatsWithoutSpider` drops it) and logs
with the deprecated ``Spider.log()`` (that warning is silenced around its ``open``), and its
``RedisSpider`` reads ``start_requests()``, which Scrapy 2.13+ no longer calls: it is not used;
the news spider's own ``async start()`` seeds, gated by :meth:`SharedFrontier.process_start`.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from redis import Redis
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task
from twisted.python.failure import Failure

from crawler.frontier import ASKED, OVER_BUDGET, SPENT, Frontier, run_session
from crawler.run.ingest import COMMIT_SECONDS

log = logging.getLogger(__name__)

WORKER = "AKHBAR_FRONTIER_WORKER"  # setting: this process's id in the frontier
LEASE = "akhbar_lease"  # request meta: "<worker>|<lease field>" while it is leased
HEARTBEAT_SECONDS = 1.0
LEASE_SECONDS = 15.0  # a worker silent this long is dead: its leases go back to the queue
RUN_IDLE_SECONDS = 120.0  # the run state outlives the last heartbeat this long
DRAINED_MEMORY_SECONDS = 86400.0  # how long the time a run drained is kept (the grace is shorter)

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "

# queue, lease hash, lease counter -> {field, request} | nil: the best request, moved into a lease
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return nil end
redis.call('ZREM', KEYS[1], item[1])
local field = item[2] .. ' ' .. redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], field, item[1])
return {field, item[1]}
"""
# workers, queue; lease key prefix -> requests re-queued from the leases of dead workers
_RECLAIM = (
    _NOW
    + """
local moved = 0
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  local held = redis.call('HGETALL', ARGV[1] .. w)
  for i = 1, #held, 2 do
    redis.call('ZADD', KEYS[2], tonumber(string.match(held[i], '^(%S+)')), held[i + 1])
    moved = moved + 1
  end
  redis.call('DEL', ARGV[1] .. w)
  redis.call('ZREM', KEYS[1], w)
end
return moved
"""
)
# workers, run keys...; worker, lease ms, run ms: this worker is alive, the run with it
_HEARTBEAT = (
    _NOW
    + """
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return now
"""
)
# seed, seeded, workers, drained; worker, run ms, grace ms -> 1: this worker seeds the run,
# 0: another does or did, 2: a run drained less than the grace ago (nothing to do)
_CLAIM_SEED = (
    _NOW
    + """
local drained = redis.call('GET', KEYS[4])
if drained and now - tonumber(drained) < tonumber(ARGV[3]) then return 2 end
local holder = redis.call('GET', KEYS[1])
if holder then
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  local alive = redis.call('ZSCORE', KEYS[3], holder)
  if alive and tonumber(alive) > now then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('DEL', KEYS[4])
return 1
"""
)
# queue, workers, drained, seed, seeded, run keys...; lease key prefix
# -> 1 busy, 0 drained (run state deleted, the time it drained noted)
_DRAINED = (
    _NOW
    + """
if redis.call('ZCARD', KEYS[1]) > 0 then return 1 end
local holder = redis.call('GET', KEYS[4])
if holder and redis.call('EXISTS', KEYS[5]) == 0 then
  local alive = redis.call('ZSCORE', KEYS[2], holder)
  if alive and tonumber(alive) > now then return 1 end
end
for _, w in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if redis.call('HLEN', ARGV[1] .. w) > 0 then return 1 end
end
if holder then redis.call('SET', KEYS[3], now, 'PX', ARGV[2]) end
for i = 4, #KEYS do redis.call('DEL', KEYS[i]) end
return 0
"""
)
# asked set, spent hash, seen set, queue; url, site, budget (-1: none, -2: not budgeted), fingerprint
# ('' : not filtered), score, request -> 1 queued, 0 asked, 2 over budget, 3 seen
_ENQUEUE = """
local budgeted = tonumber(ARGV[3]) ~= -2
if budgeted then
  if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
  local budget = tonumber(ARGV[3])
  if budget >= 0 and tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') >= budget then return 2 end
end
if ARGV[4] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then return 3 end
if budgeted then
  redis.call('SADD', KEYS[1], ARGV[1])
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
end
if ARGV[4] ~= '' then redis.call('SADD', KEYS[3], ARGV[4]) end
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[6])
return 1
"""
SPEND = "akhbar_spend"  # request meta until queued: [site, budget or -1] (the spend is decided then)
QUEUED, SEEN = "queued", "seen"
_ENQUEUE_VERDICT = {0: ASKED, 1: QUEUED, 2: OVER_BUDGET, 3: SEEN}


def new_worker_id() -> str:
    """This process's name in the frontier: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def configure(settings: Settings, url: str) -> None:
    """Point a crawl's settings at the frontier at ``url`` (checked by the caller)."""
    settings.set("REDIS_URL", url, priority="cmdline")
    settings.set(WORKER, new_worker_id(), priority="cmdline")
    settings.set("SCHEDULER", f"{__name__}.SharedScheduler", priority="cmdline")
    settings.set("SCHEDULER_PERSIST", True, priority="cmdline")  # a worker leaving keeps the queue
    settings.set("SCHEDULER_QUEUE_CLASS", f"{__name__}.LeasedQueue", priority="cmdline")
    settings.set("SCHEDULER_QUEUE_KEY", "akhbar:%(spider)s:requests", priority="cmdline")
    settings.set("SCHEDULER_DUPEFILTER_KEY", "akhbar:%(spider)s:dupefilter", priority="cmdline")
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="cmdline")
    spider_mw = dict(settings.getdict("SPIDER_MIDDLEWARES"))
    position = spider_mw.pop("crawler.frontier.Frontier", 950)
    spider_mw["crawler.frontier.Frontier"] = None
    spider_mw[f"{__name__}.SharedFrontier"] = position
    settings.set("SPIDER_MIDDLEWARES", spider_mw, priority="cmdline")
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    for scheme in ("http", "https"):  # each request waits for its host's global turn (crawler.redispoliteness)
        handlers[scheme] = "crawler.redispoliteness.SharedPoliteness"
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="cmdline")


class Keys:
    """The Redis keys of one spider's frontier."""

    def __init__(self, spider: str) -> None:
        base = f"akhbar:{spider}:"
        self.queue, self.dupefilter = base + "requests", base + "dupefilter"
        self.asked, self.spent = base + "asked", base + "spent"  # URLs asked in the run, pages per site
        self.seed, self.seeded = base + "seed", base + "seeded"  # who seeds the run; set once it has
        self.workers = base + "workers"  # worker -> heartbeat deadline (ms, Redis clock)
        self.lease_prefix, self.lease_seq = base + "lease:", base + "leaseseq"
        self.drained = base + "drained"  # when the last run drained (ms, Redis clock)
        self.slot_prefix = base + "slot:"  # per host: next allowed request (crawler.redispoliteness)

    def lease(self, worker: str) -> str:
        return self.lease_prefix + worker

    @property
    def run(self) -> list[str]:
        """What a run leaves behind (deleted when it drains, else expiring after the last worker)."""
        return [self.seed, self.seeded, self.asked, self.spent, self.dupefilter]


class _StatsWithoutSpider:
    """scrapy-redis's scheduler calls ``inc_value(..., spider=...)``, deprecated in Scrapy 2.13."""

    def __init__(self, stats: Any) -> None:
        self._stats = stats

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        self._stats.inc_value(key, count, start)


def release(server: Redis, keys: Keys, lease: str | None) -> None:
    """A leased request's outcome is handled: it is no longer leased (``None``: not leased)."""
    if lease:
        worker, field = lease.split("|", 1)
        server.hdel(keys.lease(worker), field)


def reclaim(server: Redis, keys: Keys) -> int:
    """Put the leases of dead workers back in the queue (and forget those workers): how many."""
    return int(server.eval(_RECLAIM, 2, keys.workers, keys.queue, keys.lease_prefix))


def enqueue(server: Redis, keys: Keys, request: Request, data: bytes, spend: list[Any] | None, fingerprint: str) -> str:
    """Check, mark and queue ``request`` (``data``: it encoded) in one script, for all workers:
    :data:`QUEUED`, or :data:`ASKED` / :data:`OVER_BUDGET` (``spend``: [site, budget], the
    frontier's once per URL and page budget) or :data:`SEEN` (``fingerprint``: scrapy-redis's
    filter, ``""`` for a request that is not filtered). The queue and the filter are the keys
    :func:`configure` gives scrapy-redis."""
    site, budget = spend if spend is not None else ("", -2)
    args = (request.url, site, budget, fingerprint, -request.priority, data)
    verdict = int(server.eval(_ENQUEUE, 4, keys.asked, keys.spent, keys.dupefilter, keys.queue, *args))
    return _ENQUEUE_VERDICT[verdict]


def lease_of(request: Request | None) -> str | None:
    return request.meta.get(LEASE) if request is not None else None


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop moves the request into this worker's lease."""

    worker = ""  # set by SharedScheduler.open
    frontier_keys: Keys

    def pop(self, timeout: int = 0) -> Request | None:
        keys = self.frontier_keys
        got = self.server.eval(_POP, 3, self.key, keys.lease(self.worker), keys.lease_seq)
        if not got:
            return None
        field, data = got
        field = field.decode() if isinstance(field, bytes) else field
        try:
            request: Request = self._decode_request(data)
        except Exception as exc:  # not a request this code can read (another version's, damaged)
            log.warning("frontier: dropped a queued entry that is not a readable request: %s", exc)
            release(self.server, keys, f"{self.worker}|{field}")
            return None
        earlier = request.meta.get(LEASE)  # a retry or redirect of a leased request: now leased here
        request.meta[LEASE] = f"{self.worker}|{field}"
        release(self.server, keys, earlier)
        return request


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler with :class:`LeasedQueue`, stats without ``spider=``, and one
    Redis script that checks, marks and queues a request (see the module's invariant)."""

    def enqueue_request(self, request: Request) -> bool:
        spend = request.meta.pop(SPEND, None)
        if not isinstance(self.queue, LeasedQueue):  # not this frontier's queue: scrapy-redis's way
            return bool(super().enqueue_request(request))
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(request)
        verdict = enqueue(self.server, self.queue.frontier_keys, request, data, spend, fingerprint)
        if verdict == OVER_BUDGET and spend is not None:
            self.stats.inc_value(f"akhbar/{spend[0]}/over_budget")
        elif verdict == SEEN:
            self.df.log(request, self.spider)
        elif verdict == QUEUED:
            self.stats.inc_value("scheduler/enqueued/redis")
        return verdict == QUEUED

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler: SharedScheduler = super().from_crawler(crawler)
        scheduler.stats = _StatsWithoutSpider(crawler.stats)
        scheduler.worker = crawler.settings.get(WORKER) or new_worker_id()
        return scheduler

    worker: str

    def open(self, spider: Any) -> None:
        with warnings.catch_warnings():  # it says "Resuming crawl" with Spider.log(), deprecated in Scrapy 2.13
            warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=Warning)
            super().open(spider)
        if isinstance(self.queue, LeasedQueue):
            self.queue.worker = self.worker
            self.queue.frontier_keys = Keys(spider.name)


class SharedFrontier(Frontier):
    """The frontier of :mod:`crawler.frontier` over Redis: once per run and page budgets for all
    workers, the seed enqueued by one of them, leases released, heartbeats, closing when drained."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        assert crawler.spidercls is not None
        self.keys = Keys(crawler.spidercls.name)
        self.worker: str = crawler.settings.get(WORKER) or new_worker_id()
        self.server: Redis = get_redis_from_settings(crawler.settings)
        self.grace = crawler.settings.getfloat("AKHBAR_FRONTIER_GRACE", 30.0)
        self._beat = task.LoopingCall(self._heartbeat)
        self._releases = task.LoopingCall(self._release_settled)
        self._items: Counter[str] = Counter()  # lease -> its response's items still in the pipeline
        self._responded: set[str] = set()  # leases whose spider output is done, items pending
        self._settled: list[str] = []  # leases whose outcome is in the store, maybe not committed yet
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)
        for done in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=done)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedFrontier:
        return cls(crawler)

    # -- Scrapy entry points ---------------------------------------------------------
    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        self._heartbeat()
        keys = self.keys
        claim = self.server.eval(
            _CLAIM_SEED, 4, keys.seed, keys.seeded, keys.workers, keys.drained, self.worker, _ms(RUN_IDLE_SECONDS),
            _ms(self.grace),
        )  # fmt: skip
        if claim == 2:
            log.warning(
                "frontier: the last run drained less than %g s ago (AKHBAR_FRONTIER_GRACE): nothing to do", self.grace
            )
            return
        if claim == 0:
            log.info("frontier: another worker seeds this run; this one takes requests from the queue")
            return
        log.info("frontier: this worker seeds the run (feeds, sitemaps, start URLs)")
        async for out in super().process_start(start):
            yield out
        self.server.set(self.keys.seeded, self.worker, px=_ms(RUN_IDLE_SECONDS))

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        lease = lease_of(response.request)
        for out in super().process_spider_output(response, result):
            self._count_item(lease, out)
            yield out
        self._output_done(lease)  # its new requests are queued

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        lease = lease_of(response.request)
        async for out in super().process_spider_output_async(response, result):
            self._count_item(lease, out)
            yield out
        self._output_done(lease)

    def _spend(self, request: Request, name: str, budget: int | None) -> str:
        """Every request goes on to the scheduler, which decides once per URL and the budget for
        all workers in the script that queues it (:class:`SharedScheduler`)."""
        request.meta[SPEND] = [name, -1 if budget is None else budget]
        return SPENT

    # -- signals ---------------------------------------------------------------------
    def _opened(self, spider: Any) -> None:
        self._heartbeat()
        self._beat.start(HEARTBEAT_SECONDS, now=False)
        self._releases.start(COMMIT_SECONDS, now=False)

    # -- leases: released once the request's outcome is committed to the store ----------
    def _count_item(self, lease: str | None, out: Any) -> None:
        if lease is not None and not isinstance(out, Request):
            self._items[lease] += 1

    def _output_done(self, lease: str | None) -> None:
        if lease is None:
            return
        if self._items[lease]:
            self._responded.add(lease)  # settled when its last item leaves the pipeline
        else:
            self._items.pop(lease, None)
            self._settled.append(lease)

    def _item_done(self, item: Any, response: Any, spider: Any) -> None:
        """An item left the pipeline (written to the store's open transaction)."""
        request = getattr(response, "request", None)
        lease = lease_of(request)
        if lease is None:
            return
        if isinstance(response, Failure):  # an errback's FetchFailure: it yields nothing else
            self._settled.append(lease)
            return
        self._items[lease] -= 1
        if self._items[lease] <= 0 and lease in self._responded:
            self._responded.discard(lease)
            self._items.pop(lease, None)
            self._settled.append(lease)

    def _commit(self) -> bool:
        """Commit what the store has settled (the pipeline does it every second too): True if done."""
        session = run_session(self.crawler)
        if session is not None and not session.closed:
            session.tick()
        return session is None or session.failed is None

    def _release_settled(self) -> None:
        """Leases of requests whose outcome is now committed are dropped (a kill loses none of them)."""
        if not self._settled or not self._commit():
            return
        settled, self._settled = self._settled, []
        for lease in settled:
            release(self.server, self.keys, lease)

    def _heartbeat(self) -> None:
        try:
            self.server.eval(
                _HEARTBEAT,
                1 + len(self.keys.run),
                self.keys.workers,
                *self.keys.run,
                self.worker,
                _ms(LEASE_SECONDS),
                _ms(RUN_IDLE_SECONDS),
            )
            self._reclaim()
            self._wake()
        except Exception as exc:  # Redis gone for a moment: the next beat tries again
            log.warning("frontier: heartbeat failed: %s", exc)

    def _wake(self) -> None:
        """An idle Scrapy engine asks its scheduler again only every 5 s: with requests queued by
        other workers meanwhile, this worker asks at once. (A private part of Scrapy's engine,
        used if it is there: without it, the worker only joins in later.)"""
        engine = self.crawler.engine
        nextcall = getattr(getattr(engine, "_slot", None), "nextcall", None)
        if engine is not None and nextcall is not None and self.server.zcard(self.keys.queue):
            nextcall.schedule()

    def _reclaim(self) -> int:
        moved = reclaim(self.server, self.keys)
        if moved:
            log.warning("frontier: %d request(s) of a stopped worker put back in the queue", moved)
        return moved

    def _idle(self, spider: Any) -> None:
        """Nothing is in flight here: close only once the whole frontier has drained."""
        if self._commit():  # whatever is left here is handled (also failures that recorded nothing)
            self.server.delete(self.keys.lease(self.worker))
            self._settled.clear()
        self._reclaim()
        keys = self.keys
        busy = self.server.eval(
            _DRAINED, 3 + len(keys.run), keys.queue, keys.workers, keys.drained, *keys.run, keys.lease_prefix,
            _ms(DRAINED_MEMORY_SECONDS),
        )  # fmt: skip
        if busy:
            raise DontCloseSpider
        log.info("frontier: drained (no request queued or in flight on any worker): the run is over")

    def _closed(self, spider: Any, reason: str) -> None:
        """Leaving: this worker's leases (requests dropped by the stopping downloader) go back."""
        for loop in (self._beat, self._releases):
            if loop.running:
                loop.stop()
        try:
            self._release_settled()
            self.server.zadd(self.keys.workers, {self.worker: 0})  # dead from now on
            self._reclaim()
        except Exception as exc:
            log.warning("frontier: could not hand back this worker's requests: %s", exc)


def _ms(seconds: float) -> int:
    return int(seconds * 1000)
