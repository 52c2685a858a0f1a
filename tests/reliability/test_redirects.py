"""Redirect chains are recorded under the URL that was asked, loops included."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import crawl_ok, q, site_seed
from tests.reliability.hostile import HostileSite


def _crawl(tmp_path: Path, site: HostileSite) -> Path:
    return crawl_ok(site_seed(tmp_path / "seeds", site, [r"/news/"]), tmp_path / "data")


def test_a_redirect_loop_leaves_a_fetch_row(tmp_path: Path, site: HostileSite) -> None:
    site.route("/", '<a href="/news/loop-a">a</a>')
    site.redirect("/news/loop-a", "{BASE}/news/loop-b")
    site.redirect("/news/loop-b", "{BASE}/news/loop-a")
    db = _crawl(tmp_path, site)
    assert q(db, "SELECT url, outcome FROM fetches WHERE url LIKE '%loop%'") == [(site.base + "/news/loop-a", "error")]


def test_a_long_redirect_chain_is_recorded_under_the_url_asked(tmp_path: Path, site: HostileSite) -> None:
    site.route("/", '<a href="/news/hop-0">a</a>')
    for n in range(30):
        site.redirect(f"/news/hop-{n}", f"{{BASE}}/news/hop-{n + 1}")
    db = _crawl(tmp_path, site)
    rows = q(db, "SELECT url FROM fetches WHERE url LIKE '%hop%'")
    assert rows == [(site.base + "/news/hop-0",)]
