"""AutoThrottle whose floor is each site's own ``download_delay``.

Scrapy's AutoThrottle never goes below the global ``DOWNLOAD_DELAY`` (1 s here), so a seed
asking for 0.25 s was silently slowed to 1 s, and lowering the global value would let
AutoThrottle go below the delay of every site that asked for more. Invariant: a site's
slot never waits less than its seed's ``download_delay`` (its floor) and never more than
``AUTOTHROTTLE_MAX_DELAY``; slots no seed names keep the global floor.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.extensions.throttle import AutoThrottle


class SiteThrottle(AutoThrottle):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        slots = crawler.settings.getdict("DOWNLOAD_SLOTS")
        self.floors: dict[str, float] = {
            key: float(conf["delay"]) for key, conf in slots.items() if isinstance(conf, dict) and "delay" in conf
        }

    def floor(self, slot_key: str | None) -> float:
        """The least delay of a download slot: its site's ``download_delay``, else ``DOWNLOAD_DELAY``."""
        return self.floors.get(slot_key or "", self._min_delay())

    def _response_downloaded(self, response: Any, request: Any, spider: Any) -> None:
        key, _slot = self._get_slot(request, spider)
        self.mindelay = self.floor(key)  # read by the parent's _adjust_delay (one reactor thread)
        super()._response_downloaded(response, request, spider)
