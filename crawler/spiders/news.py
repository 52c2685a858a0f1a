"""One spider for all enabled sites: feeds, sitemaps, bounded link following -> RawPage.

Feeds and sitemaps are fetched first (highest priority, conditional requests), then
articles; listings (start URLs and the pages they link to) are the fallback. The
spider decides nothing about content: every response becomes a ``RawPage`` for the
pipeline, every failed request a ``FetchFailure``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import Any, TypeVar

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from crawler.boundary import OffSite
from crawler.deadline import CUT_FLAG, DeadlineCut
from crawler.discovery import NotXml, canonicalize_url, feed_entries, is_pagination, page_links, sitemap_entries
from crawler.failures import TIMEOUT, FailureLog, over_size_cap, unreachable_cause
from crawler.frontier import READ_FLAG
from crawler.items import FetchFailure, RawPage, utc_now
from crawler.redirects import RedirectLoop
from crawler.robots import RobotsUnavailable
from crawler.seeds import Site, load_seeds, select_sites

log = logging.getLogger(__name__)

T = TypeVar("T")
PRIORITY = {"feed": 30, "sitemap": 30, "article": 20, "listing": 0}


def _sites_from(settings: BaseSettings, *, warn: bool = True) -> list[Site]:
    from pathlib import Path

    sites, errors = load_seeds(Path(settings.get("AKHBAR_SEEDS_DIR", "seeds")))
    for err in errors if warn else ():
        log.warning("skipping %s", err)
    return select_sites(sites, settings.getlist("AKHBAR_SITES"))


def _select(settings: BaseSettings, *, warn: bool = True) -> None:
    """The run's sites, from the seeds and ``AKHBAR_SITES``, and their download slots."""
    sites = _sites_from(settings, warn=warn)
    slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
    per_site = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 2)
    for site in sites:
        for domain in site.allowed_domains:
            slots.setdefault(domain.split(":")[0], {"delay": site.download_delay, "concurrency": per_site})
    settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
    settings.set("AKHBAR_SITE_NAMES", [s.name for s in sites], priority="spider")
    settings.set("AKHBAR_SITE_OBJECTS", sites, priority="spider")  # loaded once (per choice of sites)


class NewsSpider(scrapy.Spider):
    """``scrapy crawl news [-a sites=NAME,NAME]``: ``-a sites`` is ``akhbar crawl --site``."""

    name = "news"

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        _select(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        if "sites" in kwargs:  # -a sites=medina,atlas: chosen before the frontier and the pipeline read them
            names = [n.strip() for n in str(kwargs.pop("sites")).split(",") if n.strip()]
            crawler.settings.set("AKHBAR_SITES", names, priority="cmdline")
            _select(crawler.settings, warn=False)  # warned about when the seeds were first read
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.sites = {s.name: s for s in crawler.settings.getlist("AKHBAR_SITE_OBJECTS")}
        spider.failures = FailureLog(crawler)
        spider.failures.quieten_scrapy()
        return spider

    sites: dict[str, Site]
    failures: FailureLog

    # -- helpers -----------------------------------------------------------------
    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def _request(self, url: str, site: Site, role: str, depth: int, **kw: Any) -> Request:
        """A request of ``site``: whether it goes out (known, over budget) is the frontier's call."""
        callback = {"feed": self.parse_feed, "sitemap": self.parse_sitemap, "article": self.parse_article}.get(
            role, self.parse_listing
        )
        meta = {"akhbar_site": site.name, "akhbar_role": role, "akhbar_depth": depth}
        return Request(url, callback=callback, errback=self.on_error, meta=meta, priority=PRIORITY[role], **kw)

    def _xml_request(self, url: str, site: Site, role: str) -> Request:
        return self._request(url, site, role, 1, dont_filter=True)  # the frontier adds the validators

    def _article_request(self, url: str, site: Site, depth: int) -> Request | None:
        canon = canonicalize_url(url)
        if not site.is_article_url(canon):
            return None
        self._count(f"akhbar/{site.name}/article_urls")
        return self._request(canon, site, "article", depth)

    def _raw(self, response: Response, role: str) -> RawPage:
        request_url = (
            response.request.meta.get("redirect_urls", [response.request.url])[0] if response.request else None
        )
        url = request_url or response.url
        self._count(f"akhbar/{response.meta.get('akhbar_site')}/responses")
        headers = tuple((k.decode("latin-1"), b", ".join(v).decode("latin-1")) for k, v in response.headers.items())
        return RawPage(
            url=url,
            final_url=response.url if response.url != url else None,
            body=response.body,
            status=response.status,
            headers=headers,
            fetched_at=utc_now(),
            site=response.meta.get("akhbar_site"),
            role=role,
        )

    def _follow(self, response: Response, site: Site, depth: int) -> Iterator[Request]:
        """Links of an HTML page: articles always, listings within depth (pagination costs none)."""
        found = page_links(response.body, response.url)
        nexts = set(found.next_pages)
        for link in found.links:
            canon = canonicalize_url(link)
            if not site.may_visit(canon):
                continue
            if site.is_article_url(canon):
                req = self._article_request(canon, site, depth + 1)
            elif site.follow_links:
                next_depth = depth if (link in nexts or is_pagination(canon)) else depth + 1
                req = None if next_depth > site.max_depth else self._request(canon, site, "listing", next_depth)
            else:
                req = None
            if req is not None:
                yield req

    # -- Scrapy entry points ---------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for site in self.sites.values():
            for url in site.feeds:
                yield self._xml_request(url, site, "feed")
            for url in site.sitemaps:
                yield self._xml_request(url, site, "sitemap")
            for url in site.start_urls:
                yield self._request(url, site, "listing", 0, dont_filter=True)

    def _read_xml(
        self, response: Response, role: str, parse: Callable[[bytes, str], T]
    ) -> Generator[Any, None, T | None]:  # yields the RawPage, returns what ``parse`` read (None: nothing usable)
        """Archive a feed or sitemap response and parse it. Its HTTP validators (``ETag``,
        ``Last-Modified``) are saved only when it was read: a feed that could not be parsed
        must be fetched in full again next time, not skipped as unchanged."""
        site = self.sites[response.meta["akhbar_site"]]
        if response.status == 304:
            self._count(f"akhbar/{site.name}/{role}_not_modified")
            return None
        yield self._raw(response, role)
        if response.status >= 400:
            log.warning("%s: %s %s: HTTP %s", site.name, role, response.url, response.status)
            return None
        if response.status != 200:
            return None
        try:
            parsed = parse(response.body, response.url)
        except NotXml as exc:
            log.warning("%s: %s %s: %s", site.name, role, response.url, exc)
            return None
        response.meta[READ_FLAG] = True  # the frontier saves its validators
        return parsed

    def parse_feed(self, response: Response) -> Iterator[Any]:
        site = self.sites[response.meta["akhbar_site"]]
        entries = yield from self._read_xml(response, "feed", feed_entries)
        for url in entries or []:
            if (req := self._article_request(url, site, 1)) is not None:
                yield req

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        site = self.sites[response.meta["akhbar_site"]]
        sitemap = yield from self._read_xml(response, "sitemap", sitemap_entries)
        if sitemap is None:
            return
        for url in sitemap.urls:
            if sitemap.is_index:
                if site.may_visit(url):
                    yield self._xml_request(url, site, "sitemap")
            elif (req := self._article_request(url, site, 1)) is not None:
                yield req

    def _role_after_redirects(self, response: Response, site: Site, asked: str) -> str:
        """A redirect can turn a listing link into an article (and back): the final URL decides."""
        if not response.meta.get("redirect_urls"):
            return asked
        return "article" if site.is_article_url(canonicalize_url(response.url)) else "listing"

    def parse_listing(self, response: Response) -> Iterator[Any]:
        site = self.sites[response.meta["akhbar_site"]]
        if self._role_after_redirects(response, site, "listing") == "article":
            yield from self.parse_article(response)
            return
        yield self._raw(response, "listing")
        if response.status >= 400:
            log.warning("%s: listing %s: HTTP %s", site.name, response.url, response.status)
            return
        if isinstance(response, scrapy.http.TextResponse):
            yield from self._follow(response, site, response.meta["akhbar_depth"])

    def parse_article(self, response: Response) -> Iterator[Any]:
        site = self.sites[response.meta["akhbar_site"]]
        yield self._raw(response, self._role_after_redirects(response, site, "article"))
        depth = response.meta["akhbar_depth"]
        if (
            site.follow_links
            and depth < site.max_depth
            and response.status < 400
            and isinstance(response, scrapy.http.TextResponse)
        ):
            yield from self._follow(response, site, depth)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """A request without a usable response: a ``fetches`` row under the URL first asked
        (a redirect chain's first hop), and one log line per site and cause, not per request."""
        request = failure.request  # type: ignore[attr-defined]
        site = request.meta.get("akhbar_site")
        role = request.meta.get("akhbar_role", "article")
        asked = request.meta.get("redirect_urls", [request.url])[0]
        message = f"{failure.type.__name__}: {failure.getErrorMessage()}" if failure.type else str(failure.value)
        if failure.check(RobotsUnavailable):  # recorded once, for robots.txt itself
            self._count(f"akhbar/{site}/robots_skipped")
            return
        cause = unreachable_cause(failure.value) if failure.value is not None else None
        if failure.check(DeadlineCut) or (request.meta.get(CUT_FLAG) and cause == TIMEOUT):
            self._count(f"akhbar/{site}/cut_at_deadline")  # --max-seconds came: not the site's fault, asked next run
            return
        if failure.check(OffSite):
            yield FetchFailure(url=asked, error=str(failure.value)[:300], outcome="off_site", site=site, role=role)
            return
        if failure.check(IgnoreRequest) and not failure.check(RedirectLoop) and "robots.txt" in message:
            self._count(f"akhbar/{site}/robots_forbidden")
            return
        outcome = "too_large" if over_size_cap(message) else "error"
        if cause is not None:
            self.failures.unreachable(site or "-", cause, f"{asked}: {message}")
        else:
            log.warning("%s: %s %s failed: %s", site, role, asked, message)
        yield FetchFailure(url=asked, error=message[:300], outcome=outcome, site=site, role=role)
