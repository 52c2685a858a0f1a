"""robots.txt always obeyed: settled before any request of its site; unreachable means skip the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.reliability.conftest import article_html, crawl, q, site_seed, story, write_seed
from tests.reliability.hostile import HostileSite

ARTICLE = r"/news/\d+\.html$"


def _seed(tmp_path: Path, site: HostileSite, **keys: Any) -> Path:
    start = [site.base + "/", site.base + "/private/list.html"]
    return site_seed(tmp_path / "seeds", site, [ARTICLE], **{"start_urls": start, **keys})


def _site(site: HostileSite) -> None:
    site.route("/", '<a href="/news/1.html">a</a><a href="/private/news/2.html">b</a>')
    site.route("/news/1.html", article_html("خبر عام", story(1)))
    site.route("/private/list.html", '<a href="/private/news/3.html">c</a>')
    site.route("/private/news/2.html", article_html("خاص", story(2)))
    site.route("/private/news/3.html", article_html("خاص", story(3)))
    site.route(
        "/private/sitemap.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{BASE}/private/news/4.html</loc></url></urlset>",
        content_type="application/xml",
    )


def test_disallowed_start_urls_and_sitemaps_are_never_fetched_even_while_robots_loads(
    tmp_path: Path, site: HostileSite
) -> None:
    _site(site)
    site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain", delay=1.0)
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site, sitemaps=[site.base + "/private/sitemap.xml"]), data)
    assert result.returncode == 0, result.stderr
    assert [h for h in site.hits if h.startswith("/private/")] == []
    assert site.hits[0] == "/robots.txt"  # nothing of the site left before its robots.txt was settled
    assert [u for (u,) in q(data / "akhbar.db", "SELECT url FROM articles")] == [site.base + "/news/1.html"]


def test_robots_answering_5xx_skips_the_site_with_one_warning_and_a_fetch_row(
    tmp_path: Path, site: HostileSite
) -> None:
    _site(site)
    site.route("/robots.txt", "down", status=503, content_type="text/plain")
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site), data)
    assert set(site.hits) == {"/robots.txt"}  # retried, then nothing else
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "HTTP 503" in line]
    assert len(lines) == 1 and "robots.txt" in lines[0] and "hostile" in lines[0], result.stderr  # said once
    verdict = [line for line in result.stderr.splitlines() if "yielded no article" in line]
    assert len(verdict) == 1 and "unreachable" in verdict[0], result.stderr  # and why the site gave nothing
    rows = q(data / "akhbar.db", "SELECT url, outcome, status FROM fetches")
    assert rows == [(site.base + "/robots.txt", "robots_unavailable", 503)]


def test_robots_over_the_size_cap_skips_the_site(tmp_path: Path, site: HostileSite) -> None:
    _site(site)
    site.route("/robots.txt", "User-agent: *\nAllow: /\n" + "#" * (2 * 1024 * 1024), content_type="text/plain")
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site), data)
    assert set(site.hits) == {"/robots.txt"}
    assert "Traceback" not in result.stderr
    assert q(data / "akhbar.db", "SELECT outcome FROM fetches WHERE url LIKE '%/robots.txt'") == [
        ("robots_unavailable",)
    ]


def test_robots_answering_404_allows_everything(tmp_path: Path, site: HostileSite) -> None:
    _site(site)  # no /robots.txt route: 404
    data = tmp_path / "data"
    result = crawl(_seed(tmp_path, site), data)
    assert result.returncode == 0, result.stderr
    assert q(data / "akhbar.db", "SELECT COUNT(*) FROM articles") == [(3,)]


def test_an_unreachable_site_gives_one_warning_line_per_cause_and_no_traceback(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    seeds = tmp_path / "seeds"
    base = f"http://127.0.0.1:{port}"
    write_seed(
        seeds,
        "dead",
        start_urls=[base + "/", base + "/a", base + "/b"],
        feeds=[base + "/feed.xml"],
        article_url_patterns=[ARTICLE],
        download_delay=0,
    )
    result = crawl(seeds, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "dead" in line]
    assert len(warnings) <= 2, result.stderr  # the cause once, and the end-of-run verdict
    assert any("unreachable" in line for line in warnings), result.stderr
