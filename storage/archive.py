"""The WARC archive: raw responses as received, the source of truth for re-processing.

Writing: gzip-compressed WARC files under ``DATA_DIR/archive/``, one per run (rotated at 1 GiB),
one ``response`` record per page, appended before the page's rows are written (built by a
pool worker when there is one: :func:`warc_member` is pure). Reading: WARC
files from any producer (wget, Common Crawl, browsertrix…) and bare HTML files.

A record is appended whole or not at all: a write that fails (a full disk) is cut back to
where the record began and raised as :class:`~storage.faults.WriteError` naming the file.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.items import RawPage
from storage.faults import WriteError, is_disk_full

log = logging.getLogger(__name__)

ROTATE_BYTES = 1 << 30  # an archive file is closed and the next one begun before it would pass 1 GiB

SITE_HEADER = "WARC-X-Akhbar-Site"
REQUESTED_HEADER = "WARC-X-Akhbar-Requested-URI"
ROLE_HEADER = "WARC-X-Akhbar-Role"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_CANONICAL = re.compile(rb"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>", re.I)
_HREF = re.compile(rb"\bhref=[\"']([^\"']+)[\"']", re.I)


class InputError(Exception):
    """An input path that is missing or neither WARC nor HTML."""


@dataclass(frozen=True)
class ArchivedPage:
    """A page read from an input, with where it lives (for ``fetches.warc_*``)."""

    raw: RawPage | None  # None: the record could not be read (see ``error``)
    source: str
    offset: int | None
    error: str = ""


GZIP_LEVEL = 6  # zlib's default: the same size as warcio's level 9 on HTML (±0.5 %), 25 % less CPU


def warc_member(raw: RawPage) -> bytes:
    """``raw`` as one gzip member holding one WARC ``response`` record: what :class:`ArchiveWriter`
    appends. Pure, so worker processes can build (hash and compress) it in parallel."""
    try:
        reason = HTTPStatus(raw.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [
        (k, v) for k, v in raw.headers if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")
    ]
    headers.append(("Content-Length", str(len(raw.body))))
    http_headers = StatusAndHeaders(f"{raw.status} {reason}", headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": _warc_date(raw.fetched_at)}
    if raw.site:
        warc_headers[SITE_HEADER] = raw.site
    if raw.final_url and raw.final_url != raw.url:
        warc_headers[REQUESTED_HEADER] = raw.url
    if raw.truncated:
        warc_headers["WARC-Truncated"] = "length"
    if raw.role != "article":
        warc_headers[ROLE_HEADER] = raw.role
    plain = io.BytesIO()
    writer = WARCWriter(plain, gzip=False)
    record = writer.create_warc_record(
        raw.effective_url,
        "response",
        payload=io.BytesIO(raw.body),
        length=len(raw.body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return packer.compress(plain.getvalue()) + packer.flush()


class ArchiveWriter:
    """Appends response records to the run's WARC files: one file per run, rotated when it would
    pass ``max_bytes`` (``akhbar-STAMP-runNNNNNN.warc.gz``, then ``…-002.warc.gz``, …). A file is
    created exclusively: two writers (another run of another store sharing the data dir) never
    append to one file."""

    def __init__(self, archive_dir: Path, run_id: int, *, max_bytes: int = ROTATE_BYTES) -> None:
        self.archive_dir = archive_dir
        self.stem = f"akhbar-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}-run{run_id:06d}"
        self.max_bytes = max_bytes
        self.part = 0
        self.closed: list[Path] = []  # the files this writer filled and closed (rotated)
        try:
            archive_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.path = archive_dir / f"{self.stem}.warc.gz"
            raise self._failure(exc) from None
        self._fh = self._open_next()

    def _open_next(self) -> io.FileIO:
        """The next file of the run, created exclusively (a taken name is skipped)."""
        while True:
            self.part += 1
            suffix = "" if self.part == 1 else f"-{self.part:03d}"
            self.path = self.archive_dir / f"{self.stem}{suffix}.warc.gz"
            try:
                # unbuffered: no bytes wait in a buffer, so a failed write can be cut back entirely
                return open(self.path, "xb", buffering=0)
            except FileExistsError:
                continue
            except OSError as exc:
                raise self._failure(exc) from None

    def _rotate(self) -> None:
        """Close the full file (synced: rows naming its records may be committed next) and open the next."""
        self.sync()
        self.close()
        self.closed.append(self.path)
        self._fh = self._open_next()

    def _failure(self, exc: OSError) -> WriteError:
        return WriteError(str(self.path), exc.strerror or str(exc), disk_full=is_disk_full(exc))

    def write(self, raw: RawPage) -> int:
        """Append ``raw``; return the record's offset."""
        return self.append(warc_member(raw))

    def append(self, member: bytes) -> int:
        """Append a record built by :func:`warc_member`; return its offset in :attr:`path` (the file
        it went into: a full file is rotated first). Handed to the OS before returning (a killed
        process loses nothing); :meth:`sync` makes it durable against power loss."""
        offset = self._fh.tell()
        if offset and offset + len(member) > self.max_bytes:
            self._rotate()
            offset = 0
        view = memoryview(member)
        try:
            while view:
                view = view[self._fh.write(view) or 0 :]
        except OSError as exc:
            try:  # drop the record written in part (truncating needs no free space): the file stays readable
                os.ftruncate(self._fh.fileno(), offset)
            except OSError as again:
                log.warning("%s: a record written in part could not be removed (%s)", self.path, again)
            raise self._failure(exc) from None
        return offset

    def sync(self) -> None:
        """fsync the file: called before each database commit, so no row names a record a crash lost."""
        try:
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise self._failure(exc) from None

    def close(self) -> None:
        try:
            self._fh.close()
        except OSError as exc:
            raise self._failure(exc) from None
        if self.path.stat().st_size == 0:
            self.path.unlink()


def _warc_date(iso: str) -> str:
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_from_warc(value: str | None) -> str:
    if not value:
        return datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(microsecond=0).isoformat()
    except ValueError:
        return value


def kind_of(path: Path) -> str:
    """``warc`` or ``html`` by name, then by content; raise InputError otherwise."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(64)
        except (OSError, EOFError):
            head = b""
    if head.startswith(b"WARC/"):
        return "warc"
    if re.search(rb"<\s*(!doctype\s+html|html)\b", head, re.I):
        return "html"
    raise InputError(f"{path}: neither a WARC file nor an HTML page")


def expand_inputs(paths: list[str]) -> list[tuple[Path, str]]:
    """Resolve INPUT arguments to ``(file, kind)`` in a stable order; fail before any work."""
    out: list[tuple[Path, str]] = []
    for arg in paths:
        path = Path(arg)
        if not path.exists():
            raise InputError(f"{arg}: no such file or directory")
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(WARC_SUFFIXES + HTML_SUFFIXES)
            )
            if not found:
                raise InputError(f"{arg}: directory holds no .warc, .warc.gz, .html or .htm file")
            out.extend((p, kind_of(p)) for p in found)
        else:
            out.append((path, kind_of(path)))
    return out


def read_warc(path: Path) -> Iterator[ArchivedPage]:
    """Response (and resource) records of a WARC file; a broken record ends the file."""
    source = str(path)
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in it:
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # bad gzip member, bad chunking
                    yield ArchivedPage(None, source, None, f"unreadable record for {uri}: {exc}")
                    return
                offset = it.get_record_offset()  # valid only once the record has been read
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield ArchivedPage(None, source, offset, f"record for {uri} is cut short (file truncated)")
                    return
                status = 200
                headers: tuple[tuple[str, str], ...] = ()
                if record.http_headers is not None and record.rec_type == "response":
                    code = record.http_headers.get_statuscode()
                    status = int(code) if code and code.isdigit() else 0
                    headers = tuple((k, v) for k, v in record.http_headers.headers)
                elif record.rec_type == "resource":
                    ctype = record.rec_headers.get_header("Content-Type")
                    headers = (("Content-Type", ctype),) if ctype else ()
                requested = record.rec_headers.get_header(REQUESTED_HEADER)
                raw = RawPage(
                    url=requested or uri,
                    final_url=uri if requested else None,
                    body=body,
                    status=status,
                    headers=headers,
                    fetched_at=_iso_from_warc(record.rec_headers.get_header("WARC-Date")),
                    site=record.rec_headers.get_header(SITE_HEADER),
                    truncated=bool(record.rec_headers.get_header("WARC-Truncated")),
                    role=record.rec_headers.get_header(ROLE_HEADER) or "article",
                )
                yield ArchivedPage(raw, source, offset)
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield ArchivedPage(None, source, None, f"malformed WARC after record {it.offset}: {exc}")


def read_html(path: Path) -> ArchivedPage:
    """A bare HTML file; its URL is the canonical link if any, else the file's path."""
    body = path.read_bytes()
    url = path.resolve().as_uri()
    match = _CANONICAL.search(body[:200_000])
    if match:
        href = _HREF.search(match.group(0))
        if href and href.group(1).decode("ascii", "ignore").startswith(("http://", "https://")):
            url = href.group(1).decode("ascii", "ignore").strip()
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0).isoformat()
    return ArchivedPage(RawPage(url=url, body=body, fetched_at=mtime), str(path), None)


def read_inputs(files: list[tuple[Path, str]]) -> Iterator[ArchivedPage]:
    for path, kind in files:
        if kind == "warc":
            yield from read_warc(path)
        else:
            yield read_html(path)


def archive_files(archive_dir: Path) -> list[tuple[Path, str]]:
    """The data dir's own archive, oldest run first (the order pages were first seen)."""
    if not archive_dir.is_dir():
        return []
    return [(p, "warc") for p in sorted(archive_dir.glob("*.warc.gz"))]
