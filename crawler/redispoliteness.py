"""A site's ``download_delay`` kept across all the workers of a shared frontier.

Invariant: with ``--frontier``, requests to one host are sent at least its seed's
``download_delay`` apart in all workers together, not per worker. Each host has one Redis key
holding the next time (Redis's clock) a request to it may start; an atomic script hands each
request a start time, ``max(now, next)``, and moves ``next`` one delay on; the request waits
for its turn in the download handler, once it has left its worker's download slot, so it is
sent at its turn. (Each worker's own slot still keeps the delay, randomised by Scrapy, and
``CONCURRENT_REQUESTS_PER_DOMAIN`` for its own requests, and AutoThrottle still slows a worker
down: that only delays when a request asks for its turn.) Hosts without a delay cost no Redis call.
"""

from __future__ import annotations

import logging

from redis import Redis
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import reactor, task

from crawler.redisfrontier import Keys

log = logging.getLogger(__name__)

# slot key; delay ms -> ms to wait before this request's turn
_TURN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local turn = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], turn + tonumber(ARGV[1]), 'PX', turn - now + tonumber(ARGV[1]) + 1000)
return turn - now
"""


def take_turn(server: Redis, key: str, delay: float) -> float:
    """Seconds to wait before the next request to the host of ``key`` may start (its turn taken)."""
    return int(server.eval(_TURN, 1, key, int(delay * 1000))) / 1000


class SharedPoliteness(HTTP11DownloadHandler):
    """Scrapy's HTTP(S) download handler, where each request to a host with a delay first waits
    for its global turn: at the moment it would be sent, after its worker's download slot."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        assert crawler.spidercls is not None
        self.keys = Keys(crawler.spidercls.name)
        self.server: Redis = get_redis_from_settings(settings)
        self.default_delay = settings.getfloat("DOWNLOAD_DELAY")
        self.delays: dict[str, float] = {
            host: float(conf["delay"])
            for host, conf in settings.getdict("DOWNLOAD_SLOTS").items()
            if isinstance(conf, dict) and "delay" in conf
        }

    def delay(self, host: str) -> float:
        return self.delays.get(host, self.default_delay)

    async def download_request(self, request: Request) -> Response:
        host = request.meta.get("download_slot") or urlparse_cached(request).hostname or ""
        delay = self.delay(host)
        if delay > 0:
            wait = take_turn(self.server, self.keys.slot_prefix + host, delay)
            if wait > 0:
                log.debug("%s: waiting %.2f s for its turn on %s", request.url, wait, host)
                await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return await super().download_request(request)
