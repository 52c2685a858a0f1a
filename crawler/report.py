"""Human-readable summaries printed at the end of a run."""

from __future__ import annotations

from crawler.runtime import RunStats


def run_summary(stats: RunStats, title: str = "reprocess") -> str:
    d = stats.as_dict()
    rejected = d["rejected"]
    assert isinstance(rejected, dict)
    lines = [
        f"{title}: {d['pages']} pages read in {d['seconds']} s ({d['pages_per_second']} pages/s)",
        f"  already stored (skipped): {d['skipped_known']}",
        f"  articles stored: {d['articles']} (unique {d['unique']}, exact duplicates {d['exact']},"
        f" near duplicates {d['near']})",
    ]
    if rejected:
        lines.append("  rejected: " + ", ".join(f"{k} {v}" for k, v in rejected.items()))
    else:
        lines.append("  rejected: none")
    return "\n".join(lines)
