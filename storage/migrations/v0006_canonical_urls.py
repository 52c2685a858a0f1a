"""Schema version 6: stored URLs rewritten into the one canonical form.

Before version 6 the crawler kept a URL as it was linked, so one Arabic-slug page linked raw
(``/مثال-1.html``), as ``%d9…`` and as ``%D9…`` was three URLs, and each run fetched it again.
From version 6 on, a URL has one spelling: w3lib's canonical form (percent-encoding in upper
case, non-ASCII percent-encoded as UTF-8, unreserved characters decoded, query arguments
sorted, fragment dropped) without tracking parameters (``utm_*``, ``fbclid``…) or a default
port. This step rewrites the http(s) URLs already stored into that form: ``articles.url``,
``fetches.url``, ``fetches.final_url`` and ``http_validators.url``. Anything else (a file path
of a re-processed HTML file, a string w3lib cannot parse) is left as it is.

Nothing is merged or dropped. ``articles.url`` and ``http_validators.url`` are unique: when two
rows collapse onto one URL, the row that already has it keeps it, else the first row (lowest
``articles.id``; lowest rowid for validators) takes it, and the later rows keep their stored
URL unchanged. ``fetches.record_key`` (the identity of an input page, from the URL it was
fetched from) is not touched, so re-processing the archive still finds every page stored.

The rules are frozen here (the tracking-parameter list is a copy, not an import), so this
step means the same whatever the crawler's canonical form becomes later. It runs in the
migration's one transaction and is idempotent: a canonical URL is its own canonical form.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from sqlalchemy import Connection, text
from w3lib.url import canonicalize_url

VERSION = 6

# Frozen copy of the crawler's tracking parameters as of schema version 6.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|igshid|ref|ref_src|spm|cmpid|at_medium|at_campaign)$",
    re.I,
)


def canonical(url: str) -> str:
    """The version-6 canonical form of an http(s) URL; anything else unchanged."""
    if not url.lower().startswith(("http://", "https://")):
        return url
    try:
        parts = urlsplit(canonicalize_url(url.strip()))
        port = parts.port
    except (ValueError, UnicodeError):
        return url
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _TRACKING.match(unquote_plus(pair.partition("=")[0]))
    )
    netloc = parts.netloc
    if (parts.scheme, port) in (("http", 80), ("https", 443)):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def _rewrite_unique(conn: Connection, table: str, key: str) -> None:
    """Rewrite ``table.url`` (unique) in ``key`` order; a canonical URL already taken leaves the row as it was.

    A new URL is canonical and every URL given up was not, so no update can take a URL another
    update frees: the updates may run in one batch.
    """
    rows = conn.execute(text(f"SELECT {key}, url FROM {table} ORDER BY {key}")).all()
    taken = {url for _, url in rows}
    changes = []
    for row_key, url in rows:
        new = canonical(url)
        if new != url and new not in taken:
            changes.append({"new": new, "key": row_key})
            taken.add(new)
    if changes:
        conn.execute(text(f"UPDATE {table} SET url = :new WHERE {key} = :key"), changes)


def _rewrite_fetches(conn: Connection) -> None:
    changes = []
    for fetch_id, url, final_url in conn.execute(text("SELECT id, url, final_url FROM fetches")):
        new_url, new_final = canonical(url), None if final_url is None else canonical(final_url)
        if (new_url, new_final) != (url, final_url):
            changes.append({"id": fetch_id, "url": new_url, "final_url": new_final})
    if changes:
        conn.execute(text("UPDATE fetches SET url = :url, final_url = :final_url WHERE id = :id"), changes)


def upgrade(conn: Connection) -> None:
    _rewrite_unique(conn, "articles", "id")
    _rewrite_fetches(conn)
    rowid = "rowid" if conn.dialect.name == "sqlite" else "url"
    _rewrite_unique(conn, "http_validators", rowid)
