"""max_pages_per_run is spent on pages fetched, not on links the duplicate filter drops."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import crawl_ok, q, site_seed
from tests.reliability.hostile import HostileSite

ARTICLES, PAGES, PER_PAGE = 120, 12, 10


def test_links_seen_again_cost_no_budget(tmp_path: Path, site: HostileSite) -> None:
    # every listing page links its own 10 articles, the 20 "most read" ones and every other listing page
    popular = "".join(f'<a href="/news/{n}.html">{n}</a>' for n in range(20))
    pager = "".join(f'<a href="/list/{p}/">{p}</a>' for p in range(PAGES))
    for p in range(PAGES):
        own = "".join(f'<a href="/news/{n}.html">{n}</a>' for n in range(p * PER_PAGE, (p + 1) * PER_PAGE))
        site.route(f"/list/{p}/", f"<html><body>{own}{popular}{pager}</body></html>")
    for n in range(ARTICLES):
        site.route(f"/news/{n}.html", f"<html><body><p>{n}</p></body></html>")
    seeds = site_seed(
        tmp_path / "seeds",
        site,
        [r"/news/\d+\.html$"],
        start_urls=[site.base + "/list/0/"],
        max_depth=1,
        max_pages_per_run=ARTICLES + PAGES + 5,
    )
    db = crawl_ok(seeds, tmp_path / "data")
    fetched = {u for (u,) in q(db, "SELECT url FROM fetches")}
    assert {f"{site.base}/list/{p}/" for p in range(PAGES)} <= fetched
    assert {f"{site.base}/news/{n}.html" for n in range(ARTICLES)} <= fetched
