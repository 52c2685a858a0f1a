"""What became of an input page: the ``fetches.outcome`` vocabulary."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """Outcome of one input page; stored verbatim in ``fetches.outcome``."""

    ARTICLE = "article"  # an article was extracted and stored
    HTTP_ERROR = "http_error"  # status >= 400
    NOT_HTML = "not_html"  # image, PDF, JSON, binary...
    EMPTY = "empty"  # no body, or no article text could be extracted
    TOO_LARGE = "too_large"  # body above the size cap
    ERROR = "error"  # undecodable garbage, parser failure
    MALFORMED = "malformed"  # unreadable archive record
    SEEN_URL = "seen_url"  # an article with this URL is already stored
    NOT_ARTICLE = "not_article"  # listing, feed, sitemap, robots.txt (crawler only)
    TIMEOUT = "timeout"  # extraction exceeded its time budget
    OFF_SITE = "off_site"  # a request or redirect hop outside its site's boundary: refused, never sent
    ROBOTS_UNAVAILABLE = "robots_unavailable"  # robots.txt 5xx, unreadable or unreachable: site skipped this run


class Rejected(Exception):
    """Raised by the core when a page yields no article; carries the outcome."""

    def __init__(self, outcome: Outcome, detail: str = "") -> None:
        super().__init__(f"{outcome.value}: {detail}" if detail else outcome.value)
        self.outcome = outcome
        self.detail = detail

    def __reduce__(self) -> tuple[type[Rejected], tuple[Outcome, str]]:  # picklable across worker processes
        return (Rejected, (self.outcome, self.detail))
