"""``akhbar report``: a static HTML site of the stories copied across sites and the events they covered.

Concern: writing the site (``OUT/index.html``, ``story-N.html``, ``event-N.html``, ``site-….html``) from
read-only queries (:mod:`crawler.report_site.queries`, SQLite or PostgreSQL). Not to be confused with
:mod:`crawler.report`, the end-of-run summaries printed by ``crawl`` and ``reprocess``.

Invariants: the same store (and ``--since``) gives the same files, byte for byte; pages of an earlier
report that this one no longer has are removed (only files named as this module names them); the
pages need nothing but a browser (no server, no network).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from crawler.config import UsageError
from crawler.query import since_param
from crawler.report_site import pages
from crawler.report_site.queries import archive_end, load_events, load_sites, load_stories

log = logging.getLogger(__name__)

_GENERATED = re.compile(r"(story|event)-\d+\.html|site-[0-9a-f]{12}\.html")


def write_report(db_url: str, out: Path, *, since: str | None = None) -> str:
    """Write the site into ``out``; a one-line summary of what was written."""
    since = since_param(since)
    stories = load_stories(db_url, since)
    events = load_events(db_url, since)
    sites = load_sites(db_url, since)
    files = {"index.html": pages.index_page(stories, events, sites, archive_end(db_url), since)}
    files |= {pages.story_file(s): pages.story_page(s) for s in stories if s.articles}
    files |= {pages.event_file(e): pages.event_page(e) for e in events}
    files |= {pages.site_file(s.name): pages.site_page(s) for s in sites}
    try:
        out.mkdir(parents=True, exist_ok=True)
        for old in sorted(out.iterdir()):
            if _GENERATED.fullmatch(old.name) and old.name not in files:
                old.unlink()
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{exc.filename or out}: cannot write the report: {exc.strerror}") from None
    log.info("report: %d files in %s", len(files), out)
    return (
        f"report: {len(stories)} stories, {len(events)} events, {len(sites)} sites: "
        f"{out / 'index.html'} (open it in a browser)"
    )
