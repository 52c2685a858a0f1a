"""Versioned schema migrations.

Each module ``vNNNN_*.py`` defines ``VERSION`` and ``upgrade(conn)``. A store records
its version in ``meta.schema_version``; opening it applies the missing steps in
order, each in its own transaction. Upgrading never drops user data. A store newer
than this code is refused.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from sqlalchemy import Connection, inspect, text

Step = Callable[[Connection], None]


def _steps() -> list[ModuleType]:
    mods = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("v")
    ]
    return sorted(mods, key=lambda m: int(m.VERSION))


def latest_version() -> int:
    return max(int(m.VERSION) for m in _steps())


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def upgrade(conn: Connection) -> list[int]:
    """Apply missing migrations; return the versions applied. ``conn`` must not be in a transaction."""
    applied = []
    for mod in _steps():
        version = int(mod.VERSION)
        with conn.begin():
            if current_version(conn) >= version:
                continue
            mod.upgrade(conn)
            conn.execute(text("DELETE FROM meta WHERE key = 'schema_version'"))
            conn.execute(text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)})
        applied.append(version)
    return applied
