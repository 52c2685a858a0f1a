"""Typed SQLAlchemy 2.x models: the documented schema users query with SQL.

Keep README.md's "Schema" section in step with this module (a test compares them).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts about the store: schema version, dedup parameters."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CrawlRun(Base):
    """One invocation that wrote to the store: a crawl or a re-process."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # crawl | reprocess
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32))
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    pid: Mapped[int | None] = mapped_column(Integer)
    args: Mapped[str | None] = mapped_column(Text)  # JSON
    stats: Mapped[str | None] = mapped_column(Text)  # JSON


class Fetch(Base):
    """Every input page, whatever became of it."""

    __tablename__ = "fetches"
    __table_args__ = (
        Index("ix_fetches_url", "url"),
        Index("ix_fetches_final_url", "final_url"),
        Index("ix_fetches_outcome", "outcome"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer, default=0)
    fetched_at: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    record_key: Mapped[str] = mapped_column(String(64), unique=True)
    warc_file: Mapped[str | None] = mapped_column(Text)
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)


class Article(Base):
    """One extracted article; duplicates are stored and labelled, never dropped."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("dup_kind IN ('unique', 'exact', 'near')", name="ck_articles_dup_kind"),
        Index("ix_articles_site", "site"),
        Index("ix_articles_published_at", "published_at"),
        Index("ix_articles_duplicate_of_id", "duplicate_of_id"),
        Index("ix_articles_text_sha256", "text_sha256"),
        Index("ix_articles_event_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fetch_id: Mapped[int] = mapped_column(ForeignKey("fetches.id"), unique=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    site: Mapped[str | None] = mapped_column(String(128))
    description: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    word_count: Mapped[int] = mapped_column(Integer)
    dup_kind: Mapped[str] = mapped_column(String(8))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    similarity: Mapped[float | None] = mapped_column(Float)
    stored_at: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))  # the event's first article
    event_score: Mapped[float | None] = mapped_column(Float)


class Signature(Base):
    """Fingerprints of an article's normalised text (the LSH index is rebuilt from these)."""

    __tablename__ = "signatures"
    __table_args__ = (Index("ix_signatures_norm_sha256", "norm_sha256"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    norm_sha256: Mapped[str] = mapped_column(String(64))
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    shingle_count: Mapped[int] = mapped_column(Integer)
    anchors: Mapped[bytes | None] = mapped_column(LargeBinary)


class SearchTerms(Base):
    """An article's Arabic search terms: each word under every form its leading clitics come off to
    (``crawler/processing/searchterms.py``), full-text indexed (FTS5 ``search_terms_fts`` on SQLite, a
    GIN index on ``to_tsvector('simple', terms)`` on PostgreSQL); what ``akhbar search`` queries."""

    __tablename__ = "search_terms"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    terms: Mapped[str] = mapped_column(Text)


class EventTerms(Base):
    """The stems an article's event decision weighed, by place (``crawler/processing/eventterms.py``),
    written by the writers of a shared (PostgreSQL) store: the others read them back when they take in
    its article, instead of normalising and stemming its text again. Empty on SQLite (one writer)."""

    __tablename__ = "event_terms"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # the weighted vector the decision was made on (``crawler.processing.events.pack_vector``): taken in as
    # it is, not weighed again (NULL for rows written before schema version 14)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class HttpValidator(Base):
    """ETag / Last-Modified of feeds and sitemaps, for conditional requests on the next crawl."""

    __tablename__ = "http_validators"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))


class TemplateLine(Base):
    """How many stored articles of a site contained a short line (site-level template learning)."""

    __tablename__ = "template_lines"

    site: Mapped[str] = mapped_column(String(255), primary_key=True)
    line_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    pages: Mapped[int] = mapped_column(Integer)
    # the article whose storing set this count (NULL before schema version 10): writers sharing a
    # store catch up on the counts the others changed since their last look
    article_id: Mapped[int | None] = mapped_column(Integer, index=True)
