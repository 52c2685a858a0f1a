from __future__ import annotations

import subprocess
import sys

from crawler.processing.fingerprint import (
    DedupParams,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
    text_digest,
)
from crawler.processing.normalize import normalize


def test_shingles_are_word_ngrams() -> None:
    assert shingles("a b c d", 3) == {"a b c", "b c d"}
    assert shingles("a b", 3) == {"a b"}
    assert shingles("", 3) == set()


def test_signature_round_trips_through_bytes(conference_text: str) -> None:
    params = DedupParams()
    sig = signature(shingles(normalize(conference_text), 3), params)
    again = signature_from_bytes(signature_bytes(sig), params)
    assert again.jaccard(sig) == 1.0
    assert len(signature_bytes(sig)) == 4 * params.num_perm


def test_signatures_identical_across_processes(conference_text: str) -> None:
    """Signatures are data in the store: another interpreter (new hash seed) must agree."""
    params = DedupParams()
    here = signature_bytes(signature(shingles(normalize(conference_text), 3), params)).hex()
    code = (
        "import sys;from crawler.processing.fingerprint import *;from crawler.processing.normalize import normalize;"
        "t=sys.stdin.read();print(signature_bytes(signature(shingles(normalize(t),3),DedupParams())).hex())"
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
