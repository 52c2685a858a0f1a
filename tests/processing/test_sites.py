"""The stable site value of a page, and entity decoding (crawler/processing/sites.py)."""

from __future__ import annotations

import pytest

from crawler.processing.sites import site_of, unescape


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.hespress.com/%D8%A7-1.html", "hespress.com"),
        ("https://fr.hespress.com/x.html", "hespress.com"),
        ("http://m.alyaum.com.sa/article/4080133", "alyaum.com.sa"),  # a two-part public suffix
        ("http://127.0.0.1:8000/news/1.html", "127.0.0.1"),
        ("https://www.akhbarona.example/national/1.html", "akhbarona.example"),  # not a public suffix
        ("HTTPS://WWW.Le360.MA./ar/x", "le360.ma"),
        ("file:///saved/page.html", None),
    ],
)
def test_one_value_per_registrable_domain(url: str, site: str | None) -> None:
    assert site_of(url) == site


def test_entities_are_decoded_even_when_escaped_twice() -> None:
    assert unescape("&quot;الإنتربول&quot; يشيد") == '"الإنتربول" يشيد'
    assert unescape("&amp;quot;مراكش&amp;quot;") == '"مراكش"'
    assert unescape("R&amp;D &#1605;") == "R&D م"
    assert unescape("AT&T and Q&A") == "AT&T and Q&A"  # no entity: left as is
    assert unescape(None) is None
