"""All SQL of akhbar lives here: opening a store, writing pages, reading for the index.

Invariant: the store binds plain rows (:mod:`storage.rows`) and reads plain values back; it imports
no processing logic or type (the runtime builds the rows and normalises what it reads), and a page
is written by one :meth:`Store.save`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine, bindparam, case, create_engine, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import aliased

from crawler.items import RawPage, utc_now
from storage import migrations
from storage.catchup import read_news, signature_table
from storage.db import describe, is_postgresql, open_engine, sqlite_path
from storage.faults import StoreError, WriteError, first_line, is_disk_full
from storage.locks import hold_decision_lock, schema_lock, sqlite_lock, try_decision_lock
from storage.models import (
    Article,
    Base,
    CrawlRun,
    EventTerms,
    Fetch,
    HttpValidator,
    Meta,
    SearchTerms,
    Signature,
    TemplateLine,
)
from storage.pgsave import article_statement
from storage.rows import EventHistoryRow, FetchRow, News, PageRows, Params, Recorded, SignatureTable

log = logging.getLogger(__name__)
P = TypeVar("P", bound=Params)

PARAMS_KEY = "dedup_params"
EVENT_PARAMS_KEY = "event_params"
EVENTS_PENDING_KEY = "events_pending"
SEARCH_PENDING_KEY = "search_pending"
# Built once: the hot path only binds parameters (no statement construction per row).
_INSERT_FETCH = insert(Fetch)
_INSERT_ARTICLE = insert(Article)
_INSERT_SIGNATURE = insert(Signature)
_INSERT_SEARCH_TERMS = insert(SearchTerms)
_INSERT_EVENT_TERMS = insert(EventTerms)
_SET_EVENT = (
    update(Article)
    .where(Article.id == bindparam("aid"))
    .values(event_id=bindparam("event"), event_score=bindparam("score"))
)
_OWN_EVENT = update(Article).where(Article.id == bindparam("aid")).values(event_id=Article.id)
# ... and so are the per-page lookups: a statement object reused keeps its compiled form and cache key
# (building a select per call cost more than running it: ~5 ms of SQLAlchemy work per crawled page).
_HAS_RECORD = select(Fetch.id).where(Fetch.record_key == bindparam("key")).limit(1)
_ARTICLE_EVENT = select(Article.event_id).where(Article.id == bindparam("id"))
_ARTICLE_URL = select(Article.id).where(Article.url == bindparam("url")).limit(1)
_ARTICLE_TEXT_SHA = select(Article.text_sha256).where(Article.url == bindparam("url")).limit(1)
_FINAL_OUTCOMES = ("article", "seen_url", "not_html")  # fetches.outcome values (crawler.processing.outcomes)
_URL_DONE = (
    select(Fetch.id)
    .where(
        (Fetch.url == bindparam("url")) | (Fetch.final_url == bindparam("url")),
        Fetch.outcome.in_(_FINAL_OUTCOMES) | ((Fetch.outcome == "http_error") & Fetch.status.in_((404, 410))),
    )
    .limit(1)
)


def _upserts(dialect_insert: Callable[[type[Base]], Any]) -> dict[str, Any]:
    """The store's upserts in one dialect's words (SQLite and PostgreSQL spell them alike)."""
    lines, validators = dialect_insert(TemplateLine), dialect_insert(HttpValidator)
    return {
        # search terms are a pure function of the article: a row written twice (a repair meeting a writer's
        # late write) is the same row
        "search_terms": dialect_insert(SearchTerms).on_conflict_do_nothing(index_elements=[SearchTerms.article_id]),
        "template_lines": lines.on_conflict_do_update(
            index_elements=[TemplateLine.site, TemplateLine.line_key],
            set_={"pages": lines.excluded.pages, "article_id": lines.excluded.article_id},
        ),
        "validators": validators.on_conflict_do_update(
            index_elements=[HttpValidator.url],
            set_={
                "etag": validators.excluded.etag,
                "last_modified": validators.excluded.last_modified,
                "updated_at": validators.excluded.updated_at,
            },
        ),
    }


_UPSERTS = {"sqlite": _upserts(sqlite_insert), "postgresql": _upserts(postgresql_insert)}
_LAST_ARTICLE = select(func.max(Article.id))
_ORIGINAL = aliased(Article)
_STORED_ARTICLE = (
    select(
        Article.url, Article.title, Article.published_at, Article.site, Article.dup_kind,
        _ORIGINAL.url.label("duplicate_of"), Article.event_id.label("event"),
    )
    .join(Fetch, Fetch.id == Article.fetch_id)
    .outerjoin(_ORIGINAL, _ORIGINAL.id == Article.duplicate_of_id)
    .where(Fetch.record_key == bindparam("key"))
)  # fmt: skip
_COUNT_SIGNATURES = select(func.count()).select_from(Signature)
_SIGNATURES = (
    select(Signature.article_id, Signature.norm_sha256, Signature.minhash, Article.duplicate_of_id, Signature.anchors)
    .join(Article, Article.id == Signature.article_id)
    .order_by(Signature.article_id)
)
# an article's text only when it has no stored terms (then the event stage stems it again)
_EVENT_HISTORY = (
    select(
        Article.id, Article.title, case((EventTerms.article_id.is_(None), Article.text)), Article.published_at,
        Fetch.fetched_at, Article.event_id, Article.event_score, Article.duplicate_of_id, Article.similarity,
        EventTerms.title, EventTerms.lead, EventTerms.body,
    )
    .join(Fetch, Fetch.id == Article.fetch_id)
    .outerjoin(EventTerms, EventTerms.article_id == Article.id)
    .where(Article.id > bindparam("after"))
    .order_by(Article.id)
)  # fmt: skip
_ARTICLE_TEXT = select(Article.text).where(Article.id == bindparam("id"))
_ARTICLE_PUBLISHED = select(Article.published_at).where(Article.id == bindparam("id"))


__all__ = ["Store", "StoreError", "body_digest", "record_key"]


def body_digest(raw: RawPage) -> str:
    """SHA-256 of the page's bytes (``fetches.body_sha256``)."""
    return hashlib.sha256(raw.body).hexdigest()


def record_key(raw: RawPage, body_sha256: str) -> str:
    """Identity of an input page: same URL and same bytes (``body_sha256``) means already ingested."""
    return hashlib.sha256(f"{raw.effective_url}\0{body_sha256}".encode()).hexdigest()


class Store(Generic[P]):
    """A store opened for writing, through its own locks (:mod:`storage.locks`), whatever data dir
    it is reached from: a SQLite store has one writer; a PostgreSQL store (:attr:`shared`) any
    number, each deciding its pages between :meth:`begin_decision` and the next :meth:`commit`.

    Writes go into a transaction that :meth:`commit` closes; callers commit in batches (a shared
    store: after each decision).
    """

    def __init__(self, url: str, params: P, *, rebuild_hint: str = "", event_params: Recorded | None = None) -> None:
        self.url = url
        self.where = describe(url)  # how messages name it (a path, or the URL without its password)
        self.params = params
        self.event_params = event_params
        path = sqlite_path(url)
        self._lock = sqlite_lock(path) if path is not None else None
        # many writers (PostgreSQL): each page is decided under the store's decision lock
        self.shared = is_postgresql(url)
        self._one_statement = False  # a page's rows in one statement (PostgreSQL through a pyformat driver)
        if self._lock is not None:
            self._lock.acquire()
        try:
            self._open(rebuild_hint)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise

    def _open(self, rebuild_hint: str) -> None:
        self.engine: Engine = open_engine(self.url)
        self._one_statement = self.engine.dialect.name == "postgresql" and self.engine.dialect.paramstyle == "pyformat"
        try:
            self.conn: Connection = self.engine.connect()
            with self.engine.connect() as conn, schema_lock(conn) if self.shared else contextlib.nullcontext():
                with conn.begin():
                    version, known = migrations.current_version(conn), migrations.latest_version()
                if version > known:
                    raise StoreError(
                        f"store {self.where} has schema version {version}, newer than this akhbar knows ({known}): "
                        "upgrade akhbar to use it"
                    )
                migrations.upgrade(conn)
                self._check_params(conn, PARAMS_KEY, self.params, "dedup", rebuild_hint)
                if self.event_params is not None:
                    self._check_params(conn, EVENT_PARAMS_KEY, self.event_params, "event linking", rebuild_hint)
            self.conn.begin()
        except BaseException as exc:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            self.engine.dispose()
            if is_disk_full(exc):
                raise WriteError(self.where, first_line(exc), disk_full=True) from None
            if isinstance(exc, DBAPIError):
                raise StoreError(f"cannot open store {self.where}: {first_line(exc)}") from None
            raise

    def _check_params(self, conn: Connection, key: str, params: Recorded, what: str, hint: str) -> None:
        """The store's decisions were made with the parameters stored under ``key``: refuse others
        (naming the rebuild), record them in a store that has none yet."""
        wanted = params.as_dict()
        with conn.begin():
            row = conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
            if row is None:
                conn.execute(insert(Meta).values(key=key, value=json.dumps(wanted, sort_keys=True)))
                return
        stored = json.loads(row)
        if stored != wanted:
            diff = ", ".join(
                f"{k}={stored.get(k)!r} (this akhbar: {wanted.get(k)!r})"
                for k in sorted(set(stored) | set(wanted))
                if stored.get(k) != wanted.get(k)
            )
            raise StoreError(
                f"store {self.where} was built with other {what} parameters: {diff}; "
                f"rebuild it from the archive with `akhbar reprocess --into NEW.db{hint}` and use the new store"
            )

    # -- runs -------------------------------------------------------------------
    def start_run(self, kind: str, args: dict[str, object], pid: int) -> int:
        res = self.conn.execute(
            insert(CrawlRun).values(kind=kind, started_at=utc_now(), pid=pid, args=json.dumps(args, ensure_ascii=False))
        )
        self.commit()
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, reason: str, stats: dict[str, object]) -> None:
        self.conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(finished_at=utc_now(), finish_reason=reason, stats=json.dumps(stats, ensure_ascii=False))
        )
        self.commit()

    def mark_run(self, run_id: int, reason: str, note: str, *, wait: float = 2.0) -> None:
        """Finish a run row from another thread, through a connection of its own (the watchdog's:
        the store's own connection and its open transaction are left alone). Waits at most ``wait``
        seconds for the database; raises if the row cannot be written."""
        connect_args = {"timeout": wait} if self.engine.dialect.name == "sqlite" else {}
        engine = create_engine(self.engine.url, connect_args=connect_args)
        try:
            with engine.begin() as conn:
                conn.execute(
                    update(CrawlRun)
                    .where(CrawlRun.id == run_id, CrawlRun.finished_at.is_(None))
                    .values(finished_at=utc_now(), finish_reason=reason, stats=json.dumps({"stopped": note}))
                )
        finally:
            engine.dispose()

    def drop_run(self, run_id: int) -> None:
        """Forget a run that wrote nothing (a no-op re-run leaves no trace)."""
        self.conn.execute(delete(CrawlRun).where(CrawlRun.id == run_id))
        self.commit()

    # -- pages ------------------------------------------------------------------
    def has_record(self, key: str) -> bool:
        return self.conn.execute(_HAS_RECORD, {"key": key}).first() is not None

    def article_url_known(self, url: str) -> bool:
        return self.conn.execute(_ARTICLE_URL, {"url": url}).first() is not None

    def article_text_sha256(self, url: str) -> str | None:
        """``text_sha256`` of the article stored under ``url`` (None when there is none)."""
        return self.conn.execute(_ARTICLE_TEXT_SHA, {"url": url}).scalar()

    def stored_article(self, key: str) -> dict[str, Any] | None:
        """What a crawl exports of the article stored from the page with record key ``key``: its url, title,
        published_at, site, dup_kind, its original's URL (``duplicate_of``) and its ``event``."""
        row = self.conn.execute(_STORED_ARTICLE, {"key": key}).first()
        return dict(row._mapping) if row is not None else None

    def url_done(self, url: str) -> bool:
        """True when fetching ``url`` again is pointless: it gave an article already (as its
        canonical, requested or final URL), or something that is not HTML, or 404/410 Gone.
        Server errors and timeouts are tried again on the next run."""
        if self.article_url_known(url):
            return True
        return self.conn.execute(_URL_DONE, {"url": url}).first() is not None

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            select(HttpValidator.etag, HttpValidator.last_modified).where(HttpValidator.url == url)
        ).first()
        return (row[0], row[1]) if row else (None, None)

    def _upsert(self, what: str) -> Any:
        return _UPSERTS[self.conn.dialect.name][what]

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember (or forget) a URL's validators; another writer saving the same URL meanwhile is
        no conflict (an upsert: the later one wins)."""
        if etag or last_modified:
            row = {"url": url, "etag": etag, "last_modified": last_modified, "updated_at": utc_now()}
            self.conn.execute(self._upsert("validators"), row)
        else:
            self.conn.execute(delete(HttpValidator).where(HttpValidator.url == url))

    def add_fetch(self, row: FetchRow) -> int:
        res = self.conn.execute(_INSERT_FETCH, row.values())
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    def save(self, rows: PageRows) -> int | None:
        """Write one page: its fetch, then its article and signature (if any), then the template-line
        counts it changed. Returns the new article's id (None when the page gave no article).
        On PostgreSQL an article page is one statement (:mod:`storage.pgsave`)."""
        if rows.article is not None and self._one_statement:
            sql, params = article_statement(rows)
            return int(self.conn.exec_driver_sql(sql, params).scalar_one())
        fetch_id = self.add_fetch(rows.fetch)
        if rows.article is None:
            return None
        res = self.conn.execute(_INSERT_ARTICLE, rows.article.values(fetch_id))
        article_id = int(res.inserted_primary_key[0])  # type: ignore[index]
        if rows.article.event_id is None:  # it opens an event: the event is named after it
            self.conn.execute(_OWN_EVENT, {"aid": article_id})
        if rows.signature is not None:
            self.conn.execute(_INSERT_SIGNATURE, rows.signature.values(article_id))
        if rows.search_terms is not None:
            self.conn.execute(_INSERT_SEARCH_TERMS, {"article_id": article_id, "terms": rows.search_terms})
        if rows.event_terms is not None:
            self.conn.execute(_INSERT_EVENT_TERMS, rows.event_terms.values(article_id))
        self.save_template_lines(rows.template_site, rows.template_lines, article_id)
        return article_id

    def commit(self) -> None:
        self.conn.commit()
        self.conn.begin()

    def begin_decision(self, search_terms: list[tuple[int, str]] | None = None, *, wait: bool = True) -> float | None:
        """A shared store: commit what is pending, write ``search_terms`` (rows of articles decided
        before, which no decision depends on: :meth:`save_search_terms`, committed with this decision),
        then wait for the decision lock, held until the next :meth:`commit` or :meth:`rollback` (nothing
        to do for a store with one writer). Returns the seconds spent waiting for the lock; with ``wait``
        False, None at once when another writer holds it (the search terms then go with the next commit)."""
        if not self.shared:
            return 0.0
        self.commit()  # nothing of this writer's waits in a transaction while it waits for the lock
        if search_terms:
            self.save_search_terms(search_terms)
        if not wait:
            return 0.0 if try_decision_lock(self.conn) else None
        asked = time.monotonic()
        hold_decision_lock(self.conn)
        return time.monotonic() - asked

    def rollback(self) -> None:
        """Forget everything written since the last commit (after a failed write)."""
        self.conn.rollback()
        self.conn.begin()

    def close(self, *, commit: bool = True) -> None:
        """Commit (unless told not to), close, and release the store's locks, whatever fails."""
        try:
            if commit:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.conn.close()
            self.engine.dispose()
            if self._lock is not None:
                self._lock.release()

    # -- index ------------------------------------------------------------------
    def signature_rows(self) -> SignatureTable:
        """The stored signatures as arrays, in article order (to rebuild the dedup index)."""
        n = int(self.conn.execute(_COUNT_SIGNATURES).scalar_one())
        # the whole table streams (a server-side cursor: no 1M rows in memory at once)
        rows = self.conn.execute(_SIGNATURES.execution_options(yield_per=10_000))
        return signature_table(rows, self.params.num_perm, n)

    def iter_template_lines(self) -> Iterator[tuple[str, int, int]]:
        yield from self.conn.execute(select(TemplateLine.site, TemplateLine.line_key, TemplateLine.pages))

    def save_template_lines(
        self, site: str, changed: tuple[tuple[int, int], ...] | list[tuple[int, int]], article_id: int
    ) -> None:
        """The template-line counts storing article ``article_id`` changed (one statement: this runs
        once per stored article); each row names that article, for writers catching up."""
        if changed:
            rows = [{"site": site, "line_key": k, "pages": n, "article_id": article_id} for k, n in changed]
            self.conn.execute(self._upsert("template_lines"), rows)

    def last_article_id(self) -> int:
        """The id of the newest stored article (0 when there is none)."""
        return int(self.conn.execute(_LAST_ARTICLE).scalar() or 0)

    def news(self, after: int) -> News:
        """What writers sharing the store stored after article ``after`` (one statement: :mod:`storage.catchup`)."""
        return read_news(self.conn, after, self.params.num_perm)[0]

    def turn_state(self, key: str, url: str | None, after: int) -> tuple[News, bool, bool | None]:
        """In one round trip, at the start of a decision: :meth:`news` after ``after``, whether the page with
        record key ``key`` is stored already (:meth:`has_record`) and, given the ``url`` its article would
        have, whether an article has it (:meth:`article_url_known`; None without a ``url``)."""
        return read_news(self.conn, after, self.params.num_perm, key, url)

    def article_text(self, article_id: int) -> str:
        """Body of a stored article, as stored (the dedup index verifies candidates against it)."""
        return str(self.conn.execute(_ARTICLE_TEXT, {"id": article_id}).scalar_one())

    def published_at(self, article_id: int) -> str | None:
        """Publication date of a stored article (the dedup rule compares dates of softer matches)."""
        return self.conn.execute(_ARTICLE_PUBLISHED, {"id": article_id}).scalar()

    def event_of(self, article_id: int) -> int | None:
        """The event a stored article belongs to."""
        return self.conn.execute(_ARTICLE_EVENT, {"id": article_id}).scalar()

    def event_history(
        self, days: float | None, *, after_id: int = 0, limit: int | None = None
    ) -> list[EventHistoryRow]:
        """Stored articles in article order, as the event linker replays them: those fetched in the last
        ``days`` days before the newest fetch (its window, when a run starts), or all (``days`` None,
        in batches: ids above ``after_id``, at most ``limit``)."""
        query = _EVENT_HISTORY
        if days is not None:
            since = self._window_start(days)
            if since is None:
                return []
            query = query.where(Fetch.fetched_at >= since)
        if limit is not None:
            query = query.limit(limit)
        rows = []
        for aid, title, text, published, fetched, event, score, dup_of, similarity, *terms in self.conn.execute(
            query, {"after": after_id}
        ):
            stored = None if terms[0] is None else (terms[0], terms[1], terms[2])
            rows.append(EventHistoryRow(aid, title, text, published, fetched, event, score, dup_of, similarity, stored))
        return rows

    def _window_start(self, days: float) -> str | None:
        """The fetch time ``days`` days before the newest stored article's fetch (None: no articles)."""
        newest = self.conn.execute(
            select(func.max(Fetch.fetched_at)).join(Article, Article.fetch_id == Fetch.id)
        ).scalar()
        if newest is None:
            return None
        return (datetime.fromisoformat(newest.replace("Z", "+00:00")) - timedelta(days=days)).isoformat()

    def recent_texts(self, days: float) -> list[tuple[int, str, str | None, str]]:
        """``(id, text, published_at, fetched_at)`` of the articles fetched in the last ``days`` days before
        the newest fetch, in article order (the wire-template table's window, replayed when a run starts)."""
        since = self._window_start(days)
        if since is None:
            return []
        query = (
            select(Article.id, Article.text, Article.published_at, Fetch.fetched_at)
            .join(Fetch, Fetch.id == Article.fetch_id)
            .where(Fetch.fetched_at >= since)
            .order_by(Article.id)
        )
        return [(int(a), str(t), p, str(f)) for a, t, p, f in self.conn.execute(query)]

    def events_pending(self) -> bool:
        """Whether the store's articles still wait for their events (set by migration 8 on a store that
        had articles: they are linked in order by the next run)."""
        return self.conn.execute(select(Meta.value).where(Meta.key == EVENTS_PENDING_KEY)).scalar() is not None

    def set_events(self, rows: list[tuple[int, int, float | None]]) -> None:
        """``(article id, event id, score)`` of articles linked again."""
        if rows:
            self.conn.execute(_SET_EVENT, [{"aid": a, "event": e, "score": s} for a, e, s in rows])

    def events_linked(self) -> None:
        self.conn.execute(delete(Meta).where(Meta.key == EVENTS_PENDING_KEY))

    def search_pending(self) -> bool:
        """Whether stored articles still wait for their search terms (set by migration 11 on a store that
        had articles: the next run indexes them before its first page)."""
        return self.conn.execute(select(Meta.value).where(Meta.key == SEARCH_PENDING_KEY)).scalar() is not None

    def unindexed_articles(self, after_id: int, limit: int) -> list[tuple[int, str | None, str]]:
        """``(id, title, text)`` of articles after ``after_id`` that have no search terms, in id order."""
        query = (
            select(Article.id, Article.title, Article.text)
            .outerjoin(SearchTerms, SearchTerms.article_id == Article.id)
            .where(Article.id > after_id, SearchTerms.article_id.is_(None))
            .order_by(Article.id)
            .limit(limit)
        )
        return [(int(i), title, body) for i, title, body in self.conn.execute(query)]

    def save_search_terms(self, rows: list[tuple[int, str]]) -> None:
        """Search terms of stored articles written apart from them (``(article id, terms)``): indexed
        late, or a shared store's, written after the decision (a row already there is left as it is)."""
        if rows:
            self.conn.execute(self._upsert("search_terms"), [{"article_id": a, "terms": t} for a, t in rows])

    def has_unindexed_articles(self) -> bool:
        """Whether an article has no search terms (a writer of a shared store that died between storing
        an article and writing its search terms, which it does after the decision, left it so)."""
        return bool(self.unindexed_articles(0, 1))

    def search_indexed(self) -> None:
        self.conn.execute(delete(Meta).where(Meta.key == SEARCH_PENDING_KEY))

    def count(self, table: type[Article] | type[Fetch] | type[Signature] | type[CrawlRun]) -> int:
        return int(self.conn.execute(select(func.count()).select_from(table)).scalar_one())
