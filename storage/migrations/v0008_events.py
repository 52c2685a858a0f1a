"""Schema version 8: same-event links (``articles.event_id``, ``articles.event_score``, view ``events``).

``event_id`` is the id of the first article of the event the article reports (itself when it
opened the event); ``event_score`` the linker's score for the event it joined (NULL when it
opened one, or joined as a copy of its original). The ``events`` view gives one row per event:
how many articles (own reports and copies) and sites covered it, and who was first.

Stores written before version 8 have no events: this step links each copy to its original's
event and gives every other article its own, so that every article has an event. Re-process
the archive (``akhbar reprocess``) into a new store to link the events of an older store.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

VERSION = 8

EVENTS_VIEW = """
CREATE VIEW events AS
SELECT e.event_id,
       f.title AS first_title,
       f.url AS first_url,
       f.site AS first_site,
       e.size,
       e.own_reports,
       e.site_count,
       e.sites,
       e.first_published,
       e.last_published
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
    conn.execute(text("DROP VIEW IF EXISTS events"))
    sites = "group_concat(DISTINCT site)" if conn.dialect.name == "sqlite" else "string_agg(DISTINCT site, ',')"
    conn.execute(text(EVENTS_VIEW.format(sites=sites)))
