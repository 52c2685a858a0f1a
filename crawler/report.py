"""Human-readable summaries printed at the end of a run (re-process or crawl).

Pure functions of a run's stats: nothing here reads the store or Scrapy.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Mapping

from crawler.runs import FinishReason, exit_status

# The spider's and robots gate's ``akhbar/<site>/unreachable/<cause>`` causes, in words.
UNREACHABLE_CAUSES = {
    "dns": "host name not found (DNS)",
    "connection": "connection refused or lost",
    "timeout": "no answer in time (timeout)",
    "robots_5xx": "robots.txt answers a server error",
    "robots_unreadable": "robots.txt cannot be read",
}


def _count(stats: Mapping[str, object], key: str) -> int:
    value = stats.get(key, 0)
    return value if isinstance(value, int) else 0


def silent_sites(stats: Mapping[str, object], names: Iterable[str]) -> dict[str, str]:
    """Why each site of ``names`` (sites that stored no article in the run) yielded nothing, from the
    crawl's stats: unreachable (no response; DNS, connection, timeout, robots.txt 5xx or unreadable),
    or reachable with no article (its layout or URLs may have changed). A site whose article URLs
    were all known already gets no verdict: it is fine."""
    verdicts: dict[str, str] = {}
    for name in names:
        if _count(stats, f"akhbar/{name}/article_urls"):
            continue  # it found articles, already stored ones
        prefix = f"akhbar/{name}/unreachable/"
        causes = {key[len(prefix) :]: _count(stats, key) for key in stats if key.startswith(prefix)}
        failed = ", ".join(f"{UNREACHABLE_CAUSES.get(c, c)} ×{n}" for c, n in sorted(causes.items()) if n)
        responses = _count(stats, f"akhbar/{name}/responses")
        if responses:
            verdicts[name] = (
                f"reachable ({responses} responses) but no article found: its layout or URLs may have changed"
                + (f" (failed requests: {failed})" if failed else "")
            )
        elif failed:
            verdicts[name] = f"unreachable ({failed}): check its address, or try again later"
        else:
            verdicts[name] = "no response received (nothing was fetched: check its start URLs, feeds and sitemaps)"
    return verdicts


def _stored_and_rejected(d: Mapping[str, object]) -> list[str]:
    rejected = d.get("rejected") or {}
    assert isinstance(rejected, dict)
    return [
        f"  articles stored: {d.get('articles', 0)} (unique {d.get('unique', 0)}, "
        f"exact duplicates {d.get('exact', 0)}, near duplicates {d.get('near', 0)})",
        "  rejected: " + (", ".join(f"{k} {v}" for k, v in rejected.items()) or "none"),
        *_shared_decisions(d),
    ]


def _shared_decisions(d: Mapping[str, object]) -> list[str]:
    """A line on the decision lock, for a run on a store shared with other writers."""
    shared = d.get("decisions")
    if not isinstance(shared, dict):
        return []
    return [
        f"  shared store: {shared.get('lock_wait_seconds', 0)} s waiting for the decision lock, "
        f"{shared.get('lock_held_seconds', 0)} s deciding; "
        f"{shared.get('caught_up_articles', 0)} articles of other writers taken in"
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
    verdicts = d.get("site_verdicts") or {}
    assert isinstance(silent, list) and isinstance(verdicts, dict)
    for name in silent:
        why = verdicts.get(name)
        lines.append(
            f"  warning: {name} yielded no article" + (f": {why}" if why else " (its layout or URLs may have changed)")
        )
    return "\n".join(lines)


def progress_line(seconds: float, scrapy_stats: Mapping[str, object], run: Mapping[str, object]) -> str:
    """One line of a crawl's progress: time, pages fetched and their rate, articles stored (copies
    among them), rejections, articles per site (most first). ``run`` is ``RunStats.as_dict()``."""
    minutes, secs = divmod(int(seconds), 60)
    fetched = _count(scrapy_stats, "downloader/response_count")
    rate = fetched / seconds if seconds > 0 else 0.0
    copies = _count(run, "exact") + _count(run, "near")
    rejected = run.get("rejected") or {}
    per_site = run.get("per_site") or {}
    assert isinstance(rejected, dict) and isinstance(per_site, dict)
    sites = ", ".join(f"{name} {n}" for name, n in sorted(per_site.items(), key=lambda kv: (-kv[1], kv[0])) if n)
    return (
        f"crawl {minutes}:{secs:02d}: {fetched} pages fetched ({rate:.1f}/s), {_count(run, 'articles')} articles "
        f"({copies} copies), {sum(rejected.values())} rejected" + (f"; {sites}" if sites else "")
    )


def crawl_verdict(summary: Mapping[str, object]) -> tuple[str | None, int]:
    """How a crawl ended, for the command line: the one stderr line to print (None when it
    simply finished) and the exit status (``crawler.runs.exit_status``)."""
    reason = FinishReason(str(summary.get("finish_reason") or FinishReason.FINISHED))
    signum = summary.get("signal")
    signum = signum if isinstance(signum, int) else None
    line = None
    if summary.get("failure"):
        line = f"akhbar: error: {summary['failure']}"
    elif reason is FinishReason.INTERRUPTED:
        by = f" ({signal.Signals(signum).name})" if signum else ""
        line = f"akhbar: interrupted{by}; what was stored is kept"
    return line, exit_status(reason, signum)
