"""Compact in-memory indexes for de-duplication: sorted numpy runs instead of Python dicts.

datasketch's ``MinHashLSH`` keeps every band of every signature in Python dicts and
sets (3–8 KB per entry). Here the same banding (datasketch's ``_optimal_param`` for the
threshold, its band/row layout) becomes one 32-bit key per band, and each (key, id)
pair is one uint64 in a few sorted arrays (a log-structured merge: recent writes in a
small dict, merged into sorted runs of growing size). 37 bands cost 8 bytes each,
about 0.3 KB per article. The same structure holds the containment anchors and the
exact-text digests. A 32-bit band key collides by chance about once in 4 billion
lookups per band: such a false candidate is only a wasted verification.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from datasketch.lsh import _optimal_param

from crawler.processing.fingerprint import fmix32

_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


_SENTINEL = np.uint64(0xFFFFFFFFFFFFFFFF)  # key and value 0xFFFFFFFF: reserved, never returned


class _Run:
    """A sorted array of ``key << 32 | value`` with a directory on the keys' top bits.

    Keys are uniform hashes, so a directory of ``2**bits`` offsets (about 16 pairs per
    slot) leads straight to a short contiguous range: a lookup touches a few cache lines
    instead of binary-searching hundreds of megabytes. The array is padded with
    ``width`` sentinels so that a fixed-width window never runs off its end.
    """

    __slots__ = ("_span", "bits", "data", "directory", "size", "width")

    def __init__(self, data: np.ndarray) -> None:
        self.size = len(data)
        self.bits = max(1, min(24, int(np.log2(max(len(data), 2) / 16)) + 1))
        slots = (data >> np.uint64(64 - self.bits)).astype(np.int64)
        self.directory = np.searchsorted(slots, np.arange((1 << self.bits) + 1, dtype=np.int64)).astype(np.intp)
        self.width = int(np.diff(self.directory).max()) if len(data) else 0
        self.data = np.concatenate([data, np.full(self.width, _SENTINEL, dtype=np.uint64)])
        self._span = np.arange(self.width, dtype=np.intp)

    @property
    def pairs(self) -> np.ndarray:
        return self.data[: self.size]

    def __len__(self) -> int:
        return self.size

    def lookup(self, keys: np.ndarray, out: list[int]) -> None:
        """Values under ``keys`` (uint64 array of 32-bit keys). A window past a slot's end only
        meets keys of later slots (other top bits) or sentinels, so no bounds mask is needed."""
        if not self.width:
            return
        start = self.directory[keys >> np.uint64(32 - self.bits)]
        found = self.data[start[:, None] + self._span]
        hit = (found >> _SHIFT) == keys[:, None]
        if hit.any():
            out.extend(v for v in (found[hit] & _LOW).tolist() if v != 0xFFFFFFFF)


class SortedMultiMap:
    """uint32 key -> uint32 values, as sorted runs of ``key << 32 | value``.

    Writes go to a dict buffer. The buffer becomes a sorted run once it holds an eighth
    of the largest run (at least ``merge_at``, at most ``max_buffer`` pairs), and runs are
    merged while the newer one is at least a quarter the size of the one before: a pair
    is copied a few times in all, and a lookup searches one or two runs plus the buffer.
    """

    def __init__(self, merge_at: int = 1 << 12, max_buffer: int = 1 << 20) -> None:
        self.runs: list[_Run] = []
        # Plain int -> int (ints are not tracked by the garbage collector, lists would be);
        # the rare second value for a key goes to ``_more``.
        self._buffer: dict[int, int] = {}
        self._more: defaultdict[int, list[int]] = defaultdict(list)
        self._buffered = 0
        self.merge_at = merge_at
        self.max_buffer = max_buffer

    def __len__(self) -> int:
        return sum(len(r) for r in self.runs) + self._buffered

    @property
    def nbytes(self) -> int:
        return sum(r.data.nbytes + r.directory.nbytes for r in self.runs) + self._buffered * 80

    def bulk_load(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Replace the content with these pairs (start-up rebuild)."""
        packed = (keys.astype(np.uint64) << _SHIFT) | vals.astype(np.uint64)
        packed.sort()
        self.runs = [_Run(packed)] if len(packed) else []
        self._buffer.clear()
        self._more.clear()
        self._buffered = 0

    def add(self, keys: np.ndarray, val: int) -> None:
        buffer = self._buffer
        for key in keys.tolist():
            if buffer.setdefault(key, val) != val:
                self._more[key].append(val)
        self._buffered += len(keys)
        if self._buffered >= self.merge_at and self._buffered >= min(self.max_buffer, len(self._base) // 8):
            self.flush()

    @property
    def _base(self) -> np.ndarray:
        return self.runs[0].pairs if self.runs else np.empty(0, dtype=np.uint64)

    def flush(self) -> None:
        if not self._buffered:
            return
        pairs = [(k << 32) | v for k, v in self._buffer.items()]
        pairs.extend((k << 32) | v for k, vs in self._more.items() for v in vs)
        run = np.array(pairs, dtype=np.uint64)
        run.sort()
        self._buffer.clear()
        self._more.clear()
        self._buffered = 0
        while self.runs and 4 * len(run) >= len(self.runs[-1]):
            merged = np.concatenate([self.runs.pop().pairs, run])
            merged.sort(kind="stable")  # two sorted runs: timsort merges them in linear time
            run = merged
        self.runs.append(_Run(run))

    def lookup(self, keys: np.ndarray) -> list[int]:
        """All values stored under any of ``keys`` (one per matching pair)."""
        out: list[int] = []
        if self.runs:
            wide = keys.astype(np.uint64)
            for run in self.runs:
                run.lookup(wide, out)
        if self._buffered:
            get, more = self._buffer.get, self._more
            for key in keys.tolist():
                found = get(key)
                if found is not None:
                    out.append(found)
                    if key in more:
                        out.extend(more[key])
        return out


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
