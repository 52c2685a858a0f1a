"""Clean headlines: drop the site name that CMSs glue to ``<title>`` and ``og:title``."""

from __future__ import annotations

import re

from crawler.processing.normalize import normalize

_SEPARATORS = re.compile(r"\s+(?:[|｜–—\-:»«•·/]|::|\|\|)\s+|\s*(?:::|\|)\s*")


def clean_title(title: str | None, site: str | None, h1s: list[str]) -> str | None:
    """Return the headline without a site-name prefix or suffix.

    An ``<h1>`` that the title contains wins (it is the clean headline); otherwise
    the title is split on the usual separators ("|", "–", "-", "::", "»") and the
    parts that name the site (or are much shorter than the rest) are dropped.
    """
    if not title:
        return h1s[0] if h1s and h1s[0] else None
    title = " ".join(title.split())
    norm_title = normalize(title)
    for h1 in h1s:
        h1 = " ".join(h1.split())
        norm_h1 = normalize(h1)
        if len(norm_h1) >= 10 and norm_h1 in norm_title:
            return h1
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title
    site_norm = normalize(site or "")

    def names_site(part: str) -> bool:
        norm = normalize(part)
        return bool(site_norm) and (norm == site_norm or norm in site_norm or site_norm in norm) and len(norm) < 40

    kept = [p for p in parts if not names_site(p)]
    if len(kept) == len(parts):
        # No part names the site: drop a short first or last part (typical "Site – Headline").
        longest = max(parts, key=len)
        if len(parts[-1]) * 3 < len(longest):
            kept = parts[:-1]
        elif len(parts[0]) * 3 < len(longest):
            kept = parts[1:]
    if not kept:
        return title
    # Re-join with the original separators when a headline itself contained one.
    start, end = title.find(kept[0]), title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(kept)
