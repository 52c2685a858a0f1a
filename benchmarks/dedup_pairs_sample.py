"""Sample candidate article pairs from SaudiNewsNet for near-duplicate labelling.

The script reads the SaudiNewsNet corpus (one JSON array per ``YYYY-MM-DD.zip``),
keeps one record per URL and drops records whose content is shorter than
``--min-chars`` characters. Every text goes through
:func:`crawler.processing.normalize.normalize` and is turned into a set of word
3-gram shingles. Two overlap figures are computed on those sets::

    jaccard3     = |A & B| / |A | B|
    containment3 = |A & B| / min(|A|, |B|)

Candidate pairs come from an inverted index on rare shingles (those found in at
most ``--max-df`` documents): any two documents that share at least
``--min-shared`` rare shingles get their exact overlap computed. Pairs are then
put into exclusive bands, checked in this order:

``contained``  containment3 >= 0.6 and jaccard3 < 0.5 (a short piece inside a long one)
``high``       jaccard3 >= 0.7
``mid``        0.3 <= jaccard3 < 0.7
``low``        0.1 <= jaccard3 < 0.3

Two more bands do not come from shingle overlap:

``sameday``    same extraction date, different outlet, at least two rare title words
               in common, jaccard3 < 0.1 (one event written twice, or two stories)
``random``     two documents drawn uniformly at random

Inside a band the pairs are spread over equal-width sub-bins of the band's
similarity range, and no document appears in more than one sampled pair, so a
single template family or a much-copied dispatch cannot fill a band alone.

The output is a TSV with the columns ``url_a url_b band jaccard3 containment3``.
Only URLs and figures are written: the corpus is CC BY-NC-SA and its texts stay
in ``shared/``.

Usage, from the repository root::

    python benchmarks/dedup_pairs_sample.py --corpus ../shared/corpora/saudinewsnet \\
        --out /tmp/dedup_candidates.tsv --seed 7
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# ``python benchmarks/dedup_pairs_sample.py`` puts benchmarks/ first on sys.path,
# not the repository root, so the crawler package would not be found.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from crawler.processing.normalize import normalize  # noqa: E402

SHINGLE_SIZE = 3

# band name -> (default quota, similarity measure used for the sub-bins, bin edges)
BANDS: dict[str, tuple[int, str, tuple[float, ...]]] = {
    "high": (70, "jaccard", (0.7, 0.8, 0.9, 1.0001)),
    "contained": (50, "containment", (0.6, 0.7, 0.8, 0.9, 1.0001)),
    "mid": (80, "jaccard", (0.3, 0.4, 0.5, 0.6, 0.7)),
    "low": (60, "jaccard", (0.1, 0.15, 0.2, 0.25, 0.3)),
    "sameday": (60, "jaccard", (0.0, 0.1)),
    "random": (40, "jaccard", (0.0, 1.0001)),
}
# Sampling order: the rarer, more informative bands claim their documents first.
BAND_ORDER: tuple[str, ...] = ("high", "contained", "mid", "low", "sameday", "random")


@dataclass(frozen=True)
class Doc:
    """One corpus record reduced to what the sampler needs."""

    url: str
    source: str
    day: str
    title_words: frozenset[str]
    shingles: np.ndarray  # sorted, unique uint64 shingle hashes


@dataclass(frozen=True)
class Pair:
    """Two documents (indices into the document list, ``a < b``) and their overlap."""

    a: int
    b: int
    jaccard: float
    containment: float


def iter_records(corpus: Path) -> Iterator[dict]:
    """Yield every JSON record of every ``dataset/*.zip`` file, in file-name order."""
    dataset = corpus / "dataset" if (corpus / "dataset").is_dir() else corpus
    zips = sorted(dataset.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no *.zip files under {dataset}")
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".json"):
                    yield from json.loads(archive.read(name))


def shingle_hashes(words: Sequence[str], size: int = SHINGLE_SIZE) -> np.ndarray:
    """Return the sorted unique 64-bit hashes of the word ``size``-grams of ``words``."""
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    hashes = [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little") for g in grams]
    return np.unique(np.array(hashes, dtype=np.uint64))


def load_docs(corpus: Path, min_chars: int) -> list[Doc]:
    """Load the corpus, keep the first record per URL and drop short contents."""
    seen: set[str] = set()
    docs: list[Doc] = []
    for rec in iter_records(corpus):
        url = (rec.get("url") or "").strip()
        content = rec.get("content") or ""
        if not url or url in seen:
            continue
        seen.add(url)
        if len(content.strip()) < min_chars:
            continue
        words = normalize(content).split()
        if len(words) < SHINGLE_SIZE:
            continue
        docs.append(
            Doc(
                url=url,
                source=rec.get("source") or "",
                day=(rec.get("date_extracted") or "")[:10],
                title_words=frozenset(normalize(rec.get("title") or "").split()),
                shingles=shingle_hashes(words),
            )
        )
    return docs


def overlap(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Return ``(jaccard, containment)`` of two sorted unique hash arrays."""
    inter = np.intersect1d(x, y, assume_unique=True).size
    union = x.size + y.size - inter
    return inter / union, inter / min(x.size, y.size)


def shared_rare_counts(docs: Sequence[Doc], max_df: int) -> tuple[np.ndarray, np.ndarray]:
    """Count, for each document pair, the rare shingles (df in 2..max_df) they share.

    Returns two arrays: pair codes ``a * n + b`` (``a < b``) and their counts.
    """
    n = len(docs)
    lengths = np.array([d.shingles.size for d in docs], dtype=np.int64)
    hashes = np.concatenate([d.shingles for d in docs])
    owners = np.repeat(np.arange(n, dtype=np.int64), lengths)
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    dfs = np.diff(np.r_[starts, hashes.size])
    codes: list[np.ndarray] = []
    for df in range(2, max_df + 1):
        group_starts = starts[dfs == df]
        if group_starts.size == 0:
            continue
        # (groups, df) matrix of document indices, ascending inside each row.
        members = owners[group_starts[:, None] + np.arange(df)[None, :]]
        ia, ib = np.triu_indices(df, k=1)
        codes.append((members[:, ia] * n + members[:, ib]).ravel())
    if not codes:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.unique(np.concatenate(codes), return_counts=True)


def overlap_pairs(docs: Sequence[Doc], max_df: int, min_shared: int) -> list[Pair]:
    """Return the exact overlap of every pair sharing ``min_shared`` rare shingles."""
    n = len(docs)
    codes, counts = shared_rare_counts(docs, max_df)
    pairs: list[Pair] = []
    for code in codes[counts >= min_shared]:
        a, b = divmod(int(code), n)
        if docs[a].url == docs[b].url:
            continue
        jac, con = overlap(docs[a].shingles, docs[b].shingles)
        pairs.append(Pair(a, b, jac, con))
    return pairs


def band_of(pair: Pair) -> str | None:
    """Put an overlap pair into its exclusive band, or ``None`` below the low band."""
    if pair.containment >= 0.6 and pair.jaccard < 0.5:
        return "contained"
    if pair.jaccard >= 0.7:
        return "high"
    if pair.jaccard >= 0.3:
        return "mid"
    if pair.jaccard >= 0.1:
        return "low"
    return None


def sameday_pairs(docs: Sequence[Doc], known: set[tuple[int, int]], max_title_df: int) -> list[Pair]:
    """Same-day, cross-outlet pairs sharing two or more rare title words, low overlap."""
    title_df: dict[str, int] = defaultdict(int)
    for doc in docs:
        for word in doc.title_words:
            title_df[word] += 1
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for word in doc.title_words:
            if len(word) >= 3 and not word.isdigit() and title_df[word] <= max_title_df:
                postings[(doc.day, word)].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for key in sorted(postings):
        members = postings[key]
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    pairs: list[Pair] = []
    for (a, b), count in sorted(shared.items()):
        if count < 2 or (a, b) in known or docs[a].source == docs[b].source:
            continue
        jac, con = overlap(docs[a].shingles, docs[b].shingles)
        if jac < 0.1:
            pairs.append(Pair(a, b, jac, con))
    return pairs


def random_pairs(docs: Sequence[Doc], known: set[tuple[int, int]], count: int, rng: random.Random) -> list[Pair]:
    """Draw ``count`` distinct uniformly random pairs that no other band holds."""
    n = len(docs)
    chosen: dict[tuple[int, int], Pair] = {}
    while len(chosen) < count:
        a, b = sorted(rng.sample(range(n), 2))
        if (a, b) in known or (a, b) in chosen:
            continue
        jac, con = overlap(docs[a].shingles, docs[b].shingles)
        chosen[(a, b)] = Pair(a, b, jac, con)
    return list(chosen.values())


def sample_band(
    pool: Iterable[Pair],
    quota: int,
    measure: str,
    edges: Sequence[float],
    used: set[int],
    rng: random.Random,
) -> list[Pair]:
    """Spread ``quota`` pairs over the sub-bins given by ``edges``, one use per document.

    Bins are filled round-robin from shuffled pools; a bin that runs dry leaves
    its share to the others. Pairs touching an already used document are skipped.
    """
    bins: list[list[Pair]] = [[] for _ in range(len(edges) - 1)]
    for pair in pool:
        value = pair.jaccard if measure == "jaccard" else pair.containment
        for k in range(len(edges) - 1):
            if edges[k] <= value < edges[k + 1]:
                bins[k].append(pair)
                break
    for members in bins:
        members.sort(key=lambda p: (p.a, p.b))
        rng.shuffle(members)
    picked: list[Pair] = []
    cursors = [0] * len(bins)
    while len(picked) < quota:
        progressed = False
        for k, members in enumerate(bins):
            if len(picked) >= quota:
                break
            while cursors[k] < len(members):
                pair = members[cursors[k]]
                cursors[k] += 1
                if pair.a not in used and pair.b not in used:
                    used.update((pair.a, pair.b))
                    picked.append(pair)
                    progressed = True
                    break
        if not progressed:
            break
    return picked


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="SaudiNewsNet folder")
    parser.add_argument("--out", type=Path, required=True, help="TSV file to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--min-chars", type=int, default=200, help="shortest content kept")
    parser.add_argument("--max-df", type=int, default=20, help="rare shingle: df at most this")
    parser.add_argument("--min-shared", type=int, default=3, help="rare shingles for a candidate")
    parser.add_argument("--max-title-df", type=int, default=15, help="rare title word: df cap")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every band quota by this")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Load, band, sample and write the candidate pairs."""
    args = parse_args(argv)
    rng = random.Random(args.seed)
    docs = load_docs(args.corpus, args.min_chars)
    print(f"documents kept: {len(docs)}", file=sys.stderr)

    pools: dict[str, list[Pair]] = defaultdict(list)
    for pair in overlap_pairs(docs, args.max_df, args.min_shared):
        band = band_of(pair)
        if band is not None:
            pools[band].append(pair)
    known = {(p.a, p.b) for members in pools.values() for p in members}
    pools["sameday"] = sameday_pairs(docs, known, args.max_title_df)
    known.update((p.a, p.b) for p in pools["sameday"])
    for band in BAND_ORDER[:-1]:
        print(f"pool {band}: {len(pools[band])} pairs", file=sys.stderr)

    used: set[int] = set()
    rows: list[tuple[str, str, str, float, float]] = []
    for band in BAND_ORDER:
        quota, measure, edges = BANDS[band]
        quota = round(quota * args.scale)
        pool = random_pairs(docs, known, quota * 3, rng) if band == "random" else pools[band]
        picked = sample_band(pool, quota, measure, edges, used, rng)
        print(f"sampled {band}: {len(picked)}", file=sys.stderr)
        for p in picked:
            rows.append((docs[p.a].url, docs[p.b].url, band, p.jaccard, p.containment))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["url_a", "url_b", "band", "jaccard3", "containment3"])
        for url_a, url_b, band, jac, con in rows:
            writer.writerow([url_a, url_b, band, f"{jac:.4f}", f"{con:.4f}"])
    print(f"wrote {len(rows)} pairs to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
