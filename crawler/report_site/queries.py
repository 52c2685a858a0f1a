"""What the story report reads from the store: read-only queries through :func:`crawler.query.run_query`.

Concern: turning the views ``article_clusters``, ``events``, ``event_coverage`` and the ``articles``
table into plain records for the pages. Works on SQLite and PostgreSQL (portable SQL only).

Invariant: every query has a total order (ties broken by id), so one store gives the same records
every time; the number of stories and events is bounded (:data:`MAX_STORIES`, :data:`MAX_EVENTS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawler.query import run_query
from crawler.report_site.charts import Day

MAX_STORIES = 200  # the clusters with the most sites (then the most copies) get a page
MAX_EVENTS = 200  # likewise for events reported in their own words by several sites


@dataclass(frozen=True)
class Article:
    id: int
    site: str
    url: str
    title: str
    published_at: str | None
    dup_kind: str
    similarity: float | None
    text: str
    duplicate_of_id: int | None = None


@dataclass(frozen=True)
class Story:
    """A cluster: its original (``articles[0]``) and its copies, first seen first."""

    id: int
    title: str
    first_published: str | None
    site_count: int
    articles: list[Article]


@dataclass(frozen=True)
class Report:
    """A site's first report of an event, with its delay after the event's first report."""

    site: str
    articles: int
    delay_hours: float | None
    article: Article


@dataclass(frozen=True)
class Event:
    id: int
    title: str
    first_site: str
    first_published: str | None
    size: int
    own_reports: int
    reports: list[Report]


@dataclass(frozen=True)
class SiteStats:
    name: str
    articles: int
    copies: int
    undated: int
    days: list[Day]


def _site(value: Any) -> str:
    return str(value) if value else "?"


def _articles(db: str, where: str) -> dict[int, Article]:
    sql = (
        "SELECT id, site, url, title, published_at, dup_kind, similarity, text, duplicate_of_id FROM articles"
        f" WHERE {where} ORDER BY id"
    )
    _cols, rows = run_query(db, sql)
    return {
        int(r[0]): Article(
            int(r[0]), _site(r[1]), r[2], r[3] or "", r[4], r[5], r[6], r[7] or "", int(r[8]) if r[8] else None
        )
        for r in rows
    }


def _ids(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)  # integers from the store itself: nothing to inject


def load_stories(db: str, since: str | None, limit: int = MAX_STORIES) -> list[Story]:
    """Clusters with copies, most sites first, then the biggest, then the newest."""
    where, params = "size > 1", ({"since": since} if since else {})
    if since:
        where += " AND first_published >= :since"
    _cols, rows = run_query(
        db,
        "SELECT cluster_id, first_title, first_published, site_count FROM article_clusters"
        f" WHERE {where} ORDER BY site_count DESC, size DESC, COALESCE(first_published, '') DESC, cluster_id"
        f" LIMIT {int(limit)}",
        params,
    )
    if not rows:
        return []
    ids = [int(r[0]) for r in rows]
    members = _articles(db, f"id IN ({_ids(ids)}) OR duplicate_of_id IN ({_ids(ids)})")
    by_cluster: dict[int, list[Article]] = {i: [] for i in ids}
    for article in members.values():  # in id order: the original (the cluster's id) first
        by_cluster[article.duplicate_of_id or article.id].append(article)
    return [Story(int(r[0]), r[1] or "", r[2], int(r[3]), by_cluster[int(r[0])]) for r in rows]


def load_events(db: str, since: str | None, limit: int = MAX_EVENTS) -> list[Event]:
    """Events reported in their own words by several sites, most reports first; each site's first report."""
    where, params = "own_reports > 1", ({"since": since} if since else {})
    if since:
        where += " AND first_published >= :since"
    _cols, rows = run_query(
        db,
        "SELECT id, title, first_site, first_published, size, own_reports FROM events"
        f" WHERE {where} ORDER BY own_reports DESC, site_count DESC, COALESCE(first_published, '') DESC, id"
        f" LIMIT {int(limit)}",
        params,
    )
    if not rows:
        return []
    ids = [int(r[0]) for r in rows]
    _cols, coverage = run_query(
        db,
        "SELECT event_id, site, articles, first_article_id, delay_hours FROM event_coverage"
        f" WHERE event_id IN ({_ids(ids)})"
        " ORDER BY event_id, CASE WHEN delay_hours IS NULL THEN 1 ELSE 0 END, delay_hours, site",
    )
    texts = _articles(db, f"id IN ({_ids([int(c[3]) for c in coverage])})")
    reports: dict[int, list[Report]] = {i: [] for i in ids}
    for event_id, site, articles, first_id, delay in coverage:
        delay_hours = float(delay) if delay is not None else None
        reports[int(event_id)].append(Report(_site(site), int(articles), delay_hours, texts[int(first_id)]))
    return [Event(int(r[0]), r[1] or "", _site(r[2]), r[3], int(r[4]), int(r[5]), reports[int(r[0])]) for r in rows]


def load_sites(db: str, since: str | None) -> list[SiteStats]:
    """Every site: its articles (published since ``since``, when given), copies, and articles per day."""
    where, params = "", ({"since": since} if since else {})
    if since:
        where = " WHERE published_at >= :since"
    copy = "CASE WHEN dup_kind = 'unique' THEN 0 ELSE 1 END"
    _cols, totals = run_query(
        db,
        f"SELECT site, COUNT(*), SUM({copy}), SUM(CASE WHEN published_at IS NULL THEN 1 ELSE 0 END)"
        f" FROM articles{where} GROUP BY site ORDER BY COUNT(*) DESC, site",
        params,
    )
    dated = " AND ".join(x for x in ("published_at IS NOT NULL", where.removeprefix(" WHERE ")) if x)
    _cols, per_day = run_query(
        db,
        f"SELECT site, substr(published_at, 1, 10) AS day, COUNT(*), SUM({copy}) FROM articles WHERE {dated}"
        " GROUP BY site, substr(published_at, 1, 10) ORDER BY site, day",
        params,
    )
    days: dict[str, list[Day]] = {}
    for site, day, n, copies in per_day:
        days.setdefault(_site(site), []).append(Day(str(day), int(n), int(copies or 0)))
    return [
        SiteStats(_site(site), int(n), int(copies or 0), int(undated or 0), days.get(_site(site), []))
        for site, n, copies, undated in totals
    ]


def archive_end(db: str) -> str | None:
    """When the newest article was stored: what the report is as of (from the store, so output is stable)."""
    _cols, rows = run_query(db, "SELECT MAX(stored_at) FROM articles")
    return rows[0][0] if rows else None


def hours_between(first: str | None, later: str | None) -> float | None:
    """Hours from ``first`` to ``later`` (ISO 8601 dates or times); None when either is missing or unreadable.
    A time without an offset is compared as written with one without."""
    if not first or not later:
        return None
    try:
        a, b = datetime.fromisoformat(first), datetime.fromisoformat(later)
    except ValueError:
        return None
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return (b - a).total_seconds() / 3600
