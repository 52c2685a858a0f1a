"""What a run may still fetch: the spider middleware between the spider's requests and Scrapy.

The spider proposes requests (with ``akhbar_site`` and ``akhbar_role`` in their meta); the
frontier decides which of them go out, from what the store already knows:

* an article URL already stored is dropped unless ``--recrawl`` (counted as
  ``akhbar/<site>/known``), and so is a followed listing link that once redirected to a
  stored article (start pages, ``dont_filter``, are always asked);
* each article or listing URL is asked at most once per run and spends one page of its
  site's ``max_pages_per_run``; asked again, it costs nothing (a known URL costs nothing
  either: the checks come in that order);
* feed and sitemap requests carry the validators stored for them (``If-None-Match``,
  ``If-Modified-Since``), and a feed or sitemap response's validators are saved once the
  spider has read it (it sets ``akhbar_read`` in the response's meta): one that could not be
  parsed must be fetched in full next time, not skipped as unchanged.

The store is reached through the run's session, which the item pipeline owns (Scrapy's
``crawler.get_item_pipeline``); nothing is hung on the crawler. This frontier belongs to one
crawl process; :mod:`crawler.redisfrontier` shares "once per run" and the page budget between
processes (``akhbar crawl --frontier redis://...``), the store's known URLs stay each worker's own.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from crawler.discovery import canonicalize_url

if TYPE_CHECKING:
    from crawler.run.session import CrawlSession
    from crawler.seeds import Site

log = logging.getLogger(__name__)

BUDGETED = ("article", "listing")
CONDITIONAL = ("feed", "sitemap")
READ_FLAG = "akhbar_read"  # set by the spider in a feed's or sitemap's response meta once parsed
ASKED, OVER_BUDGET, SPENT = "asked", "over_budget", "spent"  # what _spend says of a URL


def run_session(crawler: Crawler) -> CrawlSession | None:
    """The crawl's session, owned by the store pipeline; None before the engine has built it."""
    from crawler.pipelines import StorePipeline

    try:
        pipeline = crawler.get_item_pipeline(StorePipeline)
    except (RuntimeError, AttributeError):  # the engine is not running (yet)
        return None
    return pipeline.session if pipeline is not None else None


class Frontier:
    """Drops known and over-budget requests, adds and saves HTTP validators (see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.recrawl = crawler.settings.getbool("AKHBAR_RECRAWL")
        self.sites: dict[str, Site] = {s.name: s for s in crawler.settings.getlist("AKHBAR_SITE_OBJECTS")}
        self.spent: Counter[str] = Counter()  # article and listing requests made per site
        self.requested: set[str] = set()  # article and listing URLs already asked in this run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Frontier:
        return cls(crawler)

    # -- Scrapy entry points -------------------------------------------------------------
    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for out in start:
            if (out := self._admit(out)) is not None:
                yield out

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for out in result:
            if (out := self._admit(out)) is not None:
                yield out
        self._read(response)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for out in result:
            if (out := self._admit(out)) is not None:
                yield out
        self._read(response)

    # -- decisions -----------------------------------------------------------------------
    def _admit(self, out: Any) -> Any:
        if not isinstance(out, Request):
            return out
        role = out.meta.get("akhbar_role")
        name = out.meta.get("akhbar_site")
        if role in CONDITIONAL:
            return self._conditional(out)
        if role not in BUDGETED or name is None:
            return out
        known_checked = role == "article" or not out.dont_filter
        if known_checked and not self.recrawl and self._done(out.url):
            if role == "article":
                self._count(f"akhbar/{name}/known")
            return None
        site = self.sites.get(name)
        verdict = self._spend(out, name, site.max_pages_per_run if site is not None else None)
        if verdict == OVER_BUDGET:
            self._count(f"akhbar/{name}/over_budget")
        return out if verdict == SPENT else None

    def _spend(self, request: Request, name: str, budget: int | None) -> str:
        """Whether ``request`` may go out: :data:`ASKED` (its URL was asked before in this run),
        :data:`OVER_BUDGET` (its site's pages are spent) or :data:`SPENT` (it goes, and costs its
        site one page). The shared frontier (:mod:`crawler.redisfrontier`) lets every request go
        and decides for all its workers when it is queued."""
        url = request.url
        if url in self.requested:
            return ASKED
        if budget is not None and self.spent[name] >= budget:
            return OVER_BUDGET
        self.requested.add(url)
        self.spent[name] += 1
        return SPENT

    def _done(self, url: str) -> bool:
        session = run_session(self.crawler)
        return session.url_done(canonicalize_url(url)) if session is not None else False

    def _conditional(self, request: Request) -> Request:
        session = run_session(self.crawler)
        if session is None:
            return request
        etag, modified = session.validators(canonicalize_url(request.url))  # stored in canonical form
        if etag:
            request.headers.setdefault("If-None-Match", etag)
        if modified:
            request.headers.setdefault("If-Modified-Since", modified)
        return request

    def _read(self, response: Response | None) -> None:
        if response is None or not response.meta.get(READ_FLAG):
            return
        session = run_session(self.crawler)
        if session is None:
            return
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        session.save_validators(
            canonicalize_url(response.request.url if response.request else response.url),
            etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None,
        )

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
