"""Compact in-memory indexes for de-duplication: sorted numpy runs instead of Python dicts.

datasketch's ``MinHashLSH`` keeps every band of every signature in Python dicts and
sets (3–8 KB per entry). Here the same banding (the parameters of datasketch's
``_optimal_param`` for the threshold, computed by ``optimal_bands``; its band/row layout)
becomes one 32-bit key per band, and each (key, id) pair is one uint64 in a few sorted
arrays (a log-structured merge: recent writes in a small open-addressing hash table,
merged into sorted runs of growing size). 37 bands cost 8 bytes each, about 0.3 KB per
article. The same structure holds the containment
anchors. A 32-bit band key collides by chance about once in 4 billion lookups per band:
such a false candidate is only a wasted verification.

The per-article work (band keys, lookups, inserts) runs in numba-compiled kernels
(``lshkernels``), imported on first use: numba and the cached machine code take 0.2-0.7 s of
CPU to load, which a run overlaps with its first pages' extraction (``warm_up``). While
they load, ``scipy.linalg`` is marked absent (``_without_scipy_linalg``): numba's CPU target
imports it only to tell whether ``np.dot`` and ``np.linalg`` may be compiled, which no kernel
here does, and that import is 0.1 s of every run's start (a sixth of the load).

A map that starts empty (a new store, a re-process into a fresh one) holds its first
:data:`SMALL_PAIRS` pairs in a Python dict instead, and its band keys are computed with numpy:
a run of a few hundred pages never loads numba at all, and one that grows past that turns the
dict into a sorted run once and goes on compiled. Both forms hold the same pairs and answer a
lookup with the same values (tested), so a decision never depends on which one a store is in.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from crawler.processing.fingerprint import fmix32

if TYPE_CHECKING:  # the kernels module imports numba: loaded on first use only (see ``kernels``)
    from crawler.processing.lshkernels import ProbeArgs

_SHIFT = np.uint64(32)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)  # an empty hash-table slot (key and value 0xFFFFFFFF are never stored)
_MIN_TABLE = 1 << 10
_CHUNK = 1 << 13  # signatures per step when computing band keys in bulk


SMALL_PAIRS = 1 << 17  # pairs a new map holds in a dict (about 900 articles' bands and anchors) before it turns compact
_SMALL_PAIR_BYTES = 100  # a dict entry and its two ints (a key with several values: a set's slot instead)

_kernels: ModuleType | None = None
_compact_in_use = False  # a compact map exists in this process: ``warm_up`` loads the kernels


@contextlib.contextmanager
def _without_scipy_linalg() -> Iterator[None]:
    """``import scipy.linalg`` fails inside (as if SciPy had no such module), unless it was imported
    already; the mark goes on leaving, so a later import gets the real module."""
    hide = "scipy.linalg" not in sys.modules
    if hide:
        sys.modules["scipy.linalg"] = None  # type: ignore[assignment]  # "import scipy.linalg" raises ImportError
    try:
        yield
    finally:
        if hide and sys.modules.get("scipy.linalg", False) is None:
            del sys.modules["scipy.linalg"]


def kernels() -> ModuleType:
    """The compiled kernels (imports numba and loads the per-article kernels on first call)."""
    global _kernels
    if _kernels is None:
        with _without_scipy_linalg():  # numba's CPU target loads its registries on the first kernel call
            from crawler.processing import lshkernels

            lshkernels.warm_up()
        _kernels = lshkernels
    return _kernels


def warm_up() -> None:
    """Load the kernels now (numba, cached or freshly compiled machine code) instead of at the
    first decision, when a compact map (a store's index loaded at start) will need them: a run
    calls this while its worker processes extract the first pages. A run whose maps are all
    small needs no kernels until one grows past :data:`SMALL_PAIRS`."""
    if _compact_in_use:
        kernels()


class _Run:
    """A sorted array of ``key << 32 | value`` with a directory on the keys' top bits.

    Keys are uniform hashes, so a directory of ``2**bits`` offsets (8-16 pairs per slot,
    4 bytes per offset: under half a byte per pair) leads straight to a range of one or
    two cache lines: a lookup costs two memory reads instead of binary-searching hundreds
    of megabytes, and a key with many values (a common phrase's anchor) costs only its
    own values.
    """

    __slots__ = ("bits", "data", "directory")

    def __init__(self, data: np.ndarray) -> None:
        if len(data) >= 2**32:
            raise ValueError(f"{len(data):,} pairs: a run holds at most 2**32 - 1 (directory offsets are uint32)")
        self.data = data
        self.bits = max(1, min(28, int(np.log2(max(len(data), 16) / 8))))
        starts = np.arange(1 << self.bits, dtype=np.uint64) << np.uint64(64 - self.bits)  # each slot's first pair
        self.directory = np.empty((1 << self.bits) + 1, dtype=np.uint32)
        self.directory[:-1] = np.searchsorted(data, starts)
        self.directory[-1] = len(data)

    def __len__(self) -> int:
        return len(self.data)


_NO_RUN = _Run(np.empty(0, dtype=np.uint64))


def pack_into(out: np.ndarray, keys: np.ndarray, vals: np.ndarray) -> None:
    """``out[...] = key << 32 | value`` in place (``out`` uint64, of the broadcast shape)."""
    out[...] = keys
    out <<= _SHIFT
    out |= vals


class SortedMultiMap:
    """uint32 key -> uint32 values, as sorted runs of ``key << 32 | value`` plus a hash-table buffer.

    Writes go to the buffer (open addressing, at most half full). It becomes a sorted run
    once it holds an eighth of the largest run (at least ``merge_at``, at most
    ``max_buffer`` pairs), and runs are merged while the newer one is at least a quarter
    the size of the one before, and whenever there would be more than three: a pair is
    copied a few times in all, and a lookup searches at most three runs plus the buffer,
    in one compiled call. Adding a pair that is already buffered is a no-op.

    A new map is *small* (see the module): its pairs in a dict (key -> value or values), until it holds
    ``small_pairs`` of them or is loaded with any; then compact, for good.
    """

    MAX_RUNS = 3

    def __init__(self, merge_at: int = 1 << 12, max_buffer: int = 1 << 20, small_pairs: int = SMALL_PAIRS) -> None:
        self.runs: list[_Run] = []
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0
        self._probe_args: ProbeArgs | None = None
        self.merge_at = merge_at
        self.max_buffer = max_buffer
        self.small_pairs = small_pairs
        self._small: dict[int, int | set[int]] | None = {}  # key -> its value, or its values (None: compact)
        self._small_size = 0

    def __len__(self) -> int:
        return sum(len(r) for r in self.runs) + self._buffered + self._small_size

    @property
    def small(self) -> bool:
        """Whether the pairs are still in the dict (no compiled kernel needed)."""
        return self._small is not None

    @property
    def nbytes(self) -> int:
        compact = sum(r.data.nbytes + r.directory.nbytes for r in self.runs) + self._table.nbytes
        return compact + _SMALL_PAIR_BYTES * self._small_size

    def bulk_load(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Replace the content with these pairs (start-up rebuild)."""
        packed = np.empty(len(keys), dtype=np.uint64)
        pack_into(packed, keys, vals)
        self.load_packed(packed)

    def load_packed(self, packed: np.ndarray) -> None:
        """Replace the content with ``key << 32 | value`` pairs (see :func:`pack_into`); ``packed``
        is sorted in place and kept: a rebuild allocates as little as it can (fresh memory is slow)."""
        global _compact_in_use
        packed.sort()
        self.runs = [_Run(packed)] if len(packed) else []
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0
        self._probe_args = None
        self._small, self._small_size = ({}, 0) if not len(packed) and self.small_pairs > 0 else (None, 0)
        _compact_in_use = _compact_in_use or self._small is None

    def add(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Add the pairs ``(keys[i], vals[i])`` (uint32 arrays of one length)."""
        if self._small is not None:
            self._add_small(keys.tolist(), vals.tolist())
            return
        self._make_room(len(keys))
        self._buffered += kernels().table_add(self._table, keys, vals)
        self._maybe_flush()

    def add_tagged(self, keys: np.ndarray, value: int, tag_from: int, tag: np.uint32) -> None:
        """Add ``value`` under every key of ``keys``, ``value | tag`` under ``keys[tag_from:]``
        (one compiled call, no value array: the per-article insert)."""
        if self._small is not None:
            tagged = int(value) | int(tag)
            self._add_small(keys.tolist(), [value if j < tag_from else tagged for j in range(len(keys))])
            return
        self._make_room(len(keys))
        self._buffered += kernels().table_add_tagged(self._table, keys, np.uint32(value), tag_from, tag)
        self._maybe_flush()

    def _add_small(self, keys: list[int], vals: list[int]) -> None:
        small = self._small
        assert small is not None
        for key, val in zip(keys, vals, strict=True):
            held = small.get(key)
            if held is None:
                small[key] = val
            elif isinstance(held, set):
                if val in held:
                    continue
                held.add(val)
            elif held == val:
                continue
            else:
                small[key] = {held, val}
            self._small_size += 1
        if self._small_size >= self.small_pairs:
            self._compact()

    def _compact(self) -> None:
        """The small map's pairs as one sorted run; the map is compact from now on."""
        assert self._small is not None
        packed = np.fromiter(
            ((key << 32) | val for key, held in self._small.items() for val in _values(held)),
            dtype=np.uint64,
            count=self._small_size,
        )
        self.small_pairs = 0  # never small again, even if emptied by a load
        self.load_packed(packed)

    def _make_room(self, more: int) -> None:
        if 2 * (self._buffered + more) > len(self._table):
            self._grow(self._buffered + more)

    def _maybe_flush(self) -> None:
        base = len(self.runs[0]) if self.runs else 0
        if self._buffered >= self.merge_at and self._buffered >= min(self.max_buffer, base // 8):
            self.flush()

    def _grow(self, needed: int) -> None:
        size = len(self._table)
        while 2 * needed > size:
            size *= 2
        old = self._table[self._table != _EMPTY]
        self._table = np.full(size, _EMPTY, dtype=np.uint64)
        self._probe_args = None
        kernels().table_add(self._table, (old >> _SHIFT).astype(np.uint32), old.astype(np.uint32))

    def flush(self) -> None:
        if not self._buffered:
            return
        run = self._table[self._table != _EMPTY]
        run.sort()
        self._table = np.full(_MIN_TABLE, _EMPTY, dtype=np.uint64)
        self._buffered = 0
        self._probe_args = None
        while self.runs and (4 * len(run) >= len(self.runs[-1]) or len(self.runs) == self.MAX_RUNS):
            merged = np.concatenate([self.runs.pop().data, run])
            merged.sort(kind="stable")  # two sorted runs: timsort merges them in linear time
            run = merged
        self.runs.append(_Run(run))

    @property
    def probe_args(self) -> ProbeArgs:
        """The runs and the table as the kernels take them (rebuilt only when they change)."""
        if self._probe_args is None:
            r0, r1, r2 = (*self.runs, _NO_RUN, _NO_RUN, _NO_RUN)[:3]
            self._probe_args = (r0.data, r0.directory, r0.bits, r1.data, r1.directory, r1.bits,
                                r2.data, r2.directory, r2.bits, self._table)  # fmt: skip
        return self._probe_args

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """All values stored under any of ``keys`` (uint32 array; one per matching pair)."""
        if self._small is not None:
            small = self._small
            return np.array([val for key in keys.tolist() for val in _values(small.get(key))], dtype=np.uint32)
        return kernels().probe(keys, self.probe_args)


def _values(held: int | set[int] | None) -> tuple[int, ...] | set[int]:
    """A small map's values under one key."""
    return () if held is None else held if isinstance(held, set) else (held,)


@lru_cache(maxsize=32)
def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's LSH parameters for a threshold (``datasketch.lsh._optimal_param`` with equal
    weights): the (bands, rows) with ``bands * rows <= num_perm`` minimising the mean of the
    false-positive area below the threshold and the false-negative area above it.

    Computed with numpy instead of scipy's ``quad`` (a 0.7 s import): the integrands are
    polynomials of degree ``bands * rows <= num_perm``, which Gauss-Legendre quadrature
    with ``num_perm // 2 + 1`` nodes integrates exactly. Candidates are scanned in
    datasketch's order and the first minimum wins, as there.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    b = np.array([p[0] for p in pairs], dtype=np.float64)[:, None]
    r = np.array([p[1] for p in pairs], dtype=np.float64)[:, None]

    def integral(lo: float, hi: float, fn_side: bool) -> np.ndarray:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        miss = (1 - s**r) ** b  # probability that no band matches at similarity s
        return ((miss if fn_side else 1 - miss) @ weights) * (hi - lo) / 2

    error = 0.5 * integral(0.0, threshold, False) + 0.5 * integral(threshold, 1.0, True)
    return pairs[int(np.argmin(error))]


class BandLayout:
    """datasketch's LSH banding for a threshold: ``bands`` bands of ``rows`` hash values."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = optimal_bands(threshold, num_perm)
        self._salt = fmix32(np.arange(1, self.bands + 1, dtype=np.uint32))
        self._weights = fmix32(np.arange(101, 101 + self.rows, dtype=np.uint32)) | np.uint32(1)

    def keys(self, values: np.ndarray) -> np.ndarray:
        """One uint32 key per band: ``values`` (num_perm,) -> (bands,), or (n, num_perm) -> (n, bands).

        A band's key is a weighted sum of its MinHash values modulo 2**32 (odd random
        weights, a per-band salt): the values are already uniform hashes, so two
        different bands of values share a key with probability about 2**-32.
        """
        if values.ndim == 2 and len(values) > _CHUNK:  # a rebuild: in cache-sized chunks, not 1 GB temporaries
            return np.concatenate([self.keys(values[i : i + _CHUNK]) for i in range(0, len(values), _CHUNK)])
        # uint32 arithmetic wraps modulo 2**32: the same keys as in uint64 then truncated, without
        # widening the values (uint64 hash values are below 2**32: datasketch's affine32 scheme)
        used = values[..., : self.bands * self.rows].astype(np.uint32, copy=False)
        shaped = used.reshape(*used.shape[:-1], self.bands, self.rows)
        with np.errstate(over="ignore"):
            return (shaped * self._weights).sum(axis=-1, dtype=np.uint32) + self._salt

    def keys_and_lookup(
        self, values: np.ndarray, extra: np.ndarray, extra_salt: np.uint32, index: SortedMultiMap
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`keys_one`, and what ``index`` holds under those keys: one compiled call (a small
        ``index``: numpy and its dict)."""
        if index.small:
            keys = self.keys_one(values, extra, extra_salt)
            return keys, index.lookup(keys)
        return kernels().signature_probe(values, self._weights, self._salt, extra, extra_salt, index.probe_args)

    def keys_one(self, values: np.ndarray, extra: np.ndarray, extra_salt: np.uint32) -> np.ndarray:
        """:meth:`keys` of one signature (uint64 or uint32 values) followed by ``extra ^ extra_salt``:
        one compiled call, the per-article path (numpy until the kernels are loaded: the same keys)."""
        if _kernels is None:
            salted = extra.astype(np.uint32, copy=False) ^ np.uint32(extra_salt)
            return np.concatenate([self.keys(values), salted])
        return _kernels.signature_keys(values, self._weights, self._salt, extra, extra_salt)
