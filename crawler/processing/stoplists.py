"""jusText's merged stoplist, kept in a cache file so that a process does not rebuild it at start-up.

trafilatura's jusText fallback merges the stoplists of all of jusText's ~100 languages on first use:
about 0.2 s of reading package files and lower-casing words, which akhbar pays before it forks its
analysis workers (:func:`crawler.processing.extract.load_lazy_parts`), with every worker waiting. The
merged words only change with jusText, so they are written once to ``$XDG_CACHE_HOME/akhbar/`` (default
``~/.cache/akhbar/``) under jusText's version and read back from there (a few milliseconds).

Invariant: the cache holds nothing but the words jusText's own files give (the same set, in any order:
jusText only ever turns the stoplist into a set); a missing, unreadable or unwritable cache only costs
the time it saves, never a wrong stoplist (a file is written whole to a temporary name, then renamed).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "akhbar"


def merged_stoplist(build: Callable[[], Sequence[str]]) -> tuple[str, ...]:
    """The merged stoplist: read from the cache, else ``build()`` (trafilatura's own merge) and cached."""
    try:
        version = metadata.version("jusText")
    except metadata.PackageNotFoundError:
        version = "unknown"
    path = cache_dir() / f"justext-{version}-stoplist.txt"
    try:
        words = tuple(path.read_text(encoding="utf-8").split("\n"))
        if len(words) > 1:
            return words
    except (OSError, UnicodeDecodeError):
        pass
    built = tuple(build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text("\n".join(built), encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        log.debug("jusText stoplist not cached in %s: %s", path.parent, exc)
    return built
