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
    lsh_threshold: float = 0.5  # LSH candidate threshold (estimated Jaccard)
    accept_jaccard: float = 0.5  # verified word-shingle Jaccard that makes a near duplicate
    accept_containment: float = 0.8  # ... or this share of the shorter text inside the longer
    min_shingles: int = 20  # containment only counts for texts at least this long

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
