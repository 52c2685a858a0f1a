"""Every trap at once: one hostile site, crawled twice, holds the issue's promises together.

Feed with HTML entities, an Arabic slug linked in three forms, redirects to another host
name and port, a backslash-userinfo link, a robots.txt that is slow to answer and disallows
a start URL, canonical links to the home page, a deny pattern behind a redirect.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote

from tests.reliability.conftest import article_html, crawl, q, story, write_seed
from tests.reliability.hostile import HostileSite

SLUG = "المغرب-يحتضن-مؤتمرا-دوليا-9001"


def _build(site: HostileSite, other: HostileSite) -> list[str]:
    """Serve the traps; return the article paths that must be stored (once each)."""
    encoded = quote(SLUG)  # %D8%A7... upper case
    articles = [f"/news/{encoded}.html", "/news/story-9002.html", "/news/story-9003.html", "/news/story-9004.html"]
    port = site.port
    site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain", delay=0.8)
    site.route(
        "/feed.xml",
        '  \n<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار&nbsp;اليوم & غدا</title>'
        "<item><title>خبر&nbsp;أول</title><link>{BASE}/news/story-9002.html?utm_source=rss</link></item>"
        f"<item><title>ثان & ثالث</title><link>{{BASE}}/news/{encoded.lower()}.html</link></item>"
        "</channel></rss>",
        content_type="application/rss+xml",
        headers={"ETag": '"feed-1"'},
    )
    links = [
        f"/news/{SLUG}.html",  # raw Arabic
        f"/news/{encoded}.html",  # %D8
        f"/news/{encoded.lower()}.html",  # %d8
        "/news/story-9003.html#comments",
        "/news/story-9004.html",
        "/go/elsewhere",  # -> localhost
        "/go/other-port",  # -> another port
        "/go/denied",  # -> a denied path
        f"http://localhost:{port}\\@127.0.0.1:{port}/news/story-9100.html",  # backslash trick
        f"http://127.0.0.1:{port}@localhost:{port}/news/story-9101.html",  # userinfo trick
        "/private/news/story-9200.html",
    ]
    site.route("/", "<html><body>" + "".join(f'<a href="{u}">{i}</a>' for i, u in enumerate(links)) + "</body></html>")
    site.redirect("/go/elsewhere", f"http://localhost:{port}/news/story-9300.html")
    site.redirect("/go/other-port", f"{other.base}/news/story-9301.html")
    site.redirect("/go/denied", "{BASE}/admin/news/story-9302.html")
    site.route(f"/news/{encoded}.html", article_html("المغرب يحتضن مؤتمرا دوليا", story(1)))
    for n, path in ((2, articles[1]), (3, articles[2]), (4, articles[3])):
        site.route(path, article_html(f"خبر رقم {n}", story(n), canonical="{BASE}/"))  # canonical: the home page
    for path in ("/news/story-9100.html", "/news/story-9101.html", "/news/story-9300.html", "/private/news/story-9200.html",
                 "/admin/news/story-9302.html"):  # fmt: skip
        site.route(path, article_html("لا يجب جلبه", story(99)))
    other.route("/news/story-9301.html", article_html("خارج الموقع", story(98)))
    site.route("/private/", '<a href="/private/news/story-9200.html">x</a>')
    return articles


def test_a_hostile_site_is_crawled_within_its_bounds_and_loses_nothing(
    tmp_path: Path, site: HostileSite, other_site: HostileSite
) -> None:
    articles = _build(site, other_site)
    seeds = tmp_path / "seeds"
    write_seed(
        seeds,
        "hostile",
        start_urls=[site.base + "/", site.base + "/private/"],
        feeds=[site.base + "/feed.xml"],
        allowed_domains=[f"127.0.0.1:{site.port}"],
        article_url_patterns=[r"/news/[^/]+\.html"],
        deny_url_patterns=["/admin/"],
        download_delay=0,
    )
    data = tmp_path / "data"
    result = crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    db = data / "akhbar.db"

    assert other_site.hits == []  # zero requests to another port
    assert {h for h in site.hosts} == {f"127.0.0.1:{site.port}"}  # zero requests under another host name
    assert site.hits[0] == "/robots.txt"
    assert not [h for h in site.hits if h.startswith(("/private/", "/admin/"))]
    asked = Counter(h.split("?")[0].split("#")[0].lower() for h in site.hits if h.startswith("/news/"))
    assert all(n == 1 for n in asked.values()), asked  # each article fetched once, whatever form it was linked in

    stored = sorted(u for (u,) in q(db, "SELECT url FROM articles"))
    assert stored == sorted(site.base + p for p in articles)  # none lost to the home-page canonical
    fetched = {u for (u,) in q(db, "SELECT url FROM fetches WHERE outcome = 'article'")}
    assert set(stored) == fetched  # one URL form in both tables

    # a second run fetches no article again
    before = len(site.hits)
    result = crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    assert not [h for h in site.hits[before:] if h.startswith("/news/")]
