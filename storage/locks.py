"""Writer locks the kernel or the database frees when their holder dies, even by SIGKILL.

Invariant: while a store is open for writing, its process holds the store's own lock, whatever
data dir it was reached from: an exclusive ``flock`` on ``<database file>.lock`` beside a SQLite
file, or a session advisory lock on the store's PostgreSQL connection. A second writer is refused
at once with :class:`LockedError` (naming the holder's pid when known), never made to wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import zlib
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, text

from storage.faults import DISK_FULL_ERRNOS, StoreError, WriteError

# Session advisory lock key (bigint) of akhbar's writer: the same in every process.
ADVISORY_KEY = zlib.crc32(b"akhbar store writer")


class LockedError(Exception):
    """Another writer holds the lock; the message is the holder's pid (or ``?``)."""


class FileLock:
    """An exclusive ``flock`` on ``path``, which holds the holder's pid for the next one to name.
    Messages name ``owner`` (the data dir, or the database file the lock stands beside)."""

    def __init__(self, path: Path, owner: Path | None = None) -> None:
        self.path = path
        self.owner = owner or path.parent
        self._fh: IO[str] | None = None

    def _cannot_write(self, exc: OSError) -> Exception:
        if exc.errno in DISK_FULL_ERRNOS:
            return WriteError(str(self.path), exc.strerror or str(exc), disk_full=True)
        return StoreError(f"{self.owner}: cannot write here ({exc.strerror or exc})")

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a+")  # noqa: SIM115 (held until release())
        except OSError as exc:
            raise self._cannot_write(exc) from None
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            raise LockedError(holder) from None
        except OSError as exc:  # a file system without locks
            fh.close()
            raise StoreError(f"{self.path}: cannot lock ({exc.strerror or exc})") from None
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        except OSError as exc:
            fh.close()
            raise self._cannot_write(exc) from None
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):  # closing the file releases the lock anyway
                fcntl.flock(self._fh, fcntl.LOCK_UN)
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def sqlite_lock(database: Path) -> FileLock:
    """The writer lock of a SQLite store: a lock file beside the database file, named after it."""
    return FileLock(database.with_name(database.name + ".lock"), owner=database)


def take_advisory_lock(conn: Connection) -> None:
    """Hold akhbar's writer lock for the life of ``conn``'s session (PostgreSQL); LockedError if
    another session holds it. The holder named is the pid of the last unfinished run, when known."""
    if conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar():
        return
    holder = "?"
    try:
        pid = conn.execute(
            text("SELECT pid FROM crawl_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1")
        ).scalar()
        holder = str(pid) if pid is not None else "?"
    except Exception:  # the table may not exist yet: the holder is then unnamed
        conn.rollback()
    raise LockedError(holder)


def release_advisory_lock(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
