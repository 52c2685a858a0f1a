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
    hashfunc: str = "xxh32"  # shingle hash fed to MinHash
    lsh_threshold: float = 0.3  # LSH candidate threshold (estimated Jaccard)
    anchor_size: int = 5  # words per anchor shingle
    anchor_window: int = 24  # winnowing window: shared runs of >= window + size - 1 words meet
    min_shared_anchors: int = 2  # anchors two texts must share to become candidates
    accept_jaccard: float = 0.5  # verified word 3-gram Jaccard that makes a near duplicate,
    accept_containment: float = 0.6  # ... or this share of the shorter text's 3-grams in the other,
    soft_containment: float = 0.4  # ... or this share together with
    soft_word_containment: float = 0.75  # this share of its distinct words
    min_shingles: int = 10  # below this, only Jaccard counts (tiny texts contain anything)

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


def _xxh32(data: bytes) -> int:
    return xxhash.xxh32_intdigest(data)


def anchors(normalised: str, params: DedupParams) -> tuple[int, ...]:
    """Winnowed anchors: the minimum word ``anchor_size``-gram hash of every window.

    Deterministic (xxh32, no seed from the process) and local: two texts sharing a
    verbatim run of ``anchor_window + anchor_size - 1`` words share at least one anchor.
    """
    words = tokens(normalised)
    k, w = params.anchor_size, params.anchor_window
    if len(words) < k:
        return ()
    hashes = np.fromiter(
        (xxhash.xxh32_intdigest(" ".join(words[i : i + k]).encode("utf-8")) for i in range(len(words) - k + 1)),
        dtype=np.uint32,
    )
    if len(hashes) <= w:
        return (int(hashes.min()),)
    minima = np.lib.stride_tricks.sliding_window_view(hashes, w).min(axis=1)
    return tuple(int(h) for h in np.unique(minima))


def anchors_bytes(values: tuple[int, ...]) -> bytes:
    return np.asarray(values, dtype="<u4").tobytes()


def anchors_from_bytes(data: bytes | None) -> tuple[int, ...]:
    return tuple(int(v) for v in np.frombuffer(data or b"", dtype="<u4"))


def signature(shingle_set: set[str], params: DedupParams) -> LeanMinHash:
    """MinHash signature of a shingle set (a datasketch ``LeanMinHash``)."""
    mh = MinHash(
        num_perm=params.num_perm,
        seed=params.seed,
        scheme=params.scheme,
        hashfunc=_xxh32,
        permutations=params.permutations,
    )
    if shingle_set:
        mh.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return LeanMinHash(mh)


def signature_bytes(sig: LeanMinHash) -> bytes:
    """Compact storage form: the hash values, little-endian."""
    return np.asarray(sig.hashvalues).astype("<u4").tobytes()


def signature_from_bytes(data: bytes, params: DedupParams) -> LeanMinHash:
    """Inverse of :func:`signature_bytes`."""
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=params.seed, hashvalues=values, scheme=params.scheme)
