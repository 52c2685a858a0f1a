"""The README's schema section is part of the interface: it must match the models."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from crawler.cli import build_parser
from storage import migrations
from storage.models import Base

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_schema() -> dict[str, list[str]]:
    section = README.split("## Schema", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, list[str]] = {}
    for match in re.finditer(r"### (?:Table|View) `(\w+)`\n(.*?)(?=\n### |\Z)", section, re.S):
        rows = re.findall(r"^\| (\w+) \| (\w+) \|", match.group(2), re.M)
        tables[match.group(1)] = [name for name, _type in rows if name != "column"]
    return tables


def test_readme_documents_every_table_and_column_in_order() -> None:
    docs = documented_schema()
    for table in Base.metadata.sorted_tables:
        assert table.name in docs, f"README lacks table {table.name}"
        assert docs[table.name] == [c.name for c in table.columns], table.name


@pytest.mark.parametrize("view", ["article_clusters", "events", "event_coverage"])
def test_readme_documents_the_views(tmp_path: Path, view: str) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 's.db'}")
    with engine.connect() as conn:
        migrations.upgrade(conn)
        view_cols = [c["name"] for c in inspect(conn).get_columns(view)]
    assert documented_schema()[view] == view_cols


def test_every_command_is_documented_with_examples() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, cmd in sub.choices.items():  # type: ignore[union-attr]
        assert f"akhbar {name}" in README, f"README does not document `akhbar {name}`"
        assert cmd.epilog and "examples:" in cmd.epilog, f"`akhbar {name} --help` has no examples"
