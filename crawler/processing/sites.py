"""The ``site`` an article is stored and learnt under when no seed names it.

Invariant: every page of one registrable domain gets the same value, whatever the page
says about itself: the registrable domain (``fr.hespress.com`` and ``www.hespress.com`` ->
``hespress.com``; public suffixes such as ``com.sa`` are respected), else the host without
``www.`` (IP addresses, ``.example`` and other unlisted suffixes), else None. A page's
self-declared name (``og:site_name``, JSON-LD publisher, a title suffix) is unstable across
the pages of one outlet (a headline, an agency from the byline, escaped entities), so it is
used only to clean titles and bylines, never as the site.
(In a crawl the seed's name is the site; see ``storage.store.Store.add_article``.)
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from tld import get_fld

from crawler.processing.canonical import archived_original

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


def site_of(url: str) -> str | None:
    """The stable site value of a page URL (see the module's invariant); for a web archive's replay
    URL (``web.archive.org/web/2023.../https://www.hespress.com/...``), the archived page's site."""
    parts = urlsplit(archived_original(url) or url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    domain = get_fld(f"http://{host}/", fail_silently=True)
    return str(domain) if domain else host.removeprefix("www.")


def unescape(value: str | None) -> str | None:
    """``value`` with HTML entities decoded, twice-escaped ones (``&amp;quot;``) included."""
    if not value:
        return value
    for _ in range(2):
        if not _ENTITY.search(value):
            break
        value = html.unescape(value)
    return value
