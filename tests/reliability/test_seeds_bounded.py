"""Seeds are bounded: a hostile URL is decided in linear time, every number is finite and sane.

A pattern such as ``(a+)+$`` backtracks exponentially in Python's ``re``; the seeds use a
linear-time engine, so the time to decide a URL grows with its length only. A pattern that
engine cannot run (lookaround, backreference) is refused when the seed is loaded.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.seeds import SeedError, load_seed
from tests.reliability.conftest import run_akhbar, write_seed
from tests.reliability.hostile import HostileSite

HOSTILE_TAIL = "a" * 50_000 + "!"


def test_a_hostile_link_against_a_backtracking_pattern_is_decided_at_once(tmp_path: Path, site: HostileSite) -> None:
    path = write_seed(
        tmp_path, "hostile", start_urls=[site.base + "/"], article_url_patterns=["(a+)+$"], deny_url_patterns=["(a+)+$"]
    )
    # In a subprocess: a backtracking engine holds the GIL for minutes, so only a timeout can stop it.
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom crawler.seeds import load_seed\n"
        f"site = load_seed(Path({str(path)!r}))\nurl = {site.base + '/'!r} + 'a' * 50_000 + '!'\n"
        "t = time.perf_counter()\ndecided = (site.may_visit(url), site.is_article_url(url), site.denies(url))\n"
        "print(decided, time.perf_counter() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    decided, elapsed = done.stdout.rsplit(" ", 1)
    assert decided == "(True, False, False)"
    assert float(elapsed) < 0.5


def test_seeds_check_on_a_backtracking_pattern_returns_at_once(tmp_path: Path, site: HostileSite) -> None:
    write_seed(
        tmp_path,
        "hostile",
        start_urls=[site.base + "/" + HOSTILE_TAIL],
        article_url_patterns=[r"/news/\d+\.html$"],
        deny_url_patterns=["(a+)+$"],
    )
    started = time.monotonic()
    done = run_akhbar("seeds", "--seeds", str(tmp_path), "--check", timeout=30)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 20  # interpreter start-up included; the check itself is instant


@pytest.mark.parametrize(
    ("key", "patterns", "problem"),
    [
        ("deny_url_patterns", ["/tag/", "(?<=/)amp"], "deny_url_patterns[1]: unsupported in the linear-time pattern engine (lookaround/backreference): '(?<=/)amp'"),
        ("deny_url_patterns", ["(?!feed)/x"], "deny_url_patterns[0]: unsupported in the linear-time pattern engine (lookaround/backreference)"),
        ("article_url_patterns", [r"/(\d+)/\1\.html"], r"article_url_patterns[0]: unsupported in the linear-time pattern engine (lookaround/backreference): '/(\\d+)/\\1\\.html'"),
        ("article_url_patterns", [r"/news/\d+\Z"], "article_url_patterns[0]: unsupported in the linear-time pattern engine"),
        ("article_url_patterns", ["/news/("], "article_url_patterns[0]: bad regex '/news/('"),
    ],
)  # fmt: skip
def test_a_pattern_the_linear_engine_cannot_run_is_refused_by_file_key_and_index(
    tmp_path: Path, site: HostileSite, key: str, patterns: list[str], problem: str
) -> None:
    keys = {"start_urls": [site.base + "/"], "article_url_patterns": [r"/news/\d+\.html$"], key: patterns}
    path = write_seed(tmp_path, "hostile", **keys)
    with pytest.raises(SeedError) as err:
        load_seed(path)
    assert str(err.value).startswith(f"{path}: {problem}")
    done = run_akhbar("seeds", "--seeds", str(tmp_path), "--check", timeout=30)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"akhbar: error: {err.value}"]  # one line, no engine log


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("download_delay", float("inf"), "download_delay: must be a finite number between 0 and 3600, got inf"),
        ("download_delay", float("-inf"), "download_delay: must be a finite number between 0 and 3600, got -inf"),
        ("download_delay", float("nan"), "download_delay: must be a finite number between 0 and 3600, got nan"),
        ("download_delay", 3601, "download_delay: must be a finite number between 0 and 3600, got 3601"),
        ("download_delay", -0.5, "download_delay: must be a finite number between 0 and 3600, got -0.5"),
        ("max_depth", 51, "max_depth: must be an integer between 0 and 50, got 51"),
        ("max_depth", -1, "max_depth: must be an integer between 0 and 50, got -1"),
        ("max_pages_per_run", 0, "max_pages_per_run: must be an integer between 1 and 1000000, got 0"),
        ("max_pages_per_run", 1_000_001, "max_pages_per_run: must be an integer between 1 and 1000000, got 1000001"),
    ],
)
def test_every_number_is_finite_and_in_range(
    tmp_path: Path, site: HostileSite, key: str, value: float, problem: str
) -> None:
    path = write_seed(
        tmp_path, "hostile", start_urls=[site.base + "/"], article_url_patterns=[r"/news/\d+\.html$"], **{key: value}
    )
    with pytest.raises(SeedError) as err:
        load_seed(path)
    assert str(err.value) == f"{path}: {problem}"


def test_seeds_check_refuses_an_infinite_delay_in_one_line(tmp_path: Path, site: HostileSite) -> None:
    write_seed(
        tmp_path, "hostile", start_urls=[site.base + "/"], article_url_patterns=["/x"], download_delay=float("inf")
    )
    done = run_akhbar("seeds", "--seeds", str(tmp_path), "--check", timeout=30)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"akhbar: error: {tmp_path / 'hostile.toml'}: download_delay: must be a finite number between 0 and 3600, got inf"
    ]


def test_the_bounds_themselves_are_accepted(tmp_path: Path, site: HostileSite) -> None:
    path = write_seed(
        tmp_path,
        "hostile",
        start_urls=[site.base + "/"],
        article_url_patterns=["/x"],
        download_delay=3600,
        max_depth=50,
        max_pages_per_run=1_000_000,
    )
    got = load_seed(path)
    assert (got.download_delay, got.max_depth, got.max_pages_per_run) == (3600.0, 50, 1_000_000)
    path = write_seed(tmp_path, "hostile", start_urls=[site.base + "/"], article_url_patterns=["/x"], download_delay=0,
                      max_depth=0, max_pages_per_run=1)  # fmt: skip
    got = load_seed(path)
    assert (got.download_delay, got.max_depth, got.max_pages_per_run) == (0.0, 0, 1)
