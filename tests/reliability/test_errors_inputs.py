"""A data dir or a ``--db`` that cannot be used is one line naming it, exit status 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.conftest import article_html, run_akhbar, story, write_seed
from tests.reliability.hostile import HostileSite
from tests.warc_builder import write_warc


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "Unhandled error" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty directory nothing can be written in (a read-only tmpfs for root, mode 555 otherwise)."""
    path = tmp_path / "ro"
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        yield path
        path.chmod(0o755)
        return
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], capture_output=True)
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a read-only file system here: {mount.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


@pytest.fixture
def seeds(tmp_path: Path, site: HostileSite) -> Path:
    site.route("/", article_html("الرئيسية", ["قائمة"], links=["/a/1"]))
    site.route("/a/1", article_html("خبر", story(1)))
    write_seed(
        tmp_path / "seeds",
        "one",
        start_urls=[site.base + "/"],
        allowed_domains=[f"127.0.0.1:{site.port}"],
        article_url_patterns=[r"/a/\d+$"],
        download_delay=0,
    )
    return tmp_path / "seeds"


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    page = ("https://x.example/a/1", article_html("خبر", story(1)).encode(), "text/html; charset=utf-8", 200)
    return write_warc(tmp_path / "in.warc.gz", [page])


def test_a_read_only_data_dir_is_one_line_naming_it(read_only_dir: Path, seeds: Path, warc: Path) -> None:
    for args in (
        ("crawl", "--seeds", str(seeds), "--max-seconds", "20"),
        ("reprocess", str(warc)),
    ):
        result = run_akhbar(*args, "--data-dir", str(read_only_dir))
        assert result.returncode == 2, result.stderr
        line = one_line(result.stderr)
        # the data dir, or the store in it (a re-process's first write is the store's lock beside it)
        culprits = (f"{read_only_dir}: ", f"{read_only_dir / 'akhbar.db'}: ")
        assert line.removeprefix("akhbar: error: ").startswith(culprits), line
        assert "cannot write here" in line, line


BAD_URLS = [
    ("nonsense-not-a-url", "not a database URL"),
    ("sqlit:///{dir}/x.db", "unknown database kind 'sqlit'"),
    ("postgresql://akhbar:s3cret@127.0.0.1:1/news", ""),  # no driver here, or nobody listening: either way
    ("sqlite:////proc/akhbar-nowhere/x.db", "/proc/akhbar-nowhere/x.db: "),  # cannot write here, or no store here
]


@pytest.mark.parametrize("url,problem", BAD_URLS)
@pytest.mark.parametrize("command", ["crawl", "reprocess", "sql", "stats"])
def test_an_unusable_db_url_is_one_line_naming_it(
    tmp_path: Path, seeds: Path, warc: Path, command: str, url: str, problem: str
) -> None:
    url = url.format(dir=tmp_path)
    extra = {
        "crawl": ["--seeds", str(seeds), "--max-seconds", "20"],
        "reprocess": [str(warc)],
        "sql": ["SELECT 1"],
        "stats": [],
    }[command]
    result = run_akhbar(command, "--data-dir", str(tmp_path / "var"), "--db", url, *extra)
    assert result.returncode == 2, (result.stdout, result.stderr)
    line = one_line(result.stderr)
    assert line.startswith("akhbar: error: ") and problem in line, line
    assert "s3cret" not in line
    masked = url.replace("s3cret", "***")
    assert masked in line or url.split(":///", 1)[-1] in line, line
