"""Storage failures as the user is told them: a full disk recognised whoever reports it, passwords masked,
an archive record written whole or not at all."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from crawler.items import RawPage
from storage.archive import ArchiveWriter, read_warc
from storage.faults import WriteError, is_disk_full, mask_url, write_error


class _PgError(Exception):
    pgcode = "53100"


@pytest.mark.parametrize(
    "exc",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EDQUOT, "Disk quota exceeded"),
        OSError(errno.EFBIG, "File too large"),
        sqlite3.OperationalError("database or disk is full"),
        OperationalError("INSERT ...", {}, sqlite3.OperationalError("database or disk is full")),
        OperationalError("INSERT ...", {}, _PgError("could not extend file")),
    ],
)
def test_a_full_disk_is_recognised_whoever_reports_it(exc: BaseException) -> None:
    assert is_disk_full(exc)
    failure = write_error(exc, "/srv/akhbar.db")
    assert failure is not None and failure.disk_full
    assert str(failure) == "disk full while writing /srv/akhbar.db: stopped; what was stored is kept"


@pytest.mark.parametrize(
    "exc", [OSError(errno.EIO, "Input/output error"), sqlite3.OperationalError("database is locked")]
)
def test_other_write_errors_are_not_called_a_full_disk(exc: BaseException) -> None:
    failure = write_error(exc, "store")
    assert failure is not None and not failure.disk_full and "write failed" in str(failure)


def test_a_bug_is_not_a_write_error() -> None:
    assert write_error(TypeError("oops"), "store") is None


def test_passwords_are_masked_even_in_urls_that_do_not_parse() -> None:
    assert mask_url("postgresql://akhbar:s3cret@db.example/news") == "postgresql://akhbar:***@db.example/news"
    assert "s3cret" not in mask_url("postgres ql://u:s3cret@h/x")
    assert mask_url("sqlite:///var/akhbar.db") == "sqlite:///var/akhbar.db"


class _FullAfter:
    """A file that takes ``room`` bytes, then fails like a full disk (a short write, then ENOSPC)."""

    def __init__(self, real: object, room: int) -> None:
        self.real, self.room = real, room

    def write(self, data: memoryview) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = self.real.write(data[: self.room])  # type: ignore[attr-defined]
        self.room -= n
        return n

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_an_archive_record_cut_by_a_full_disk_is_removed_whole(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path, 1)
    writer.write(RawPage(url="https://a.example/1", body=b"<html><body>one</body></html>"))
    size = writer.path.stat().st_size
    writer._fh = _FullAfter(writer._fh, 100)  # type: ignore[assignment]
    with pytest.raises(WriteError) as err:
        writer.write(RawPage(url="https://a.example/2", body=b"<html><body>two</body></html>" * 50))
    assert err.value.disk_full and str(writer.path) in str(err.value)
    assert writer.path.stat().st_size == size  # the partial record is gone
    writer._fh = writer._fh.real  # type: ignore[attr-defined]
    writer.close()
    pages = list(read_warc(writer.path))
    assert [p.raw.url for p in pages if p.raw is not None] == ["https://a.example/1"]
    assert all(p.error == "" for p in pages)
