"""Plain data types shared by the spider, the processing core and the store.

``RawPage`` is the only item spiders yield (with ``FetchFailure`` for a request that got no
response). They are plain dataclasses (Scrapy accepts dataclass items), so the processing core
can use them without importing Scrapy. The store pipeline turns each page stored as an article
into a ``StoredArticle``, the one item that leaves the pipeline: what Scrapy's feed exports
(``scrapy crawl news -O items.jsonl``) write, without any raw bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, repr=False)
class RawPage:
    """One fetched (or archived) response, exactly as received."""

    url: str
    body: bytes
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    final_url: str | None = None
    fetched_at: str = field(default_factory=lambda: utc_now())
    site: str | None = None
    truncated: bool = False
    role: str = "article"  # article | listing | feed | sitemap: only articles are extracted

    def __repr__(self) -> str:  # Scrapy logs items: never dump whole bodies
        return f"RawPage({self.role} {self.status} {self.effective_url} {len(self.body)} bytes)"

    @property
    def effective_url(self) -> str:
        """The URL the body was finally served from (after redirects)."""
        return self.final_url or self.url

    def header(self, name: str) -> str | None:
        """First value of a header, case-insensitively."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


def utc_now() -> str:
    """Current UTC time as ISO 8601 with seconds precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class FetchFailure:
    """A request that produced no response (DNS, timeout, refused, too large, redirect loop)."""

    url: str
    error: str
    outcome: str = "error"  # a fetches.outcome value
    site: str | None = None
    role: str = "article"
    fetched_at: str = field(default_factory=lambda: utc_now())
    status: int = 0  # an HTTP status when there was an answer that is not usable (robots.txt 5xx)


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, for Scrapy's feed exports: one JSON line per article."""

    url: str
    title: str | None
    published_at: str | None
    site: str | None
    dup_kind: str  # unique | exact | near
    duplicate_of: str | None = None  # the original's URL, for a copy
    event: int | None = None  # articles.event_id: the event's first article
