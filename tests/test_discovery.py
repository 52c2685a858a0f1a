from __future__ import annotations

import gzip

import pytest

from crawler.discovery import NotXml, canonicalize_url, feed_entries, is_pagination, page_links, sitemap_entries


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("https://X.ma/a/1.html?utm_source=rss&utm_medium=feed#comments", "https://x.ma/a/1.html"),
        ("https://x.ma/a?id=3&fbclid=abc&gclid=z", "https://x.ma/a?id=3"),
        ("https://x.ma:443/a", "https://x.ma/a"),
        ("http://127.0.0.1:8080/a#x", "http://127.0.0.1:8080/a"),
        ("https://x.ma", "https://x.ma/"),
    ],
)
def test_canonicalize(raw: str, canonical: str) -> None:
    assert canonicalize_url(raw) == canonical


def test_feeds_rss_and_atom() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>https://x.ma/a.html</link></item>
    <item><guid isPermaLink="true">https://x.ma/b.html</guid></item>
    <item><link>/c.html</link></item></channel></rss>"""
    assert feed_entries(rss, "https://x.ma/feed") == [
        "https://x.ma/a.html",
        "https://x.ma/b.html",
        "https://x.ma/c.html",
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="https://x.ma/d"/>
    <link rel="replies" href="https://x.ma/d#c"/></entry></feed>"""
    assert feed_entries(atom, "https://x.ma/") == ["https://x.ma/d"]


def test_sitemaps_index_urlset_news_and_gzip() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.ma/s1.xml</loc></sitemap></sitemapindex>"""
    assert sitemap_entries(index, "https://x.ma/").is_index
    news = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.ma/n/1.html</loc>
    <news:news><news:publication_date>2024-05-01</news:publication_date></news:news></url></urlset>"""
    got = sitemap_entries(gzip.compress(news), "https://x.ma/")
    assert not got.is_index and got.urls == ["https://x.ma/n/1.html"]


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>not a feed</body></html>",
        b"garbage \x00\x01",
        b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]>
        <rss><channel><item><link>&lol1;</link></item></channel></rss>""",
        b"\x1f\x8bnot really gzip",
    ],
)
def test_not_xml_is_refused(body: bytes) -> None:
    with pytest.raises(NotXml):
        feed_entries(body, "https://x.ma/")
    with pytest.raises(NotXml):
        sitemap_entries(body, "https://x.ma/")


def test_page_links_and_pagination() -> None:
    body = b"""<html><head><link rel="next" href="/cat/page/2/"></head><body>
    <a href="/a.html">a</a><a href="/a.html">again</a><a href="mailto:x@y">m</a><a href="#top">t</a>
    <a href="https://other.ma/b">b</a></body></html>"""
    got = page_links(body, "https://x.ma/cat/")
    assert got.links == ["https://x.ma/a.html", "https://other.ma/b"]
    assert got.next_pages == ["https://x.ma/cat/page/2/"]
    assert is_pagination("https://x.ma/cat/page/2/") and is_pagination("https://x.ma/list?page=3")
    assert not is_pagination("https://x.ma/2024/05/slug-123.html")


def test_page_links_read_raw_arabic_hrefs_of_a_page_without_meta_charset() -> None:
    """A page whose charset is only in the HTTP header (no ``<meta charset>``): its UTF-8 links stay Arabic."""
    body = '<html><body><a href="/مثال-12.html">x</a></body></html>'.encode()
    assert page_links(body, "https://x.ma/").links == ["https://x.ma/مثال-12.html"]
    legacy = '<html><head><meta charset="windows-1256"></head><body><a href="/مثال-12.html">x</a></body></html>'
    assert page_links(legacy.encode("cp1256"), "https://x.ma/").links == ["https://x.ma/مثال-12.html"]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("https://www.hespress.com/مثال-123.html", "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-123.html"),
        ("https://www.hespress.com/%d9%85%d8%ab%d8%a7%d9%84-123.html", "https://www.hespress.com/%D9%85%D8%AB%D8%A7%D9%84-123.html"),
        ("https://x.ma/a?b=2&utm_source=x&a=1", "https://x.ma/a?a=1&b=2"),
        ("https://x.ma/a?utm%5Fsource=x&id=1", "https://x.ma/a?id=1"),  # an encoded tracking name is still one
        ("https://x.ma/%7euser/", "https://x.ma/~user/"),
        ("http://x.ma:80/a?", "http://x.ma/a"),
        ("https://x.ma:8443/a", "https://x.ma:8443/a"),
        ("/b/c.html#top", "https://x.ma/b/c.html"),  # relative to the base
    ],
)  # fmt: skip
def test_canonical_form_follows_w3lib(raw: str, canonical: str) -> None:
    assert canonicalize_url(raw, base="https://x.ma/a/") == canonical
    assert canonicalize_url(canonical) == canonical


RSS_ITEMS = """<item><title>أ&nbsp;ب</title><link>https://x.ma/a.html?x=1&y=2</link></item>
<item><title>S & P</title><guid>https://x.ma/b.html</guid></item>
<item><title>ج</title><link>/c.html</link></item>"""
RSS_WANT = ["https://x.ma/a.html?x=1&y=2", "https://x.ma/b.html", "https://x.ma/c.html"]


@pytest.mark.parametrize(
    "body",
    [
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t&nbsp;</title>{RSS_ITEMS}</channel></rss>'.encode(),
        f'\n\n   <?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>{RSS_ITEMS}</channel></rss>'.encode(),
        f'\ufeff\n <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{RSS_ITEMS}</channel></rss>'.encode(),
        gzip.compress(f'  <?xml version="1.0"?><rss version="2.0"><channel>{RSS_ITEMS}</channel></rss>'.encode()),
        f'<rss version="2.0"><channel>{RSS_ITEMS}'.encode(),  # cut short
    ],
    ids=["html-entity-and-bare-ampersand", "whitespace-before-declaration", "bom-and-whitespace", "gzip", "truncated"],
)
def test_broken_feeds_still_give_their_entries(body: bytes) -> None:
    assert feed_entries(body, "https://x.ma/feed/") == RSS_WANT


def test_broken_atom_and_legacy_encodings() -> None:
    atom = b"""  <feed xmlns="http://www.w3.org/2005/Atom"><title>a&nbsp;&copy;</title>
    <entry><link rel="alternate" href="https://x.ma/d"/><link rel="replies" href="https://x.ma/d#c"/></entry>
    <entry><title>R & D</title><link href="/e"/></entry></feed>"""
    assert feed_entries(atom, "https://x.ma/") == ["https://x.ma/d", "https://x.ma/e"]
    legacy = '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><item><title>ا&nbsp;</title>'
    legacy += "<link>https://x.ma/مثال-1.html</link></item></channel></rss>"
    assert feed_entries(legacy.encode("cp1256"), "https://x.ma/") == ["https://x.ma/مثال-1.html"]


def test_an_empty_feed_is_a_feed_and_a_guid_that_is_not_a_link_is_no_entry() -> None:
    assert feed_entries(b'<rss version="2.0"><channel><title>t</title></channel></rss>', "https://x.ma/") == []
    no_link = b'<rss version="2.0"><channel><item><guid isPermaLink="false">abc-123</guid></item></channel></rss>'
    assert feed_entries(no_link, "https://x.ma/") == []


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body><p>a page</p></body></html>",
        b"\n  <html><head><title>x</title></head><body><a href='/a'>a</a></body></html>",
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.ma/1</loc></url></urlset>',
        b'{"items": [{"url": "https://x.ma/1"}]}',
        b"",
        # the entity declarations after 100 kB of comments: still refused before any parser sees them
        b"<!--"
        + b" " * 100_000
        + b'--><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><link>&a;</link></item></channel></rss>',
    ],
    ids=["html", "html-no-doctype", "sitemap", "json", "empty", "late-entity-declaration"],
)
def test_what_is_not_a_feed_at_all_is_refused(body: bytes) -> None:
    with pytest.raises(NotXml):
        feed_entries(body, "https://x.ma/")


def test_a_broken_feed_too_large_for_the_tolerant_parser_is_refused_quickly() -> None:
    import time

    from crawler.discovery import MAX_TOLERANT_BYTES

    body = b'<rss version="2.0"><channel>' + b"<a " * (MAX_TOLERANT_BYTES // 3 + 10)
    started = time.perf_counter()
    with pytest.raises(NotXml, match="tolerant"):
        feed_entries(body, "https://x.ma/")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "body",
    [
        b'\n\n  <?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://x.ma/a?x=1&y=2</loc></url><url><loc>https://x.ma/b</loc></url></urlset>",
        b'\xef\xbb\xbf <?xml version="1.0"?><urlset><url><loc>https://x.ma/a?x=1&amp;y=2</loc></url>'
        b"<url><loc>https://x.ma/b&nbsp;</loc></url></urlset>",
        b"<urlset><url><loc>https://x.ma/a?x=1&y=2</loc></url><url><loc>https://x.ma/b</loc></url>",  # cut short
    ],
    ids=["whitespace-and-bare-ampersand", "bom-and-html-entity", "truncated"],
)
def test_broken_sitemaps_still_give_their_entries(body: bytes) -> None:
    got = sitemap_entries(body, "https://x.ma/")
    assert not got.is_index and got.urls == ["https://x.ma/a?x=1&y=2", "https://x.ma/b"]
