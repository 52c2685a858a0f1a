"""Benchmark: akhbar's compact dedup index against datasketch's ``MinHashLSH``.

Synthetic articles: random uint32 MinHash signatures (128 values), 10-30 random
anchors each (20 on average), random digests; every article unique, so every
article is indexed. Both indexes use the same banding (datasketch's optimal
parameters for threshold 0.3 and 128 permutations).

- baseline: ``MinHashLSH(threshold=0.3, num_perm=128)``, ``insert(key, LeanMinHash)``;
- akhbar: ``DedupIndex`` (LSH bands + anchors + exact digests in sorted uint64 runs).

Reported:

- memory per indexed article: tracemalloc over 50,000 incremental inserts for both
  (``MinHashLSH.insert`` / ``DedupIndex.load``), and for akhbar also
  ``DedupIndex.nbytes`` and the RSS growth at 1,000,000 articles;
- query+insert per article, µs: median (and mean, p99) of 5,000 single operations
  after 500 warm-up ones, at 100,000 entries for both and at 1,000,000 for akhbar
  (akhbar's operation is ``decide`` - exact digest, LSH bands and anchors - then ``load``;
  datasketch's is ``query`` then ``insert``);
- rebuild at 1,000,000 articles: ``DedupIndex.bulk_load(StoredRows)``, min/median over
  repeats; datasketch has no bulk path, its rebuild is one ``insert`` per article, timed
  over 50,000 and extrapolated (not run at 1M: it would need several GB).

Targets: <= 1.5 KB per article, query+insert <= 50 µs, 1M rebuild <= 10 s.

    python -m benchmarks.index [--size 1000000] [--repeats 3] [--quick]
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from benchmarks.corpus import peak_rss_bytes, rss_bytes
from benchmarks.harness import alternate, machine
from crawler.processing.dedup import DedupIndex, StoredRows
from crawler.processing.fingerprint import DedupParams

TARGET_KB, TARGET_US, TARGET_REBUILD_S = 1.5, 50.0, 10.0
PARAMS = DedupParams()


def synthetic_rows(n: int, rng: np.random.Generator, first_id: int = 1) -> StoredRows:
    counts = rng.integers(10, 31, size=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return StoredRows(
        ids=np.arange(first_id, first_id + n, dtype=np.uint32),
        canonical=np.full(n, -1, dtype=np.int64),
        digest_keys=rng.integers(0, 2**32, size=n, dtype=np.uint32),
        signatures=rng.integers(0, 2**32, size=(n, PARAMS.num_perm), dtype=np.uint32),
        anchors=rng.integers(0, 2**32, size=int(offsets[-1]), dtype=np.uint32),
        anchor_offsets=offsets,
    )


Article = tuple[int, bytes, LeanMinHash, tuple[int, ...]]


def synthetic_articles(n: int, rng: np.random.Generator, first_id: int) -> list[Article]:
    rows = synthetic_rows(n, rng, first_id)
    out = []
    for i in range(n):
        sig = LeanMinHash(seed=PARAMS.seed, hashvalues=rows.signatures[i], scheme=PARAMS.scheme)
        anchors = tuple(rows.anchors[rows.anchor_offsets[i] : rows.anchor_offsets[i + 1]].tolist())
        out.append((int(rows.ids[i]), rng.bytes(32), sig, anchors))
    return out


def no_text(_article_id: int) -> str:
    return ""


def akhbar_op(index: DedupIndex) -> Callable[[Article], None]:
    def op(a: Article) -> None:
        article_id, digest, sig, anchors = a
        decision = index.decide(digest, "x", sig, anchors)
        index.load(article_id, digest, sig, decision.duplicate_of, anchors)

    return op


def datasketch_op(lsh: MinHashLSH) -> Callable[[Article], None]:
    def op(a: Article) -> None:
        lsh.query(a[2])
        lsh.insert(a[0], a[2], check_duplication=False)

    return op


def time_ops(op: Callable[[Article], None], articles: list[Article], warmup: int) -> list[float]:
    """µs per operation, one timing per operation, after ``warmup`` untimed ones."""
    for a in articles[:warmup]:
        op(a)
    out = []
    clock = time.perf_counter_ns
    for a in articles[warmup:]:
        start = clock()
        op(a)
        out.append((clock() - start) / 1000)
    return out


def op_summary(us: list[float]) -> str:
    p99 = float(np.percentile(us, 99))
    return f"median {statistics.median(us):6.1f} µs  mean {statistics.fmean(us):6.1f} µs  p99 {p99:7.1f} µs"


def traced(fn: Callable[[], None]) -> int:
    """Bytes still allocated (tracemalloc) after ``fn``."""
    gc.collect()
    tracemalloc.start()
    fn()
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current


def trim() -> None:
    """Give freed heap memory back to the OS (glibc), so RSS shows what is live."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="articles for the rebuild")
    parser.add_argument("--mid", type=int, default=100_000, help="entries for the query+insert comparison")
    parser.add_argument("--traced", type=int, default=50_000, help="inserts traced for memory")
    parser.add_argument("--ops", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="200k rebuild, 50k mid, 20k traced, 2k ops, 2 repeats")
    args = parser.parse_args()
    if args.quick:
        args.size, args.mid, args.traced, args.ops, args.repeats = 200_000, 50_000, 20_000, 2000, 2
    rng = np.random.default_rng(7)
    warmup = 500
    lines: list[str] = []

    # 1. Rebuild at --size (first, so the process peak is this stage's).
    rss0 = rss_bytes()
    rows = synthetic_rows(args.size, rng)
    rss_rows = rss_bytes()
    holder: list[DedupIndex] = []

    def rebuild() -> None:
        holder.clear()
        gc.collect()
        index = DedupIndex(PARAMS, no_text)
        index.bulk_load(rows)
        holder.append(index)

    rebuild_t = alternate({"bulk_load": rebuild}, args.repeats)["bulk_load"]
    big = holder[0]
    rss_loaded = rss_bytes()
    anchors_mean = len(rows.anchors) / args.size
    del rows
    gc.collect()
    index_rss = rss_bytes() - rss0
    trim()
    index_rss_trimmed = rss_bytes() - rss0
    peak = peak_rss_bytes() - rss0
    big_nbytes, big_size = big.nbytes, big.size
    ops_big = time_ops(akhbar_op(big), synthetic_articles(warmup + args.ops, rng, args.size + 1), warmup)
    holder.clear()
    del big
    gc.collect()

    # 2. Memory per article, incremental inserts under tracemalloc, both indexes.
    batch = synthetic_articles(args.traced, rng, 1)
    ours_mid = DedupIndex(PARAMS, no_text)
    lsh = MinHashLSH(threshold=PARAMS.lsh_threshold, num_perm=PARAMS.num_perm)
    ours_op = akhbar_op(ours_mid)

    def fill_ours() -> None:
        for a in batch:
            ours_op(a)

    def fill_datasketch() -> None:
        for a in batch:
            lsh.insert(a[0], a[2], check_duplication=False)

    ours_traced = traced(fill_ours)
    ds_traced = traced(fill_datasketch)

    # 3. query+insert at --mid entries: datasketch grown to --mid by inserts (timed: its rebuild rate),
    #    akhbar bulk-loaded to --mid (a reopened store), then both take the same operations.
    more = synthetic_articles(args.mid - args.traced, rng, args.traced + 1)
    start = time.perf_counter()
    for a in more:
        lsh.insert(a[0], a[2], check_duplication=False)
    ds_insert_s = (time.perf_counter() - start) / len(more)
    del more, ours_mid, ours_op, batch
    gc.collect()
    ours = DedupIndex(PARAMS, no_text)
    ours.bulk_load(synthetic_rows(args.mid, rng))
    probe = synthetic_articles(warmup + args.ops, rng, args.mid + 1)
    ops_ds = time_ops(datasketch_op(lsh), probe, warmup)
    ops_ours = time_ops(akhbar_op(ours), probe, warmup)

    kb_ours, kb_ds = ours_traced / args.traced / 1024, ds_traced / args.traced / 1024
    kb_big = big_nbytes / big_size / 1024
    med_ours, med_ds, med_big = (statistics.median(x) for x in (ops_ours, ops_ds, ops_big))
    bands = ours.layout
    lines.append(f"# index benchmark: {machine()}")
    lines.append(
        f"synthetic articles: 128 random uint32 values, {anchors_mean:.1f} anchors on average, all unique; "
        f"LSH threshold {PARAMS.lsh_threshold} -> {bands.bands} bands x {bands.rows} rows (both)"
    )
    lines.append(f"memory per article, tracemalloc over {args.traced:,} inserts:")
    lines.append(f"  datasketch MinHashLSH  {kb_ds:6.2f} KB  (LSH bands only)")
    lines.append(
        f"  akhbar DedupIndex      {kb_ours:6.2f} KB  (bands + anchors + digests)  ratio {kb_ds / kb_ours:.1f}x"
    )
    lines.append(
        f"  akhbar at {big_size:,}: nbytes {kb_big:.2f} KB/article; RSS growth {index_rss / big_size / 1024:.2f} "
        f"KB/article ({index_rss / 2**20:,.0f} MiB; {index_rss_trimmed / big_size / 1024:.2f} KB after malloc_trim); "
        f"rebuild peak {peak / 2**20:,.0f} MiB over start "
        f"(signature rows alone {(rss_rows - rss0) / 2**20:,.0f} MiB, with index {(rss_loaded - rss0) / 2**20:,.0f} MiB)"
    )
    worst_kb = max(kb_ours, kb_big, index_rss / big_size / 1024)
    lines.append(
        f"  target <= {TARGET_KB} KB: {'met' if worst_kb <= TARGET_KB else 'MISSED'} (worst {worst_kb:.2f} KB)"
    )
    lines.append(f"query+insert, {args.ops:,} operations after {warmup} warm-up:")
    lines.append(f"  datasketch at {args.mid:>9,}  {op_summary(ops_ds)}")
    lines.append(f"  akhbar     at {args.mid:>9,}  {op_summary(ops_ours)}  ratio (median) {med_ds / med_ours:.1f}x")
    lines.append(f"  akhbar     at {big_size:>9,}  {op_summary(ops_big)}")
    worst_us = max(med_ours, med_big)
    lines.append(f"  target <= {TARGET_US:g} µs (median): {'met' if worst_us <= TARGET_US else 'MISSED'}")
    ds_rebuild = ds_insert_s * args.size
    lines.append(f"rebuild at {args.size:,} articles, repeats {args.repeats}:")
    lines.append(f"  akhbar bulk_load       min {rebuild_t.min:6.2f} s  median {rebuild_t.median:6.2f} s")
    lines.append(
        f"  datasketch inserts     {1e6 * ds_insert_s:.1f} µs/article over {args.mid - args.traced:,} -> "
        f"~{ds_rebuild:,.0f} s at {args.size:,} (extrapolated)  ratio ~{ds_rebuild / rebuild_t.median:.0f}x"
    )
    ok = rebuild_t.median <= TARGET_REBUILD_S
    lines.append(f"  target <= {TARGET_REBUILD_S:g} s: {'met' if ok else 'MISSED'}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
