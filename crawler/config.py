"""akhbar's defaults and environment, each defined once, importable in milliseconds.

Invariant: every default a user can change (data dir, seeds dir, page budget, worker bound) and
every ``AKHBAR_*`` environment variable is defined or read here and nowhere else; a value a user
wrote wrong (``AKHBAR_WORKERS=two``, ``AKHBAR_RECRAWL=maybe``) is a :class:`UsageError` naming
the variable, never a traceback. Booleans are read as users write them: ``1/0``, ``true/false``,
``yes/no``, ``on/off`` (any case; empty means the default). This module imports the standard
library only, so the light commands (``sql``, ``stats``, ``seeds``, ``--help``) start fast.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

DATA_DIR = "var"
SEEDS_DIR = "seeds"
DB_FILE = "akhbar.db"
PAGE_BUDGET_SECONDS = 30.0  # extraction seconds a page may take before it is recorded as 'timeout'
MAX_WORKERS = 32
WORKERS_PER_CORE = 4

_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "off", "n", "f"})


class UsageError(Exception):
    """Bad arguments or settings: shown as one line, exit status 2, nothing written."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise UsageError(f"{name}={os.environ[name]!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_number(name: str, default: float, low: float, high: float, *, integer: bool = False) -> float:
    """A finite number in [low, high] from the environment, ``default`` when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(int(raw)) if integer else float(raw)
    except ValueError:
        kind = "a whole number" if integer else "a number"
        raise UsageError(f"{name}={raw!r}: expected {kind} between {low:g} and {high:g}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise UsageError(f"{name}={raw!r}: must be between {low:g} and {high:g}")
    return value


def worker_bound() -> int:
    """The most extraction processes worth running here: 4 per core, at most 32."""
    return max(1, min(WORKERS_PER_CORE * (os.cpu_count() or 1), MAX_WORKERS))


def default_data_dir() -> Path:
    return Path(env_str("AKHBAR_DATA_DIR", DATA_DIR))


def bundled_seeds_dir() -> Path | None:
    """The seeds shipped with akhbar: ``crawler/bundled_seeds/`` in an installed wheel (the checkout's
    ``seeds/`` packaged by ``setup.py``), the checkout's ``seeds/`` when run from a checkout."""
    here = Path(__file__).resolve().parent
    if (here / "bundled_seeds").is_dir():
        return here / "bundled_seeds"
    checkout = here.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / SEEDS_DIR).is_dir():
        return checkout / SEEDS_DIR
    return None


def default_seeds_dir() -> Path:
    """``$AKHBAR_SEEDS_DIR``, else ``./seeds`` when it exists, else the seeds bundled with akhbar."""
    chosen = env_str("AKHBAR_SEEDS_DIR", "")
    if chosen:
        return Path(chosen)
    here = Path(SEEDS_DIR)
    if here.is_dir():
        return here
    return bundled_seeds_dir() or here


def default_operator() -> str:
    """``$AKHBAR_OPERATOR``: who runs the crawl (written to each archive file's warcinfo record); empty when unset."""
    return env_str("AKHBAR_OPERATOR", "")


def env_list(name: str) -> list[str]:
    """A comma-separated list (``AKHBAR_SITES=hespress,goud``); empty when unset."""
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def default_workers() -> int:
    """``$AKHBAR_WORKERS`` (0: one per core), else 0."""
    return int(env_number("AKHBAR_WORKERS", 0, 0, MAX_WORKERS * 1000, integer=True))


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def env_log_level(name: str, default: str) -> str:
    """A logging level name (any case) from the environment."""
    raw = env_str(name, default).upper()
    if raw not in LOG_LEVELS:
        raise UsageError(f"{name}={os.environ[name]!r}: expected one of {', '.join(LOG_LEVELS)}")
    return raw


def default_frontier() -> str | None:
    """``$AKHBAR_FRONTIER``: the Redis URL of a frontier shared by crawl processes, if set."""
    return env_str("AKHBAR_FRONTIER", "") or None


def default_db_url(data_dir: Path) -> str:
    """``$AKHBAR_DB_URL`` when set, else the data dir's SQLite file."""
    return env_str("AKHBAR_DB_URL", "") or f"sqlite:///{data_dir / DB_FILE}"
