"""The compact multimap and band keys against plain Python equivalents."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from crawler.processing import lshindex
from crawler.processing.lshindex import BandLayout, SortedMultiMap, optimal_bands

ROOT = Path(__file__).resolve().parents[2]


def _in_a_fresh_process(script: str) -> None:
    """Run ``script`` in a new interpreter (what it imports is its own) and fail with its error output."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def _reference_lookup(ref: dict[int, set[int]], keys: np.ndarray) -> list[int]:
    return sorted(v for k in keys.tolist() for v in ref.get(k, ()))


@pytest.mark.parametrize("merge_at", [8, 64, 1 << 12])
def test_multimap_matches_a_dict_through_flushes_and_merges(merge_at: int) -> None:
    rng = np.random.default_rng(merge_at)
    mm = SortedMultiMap(merge_at=merge_at, max_buffer=4 * merge_at)
    ref: dict[int, set[int]] = defaultdict(set)
    start = rng.integers(0, 2**32, size=500, dtype=np.uint32)
    mm.bulk_load(start, np.arange(500, dtype=np.uint32))
    for k, v in zip(start.tolist(), range(500), strict=True):
        ref[k].add(v)
    hot = np.uint32(0x80000001)  # one key with many values: a crowded directory slot
    for value in range(500, 2500):
        keys = rng.integers(0, 2**32, size=int(rng.integers(1, 12)), dtype=np.uint32)
        if value % 3 == 0:
            keys = np.append(keys, hot)
        if value % 7 == 0:  # a key that is already stored, under a new value
            keys = np.append(keys, start[value % 500])
        keys = np.unique(keys)
        twice = np.append(keys, keys[0])  # the same pair twice in one add: stored once
        mm.add(twice, np.full(len(twice), value, dtype=np.uint32))
        for k in keys.tolist():
            ref[k].add(value)
        if value % 97 == 0:
            probe = np.concatenate([keys, start[:20], [hot], rng.integers(0, 2**32, size=5, dtype=np.uint32)])
            assert sorted(mm.lookup(probe).tolist()) == _reference_lookup(ref, probe)
    assert len(mm.runs) <= SortedMultiMap.MAX_RUNS
    assert len(mm) == sum(len(v) for v in ref.values())
    everything = np.array(sorted(ref), dtype=np.uint32)
    assert sorted(mm.lookup(everything).tolist()) == _reference_lookup(ref, everything)
    assert len(mm.lookup(np.array([hot], dtype=np.uint32))) == len(ref[int(hot)]) > 600


def test_large_run_lookups_match_a_dict_at_slot_edges_and_on_crowded_keys() -> None:
    """A run with a directory of thousands of slots: keys at the very start and end of a slot's
    range and of the key space, a key with thousands of values, absent keys."""
    rng = np.random.default_rng(5)
    keys = rng.integers(0, 2**32, size=300_000, dtype=np.uint32)
    edges = np.array([0, 1, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1], dtype=np.uint32)
    hot = np.full(5000, 0x12345678, dtype=np.uint32)
    keys = np.concatenate([keys, edges, edges, hot])
    vals = np.arange(len(keys), dtype=np.uint32)
    mm = SortedMultiMap()
    mm.bulk_load(keys, vals)
    ref: dict[int, set[int]] = defaultdict(set)
    for k, v in zip(keys.tolist(), vals.tolist(), strict=True):
        ref[k].add(v)
    run = mm.runs[0]
    slot_edges = (np.arange(0, 1 << run.bits, 97, dtype=np.uint64) << np.uint64(32 - run.bits)).astype(np.uint32)
    probe = np.concatenate(
        [
            keys[::1000],
            edges,
            hot[:1],
            slot_edges,
            slot_edges - np.uint32(1),
            rng.integers(0, 2**32, size=500, dtype=np.uint32),
        ]
    )
    assert run.bits > 10
    for chunk in np.array_split(probe, 20):
        assert sorted(mm.lookup(chunk).tolist()) == _reference_lookup(ref, chunk)


def test_empty_multimap_finds_nothing() -> None:
    mm = SortedMultiMap()
    assert mm.lookup(np.array([1, 2, 3], dtype=np.uint32)).tolist() == []
    mm.bulk_load(np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint32))
    assert mm.lookup(np.array([1], dtype=np.uint32)).tolist() == []


@pytest.mark.parametrize("compiled", [True, False])
def test_one_signature_keys_match_the_vectorised_keys(compiled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-article keys, compiled or (before the kernels are loaded) with numpy, are the bulk keys."""
    if compiled:
        lshindex.kernels()
    else:
        monkeypatch.setattr(lshindex, "_kernels", None)
    layout = BandLayout(0.3, 128)
    rng = np.random.default_rng(3)
    sigs = rng.integers(0, 2**32, size=(50, 128), dtype=np.uint64)  # datasketch keeps uint64 hash values
    many = layout.keys(sigs)
    extra = np.array([5, 0xFFFFFFFE], dtype=np.uint32)
    salt = np.uint32(0x5BD1E995)
    for sig, expected in zip(sigs, many, strict=True):
        one = layout.keys_one(sig, extra, salt)
        assert one.dtype == np.uint32
        assert one[: layout.bands].tolist() == expected.tolist()
        assert one[layout.bands :].tolist() == (extra ^ salt).tolist()
    assert layout.keys_one(sigs[0].astype(np.uint32), extra[:0], salt).tolist() == many[0].tolist()


def test_a_new_map_is_small_until_it_grows_and_answers_as_a_dict_throughout() -> None:
    """A new map keeps its pairs in a dict (tagged adds, repeats stored once), turns compact when it reaches
    ``small_pairs``, and answers every lookup the same before and after; a lookup through the band layout too."""
    rng = np.random.default_rng(11)
    mm = SortedMultiMap(merge_at=64, max_buffer=256, small_pairs=400)
    ref: dict[int, set[int]] = defaultdict(set)
    tag = np.uint32(1 << 31)
    seen_small = seen_compact = False
    for value in range(200):
        keys = np.unique(rng.integers(0, 2**20, size=int(rng.integers(1, 8)), dtype=np.uint32))
        keys = np.append(keys, np.uint32(2**21 + value % 3))  # three keys with many values each
        mm.add_tagged(np.append(keys, keys[0]), value, len(keys) // 2, tag)
        for j, k in enumerate(np.append(keys, keys[0]).tolist()):
            ref[k].add(value | (1 << 31) if j >= len(keys) // 2 else value)
        seen_small, seen_compact = seen_small or mm.small, seen_compact or not mm.small
        probe = np.concatenate([keys, rng.integers(0, 2**20, size=20, dtype=np.uint32)])
        assert sorted(mm.lookup(probe).tolist()) == _reference_lookup(ref, probe)
        assert len(mm) == sum(len(v) for v in ref.values())
    assert seen_small and seen_compact and not mm.small
    assert len(mm.lookup(np.array([2**21], dtype=np.uint32))) >= 60
    layout = BandLayout(0.3, 128)
    small = SortedMultiMap()
    compact = SortedMultiMap(small_pairs=0)
    sig = rng.integers(0, 2**32, size=128, dtype=np.uint64)
    keys = layout.keys_one(sig, np.empty(0, dtype=np.uint32), np.uint32(0))
    for target in (small, compact):
        target.add(keys, np.full(len(keys), 7, dtype=np.uint32))
    assert small.small and not compact.small
    for target in (small, compact):
        found_keys, values = layout.keys_and_lookup(sig, np.empty(0, dtype=np.uint32), np.uint32(0), target)
        assert found_keys.tolist() == keys.tolist() and values.tolist() == [7] * len(keys)


def test_a_run_on_small_maps_never_loads_numba() -> None:
    """Deciding into a new index imports no numba (its load is 0.2-0.7 s of CPU); a store's index loaded at start
    (compact) makes ``warm_up`` load the kernels."""
    script = (
        "import sys\n"
        "import numpy as np\n"
        "from crawler.processing import lshindex\n"
        "from crawler.processing.lshindex import BandLayout, SortedMultiMap\n"
        "layout, mm = BandLayout(0.3, 128), SortedMultiMap()\n"
        "sig = np.arange(128, dtype=np.uint64)\n"
        "keys, found = layout.keys_and_lookup(sig, np.empty(0, dtype=np.uint32), np.uint32(0), mm)\n"
        "mm.add(keys, np.ones(len(keys), dtype=np.uint32))\n"
        "lshindex.warm_up()\n"
        "assert 'numba' not in sys.modules\n"
        "loaded = SortedMultiMap()\n"
        "loaded.bulk_load(keys, np.ones(len(keys), dtype=np.uint32))\n"
        "lshindex.warm_up()\n"
        "assert 'numba' in sys.modules\n"
    )
    _in_a_fresh_process(script)


@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_optimal_bands_agree_with_datasketch(num_perm: int) -> None:
    from datasketch.lsh import _optimal_param  # imports scipy: only here, not at start-up

    for threshold in [0.05, 0.1, 0.2, 0.3, 0.35, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]:
        assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5), threshold


def test_tagged_add_stores_what_an_explicit_add_stores() -> None:
    keys = np.array([5, 9, 13, 17], dtype=np.uint32)
    tag = np.uint32(1 << 31)
    tagged, explicit = SortedMultiMap(), SortedMultiMap()
    tagged.add_tagged(keys, 42, 2, tag)
    explicit.add(keys, np.array([42, 42, 42 | (1 << 31), 42 | (1 << 31)], dtype=np.uint32))
    for k in keys:
        probe = np.array([k], dtype=np.uint32)
        assert tagged.lookup(probe).tolist() == explicit.lookup(probe).tolist()
    assert tagged.lookup(keys[2:3]).tolist() == [42 | (1 << 31)]


def test_loading_the_kernels_leaves_scipy_linalg_alone() -> None:
    """numba's start-up does not import scipy.linalg for the kernels, and a later import gets the real module."""
    script = (
        "import sys\n"
        "from crawler.processing import lshindex\n"
        "lshindex.kernels()\n"
        "assert 'scipy.linalg' not in sys.modules, 'imported while the kernels loaded'\n"
        "import scipy.linalg\n"
        "assert scipy.linalg.norm([3.0, 4.0]) == 5.0\n"
    )
    _in_a_fresh_process(script)
