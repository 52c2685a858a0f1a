"""robots.txt, settled before anything else of its host is requested (RFC 9309).

Replaces Scrapy's ``RobotsTxtMiddleware``. Invariants:

- no request for a host leaves before that host's robots.txt is *settled*; requests that
  arrive while it loads wait for the verdict (each waiter gets it: none is let through);
- settled means one of: parsed (obey it), a 4xx answer (no rules: everything allowed), or
  **unavailable**: a 5xx or 429 answer after retries, a body over ``ROBOTS_MAXSIZE``, an
  unreachable host or an off-site redirect. Unavailable means complete disallow for that
  host for the run, as RFC 9309 asks, with one warning line and a ``fetches`` row for the
  robots.txt URL (outcome ``robots_unavailable``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

from crawler.failures import ROBOTS_5XX, ROBOTS_UNREADABLE, FailureLog, over_size_cap, unreachable_cause
from crawler.frontier import run_session
from crawler.items import FetchFailure

log = logging.getLogger(__name__)

ROBOTS_MAXSIZE = 1024 * 1024  # twice the 500 KiB RFC 9309 asks crawlers to read at least
PRIORITY = 1000


@dataclass(frozen=True)
class Unavailable:
    """A robots.txt that could not be read: the host is skipped for the run."""

    url: str
    cause: str  # a crawler.failures cause
    detail: str
    status: int = 0


Verdict = RobotParser | Unavailable | None  # None: no rules (4xx), everything allowed


class RobotsUnavailable(IgnoreRequest):
    """A request refused because its host's robots.txt is unavailable."""


class RobotsGate:
    """Downloader middleware: obey robots.txt, waiting for it, and skip hosts whose robots.txt is unavailable."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.useragent: str = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        self._parser_class: Any = load_object(settings.get("ROBOTSTXT_PARSER"))
        self._verdicts: dict[str, Verdict] = {}
        self._waiting: dict[str, list[Deferred[Verdict]]] = {}
        self.failures = FailureLog(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsGate:
        return cls(crawler)

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith(("http://", "https://")):
            return
        verdict = await self._verdict(request)
        if isinstance(verdict, Unavailable):
            self._inc("akhbar/robots_skipped")
            raise RobotsUnavailable(f"robots.txt unavailable ({verdict.detail}): host skipped for this run")
        if verdict is not None and not verdict.allowed(request.url, self.useragent):
            self._inc("robotstxt/forbidden")
            raise IgnoreRequest("Forbidden by robots.txt")

    async def _verdict(self, request: Request) -> Verdict:
        parts = urlparse_cached(request)
        netloc = parts.netloc
        if netloc in self._verdicts:
            return self._verdicts[netloc]
        if netloc in self._waiting:  # robots.txt is loading: wait for it, like the first request
            waiter: Deferred[Verdict] = Deferred()
            self._waiting[netloc].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[netloc] = []
        try:
            verdict = await self._fetch(f"{parts.scheme}://{netloc}/robots.txt", request.meta.get("akhbar_site"))
        except Exception as exc:  # never leave the waiters hanging
            verdict = Unavailable(f"{parts.scheme}://{netloc}/robots.txt", ROBOTS_UNREADABLE, f"{type(exc).__name__}")
        self._verdicts[netloc] = verdict
        for waiter in self._waiting.pop(netloc):
            waiter.callback(verdict)
        return verdict

    async def _fetch(self, url: str, site: str | None) -> Verdict:
        req = Request(
            url,
            priority=PRIORITY,
            meta={"dont_obey_robotstxt": True, "download_maxsize": ROBOTS_MAXSIZE, "akhbar_robots_of": site},
            callback=NO_CALLBACK,
        )
        self._inc("robotstxt/request_count")
        try:
            response: Response = await self.crawler.engine.download_async(req)
        except Exception as exc:
            cause = unreachable_cause(exc) or ROBOTS_UNREADABLE
            detail = str(exc) or type(exc).__name__
            if over_size_cap(detail):
                detail = f"over the {ROBOTS_MAXSIZE // 1024} KiB cap"
            return self._unavailable(Unavailable(url, cause, detail), site)
        self._inc(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500 or response.status == 429:
            return self._unavailable(Unavailable(url, ROBOTS_5XX, f"HTTP {response.status}", response.status), site)
        if response.status >= 400:
            return None  # RFC 9309: robots.txt unavailable (4xx) means no rules
        if len(response.body) > ROBOTS_MAXSIZE:
            return self._unavailable(Unavailable(url, ROBOTS_UNREADABLE, "over the size cap", response.status), site)
        parser: RobotParser = build_from_crawler(self._parser_class, self.crawler, response.body)
        await self.crawler.signals.send_catch_log_async(signal=signals.robots_parsed, robotparser=parser, request=req)
        return parser

    def _unavailable(self, verdict: Unavailable, site: str | None) -> Unavailable:
        name = site or "-"
        self.failures.unreachable(
            name, verdict.cause, f"robots.txt {verdict.url}: {verdict.detail}: site skipped for this run"
        )
        session = run_session(self.crawler)
        if session is not None:
            session.record_failure(
                FetchFailure(
                    url=verdict.url,
                    error=f"robots.txt {verdict.detail}: host skipped for this run",
                    outcome="robots_unavailable",
                    site=site,
                    role="robots",
                    status=verdict.status,
                )
            )
        return verdict
