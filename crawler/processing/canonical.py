"""Which URL names an extracted article: a page's ``<link rel=canonical>`` is a hint, not an identity.

CMSs get canonical links wrong all the time: every article pointing at the home page, at
its section, or at another article (a template bug, a copy-pasted head). Trusting them
stores an article under someone else's URL and drops the next one as "already seen".

Invariant: the canonical URL replaces the fetched URL only when it is *plausibly the same
article*: an http(s) URL on the same site (``www.``/``m.``/``amp.`` aside), not the site root,
and carrying the fetched URL's identity: the article number when the fetched URL has one
(a run of 3+ digits in its last path segment or query, e.g. ``/slug-123.html``,
``?id=123``) found anywhere in the canonical's path or query, else the same last path
segment (the slug). Otherwise the fetched URL stays
the article's URL. (The store adds the second half of the promise: an article whose
canonical URL is already stored with other text is kept under its own URL, never dropped.)
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from lxml.html import HtmlElement

_SITE_PREFIXES = ("www.", "m.", "amp.", "mobile.")
_NUMBER = re.compile(r"\d{3,}")
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp|shtml)$", re.I)


# a web archive's replay URL: ".../web/20230514083211/https://www.site.example/a/1" (the Wayback Machine
# and every pywb-based archive: a collection, a 14-digit capture time with an optional replay mode, then
# the original URL)
_REPLAY = re.compile(r"^/(?:[\w.-]+/)*\d{14}(?:[a-z]{2}_)?/(https?:/{1,2}.+)$", re.I)


def archived_original(url: str) -> str | None:
    """The original URL a web archive's replay URL shows, else None (``url`` is not a replay URL)."""
    parts = urlsplit(url)
    match = _REPLAY.match(parts.path)
    if match is None:
        return None
    original = re.sub(r"^(https?:)/+", r"\1//", match.group(1))
    return original + (f"?{parts.query}" if parts.query else "")


def site_host(host: str | None) -> str:
    host = (host or "").lower().rstrip(".")
    for prefix in _SITE_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def _last_segment(path: str) -> str:
    segments = [s for s in unquote(path).split("/") if s and s.lower() not in ("amp", "index.html", "index.php")]
    return _EXTENSION.sub("", segments[-1]).lower() if segments else ""


def _numbers(url: str, *, whole_path: bool = False) -> set[str]:
    """Article-number candidates: 3+ digit runs of the last path segment (or the whole path) and query."""
    parts = urlsplit(url)
    found = set(_NUMBER.findall(unquote(parts.path) if whole_path else _last_segment(parts.path)))
    for _key, value in parse_qsl(parts.query):
        found.update(_NUMBER.findall(value))
    return found


def plausible_canonical(page_url: str, canonical: str) -> bool:
    """Whether ``canonical`` (absolute) may name the article fetched from ``page_url``."""
    page, target = urlsplit(page_url), urlsplit(canonical)
    if target.scheme not in ("http", "https"):
        return False
    if page.scheme in ("http", "https") and site_host(target.hostname) != site_host(page.hostname):
        return False
    if not _last_segment(target.path) and not target.query:
        return False  # the site root (or an index page): never one article's name
    if page.scheme not in ("http", "https"):
        return True  # a saved file: its canonical link is the only URL it has
    ids = _numbers(page_url)
    if ids:
        return bool(ids & _numbers(canonical, whole_path=True))
    return _last_segment(page.path) == _last_segment(target.path)


def canonical_hrefs(tree: HtmlElement) -> list[str]:
    """The ``href`` of every ``<link rel=canonical>`` of the page, as written (relative ones too)."""
    return [
        link.get("href", "")
        for link in tree.iterfind(".//link")
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
    ]


def article_url(page_url: str, hrefs: list[str]) -> str:
    """The URL to store an article under: its first plausible canonical link, else ``page_url``."""
    for href in hrefs:
        canonical = urljoin(page_url, href.strip())
        if plausible_canonical(page_url, canonical):
            return canonical
    return page_url
