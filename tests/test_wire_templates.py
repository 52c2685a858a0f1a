"""Wire templates end to end: ``akhbar reprocess`` of cable pages into a real store, read with SQL. Siblings of
one template stay apart once it has been seen on three days, in one run or in a later run on the store (which
replays the table's window from the stored articles)."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

from crawler.cli import main
from tests.processing.test_wiretemplates import CABLE, CABLES

PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://wire.example/cables/{n}">
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{day}T10:00:00+03:00"></head>
<body><article><h1>{title}</h1>{paras}</article></body></html>"""


def write_cables(into: Path, which: range) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for n in which:
        name, country, day = CABLES[n]
        title = f"خادم الحرمين الشريفين يهنئ رئيس {country} بذكرى اليوم الوطني لبلاده"
        text = CABLE.format(name=name, country=country)
        paras = "".join(f"<p>{html.escape(p.strip())}.</p>" for p in text.split(".") if p.strip())
        (into / f"cable-{n + 1}.html").write_text(
            PAGE.format(title=title, n=n + 1, day=f"2015-07-{day:02d}", paras=paras), encoding="utf-8"
        )


def kinds(db: Path) -> list[str | None]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT duplicate_of_id FROM articles ORDER BY published_at")]


def test_cables_to_four_heads_of_state_are_four_stories_in_one_run(tmp_path: Path) -> None:
    write_cables(tmp_path / "pages", range(len(CABLES)))
    db = tmp_path / "one.db"
    assert main(["reprocess", "--data-dir", str(tmp_path / "var"), "--into", str(db), str(tmp_path / "pages")]) == 0
    assert kinds(db) == [None, None, None, None]


def test_a_later_run_replays_the_template_days_from_the_store(tmp_path: Path) -> None:
    write_cables(tmp_path / "first", range(3))
    write_cables(tmp_path / "later", range(3, len(CABLES)))
    data = tmp_path / "var"
    assert main(["reprocess", "--data-dir", str(data), str(tmp_path / "first")]) == 0
    assert main(["reprocess", "--data-dir", str(data), str(tmp_path / "later")]) == 0
    assert kinds(data / "akhbar.db") == [None, None, None, None]
