"""Inputs and process facts shared by the benchmarks: SaudiNewsNet records, fixture texts, RSS."""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

from benchmarks.scoring import SHARED

SNN_DIR = SHARED / "corpora" / "saudinewsnet"
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def snn_available() -> bool:
    return (SNN_DIR / "dataset").is_dir() and any((SNN_DIR / "dataset").glob("*.zip"))


def snn_records() -> list[dict]:
    """SaudiNewsNet: first record per URL, empty contents dropped, in extraction-date order (stable)."""
    from benchmarks.dedup_pairs_sample import iter_records

    seen: set[str] = set()
    out: list[dict] = []
    for rec in iter_records(SNN_DIR):
        url = (rec.get("url") or "").strip()
        if not url or url in seen or not (rec.get("content") or "").strip():
            continue
        seen.add(url)
        out.append(rec)
    out.sort(key=lambda r: r.get("date_extracted") or "")
    return out


def fixture_texts() -> list[str]:
    """The project's own texts: tests/fixtures/texts and the golden pages' expected bodies."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "texts").glob("*.txt"))]
    for expected in sorted((FIXTURES / "pages").glob("*/expected.json")):
        text = json.loads(expected.read_text(encoding="utf-8")).get("text")
        if text:
            texts.append(str(text))
    return texts


def rss_bytes() -> int:
    """Current resident set size of this process."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    """Peak resident set size of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
