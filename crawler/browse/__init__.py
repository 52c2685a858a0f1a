"""``akhbar browse``: the SQLite store served by datasette, read-only, with akhbar's metadata.

Concern: starting datasette (an optional extra, ``pip install 'akhbar[browse]'``) on 127.0.0.1 over
the store with ``metadata.yaml`` (descriptions, facets, full-text search, canned queries).

Invariant: browsing never writes to the store and never blocks a crawl. The file is served as a
plain (mutable) database, which datasette opens with ``mode=ro``: it sees each commit of a crawl
running at the same time and takes only SQLite's shared read locks. ``--immutable`` is not used:
it tells SQLite the file cannot change, so it skips locking and ignores the write-ahead log, and a
store being written would be read stale or inconsistent.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

from crawler.config import UsageError
from crawler.runs import ExitStatus
from storage.db import describe, sqlite_path

log = logging.getLogger(__name__)

DEFAULT_PORT = 8001
HOST = "127.0.0.1"
METADATA_FILE = Path(__file__).with_name("metadata.yaml")
DATABASE_NAME = "akhbar"  # the database key in metadata.yaml (datasette names a database after its file)


def store_file(db_url: str) -> Path:
    """The SQLite file to serve; a one-line :class:`UsageError` for anything else."""
    path = sqlite_path(db_url)
    if path is None:
        raise UsageError(
            f"{describe(db_url)}: akhbar browse needs a SQLite store (datasette reads SQLite only); "
            'query PostgreSQL with `akhbar sql --db URL "SELECT …"` or psql'
        )
    if not path.is_file():
        raise UsageError(f"{path}: no store here (run `akhbar reprocess` or `akhbar crawl` first, or pass --data-dir)")
    return path


def require_datasette() -> None:
    if importlib.util.find_spec("datasette") is None:
        raise UsageError("datasette is not installed: pip install 'akhbar[browse]'")


def metadata_for(database: str) -> dict[str, Any]:
    """``metadata.yaml`` with its database entry named as datasette names ``database`` (its file's stem)."""
    import yaml  # a datasette dependency

    metadata: dict[str, Any] = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if database != DATABASE_NAME and DATABASE_NAME in databases:
        databases[database] = databases.pop(DATABASE_NAME)
    return metadata


def datasette_command(db_file: Path, port: int, metadata_file: Path) -> list[str]:
    """The datasette command line: the store as a plain file (read with ``mode=ro``), never ``--immutable``."""
    return [
        sys.executable, "-m", "datasette", "serve", str(db_file),
        "--host", HOST, "--port", str(port), "--metadata", str(metadata_file),
        "--setting", "sql_time_limit_ms", "5000",
        "--setting", "facet_time_limit_ms", "1000",
    ]  # fmt: skip


def check_port(port: int) -> int:
    """``--port``: in range and free on 127.0.0.1 (datasette's own error would be a traceback)."""
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port}: must be 1 to 65535")
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            problem = f"cannot listen on {HOST}:{port} ({exc.strerror}); try another --port"
            raise UsageError(f"--port {port}: {problem}") from None
    return port


def browse(db_url: str, port: int = DEFAULT_PORT) -> int:
    """Serve the store until interrupted; datasette's exit status (0 after Ctrl-C or SIGTERM)."""
    db_file = store_file(db_url)
    require_datasette()
    check_port(port)
    with tempfile.TemporaryDirectory(prefix="akhbar-browse-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata_for(db_file.stem), ensure_ascii=False), encoding="utf-8")
        print(f"akhbar: browsing {db_file} read-only at http://{HOST}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        proc = subprocess.Popen(datasette_command(db_file, port, metadata_file))

        def forward(signum: int, _frame: FrameType | None) -> None:
            proc.send_signal(signum)

        previous = signal.signal(signal.SIGTERM, forward)
        try:
            while True:
                try:
                    status = proc.wait()
                    break
                except KeyboardInterrupt:  # the terminal sent SIGINT to datasette too: let it finish
                    continue
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if status < 0:  # stopped by a signal we forwarded: a normal end of browsing
        return int(ExitStatus.OK)
    if status != 0:
        log.warning("datasette exited with status %s", status)
    return int(ExitStatus.OK) if status in (0, 130, 143) else int(ExitStatus.FAILED)
