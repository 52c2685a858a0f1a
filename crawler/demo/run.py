"""``akhbar demo``: serve the bundled demo sites on 127.0.0.1 and crawl them for real.

The sites (``crawler/demo/sites/``) are three small Arabic news sites in different
layouts, with syndicated copies between them. Each gets its own server on a free
port (the ports of a previous demo in the same data dir are reused when free, so a
second demo finds the same URLs and stores nothing twice); a seeds directory
pointing at them is written to ``DATA_DIR/demo-seeds/``; then the ordinary crawl runs.
"""

from __future__ import annotations

import json
import socket
import sys
from contextlib import ExitStack
from pathlib import Path

from crawler.crawl import CrawlOptions, crawl
from crawler.demo.server import SiteServer
from crawler.report import crawl_summary, crawl_verdict

SITES_DIR = Path(__file__).resolve().parent / "sites"

QUERIES = [
    (
        "stories published by more than one site",
        'akhbar sql "SELECT cluster_id, size, sites, first_title FROM article_clusters WHERE size > 1"',
    ),
    (
        "every copy with its similarity to the first one",
        'akhbar sql "SELECT id, site, dup_kind, duplicate_of_id, similarity, title FROM articles ORDER BY id"',
    ),
    (
        "events covered by several sites, in their own words or as copies, and who was first",
        "akhbar events --min-sites 2",
    ),
    (
        "Arabic search: the word with its clitics too (بالمغرب, والمغرب, للمغرب)",
        'akhbar search "المغرب"',
    ),
    (
        "a static report of the stories, their copies and sites, to open in a browser",
        "akhbar report",
    ),
]


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def write_seed(site_dir: Path, base: str, seeds_dir: Path, *, delay: float = 0.0, max_depth: int = 3) -> Path:
    """Write ``seeds_dir/<name>.toml`` for a site directory served at ``base``."""
    spec = json.loads((site_dir / "site.json").read_text(encoding="utf-8"))
    host = base.split("://", 1)[1]
    lines = [
        f"# Generated for a local copy of {spec['name']} served at {base}",
        f"name = {json.dumps(spec['name'])}",
        f"start_urls = {_toml_list([base + p for p in spec.get('start_urls', [])])}",
        f"feeds = {_toml_list([base + p for p in spec.get('feeds', [])])}",
        f"sitemaps = {_toml_list([base + p for p in spec.get('sitemaps', [])])}",
        f"allowed_domains = {_toml_list([host])}",
        f"article_url_patterns = {_toml_list(spec['article_url_patterns'])}",
        f"deny_url_patterns = {_toml_list(spec.get('deny_url_patterns', []))}",
        f"download_delay = {delay}",
        f"max_depth = {max_depth}",
    ]
    seeds_dir.mkdir(parents=True, exist_ok=True)
    path = seeds_dir / f"{spec['name']}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def run_demo(data_dir: Path, *, db_url: str | None = None, verbose: bool = False) -> int:
    seeds_dir = data_dir / "demo-seeds"
    ports_file = seeds_dir / "ports.json"
    previous: dict[str, int] = json.loads(ports_file.read_text()) if ports_file.exists() else {}
    sites = sorted(p for p in SITES_DIR.iterdir() if (p / "site.json").exists())
    with ExitStack() as stack:
        servers = {}
        for site_dir in sites:
            port = previous.get(site_dir.name, 0)
            server = SiteServer(site_dir, port if port and _port_free(port) else 0)
            stack.enter_context(server)
            servers[site_dir.name] = server
            write_seed(site_dir, server.base, seeds_dir)
        ports_file.write_text(json.dumps({name: s.port for name, s in servers.items()}))
        print("akhbar demo: serving " + ", ".join(f"{n} at {s.base}" for n, s in servers.items()))
        summary = crawl(
            CrawlOptions(
                seeds_dir,
                data_dir,
                db_url,
                overrides={
                    "LOG_LEVEL": "INFO" if verbose else "WARNING",
                    "AUTOTHROTTLE_ENABLED": False,
                    "DOWNLOAD_DELAY": 0,
                    "CLOSESPIDER_TIMEOUT": 120,
                },
            )
        )
    print(crawl_summary(summary))
    line, status = crawl_verdict(summary)
    if line:
        print(line, file=sys.stderr)
        return status
    print(f"\nThe store is {data_dir / 'akhbar.db'}. Queries to try:")
    data_opt = "" if data_dir == Path("var") else f" --data-dir {data_dir}"
    for title, command in QUERIES:
        program, sub, rest = (command + " ").split(" ", 2)  # the data dir goes right after the command's name
        print(f"\n  # {title}\n  {program} {sub}{data_opt} {rest}".rstrip())
    return status
