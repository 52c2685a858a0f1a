"""Shared benchmark plumbing: repeated timing, machine facts, result lines."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version


@dataclass(frozen=True)
class Timing:
    seconds: list[float]

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def alternate(runs: dict[str, Callable[[], object]], repeats: int = 3) -> dict[str, Timing]:
    """Time each callable ``repeats`` times, alternating them so machine noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: Timing(ts) for name, ts in times.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    libs = ", ".join(f"{p} {version(p)}" for p in ("trafilatura", "datasketch", "scrapy", "sqlalchemy", "lxml"))
    return (
        f"{date.today().isoformat()}, {os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}, "
        f"{platform.system()} {platform.release()}; {libs}"
    )
