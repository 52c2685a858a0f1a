"""Benchmark: normalised texts -> MinHash signatures per second, on one core.

Texts: about 2,000 SaudiNewsNet articles spread evenly over the corpus, normalised
beforehand (normalisation is not timed: both contenders start from the same text).
Without ../shared, the project's fixture texts and golden-page bodies are used.

- baseline, datasketch as users call it: ``MinHash(num_perm=128)`` per text, then
  ``update_batch([s.encode() for s in shingles(t, 3)])`` (word 3-grams, default SHA-1 hashing);
- akhbar: ``fast_signature(t, DedupParams())`` (xxh32 word hashes combined into 3-gram
  hashes in numpy, the affine32 permutations applied to all shingles at once).

Also shown, not used for the ratio: datasketch with the permutations built once and
passed in (``MinHash(permutations=...)``), which removes the per-object set-up.
Runs alternate; texts/s from min and median over repeats; ratio = akhbar / baseline.

Identity check: for a few texts, akhbar's values must equal datasketch's
``MinHash(scheme="affine32", hashfunc=lambda x: x).update_batch(<akhbar's 3-gram hashes>)``.
Target: ratio >= 4x.

    python -m benchmarks.signatures [--texts 2000] [--repeats 3] [--quick]
"""

from __future__ import annotations

import argparse

import numpy as np
from datasketch import MinHash

from benchmarks.corpus import fixture_texts, snn_available, snn_records
from benchmarks.harness import alternate, machine
from crawler.processing.fingerprint import DedupParams, fast_signature, ngram_hashes, shingles, word_hashes
from crawler.processing.normalize import normalize

TARGET = 4.0


def load_texts(count: int) -> tuple[list[str], str]:
    if snn_available():
        records = snn_records()
        step = max(1, len(records) // count)
        picked = records[::step][:count]
        return [normalize(r["content"]) for r in picked], f"SaudiNewsNet, {len(picked)} of {len(records)} articles"
    base = [normalize(t) for t in fixture_texts()]
    texts = (base * (count // len(base) + 1))[:count]  # enough work to time
    return texts, f"{len(base)} fixture texts repeated to {len(texts)} (../shared absent)"


def datasketch_default(texts: list[str]) -> None:
    for t in texts:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in shingles(t, 3)])


def datasketch_shared_perms(texts: list[str]) -> None:
    perms = MinHash(num_perm=128).permutations
    for t in texts:
        m = MinHash(num_perm=128, permutations=perms, scheme="affine32")
        m.update_batch([s.encode() for s in shingles(t, 3)])


def akhbar(texts: list[str], params: DedupParams) -> None:
    for t in texts:
        fast_signature(t, params)


def identity_check(texts: list[str], params: DedupParams) -> int:
    """Assert akhbar's values are datasketch's for the same 3-gram hashes; return texts checked."""
    checked = 0
    for t in texts:
        grams = ngram_hashes(word_hashes(t), params.shingle_size)
        ref = MinHash(num_perm=params.num_perm, seed=params.seed, scheme="affine32", hashfunc=lambda x: x)
        ref.update_batch(grams.tolist())
        ours = fast_signature(t, params)[0].hashvalues
        assert np.array_equal(np.asarray(ours), ref.hashvalues), "fast_signature differs from datasketch"
        checked += 1
    return checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="500 texts, 2 repeats")
    args = parser.parse_args()
    if args.quick:
        args.texts, args.repeats = min(args.texts, 500), min(args.repeats, 2)
    texts, source = load_texts(args.texts)
    params = DedupParams()
    fast_signature(texts[0], params)  # permutations are built once per parameter set: not timed
    checked = identity_check(texts[:5], params)
    timings = alternate(
        {
            "datasketch": lambda: datasketch_default(texts),
            "datasketch, perms once": lambda: datasketch_shared_perms(texts),
            "akhbar": lambda: akhbar(texts, params),
        },
        args.repeats,
    )
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"# signatures benchmark: {machine()}")
    print(f"texts: {source}; {words / n:.0f} words/text on average; one process, repeats: {args.repeats}")
    for name, t in timings.items():
        print(
            f"{name:24s} min {n / t.min:8,.0f} texts/s  median {n / t.median:8,.0f} texts/s  "
            f"({1e6 * t.median / n:6.1f} µs/text)"
        )
    base, ours = timings["datasketch"], timings["akhbar"]
    ratio = base.median / ours.median
    print(
        f"ratio akhbar / datasketch: median {ratio:.1f}x, min {base.min / ours.min:.1f}x "
        f"(target >= {TARGET:g}x: {'met' if ratio >= TARGET else 'MISSED'}); "
        f"against datasketch with permutations built once: "
        f"{timings['datasketch, perms once'].median / ours.median:.1f}x"
    )
    print(f"identity: akhbar values == datasketch affine32 on the same 3-gram hashes for {checked}/{checked} texts")


if __name__ == "__main__":
    main()
