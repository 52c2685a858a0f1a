"""The store's locks; the kernel or the database frees each when its holder dies, even by SIGKILL.

Invariant: the locks belong to the store, whatever data dir it was reached from.

- A SQLite store has one writer: an exclusive ``flock`` on ``<database file>.lock`` beside the
  file, held from opening to closing. A second writer is refused at once with
  :class:`LockedError` (naming the holder's pid), never made to wait.
- A PostgreSQL store takes any number of writers, and decides their pages one at a time: a page's
  decision (catching up on what the others stored, the duplicate and event decision, the insert)
  runs in one transaction that holds the store's decision lock (:func:`hold_decision_lock`) until
  it commits, so article ids are the order of decisions. First opens and migrations take turns
  under the schema lock (:func:`schema_lock`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, text

from storage.faults import DISK_FULL_ERRNOS, StoreError, WriteError

# Advisory lock keys (bigint) of a PostgreSQL store: the same in every process.
DECISION_KEY = zlib.crc32(b"akhbar store decisions")
SCHEMA_KEY = zlib.crc32(b"akhbar store schema")


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


def hold_decision_lock(conn: Connection) -> None:
    """Wait for the store's decision lock and hold it until ``conn``'s transaction ends (PostgreSQL:
    a transaction-scoped advisory lock, so a commit, a rollback or the death of the session frees it)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": DECISION_KEY})


def try_decision_lock(conn: Connection) -> bool:
    """Take the store's decision lock if no other writer holds it (held as :func:`hold_decision_lock`'s,
    until ``conn``'s transaction ends); False at once if one does."""
    return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": DECISION_KEY}).scalar())


@contextlib.contextmanager
def schema_lock(conn: Connection) -> Iterator[None]:
    """Hold the store's schema lock on ``conn`` (PostgreSQL, outside a transaction) while the block
    runs: first opens, migrations and the parameter check of concurrent writers take turns."""
    with conn.begin():
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_KEY})
    try:
        yield
    finally:
        if conn.in_transaction():
            conn.rollback()
        with conn.begin():
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_KEY})
