"""A canonical link is a hint, not an identity: no article is ever lost to one."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import article_html, crawl_ok, q, site_seed, story
from tests.reliability.hostile import HostileSite


def _crawl(tmp_path: Path, site: HostileSite) -> Path:
    seeds = site_seed(tmp_path / "seeds", site, [r"/news/.+\.html$"], start_urls=[site.base + "/list/"])
    return crawl_ok(seeds, tmp_path / "data")


def test_articles_whose_canonical_is_the_home_page_are_all_stored_under_their_own_url(
    tmp_path: Path, site: HostileSite
) -> None:
    paths = [f"/news/story-{n}.html" for n in range(1, 5)]
    site.route("/list/", "".join(f'<a href="{p}">{p}</a>' for p in paths))
    for n, path in enumerate(paths, 1):
        site.route(path, article_html(f"خبر رقم {n}", story(n), canonical="{BASE}/"))
    db = _crawl(tmp_path, site)
    assert sorted(u for (u,) in q(db, "SELECT url FROM articles")) == sorted(site.base + p for p in paths)
    assert q(db, "SELECT COUNT(*) FROM fetches WHERE outcome = 'seen_url'") == [(0,)]


def test_a_canonical_pointing_to_a_listing_or_another_article_drops_nothing(tmp_path: Path, site: HostileSite) -> None:
    site.route("/list/", '<a href="/news/alpha-101.html">a</a><a href="/news/beta-202.html">b</a>'
               '<a href="/news/gamma-303.html">c</a>')  # fmt: skip
    site.route("/news/alpha-101.html", article_html("ألفا", story(1)))
    site.route("/news/beta-202.html", article_html("بيتا", story(2), canonical="{BASE}/news/alpha-101.html"))
    site.route("/news/gamma-303.html", article_html("غاما", story(3), canonical="{BASE}/category/news/"))
    db = _crawl(tmp_path, site)
    urls = sorted(u for (u,) in q(db, "SELECT url FROM articles"))
    assert urls == sorted(
        site.base + p for p in ("/news/alpha-101.html", "/news/beta-202.html", "/news/gamma-303.html")
    )


def test_a_plausible_canonical_still_names_the_article(tmp_path: Path, site: HostileSite) -> None:
    # an AMP copy points at the article itself: the same article, stored once under its canonical URL
    site.route("/list/", '<a href="/news/amp/delta-404.html">amp</a>')
    site.route("/news/amp/delta-404.html", article_html("دلتا", story(4), canonical="{BASE}/news/delta-404.html"))
    db = _crawl(tmp_path, site)
    assert q(db, "SELECT url FROM articles") == [(site.base + "/news/delta-404.html",)]
