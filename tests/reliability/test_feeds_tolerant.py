"""Feeds and sitemaps as real sites serve them: one broken character does not drop the whole document.

An HTML entity (``&nbsp;``), a bare ``&`` or whitespace before the XML declaration made a
strict parser drop the feed and every article it listed. Feeds are now read with feedparser
and sitemaps fall back to a recovering parser; the bomb guards (no entity declarations, size
caps) still run before any parser sees the bytes.
"""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import article_html, crawl, q, story, write_seed
from tests.reliability.hostile import HostileSite

PATHS = [f"/news/{n}.html" for n in (101, 102, 103)]

BROKEN_RSS = """

   <?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار&nbsp;اليوم</title><link>{BASE}/</link>
<item><title>الأول&nbsp;من نوعه</title><link>{BASE}/news/101.html</link></item>
<item><title>S & P: الأسواق</title><link>{BASE}/news/102.html?from=rss&amp;x=1</link></item>
<item><title>ثالث</title><link>{BASE}/news/103.html</link><description>a < b & c</description></item>
</channel></rss>"""

BROKEN_SITEMAP = """
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{BASE}/news/101.html</loc></url>
<url><loc>{BASE}/news/102.html?from=sitemap&x=1</loc></url>
<url><loc>{BASE}/news/103.html&nbsp;</loc></url>
</urlset>"""


def _serve_articles(site: HostileSite) -> None:
    for n, path in enumerate(PATHS):
        site.route(path, article_html(f"خبر رقم {n}", story(n + 7)))


def _crawl(tmp_path: Path, site: HostileSite, **keys: object) -> Path:
    seeds = tmp_path / "seeds"
    defaults: dict[str, object] = {
        "allowed_domains": [f"127.0.0.1:{site.port}"],
        "article_url_patterns": [r"/news/\d+\.html"],
        "follow_links": False,
        "download_delay": 0,
    }
    write_seed(seeds, "hostile", **{**defaults, **keys})
    data = tmp_path / "data"
    result = crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    return data / "akhbar.db"


def test_a_feed_with_entities_a_bare_ampersand_and_leading_whitespace_still_gives_its_articles(
    tmp_path: Path, site: HostileSite
) -> None:
    site.route("/feed.xml", BROKEN_RSS, content_type="application/rss+xml; charset=utf-8")
    _serve_articles(site)
    db = _crawl(tmp_path, site, feeds=[site.base + "/feed.xml"])
    assert all(site.asked(p) for p in PATHS), site.hits
    assert q(db, "SELECT COUNT(*) FROM articles") == [(3,)]


def test_a_sitemap_with_a_bare_ampersand_and_leading_whitespace_still_gives_its_articles(
    tmp_path: Path, site: HostileSite
) -> None:
    site.route("/sitemap.xml", BROKEN_SITEMAP, content_type="application/xml")
    _serve_articles(site)
    db = _crawl(tmp_path, site, sitemaps=[site.base + "/sitemap.xml"])
    assert all(site.asked(p) for p in PATHS), site.hits
    assert q(db, "SELECT COUNT(*) FROM articles") == [(3,)]
    assert any(h.startswith("/news/102.html?") and "x=1" in h for h in site.hits), site.hits  # the query kept whole


def test_a_feed_url_serving_an_html_page_is_no_feed_and_the_crawl_goes_on(tmp_path: Path, site: HostileSite) -> None:
    site.route("/feed.xml", article_html("ليست خلاصة", story(1), links=[site.base + "/news/101.html"]))
    site.route("/", f'<a href="{site.base}/news/102.html">x</a>')
    _serve_articles(site)
    db = _crawl(tmp_path, site, feeds=[site.base + "/feed.xml"], start_urls=[site.base + "/"], follow_links=True)
    assert not site.asked("/news/101.html")  # a link of the HTML page is not a feed entry
    assert q(db, "SELECT url FROM articles") == [(site.base + "/news/102.html",)]
