"""Duplicate decisions: exact (same normalised text) and near (MinHash LSH + verification).

The first stored copy of a story is canonical. Only canonical ("unique") articles
join the LSH index, so every candidate is a cluster's first article and duplicates
point at it directly (stars, not chains). The index is rebuilt from stored
signatures at start-up, never pickled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from datasketch import LeanMinHash, MinHashLSH

from crawler.processing.fingerprint import DedupParams, shingles

log = logging.getLogger(__name__)

DupKind = Literal["unique", "exact", "near"]


@dataclass(frozen=True)
class Decision:
    """What the index says about a new article."""

    kind: DupKind
    duplicate_of: int | None = None
    similarity: float | None = None  # verified word-shingle Jaccard with duplicate_of


@dataclass(frozen=True)
class Overlap:
    jaccard: float
    containment: float  # share of the shorter text's shingles found in the other


def overlap(a: set[str], b: set[str]) -> Overlap:
    if not a or not b:
        return Overlap(0.0, 0.0)
    inter = len(a & b)
    return Overlap(inter / len(a | b), inter / min(len(a), len(b)))


class DedupIndex:
    """Exact-digest map plus MinHash LSH over the canonical articles of one store."""

    def __init__(self, params: DedupParams, normalised_text_of: Callable[[int], str]) -> None:
        self.params = params
        self._text_of = normalised_text_of
        self._lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
        self._exact: dict[bytes, int] = {}  # digest prefix -> canonical article id
        self.size = 0

    @staticmethod
    def _key(digest: bytes) -> bytes:
        return digest[:12]

    def load(self, article_id: int, digest: bytes, sig: LeanMinHash, canonical_id: int | None) -> None:
        """Register a stored article (start-up rebuild or after storing a new one)."""
        head = canonical_id if canonical_id is not None else article_id
        self._exact.setdefault(self._key(digest), head)
        if canonical_id is None:
            self._lsh.insert(article_id, sig, check_duplication=False)
            self.size += 1

    def decide(self, digest: bytes, normalised: str, sig: LeanMinHash) -> Decision:
        """Decide without changing the index; call :meth:`load` once the article is stored."""
        head = self._exact.get(self._key(digest))
        if head is not None:
            return Decision("exact", head, 1.0)
        candidates = sorted(self._lsh.query(sig))
        if not candidates:
            return Decision("unique")
        mine = shingles(normalised, self.params.shingle_size)
        best: tuple[float, int] | None = None
        for cand in candidates:
            theirs = shingles(self._text_of(cand), self.params.shingle_size)
            ov = overlap(mine, theirs)
            accepted = ov.jaccard >= self.params.accept_jaccard or (
                ov.containment >= self.params.accept_containment
                and min(len(mine), len(theirs)) >= self.params.min_shingles
            )
            if accepted and (best is None or ov.jaccard > best[0]):
                best = (ov.jaccard, cand)
        if best is None:
            return Decision("unique")
        return Decision("near", best[1], round(best[0], 4))
