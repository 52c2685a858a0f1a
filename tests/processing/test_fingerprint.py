from __future__ import annotations

import subprocess
import sys

import numpy as np
from datasketch import MinHash

from crawler.processing.fingerprint import (
    DedupParams,
    fast_signature,
    minhash_values,
    ngram_hashes,
    shingles,
    signature_bytes,
    signature_from_bytes,
    text_digest,
    word_hashes,
)
from crawler.processing.normalize import normalize


def test_shingles_are_word_ngrams() -> None:
    assert shingles("a b c d", 3) == {"a b c", "b c d"}
    assert shingles("a b", 3) == {"a b"}
    assert shingles("", 3) == set()


def test_ngram_hashes_depend_on_order_and_content() -> None:
    h = ngram_hashes(word_hashes("a b c a b c c b a"), 3)
    assert len(h) == 7
    assert h[0] == h[3]  # "a b c" twice
    assert h[0] != h[6]  # "c b a" is another shingle
    assert len(ngram_hashes(word_hashes("a b"), 3)) == 1  # short text: one shingle


def test_values_are_datasketch_minhash_values(conference_text: str) -> None:
    """The vectorised path gives exactly what datasketch's update_batch gives for the same hashes."""
    params = DedupParams()
    grams = np.unique(ngram_hashes(word_hashes(normalize(conference_text)), 3))
    reference = MinHash(num_perm=params.num_perm, seed=params.seed, scheme="affine32", hashfunc=lambda x: x)
    reference.update_batch([int(g) for g in grams])
    assert np.array_equal(minhash_values(grams, params), reference.hashvalues)


def test_signature_round_trips_through_bytes(conference_text: str) -> None:
    params = DedupParams()
    sig = fast_signature(normalize(conference_text), params)[0]
    again = signature_from_bytes(signature_bytes(sig), params)
    assert again.jaccard(sig) == 1.0
    assert len(signature_bytes(sig)) == 4 * params.num_perm


def test_similar_texts_have_similar_signatures(conference_text: str, tangier_text: str) -> None:
    params = DedupParams()
    paras = conference_text.split("\n")
    a = fast_signature(normalize(conference_text), params)[0]
    b = fast_signature(normalize("\n".join(paras[:-1])), params)[0]
    c = fast_signature(normalize(tangier_text), params)[0]
    assert a.jaccard(b) > 0.6 and a.jaccard(c) < 0.1


def test_signatures_identical_across_processes(conference_text: str) -> None:
    """Signatures are data in the store: another interpreter (other hash seed) must agree."""
    params = DedupParams()
    here = signature_bytes(fast_signature(normalize(conference_text), params)[0]).hex()
    code = (
        "import sys;from crawler.processing.fingerprint import *;from crawler.processing.normalize import normalize;"
        "t=sys.stdin.read();print(signature_bytes(fast_signature(normalize(t),DedupParams())[0]).hex())"
    )
    for seed in ("0", "12345"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            input=conference_text,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        assert out.stdout.strip() == here


def test_digest_ignores_presentation_differences(conference_text: str) -> None:
    variant = conference_text.replace("،", ",").replace("ا", "أ", 3) + " ..."
    assert text_digest(normalize(variant)) == text_digest(normalize(conference_text))
