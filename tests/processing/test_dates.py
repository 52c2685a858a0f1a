"""Publication dates: the article's own, whatever else the page shows."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from crawler.processing.dates import find_published, parse_relative, parse_visible

FETCHED = "2024-07-20T12:00:00+00:00"
BODY = (
    "<p>"
    + "نص المقال الذي يتحدث عن موضوع محلي بتفصيل كبير ويتجاوز طوله مئة وعشرين حرفا بكثير حتى يعد فقرة من فقرات النص. "
    * 2
    + "</p>"
)


def _published(body: str, url: str = "https://x.example/a") -> str | None:
    return find_published(fromstring(f"<html><body>{body}</body></html>"), url, FETCHED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الثلاثاء 12 نونبر 2024 - 14:35", "2024-11-12T14:35:00"),
        ("الأحد ١٤ تموز ٢٠٢٤", "2024-07-14"),
        ("3 شتنبر 2023", "2023-09-03"),
        ("نشر في: 05/03/2021 على الساعة 18:40", "2021-03-05"),
        ("Publié le 7 mai 2024", "2024-05-07"),
        ("2022-10-29 11:00", "2022-10-29T11:00:00"),
    ],
)
def test_parse_visible(text: str, expected: str) -> None:
    assert parse_visible(text) == expected


def test_relative_dates_resolve_against_fetch_time() -> None:
    assert parse_relative("منذ 3 ساعات", FETCHED) == "2024-07-20T09:00:00+00:00"
    assert parse_relative("منذ يومين", FETCHED) == "2024-07-18T12:00:00+00:00"


def test_sidebar_dates_before_the_headline_lose_to_the_labelled_date() -> None:
    side = "".join(
        f"<div><a href='/n/{i}'>عنوان خبر آخر في الشريط الجانبي رقم {i}</a><br><font>1{i}/02/2021</font></div>"
        for i in range(4)
    )
    body = f"<div class='side'>{side}</div><h1>عنوان المقال الرئيسي للصفحة</h1><div>بقلم: فلان | نشر في: 05/03/2021</div>{BODY}"
    assert _published(body, "https://x.example/news.php?id=1") == "2021-03-05"


def test_pulled_in_article_and_comment_dates_never_win() -> None:
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><span>الاثنين 4 مارس 2024</span>"
        f"{BODY}<p><strong>اقرأ أيضا:</strong></p><h3><a href='/b'>مقال آخر</a></h3><p>الأحد 3 مارس 2024</p>{BODY}"
        "<ul class='comment-list'><li><span>5 مارس 2024</span> تعليق</li></ul>"
    )
    assert _published(body) == "2024-03-04"


def test_date_after_headline_beats_a_date_in_the_text() -> None:
    body = f"<span>12 يناير 2023</span><h1>عنوان المقال الرئيسي للصفحة</h1><p>قال الوزير يوم 3 يناير 2023 إن {BODY[3:]}"
    assert _published(body) == "2023-01-12"


def test_modified_date_loses_to_published_date() -> None:
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><div>آخر تحديث: 9 ماي 2024</div><div>نشر بتاريخ: 8 ماي 2024</div>" + BODY
    )
    assert _published(body) == "2024-05-08"


def test_wrapper_named_like_a_sidebar_around_the_article_is_not_furniture() -> None:
    body = (
        "<div class='layout has-sidebar'><h1>عنوان المقال الرئيسي للصفحة</h1><time datetime='2023-12-06T13:25:00+01:00'>6 دجنبر</time>"
        + BODY
        + "</div>"
    )
    assert _published(body) == "2023-12-06T13:25:00+01:00"


def test_json_ld_first() -> None:
    body = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-10-28T20:15:00+01:00"}</script><h1>عنوان</h1><span>1 يناير 2020</span>'
    assert _published(body) == "2022-10-28T20:15:00+01:00"


def test_date_beside_a_long_link_inside_the_article_container_still_counts() -> None:
    body = (
        "<div class='post'><h1>عنوان المقال الرئيسي للصفحة</h1><span>الخميس 7 مارس 2024</span>"
        f"{BODY}<p><a href='/x'>رابط طويل نحو مقال آخر منشور في الموقع نفسه</a></p></div>"
    )
    assert _published(body) == "2024-03-07"
