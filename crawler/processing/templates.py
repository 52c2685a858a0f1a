"""Site-level template learning: lines that recur across a site's articles are furniture.

Generic rules (``boilerplate.py``) catch furniture by its shape; what they miss is
site-specific: a fixed source line ("المصدر: أخبارنا"), a disclaimer under every
article, a "most commented" list, a newsletter pitch. Such a line shows up, word for
word, in the extracted text of many articles of the same site, while real article
lines do not.

How it works, deterministically:

- every stored article of a site adds its short lines (at most ``max_words`` words,
  compared after normalisation) to that site's counts;
- a new article loses the short lines already seen in at least ``min_pages`` earlier
  articles of its site. Before a site has ``min_pages`` articles nothing is removed
  this way (only the generic rules apply);
- counts change only when an article is stored, in input order, so a live crawl and a
  re-process of its archive (which replays the same order) learn and remove the same
  lines. The counts live in the store (``template_lines``) and survive restarts.

Removal is skipped when it would take away most of a text (a site that republishes its
own story is not furniture).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import xxhash

from crawler.processing.normalize import normalize

MIN_PAGES = 2
MAX_WORDS = 30
MAX_REMOVED_SHARE = 0.5


def line_key(line: str) -> int | None:
    """Hash of a short line's normalised form (None for empty or long lines)."""
    return key_of_normalised(normalize(line))


def key_of_normalised(norm: str) -> int | None:
    """:func:`line_key` of a line already normalised (the analysis normalises each line once)."""
    if not norm or norm.count(" ") >= MAX_WORDS:  # normalised: words are separated by one space
        return None
    return xxhash.xxh64_intdigest(norm.encode("utf-8")) & 0x7FFF_FFFF_FFFF_FFFF  # fits SQLite INTEGER


def line_keys(text: str) -> tuple[int | None, ...]:
    """:func:`line_key` of every line of ``text``."""
    return tuple(line_key(line) for line in text.split("\n"))


def without(lines: list[str], drop: list[bool]) -> str:
    """The text of ``lines`` without those marked in ``drop`` (see :meth:`SiteTemplates.furniture`)."""
    return "\n".join(line for line, dropped in zip(lines, drop, strict=True) if not dropped).strip()


class SiteTemplates:
    """Per-site counts of short lines over stored articles."""

    def __init__(self, min_pages: int = MIN_PAGES) -> None:
        self.min_pages = min_pages
        self._counts: defaultdict[str, dict[int, int]] = defaultdict(dict)

    def load(self, rows: Iterable[tuple[str, int, int]]) -> None:
        """Restore counts from ``(site, line key, pages)`` rows."""
        for site, key, pages in rows:
            self._counts[site][key] = pages

    def clean(self, site: str, text: str, keys: tuple[int | None, ...] | None = None) -> str:
        """``text`` without the lines this site has shown in ``min_pages`` earlier articles
        (``keys``: its :func:`line_keys`, when already known)."""
        lines = text.split("\n")
        drop = self.furniture(site, lines, keys if keys is not None and len(keys) == len(lines) else line_keys(text))
        return text if drop is None else without(lines, drop)

    def furniture(self, site: str, lines: list[str], keys: tuple[int | None, ...]) -> list[bool] | None:
        """Which of a text's ``lines`` (with their :func:`line_key` ``keys``) are this site's
        furniture; None when nothing is to be removed."""
        counts = self._counts.get(site)
        if not counts:
            return None
        drop, removed_words, total_words = [], 0, 0
        for line, key in zip(lines, keys, strict=True):
            words = len(line.split())
            total_words += words
            dropped = key is not None and counts.get(key, 0) >= self.min_pages
            removed_words += words if dropped else 0
            drop.append(dropped)
        if not removed_words or removed_words > MAX_REMOVED_SHARE * total_words:
            return None
        return drop

    def learn(self, site: str, keys: tuple[int | None, ...]) -> list[tuple[int, int]]:
        """Count the short lines of a stored article (its raw text's :func:`line_keys`); return the
        changed ``(key, pages)``."""
        counts = self._counts[site]
        changed = []
        for key in sorted({k for k in keys if k is not None}):
            counts[key] = counts.get(key, 0) + 1
            changed.append((key, counts[key]))
        return changed
