"""Never off-site: one boundary check for every request and every redirect hop, read as Scrapy requests it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.reliability.conftest import article_html, crawl, q, site_seed, story
from tests.reliability.hostile import HostileSite

ARTICLE = r"/news/\d+\.html$"


def _seed(tmp_path: Path, site: HostileSite, **keys: Any) -> Path:
    return site_seed(tmp_path / "seeds", site, [ARTICLE], **keys)


def test_a_redirect_to_another_host_name_or_port_is_never_followed(
    tmp_path: Path, site: HostileSite, other_site: HostileSite
) -> None:
    site.route("/", '<a href="/news/1.html">a</a><a href="/news/2.html">b</a><a href="/news/3.html">c</a>')
    site.redirect("/news/1.html", f"http://localhost:{site.port}/news/11.html")  # same server, other host name
    site.redirect("/news/2.html", f"{other_site.base}/news/12.html")  # same host, other port
    site.route("/news/3.html", article_html("خبر محلي", story(3)))
    other_site.route("/news/12.html", article_html("خبر خارجي", story(12), links=["/news/13.html"]))
    site.route("/news/11.html", article_html("خبر عبر اسم آخر", story(11)))
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site), data)
    assert result.returncode == 0, result.stderr
    assert other_site.hits == []
    assert all(h.startswith("127.0.0.1:") for h in site.hosts), site.hosts
    assert [u for (u,) in q(data / "akhbar.db", "SELECT url FROM articles")] == [site.base + "/news/3.html"]
    # the refused hops are recorded, under the URL that was asked
    refused = dict(q(data / "akhbar.db", "SELECT url, outcome FROM fetches WHERE outcome = 'off_site'"))
    assert set(refused) == {site.base + "/news/1.html", site.base + "/news/2.html"}


def test_a_redirect_into_deny_patterns_is_never_fetched(tmp_path: Path, site: HostileSite) -> None:
    site.route("/", '<a href="/news/1.html">a</a>')
    site.redirect("/news/1.html", "{BASE}/private/news/5.html")
    site.route("/private/news/5.html", article_html("خاص", story(5)))
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site, deny_url_patterns=["/private/"]), data)
    assert result.returncode == 0, result.stderr
    assert not site.asked("/private/news/5.html")
    assert q(data / "akhbar.db", "SELECT COUNT(*) FROM articles") == [(0,)]


def test_a_backslash_userinfo_link_is_read_as_scrapy_requests_it(tmp_path: Path, site: HostileSite) -> None:
    # urlsplit sees host 127.0.0.1 here; Scrapy turns '\' into '/' and asks localhost
    trick = f"http://localhost:{site.port}\\@127.0.0.1:{site.port}/news/7.html"
    site.route("/", f'<a href="{trick}">x</a><a href="/news/8.html">y</a>')
    site.route("/news/7.html", article_html("فخ", story(7)))
    site.route("/news/8.html", article_html("خبر", story(8)))
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site), data)
    assert result.returncode == 0, result.stderr
    assert all(h.startswith("127.0.0.1:") for h in site.hosts), site.hosts
    assert [u for (u,) in q(data / "akhbar.db", "SELECT url FROM articles")] == [site.base + "/news/8.html"]


def test_a_feed_entry_or_sitemap_on_another_host_is_never_fetched(
    tmp_path: Path, site: HostileSite, other_site: HostileSite
) -> None:
    site.route(
        "/feed.xml",
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>{other_site.base}/news/1.html</link></item>
<item><link>http://localhost:{site.port}/news/2.html</link></item>
<item><link>{{BASE}}/news/3.html</link></item></channel></rss>""",
        content_type="application/rss+xml",
    )
    site.route("/news/3.html", article_html("خبر", story(3)))
    other_site.route("/news/1.html", article_html("خارج", story(1)))
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site, feeds=[site.base + "/feed.xml"], start_urls=[]), data)
    assert result.returncode == 0, result.stderr
    assert other_site.hits == []
    assert all(h.startswith("127.0.0.1:") for h in site.hosts), site.hosts
    assert q(data / "akhbar.db", "SELECT COUNT(*) FROM articles") == [(1,)]
