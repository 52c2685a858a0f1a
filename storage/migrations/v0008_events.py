"""Schema version 8: same-event links (``articles.event_id``, ``event_score``, views ``events``, ``event_coverage``).

``event_id`` is the id of the first article of the event the article reports (itself when it
opened the event); ``event_score`` the linker's score for the event it joined (NULL when it
opened one, or joined as a copy of its original). The ``events`` view gives one row per event:
how many articles (own reports and copies) and sites covered it, and who was first;
``event_coverage`` one row per event and site: that site's first article and how many hours after
the event's first publication it came. (Views, not tables: they can never disagree with ``articles``.)

Stores written before version 8 have no events: this step links each copy to its original's
event and gives every other article its own, so that every article has an event. Re-process
the archive (``akhbar reprocess``) into a new store to link the events of an older store.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

VERSION = 8

EVENTS_VIEW = """
CREATE VIEW events AS
SELECT e.event_id AS id,
       e.event_id AS first_article_id,
       f.title,
       f.url AS first_url,
       f.site AS first_site,
       e.first_published,
       e.last_published,
       e.size,
       e.own_reports,
       e.site_count,
       e.sites
FROM (
    SELECT event_id,
           COUNT(*) AS size,
           SUM(CASE WHEN dup_kind = 'unique' THEN 1 ELSE 0 END) AS own_reports,
           COUNT(DISTINCT site) AS site_count,
           {sites} AS sites,
           MIN(published_at) AS first_published,
           MAX(published_at) AS last_published
    FROM articles
    WHERE event_id IS NOT NULL
    GROUP BY event_id
) AS e
JOIN articles AS f ON f.id = e.event_id
"""

COVERAGE_VIEW = """
CREATE VIEW event_coverage AS
SELECT s.event_id,
       s.site,
       s.articles,
       a.id AS first_article_id,
       a.url AS first_url,
       a.title AS first_title,
       a.published_at AS first_published,
       {delay} AS delay_hours
FROM (
    SELECT event_id, site, MIN(id) AS first_id, COUNT(*) AS articles
    FROM articles
    WHERE event_id IS NOT NULL
    GROUP BY event_id, site
) AS s
JOIN articles AS a ON a.id = s.first_id
JOIN (SELECT event_id, MIN(published_at) AS published FROM articles GROUP BY event_id) AS e
  ON e.event_id = s.event_id
"""

_DELAY = {
    "sqlite": "ROUND((julianday(a.published_at) - julianday(e.published)) * 24, 2)",
    "postgresql": "ROUND(CAST(EXTRACT(EPOCH FROM (CAST(a.published_at AS timestamptz)"
    " - CAST(e.published AS timestamptz))) / 3600 AS numeric), 2)",
}


def upgrade(conn: Connection) -> None:
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "event_id" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN event_id INTEGER REFERENCES articles (id)"))
    if "event_score" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN event_score FLOAT"))
    conn.execute(
        text(
            "UPDATE articles SET event_id = COALESCE("
            "(SELECT o.event_id FROM articles AS o WHERE o.id = articles.duplicate_of_id), duplicate_of_id, id)"
            " WHERE event_id IS NULL"
        )
    )
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_event_id ON articles (event_id)"))
    has_articles = conn.execute(text("SELECT 1 FROM articles LIMIT 1")).first() is not None
    pending = conn.execute(text("SELECT 1 FROM meta WHERE key = 'events_pending'")).first() is not None
    if has_articles and not pending:  # the next run links them in order (crawler/run/events.py)
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('events_pending', '1')"))
    conn.execute(text("DROP VIEW IF EXISTS events"))
    conn.execute(text("DROP VIEW IF EXISTS event_coverage"))
    dialect = "sqlite" if conn.dialect.name == "sqlite" else "postgresql"
    sites = "group_concat(DISTINCT site)" if dialect == "sqlite" else "string_agg(DISTINCT site, ',')"
    conn.execute(text(EVENTS_VIEW.format(sites=sites)))
    conn.execute(text(COVERAGE_VIEW.format(delay=_DELAY[dialect])))
