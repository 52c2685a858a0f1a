"""The fixture news site and its mirror (``tests/fixtures/site{,_mirror}``) served on 127.0.0.1, with seeds.

Crawl tests import the fixtures ``servers`` and ``seeds`` from here (one pair of servers per test module).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.run import write_seed
from crawler.demo.server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"
SITE, MIRROR = FIXTURES / "site", FIXTURES / "site_mirror"
EXPECTED = json.loads((SITE / "EXPECTED.json").read_text(encoding="utf-8"))


def write_seeds(path: Path, servers: dict[str, SiteServer]) -> Path:
    """Seeds for the fixture site and its mirror as ``servers`` serve them, in ``path``."""
    write_seed(SITE, servers["fixture"].base, path, max_depth=2)
    write_seed(MIRROR, servers["mirror"].base, path, max_depth=2)
    return path


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, SiteServer]]:
    with SiteServer(SITE) as site, SiteServer(MIRROR) as mirror:
        yield {"fixture": site, "mirror": mirror}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, servers: dict[str, SiteServer]) -> Path:
    return write_seeds(tmp_path_factory.mktemp("seeds"), servers)
