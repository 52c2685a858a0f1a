"""A wheel installed outside the checkout (not editable) crawls the bundled outlets.

Builds the wheel of this checkout, installs it into a fresh virtual environment (``--no-deps``,
with the system's site-packages for the dependencies: no download), and runs the installed
``akhbar`` from a directory that holds no ``seeds/`` and no ``scrapy.cfg``. Skipped where ``venv``
or ``pip wheel`` is unavailable.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.run import write_seed
from crawler.demo.server import SiteServer

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "fixtures" / "site"
BUNDLED = sorted(p.name for p in (ROOT / "seeds").glob("*.toml"))


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """(the venv's bin directory, a working directory outside the checkout, the environment)."""
    pytest.importorskip("venv")
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AKHBAR_", "SCRAPY_", "PYTHON"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    src = tmp / "src"  # a copy of the checkout's files: the build never writes into the checkout
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", "var", "build", "*.egg-info", "__pycache__"))
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)], tmp, env, 120
    )
    if built.returncode != 0:
        pytest.skip(f"pip wheel unavailable: {built.stderr.strip()[-300:]}")
    (wheel,) = (tmp / "dist").glob("akhbar-*.whl")
    made = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(tmp / "venv")], tmp, env)
    if made.returncode != 0:
        pytest.skip(f"venv unavailable: {made.stderr.strip()[-300:]}")
    bin_dir = tmp / "venv" / "bin"
    # the system's pip, run by the venv's interpreter, installs into the venv (no ensurepip, no download)
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q"]
    done = _run([*pip, str(wheel)], tmp, env, 120)
    assert done.returncode == 0, done.stderr
    work = tmp / "elsewhere"
    work.mkdir()
    yield bin_dir, work, env


@pytest.mark.slow
def test_the_installed_package_finds_its_bundled_seeds(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    where = _run([str(bin_dir / "python"), "-c", "import crawler; print(crawler.__file__)"], work, env)
    assert where.returncode == 0 and where.stdout.startswith(str(bin_dir.parent)), where  # the wheel, not the checkout
    path = _run([str(bin_dir / "akhbar"), "seeds", "--path"], work, env)
    assert path.returncode == 0, path.stderr
    seeds = Path(path.stdout.strip())
    assert seeds.is_relative_to(bin_dir.parent) and seeds.name == "bundled_seeds"
    assert sorted(p.name for p in seeds.glob("*.toml")) == BUNDLED and (seeds / "README.md").is_file()
    check = _run([str(bin_dir / "akhbar"), "seeds", "--check"], work, env)
    assert check.returncode == 0, check.stderr
    assert f"{len(BUNDLED)} site(s) valid in {seeds}" in check.stdout
    # ./seeds, when there is one, comes first
    (work / "seeds").mkdir()
    try:
        here = _run([str(bin_dir / "akhbar"), "seeds", "--path"], work, env)
        assert here.stdout.strip() == str((work / "seeds").resolve())
    finally:
        (work / "seeds").rmdir()
    # scrapy without scrapy.cfg: the settings module named in the environment
    spiders = _run(
        [str(bin_dir / "python"), "-m", "scrapy", "list"], work, {**env, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    )
    assert spiders.returncode == 0 and spiders.stdout.split() == ["news"], spiders.stderr


@pytest.mark.slow
def test_the_installed_package_crawls(installed: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, work, env = installed
    with SiteServer(SITE) as site:
        write_seed(SITE, site.base, tmp_path / "seeds", max_depth=1)
        crawl = [
            str(bin_dir / "akhbar"),
            "crawl",
            "--seeds",
            str(tmp_path / "seeds"),
            "--data-dir",
            str(tmp_path / "var"),
        ]
        done = _run([*crawl, "--max-seconds", "30", "-q"], work, {**env, "AKHBAR_AUTOTHROTTLE": "0"}, 90)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "var" / "akhbar.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] > 0
    assert list((tmp_path / "var" / "archive").glob("*.warc.gz"))
