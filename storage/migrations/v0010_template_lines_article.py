"""Schema version 10: ``template_lines.article_id``, the article whose storing set the count.

Writers sharing one store (PostgreSQL) decide one page at a time; before deciding, each catches up
on the template counts the others changed since its last look (the rows naming a newer article).
Counts written before this version keep NULL: every writer reads them when it opens the store.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

VERSION = 10


def upgrade(conn: Connection) -> None:
    # a store created at this version or later has the column from version 4's table already
    if "article_id" not in {c["name"] for c in inspect(conn).get_columns("template_lines")}:
        conn.execute(text("ALTER TABLE template_lines ADD COLUMN article_id INTEGER"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_template_lines_article_id ON template_lines (article_id)"))
