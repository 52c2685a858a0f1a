"""The data dir's lock: one writer per data dir.

Invariant: while a run writes to a data dir it holds ``DATA_DIR/akhbar.lock`` (``flock``), and the
kernel releases it when the process dies, even by SIGKILL.
"""

from __future__ import annotations

from pathlib import Path

from storage.locks import FileLock
from storage.locks import LockedError as LockedError  # raised by the lock below; re-exported for the CLI


class DataDirLock(FileLock):
    """An exclusive ``flock`` on ``DATA_DIR/akhbar.lock``: one writer per data dir (the store has
    its own lock besides, :class:`storage.locks.FileLock`, for writers reaching it from elsewhere).

    The kernel releases it when the process dies, even by SIGKILL, so a stale lock
    file never blocks the next run.
    """

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir / "akhbar.lock")
