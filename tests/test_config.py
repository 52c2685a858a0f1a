"""Defaults and the environment, read in one place (crawler/config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import UsageError, env_bool, env_number


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", True), ("true", True), ("Yes", True), ("ON", True), ("0", False), ("false", False), ("no", False),
     ("Off", False), ("", None)],
)  # fmt: skip
def test_booleans_are_read_as_users_write_them(monkeypatch: pytest.MonkeyPatch, raw: str, value: bool | None) -> None:
    monkeypatch.setenv("AKHBAR_RECRAWL", raw)
    assert env_bool("AKHBAR_RECRAWL", default=None) is value  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled"])
def test_a_boolean_written_wrong_names_the_variable(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("AKHBAR_RECRAWL", raw)
    with pytest.raises(UsageError, match="AKHBAR_RECRAWL"):
        env_bool("AKHBAR_RECRAWL", False)


@pytest.mark.parametrize("raw", ["two", "1.5", "nan", "inf", "-3", "40000"])
def test_a_number_written_wrong_or_out_of_range_names_the_variable(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("AKHBAR_WORKERS", raw)
    with pytest.raises(UsageError, match="AKHBAR_WORKERS"):
        env_number("AKHBAR_WORKERS", 0, 0, 32000, integer=True)


def test_the_environment_reaches_the_commands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from crawler.cli import main

    db = tmp_path / "elsewhere.db"
    monkeypatch.setenv("AKHBAR_DB_URL", f"sqlite:///{db}")
    monkeypatch.setenv("AKHBAR_DATA_DIR", str(tmp_path / "var"))
    assert main(["reprocess", str(tmp_path / "nothing.html")]) == 2  # the input is missing: nothing written
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    assert main(["reprocess", "--workers", "1", str(tmp_path / "page.html")]) == 0
    assert db.exists()  # AKHBAR_DB_URL, not DATA_DIR/akhbar.db
    assert not (tmp_path / "var" / "akhbar.db").exists()
