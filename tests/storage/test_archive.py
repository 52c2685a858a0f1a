from __future__ import annotations

import os
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler import __version__
from crawler.items import RawPage
from storage.archive import (
    ArchiveWriter,
    InputError,
    archive_files,
    expand_inputs,
    read_html,
    read_inputs,
    read_warc,
)
from tests.warc_builder import records, undigested, warcio_check, write_warc, write_wget_warc


def test_writer_round_trip(tmp_path: Path) -> None:
    pages = [
        RawPage(url="https://a.example/1", body="<p>سلام</p>".encode(), headers=(("Content-Type", "text/html"),),
                site="a", fetched_at="2024-01-02T03:04:05+00:00"),
        RawPage(url="https://a.example/old", final_url="https://a.example/2", body=b"\x00\x01binary", status=200,
                headers=(("Content-Type", "image/png"), ("Content-Encoding", "gzip"))),
        RawPage(url="https://a.example/missing", body=b"not found", status=404),
    ]  # fmt: skip
    writer = ArchiveWriter(tmp_path / "archive", run_id=7)
    offsets = [writer.write(p) for p in pages]
    writer.close()
    back = list(read_warc(writer.path))
    assert [b.offset for b in back] == offsets
    for original, got in zip(pages, back, strict=True):
        assert got.raw is not None
        assert got.raw.body == original.body
        assert got.raw.url == original.url
        assert got.raw.effective_url == original.effective_url
        assert got.raw.status == original.status
        assert got.raw.site == original.site
    assert back[0].raw is not None and back[0].raw.fetched_at == "2024-01-02T03:04:05+00:00"
    # the body was stored decoded, so the encoding header must not survive
    assert back[1].raw is not None and back[1].raw.header("content-encoding") is None


def write_rotating(writer: ArchiveWriter, pages: list[RawPage]) -> list[tuple[Path, int]]:
    """``pages`` written (then the writer closed): the file and offset of each, as its row would name them."""
    where = []
    for page in pages:
        offset = writer.write(page)
        where.append((writer.path, offset))
    writer.close()
    return where


def test_writer_rotates_before_a_file_would_pass_its_size_and_every_record_stays_addressable(tmp_path: Path) -> None:
    pages = [
        RawPage(url=f"https://a.example/{i}", body=b"<p>%s</p>" % os.urandom(500).hex().encode()) for i in range(7)
    ]
    where = write_rotating(ArchiveWriter(tmp_path, run_id=3, max_bytes=1500), pages)
    files = sorted({path for path, _ in where})
    assert len(files) > 2 and files == sorted(tmp_path.iterdir())
    assert all(path.stat().st_size <= 1500 or offset == 0 for path, offset in where)
    for page, (path, offset) in zip(pages, where, strict=True):  # each record where the row would say it is
        got = next(p for p in read_warc(path) if p.offset == offset)
        assert got.raw is not None and got.raw.url == page.url and got.raw.body == page.body


def test_two_writers_of_one_run_number_never_share_a_file(tmp_path: Path) -> None:
    one, two = ArchiveWriter(tmp_path, run_id=1), ArchiveWriter(tmp_path, run_id=1)  # two stores, one data dir
    assert one.path != two.path
    one.close()
    two.close()


def test_reads_foreign_warc_and_skips_non_responses(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "wget.warc", [("https://b.example/x", b"<html><p>x</p></html>", "text/html", 200)],
                      gzip=False)  # fmt: skip
    got = list(read_warc(path))
    assert len(got) == 1 and got[0].raw is not None and got[0].raw.url == "https://b.example/x"


def test_truncated_gzip_warc_yields_error_after_good_records(tmp_path: Path) -> None:
    pages = [
        (f"https://c.example/{i}", b"<html><body>" + b"x" * 3000 + b"</body></html>", "text/html", 200)
        for i in range(3)
    ]
    path = write_warc(tmp_path / "cut.warc.gz", pages)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])
    got = list(read_warc(path))
    assert any(g.raw is not None for g in got)
    assert got[-1].raw is None and got[-1].error


def test_html_file_url_from_canonical(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_text('<html><head><link rel="canonical" href="https://d.example/a/1"></head><body>x</body></html>')
    assert read_html(f).raw is not None and read_html(f).raw.url == "https://d.example/a/1"  # type: ignore[union-attr]
    g = tmp_path / "q.htm"
    g.write_text("<html><body>x</body></html>")
    assert read_html(g).raw.url == g.resolve().as_uri()  # type: ignore[union-attr]


def test_expand_inputs_errors_name_the_culprit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.warc"):
        expand_inputs([str(tmp_path / "nope.warc")])
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes")
    with pytest.raises(InputError, match=r"notes\.txt: neither a WARC file nor an HTML page"):
        expand_inputs([str(junk)])
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.html").write_text("<html></html>")
    (tmp_path / "d" / "a.htm").write_text("<html></html>")
    files = expand_inputs([str(tmp_path / "d")])
    assert [p.name for p, _ in files] == ["a.htm", "b.html"]
    assert len(list(read_inputs(files))) == 2


def _warcinfo(path: Path) -> dict[str, str]:
    """The fields of ``path``'s first record, which must be its warcinfo."""
    with open(path, "rb") as fh:
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_type == "warcinfo"
        assert record.rec_headers.protocol == "WARC/1.1"
        assert record.rec_headers.get_header("WARC-Filename") == path.name
        body = record.content_stream().read().decode()
    return dict(line.split(": ", 1) for line in body.splitlines() if line)


def test_every_file_begins_with_its_warcinfo_and_passes_warcio_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKHBAR_OPERATOR", "Newsroom Archive <archive@example.org>")
    pages = [
        RawPage(url=f"https://a.example/{i}", body="<p>سلام %d</p>".encode() % i * 40, site="a",
                headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")), truncated=i == 2)
        for i in range(6)
    ]  # fmt: skip
    where = write_rotating(ArchiveWriter(tmp_path, run_id=42, max_bytes=1200, info={"robots": "obey"}), pages)
    files = sorted({path for path, _ in where})
    assert len(files) > 1  # rotated: each file its own warcinfo
    for path in files:
        info = _warcinfo(path)
        assert info == {
            "software": f"akhbar/{__version__}",
            "format": "WARC File Format 1.1",
            "operator": "Newsroom Archive <archive@example.org>",
            "robots": "obey",
            "akhbar-run": "42",
        }
        assert [kind for kind, *_ in records(path)][1:] == ["response"] * (len(records(path)) - 1)
        assert undigested(path) == []  # every record has its block digest...
    check = warcio_check(*files)  # ...and it is right, and so is each response's payload digest
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == len(pages) + len(files)
    for page, (path, offset) in zip(pages, where, strict=True):  # the rows' offsets still find their page
        assert offset > 0
        got = next(p for p in read_warc(path) if p.offset == offset)
        assert got.raw is not None and got.raw.url == page.url and got.raw.body == page.body


def test_a_writer_with_no_page_leaves_no_file(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path, run_id=1)
    writer.close()
    assert list(tmp_path.iterdir()) == []


def test_a_foreign_warc_is_copied_byte_for_byte_once(tmp_path: Path) -> None:
    pages = [(f"https://b.example/{i}", b"<html><p>%d</p></html>" % i, "text/html", 200) for i in range(3)]
    wget = write_wget_warc(tmp_path / "site.warc.gz", pages)
    archive = tmp_path / "archive"
    writer = ArchiveWriter(archive, run_id=5)
    first = writer.write(RawPage(url="https://a.example/before", body=b"<p>before</p>"))
    copy = writer.copy_in(wget)
    writer.write(RawPage(url="https://a.example/after", body=b"<p>after</p>"))
    writer.close()
    assert copy.read_bytes() == wget.read_bytes()
    assert [kind for kind, *_ in records(copy)] == ["warcinfo"] + ["request", "response"] * 3 + [
        "revisit", "metadata", "resource"
    ]  # fmt: skip
    assert warcio_check(copy).returncode == 0
    # the archive's order is the input's: the run's file, the copy, then the file pages after it went to
    order = [p.name for p, _ in archive_files(archive)]
    assert order[1] == copy.name and len(order) == 3 and first > 0
    read = [p.raw.url for p in read_inputs(archive_files(archive)) if p.raw is not None]
    assert read == ["https://a.example/before", *(u for u, *_ in pages), "https://a.example/after"]
    again = ArchiveWriter(archive, run_id=6)
    assert again.copy_in(wget) == copy  # the same content: not copied twice
    again.close()
    assert sorted(archive.iterdir()) == sorted(p for p, _ in archive_files(archive))
    assert len(list(archive.iterdir())) == 3


def test_the_archive_is_read_in_the_order_pages_were_first_seen(tmp_path: Path) -> None:
    names = [
        "akhbar-20240101T000000Z-run000001.warc.gz",
        "akhbar-20240101T000000Z-run000001-002.warc.gz",
        "akhbar-20240101T000000Z-run000001-003-copy-0123456789abcdef.warc",
        "akhbar-20240101T000000Z-run000001-004.warc.gz",
        "akhbar-20240102T000000Z-run000002.warc.gz",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "tmp-0123456789abcdef-1.part").write_bytes(b"")  # a copy cut short by a crash: not read
    assert [p.name for p, _ in archive_files(tmp_path)] == names


def test_a_copy_that_fails_leaves_nothing_named_as_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from storage.faults import WriteError

    wget = write_wget_warc(tmp_path / "site.warc.gz", [("https://b.example/1", b"<html>x</html>", "text/html", 200)])
    archive = tmp_path / "archive"
    writer = ArchiveWriter(archive, run_id=1)

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("storage.archive.os.link", full)
    with pytest.raises(WriteError) as failed:
        writer.copy_in(wget)
    assert failed.value.disk_full and "-copy-" in str(failed.value)
    writer.close()
    assert list(archive.iterdir()) == []  # no temporary file, no copy cut short
