"""Sample candidate pairs for labelling *same event* (issue 14) from SaudiNewsNet.

Copy-level pairs (``dedup_pairs*.tsv``) ask "is this the same text?"; these pairs ask
"do the two articles report the same event?", so most of them are two outlets writing
in their own words. Strata, all pairs from two different outlets:

``ev_near``     within 2 days, content word TF-IDF cosine in one of three bands
                (0.08-0.18, 0.18-0.30, 0.30-0.55), word 3-gram Jaccard < 0.3 (not copies)
``ev_title``    within 2 days, the two titles share >= 2 rare words (document frequency
                <= 30), 3-gram Jaccard < 0.3
``ev_far``      5-20 days apart, cosine >= 0.18 (same topic, likely another event)
``copy``        within 2 days, 3-gram Jaccard >= 0.5 (copies must stay in one event)
``random``      two articles of the same day, drawn uniformly

The cosine here is a plain one (normalised words, no stemming) used only to draw
candidates; it is not the linker's score. A document appears in at most two pairs.
``split`` is fixed by a hash of the unordered URL pair before any labelling or tuning::

    lo, hi = sorted((url_a, url_b))
    split = "held" if int(sha256(f"{lo}\\t{hi}".encode()).hexdigest(), 16) % 2 else "tune"

Output columns: ``pair_id url_a url_b stratum split label note`` (label and note empty).
Only URLs are written: the corpus is CC BY-NC-SA and its texts stay in ``shared/``.

    python -m benchmarks.event_pairs_sample --out /tmp/event_pairs_candidates.tsv

The labelled result is ``benchmarks/data/event_pairs.tsv`` (labels by four labellers who judged
the texts only; guidelines in ``docs/events.md``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from benchmarks.corpus import snn_records
from crawler.processing.normalize import normalize

PER_STRATUM = {"ev_near": 330, "ev_title": 120, "ev_far": 60, "copy": 50, "random": 40}
NEAR_BANDS = ((0.08, 0.18), (0.18, 0.30), (0.30, 0.55))


def split_of(url_a: str, url_b: str) -> str:
    lo, hi = sorted((url_a, url_b))
    return "held" if int(hashlib.sha256(f"{lo}\t{hi}".encode()).hexdigest(), 16) % 2 else "tune"


def day_of(rec: dict) -> date:
    return date.fromisoformat((rec.get("date_extracted") or "2015-01-01")[:10])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    recs = [r for r in snn_records() if len(r.get("content") or "") >= 400]
    words = [normalize(r["content"]).split() for r in recs]
    titles = [set(normalize(r.get("title") or "").split()) for r in recs]
    days = [day_of(r) for r in recs]
    n = len(recs)
    df: Counter[str] = Counter()
    for w in words:
        df.update(set(w))
    tdf: Counter[str] = Counter()
    for t in titles:
        tdf.update(t)
    idf = {t: math.log(n / c) for t, c in df.items()}
    vecs: list[dict[str, float]] = []
    for w in words:
        tf = Counter(x for x in w if len(x) > 2 and df[x] < n * 0.05)
        v = {t: (1 + math.log(c)) * idf[t] for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    grams = [{" ".join(w[i : i + 3]) for i in range(len(w) - 2)} for w in words]

    def cosine(i: int, j: int) -> float:
        a, b = vecs[i], vecs[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(t, 0.0) for t, x in a.items())

    def jaccard(i: int, j: int) -> float:
        a, b = grams[i], grams[j]
        return len(a & b) / (len(a | b) or 1)

    # candidate generation: inverted index over each document's 12 heaviest terms
    top = [sorted(v, key=v.__getitem__, reverse=True)[:12] for v in vecs]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, heaviest in enumerate(top):
        for term in heaviest:
            postings[term].append(i)
    pairs: dict[tuple[int, int], tuple[float, float]] = {}
    for i in range(n):
        cand: Counter[int] = Counter()
        for term in top[i]:
            if len(postings[term]) <= 400:
                cand.update(j for j in postings[term] if j > i)
        for j, shared in cand.items():
            if shared >= 2 and recs[i]["source"] != recs[j]["source"]:
                pairs[(i, j)] = (cosine(i, j), -1.0)

    strata: dict[str, list[tuple[int, int]]] = defaultdict(list)
    bands: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (i, j), (cos, _) in pairs.items():
        gap = abs((days[i] - days[j]).days)
        if gap <= 2:
            jac = jaccard(i, j)
            if jac >= 0.5:
                strata["copy"].append((i, j))
            elif jac < 0.3:
                for b, (lo, hi) in enumerate(NEAR_BANDS):
                    if lo <= cos < hi:
                        bands[b].append((i, j))
                rare = {t for t in titles[i] & titles[j] if tdf[t] <= 30 and len(t) > 2}
                if len(rare) >= 2:
                    strata["ev_title"].append((i, j))
        elif 5 <= gap <= 20 and cos >= 0.18:
            strata["ev_far"].append((i, j))
    by_day: dict[date, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        by_day[d].append(i)
    day_list = sorted(by_day)
    for _ in range(PER_STRATUM["random"] * 4):
        d = rng.choice(day_list)
        if len(by_day[d]) > 1:
            i, j = sorted(rng.sample(by_day[d], 2))
            if recs[i]["source"] != recs[j]["source"]:
                strata["random"].append((i, j))

    uses: Counter[int] = Counter()
    chosen: list[tuple[str, int, int]] = []
    taken: set[tuple[int, int]] = set()

    def draw(name: str, pool: list[tuple[int, int]], k: int) -> None:
        pool = sorted(set(pool))
        rng.shuffle(pool)
        got = 0
        for i, j in pool:
            if got >= k:
                break
            if (i, j) in taken or uses[i] >= 2 or uses[j] >= 2:
                continue
            taken.add((i, j))
            uses[i] += 1
            uses[j] += 1
            chosen.append((name, i, j))
            got += 1

    for b in range(len(NEAR_BANDS)):
        draw("ev_near", bands[b], PER_STRATUM["ev_near"] // len(NEAR_BANDS))
    for name in ("ev_title", "ev_far", "copy", "random"):
        draw(name, strata[name], PER_STRATUM[name])
    rng.shuffle(chosen)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(["pair_id", "url_a", "url_b", "stratum", "split", "label", "note"])
        for k, (name, i, j) in enumerate(chosen, 1):
            a, b = recs[i]["url"], recs[j]["url"]
            out.writerow([k, a, b, name, split_of(a, b), "", ""])
    print(f"{len(chosen)} pairs -> {args.out}: {Counter(s for s, _, _ in chosen)}")


if __name__ == "__main__":
    main()
