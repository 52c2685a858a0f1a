"""Import datasketch without loading ``scipy.integrate`` at start-up.

datasketch's LSH modules import ``scipy.integrate.quad`` at import time, only to choose
LSH band parameters; that import costs about 0.7 s, a third of akhbar's start-up, and
akhbar never needs it (``lshindex.optimal_bands`` computes the same parameters with
numpy). While datasketch is first imported, ``scipy.integrate`` is a stand-in whose
``quad`` imports the real module on first call, so datasketch's own LSH classes still
work; the stand-in is removed right after, so any later ``import scipy.integrate``
gets the real module.

datasketch's storage modules also import ``redis`` (and ``redis.asyncio``) when it is installed, for
its Redis-backed LSH storage, which akhbar does not use (its index is its own; the shared Redis
frontier talks to Redis through scrapy-redis): 50-60 ms of every start. While datasketch is first
imported, ``redis`` is marked absent, as if not installed, unless something imported it already; the
mark goes right after, so the crawler's own ``import redis`` gets the real module.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_NAME = "scipy.integrate"


def _quad(*args: Any, **kwargs: Any) -> Any:
    real = importlib.import_module(_NAME)
    return real.quad(*args, **kwargs)


def import_datasketch() -> None:
    """Import datasketch (once per process) with the stand-in in place."""
    if "datasketch" in sys.modules or _NAME in sys.modules:
        importlib.import_module("datasketch")
        return
    stand_in = types.ModuleType(_NAME)
    stand_in.quad = _quad  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in
    hide_redis = "redis" not in sys.modules
    if hide_redis:
        sys.modules["redis"] = None  # type: ignore[assignment]  # "import redis" raises ImportError
    try:
        importlib.import_module("datasketch")
    finally:
        if sys.modules.get(_NAME) is stand_in:
            del sys.modules[_NAME]
        if hide_redis and sys.modules.get("redis", False) is None:
            del sys.modules["redis"]
