"""Fingerprints of normalised text: digest, word shingles, MinHash signature."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import cached_property

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash

from crawler.processing.normalize import NORMALIZER_VERSION, tokens


@dataclass(frozen=True)
class DedupParams:
    """Everything that shapes fingerprints and duplicate decisions.

    Stored in the database (``meta``) when a store is created; a store built with other
    parameters is refused, because its signatures and decisions would not compare.
    """

    normalizer_version: str = NORMALIZER_VERSION
    shingle_size: int = 3  # words per shingle
    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"  # datasketch >= 2.0 permutation scheme
    hashfunc: str = "xxh32-words-v1"  # shingle hash: xxh32 per word, combined per n-gram (ngram_hashes)
    lsh_threshold: float = 0.3  # LSH candidate threshold (estimated Jaccard)
    anchor_size: int = 5  # words per anchor shingle
    anchor_window: int = 10  # winnowing window: shared runs of >= window + size - 1 words meet
    min_shared_anchors: int = 2  # anchors two texts must share to become candidates
    accept_jaccard: float = 0.5  # verified word 3-gram Jaccard that makes a near duplicate,
    accept_containment: float = 0.6  # ... or this share of the shorter text's 3-grams in the other,
    soft_containment: float = 0.4  # ... or this share together with
    soft_word_containment: float = 0.65  # this share of its distinct words (or, for a rewrite that swaps
    soft_rare_containment: float = 0.65  # affixes and function words, this share of its rare-word weight),
    soft_max_days: int = 2  # ... and published at most this many days apart (when both dates are known)
    min_shingles: int = 10  # below this, only Jaccard counts (tiny texts contain anything)
    # Facts (crawler/processing/facts.py): aligned substitutions where both texts state a different
    # number, date or name. A copy must agree with the cluster's first article on them.
    facts_version: str = "facts-5"  # fact rules and word lists (facts.py, data/common_words_ar.txt, countries_ar.txt)
    max_fact_conflicts: int = 2  # a strong overlap (accept_*) with more conflicts is another story,
    soft_max_fact_conflicts: int = 1  # ... a soft one with more than this (or, when only names
    soft_max_name_words: int = 2  # conflict, with more name words than this: a rewrite swaps words),
    max_date_conflicts: int = 0  # ... and either with more date conflicts than this;
    fact_slack_containment: float = 0.9  # a near-verbatim copy (this containment) may differ in one more number or name
    # Wire templates (crawler/processing/wiretemplates.py): 3-grams seen on this many different days of the
    # lookback before an article's day are template wording; two texts that overlap like copies must still
    # share this much of the shorter one's own (non-template) 3-grams.
    template_days: int = 3
    template_lookback_days: int = 7
    min_own_containment: float = 0.15
    # A lead that dates itself "اليوم" in template wording (within this many words; 0: no such check) is that day's
    # edition of the template: two published on different days are two days' news unless near-verbatim
    # (fact_slack_containment): a weather bulletin, a market close, a visit's arrival and departure dispatches.
    day_formula_lead_words: int = 40
    # The second look (crawler/processing/rescue.py): a pair the rules turn down is a copy when the fitted model
    # (its coefficients' version; empty: no second look) gives it this probability, if the two share this much.
    rescue_model: str = "rescue-1"
    rescue_min_probability: float = 0.8
    rescue_min_containment: float = 0.2

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @cached_property
    def permutations(self) -> np.ndarray:
        """The MinHash permutations, generated once per parameter set."""
        return MinHash(num_perm=self.num_perm, seed=self.seed, scheme=self.scheme).permutations


def text_digest(normalised: str) -> bytes:
    """SHA-256 of the normalised text: equal digests are exact duplicates."""
    return hashlib.sha256(normalised.encode("utf-8")).digest()


def shingles(normalised: str, size: int) -> set[str]:
    """Word ``size``-grams of normalised text; a text shorter than that is one shingle."""
    words = tokens(normalised)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


_M1, _M2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)
_MIX = (
    np.uint32(0x9E3779B1),
    np.uint32(0x85EBCA77),
    np.uint32(0xC2B2AE3D),
    np.uint32(0x27D4EB2F),
    np.uint32(0x165667B1),
)


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser (the bijection datasketch's affine32 scheme pre-mixes with)."""
    h = h ^ (h >> np.uint32(16))
    h = h * _M1
    h = h ^ (h >> np.uint32(13))
    h = h * _M2
    return h ^ (h >> np.uint32(16))


def word_hashes(normalised: str) -> np.ndarray:
    """xxh32 of every word's UTF-8 bytes, in order (normalised text: words are separated by single spaces)."""
    return np.fromiter(map(xxhash.xxh32_intdigest, normalised.encode("utf-8").split()), dtype=np.uint32)


def ngram_hashes(words: np.ndarray, size: int) -> np.ndarray:
    """32-bit hashes of the word ``size``-grams, combined from word hashes in numpy (no strings).

    Position-dependent multipliers keep "a b c" and "c b a" apart; the finaliser spreads
    the bits. A text shorter than ``size`` words is one n-gram.
    """
    if len(words) == 0:
        return words
    size = min(size, len(words))
    n = len(words) - size + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint32)
        for j in range(size):
            acc = (acc ^ words[j : j + n]) * _MIX[j % len(_MIX)]
            acc = acc ^ (acc >> np.uint32(15))
        return fmix32(acc)


def minhash_values(hashes: np.ndarray, params: DedupParams) -> np.ndarray:
    """The MinHash hash values datasketch would give for these input hashes.

    Same arithmetic as ``MinHash(scheme="affine32").update_batch`` with a hash function
    returning ``hashes``: pre-mix with fmix32, then ``a * h + b`` modulo 2**32 per
    permutation, minimum over the set. Vectorised over all permutations at once.
    """
    a, b = params.permutations
    if len(hashes) == 0:
        return np.full(params.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    mixed = fmix32(hashes)
    with np.errstate(over="ignore"):
        values = np.multiply.outer(mixed, a)  # (shingles, permutations), wraps modulo 2**32
        values += b
    return values.min(axis=0)


def lean_minhash(values: np.ndarray, params: DedupParams) -> LeanMinHash:
    """A datasketch ``LeanMinHash`` holding ``values`` (uint32, ``num_perm`` of them: what
    :func:`minhash_values` returns). Built the way ``LeanMinHash.copy`` builds one, without
    re-validating values our own arithmetic produced (that check costs 14 µs a text)."""
    sig = object.__new__(LeanMinHash)
    sig.seed, sig.scheme, sig.hashvalues = params.seed, params.scheme, values
    return sig


def distinct_count(hashes: np.ndarray) -> int:
    if len(hashes) == 0:
        return 0
    ordered = np.sort(hashes)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def fast_signature(normalised: str, params: DedupParams) -> tuple[LeanMinHash, np.ndarray, int]:
    """Signature of the text's word ``shingle_size``-grams, its word hashes (for anchors) and
    the number of distinct shingles."""
    words = word_hashes(normalised)
    grams = ngram_hashes(words, params.shingle_size)  # duplicates do not change a minimum
    return lean_minhash(minhash_values(grams, params), params), words, distinct_count(grams)


def anchors(normalised: str, params: DedupParams, words: np.ndarray | None = None) -> tuple[int, ...]:
    """Winnowed anchors: the minimum word ``anchor_size``-gram hash of every window.

    Deterministic (xxh32 word hashes, no per-process seed) and local: two texts sharing
    a verbatim run of ``anchor_window + anchor_size - 1`` words share at least one anchor.
    """
    if words is None:
        words = word_hashes(normalised)
    k, w = params.anchor_size, params.anchor_window
    if len(words) < k:
        return ()
    hashes = ngram_hashes(words, k)
    if len(hashes) <= w:
        return (int(hashes.min()),)
    minima = np.lib.stride_tricks.sliding_window_view(hashes, w).min(axis=1)
    return tuple(int(h) for h in np.unique(minima))


def anchors_bytes(values: tuple[int, ...]) -> bytes:
    return np.asarray(values, dtype="<u4").tobytes()


def signature_bytes(sig: LeanMinHash) -> bytes:
    """Compact storage form: the hash values, little-endian."""
    return np.asarray(sig.hashvalues).astype("<u4").tobytes()


def signature_from_bytes(data: bytes, params: DedupParams) -> LeanMinHash:
    """Inverse of :func:`signature_bytes`."""
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    if len(values) != params.num_perm:
        raise ValueError(f"a stored signature holds {len(values)} values, the parameters say {params.num_perm}")
    return lean_minhash(values, params)
