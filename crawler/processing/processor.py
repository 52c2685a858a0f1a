"""The single processing path: extract -> clean -> normalise -> fingerprint -> decide.

``analyse`` is pure (safe to run in worker processes). Everything that depends on
earlier pages runs in ``Processor``, sequentially, in input order: site-template
cleaning and the duplicate decision. So "first seen is canonical" and "learnt from
earlier pages" hold the same way for a live crawl and an offline re-process.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from datasketch import LeanMinHash

from crawler.items import RawPage
from crawler.processing.dedup import Decision, DedupIndex
from crawler.processing.eventterms import ArticleTerms, article_terms
from crawler.processing.extract import Article, extract
from crawler.processing.fingerprint import (
    DedupParams,
    anchors,
    fast_signature,
    signature_bytes,
    signature_from_bytes,
    text_digest,
)
from crawler.processing.normalize import join_normalised, normalize
from crawler.processing.templates import SiteTemplates, key_of_normalised, without


@dataclass(frozen=True)
class Analysed:
    """An extracted article with its fingerprints (plain bytes: cheap to pickle)."""

    article: Article
    normalised: str
    digest: bytes
    signature: bytes
    shingle_count: int
    anchors: tuple[int, ...] = ()
    raw_text: str = ""  # the text before site-template cleaning (what templates learn from)
    line_keys: tuple[int | None, ...] = ()  # raw_text's template line keys (hashed by the analysis)
    line_norms: tuple[str, ...] = ()  # raw_text's lines, normalised (cleaning joins the kept ones)
    # the event stage's terms of ``normalised`` (computed by the analysis, so that the sequential part
    # only weighs them); None after cleaning removed lines: the event stage computes them then
    terms: ArticleTerms | None = None


def fingerprint(article: Article, params: DedupParams) -> Analysed:
    """Fingerprints of an extracted article, its template line keys and its event terms."""
    norms = tuple(normalize(line) for line in article.text.split("\n"))
    keys = tuple(key_of_normalised(norm) for norm in norms)
    normalised = join_normalised(norms)
    terms = article_terms(article.title, normalised)
    return _fingerprinted(article, params, normalised, article.text, keys, norms, terms)


def _fingerprinted(
    article: Article,
    params: DedupParams,
    normalised: str,
    raw_text: str,
    keys: tuple[int | None, ...],
    norms: tuple[str, ...],
    terms: ArticleTerms | None = None,
) -> Analysed:
    sig, words, distinct = fast_signature(normalised, params)
    return Analysed(
        article=article,
        normalised=normalised,
        digest=text_digest(normalised),
        signature=signature_bytes(sig),
        shingle_count=distinct,
        anchors=anchors(normalised, params, words),
        raw_text=raw_text,
        line_keys=keys,
        line_norms=norms,
        terms=terms,
    )


def analyse(raw: RawPage, params: DedupParams) -> Analysed:
    """Extract and fingerprint one page; raises ``Rejected`` when there is no article."""
    return fingerprint(extract(raw), params)


def site_key(raw: RawPage, article: Article) -> str:
    """The site an article belongs to, for template learning and the stored ``site``: the seed
    name, else the page's stable site (:func:`crawler.processing.sites.site_of`)."""
    return raw.site or article.site or (urlsplit(article.url).hostname or "").removeprefix("www.") or "?"


class Processor:
    """Template cleaning and duplicate decisions against one store's state."""

    def __init__(self, params: DedupParams, index: DedupIndex, templates: SiteTemplates | None = None) -> None:
        self.params = params
        self.index = index
        self.templates = templates or SiteTemplates()
        self._sig_of: tuple[Analysed, LeanMinHash] | None = None

    def clean(self, item: Analysed, site: str) -> Analysed:
        """Remove lines the site's earlier articles taught us are furniture (re-fingerprint if any)."""
        lines = item.raw_text.split("\n")
        drop = self.templates.furniture(site, lines, item.line_keys)
        if drop is None:
            return item
        text = without(lines, drop)
        normalised = join_normalised(norm for norm, dropped in zip(item.line_norms, drop, strict=True) if not dropped)
        article = replace(item.article, text=text)
        return _fingerprinted(article, self.params, normalised, item.raw_text, item.line_keys, item.line_norms)

    def _signature(self, item: Analysed) -> LeanMinHash:
        """The item's signature object, built once for its decide and register (the index then
        also reuses the band keys it computed for the decision)."""
        if self._sig_of is None or self._sig_of[0] is not item:
            self._sig_of = (item, signature_from_bytes(item.signature, self.params))
        return self._sig_of[1]

    def decide(self, item: Analysed, day: int | None = None) -> Decision:
        """``day``: the article's day (publication, else fetch) for the wire-template check."""
        sig = self._signature(item)
        return self.index.decide(item.digest, item.normalised, sig, item.anchors, item.article.published_at, day)

    def register(
        self, article_id: int, item: Analysed, decision: Decision, site: str, day: int | None = None
    ) -> list[tuple[int, int]]:
        """Make a stored article visible to later decisions; return changed template counts."""
        self.index_stored(article_id, item, decision, day)
        return self.learn(item, site)

    def learn(self, item: Analysed, site: str) -> list[tuple[int, int]]:
        """Count an article's lines towards its site's templates; return the changed counts."""
        return self.templates.learn(site, item.line_keys)

    def index_stored(self, article_id: int, item: Analysed, decision: Decision, day: int | None = None) -> None:
        """Make a stored article visible to later decisions (its 3-grams seen on ``day``, when known)."""
        sig = self._signature(item)
        self.index.load(article_id, item.digest, sig, decision.duplicate_of, item.anchors)
        if self.index.templates is not None and day is not None:
            self.index.templates.see(item.normalised, day)
