"""Inline SVG charts for the report's site pages, drawn in Python (no library, no script).

Concern: a site's articles per day (originals and copies stacked) and its share of copies.
Invariant: the SVG depends on its input only, and holds no text that is not escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

CHART_DAYS = 90  # a chart shows at most the last 90 days up to the site's latest publication day
WIDTH, HEIGHT, PAD = 640, 200, 28
ORIGINAL_COLOUR, COPY_COLOUR = "#2b6cb0", "#dd6b20"


@dataclass(frozen=True)
class Day:
    """Articles a site published one day, and how many of them were copies."""

    day: str  # YYYY-MM-DD
    articles: int
    copies: int


def chart_days(days: list[Day], most: int = CHART_DAYS) -> list[Day]:
    """The last ``most`` calendar days up to the latest one in ``days``, days without articles at 0."""
    known = {}
    for d in days:
        try:
            known[date.fromisoformat(d.day)] = d
        except ValueError:
            continue
    if not known:
        return []
    last = max(known)
    first = max(min(known), last - timedelta(days=most - 1))
    span = (last - first).days + 1
    every = (first + timedelta(days=i) for i in range(span))
    return [known.get(day, Day(day.isoformat(), 0, 0)) for day in every]


def day_chart(days: list[Day], label: str) -> str:
    """A bar per day (originals below, copies stacked above), the first and last day and the maximum labelled."""
    if not days:
        return '<p class="muted">—</p>'
    top = max(max(d.articles for d in days), 1)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / len(days)
    bar = max(step * 0.8, 1.0)
    parts = [
        f'<svg class="chart" role="img" aria-label="{html.escape(label)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" direction="ltr">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#999"/>',
    ]
    for i, d in enumerate(days):
        if not d.articles:
            continue
        x = PAD + i * step + (step - bar) / 2
        h_all = inner_h * d.articles / top
        h_copies = inner_h * d.copies / top
        y = HEIGHT - PAD - h_all
        tip = html.escape(f"{d.day}: {d.articles} ({d.copies})")
        parts.append(
            f"<g><title>{tip}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h_all - h_copies:.1f}" '
            f'fill="{ORIGINAL_COLOUR}"/>'
            f'<rect x="{x:.1f}" y="{y + h_all - h_copies:.1f}" width="{bar:.1f}" height="{h_copies:.1f}" '
            f'fill="{COPY_COLOUR}"/></g>'
        )
    parts.append(
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="12" text-anchor="start">{html.escape(days[0].day)}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="12" text-anchor="end">{html.escape(days[-1].day)}</text>'
        f'<text x="4" y="{PAD - 8}" font-size="12" text-anchor="start">{top}</text>'
        "</svg>"
    )
    return "".join(parts)


def share_bar(copies: int, total: int) -> str:
    """A horizontal bar: the share of copies among a site's articles."""
    share = copies / total if total else 0.0
    w = 300
    return (
        f'<svg class="share" role="img" aria-label="{share:.0%}" viewBox="0 0 {w} 18" width="{w}" height="18" '
        f'xmlns="http://www.w3.org/2000/svg" direction="ltr">'
        f'<rect x="0" y="0" width="{w}" height="18" fill="{ORIGINAL_COLOUR}"/>'
        f'<rect x="0" y="0" width="{w * share:.1f}" height="18" fill="{COPY_COLOUR}"/></svg>'
    )
