from __future__ import annotations

from lxml.html import HtmlElement, document_fromstring

from crawler.processing.sitenames import declared_names, head_names, is_site_name, meta_names

PAGE = """<html><head><meta charset="utf-8"><title>جمعية أصدقاء قلعة أربيل</title>
<meta property="og:site_name" content="  أصدقاء   القلعة ">
<meta name="application-name" content="Erbil Citadel Friends"></head>
<body><header><a class="brand-logo" href="/"><img src="/img/mark.png" alt="شعار الجمعية"></a>
<img src="/assets/logo-ar.svg" alt="جمعية أصدقاء قلعة أربيل"><span class="site-title">أصدقاء القلعة</span></header>
<article><h1>ترميم البوابة الجنوبية</h1><img src="/up/gate.jpg" alt="البوابة الجنوبية"><p>نص الخبر.</p></article>
<meta property="og:site_name" content="اسم في الجسم">
<footer><p>جمعية أصدقاء قلعة أربيل - أربيل، العراق - هاتف 0750</p></footer></body></html>"""


def _tree(page: str = PAGE) -> HtmlElement:
    return document_fromstring(page)


def test_the_cheap_read_takes_the_heads_metas_and_the_logo_images_as_written() -> None:
    """Only the head's metas (not one misplaced in the body), and only an image whose own source, class or id says
    logo (not one inside a logo link): the read that runs on every page."""
    assert head_names(_tree()) == ["  أصدقاء   القلعة ", "Erbil Citadel Friends", "جمعية أصدقاء قلعة أربيل"]


def test_the_full_read_adds_metas_anywhere_a_logo_marked_by_its_ancestor_and_a_site_title() -> None:
    assert declared_names(_tree()) == {
        "أصدقاء القلعة",
        "Erbil Citadel Friends",
        "اسم في الجسم",
        "شعار الجمعية",
        "جمعية أصدقاء قلعة أربيل",
    }


def test_the_metas_names_are_squashed_and_never_empty() -> None:
    page = PAGE.replace('content="Erbil Citadel Friends"', 'content="  "')
    assert meta_names(_tree(page)) == {"أصدقاء القلعة", "اسم في الجسم"}


def test_a_title_is_the_sites_name_when_an_image_or_a_line_opening_with_it_says_so() -> None:
    assert is_site_name(_tree(), "جمعية أصدقاء  قلعة أربيل")  # the logo's alt
    no_logo = PAGE.replace('alt="جمعية أصدقاء قلعة أربيل"', 'alt=""')
    assert is_site_name(_tree(no_logo), "جمعية أصدقاء قلعة أربيل")  # the footer's "<name> - <city> …"


def test_a_headline_or_a_single_word_is_not_the_sites_name() -> None:
    assert not is_site_name(_tree(), "ترميم البوابة")  # only the start of a headline's text, no separator after it
    assert not is_site_name(_tree(), "أربيل")  # one word names too much
