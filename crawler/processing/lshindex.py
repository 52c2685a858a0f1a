"""Compact in-memory indexes for de-duplication: sorted numpy runs instead of Python dicts.

datasketch's ``MinHashLSH`` keeps every band of every signature in Python dicts and
sets (3–8 KB per entry). Here the same banding (datasketch's ``_optimal_param`` for the
threshold, its band/row layout) becomes one 32-bit key per band, and each (key, id)
pair is one uint64 in a few sorted arrays (a log-structured merge: recent writes in a
small open-addressing hash table, merged into sorted runs of growing size). 37 bands
cost 8 bytes each, about 0.3 KB per article. The same structure holds the containment
anchors. A 32-bit band key collides by chance about once in 4 billion lookups per band:
such a false candidate is only a wasted verification.

The per-article work (band keys, lookups, inserts) runs in small numba-compiled
kernels: one call per run instead of a dozen numpy calls, so a decision plus an insert
costs microseconds, not the per-call overhead of numpy on arrays of 50 elements. The
kernels are cached on disk (``cache=True``): only the first run on a machine compiles.
"""

from __future__ import annotations

import numpy as np
from datasketch.lsh import _optimal_param
from numba import njit

from crawler.processing.fingerprint import fmix32

_SHIFT = np.uint64(32)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)  # an empty hash-table slot (key and value 0xFFFFFFFF are never stored)
_MIN_TABLE = 1 << 10


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
def _scan_table(table: np.ndarray, keys: np.ndarray, out: np.ndarray, n: int) -> tuple[np.ndarray, int]:
    """Append the values under ``keys`` in an open-addressing table of ``key << 32 | value``."""
    mask = np.uint64(table.shape[0] - 1)
    for k in keys:
        key = np.uint64(k)
        i = ((key * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)) & mask
        while table[i] != np.uint64(0xFFFFFFFFFFFFFFFF):
            if (table[i] >> np.uint64(32)) == key:
                out = _emit(out, n, table[i])
                n += 1
            i = (i + np.uint64(1)) & mask
    return out, n


@njit(cache=True)
def _probe(
    keys: np.ndarray,
    data0: np.ndarray,
    dir0: np.ndarray,
    bits0: int,
    data1: np.ndarray,
    dir1: np.ndarray,
    bits1: int,
    data2: np.ndarray,
    dir2: np.ndarray,
    bits2: int,
    table: np.ndarray,
) -> np.ndarray:
    """Every value under ``keys`` in the three runs and the table: one call per lookup."""
    out = np.empty(16, dtype=np.uint32)
    out, n = _scan_run(data0, dir0, bits0, keys, out, 0)
    out, n = _scan_run(data1, dir1, bits1, keys, out, n)
    out, n = _scan_run(data2, dir2, bits2, keys, out, n)
    out, n = _scan_table(table, keys, out, n)
    return out[:n]


@njit(cache=True)
def _table_add(table: np.ndarray, keys: np.ndarray, vals: np.ndarray) -> int:
    """Insert pairs (an identical pair already present is skipped); returns how many were new."""
    mask = np.uint64(table.shape[0] - 1)
    added = 0
    for j in range(keys.shape[0]):
        key = np.uint64(keys[j])
        pair = (key << np.uint64(32)) | np.uint64(vals[j])
        i = ((key * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)) & mask
        while table[i] != np.uint64(0xFFFFFFFFFFFFFFFF) and table[i] != pair:
            i = (i + np.uint64(1)) & mask
        if table[i] != pair:
            table[i] = pair
            added += 1
    return added


@njit(cache=True)
def _signature_keys(
    values: np.ndarray, weights: np.ndarray, salt: np.ndarray, extra: np.ndarray, extra_salt: np.uint32
) -> np.ndarray:
    """:meth:`BandLayout.keys` of one signature (same arithmetic), then ``extra ^ extra_salt``."""
    bands, rows = salt.shape[0], weights.shape[0]
    out = np.empty(bands + extra.shape[0], dtype=np.uint32)
    for b in range(bands):
        acc = salt[b]
        for r in range(rows):
            acc += (np.uint64(values[b * rows + r]) & np.uint64(0xFFFFFFFF)) * weights[r]
        out[b] = np.uint32(acc & np.uint64(0xFFFFFFFF))
    for j in range(extra.shape[0]):
        out[bands + j] = np.uint32(extra[j]) ^ extra_salt
    return out


class _Run:
    """A sorted array of ``key << 32 | value`` with a directory on the keys' top bits.

    Keys are uniform hashes, so a directory of ``2**bits`` offsets (2-4 pairs per slot,
    4 bytes per offset: about 1.5 bytes per pair) leads straight to a range of one
    cache line: a lookup costs two memory reads instead of binary-searching hundreds of
    megabytes, and a key with many values (a common phrase's anchor) costs only its own
    values.
    """

    __slots__ = ("bits", "data", "directory")

    def __init__(self, data: np.ndarray) -> None:
        if len(data) >= 2**32:
            raise ValueError("a run holds fewer than 2**32 pairs")
        self.data = data
        self.bits = max(1, min(28, int(np.log2(max(len(data), 2) / 4)) + 1))
        slots = (data >> np.uint64(64 - self.bits)).astype(np.int64)
        offsets = np.searchsorted(slots, np.arange((1 << self.bits) + 1, dtype=np.int64))
        self.directory = offsets.astype(np.uint32)

    def __len__(self) -> int:
        return len(self.data)


_NO_RUN = _Run(np.empty(0, dtype=np.uint64))


class SortedMultiMap:
    """uint32 key -> uint32 values, as sorted runs of ``key << 32 | value`` plus a hash-table buffer.

    Writes go to the buffer (open addressing, at most half full). It becomes a sorted run
    once it holds an eighth of the largest run (at least ``merge_at``, at most
    ``max_buffer`` pairs), and runs are merged while the newer one is at least a quarter
    the size of the one before, and whenever there would be more than three: a pair is
    copied a few times in all, and a lookup searches at most three runs plus the buffer,
    in one compiled call. Adding a pair that is already buffered is a no-op.
    """

    MAX_RUNS = 3

    def __init__(self, merge_at: int = 1 << 12, max_buffer: int = 1 << 20) -> None:
        self.runs: list[_Run] = []
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0
        self.merge_at = merge_at
        self.max_buffer = max_buffer

    def __len__(self) -> int:
        return sum(len(r) for r in self.runs) + self._buffered

    @property
    def nbytes(self) -> int:
        return sum(r.data.nbytes + r.directory.nbytes for r in self.runs) + self._table.nbytes

    def bulk_load(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Replace the content with these pairs (start-up rebuild)."""
        packed = (keys.astype(np.uint64) << _SHIFT) | vals.astype(np.uint64)
        packed.sort()
        self.runs = [_Run(packed)] if len(packed) else []
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0

    def add(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Add the pairs ``(keys[i], vals[i])`` (uint32 arrays of one length)."""
        if 2 * (self._buffered + len(keys)) > len(self._table):
            self._grow(self._buffered + len(keys))
        self._buffered += _table_add(self._table, keys, vals)
        base = len(self.runs[0]) if self.runs else 0
        if self._buffered >= self.merge_at and self._buffered >= min(self.max_buffer, base // 8):
            self.flush()

    def _grow(self, needed: int) -> None:
        size = len(self._table)
        while 2 * needed > size:
            size *= 2
        old = self._table[self._table != _EMPTY]
        self._table = np.full(size, _EMPTY, dtype=np.uint64)
        _table_add(self._table, (old >> _SHIFT).astype(np.uint32), old.astype(np.uint32))

    def flush(self) -> None:
        if not self._buffered:
            return
        run = self._table[self._table != _EMPTY]
        run.sort()
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0
        while self.runs and (4 * len(run) >= len(self.runs[-1]) or len(self.runs) == self.MAX_RUNS):
            merged = np.concatenate([self.runs.pop().data, run])
            merged.sort(kind="stable")  # two sorted runs: timsort merges them in linear time
            run = merged
        self.runs.append(_Run(run))

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """All values stored under any of ``keys`` (uint32 array; one per matching pair)."""
        r0, r1, r2 = (*self.runs, _NO_RUN, _NO_RUN, _NO_RUN)[:3]
        return _probe(
            keys,
            r0.data,
            r0.directory,
            r0.bits,
            r1.data,
            r1.directory,
            r1.bits,
            r2.data,
            r2.directory,
            r2.bits,
            self._table,
        )


class BandLayout:
    """datasketch's LSH banding for a threshold: ``bands`` bands of ``rows`` hash values."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        salt = fmix32(np.arange(1, self.bands + 1, dtype=np.uint32)).astype(np.uint64)
        self._salt = salt
        self._weights = (fmix32(np.arange(101, 101 + self.rows, dtype=np.uint32)) | np.uint32(1)).astype(np.uint64)

    def keys(self, values: np.ndarray) -> np.ndarray:
        """One uint32 key per band: ``values`` (num_perm,) -> (bands,), or (n, num_perm) -> (n, bands).

        A band's key is a weighted sum of its MinHash values modulo 2**32 (odd random
        weights, a per-band salt): the values are already uniform hashes, so two
        different bands of values share a key with probability about 2**-32.
        """
        used = values[..., : self.bands * self.rows].astype(np.uint64)
        shaped = used.reshape(*used.shape[:-1], self.bands, self.rows)
        with np.errstate(over="ignore"):
            return ((shaped * self._weights).sum(axis=-1) + self._salt).astype(np.uint32)

    def keys_one(self, values: np.ndarray, extra: np.ndarray, extra_salt: np.uint32) -> np.ndarray:
        """:meth:`keys` of one signature (uint64 or uint32 values) followed by ``extra ^ extra_salt``:
        one compiled call, the per-article path."""
        return _signature_keys(values, self._weights, self._salt, extra, extra_salt)
