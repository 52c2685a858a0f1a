"""When a page's canonical link may name its article (crawler/processing/canonical.py)."""

from __future__ import annotations

import pytest

from crawler.processing.canonical import article_url, plausible_canonical

PAGE = "https://www.hespress.com/%D8%A7%D9%84%D8%A3%D9%85%D9%86-1234567.html"


@pytest.mark.parametrize(
    ("page", "canonical"),
    [
        (PAGE, "https://www.hespress.com/%D8%A7%D9%84%D8%A3%D9%85%D9%86-1234567.html"),  # itself
        (PAGE, "https://hespress.com/%D8%A7%D9%84%D8%A3%D9%85%D9%86-1234567.html"),  # without www.
        ("https://m.site.ma/news/amp/story-8812.html", "https://site.ma/news/story-8812.html"),  # AMP / mobile
        ("https://site.ma/article.php?id=5521&utm_source=x", "https://site.ma/article.php?id=5521"),
        ("https://site.ma/news/8812", "https://site.ma/news/8812/title-of-the-story"),  # slug added
        (
            "https://site.ma/politique/le-roi-preside",
            "https://site.ma/politique/le-roi-preside/",
        ),  # no number: same slug
        ("file:///saved/page.html", "https://site.ma/news/story-8812.html"),  # a saved file: its only URL
    ],
)
def test_the_same_article_keeps_its_canonical_name(page: str, canonical: str) -> None:
    assert plausible_canonical(page, canonical)


@pytest.mark.parametrize(
    ("page", "canonical"),
    [
        (PAGE, "https://www.hespress.com/"),  # the home page (a common CMS bug)
        (PAGE, "https://www.hespress.com"),
        (PAGE, "https://www.hespress.com/?lang=ar"),  # the root with a query is still the root... of a listing
        (PAGE, "https://www.hespress.com/category/politique/"),  # a listing
        (PAGE, "https://www.hespress.com/%D8%A2%D8%AE%D8%B1-7654321.html"),  # another article
        ("https://site.ma/news/story-8812.html", "https://other.ma/news/story-8812.html"),  # another site
        ("https://site.ma/news/story-8812.html", "javascript:void(0)"),
        ("https://site.ma/politique/le-roi-preside", "https://site.ma/politique/autre-sujet"),
        ("https://site.ma/2024/05/12/story-88", "https://site.ma/2024/05/12/other-89"),  # short numbers: slugs differ
    ],
)
def test_a_canonical_that_names_something_else_is_ignored(page: str, canonical: str) -> None:
    assert not plausible_canonical(page, canonical)


def test_article_url_takes_the_first_plausible_link_else_the_page() -> None:
    page = "https://site.ma/news/story-8812.html"
    assert article_url(page, ["/", "/news/story-8812.html?ref=x"]) == "https://site.ma/news/story-8812.html?ref=x"
    assert article_url(page, ["/", "/category/news/"]) == page
    assert article_url(page, []) == page
