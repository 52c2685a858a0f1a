"""Compiled kernels of the dedup index (``lshindex``): band keys, lookups and inserts.

One call per article-sized operation instead of a dozen numpy calls on arrays of 50
elements: a decision plus an insert costs microseconds. Compiled by numba on first use
and cached on disk (``cache=True``): only the first run on a machine compiles (a few
seconds); later runs load the machine code.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# What the lookups take: (data, directory, bits) of each of three sorted runs, then the hash table
# (``SortedMultiMap.probe_args``). One tuple: numba passes it through without re-listing it per kernel.
ProbeArgs = tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray, int, np.ndarray, np.ndarray, int, np.ndarray]


@njit(cache=True)
def _emit(out: np.ndarray, n: int, value: np.uint64) -> np.ndarray:
    """``out`` with ``value``'s low 32 bits at ``n`` (grown when full)."""
    if n == out.shape[0]:
        grown = np.empty(2 * n, dtype=np.uint32)
        grown[:n] = out
        out = grown
    out[n] = np.uint32(value & np.uint64(0xFFFFFFFF))
    return out


@njit(cache=True)
def _scan_run(
    data: np.ndarray, directory: np.ndarray, bits: int, keys: np.ndarray, out: np.ndarray, n: int
) -> tuple[np.ndarray, int]:
    """Append the values under ``keys`` in one sorted run (``key << 32 | value``, directory on the
    keys' top bits). Two passes, so that the memory reads of different keys are independent
    and the CPU overlaps their cache misses: first every key's slot range, then the ranges."""
    if data.shape[0] == 0:
        return out, n
    n_keys = keys.shape[0]
    shift = np.uint64(32 - bits)
    starts = np.empty(n_keys, dtype=np.int64)
    ends = np.empty(n_keys, dtype=np.int64)
    for j in range(n_keys):
        slot = np.uint64(keys[j]) >> shift
        starts[j] = directory[slot]
        ends[j] = directory[slot + np.uint64(1)]
    for j in range(n_keys):
        key = np.uint64(keys[j])
        lo, hi = starts[j], ends[j]
        if hi - lo > 16:  # a crowded slot (a key with many values): bisect to the key's first pair
            target = key << np.uint64(32)
            while lo < hi:
                mid = (lo + hi) >> 1
                if data[mid] < target:
                    lo = mid + 1
                else:
                    hi = mid
            hi = ends[j]
        for i in range(lo, hi):
            found = data[i] >> np.uint64(32)
            if found == key:
                out = _emit(out, n, data[i])
                n += 1
            elif found > key:
                break
    return out, n


@njit(cache=True)
def _slot(key: np.uint64, mask: np.uint64) -> np.uint64:
    """Where a key's probe sequence starts in the open-addressing table (Fibonacci hashing)."""
    return ((key * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)) & mask


@njit(cache=True)
def _insert(table: np.ndarray, key: np.uint64, val: np.uint64) -> int:
    """Put ``key << 32 | val`` in the table (linear probing); 0 if that pair was already there."""
    mask = np.uint64(table.shape[0] - 1)
    pair = (key << np.uint64(32)) | val
    i = _slot(key, mask)
    while table[i] != np.uint64(0xFFFFFFFFFFFFFFFF) and table[i] != pair:
        i = (i + np.uint64(1)) & mask
    if table[i] == pair:
        return 0
    table[i] = pair
    return 1


@njit(cache=True)
def _scan_table(table: np.ndarray, keys: np.ndarray, out: np.ndarray, n: int) -> tuple[np.ndarray, int]:
    """Append the values under ``keys`` in an open-addressing table of ``key << 32 | value``."""
    mask = np.uint64(table.shape[0] - 1)
    for k in keys:
        key = np.uint64(k)
        i = _slot(key, mask)
        while table[i] != np.uint64(0xFFFFFFFFFFFFFFFF):
            if (table[i] >> np.uint64(32)) == key:
                out = _emit(out, n, table[i])
                n += 1
            i = (i + np.uint64(1)) & mask
    return out, n


@njit(cache=True)
def probe(keys: np.ndarray, runs: ProbeArgs) -> np.ndarray:
    """Every value under ``keys`` in the three runs and the table (``runs``): one call per lookup."""
    data0, dir0, bits0, data1, dir1, bits1, data2, dir2, bits2, table = runs
    out = np.empty(16, dtype=np.uint32)
    out, n = _scan_run(data0, dir0, bits0, keys, out, 0)
    out, n = _scan_run(data1, dir1, bits1, keys, out, n)
    out, n = _scan_run(data2, dir2, bits2, keys, out, n)
    out, n = _scan_table(table, keys, out, n)
    return out[:n]


@njit(cache=True)
def signature_probe(
    values: np.ndarray,
    weights: np.ndarray,
    salt: np.ndarray,
    extra: np.ndarray,
    extra_salt: np.uint32,
    runs: ProbeArgs,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`signature_keys` then :func:`probe` with them, in one call: (keys, values found)."""
    keys = signature_keys(values, weights, salt, extra, extra_salt)
    return keys, probe(keys, runs)


@njit(cache=True)
def table_add(table: np.ndarray, keys: np.ndarray, vals: np.ndarray) -> int:
    """Insert pairs (an identical pair already present is skipped); returns how many were new."""
    added = 0
    for j in range(keys.shape[0]):
        added += _insert(table, np.uint64(keys[j]), np.uint64(vals[j]))
    return added


@njit(cache=True)
def table_add_tagged(table: np.ndarray, keys: np.ndarray, value: np.uint32, tag_from: int, tag: np.uint32) -> int:
    """:func:`table_add` of ``value`` under every key, ``value | tag`` from ``keys[tag_from]`` on."""
    added = 0
    for j in range(keys.shape[0]):
        val = np.uint64(value | tag) if j >= tag_from else np.uint64(value)
        added += _insert(table, np.uint64(keys[j]), val)
    return added


@njit(cache=True)
def signature_keys(
    values: np.ndarray, weights: np.ndarray, salt: np.ndarray, extra: np.ndarray, extra_salt: np.uint32
) -> np.ndarray:
    """``BandLayout.keys`` of one signature (same arithmetic), then ``extra ^ extra_salt``."""
    bands, rows = salt.shape[0], weights.shape[0]
    out = np.empty(bands + extra.shape[0], dtype=np.uint32)
    for b in range(bands):
        acc = np.uint64(salt[b])
        for r in range(rows):
            acc += (np.uint64(values[b * rows + r]) & np.uint64(0xFFFFFFFF)) * np.uint64(weights[r])
        out[b] = np.uint32(acc & np.uint64(0xFFFFFFFF))
    for j in range(extra.shape[0]):
        out[bands + j] = np.uint32(extra[j]) ^ extra_salt
    return out


def warm_up() -> None:
    """Run the kernels of the per-article path once on tiny inputs, so that their machine code is
    loaded (or compiled) now. (``probe`` and ``signature_keys`` alone serve other callers; they
    load on first use.)"""
    table = np.full(8, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    keys = np.array([1, 2], dtype=np.uint32)
    table_add(table, keys, keys)
    table_add_tagged(table, keys, np.uint32(3), 1, np.uint32(1 << 31))
    run = np.array([1 << 32 | 1], dtype=np.uint64)
    directory = np.array([0, 1, 1], dtype=np.uint32)
    values = np.zeros(6, dtype=np.uint32)  # datasketch's affine32 hash values are uint32
    weights, salt = np.ones(3, dtype=np.uint32), np.ones(2, dtype=np.uint32)  # as BandLayout holds them
    signature_probe(
        values, weights, salt, keys, np.uint32(1), (run, directory, 1, run, directory, 1, run, directory, 1, table)
    )
