"""The site boundary: one check for every request the crawl sends, every redirect hop included.

Invariant: no request leaves for a URL that its site does not allow (scheme http(s), an
allowed host *and* port, no deny pattern). The check reads ``request.url``, the URL exactly
as Scrapy will request it (``Request`` has already passed it through w3lib's
``safe_url_string``, which for instance turns ``\\`` into ``/``), so the check and the
request cannot disagree about the host. Redirects are new requests that come through here
again, so a redirect to another host name, another port or a denied path is refused too.
Requests that belong to no site (robots.txt, fetched by :mod:`crawler.robots` for a host a
request of a site asked for) must be on a host some site allows.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from crawler.seeds import Site

log = logging.getLogger(__name__)


class OffSite(IgnoreRequest):
    """A request outside its site's boundary; the spider records it as ``off_site``."""


class SiteBoundary:
    """Downloader middleware enforcing the site boundary (registered before robots and redirects)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.sites: dict[str, Site] = {s.name: s for s in crawler.settings.getlist("AKHBAR_SITE_OBJECTS")}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBoundary:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        name = request.meta.get("akhbar_site")
        site = self.sites.get(name) if name else None
        if site is not None:
            allowed = site.may_visit(request.url)
        else:
            allowed = any(s.allows_host(request.url) for s in self.sites.values())
        if allowed:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"akhbar/{name or '-'}/off_site")
        hops = request.meta.get("redirect_urls")
        how = f"redirect from {hops[-1]} to" if hops else "request for"
        log.info("%s: refused %s %s: outside the site's boundary", name or "-", how, request.url)
        raise OffSite(f"off-site: {how} {request.url} refused (outside allowed_domains, or denied)")
