"""Redirects as Scrapy follows them, with loops stopped and recorded.

Scrapy's duplicate filter silently drops the hop that closes a loop (A -> B -> A: A was
seen), so the request asked for would leave no trace at all. Here a hop back to a URL of
its own chain fails the request instead, and the spider records it (under the URL first
asked) like any other failed request. The number of hops stays bounded by
``REDIRECT_MAX_TIMES``.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request


class RedirectLoop(IgnoreRequest):
    """A redirect chain that comes back to a URL it already visited."""


class LoopAwareRedirect(RedirectMiddleware):
    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise RedirectLoop(f"redirect loop: {' -> '.join([*chain, redirected.url])}")
        return super()._redirect(redirected, request, reason)
