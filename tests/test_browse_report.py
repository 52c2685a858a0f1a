"""``akhbar browse`` (datasette over the store) and ``akhbar report`` (a static HTML story report), for real
(issue 16, items 1 and 2).

The store is built by re-processing the bundled demo sites' pages (three Arabic news sites with copied
stories and one event reported by two sites in their own words). datasette runs as ``akhbar browse``
runs it, on a free port of 127.0.0.1; the report is rendered by headless Chromium. Each skips cleanly
when its tool is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from crawler.browse import metadata
from crawler.cli import main
from crawler.report_site import pages
from crawler.report_site.diff import compare, sentences
from crawler.report_site.queries import Article, Story

ROOT = Path(__file__).resolve().parent.parent
DEMO_SITES = ROOT / "crawler" / "demo" / "sites"
WORD = "الصويرة"  # Essaouira: in a few demo articles only
HAS_DATASETTE = importlib.util.find_spec("datasette") is not None
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browse") / "var"
    assert main(["-q", "reprocess", "--workers", "1", "--data-dir", str(root), str(DEMO_SITES)]) == 0
    return root


def fts_ids(db: Path, word: str) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (word,))}


# -- 1. browse: the metadata ------------------------------------------------------------------------------
def test_metadata_yaml_is_generated_from_the_readme() -> None:
    pytest.importorskip("yaml")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert metadata.METADATA_FILE.read_text(encoding="utf-8") == metadata.render(readme), (
        "crawler/browse/metadata.yaml is stale: run `python -m crawler.browse.metadata`"
    )


def test_every_documented_column_has_its_description() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    built = metadata.build(readme)["databases"]["akhbar"]
    documented = metadata.schema_sections(readme)
    assert {"articles", "fetches", "article_clusters", "events", "event_coverage", "search_terms"} <= set(documented)
    for table, (_description, columns) in documented.items():
        assert built["tables"][table]["columns"] == columns and all(columns.values()), table
    articles = built["tables"]["articles"]
    assert articles["label_column"] == "title" and articles["fts_table"] == "articles_fts"
    queries = built["queries"]
    assert len(queries) == len(metadata.example_queries(readme)) + len(metadata.QUERIES)
    assert ":id" in queries["copies_of_article"]["sql"] and ":site" in queries["site_today"]["sql"]


# -- 1. browse: refusals --------------------------------------------------------------------------------
def test_browse_without_datasette_says_how_to_install_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    assert main(["browse", "--data-dir", str(data_dir)]) == 2
    assert capsys.readouterr().err == "akhbar: error: datasette is not installed: pip install 'akhbar[browse]'\n"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--db", "postgresql+psycopg://u:secret@db.example/news"], "needs a SQLite store"),
        (["--data-dir", "/nonexistent/akhbar"], "no store here"),
    ],
)
def test_browse_refuses_what_datasette_cannot_serve(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["browse", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("akhbar: error: ") and says in err and err.count("\n") == 1 and "secret" not in err


def test_browse_refuses_a_port_out_of_range(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not HAS_DATASETTE:
        pytest.skip("datasette is not installed")
    assert main(["browse", "--data-dir", str(data_dir), "--port", "70000"]) == 2
    assert capsys.readouterr().err == "akhbar: error: --port 70000: must be 1 to 65535\n"


# -- 1. browse: datasette for real -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(base: str, path: str) -> object:
    with urllib.request.urlopen(base + path, timeout=30) as response:  # 127.0.0.1 only
        return json.load(response)


@pytest.fixture(scope="module")
def datasette(data_dir: Path) -> Iterator[str]:
    """``akhbar browse`` on a free port: its base URL; always stopped."""
    if not HAS_DATASETTE:
        pytest.skip("datasette is not installed: pip install 'akhbar[browse]'")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "browse", "--data-dir", str(data_dir), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(base, "/-/versions.json")
                break
            except OSError as exc:
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                    raise AssertionError(f"datasette did not start: {why}") from exc
                time.sleep(0.3)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)  # akhbar forwards it to datasette
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the group of the process started above
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def test_datasette_searches_the_articles_full_text_index(data_dir: Path, datasette: str) -> None:
    expected = fts_ids(data_dir / "akhbar.db", WORD)
    assert expected, "the demo pages mention Essaouira"
    rows = get_json(datasette, f"/akhbar/articles.json?_search={urllib.parse.quote(WORD)}&_shape=array")
    assert isinstance(rows, list) and {r["id"] for r in rows} == expected
    assert all(WORD in (r["title"] or "") + r["text"] for r in rows)
    assert get_json(datasette, "/akhbar/articles.json?_search=zzzz&_shape=array") == []


def test_datasette_shows_facets_descriptions_and_canned_queries(data_dir: Path, datasette: str) -> None:
    page = get_json(datasette, "/akhbar/articles.json?_facet=site")
    assert isinstance(page, dict)
    facets = page["facet_results"]
    assert {"site", "dup_kind", "language", "published_at"} <= set(facets)  # from the metadata, and asked for
    with sqlite3.connect(data_dir / "akhbar.db") as conn:
        sites = {s for (s,) in conn.execute("SELECT DISTINCT site FROM articles")}
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        copy_id, original = conn.execute(
            "SELECT id, duplicate_of_id FROM articles WHERE dup_kind != 'unique'"
        ).fetchone()
    assert {v["value"] for v in facets["site"]["results"]} == sites
    assert sum(v["count"] for v in facets["site"]["results"]) == total
    rows = get_json(datasette, f"/akhbar/copies_of_article.json?id={copy_id}&_shape=array")
    assert isinstance(rows, list) and rows[0]["id"] == original and copy_id in {r["id"] for r in rows}
    found = get_json(datasette, f"/akhbar/search.json?q={urllib.parse.quote('الصويره')}&_shape=array")
    assert isinstance(found, list) and {r["id"] for r in found} >= fts_ids(data_dir / "akhbar.db", WORD)
    rejected = get_json(datasette, "/akhbar/why_rejected.json?_shape=array")
    assert isinstance(rejected, list) and {r["outcome"] for r in rejected} == {"not_article"}
    meta = get_json(datasette, "/-/metadata.json")
    assert isinstance(meta, dict)
    assert meta["databases"]["akhbar"]["tables"]["articles"]["columns"]["dup_kind"].startswith("unique")


def test_sqlite_utils_finds_the_full_text_index(data_dir: Path) -> None:
    if importlib.util.find_spec("sqlite_utils") is None:
        pytest.skip("sqlite-utils is not installed")
    db = data_dir / "akhbar.db"
    out = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(db), "articles", WORD, "-c", "id"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert {r["id"] for r in json.loads(out)} == fts_ids(db, WORD)


# -- 2. report: pages ---------------------------------------------------------------------------------------
def test_the_diff_labels_sentences_added_removed_and_reworded() -> None:
    original = "الجملة الأولى كما هي. وصرح الوزير بأن المشروع سينطلق غدا في الرباط. جملة ستحذف من النسخة."
    copy = "الجملة الأولى كما هي. وأكد الوزير أن المشروع سينطلق غدا في الرباط. جملة جديدة <b>مضافة</b>!"
    rows = compare(original, copy)
    assert [r.kind for r in rows] == ["same", "reworded", "removed", "added"]
    assert "<del>وصرح</del>" in rows[1].left and "<ins>وأكد</ins>" in rows[1].right
    assert "&lt;b&gt;" in rows[3].right and "<b>" not in rows[3].right
    assert sentences("أ. ب؟ ج\nد") == ["أ.", "ب؟", "ج", "د"]


def test_untrusted_text_is_escaped_and_only_http_urls_are_links() -> None:
    evil = '<script>alert(1)</script>"'
    a = Article(1, evil, "javascript:alert(1)", evil, "2024-01-01", "unique", None, evil)
    b = Article(2, "b", "https://b.example/x?a=1&b=2", evil, "2024-01-02", "near", 0.8, evil + " أخرى.", 1)
    out = pages.story_page(Story(1, evil, "2024-01-01", 2, [a, b]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'href="javascript:' not in out and 'href="https://b.example/x?a=1&amp;b=2"' in out


def test_a_story_page_compares_a_bounded_number_of_copies() -> None:
    original = Article(1, "a", "https://a.example/1", "t", "2024-01-01T10:00:00+01:00", "unique", None, "نص. آخر.")
    copies = [
        Article(i, f"s{i}", f"https://s{i}.example/", "t", f"2024-01-0{1 + i % 2}", "exact", 1.0, "نص. آخر.", 1)
        for i in range(2, 2 + pages.MAX_COPIES + 2)
    ]
    out = pages.story_page(Story(1, "t", "2024-01-01", len(copies) + 1, [original, *copies]))
    assert out.count('<section class="copy"') == pages.MAX_COPIES and "(more copies, not compared): 2" in out


def report(data_dir: Path, out: Path, *extra: str) -> dict[str, str]:
    assert main(["-q", "report", "--data-dir", str(data_dir), "--out", str(out), *extra]) == 0
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


def test_report_is_static_deterministic_and_filtered(data_dir: Path, tmp_path: Path) -> None:
    first = report(data_dir, tmp_path / "one")
    assert report(data_dir, tmp_path / "two") == first  # same store, same files
    with sqlite3.connect(data_dir / "akhbar.db") as conn:
        clusters = conn.execute("SELECT COUNT(*) FROM article_clusters WHERE size > 1").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events WHERE own_reports > 1").fetchone()[0]
        sites = conn.execute("SELECT COUNT(DISTINCT site) FROM articles").fetchone()[0]
    names = set(first)
    assert sum(n.startswith("story-") for n in names) == clusters > 0
    assert sum(n.startswith("event-") for n in names) == events > 0
    assert sum(n.startswith("site-") for n in names) == sites
    for text in first.values():
        assert text.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="ar">') and 'name="viewport"' in text
        assert "<script" not in text and "<link" not in text and "url(" not in text and "@import" not in text
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # demo URLs are file paths
    since = report(data_dir, tmp_path / "one", "--since", "2024-01-01")  # over the first: stale pages go
    assert "index.html" in since and set(since) < names and sum(n.startswith("story-") for n in since) < clusters


def test_report_refuses_a_bad_date(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--data-dir", str(data_dir), "--since", "yesterday"]) == 2
    assert capsys.readouterr().err == "akhbar: error: --since 'yesterday': not a date (YYYY-MM-DD)\n"


# -- 2. report: in a real browser -----------------------------------------------------------------------------
def chromium(*args: str, tmp: Path) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
               "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'chromium-profile'}", *args]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout


def png_ink(path: Path) -> float:
    """The share of pixels of a PNG (8-bit RGB or RGBA, not interlaced) that are not white."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, inked = bytearray(stride), 0
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        inked += sum(1 for x in range(0, stride, bpp) if min(row[x : x + 3]) < 200)
        prev = row
    return inked / (width * height)


def test_the_report_renders_in_a_headless_browser(data_dir: Path, tmp_path: Path) -> None:
    files = report(data_dir, tmp_path / "site")
    index = lxml_html.fromstring(chromium("--dump-dom", (tmp_path / "site" / "index.html").as_uri(), tmp=tmp_path))
    root = index.getroottree().getroot()
    assert root.get("dir") == "rtl" and root.get("lang") == "ar"
    stories = index.xpath("//li[@class='story']")
    assert len(stories) == sum(n.startswith("story-") for n in files)
    with sqlite3.connect(data_dir / "akhbar.db") as conn:
        cluster_id, size, sites = conn.execute(
            "SELECT cluster_id, size, sites FROM article_clusters WHERE size > 1 ORDER BY site_count DESC, size DESC, "
            "first_published DESC, cluster_id LIMIT 1"
        ).fetchone()
    top = stories[0]
    assert top.xpath("a/@href") == [f"story-{cluster_id}.html"]
    assert {name.text_content() for name in top.xpath(".//ul[@class='sites']/li/span[@class='name']")} == set(
        sites.split(",")
    )

    story_uri = (tmp_path / "site" / f"story-{cluster_id}.html").as_uri()
    story = lxml_html.fromstring(chromium("--dump-dom", story_uri, tmp=tmp_path))
    copies = story.xpath("//section[@class='copy']")
    assert len(copies) == size - 1 and [c.xpath("h3")[0].text_content().split(" · ")[0] for c in copies]
    kinds = {c for row in story.xpath("//div[contains(@class, 'row ')]") for c in row.get("class").split()} - {"row"}
    assert "same" in kinds and kinds & {"reworded", "added", "removed"}
    reworded = story.xpath("//div[contains(@class, 'row reworded')]")
    assert all(r.xpath(".//del") and r.xpath(".//ins") for r in reworded)
    assert story.xpath("//div[contains(@class, 'row added')]//ins") or story.xpath(
        "//div[contains(@class, 'row removed')]//del"
    )

    shot = tmp_path / "story.png"
    chromium(f"--screenshot={shot}", "--window-size=480,900", story_uri, tmp=tmp_path)
    assert 0.02 < png_ink(shot) < 0.9  # text, marks and colours: not a blank (or black) page
