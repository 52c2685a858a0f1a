"""Benchmark: near-duplicate decisions - quality on labelled pairs, then speed and memory at scale.

a) Pair quality on ``benchmarks/data/dedup_pairs.tsv`` (360 hand-labelled SaudiNewsNet
   pairs; DUP = same story, EVENT = same event written separately, DIFF = different).
   For each pair a fresh index holds article A, then B is decided. "Same cluster" is:

   - akhbar: ``DedupIndex.decide`` says ``near`` or ``exact`` (LSH + anchors + verification);
   - baseline "news": plain MinHash as text-dedup is set up for news (word 2-grams,
     256 permutations, ``MinHashLSH(threshold=0.45)``): the LSH returns A for B;
   - baseline "web": the web-scale setting (word 5-grams, 256 permutations, threshold 0.8).

   All three read the same normalised text (``normalize``), words split on spaces,
   datasketch's default hashing for the baselines. Precision/recall/F1 against DUP,
   and a per-band breakdown (TP = DUP found, FP = EVENT/DIFF merged, FN = DUP missed).
   Then the second set (``dedup_pairs_v2.tsv``, tune and held-out splits) on clean text and
   through HTML pages, against the "news" baseline (``benchmarks/dedup_pairs_eval.py``).

b) Scale: all of SaudiNewsNet (first record per URL, empty contents dropped) in date
   order through the core - normalize, fast_signature, anchors, decide, load - with the
   texts of indexed articles in a dict. Baseline, same run, same normalised texts and
   parameters: datasketch ``MinHash(num_perm=128)`` of the word 3-grams and
   ``MinHashLSH(threshold=0.3)``, query then insert if nothing was returned (no verification).
   Reported: documents/s, peak RSS, index memory per indexed article (akhbar
   ``nbytes / size``; datasketch by tracemalloc), clusters of size > 1.

   Reopen: ``DedupIndex.bulk_load`` of the computed rows (whole corpus), then of 100,000
   articles (the corpus repeated, each copy's values XOR-ed with its own random constants,
   so copies keep their internal duplicate structure and do not match each other), against
   datasketch inserting the same signatures one by one (single run). Then a real reopen: the
   100,000 articles written with SQLAlchemy Core into a fresh SQLite store (same columns as
   ``Store.save``, corpus texts as article bodies), and
   ``Store(url, params)`` + ``signature_rows()`` + ``DedupIndex.bulk_load`` timed together
   (the full-text index is left empty: reopening does not read it).

Targets: <= 2 KB per indexed article, reopen of 100,000 articles < 10 s.

    python -m benchmarks.dedup [--repeats 3] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import functools
import gc
import hashlib
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.lsh import _optimal_param
from sqlalchemy import insert

from benchmarks import dedup_pairs_eval
from benchmarks.corpus import peak_rss_bytes, rss_bytes, snn_available, snn_records
from benchmarks.dedup_pairs_eval import Tally
from benchmarks.harness import alternate, machine
from crawler.processing.dedup import DedupIndex, StoredRows
from crawler.processing.fingerprint import DedupParams, anchors, fast_signature, shingles, text_digest
from crawler.processing.normalize import normalize
from crawler.run.step import StoredArticles, index_rows
from storage.db import open_engine, sqlite_url
from storage.models import Article, Fetch, Signature
from storage.store import Store

PAIRS = Path(__file__).resolve().parent / "data" / "dedup_pairs.tsv"
PARAMS = DedupParams()
TARGET_KB, TARGET_REOPEN_S = 2.0, 10.0
BASELINES = {"news": (2, 256, 0.45), "web": (5, 256, 0.8)}  # word n-gram, permutations, LSH threshold


# -- a) pair quality ---------------------------------------------------------------------------


@dataclass
class PairResults:
    overall: dict[str, Tally] = field(default_factory=dict)
    bands: dict[str, dict[str, Tally]] = field(default_factory=dict)
    merged_event: Counter[str] = field(default_factory=Counter)
    missing: int = 0


def akhbar_same(a: str, b: str, day_a: str | None = None, day_b: str | None = None) -> bool:
    index = DedupIndex(PARAMS, {1: a}.__getitem__, {1: day_a}.get)
    sig_a, words_a, _ = fast_signature(a, PARAMS)
    index.load(1, text_digest(a), sig_a, None, anchors(a, PARAMS, words_a))
    sig_b, words_b, _ = fast_signature(b, PARAMS)
    return index.decide(text_digest(b), b, sig_b, anchors(b, PARAMS, words_b), day_b).kind != "unique"


def plain_minhash(text: str, ngram: int, num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode() for s in shingles(text, ngram)])
    return m


def baseline_same(a: str, b: str, ngram: int, num_perm: int, threshold: float, bands: tuple[int, int]) -> bool:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=bands)
    lsh.insert("a", plain_minhash(a, ngram, num_perm))
    return "a" in lsh.query(plain_minhash(b, ngram, num_perm))


def _baseline_pair(
    a: str, b: str, _da: str | None, _db: str | None, *, n: int, perms: int, thr: float, bands: tuple[int, int]
) -> bool:
    return baseline_same(a, b, n, perms, thr, bands)


def pair_quality(content: dict[str, str], days: dict[str, str | None]) -> PairResults:
    """Decide every labelled pair with each contender (a fresh index per pair and contender).

    datasketch's band optimisation for the baselines (``_optimal_param``, tens of ms) would run
    for every fresh index; it is a pure function of (threshold, num_perm), so it is computed
    once here (akhbar's ``optimal_bands`` is cached by itself).
    """
    contenders: dict[str, Callable[[str, str, str | None, str | None], bool]] = {"akhbar": akhbar_same}
    for name, (n, perms, thr) in BASELINES.items():
        bands = _optimal_param(thr, perms, 0.5, 0.5)
        contenders[name] = functools.partial(_baseline_pair, n=n, perms=perms, thr=thr, bands=bands)
    return _pair_quality(content, days, contenders)


def _pair_quality(
    content: dict[str, str],
    days: dict[str, str | None],
    contenders: dict[str, Callable[[str, str, str | None, str | None], bool]],
) -> PairResults:
    res = PairResults({name: Tally() for name in contenders})
    with PAIRS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["url_a"] not in content or row["url_b"] not in content:
                res.missing += 1
                continue
            a, b = normalize(content[row["url_a"]]), normalize(content[row["url_b"]])
            dup = row["label"] == "DUP"
            band = res.bands.setdefault(row["band"], {name: Tally() for name in contenders})
            for name, same_fn in contenders.items():
                same = same_fn(a, b, days.get(row["url_a"]), days.get(row["url_b"]))
                res.overall[name].add(same, dup)
                band[name].add(same, dup)
                if same and row["label"] == "EVENT":
                    res.merged_event[name] += 1
    return res


def print_pairs(res: PairResults) -> None:
    t = res.overall["akhbar"]
    n = t.tp + t.fp + t.fn + t.tn
    print(f"a) pair quality: {n} labelled pairs ({res.missing} skipped: text not in corpus); positive = DUP")
    f_ours = res.overall["akhbar"].prf()[2]
    for name, tally in res.overall.items():
        if name == "akhbar":
            label = "akhbar"
        else:
            gram, perms, thr = BASELINES[name]
            label = f"{name} ({gram}-gram, {perms} perms, LSH {thr:.2f})"
        extra = "" if name == "akhbar" else f"  akhbar F1 / this: {f_ours / max(tally.prf()[2], 1e-9):.2f}x"
        print(f"  {label:38s} {tally}  EVENT merged {res.merged_event[name]}{extra}")
    print("  per band, TP/FP/FN (akhbar | news | web):")
    for band, tallies in res.bands.items():
        dup = tallies["akhbar"].tp + tallies["akhbar"].fn
        total = dup + tallies["akhbar"].fp + tallies["akhbar"].tn
        cells = " | ".join(f"{t.tp:3d}/{t.fp:2d}/{t.fn:2d}" for t in tallies.values())
        ours = tallies["akhbar"]
        p, r, _ = ours.prf()
        recall = f"{r:.2f}" if dup else "-"
        precision = f"{p:.2f}" if ours.tp + ours.fp else "-"
        print(f"    {band:10s} n={total:3d} DUP={dup:3d}  {cells}   akhbar recall {recall}, precision {precision}")


# -- b) scale ----------------------------------------------------------------------------------


@dataclass
class ScaleRun:
    seconds: float
    fingerprint_s: float
    decide_s: float
    kinds: Counter[str]
    canonical: np.ndarray  # int64, -1 when unique (index into 1-based ids)
    rows: StoredRows
    digests: list[bytes]
    similarity: list[float | None]
    kind_of: list[str]
    index_bytes: int
    indexed: int
    peak_rss: int


def cluster_sizes(canonical: np.ndarray) -> list[int]:
    counts = Counter(canonical[canonical >= 0].tolist())
    return sorted((c + 1 for c in counts.values()), reverse=True)


def akhbar_pass(texts: list[str], days: list[str | None]) -> ScaleRun:
    n = len(texts)
    known: dict[int, str] = {}
    index = DedupIndex(PARAMS, known.__getitem__, lambda article_id: days[article_id - 1])
    sigs = np.empty((n, PARAMS.num_perm), dtype=np.uint32)
    canonical = np.full(n, -1, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    anchor_parts: list[tuple[int, ...]] = []
    digests: list[bytes] = []
    similarity: list[float | None] = []
    kind_of: list[str] = []
    kinds: Counter[str] = Counter()
    fp_s = dec_s = 0.0
    clock = time.perf_counter
    start = clock()
    for i, text in enumerate(texts):
        article_id = i + 1
        t0 = clock()
        sig, words, _ = fast_signature(text, PARAMS)
        anch = anchors(text, PARAMS, words)
        digest = text_digest(text)
        t1 = clock()
        decision = index.decide(digest, text, sig, anch, days[i])
        index.load(article_id, digest, sig, decision.duplicate_of, anch)
        known[article_id] = text
        dec_s += clock() - t1
        fp_s += t1 - t0
        kinds[decision.kind] += 1
        sigs[i] = sig.hashvalues
        if decision.duplicate_of is not None:
            canonical[i] = decision.duplicate_of
        anchor_parts.append(anch)
        offsets[i + 1] = offsets[i] + len(anch)
        digests.append(digest)
        similarity.append(decision.similarity)
        kind_of.append(decision.kind)
    seconds = clock() - start
    rows = StoredRows(
        ids=np.arange(1, n + 1, dtype=np.uint32),
        canonical=canonical,
        digest_keys=np.array([int.from_bytes(d[:4], "little") for d in digests], dtype=np.uint32),
        signatures=sigs,
        anchors=np.fromiter((a for part in anchor_parts for a in part), dtype=np.uint32, count=int(offsets[-1])),
        anchor_offsets=offsets,
    )
    return ScaleRun(
        seconds,
        fp_s,
        dec_s,
        kinds,
        canonical,
        rows,
        digests,
        similarity,
        kind_of,
        index.nbytes,
        index.size,
        peak_rss_bytes(),
    )


@dataclass
class BaselineRun:
    seconds: float
    canonical: np.ndarray
    indexed_values: list[np.ndarray]


def baseline_pass(texts: list[str]) -> BaselineRun:
    lsh = MinHashLSH(threshold=PARAMS.lsh_threshold, num_perm=PARAMS.num_perm)
    canonical = np.full(len(texts), -1, dtype=np.int64)
    indexed: list[np.ndarray] = []
    start = time.perf_counter()
    for i, text in enumerate(texts):
        m = plain_minhash(text, PARAMS.shingle_size, PARAMS.num_perm)
        found = lsh.query(m)
        if found:
            canonical[i] = min(found)
        else:
            lsh.insert(i + 1, m, check_duplication=False)
            indexed.append(m.hashvalues)
    return BaselineRun(time.perf_counter() - start, canonical, indexed)


def datasketch_index_bytes(values: list[np.ndarray]) -> int:
    """tracemalloc: bytes a MinHashLSH keeps for these signatures."""
    sigs = [LeanMinHash(seed=PARAMS.seed, hashvalues=v, scheme=PARAMS.scheme) for v in values]
    lsh = MinHashLSH(threshold=PARAMS.lsh_threshold, num_perm=PARAMS.num_perm)
    gc.collect()
    tracemalloc.start()
    for i, sig in enumerate(sigs):
        lsh.insert(i, sig, check_duplication=False)
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current


def datasketch_rebuild(rows: StoredRows) -> float:
    """Seconds to insert every unique row's signature into a fresh MinHashLSH (datasketch's rebuild)."""
    unique = np.flatnonzero(rows.canonical < 0)
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=PARAMS.lsh_threshold, num_perm=PARAMS.num_perm)
    for i in unique.tolist():
        lsh.insert(int(rows.ids[i]), LeanMinHash(seed=PARAMS.seed, hashvalues=rows.signatures[i], scheme=PARAMS.scheme))
    return time.perf_counter() - start


# -- synthetic 100k and the real store ----------------------------------------------------------


@dataclass
class Synthetic:
    rows: StoredRows
    digests: list[bytes]
    source: np.ndarray  # index of the corpus document each article copies


def synthesise(run: ScaleRun, total: int, seed: int = 11) -> Synthetic:
    """The corpus rows repeated up to ``total``; copy k's values XOR-ed with its own constants."""
    base, n = run.rows, len(run.rows.ids)
    rng = np.random.default_rng(seed)
    ids, canonical, sigs, anchor_parts, source = [], [], [], [], []
    offsets = [np.zeros(1, np.int64)]
    digests: list[bytes] = []
    last = 0
    for k in range(-(-total // n)):
        take = min(n, total - k * n)
        sig_mask = rng.integers(0, 2**32, PARAMS.num_perm, np.uint32) if k else np.zeros(PARAMS.num_perm, np.uint32)
        anchor_mask = np.uint32(rng.integers(0, 2**32) if k else 0)
        ids.append(base.ids[:take] + np.uint32(k * n))
        can = base.canonical[:take].copy()
        can[can >= 0] += k * n
        canonical.append(can)
        sigs.append(base.signatures[:take] ^ sig_mask)
        end = int(base.anchor_offsets[take])
        anchor_parts.append(base.anchors[:end] ^ anchor_mask)
        offsets.append(base.anchor_offsets[1 : take + 1] + last)
        last += end
        salt = k.to_bytes(4, "little")
        digests.extend(d if k == 0 else hashlib.sha256(d + salt).digest() for d in run.digests[:take])
        source.append(np.arange(take))
    rows = StoredRows(
        ids=np.concatenate(ids),
        canonical=np.concatenate(canonical),
        digest_keys=np.array([int.from_bytes(d[:4], "little") for d in digests], dtype=np.uint32),
        signatures=np.concatenate(sigs),
        anchors=np.concatenate(anchor_parts),
        anchor_offsets=np.concatenate(offsets),
    )
    return Synthetic(rows, digests, np.concatenate(source))


def chunks(n: int, size: int) -> Iterator[range]:
    for start in range(0, n, size):
        yield range(start, min(n, start + size))


def write_store(url: str, syn: Synthetic, records: list[dict], run: ScaleRun) -> float:
    """Fill a fresh store with the synthetic articles (one fetch, article, signature row each)."""
    Store(url, PARAMS).close()  # schema and dedup parameters, as akhbar creates them
    engine = open_engine(url)
    rows = syn.rows
    start = time.perf_counter()
    now = "2026-11-22T12:00:00+00:00"
    with engine.begin() as conn:
        # The full-text index is filled by a trigger; reopening never reads it, and filling it
        # would triple the write time, so it is switched off while writing (left empty).
        trigger = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'"
        ).scalar()
        if trigger:
            conn.exec_driver_sql("DROP TRIGGER articles_fts_insert")
        for part in chunks(len(rows.ids), 5000):
            fetches, articles, signatures = [], [], []
            for i in part:
                src = int(syn.source[i])
                rec = records[src]
                article_id = int(rows.ids[i])
                copy = i // len(records)
                url_i = rec["url"] if copy == 0 else f"{rec['url']}#copy{copy}"
                text = rec["content"]
                body_hash = hashlib.sha256(f"{url_i}\0{text}".encode()).hexdigest()
                fetches.append(
                    {
                        "id": article_id,
                        "run_id": None,
                        "url": url_i,
                        "final_url": None,
                        "site": rec.get("source"),
                        "status": 200,
                        "content_type": "text/html; charset=utf-8",
                        "size": len(text.encode()),
                        "fetched_at": now,
                        "outcome": "article",
                        "detail": None,
                        "body_sha256": body_hash,
                        "record_key": body_hash,
                        "warc_file": None,
                        "warc_offset": None,
                    }
                )
                dup_of = int(rows.canonical[i])
                articles.append(
                    {
                        "id": article_id,
                        "fetch_id": article_id,
                        "url": url_i,
                        "title": rec.get("title"),
                        "author": rec.get("author"),
                        "published_at": (rec.get("date_extracted") or "")[:10] or None,
                        "language": "ar",
                        "site": rec.get("source"),
                        "description": None,
                        "text": text,
                        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                        "word_count": len(text.split()),
                        "dup_kind": run.kind_of[src],
                        "duplicate_of_id": None if dup_of < 0 else dup_of,
                        "similarity": None if dup_of < 0 else run.similarity[src],
                        "stored_at": now,
                    }
                )
                lo, hi = int(rows.anchor_offsets[i]), int(rows.anchor_offsets[i + 1])
                signatures.append(
                    {
                        "article_id": article_id,
                        "norm_sha256": syn.digests[i].hex(),
                        "minhash": rows.signatures[i].astype("<u4").tobytes(),
                        "shingle_count": 0,
                        "anchors": rows.anchors[lo:hi].astype("<u4").tobytes(),
                    }
                )
            conn.execute(insert(Fetch), fetches)
            conn.execute(insert(Article), articles)
            conn.execute(insert(Signature), signatures)
        if trigger:
            conn.exec_driver_sql(trigger)
    engine.dispose()
    return time.perf_counter() - start


@dataclass
class Reopen:
    total: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    read_s: list[float] = field(default_factory=list)
    load_s: list[float] = field(default_factory=list)
    size: int = 0


def reopen_once(url: str, out: Reopen) -> StoredRows:
    t0 = time.perf_counter()
    store = Store(url, PARAMS)
    t1 = time.perf_counter()
    rows = index_rows(store.signature_rows())
    t2 = time.perf_counter()
    index = DedupIndex(PARAMS, StoredArticles(store).text)
    index.bulk_load(rows)
    t3 = time.perf_counter()
    store.close()
    out.open_s.append(t1 - t0)
    out.read_s.append(t2 - t1)
    out.load_s.append(t3 - t2)
    out.total.append(t3 - t0)
    out.size = len(rows.ids)
    return rows


def med(xs: list[float]) -> float:
    return float(np.median(xs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=100_000, help="articles for the reopen measures")
    parser.add_argument("--limit", type=int, default=0, help="first N corpus documents only (0: all)")
    parser.add_argument("--quick", action="store_true", help="8,000 documents, 30,000 synthetic, 2 repeats")
    args = parser.parse_args()
    if args.quick:
        args.limit, args.synthetic, args.repeats = args.limit or 8000, min(args.synthetic, 30_000), 2
    print(f"# dedup benchmark: {machine()}")
    if not snn_available():
        print("skipped: ../shared/corpora/saudinewsnet is absent (pairs and scale both need its texts)")
        return
    rss_start = rss_bytes()
    records = snn_records()
    content = {r["url"]: r["content"] for r in records}
    days = {r["url"]: (r.get("date_extracted") or "")[:10] or None for r in records}  # the crawl day
    print_pairs(pair_quality(content, days))
    del content
    print("a2) the v2 pairs (tune and held-out splits), on clean text and through HTML: benchmarks/dedup_pairs_eval.py")
    pairs_corpus = dedup_pairs_eval.load_corpus(["v2-tune", "v2-held"])
    for mode, name, res in dedup_pairs_eval.run(pairs_corpus, ["v2-tune", "v2-held"], ["text", "html"]):
        held = " [HELD OUT]" if name == "v2-held" else ""
        dedup_pairs_eval.report(f"{name}, {'clean text' if mode == 'text' else 'through HTML'}{held}", res, False)
    del pairs_corpus

    # b) scale
    if args.limit:
        records = records[: args.limit]
    t0 = time.perf_counter()
    texts = [normalize(r["content"]) for r in records]
    norm_s = time.perf_counter() - t0
    rss_texts = rss_bytes()
    run = akhbar_pass(texts, [(r.get("date_extracted") or "")[:10] or None for r in records])
    base = baseline_pass(texts)
    n = len(texts)
    print(f"b) scale: {n:,} SaudiNewsNet documents in date order (one process, single run)")
    print(f"  normalize (shared by both)  {norm_s:6.1f} s  {n / norm_s:7,.0f} docs/s")
    ours_rate, base_rate = n / run.seconds, n / base.seconds
    print(
        f"  akhbar core                 {run.seconds:6.1f} s  {ours_rate:7,.0f} docs/s  "
        f"(fingerprint {run.fingerprint_s:.1f} s, decide+load {run.decide_s:.1f} s); "
        f"with normalize {n / (run.seconds + norm_s):,.0f} docs/s"
    )
    print(
        f"  datasketch MinHash+LSH      {base.seconds:6.1f} s  {base_rate:7,.0f} docs/s  "
        f"with normalize {n / (base.seconds + norm_s):,.0f} docs/s;  ratio akhbar / datasketch "
        f"{ours_rate / base_rate:.1f}x (core), {(base.seconds + norm_s) / (run.seconds + norm_s):.1f}x (with normalize)"
    )
    ds_bytes = datasketch_index_bytes(base.indexed_values)
    kb_ours = run.index_bytes / run.indexed / 1024
    kb_ds = ds_bytes / len(base.indexed_values) / 1024
    print(
        f"  memory: process peak RSS {run.peak_rss / 2**20:,.0f} MiB after the akhbar pass (at start "
        f"{rss_start / 2**20:,.0f} MiB, with corpus + normalised texts {rss_texts / 2**20:,.0f} MiB); "
        f"index per indexed article: "
        f"akhbar {kb_ours:.2f} KB (nbytes / {run.indexed:,}), datasketch {kb_ds:.2f} KB "
        f"(tracemalloc / {len(base.indexed_values):,}), ratio {kb_ds / kb_ours:.1f}x; "
        f"target <= {TARGET_KB:g} KB: {'met' if kb_ours <= TARGET_KB else 'MISSED'}"
    )
    ours_sizes, base_sizes = cluster_sizes(run.canonical), cluster_sizes(base.canonical)
    print(
        f"  akhbar: {dict(run.kinds)}; clusters > 1: {len(ours_sizes):,} holding "
        f"{sum(ours_sizes):,} docs; largest {ours_sizes[:8]}"
    )
    print(
        f"  datasketch (unverified LSH): {int((base.canonical >= 0).sum()):,} marked duplicate; clusters > 1: "
        f"{len(base_sizes):,} holding {sum(base_sizes):,} docs; largest {base_sizes[:8]}"
    )
    del texts, base
    gc.collect()

    # reopen
    def bulk(rows: StoredRows) -> Callable[[], None]:
        return lambda: DedupIndex(PARAMS, lambda _i: "").bulk_load(rows)

    corpus_t = alternate({"bulk": bulk(run.rows)}, args.repeats)["bulk"]
    syn = synthesise(run, args.synthetic)
    syn_t = alternate({"bulk": bulk(syn.rows)}, args.repeats)["bulk"]
    ds_corpus = datasketch_rebuild(run.rows)
    ds_syn = datasketch_rebuild(syn.rows)
    m = len(syn.rows.ids)
    print(f"reopen (index rebuild from stored rows), repeats {args.repeats}; datasketch single run:")
    print(
        f"  bulk_load {n:>7,} articles: min {corpus_t.min:6.3f} s  median {corpus_t.median:6.3f} s;  "
        f"datasketch inserts {ds_corpus:6.2f} s;  ratio {ds_corpus / corpus_t.median:.0f}x"
    )
    print(
        f"  bulk_load {m:>7,} articles: min {syn_t.min:6.3f} s  median {syn_t.median:6.3f} s;  "
        f"datasketch inserts {ds_syn:6.2f} s;  ratio {ds_syn / syn_t.median:.0f}x"
    )
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp) / "store.db")
        write_s = write_store(url, syn, records, run)
        size_mb = (Path(tmp) / "store.db").stat().st_size / 1e6
        reopen = Reopen()
        for _ in range(args.repeats):
            gc.collect()
            read = reopen_once(url, reopen)
    same = all(np.array_equal(getattr(read, f), getattr(syn.rows, f)) for f in StoredRows.__dataclass_fields__)
    assert same, "rows read back from the store differ from the rows written"
    total = med(reopen.total)
    baseline_total = med(reopen.open_s) + med(reopen.read_s) + ds_syn
    print(
        f"  real store, {reopen.size:,} articles ({size_mb:,.0f} MB SQLite, written in {write_s:.1f} s; "
        f"rows read back == rows written): "
        f"Store() + signature_rows() + bulk_load min {min(reopen.total):.2f} s median {total:.2f} s "
        f"(open {med(reopen.open_s):.2f}, read {med(reopen.read_s):.2f}, bulk_load {med(reopen.load_s):.2f}); "
        f"same read + datasketch inserts ~{baseline_total:.1f} s, ratio {baseline_total / total:.1f}x; "
        f"target < {TARGET_REOPEN_S:g} s: {'met' if total < TARGET_REOPEN_S else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
