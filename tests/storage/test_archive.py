from __future__ import annotations

import os
from pathlib import Path

import pytest

from crawler.items import RawPage
from storage.archive import ArchiveWriter, InputError, expand_inputs, read_html, read_inputs, read_warc
from tests.warc_builder import write_warc


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


def test_writer_rotates_before_a_file_would_pass_its_size_and_every_record_stays_addressable(tmp_path: Path) -> None:
    pages = [
        RawPage(url=f"https://a.example/{i}", body=b"<p>%s</p>" % os.urandom(500).hex().encode()) for i in range(7)
    ]
    writer = ArchiveWriter(tmp_path, run_id=3, max_bytes=1500)
    where = []
    for page in pages:
        offset = writer.write(page)
        where.append((writer.path, offset))
    writer.close()
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
