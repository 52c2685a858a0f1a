"""datasette metadata for the store, generated from README.md: ``python -m crawler.browse.metadata``.

Concern: what datasette shows about the store (title, licence, table and column descriptions,
facets, full-text search, canned queries). The descriptions and the example queries are taken from
README.md's "Schema" section, the one place they are written, and written to ``metadata.yaml``
(package data, read by ``akhbar browse``); a test regenerates it and compares, so the two never drift.

Invariant: the output depends on README.md and this module only (same input, same bytes).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from crawler.browse import DATABASE_NAME, METADATA_FILE

README = Path(__file__).resolve().parents[2] / "README.md"

# Facets shown on a table's page (datasette: a column name, or {"date": column} for a per-day facet).
FACETS: dict[str, list[Any]] = {
    "articles": ["site", "dup_kind", "language", {"date": "published_at"}],
    "fetches": ["outcome", "site"],
    "crawl_runs": ["kind", "finish_reason"],
    "event_coverage": ["site"],
    "article_clusters": ["first_site", "site_count"],
    "events": ["first_site", "site_count"],
}
SORT_DESC = {"articles": "id", "fetches": "id", "crawl_runs": "id", "article_clusters": "size", "events": "size"}

# Canned queries beyond the README's examples. A canned query is plain SQL: it cannot normalise Arabic
# as `akhbar search` does, so "search" matches an exact normalised form of the search index.
QUERIES: list[tuple[str, str, str, str]] = [
    (
        "stories_on_several_sites",
        "Stories on more than one site",
        "Clusters (an original and its copies) published by two sites or more, most sites first.",
        "SELECT cluster_id, site_count, size, sites, first_site, first_published, first_title, first_url\n"
        "FROM article_clusters WHERE site_count > 1\n"
        "ORDER BY site_count DESC, size DESC, cluster_id",
    ),
    (
        "copies_of_article",
        "Copies of article N",
        "The story of article :id (an original or any of its copies): the original first, then every copy.",
        "SELECT a.id, a.site, a.published_at, a.dup_kind, a.similarity, a.title, a.url\n"
        "FROM articles AS a\n"
        "WHERE a.id = (SELECT coalesce(duplicate_of_id, id) FROM articles WHERE id = :id)\n"
        "   OR a.duplicate_of_id = (SELECT coalesce(duplicate_of_id, id) FROM articles WHERE id = :id)\n"
        "ORDER BY a.id",
    ),
    (
        "site_today",
        "What did site X publish today",
        "Articles of site :site whose publication date (the date as the site wrote it) is today's (UTC) date.",
        "SELECT id, published_at, dup_kind, title, url FROM articles\n"
        "WHERE site = :site AND substr(published_at, 1, 10) = date('now')\n"
        "ORDER BY published_at DESC, id DESC",
    ),
    (
        "why_rejected",
        "Why were pages rejected",
        "Pages that gave no article, by outcome and site, with an example (see fetches.outcome in the schema).",
        "SELECT outcome, site, COUNT(*) AS pages, MIN(detail) AS example_detail, MIN(url) AS example_url\n"
        "FROM fetches WHERE outcome != 'article'\n"
        "GROUP BY outcome, site ORDER BY pages DESC, outcome, site",
    ),
    (
        "search",
        "Search (exact normalised words)",
        "Articles whose search terms contain the word :q exactly as the index normalises it (أ/إ/آ → ا, ة → ه, "
        "ى → ي, no diacritics; clitics و ف ب ك ل ال come off). SQL cannot normalise what you type: "
        "`akhbar search` does, and also takes several words and prefixes.",
        "SELECT a.id, a.published_at, a.site, a.title, a.url\n"
        "FROM search_terms_fts JOIN articles AS a ON a.id = search_terms_fts.rowid\n"
        "WHERE search_terms_fts MATCH '\"' || replace(:q, '\"', '\"\"') || '\"'\n"
        "ORDER BY bm25(search_terms_fts), a.id LIMIT 100",
    ),
]


def _plain(markdown: str) -> str:
    """README text as datasette shows it: no backticks, no emphasis."""
    return re.sub(r"\*\*(.*?)\*\*", r"\1", markdown.replace("`", "")).strip()


def schema_sections(readme: str) -> dict[str, tuple[str, dict[str, str]]]:
    """README's documented tables and views: name → (description, {column: meaning}), in order."""
    section = readme.split("## Schema", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, tuple[str, dict[str, str]]] = {}
    for match in re.finditer(r"### (?:Table|View) `(\w+)`\n(.*?)(?=\n### |\Z)", section, re.S):
        body = match.group(2)
        intro = " ".join(line.strip() for line in body.split("\n|", 1)[0].splitlines() if line.strip())
        columns = {
            name: _plain(meaning)
            for name, _type, meaning in re.findall(r"^\| (\w+) \| (\w+) \| (.*?) \|$", body, re.M)
            if name != "column"
        }
        tables[match.group(1)] = (_plain(intro), columns)
    return tables


def example_queries(readme: str) -> list[tuple[str, str]]:
    """README's example queries: (comment, SQL), in order."""
    section = readme.split("### Example queries", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    queries = []
    for block in section.strip().split("\n\n"):
        lines = block.strip().splitlines()
        queries.append((lines[0].removeprefix("--").strip(), "\n".join(lines[1:]).strip().rstrip(";")))
    return queries


def _slug(title: str, most: int = 48) -> str:
    """A canned query's URL name: the title's first words, lower case, at most ``most`` characters."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", title.lower()):
        if slug and len(slug) + 1 + len(word) > most:
            break
        slug = f"{slug}_{word}" if slug else word
    return slug


def build(readme: str) -> dict[str, Any]:
    """The metadata as a dict (datasette 0.65 ``--metadata`` format)."""
    tables: dict[str, Any] = {}
    for name, (description, columns) in schema_sections(readme).items():
        table: dict[str, Any] = {"description": description} if description else {}
        if name == "articles":
            table |= {"label_column": "title", "fts_table": "articles_fts", "fts_pk": "id"}
        if name in FACETS:
            table["facets"] = FACETS[name]
        if name in SORT_DESC:
            table["sort_desc"] = SORT_DESC[name]
        table["columns"] = columns
        tables[name] = table
    queries: dict[str, Any] = {}
    for title, sql in example_queries(readme):
        queries[_slug(title)] = {"title": title[:1].upper() + title[1:], "sql": sql}
    for key, title, description, sql in QUERIES:
        queries[key] = {"title": title, "description": description, "sql": sql}
    return {
        "title": "akhbar: a de-duplicated archive of the news",
        "description": "Articles as published, their copies on other sites (dup_kind, duplicate_of_id), events "
        "covered by several sites, and every fetch. Read-only. Full-text search: articles_fts (exact word forms); "
        "`akhbar search` finds words with their clitics and spelling variants.",
        "license": "Apache-2.0 (akhbar); the articles belong to their publishers",
        "license_url": "https://www.apache.org/licenses/LICENSE-2.0",
        "databases": {DATABASE_NAME: {"tables": tables, "queries": queries}},
    }


def render(readme: str) -> str:
    """``metadata.yaml``'s text."""
    import yaml  # a datasette dependency: only needed to (re)generate the file

    class Dumper(yaml.SafeDumper):
        """Multi-line SQL as a literal block, as it was written."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    header = "# Generated from README.md by `python -m crawler.browse.metadata`: edit README.md or that module.\n"
    body = yaml.dump(build(readme), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)
    return header + body


def main() -> int:
    METADATA_FILE.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {METADATA_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
