"""An article page's rows in one PostgreSQL statement: what :meth:`storage.store.Store.save` writes.

A writer of a shared store saves each page while it holds the decision lock, so every round trip
there is time the other writers wait. On PostgreSQL the fetch, the article (its own event id when it
opens one), its signature, its event terms, its search terms and the template-line counts it changed go
in one statement (data-modifying ``WITH`` clauses), instead of one statement each.

Invariant: the statement writes exactly the rows the plain path of ``Store.save`` writes (the columns
come from the row types of :mod:`storage.rows`; the ids from the same sequences), and returns the
article's id.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache

from storage.rows import ArticleRow, EventTermsRow, FetchRow, PageRows, SignatureRow

Row = FetchRow | ArticleRow | SignatureRow | EventTermsRow


def _columns(row: type[Row], prefix: str) -> tuple[str, str]:
    """The columns of ``row``'s table and their parameters (``%(prefix_column)s``)."""
    names = [f.name for f in fields(row)]
    return ", ".join(names), ", ".join(f"%({prefix}_{name})s" for name in names)


def _params(prefix: str, row: Row) -> dict[str, object]:
    """``row``'s values as the parameters :func:`_columns` names."""
    return {f"{prefix}_{f.name}": getattr(row, f.name) for f in fields(row)}


@cache
def _statement(signature: bool, event_terms: bool, search_terms: bool) -> str:
    """The statement for a page with the given optional rows (built once per combination)."""
    fetch_columns, fetch_values = _columns(FetchRow, "f")
    article_columns, article_values = _columns(ArticleRow, "a")
    # the article's id is drawn first, so that an article opening its event is written with its own id as
    # event_id; its other values are bound as they are
    article_values = article_values.replace("%(a_event_id)s", "coalesce(%(a_event_id)s, (SELECT id FROM n))")
    parts = [
        f"f AS (INSERT INTO fetches ({fetch_columns}) VALUES ({fetch_values}) RETURNING id)",
        "n AS (SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS id)",
        f"a AS (INSERT INTO articles (id, fetch_id, {article_columns})"
        f" VALUES ((SELECT id FROM n), (SELECT id FROM f), {article_values}) RETURNING id)",
        "t AS (INSERT INTO template_lines (site, line_key, pages, article_id)"
        " SELECT %(t_site)s, k, p, (SELECT id FROM a)"
        " FROM unnest(%(t_keys)s::bigint[], %(t_pages)s::integer[]) AS u(k, p) ON CONFLICT (site, line_key)"
        " DO UPDATE SET pages = excluded.pages, article_id = excluded.article_id)",
    ]
    if signature:
        columns, values = _columns(SignatureRow, "s")
        parts.append(f"s AS (INSERT INTO signatures (article_id, {columns}) VALUES ((SELECT id FROM a), {values}))")
    if event_terms:
        columns, values = _columns(EventTermsRow, "e")
        parts.append(f"e AS (INSERT INTO event_terms (article_id, {columns}) VALUES ((SELECT id FROM a), {values}))")
    if search_terms:
        parts.append("q AS (INSERT INTO search_terms (article_id, terms) VALUES ((SELECT id FROM a), %(q_terms)s))")
    return "WITH " + ",\n".join(parts) + "\nSELECT id FROM a"


def article_statement(rows: PageRows) -> tuple[str, dict[str, object]]:
    """The statement that writes ``rows`` (a page with an article) and its parameters."""
    assert rows.article is not None
    params = {**_params("f", rows.fetch), **_params("a", rows.article)}
    params.update(
        t_site=rows.template_site,
        t_keys=[key for key, _ in rows.template_lines],
        t_pages=[pages for _, pages in rows.template_lines],
    )
    if rows.signature is not None:
        params.update(_params("s", rows.signature))
    if rows.event_terms is not None:
        params.update(_params("e", rows.event_terms))
    if rows.search_terms is not None:
        params["q_terms"] = rows.search_terms
    sql = _statement(rows.signature is not None, rows.event_terms is not None, rows.search_terms is not None)
    return sql, params
