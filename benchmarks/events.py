"""Same-event linking on SaudiNewsNet: labelled pairs, cost per article, memory.

Streams the whole corpus (31k articles, July-Aug 2015, in extraction order, each article's time
its extraction time) through the event linker, with the duplicate decision of the real dedup
index (so copies join their original's event as in a crawl), then scores the labelled pairs of
``benchmarks/data/event_pairs.tsv`` (splits ``tune`` and ``held``) and of the second set
``benchmarks/data/event_pairs_v2.tsv`` (split ``v2``: 360 pairs drawn with another seed, labelled
by two readers who never ran the linker, all held out): a pair is *linked* when both articles got
the same event. SAME and COPY pairs are positives, DIFF negatives, PART pairs are left out. Figures
are given per split; thresholds are set on ``tune``, ``held`` was read after its measurements, so
``v2`` is the one to report. Beside them, in the same run:
plain word TF-IDF cosine pair by pair (its best threshold on ``tune``), and the SemEval-2022 Task 8 Arabic
pairs (:mod:`benchmarks.events_semeval`).

    python -m benchmarks.events [--threshold 0.47] [--split v2|held|tune|all]   # also SemEval's Arabic pairs
    python -m benchmarks.events --cost 100000     # synthetic 10,000 articles/day stream: ms/article, RSS
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from benchmarks.corpus import peak_rss_bytes, rss_bytes, snn_available, snn_records
from crawler.processing.events import EventLinker, EventParams, day_number
from crawler.processing.eventterms import article_terms
from crawler.processing.normalize import normalize

DATA = Path(__file__).resolve().parent / "data"
PAIRS = DATA / "event_pairs.tsv"  # splits ``tune`` and ``held``
PAIRS_V2 = DATA / "event_pairs_v2.tsv"  # the second set, all held out: split ``v2``
SPLITS = ("tune", "held", "v2")


def load_rows() -> list[dict[str, str]]:
    """Both labelled sets' rows; the second set's rows carry the split ``v2``."""
    rows = list(csv.DictReader(PAIRS.open(encoding="utf-8"), delimiter="\t"))
    if PAIRS_V2.exists():
        rows += [{**r, "split": "v2"} for r in csv.DictReader(PAIRS_V2.open(encoding="utf-8"), delimiter="\t")]
    return rows


def link_corpus(params: EventParams) -> tuple[dict[str, int], float]:
    """Event id per URL, and seconds spent in the linker per article."""
    from crawler.processing.dedup import DedupIndex
    from crawler.processing.fingerprint import DedupParams, anchors, fast_signature, text_digest

    recs = snn_records()
    dedup_params = DedupParams()
    texts: dict[int, str] = {}
    index = DedupIndex(dedup_params, texts.__getitem__, lambda _i: None)
    linker = EventLinker(params)
    events: dict[str, int] = {}
    spent = 0.0
    for article_id, rec in enumerate(recs, 1):
        norm = normalize(rec["content"])
        sig, words, _n = fast_signature(norm, dedup_params)
        digest = text_digest(norm)
        anc = anchors(norm, dedup_params, words)
        decision = index.decide(digest, norm, sig, anc, None)
        texts[article_id] = norm
        index.load(article_id, digest, sig, decision.duplicate_of, anc)
        start = time.perf_counter()
        doc = linker.doc(article_terms(rec.get("title"), norm), day_number(rec.get("date_extracted")))
        link = linker.link(doc, decision.duplicate_of, decision.similarity)
        events[rec["url"]] = linker.add(article_id, doc, link)
        spent += time.perf_counter() - start
    return events, spent / max(1, len(recs))


def cost(total: int, per_day: int, params: EventParams) -> None:
    """Link ``total`` articles at ``per_day`` a day (SaudiNewsNet texts, cycled, times compressed):
    linker time per article and resident memory as the history grows."""
    recs = snn_records()
    terms = [article_terms(r.get("title"), normalize(r["content"])) for r in recs]
    base = rss_bytes()
    print(f"  before the linker: rss {base / 2**20:.0f} MiB (the corpus and its terms)")
    linker = EventLinker(params)
    spent = 0.0
    report = {total // 10, total // 4, total // 2, total}
    for i in range(total):
        when = 6000.0 + i / per_day
        start = time.perf_counter()
        doc = linker.doc(terms[i % len(terms)], when)
        linker.add(i + 1, doc, linker.link(doc))
        spent += time.perf_counter() - start
        if i + 1 in report:
            print(f"  {i + 1:>9,} articles: {spent / (i + 1) * 1000:.2f} ms/article, "
                  f"open events {len(linker.events):,}, "
                  f"terms {len(linker.df):,}, linker rss {(rss_bytes() - base) / 2**20:.0f} MiB")  # fmt: skip


def score(events: dict[str, int], split: str, show: bool = False) -> dict[str, float]:
    rows = load_rows()
    tp = fp = fn = tn = 0
    copies = copies_linked = 0
    for row in rows:
        if (split != "all" and row["split"] != split) or row["label"] == "PART":
            continue
        a, b = events.get(row["url_a"]), events.get(row["url_b"])
        if a is None or b is None:
            continue
        linked = a == b
        positive = row["label"] in ("SAME", "COPY")
        if row["label"] == "COPY":
            copies += 1
            copies_linked += linked
        if show and positive != linked:
            print(f"    {'missed' if positive else 'merged'} pair {row['pair_id']} {row['label']}: {row['note']}")
        tp += positive and linked
        fp += (not positive) and linked
        fn += positive and not linked
        tn += (not positive) and not linked
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pairs": tp + fp + fn + tn,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "copy_recall": copies_linked / copies if copies else 0.0,
    }


def tfidf_baseline() -> dict[str, tuple[float, float, float]]:
    """Plain word TF-IDF cosine (document frequencies over the whole corpus) on the labelled pairs: the
    threshold that gives the best F1 on ``tune``, applied to both splits. Returns split -> (P, R, threshold)."""
    from benchmarks.events_semeval import plain_tfidf_vectors
    from crawler.processing.events import cosine

    recs = snn_records()
    index = {r["url"]: i for i, r in enumerate(recs)}
    vectors = plain_tfidf_vectors([normalize(r["content"]).split() for r in recs])

    def vec(url: str) -> dict[str, float]:
        return vectors(index[url])

    rows = [r for r in load_rows() if r["label"] != "PART"]
    scored = {
        split: [
            (cosine(vec(r["url_a"]), vec(r["url_b"])), r["label"] in ("SAME", "COPY"))
            for r in rows
            if r["split"] == split and r["url_a"] in index and r["url_b"] in index
        ]
        for split in SPLITS
    }

    def pr(pairs: list[tuple[float, bool]], t: float) -> tuple[float, float]:
        tp = sum(1 for s, pos in pairs if pos and s >= t)
        fp = sum(1 for s, pos in pairs if not pos and s >= t)
        positives = sum(1 for _, pos in pairs if pos)
        return (tp / (tp + fp) if tp + fp else 0.0), (tp / positives if positives else 0.0)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    best = max((i / 100 for i in range(1, 100)), key=lambda t: f1(*pr(scored["tune"], t)))
    return {split: (*pr(pairs, best), best) for split, pairs in scored.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--sigma", type=float, default=None)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="another EventParams value")
    parser.add_argument("--show", action="store_true", help="list the pairs decided wrongly")
    parser.add_argument("--cost", type=int, default=0, metavar="N", help="synthetic stream of N articles instead")
    parser.add_argument("--per-day", type=int, default=10_000)
    parser.add_argument("--split", default="v2", choices=(*SPLITS, "all"))
    args = parser.parse_args()
    if not snn_available():
        raise SystemExit("SaudiNewsNet not found under ../shared: nothing to measure")
    params = EventParams()
    if args.threshold is not None:
        params = replace(params, threshold=args.threshold)
    if args.sigma is not None:
        params = replace(params, sigma_days=args.sigma)
    for setting in args.set:
        name, _, value = setting.partition("=")
        params = replace(params, **{name: type(getattr(params, name))(value)})
    if args.cost:
        print(f"{args.cost:,} articles at {args.per_day:,} a day (SaudiNewsNet texts, cycled):")
        cost(args.cost, args.per_day, params)
        return
    events, per_article = link_corpus(params)
    sizes = Counter(Counter(events.values()).values())
    print(f"threshold {params.threshold} sigma {params.sigma_days}: {len(events):,} articles, "
          f"{len(set(events.values())):,} events, "
          f"largest {max(Counter(events.values()).values())}, singletons {sizes[1]:,}; "
          f"linker {per_article * 1000:.2f} ms/article; rss {rss_bytes() / 2**20:.0f} MiB "
          f"(peak {peak_rss_bytes() / 2**20:.0f})")  # fmt: skip
    baseline = tfidf_baseline()
    for split in SPLITS if args.split == "all" else (args.split,):
        s = score(events, split, args.show)
        print(f"  {split}: {s['pairs']} pairs  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"copies linked {s['copy_recall']:.3f}")  # fmt: skip
        p, r, t = baseline[split]
        print(f"    plain TF-IDF cosine >= {t:.2f} (best F1 on tune), pair by pair: P {p:.3f}  R {r:.3f}")
    from benchmarks.events_semeval import main as semeval

    semeval()


if __name__ == "__main__":
    main()
