"""Human-readable summaries printed at the end of a run (re-process or crawl)."""

from __future__ import annotations

from collections.abc import Mapping


def _stored_and_rejected(d: Mapping[str, object]) -> list[str]:
    rejected = d.get("rejected") or {}
    assert isinstance(rejected, dict)
    return [
        f"  articles stored: {d.get('articles', 0)} (unique {d.get('unique', 0)}, "
        f"exact duplicates {d.get('exact', 0)}, near duplicates {d.get('near', 0)})",
        "  rejected: " + (", ".join(f"{k} {v}" for k, v in rejected.items()) or "none"),
    ]


def reprocess_summary(d: Mapping[str, object]) -> str:
    """Summary of ``RunStats.as_dict()`` after ``akhbar reprocess``."""
    return "\n".join(
        [
            f"reprocess: {d['pages']} pages read in {d['seconds']} s ({d['pages_per_second']} pages/s)",
            f"  already stored (skipped): {d['skipped_known']}",
            *_stored_and_rejected(d),
        ]
    )


def crawl_summary(d: Mapping[str, object]) -> str:
    """Summary of a crawl session's stats, with per-site yield and warnings."""
    per_site = d.get("per_site") or {}
    assert isinstance(per_site, dict)
    lines = [
        f"crawl: {d.get('pages', 0)} pages in {d.get('seconds', 0)} s "
        f"({d.get('finish_reason', '?')}); {d.get('skipped_known', 0)} unchanged pages skipped",
        *_stored_and_rejected(d),
        "  per site: " + (", ".join(f"{k} {v}" for k, v in per_site.items()) or "none"),
    ]
    silent = d.get("sites_without_articles") or []
    assert isinstance(silent, list)
    lines.extend(f"  warning: {name} yielded no article (its layout or URLs may have changed)" for name in silent)
    return "\n".join(lines)
