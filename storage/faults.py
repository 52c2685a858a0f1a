"""What goes wrong with a store or an archive, in the words the user is told.

Invariant: a store or archive that cannot be opened or written reaches the command line as
one of two exceptions whose message is one line naming the culprit (a path, or a URL with
its password masked):

- :class:`StoreError`: the store cannot be used as asked (a bad ``--db`` URL, a read-only
  data dir, other dedup parameters...): nothing was written, exit status 2;
- :class:`WriteError`: a write failed during a run (disk full, I/O error): the run stops,
  what was committed before stays, exit status 1.

A full disk is recognised whatever reports it: ``ENOSPC``, ``EDQUOT`` or ``EFBIG`` (a file
size limit) from the OS, SQLite's "database or disk is full", PostgreSQL's ``disk_full``.
"""

from __future__ import annotations

import errno
import re
import resource
import sqlite3

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
SQLITE_FULL = 13
# SQLite's codes for a failed write(2) other than ENOSPC (EFBIG and EDQUOT included), and for its -shm or
# database file failing to grow
SQLITE_IOERR_GROWTH = frozenset({778, 1546, 4874})  # SQLITE_IOERR_WRITE, _TRUNCATE, _SHMSIZE
PG_DISK_FULL = "53100"


class StoreError(Exception):
    """A store that cannot be used as asked (the message is shown to the user as is)."""


class WriteError(Exception):
    """A write that failed during a run: ``where`` names the file or store, ``disk_full`` says why."""

    def __init__(self, where: str, problem: str, *, disk_full: bool) -> None:
        super().__init__(where, problem, disk_full)
        self.where = where
        self.problem = problem
        self.disk_full = disk_full

    def __str__(self) -> str:
        if self.disk_full:
            return f"disk full while writing {self.where}: stopped; what was stored is kept"
        return f"{self.where}: write failed ({self.problem}): stopped; what was stored is kept"


def mask_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (also when it does not parse)."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc``, the driver error a SQLAlchemy error wraps, and their causes."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo.extend([getattr(item, "orig", None), item.__cause__, item.__context__])
    return seen


def _file_size_limited() -> bool:
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or the error it wraps) says the disk, a quota or a file size limit is full."""
    for item in _chain(exc):
        if isinstance(item, WriteError):
            return item.disk_full
        if isinstance(item, OSError) and item.errno in DISK_FULL_ERRNOS:
            return True
        if isinstance(item, sqlite3.Error):
            code = getattr(item, "sqlite_errorcode", None)
            if code == SQLITE_FULL or "database or disk is full" in str(item):
                return True
            # SQLite reports EFBIG/EDQUOT as an I/O error (a write, or growing its -shm file); under a
            # file size limit, that is the cause
            if code in SQLITE_IOERR_GROWTH and _file_size_limited():
                return True
        if getattr(item, "pgcode", None) == PG_DISK_FULL or getattr(item, "sqlstate", None) == PG_DISK_FULL:
            return True
    return False


def first_line(exc: BaseException) -> str:
    """The driver's own message (without SQLAlchemy's statement dump), on one line."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def write_error(exc: BaseException, where: str) -> WriteError | None:
    """``exc`` as a :class:`WriteError` on ``where`` if it is a storage failure (OS or database
    error); None for anything else (a bug, which must not pass for a full disk)."""
    if isinstance(exc, WriteError):
        return exc
    if is_disk_full(exc):
        return WriteError(where, first_line(exc), disk_full=True)
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, OSError | sqlite3.Error | DBAPIError):
        return WriteError(where, first_line(exc), disk_full=False)
    return None
