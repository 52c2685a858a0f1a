"""Hashed word 3-grams and the days each was seen on, in a fixed-size table.

Template text (a weather bulletin's or a cable's fixed wording, a market close's frame) is text
that comes back day after day; what is written once, or on one or two days, is a story. Two
stages read this table: the event linker (template stems of an article's lead) and the
duplicate decision (:mod:`crawler.processing.wiretemplates`: template phrases of whole texts).

Invariant: a table's answers are a function of the ``(hashes, day)`` sequence given to
:meth:`DayTable.see`; hashes are stable across processes (BLAKE2b), so a run and a re-process of
its archive that see the same texts in the same order answer the same.
"""

from __future__ import annotations

import hashlib
import mmap

import numpy as np


def gram_hashes(stems: tuple[str, ...]) -> np.ndarray:
    """64-bit hashes of the word 3-grams of ``stems``, one per position (stable across processes)."""
    return np.array(
        [
            int.from_bytes(hashlib.blake2b(" ".join(stems[i : i + 3]).encode(), digest_size=8).digest(), "little")
            for i in range(len(stems) - 2)
        ],
        dtype=np.uint64,
    )


def _mapped_zeros(shape: tuple[int, ...], dtype: type[np.int16]) -> np.ndarray:
    """A zeroed array whose memory is all mapped now and is not inherited by forked processes.

    Mapped now: left to fault in page by page, the first hundreds of articles paid ~8 ms each, and
    writing the zeros ahead took ~0.3 s at start-up; the kernel maps the zeroed pages in one call
    (``MAP_POPULATE``) in ~0.02 s. Not inherited (``MADV_DONTFORK``): the analysis workers, forked
    after the table exists, never read it; inherited, every page the parent wrote afterwards was
    copied first. Elsewhere than Linux, a plain array written with zeros."""
    nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
    populate, dontfork = getattr(mmap, "MAP_POPULATE", None), getattr(mmap, "MADV_DONTFORK", None)
    if populate is None or dontfork is None:
        return np.zeros(shape, dtype=dtype)
    mapped = mmap.mmap(-1, nbytes, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | populate)
    mapped.madvise(dontfork)
    return np.frombuffer(mapped, dtype=dtype).reshape(shape)  # the array keeps the mapping alive


class DayTable:
    """For hashed 3-grams, the last four distinct days each was seen on, in a fixed-size table.

    Two independent slots per gram (count-min style): a gram counts as seen on a day only if
    both its slots say so, so collisions rarely make a template of a rare phrase. Memory is
    fixed (``2 * 4 * 2 * size`` bytes, 64 MiB by default, all mapped at start), whatever the history."""

    SLOTS = 4
    LAST_DAY = 32_000  # days are stored as int16 (day + 1): 2000-01-01 to 2087; others are clamped

    @classmethod
    def _day(cls, day: int) -> int:
        return min(max(day, 0), cls.LAST_DAY)

    def __init__(self, bits: int = 22) -> None:
        self.mask = np.uint64((1 << bits) - 1)
        self.bits = bits
        self.days = _mapped_zeros((2, 1 << bits, self.SLOTS), np.int16)  # day + 1; 0 = empty

    def _slots(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (hashes & self.mask).astype(np.int64), ((hashes >> np.uint64(64 - self.bits)) & self.mask).astype(
            np.int64
        )

    def days_seen(self, hashes: np.ndarray, today: int, lookback: int) -> np.ndarray:
        """For each gram, on how many distinct days in ``[today - lookback, today)`` it was seen."""
        if hashes.size == 0:
            return np.zeros(0, dtype=np.int64)
        today = self._day(today)
        lo, hi = max(1, today - lookback + 1), today + 1  # stored as day + 1 (0: empty)
        counts = []
        for table, idx in zip(self.days, self._slots(hashes), strict=True):
            stored = table[idx]
            counts.append(((stored >= lo) & (stored < hi)).sum(axis=1))
        return np.minimum(counts[0], counts[1])

    def see(self, hashes: np.ndarray, today: int) -> None:
        if hashes.size == 0:
            return
        mark = np.int16(self._day(today) + 1)
        for table, idx in zip(self.days, self._slots(hashes), strict=True):
            # a slot met twice (a repeated 3-gram, two colliding ones) gets the same row twice: either write holds
            rows = table[idx]
            fresh = rows[:, 0] != mark
            rows[fresh, 1:] = rows[fresh, :-1]
            rows[fresh, 0] = mark
            table[idx] = rows
