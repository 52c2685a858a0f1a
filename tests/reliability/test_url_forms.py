"""URL forms: the host akhbar checks is the host Scrapy requests, and one URL has one spelling.

``allowed_domains`` is decided on the URL exactly as Scrapy will request it (w3lib's
``safe_url_string``: ``\\`` becomes ``/``, hosts are lower-cased and IDNA-encoded), so no
spelling trick (backslash, userinfo, ports) reaches a host the seed did not allow.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from scrapy import Request
from w3lib.url import safe_url_string

from crawler.discovery import canonicalize_url
from crawler.seeds import Site, load_seed
from tests.reliability.conftest import article_html, crawl, q, site_seed, story, write_seed
from tests.reliability.hostile import HostileSite

SITE = Site(
    name="forms",
    article_url_patterns=(),
    allowed_domains=("example.ma", "127.0.0.1:8080", "xn--mgbh0fb.example", "plain.ma:80"),
)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.example.ma/a", True),
        ("https://example.ma/a", True),
        ("https://EXAMPLE.MA/a", True),  # host names are case-insensitive
        ("https://ＥＸＡＭＰＬＥ.ma/a", True),  # full-width letters: requested as example.ma
        ("https://example.ma./a", True),  # the trailing dot names the same host
        ("http://example.ma:80/a", True),  # default ports count as no port
        ("https://example.ma:443/a", True),
        ("https://example.ma:8443/a", False),  # another port is another service
        ("http://example.ma:6379/", False),
        ("http://127.0.0.1:8080/x", True),
        ("http://127.0.0.1:08080/x", True),  # requested on port 8080
        ("http://127.0.0.1:8081/x", False),  # the port must match when the allowed domain names one
        ("http://127.0.0.1/x", False),
        ("http://plain.ma/x", True),  # plain.ma:80 is plain.ma
        ("http://plain.ma:8080/x", False),
        ("http://localhost:8080\\@127.0.0.1:8080/x", False),  # Scrapy requests localhost:8080
        ("http://evil.ma\\@example.ma/", False),  # Scrapy requests evil.ma
        ("http://127.0.0.1:8080\\@evil.ma/x", True),  # requested from 127.0.0.1:8080 (path "/@evil.ma/x")
        ("http://127.0.0.1:8080@evil:9090/", False),  # userinfo before the real host
        ("http://example.ma@evil.ma/", False),
        ("http://user:pw@example.ma/", False),  # userinfo is never used: no host can hide behind it
        ("http://example.ma%2F@evil.ma/", False),
        ("http://evil.ma#@example.ma/", False),
        ("http://evil.ma?@example.ma/", False),
        ("http://example.ma.evil.ma/", False),
        ("http://notexample.ma/", False),  # a suffix is not a subdomain
        ("http://مثال.example/x", True),  # IDN: requested as xn--mgbh0fb.example
        ("http://xn--mgbh0fb.example/x", True),
        ("http://exa\tmple.ma/", True),  # tabs are dropped by the URL parser
        ("http://ex ample.ma/", False),
        ("http://example.ma:99999/", False),  # not a port: refused, not an exception
        ("http://[::1/", False),
        ("ftp://example.ma/", False),  # http and https only
        ("javascript:alert(1)//example.ma", False),
        ("//example.ma/x", False),
        ("", False),
    ],
)
def test_allows_host_reads_the_url_as_scrapy_requests_it(url: str, allowed: bool) -> None:
    assert SITE.allows_host(url) is allowed


def test_an_allowed_url_is_requested_from_an_allowed_host() -> None:
    """The promise itself: whatever Scrapy makes of an allowed URL stays on an allowed host."""
    for url in ("http://127.0.0.1:8080\\@evil.ma/x", "https://EXAMPLE.ma./a", "http://مثال.example/x"):
        assert SITE.allows_host(url)
        assert SITE.allows_host(Request(url).url)


def test_allowed_domains_may_be_written_in_unicode_or_upper_case(tmp_path: Path) -> None:
    path = write_seed(
        tmp_path,
        "idn",
        start_urls=["https://www.مثال.example/"],
        allowed_domains=["مثال.example", "WWW.Example.MA"],
        article_url_patterns=["/x"],
    )
    site = load_seed(path)
    assert site.allowed_domains == ("xn--mgbh0fb.example", "www.example.ma")
    assert site.allows_host("https://www.xn--mgbh0fb.example/a") and site.allows_host("https://www.example.ma/")


def test_default_allowed_domains_keep_the_port_of_the_seed_urls(tmp_path: Path) -> None:
    path = write_seed(tmp_path, "local", start_urls=["http://127.0.0.1:8080/"], article_url_patterns=["/x"])
    site = load_seed(path)
    assert site.allowed_domains == ("127.0.0.1:8080",)
    assert not site.allows_host("http://127.0.0.1:9090/")


@pytest.mark.parametrize(
    "forms",
    [
        (
            "https://www.hespress.com/مثال-123.html",
            "https://www.hespress.com/%d9%85%d8%ab%d8%a7%d9%84-123.html",
            "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-123.html",
            "HTTPS://WWW.HESPRESS.COM:443/%D9%85%D8%AB%D8%A7%D9%84-123.html#comments",
            "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-123.html?utm_source=fb&fbclid=x",
        ),
        ("https://x.ma/a?b=2&a=1", "https://x.ma/a?a=1&b=2", "https://x.ma/a?a=1&utm_medium=rss&b=2#top"),
        ("https://x.ma/?q=مثال", "https://x.ma/?q=%d9%85%d8%ab%d8%a7%d9%84", "https://x.ma?q=%D9%85%D8%AB%D8%A7%D9%84"),
        ("https://x.ma/a b", "https://x.ma/a%20b"),
        ("https://مثال.example/", "https://xn--mgbh0fb.example/"),
    ],
)
def test_every_spelling_of_a_url_has_one_canonical_form(forms: tuple[str, ...]) -> None:
    canonical = {canonicalize_url(u) for u in forms}
    assert len(canonical) == 1, canonical
    (one,) = canonical
    assert canonicalize_url(one) == one  # idempotent
    assert safe_url_string(one) == one == Request(one).url  # what Scrapy requests and records, unchanged


def test_hespress_slug_canonical_form_is_upper_case_percent_encoding() -> None:
    assert (
        canonicalize_url("https://www.hespress.com/مثال-123.html")
        == "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-123.html"
    )


@pytest.mark.parametrize("url", ["http://x.ma:99999/", "http://[::1/", "not a url", "http://x.ma/\udcff"])
def test_canonicalize_never_raises_on_a_hostile_link(url: str) -> None:
    canonicalize_url(url)
    canonicalize_url(url, base="https://x.ma/a/")


def test_a_backslash_link_is_not_requested_from_another_host(
    tmp_path: Path, site: HostileSite, other_site: HostileSite
) -> None:
    """``http://localhost:P\\@127.0.0.1:P/`` looks like 127.0.0.1 to urlsplit but Scrapy asks localhost."""
    tricks = [
        f"http://localhost:{site.port}\\@127.0.0.1:{site.port}/news/1.html",
        f"http://127.0.0.1:{site.port}@127.0.0.1:{other_site.port}/news/2.html",
        f"http://127.0.0.1:{other_site.port}\\@127.0.0.1:{site.port}/news/3.html",
    ]
    site.route("/", "".join(f'<a href="{u}">x</a>' for u in tricks))
    seeds = tmp_path / "seeds"
    site_seed(seeds, site, [r"/news/\d+\.html$"])
    result = crawl(seeds, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert site.asked("/")
    assert all(h == f"127.0.0.1:{site.port}" for h in site.hosts), site.hosts
    assert other_site.hits == []


SLUG = "مثال-على-خبر"


def test_an_arabic_slug_linked_in_three_spellings_is_fetched_once_and_never_again(
    tmp_path: Path, site: HostileSite
) -> None:
    """Hespress-style ``/<arabic-slug>-<id>.html`` linked raw, ``%D9…`` and ``%d9…``: one URL, one fetch."""
    path = f"/{SLUG}-4242.html"
    upper, lower = quote(path), quote(path).lower()
    assert upper != lower and unquote(lower) == path
    for served in (upper, lower):
        site.route(served, article_html("خبر بثلاث كتابات", story(42)))
    site.route("/", "".join(f'<a href="{{BASE}}{form}">x</a>' for form in (path, upper, lower)))
    seeds = tmp_path / "seeds"
    site_seed(seeds, site, [r"-\d+\.html$"])
    data = tmp_path / "data"

    def article_hits() -> int:
        return sum(1 for h in site.hits if unquote(h) == path)

    result = crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    assert article_hits() == 1, site.hits
    db = data / "akhbar.db"
    rows = q(db, "SELECT a.url, f.url FROM articles a JOIN fetches f ON f.id = a.fetch_id")
    assert rows == [(site.base + upper, site.base + upper)]

    result = crawl(seeds, data)
    assert result.returncode == 0, result.stderr
    assert article_hits() == 1, site.hits  # the second run knows the article under every spelling
    assert canonicalize_url(site.base + path) == site.base + upper
