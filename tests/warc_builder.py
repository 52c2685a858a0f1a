"""Build WARC files the way other tools write them (warcinfo, request and response records), and
check them as ``warcio check`` does."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: list[tuple[str, bytes, str, int]], *, gzip: bool = True) -> Path:
    """``pages``: (url, body, content type, status). Adds warcinfo and request records like wget."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21 (test)"}))
        for url, body, ctype, status in pages:
            req = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
                )
            )
    return path


def write_wget_warc(path: Path, pages: list[tuple[str, bytes, str, int]]) -> Path:
    """As ``wget --warc-file`` writes: warcinfo, then request and response records, a ``revisit``
    record for a page fetched twice (the first page, again), a ``metadata`` record, and wget's log
    as a ``resource`` record with its ``metadata://`` URI."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = {"software": "Wget/1.21 (linux-gnu)", "format": "WARC File Format 1.0", "robots": "classic"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        responses = []
        for url, body, ctype, status in pages:
            req = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            response = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(response)
            responses.append(response)
        url, body, ctype, status = pages[0]
        first = dict(responses[0].rec_headers.headers)
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_revisit_record(
                url,
                digest=first["WARC-Payload-Digest"],
                refers_to_uri=url,
                refers_to_date=first["WARC-Date"],
                http_headers=headers,
            )
        )
        arguments = b"wget --warc-file=site --mirror https://example.invalid/"
        writer.write_record(
            writer.create_warc_record(
                "metadata://gnu.org/software/wget/warc/MANIFEST.txt",
                "metadata",
                payload=io.BytesIO(arguments),
                length=len(arguments),
                warc_content_type="text/plain",
            )
        )
        log = b"--2024-01-02 03:04:05--  https://example.invalid/\nSaving to: 'index.html'\n"
        writer.write_record(
            writer.create_warc_record(
                "metadata://gnu.org/software/wget/warc/wget.log",
                "resource",
                payload=io.BytesIO(log),
                length=len(log),
                warc_content_type="text/plain",
            )
        )
    return path


def records(path: Path) -> list[tuple[str, int, bytes]]:
    """Each record of ``path``: its type, its offset and its bytes as stored (the gzip member)."""
    from warcio.archiveiterator import ArchiveIterator

    data = path.read_bytes()
    found: list[tuple[str, int]] = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            found.append((record.rec_type, it.get_record_offset()))
    ends = [offset for _, offset in found[1:]] + [len(data)]
    return [(kind, offset, data[offset:end]) for (kind, offset), end in zip(found, ends, strict=True)]


def warcio_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """``warcio check -v PATH…`` (its block and payload digests), run as the CLI runs it."""
    code = "import sys; from warcio.cli import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, "check", "-v", *map(str, paths)], capture_output=True, text=True, timeout=60
    )


def undigested(path: Path) -> list[tuple[str, int]]:
    """The records of ``path`` without a ``WARC-Block-Digest`` (``warcio check`` passes them unchecked)."""
    from warcio.archiveiterator import ArchiveIterator

    missing = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            if not record.rec_headers.get_header("WARC-Block-Digest"):
                missing.append((record.rec_type, it.get_record_offset()))
    return missing
