"""Duplicate decisions: exact (same normalised text) and near (candidates, then verification).

The first stored copy of a story is canonical. Only canonical ("unique") articles
are indexed, so every candidate is a cluster's first article and duplicates point at
it directly (stars, not chains). The index is rebuilt from stored signatures at
start-up, never pickled.

Candidates come from two places:

- MinHash LSH (datasketch) on word 3-gram signatures finds lightly edited copies
  (high Jaccard similarity);
- an anchor index finds a dispatch inside a longer round-up, whose Jaccard similarity
  is low: each text contributes the winnowed minima of its word 5-gram hashes, so two
  texts sharing a verbatim run of ``anchor_window + 4`` words or more share an anchor.

Verification then measures the two texts exactly (word 3-gram and word containment)
with thresholds tuned on a hand-labelled set of real Arabic article pairs
(``benchmarks/data/dedup_pairs.tsv``, ``docs/dedup-labelling.md``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
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
    similarity: float | None = None  # verified word 3-gram Jaccard with duplicate_of


@dataclass(frozen=True)
class Overlap:
    jaccard: float  # word 3-gram Jaccard
    containment: float  # share of the shorter text's 3-grams found in the other
    word_containment: float  # the same for single words
    shorter: int  # 3-grams in the shorter text


def overlap(a: set[str], b: set[str], words_a: set[str] | None = None, words_b: set[str] | None = None) -> Overlap:
    if not a or not b:
        return Overlap(0.0, 0.0, 0.0, 0)
    inter = len(a & b)
    word_c = 0.0
    if words_a and words_b:
        word_c = len(words_a & words_b) / min(len(words_a), len(words_b))
    return Overlap(inter / len(a | b), inter / min(len(a), len(b)), word_c, min(len(a), len(b)))


def is_near_duplicate(ov: Overlap, params: DedupParams) -> bool:
    """The verification rule (see the module docstring and docs/architecture.md)."""
    if ov.shorter < params.min_shingles:
        return ov.jaccard >= params.accept_jaccard
    return (
        ov.jaccard >= params.accept_jaccard
        or ov.containment >= params.accept_containment
        or (ov.containment >= params.soft_containment and ov.word_containment >= params.soft_word_containment)
    )


class DedupIndex:
    """Exact-digest map, MinHash LSH and anchor index over the canonical articles of one store."""

    def __init__(self, params: DedupParams, normalised_text_of: Callable[[int], str]) -> None:
        self.params = params
        self._text_of = normalised_text_of
        self._lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
        self._exact: dict[bytes, int] = {}  # digest prefix -> canonical article id
        self._anchors: defaultdict[int, list[int]] = defaultdict(list)  # anchor hash -> canonical ids
        self.size = 0

    @staticmethod
    def _key(digest: bytes) -> bytes:
        return digest[:12]

    def load(
        self, article_id: int, digest: bytes, sig: LeanMinHash, canonical_id: int | None, anchors: tuple[int, ...] = ()
    ) -> None:
        """Register a stored article (start-up rebuild or after storing a new one)."""
        head = canonical_id if canonical_id is not None else article_id
        self._exact.setdefault(self._key(digest), head)
        if canonical_id is None:
            self._lsh.insert(article_id, sig, check_duplication=False)
            for anchor in anchors:
                self._anchors[anchor].append(article_id)
            self.size += 1

    def candidates(self, sig: LeanMinHash, anchors: tuple[int, ...]) -> list[int]:
        found = set(self._lsh.query(sig))
        shared: defaultdict[int, int] = defaultdict(int)
        for anchor in anchors:
            for cand in self._anchors.get(anchor, ()):
                shared[cand] += 1
        need = min(self.params.min_shared_anchors, len(anchors))
        found.update(c for c, n in shared.items() if n >= need)
        return sorted(found)

    def decide(self, digest: bytes, normalised: str, sig: LeanMinHash, anchors: tuple[int, ...] = ()) -> Decision:
        """Decide without changing the index; call :meth:`load` once the article is stored."""
        head = self._exact.get(self._key(digest))
        if head is not None:
            return Decision("exact", head, 1.0)
        candidates = self.candidates(sig, anchors)
        if not candidates:
            return Decision("unique")
        size = self.params.shingle_size
        mine, my_words = shingles(normalised, size), set(normalised.split())
        best: tuple[float, float, int] | None = None
        for cand in candidates:
            text = self._text_of(cand)
            ov = overlap(mine, shingles(text, size), my_words, set(text.split()))
            if is_near_duplicate(ov, self.params):
                score = (ov.containment, ov.jaccard, -cand)
                if best is None or score > (best[0], best[1], -best[2]):
                    best = (ov.containment, ov.jaccard, cand)
        if best is None:
            return Decision("unique")
        return Decision("near", best[2], round(best[1], 4))
