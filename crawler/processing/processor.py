"""The single processing path: extract -> normalise -> fingerprint -> decide.

``analyse`` is pure (safe to run in worker processes); ``Processor.decide`` and
``Processor.register`` are sequential, in input order, so that "first seen is
canonical" holds the same way for a live crawl and an offline re-process.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.items import RawPage
from crawler.processing.dedup import Decision, DedupIndex
from crawler.processing.extract import Article, extract
from crawler.processing.fingerprint import (
    DedupParams,
    anchors,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
    text_digest,
)
from crawler.processing.normalize import normalize


@dataclass(frozen=True)
class Analysed:
    """An extracted article with its fingerprints (plain bytes: cheap to pickle)."""

    article: Article
    normalised: str
    digest: bytes
    signature: bytes
    shingle_count: int
    anchors: tuple[int, ...] = ()


def analyse(raw: RawPage, params: DedupParams) -> Analysed:
    """Extract and fingerprint one page; raises ``Rejected`` when there is no article."""
    article = extract(raw)
    normalised = normalize(article.text)
    shingle_set = shingles(normalised, params.shingle_size)
    return Analysed(
        article=article,
        normalised=normalised,
        digest=text_digest(normalised),
        signature=signature_bytes(signature(shingle_set, params)),
        shingle_count=len(shingle_set),
        anchors=anchors(normalised, params),
    )


class Processor:
    """Duplicate decisions against one store's index."""

    def __init__(self, params: DedupParams, index: DedupIndex) -> None:
        self.params = params
        self.index = index

    def decide(self, item: Analysed) -> Decision:
        sig = signature_from_bytes(item.signature, self.params)
        return self.index.decide(item.digest, item.normalised, sig, item.anchors)

    def register(self, article_id: int, item: Analysed, decision: Decision) -> None:
        """Make a stored article visible to later decisions."""
        self.index.load(
            article_id, item.digest, signature_from_bytes(item.signature, self.params), decision.duplicate_of
        )
