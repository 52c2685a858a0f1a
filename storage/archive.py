"""The WARC archive: raw responses as received, the source of truth for re-processing.

Writing: gzip-compressed WARC 1.1 files under ``DATA_DIR/archive/``, one per run (rotated at
1 GiB), each beginning with a ``warcinfo`` record (software, format, operator, run, robots
policy), then one ``response`` record per page, appended before the page's rows are written
(built by a pool worker when there is one: :func:`warc_member` is pure). Every record carries
its ``WARC-Block-Digest`` (and a response its ``WARC-Payload-Digest``): ``warcio check`` passes.
A foreign WARC file is not rewritten: :meth:`ArchiveWriter.copy_in` copies it whole, byte for
byte, once (a file of the same content already in the archive is reused). Reading: WARC
files from any producer (wget, Common Crawl, browsertrix…) and bare HTML files.

A record is appended whole or not at all: a write that fails (a full disk) is cut back to
where the record began and raised as :class:`~storage.faults.WriteError` naming the file.
A copy is written under a temporary name, synced, then linked under its final name: a file
named as a copy is always whole.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import __version__
from crawler.config import default_operator
from crawler.items import RawPage
from storage.faults import WriteError, is_disk_full

log = logging.getLogger(__name__)

ROTATE_BYTES = 1 << 30  # an archive file is closed and the next one begun before it would pass 1 GiB

SITE_HEADER = "WARC-X-Akhbar-Site"
REQUESTED_HEADER = "WARC-X-Akhbar-Requested-URI"
ROLE_HEADER = "WARC-X-Akhbar-Role"
WARC_VERSION = "1.1"
WARC_FORMAT = "WARC File Format 1.1"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
COPY_TAG = "-copy-"  # a foreign file copied whole: akhbar-STAMP-runNNNNNN-PPP-copy-<sha256[:16]>.warc.gz
_ARCHIVE_NAME = re.compile(r"^(akhbar-\d{8}T\d{6}Z-run\d+)(?:-(\d{3}))?(?:-copy-[0-9a-f]{16})?\.")
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
    writer = WARCWriter(plain, gzip=False, warc_version=WARC_VERSION)
    record = writer.create_warc_record(
        raw.effective_url,
        "response",
        payload=io.BytesIO(raw.body),
        length=len(raw.body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)
    return _gzip_member(plain.getvalue())


def _gzip_member(data: bytes) -> bytes:
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return packer.compress(data) + packer.flush()


def warcinfo_member(filename: str, fields: Mapping[str, str]) -> bytes:
    """The ``warcinfo`` record that begins each of akhbar's WARC files, as one gzip member: the
    software and format, then ``fields`` (operator, run, robots policy…; empty values left out)."""
    info = {"software": f"akhbar/{__version__}", "format": WARC_FORMAT}
    info.update((k, v) for k, v in fields.items() if v)
    plain = io.BytesIO()
    writer = WARCWriter(plain, gzip=False, warc_version=WARC_VERSION)
    writer.write_record(writer.create_warcinfo_record(filename, info))
    return _gzip_member(plain.getvalue())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ArchiveWriter:
    """Appends response records to the run's WARC files: one file per run, rotated when it would
    pass ``max_bytes`` (``akhbar-STAMP-runNNNNNN.warc.gz``, then ``…-002.warc.gz``, …), each
    beginning with its ``warcinfo`` record (written with the file's first page: a file with no
    page is removed at :meth:`close`). A file is created exclusively: two writers (another run of
    another store sharing the data dir) never append to one file. ``info``: the warcinfo fields
    besides software, format and run (operator, robots policy…)."""

    def __init__(
        self,
        archive_dir: Path,
        run_id: int,
        *,
        max_bytes: int = ROTATE_BYTES,
        info: Mapping[str, str] | None = None,
    ) -> None:
        self.archive_dir = archive_dir
        self.stem = f"akhbar-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}-run{run_id:06d}"
        self.max_bytes = max_bytes
        self.info = {"operator": default_operator(), **(info or {})}
        self.info["akhbar-run"] = str(run_id)
        self._head = 0  # the size of the current file's warcinfo record (0: not written yet)
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
        it went into: a full file is rotated first, a new file begins with its warcinfo record).
        Handed to the OS before returning (a killed process loses nothing); :meth:`sync` makes it
        durable against power loss."""
        if self._fh.tell() == 0:
            self._begin_file()
        offset = self._fh.tell()
        if offset > self._head and offset + len(member) > self.max_bytes:
            self._rotate()
            self._begin_file()
            offset = self._fh.tell()
        self._write(member, offset)
        return offset

    def _begin_file(self) -> None:
        member = warcinfo_member(self.path.name, self.info)
        self._write(member, 0)
        self._head = len(member)

    def _write(self, member: bytes, offset: int) -> None:
        """``member`` written whole at ``offset`` (the end of the file), or the file cut back to ``offset``."""
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

    def copy_in(self, source: Path) -> Path:
        """``source`` (a foreign WARC file) copied whole, byte for byte, into the archive as the
        run's next part, synced: rows may point into it at the offsets ``source`` has. Once: a file
        of the same content already in the archive (an earlier run's copy) is returned instead.
        Pages appended after it go to a later part, so the archive's order stays the input's."""
        digest = file_sha256(source)
        tag = f"{COPY_TAG}{digest[:16]}"
        size = source.stat().st_size
        for known in sorted(self.archive_dir.glob(f"*{tag}.*")):
            if known.name.lower().endswith(WARC_SUFFIXES) and known.stat().st_size == size:
                return known
        name = source.name.lower()
        suffix = max((s for s in WARC_SUFFIXES if name.endswith(s)), key=len, default=".warc.gz")
        self.sync()
        self.close()  # removed if it holds no page
        if self.path.exists():
            self.closed.append(self.path)
        temp = self.archive_dir / f"tmp-{digest[:16]}-{os.getpid()}.part"  # never taken for a WARC file
        try:
            with open(source, "rb") as src, open(temp, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            while True:  # linked exclusively: a taken name is skipped
                self.part += 1
                target = self.archive_dir / f"{self.stem}-{self.part:03d}{tag}{suffix}"
                try:
                    os.link(temp, target)
                    break
                except FileExistsError:
                    continue
            _sync_dir(self.archive_dir)
        except OSError as exc:
            raise WriteError(
                str(self.archive_dir / f"{self.stem}{tag}{suffix}"),
                exc.strerror or str(exc),
                disk_full=is_disk_full(exc),
            ) from None
        finally:
            temp.unlink(missing_ok=True)
        log.info("%s: copied into the archive as %s", source, target.name)
        self._fh = self._open_next()
        return target

    def sync(self) -> None:
        """fsync the file: called before each database commit, so no row names a record a crash lost."""
        try:
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise self._failure(exc) from None

    def close(self) -> None:
        """Close the current file; removed if no page went into it."""
        if self._fh.closed:
            return
        try:
            self._fh.close()
        except OSError as exc:
            raise self._failure(exc) from None
        self._head = 0
        if self.path.stat().st_size == 0:
            self.path.unlink()


def _sync_dir(path: Path) -> None:
    """fsync a directory: a name linked into it survives a power loss."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
    """The pages of a WARC file: its ``response`` records, and its ``resource`` records of an http(s)
    URI (a page saved without its HTTP exchange); not a tool's own records (wget's log, a
    ``metadata://`` resource). A broken record ends the file."""
    source = str(path)
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in it:
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "resource" and not uri.lower().startswith(("http://", "https://")):
                    continue
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
    """The data dir's own archive (akhbar's files and the foreign files copied in), oldest run
    first, a run's parts in order: the order pages were first seen."""
    if not archive_dir.is_dir():
        return []
    found = [p for p in archive_dir.iterdir() if p.is_file() and p.name.lower().endswith(WARC_SUFFIXES)]
    return [(p, "warc") for p in sorted(found, key=_archive_order)]


def _archive_order(path: Path) -> tuple[str, int, str]:
    """Sort key: the run's stem, then the part (``…-run000001.warc.gz`` before ``…-002…``)."""
    match = _ARCHIVE_NAME.match(path.name)
    if match is None:
        return (path.name, 0, path.name)
    return (match.group(1), int(match.group(2) or 1), path.name)
