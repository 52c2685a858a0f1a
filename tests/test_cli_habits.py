"""The command line behaves like other Unix tools (issue 16, items 4 and 5): quiet when its reader goes
away, JSON where it prints tables, ``-q``/``-v``, options only where they act, the environment read as
users write it, ``:`` in SQL, and ``scrapy crawl news`` following Scrapy's conventions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import build_parser, main
from crawler.processing.fingerprint import DedupParams
from storage.db import sqlite_url
from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data dir with an empty store."""
    (tmp_path / "var").mkdir()
    Store(sqlite_url(tmp_path / "var" / "akhbar.db"), DedupParams()).close()
    return tmp_path / "var"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    path = tmp_path / "seeds"
    path.mkdir()
    for name in ("one", "two"):
        (path / f"{name}.toml").write_text(
            f'name = "{name}"\nstart_urls = ["http://127.0.0.1:9/"]\nallowed_domains = ["127.0.0.1:9"]\n'
            "article_url_patterns = ['/a/\\\\d+']\n"
        )
    return path


def shell(command: str, *args: str) -> tuple[int, str]:
    """``command`` in bash with ``akhbar`` as ``python -m crawler.cli`` from this worktree: the first
    stage's exit status and stderr."""
    script = f'akhbar() {{ "{sys.executable}" -m crawler.cli "$@"; }}\n{command}\nexit "${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", script, "_", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    return result.returncode, result.stderr


# -- 1. a reader that goes away ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [
        'akhbar sql --data-dir "$1" "select * from fetches"',
        'akhbar sql --data-dir "$1" --json "select 1 as n"',
        'akhbar stats --data-dir "$1"',
        'akhbar stats --json --data-dir "$1"',
        'akhbar events --data-dir "$1"',
        'akhbar seeds --seeds "$2"',
        'akhbar seeds --json --seeds "$2"',
        "akhbar --help",
    ],
)
@pytest.mark.parametrize("reader", ["head -1", "true"])
def test_a_reader_gone_ends_every_command_quietly(data: Path, seeds: Path, command: str, reader: str) -> None:
    """``akhbar stats | head -1``: no BrokenPipeError traceback or 'Exception ignored' line; 141 when a
    write failed (``true`` reads nothing and is gone at once), 0 when everything was written first."""
    status, stderr = shell(f"{command} | {reader}", str(data), str(seeds))
    assert "Traceback" not in stderr and "Exception ignored" not in stderr and "Error" not in stderr, stderr
    assert status in (0, 141), (status, stderr)
    if reader == "true" and "--help" not in command:
        assert status == 141


# -- 2. JSON -----------------------------------------------------------------------------------------
def test_stats_json_is_one_object_json_tool_reads(data: Path) -> None:
    status, stderr = shell('akhbar stats --json --data-dir "$1" | python -m json.tool > "$1/out.json"', str(data))
    assert status == 0, stderr
    stats = json.loads((data / "out.json").read_text())
    assert set(stats) >= {"articles_per_site", "pages_by_outcome", "events", "last_runs"}
    assert stats["events"] == [{"events": 0, "on_several_sites": None, "reported_independently": None}]


def test_seeds_and_events_print_json(data: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seeds", "--json", "--seeds", str(seeds)]) == 0
    sites = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in sites] == ["one", "two"]
    assert sites[0]["allowed_domains"] == ["127.0.0.1:9"] and sites[0]["enabled"] is True
    assert main(["events", "--json", "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out) == []


# -- 3. -q and -v --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "verbosity"),
    [
        (["stats"], 0),
        (["-q", "stats"], -1),
        (["stats", "-q"], -1),
        (["-v", "stats"], 1),
        (["stats", "--verbose"], 1),
        (["-q", "crawl", "-v"], 1),  # the last word wins
        (["seeds", "-q"], -1),
        (["sql", "-v", "select 1"], 1),
    ],
)
def test_quiet_and_verbose_before_or_after_the_command(argv: list[str], verbosity: int) -> None:
    from crawler.cli import _log_level

    args = build_parser().parse_args(argv)
    assert args.verbosity == verbosity
    assert _log_level(args) == {-1: 30, 0: 30, 1: 10}[verbosity]


def test_quiet_and_verbose_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["stats", "-q", "-v"])
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_quiet_reprocess_prints_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    argv = ["reprocess", "--workers", "1", "--data-dir", str(tmp_path / "v"), str(tmp_path / "page.html")]
    assert main(["-q", *argv]) == 0
    assert capsys.readouterr().out == ""
    assert main(argv) == 0  # the same page again: skipped, and said so
    assert "already stored (skipped): 1" in capsys.readouterr().out


# -- 4. options only where they act ----------------------------------------------------------------------
COMMON = {"-h", "-q", "-v", "--data-dir", "--db"}
OPTIONS = {
    "reprocess": COMMON | {"--page-budget", "--into", "--no-progress", "--workers", "--shards", "--work-dir"},
    "crawl": COMMON | {"--page-budget", "--seeds", "--site", "--recrawl", "--max-seconds", "--workers", "--frontier"},
    "seeds": {"-h", "-q", "-v", "--seeds", "--check", "--json", "--path"},
    "demo": COMMON,
    "sql": COMMON | {"--json", "--csv", "--timeout"},
    "events": COMMON | {"--since", "--site", "--min-sites", "--limit", "--json"},
    "stats": COMMON | {"--json"},
    "search": COMMON | {"--site", "--since", "--limit", "--json"},
    "browse": COMMON | {"--port"},
    "report": COMMON | {"--since", "--out"},
}


def test_each_command_has_the_options_that_act_there_and_no_other() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():  # type: ignore[union-attr]
        short = {min(a.option_strings, key=len) if a.option_strings[0] in ("-h", "-q", "-v") else a.option_strings[0]
                 for a in parser._actions if a.option_strings}  # fmt: skip
        assert short == OPTIONS[name], name


@pytest.mark.parametrize("command", [["sql", "select 1"], ["stats"], ["events"], ["seeds"], ["demo"]])
def test_page_budget_is_refused_where_it_does_nothing(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command[0], "--page-budget", "5", *command[1:]])
    assert exc.value.code == 2
    assert "unrecognized arguments: --page-budget" in capsys.readouterr().err


# -- 7. the environment ----------------------------------------------------------------------------------
@pytest.fixture
def crawls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """``akhbar crawl``'s options, caught instead of crawling."""
    import crawler.crawl

    seen: list[object] = []

    def fake_crawl(opts: object) -> dict[str, object]:
        seen.append(opts)
        return {"finish_reason": "finished"}

    monkeypatch.setattr(crawler.crawl, "crawl", fake_crawl)
    for name in list(os.environ):
        if name.startswith("AKHBAR_"):
            monkeypatch.delenv(name)
    return seen


@pytest.mark.parametrize(
    ("raw", "recrawl"),
    [("false", False), ("no", False), ("OFF", False), ("0", False), ("True", True), ("yes", True), ("on", True),
     ("1", True), ("", False)],
)  # fmt: skip
def test_akhbar_recrawl_is_read_as_written(
    crawls: list[object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds: Path, raw: str, recrawl: bool
) -> None:
    monkeypatch.setenv("AKHBAR_RECRAWL", raw)
    assert main(["-q", "crawl", "--seeds", str(seeds), "--data-dir", str(tmp_path)]) == 0
    assert crawls[-1].recrawl is recrawl  # type: ignore[attr-defined]
    assert main(["-q", "crawl", "--recrawl", "--seeds", str(seeds), "--data-dir", str(tmp_path)]) == 0
    assert crawls[-1].recrawl is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "raw", "command"),
    [
        ("AKHBAR_RECRAWL", "maybe", ["crawl"]),
        ("AKHBAR_WORKERS", "two", ["crawl"]),
        ("AKHBAR_WORKERS", "two", ["reprocess", "x.html"]),
        ("AKHBAR_PAGE_BUDGET", "soon", ["crawl"]),
        ("AKHBAR_DOWNLOAD_TIMEOUT", "-1", ["crawl"]),
        ("AKHBAR_AUTOTHROTTLE", "perhaps", ["crawl"]),
        ("AKHBAR_LOG_LEVEL", "loud", ["stats"]),
    ],
)
def test_a_variable_written_wrong_is_one_line_naming_it(
    crawls: list[object],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data: Path,
    name: str,
    raw: str,
    command: list[str],
) -> None:
    monkeypatch.setenv(name, raw)
    assert main([*command, "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"akhbar: error: {name}="), err
    assert crawls == []


def test_the_environment_reaches_akhbar_crawl_and_seeds(
    crawls: list[object], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seeds: Path
) -> None:
    monkeypatch.chdir(seeds.parent)
    monkeypatch.setenv("AKHBAR_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("AKHBAR_SITES", "two, one")
    monkeypatch.setenv("AKHBAR_WORKERS", "1")
    assert main(["-q", "crawl"]) == 0
    opts = crawls[-1]
    assert opts.seeds_dir == seeds and opts.sites == ["two", "one"]  # type: ignore[attr-defined]
    assert "AKHBAR_WORKERS" not in opts.overrides  # type: ignore[attr-defined]  # the settings read it
    assert main(["-q", "crawl", "--site", "one"]) == 0
    assert crawls[-1].sites == ["one"]  # type: ignore[attr-defined]
    assert main(["seeds"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("one ")


def test_the_crawl_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import crawler.settings

    monkeypatch.setenv("AKHBAR_RECRAWL", "off")
    monkeypatch.setenv("AKHBAR_DB_URL", "sqlite:////tmp/elsewhere.db")
    monkeypatch.setenv("AKHBAR_SITES", "a,b")
    try:
        settings = importlib.reload(crawler.settings)
        assert settings.AKHBAR_RECRAWL is False
        assert settings.AKHBAR_DB_URL == "sqlite:////tmp/elsewhere.db"
        assert settings.AKHBAR_SITES == ["a", "b"]
    finally:
        monkeypatch.undo()
        importlib.reload(crawler.settings)


# -- 8. ':' in SQL --------------------------------------------------------------------------------------
def test_colons_in_sql_are_text_not_bind_parameters(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sql", "--json", "--data-dir", str(data)]
    assert main([*argv, "select '12:30' as t, ':x' as u, '%' as p, '%s' as q"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"t": "12:30", "u": ":x", "p": "%", "q": "%s"}]
    assert main([*argv, "select * from articles where title like '%:x%'"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("select ':x'; delete from articles", "one statement at a time"),
        ("delete from articles where title like '%:x%'", "refused: akhbar sql is read-only"),
        ("select :x", "SQL error"),
    ],
)
def test_colons_open_no_way_around_the_guarantees(
    data: Path, capsys: pytest.CaptureFixture[str], sql: str, says: str
) -> None:
    assert main(["sql", "--data-dir", str(data), sql]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
