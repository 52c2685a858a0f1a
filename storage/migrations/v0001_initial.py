"""Schema version 1: the tables, the ``article_clusters`` view, the FTS5 index."""

from __future__ import annotations

from sqlalchemy import Connection, text

from storage.models import Base

VERSION = 1
_TABLES = ("meta", "crawl_runs", "fetches", "articles", "signatures")

_CLUSTERS = """
CREATE VIEW article_clusters AS
SELECT c.cluster_id,
       f.title AS first_title,
       f.url AS first_url,
       f.site AS first_site,
       c.size,
       c.site_count,
       c.sites,
       c.first_published,
       c.last_published
FROM (
    SELECT COALESCE(duplicate_of_id, id) AS cluster_id,
           COUNT(*) AS size,
           COUNT(DISTINCT site) AS site_count,
           {sites} AS sites,
           MIN(published_at) AS first_published,
           MAX(published_at) AS last_published
    FROM articles
    GROUP BY COALESCE(duplicate_of_id, id)
) AS c
JOIN articles AS f ON f.id = c.cluster_id
"""

_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
)


def upgrade(conn: Connection) -> None:
    tables = [t for name, t in Base.metadata.tables.items() if name in _TABLES]
    Base.metadata.create_all(conn, tables=tables)
    dialect = conn.dialect.name
    sites = "group_concat(DISTINCT site)" if dialect == "sqlite" else "string_agg(DISTINCT site, ',')"
    conn.execute(text(_CLUSTERS.format(sites=sites)))
    if dialect == "sqlite":
        for stmt in _FTS:
            conn.execute(text(stmt))
