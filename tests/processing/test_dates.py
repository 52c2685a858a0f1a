"""Publication dates: the article's own, whatever else the page shows."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from crawler.processing.dates import find_published, is_date_line, is_dated_signoff, parse_relative, parse_visible
from crawler.processing.ownarticle import find_headline

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
        ("14 يونيو/ حزيران 2024", "2024-06-14"),  # both calendars' month names, as pan-Arab sites write them
        ("الأحد 2 آب / أغسطس 2020 - 09:15", "2020-08-02T09:15:00"),
        # English CMS formats, month first
        ("Jan 21, 2025 10:05 AM", "2025-01-21T10:05:00"),
        ("Posted on September 3, 2024 at 9:40 pm", "2024-09-03T21:40:00"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("Dec 12 2024 12:15 AM", "2024-12-12T00:15:00"),
        ("الأربعاء, أكتوبر 09, 2024", "2024-10-09"),  # "F d, Y" in an Arabic locale
        ("يوليوز 3، 2024", "2024-07-03"),
        ("05-OCT-2025", "2025-10-05"),  # Oracle's day-first English abbreviation
        ("تاريخ آخر تعديل: 06-OCT-2025 09:14", "2025-10-06T09:14:00"),
        # Hijri only (Umm al-Qura calendar); beside a Gregorian date the Gregorian one is read
        ("الثلاثاء 8 ذو القعدة 1446هـ", "2025-05-06"),
        ("14 رجب 1446 هـ", "2025-01-14"),
        ("١٧ جمادى الأولى ١٤٤٦", "2024-11-19"),
        ("الثلاثاء 17 جمادى الأولى 1446هـ الموافق 18 نوفمبر 2024م", "2024-11-18"),
    ],
)
def test_parse_visible(text: str, expected: str) -> None:
    assert parse_visible(text) == expected


@pytest.mark.parametrize("text", ["30 رمضان 1600 هـ", "Feb 30, 2024", "ربيع 2024 الأول", "Mayo 5, 2024"])
def test_parse_visible_refuses_what_is_no_date(text: str) -> None:
    assert parse_visible(text) is None


def test_a_hijri_only_date_by_the_headline_is_the_publication_date() -> None:
    body = (
        "<p>الأربعاء 21 ذو القعدة 1446هـ - الموافق 20 مايو 2025م</p><h1>عنوان المقال الرئيسي للصفحة</h1>"
        f"<div class='meta'>الثلاثاء 8 ذو القعدة 1446هـ</div>{BODY}<p>آخر تحديث: 08/05/2025 12:47</p>"
    )
    assert _published(body) == "2025-05-06"


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("22-9-2024 | 13:45", True),
        ("  2024/05/01  ", True),
        ("الأحد 12 نونبر 2024 - 10:30", True),
        ("3 يونيو/ حزيران 2024", True),
        ("الخميس 14 دجنبر 2023 الساعة 16:40 بتوقيت مكة", False),  # a place: more than a date
        ("نشر في 12 نونبر 2024", False),  # a label: the byline rules judge it
        ("حرر بالرباط في 22 سبتمبر 2024", False),
        ("وقال الوزير إن الموعد هو 12 نونبر 2024", False),
        ("2024", False),
        ("12:30", False),
    ],
)
def test_a_line_that_states_only_a_date(line: str, alone: bool) -> None:
    assert is_date_line(line) is alone


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


@pytest.mark.parametrize("label", ["الترتيب محين بتاريخ", "تم تحيين المعطيات بتاريخ", "الجدول محيّن بتاريخ"])
def test_a_maghrebi_updated_label_is_no_publication_label(label: str) -> None:
    """Tunisian and Moroccan sites say "محيّن" / "تحيين" for "updated": a table "updated on" a later day, below
    the text, does not outrank the date by the headline."""
    body = f"<h1>عنوان المقال الرئيسي للصفحة</h1><div>التاريخ: 08/12/2024</div>{BODY}<div>{label} 09/02/2025</div>"
    assert _published(body) == "2024-12-08"


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


def test_dates_with_an_offset_are_stored_on_the_archive_clock_casablanca() -> None:
    # 23:20 UTC on 1 December is 00:20 on 2 December in Casablanca (UTC+1): the article's day is the 2nd
    utc = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-12-01T23:20:00Z"}</script>'
    )
    assert _published(utc + "<h1>عنوان</h1>") == "2024-12-02T00:20:00+01:00"
    # 01:30 in Abu Dhabi (UTC+4) is 22:30 the day before in Casablanca
    assert _published("<h1>عنوان</h1><time datetime='2024-07-02T01:30:00+04:00'>2 يوليو</time>") == (
        "2024-07-01T22:30:00+01:00"
    )
    # Ramadan 2024: Morocco on UTC+0 (the zone database knows it)
    assert _published("<h1>عنوان</h1><time datetime='2024-03-20T12:00:00+00:00'>20 مارس</time>") == (
        "2024-03-20T12:00:00+00:00"
    )
    # a date without an offset is the page's own local time: left alone
    assert _published("<h1>عنوان</h1><time datetime='2024-07-02T01:30:00'>2 يوليو</time>") == "2024-07-02T01:30:00"


def test_without_an_h1_the_date_line_under_the_title_line_wins() -> None:
    body = (
        "<table><tr><td><font size='1'>الجمعة 15 دجنبر 2023</font></td></tr>"
        "<tr><td><font size='4'><b>نقابة تعليمية تدعو إلى وقفة احتجاجية أمام المديرية</b></font></td></tr>"
        "<tr><td><font size='1'>الخميس 14 دجنبر 2023 - 16:40</font></td></tr>"
        f"<tr><td>{BODY}</td></tr></table>"
    )
    page = f"<html><head><title>موقع :: نقابة تعليمية تدعو إلى وقفة احتجاجية أمام المديرية</title></head><body>{body}</body></html>"
    assert find_published(fromstring(page), "https://x.example/a", FETCHED) == "2023-12-14T16:40:00"


def test_a_marked_date_in_words_and_a_page_builders_post_info_block_count() -> None:
    """``itemprop="datePublished"`` on an element that shows the date in words, inside a page
    builder's "widget" next to the headline, is the article's date (not the pulled-in article's)."""
    body = (
        "<div class='pb-widget pb-widget-heading'><h1>أكادير تحتضن معرضا دوليا لمنتجات الصيد البحري</h1></div>"
        "<div class='pb-widget pb-widget-post-info'><ul><li itemprop='datePublished'>"
        "<a href='/2024/09/18/'><time>الأربعاء 18 شتنبر 2024</time></a></li></ul></div>"
        f"<div class='pb-widget pb-widget-text-editor'>{BODY}</div>"
        "<div class='more'><h3>À lire aussi</h3><p>الثلاثاء 17 شتنبر 2024</p>" + BODY + "</div>"
    )
    assert _published(body) == "2024-09-18"


def test_the_date_of_the_microdata_item_that_holds_the_headline_wins_whatever_its_block_is_called() -> None:
    """A news plugin sets each release's date in a block called "footer"; a second release follows."""

    def item(title: str, day: str) -> str:
        return (
            f"<div itemscope itemtype='http://schema.org/Article'><div class='header'><h1 itemprop='headline'>{title}"
            f"</h1></div><div class='footer'><time itemprop='datePublished' datetime='{day}'>{day}</time></div>"
            f"<div itemprop='articleBody'>{BODY}</div></div>"
        )

    own, other = "اجتماع اللجنة الوطنية لتتبع البرنامج الوطني للطرق", "الشروع في تزويد مدينة آسفي بالماء الصالح للشرب"
    page = f"<html><head><title>{own}</title></head><body>{item(own, '2024-12-03')}<h2>Voir aussi</h2>{item(other, '2024-11-28')}</body></html>"
    tree = fromstring(page)
    assert find_published(tree, "https://x.example/a", FETCHED, headline=find_headline(tree)) == "2024-12-03"


def test_visible_dates_are_judged_around_the_headline_of_the_pages_title_not_the_longest_h1() -> None:
    """An infinite-scroll neighbour carries a longer ``<h1>`` and its own date line: the date that
    counts is the one under the headline the page's title names (the headline the caller found)."""
    own = "افتتاح سوق أسبوعي جديد بجماعة تامنصورت"
    other = "المجلس الجماعي لمراكش يصادق بالإجماع على برنامج عمل الجماعة للسنوات الست المقبلة في دورة استثنائية"
    page = (
        f"<html><head><title>{own} | موقع</title></head><body>"
        f"<article><h1>{own}</h1><div class='meta'>السبت 6 يوليوز 2024</div>{BODY}</article>"
        f"<article class='next'><h1>{other}</h1><div class='meta'>الجمعة 5 يوليوز 2024</div>{BODY}</article>"
        "</body></html>"
    )
    tree = fromstring(page)
    assert find_published(tree, "https://x.example/a", FETCHED, headline=find_headline(tree)) == "2024-07-06"


def test_the_urls_date_beats_dates_found_only_after_the_text_began() -> None:
    """An opinion column shows no date of its own; the dates under it belong to the author's other
    columns: the date in the page's own URL is the column's."""
    others = "".join(
        f"<tr><td><a href='/opinion/{d[6:]}/{d[3:5]}/{d[:2]}/{i}.html'>عمود سابق للكاتب رقم {i}</a>"
        f" <span class='d'>({d})</span></td></tr>"
        for i, d in enumerate(("02/05/2024", "21/03/2024"))
    )
    body = (
        "<table><tr><td><h1>عنوان عمود الرأي في الصفحة</h1></td></tr>"
        f"<tr><td class='txt'>{BODY}</td></tr><tr><td class='autres'><b>أعمدة أخرى للكاتب</b><table>{others}</table>"
        "</td></tr></table>"
    )
    assert _published(body, "https://x.example/opinion/2024/06/17/3.html") == "2024-06-17"


def test_a_relative_date_yields_to_the_urls_date() -> None:
    """ "منذ يومين" is read against the fetch time, which a re-process of an old archive does not know
    well: the date in the page's own URL wins over it."""
    body = f"<h1>عنوان المقال الرئيسي للصفحة</h1><span>منذ يومين</span>{BODY}"
    assert _published(body, "https://x.example/news/2025/02/03/86120.html") == "2025-02-03"
    assert _published(body, "https://x.example/news/86120.html") == "2024-07-18T13:00:00+01:00"


@pytest.mark.parametrize(
    "stamp",
    [
        "<p class='post__published'>نُشر في: الثلاثاء 6 أكتوبر 2026 - 10:05 | آخر تحديث: الثلاثاء 6 أكتوبر 2026 - 13:40</p>",
        "<div class='meta-foot'><span>تاريخ النشر:</span> <span>06/10/2026</span></div>",
    ],
)
def test_a_relative_date_yields_to_the_date_the_page_labels_as_the_publications_after_the_text(stamp: str) -> None:
    """The header says "منذ 3 أسابيع", which is only as good as the fetch time; the line under the story that labels
    its publication date is exact, and wins, also when the same line goes on with the update's label and date ("نُشر
    في: … | آخر تحديث: …": the first label names the first date)."""
    body = f"<h1>عنوان المقال الرئيسي للصفحة</h1><span>منذ 3 أسابيع</span><div class='body'>{BODY}</div>{stamp}"
    assert (_published(body) or "")[:10] == "2026-10-06"
    plain = stamp.replace("نُشر في:", "").replace("تاريخ النشر:", "")  # a date after the text, not labelled as ours
    assert (_published(f"<h1>عنوان المقال الرئيسي للصفحة</h1><span>منذ 3 أسابيع</span><div>{BODY}</div>{plain}") or "")[
        :10
    ] == "2024-06-29"


def test_a_logo_in_the_only_h1_leaves_the_date_to_the_heading_that_says_the_title() -> None:
    title = "تيزي وزو: آلاف الزوار يحتفلون بيناير في القرى الجبلية"
    page = (
        f"<html><head><title>{title} - الأفق</title></head><body><div class='top'><span>الثلاثاء 14 جانفي 2025</span>"
        "</div><h1><a href='/'><img alt='الأفق'>الأفق الجزائري</a></h1><ul class='menu'>"
        + "".join(f"<li><a href='/c/{i}'>قسم {i}</a></li>" for i in range(70))
        + "</ul><div class='item'>"
        f"<span class='created'>الأحد, 12 جانفي 2025 10:35</span><h2 class='itemTitle'>{title}</h2>{BODY}</div></body></html>"
    )
    tree = fromstring(page)
    assert find_published(tree, "https://x.example/item/58214.html", FETCHED, headline=find_headline(tree)) == (
        "2025-01-12T10:35:00"
    )


def test_a_json_ld_time_without_offset_yields_to_the_same_time_stated_in_utc() -> None:
    """An ASP.NET CMS writes JSON-LD ``datePublished`` in UTC without saying so; its
    ``article:published_time`` says it ("Z"): 23:35 UTC on the 31st is 00:35 on the 1st in Casablanca.
    A zoned date far from the unzoned one is another date (a modification): the first stays."""

    def page(ld: str, meta: str) -> str | None:
        html = (
            f'<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{ld}"}}'
            f'</script><meta property="article:published_time" content="{meta}"></head>'
            "<body><h1>لجنة التسعير تثبت أسعار البنزين لشهر شباط</h1><p>نص الخبر.</p></body></html>"
        )
        return find_published(fromstring(html), "https://hasad.example/article/9120", "2025-02-02T10:00:00+00:00")

    assert page("2025-01-31T23:35:00", "2025-01-31T23:35:00Z") == "2025-02-01T00:35:00+01:00"
    assert page("2025-01-31T23:35:00", "2025-02-04T08:00:00Z") == "2025-01-31T23:35:00"


def test_an_hatom_published_abbr_gives_the_date_not_the_print_issue_nor_a_comment() -> None:
    """Movable Type's ``<abbr class="published" title=ISO>``: 23:40 GMT is the next day in Casablanca; the
    weekly's issue line and a reader's comment carry other dates."""
    page = fromstring(
        "<html><body><p>الجمعة 6 كانون الأول/ديسمبر 2024 - العدد 1184</p><div class='entry-asset'>"
        "<h1>سوريون في لندن يترقبون العودة</h1><div class='asset-meta'><span class='byline'>بقلم كريم الدباغ</span>"
        " | <abbr class='published' title='2024-12-05T23:40:00+00:00'>05/12/2024 - 23:40 (غرينتش)</abbr></div>"
        "<div class='asset-body'><p>نص الخبر الطويل الذي يتحدث عن الجالية في لندن وما تنتظره في الأسابيع المقبلة"
        " من قرارات.</p></div></div><div class='comments'><div class='comment'><abbr class='published'"
        " title='2024-12-04T18:40:00+00:00'>December 4, 2024</abbr><p>تعليق</p></div></div></body></html>"
    )
    url = "https://www.alriwaq-weekly.example/2024/12/post-2162.html"
    assert find_published(page, url, "2024-12-07T10:00:00+00:00")[:10] == "2024-12-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أمس, 11:40 م", "2024-12-01T23:40:00"),
        ("اليوم, 07:10 ص", "2024-12-02T07:10:00"),
        ("أمس", "2024-12-01T00:00:00"),
        ("اليوم الثلاثاء أعلنت الوزارة عن برنامج جديد", None),  # a sentence, not a time stamp
    ],
)
def test_a_day_named_relative_to_the_fetch(text: str, expected: str | None) -> None:
    assert parse_relative(text, "2024-12-02T05:05:00+00:00") == expected


def test_a_page_that_writes_dates_month_first_is_read_month_first() -> None:
    """A Webflow site's "02/11/2025" is February 11th when its related cards say "01/28/2025"; a page whose
    slash dates never put a number over 12 second stays day first."""
    related = (
        "<ul class='related'><li>خبر آخر <span>01/28/2025</span></li><li>خبر ثالث <span>02/03/2025</span></li></ul>"
    )
    body = (
        "<h1>القنصلية المتنقلة تحط الرحال بمدينة جيرونا</h1><div class='meta'>02/11/2025</div>"
        "<div class='w-richtext'><p>نص الخبر الطويل عن القنصلية المتنقلة وما قدمته من خدمات لأفراد الجالية.</p></div>"
    )
    url = "https://www.jusour24.example/akhbar/qonsolia"
    month_first = fromstring(f"<html><body>{body}{related}</body></html>")
    assert find_published(month_first, url, "2025-02-12T10:00:00+00:00")[:10] == "2025-02-11"
    day_first = fromstring(f"<html><body>{body}</body></html>")
    assert find_published(day_first, url, "2025-12-12T10:00:00+00:00")[:10] == "2025-11-02"


def test_a_microdata_date_published_abbr_gives_its_title() -> None:
    """Blogger's ``<abbr class=published itemprop=datePublished title=ISO>12:35 ص</abbr>``: the title holds the date
    (00:35 in Libya is the previous evening in Casablanca); the date bar above the post says the 9th."""
    page = fromstring(
        "<html><body><div class='date-header'><span>الخميس، 9 يناير 2025</span></div>"
        "<div class='post hentry' itemscope itemtype='http://schema.org/BlogPosting'>"
        "<h3 class='post-title entry-title' itemprop='name'>عميد البلدية يبحث نقص الأدوية</h3>"
        "<div class='post-body entry-content'><p>نص الخبر الطويل عن زيارة عميد البلدية إلى المستشفى التعليمي وما"
        " دار فيها من حديث عن نقص الأدوية.</p></div><div class='post-footer'><span class='post-timestamp'>في "
        "<abbr class='published' itemprop='datePublished' title='2025-01-09T00:35:00+02:00'>12:35 ص</abbr>"
        "</span></div></div></body></html>"
    )
    url = "https://www.zliten-baladia.example/2025/01/blog-post_9.html"
    assert find_published(page, url, "2025-01-12T10:00:00+00:00")[:10] == "2025-01-08"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("صدر في زليتن بتاريخ 20 ذو القعدة 1446 هـ الموافق 18 مايو 2025", True),
        ("مارع في 16 ذو القعدة 1446 هـ", True),
        ("حرر بالرباط في 12 مارس 2024", True),
        ("وأعلنت الوزارة أن الامتحانات ستنطلق في 12 يونيو 2025", False),  # a sentence that holds a date
        ("المكتب الإعلامي في مدينة مارع", False),  # no date
    ],
)
def test_a_statements_place_and_date_line(line: str, expected: bool) -> None:
    assert is_dated_signoff(line) is expected


def test_the_date_in_the_storys_own_footer_counts_the_pages_footer_and_an_update_footer_do_not() -> None:
    """Pelican sets the post's ``footer.post-info`` ("نُشر: …" in an hAtom ``abbr``) inside ``<article>`` before the
    first paragraph: the story's own footer. A footer that only gives the update date is not read as published."""

    def page(footer_label: str) -> str:
        return (
            "<html><body><div class='topbar'>الأربعاء 20 نوفمبر 2024</div><article><header><h1 class='entry-title'>"
            "توزيع حقائب إيواء طارئة على متضرري السيول</h1></header><div class='entry-content'>"
            f"<footer class='post-info'><abbr class='published' title='2024-11-05T10:00:00+03:00'>{footer_label}"
            "</abbr></footer><p>أكمل شركاء مجموعة الإيواء توزيع الحقائب على الأسر التي فقدت مساكنها جراء السيول التي"
            " ضربت المحافظتين مطلع الشهر الماضي.</p></div></article>"
            "<footer id='site-footer'><abbr class='published' title='2024-11-19T09:00:00+03:00'>آخر تحديث</abbr>"
            "</footer></body></html>"
        )

    url = "https://www.sheltercluster-ye.example/ar/2024/11/kits.html"
    assert (
        find_published(fromstring(page("نُشر: الثلاثاء 05 نوفمبر 2024")), url, "2024-11-20T10:00:00+00:00")[:10]
        == "2024-11-05"
    )
    assert find_published(fromstring(page("تاريخ التحديث")), url, "2024-11-20T10:00:00+00:00")[:10] != "2024-11-05"


def test_a_serendipity_day_with_a_period_and_a_dublin_core_created_date_are_read() -> None:
    assert parse_visible("الأحد, 11. أيار 2025")[:10] == "2025-05-11"
    page = fromstring(
        "<html><head><meta name='DC.Date.Created' content='2024-11-12T11:20:00+03:00'></head><body>"
        "<h1>المحكمة تقضي بسجن ثلاثة متهمين</h1></body></html>"
    )
    assert find_published(page, "https://www.bh-courts.example/x/a", "2024-11-20T10:00:00+00:00")[:10] == "2024-11-12"


def test_a_notice_served_by_publication_is_no_publication_label_a_posted_by_footer_in_the_news_table_is() -> None:
    """PHP-Fusion prints "أرسلت بواسطة … في 16-11-2024 20:45" in a ``td.news-footer`` of the news table that holds
    the headline; a court notice's "إعلان بالنشر" heading (served by publication) names no publication date."""
    page = fromstring(
        "<html><head><title>إذاعة - الأخبار: بلدية كاباو تبدأ صيانة خزان المياه الرئيسي</title></head><body>"
        "<div class='top'>الثلاثاء 19 نوفمبر 2024</div><table class='border'><tr><td class='capmain'>"
        "بلدية كاباو تبدأ صيانة خزان المياه الرئيسي</td></tr><tr><td class='main-body'>باشرت بلدية كاباو صباح اليوم"
        " السبت أعمال صيانة خزان المياه الرئيسي الذي يغذي أحياء المدينة بعد انقطاع دام أسبوعين كاملين.</td></tr>"
        "<tr><td class='news-footer'>أرسلت بواسطة <a href='/u/14'>مادغيس</a> في 16-11-2024 20:45 · 537 قراءة</td>"
        "</tr></table><div class='notices'><h4>إعلان بالنشر - المحكمة الصغرى</h4><p>تعلن المحكمة المدعى عليه بالحضور"
        " في الجلسة المحددة يوم الخميس 05/12/2024</p></div></body></html>"
    )
    url = "http://www.adrar-fm.example/news.php?readmore=1848"
    assert find_published(page, url, "2024-11-19T10:00:00+00:00")[:10] == "2024-11-16"


def test_a_mauritanian_month_and_a_compact_creation_meta_are_read() -> None:
    assert parse_visible("نشر في: 11 دجمبر 2024")[:10] == "2024-12-11"
    page = fromstring(
        "<html><head><meta name='Date-Creation-yyyymmdd' content='20241211'></head><body><h1>تعميم التصريح"
        " الإلكتروني على المكاتب الجمركية</h1><p>آخر تحديث: 19/12/2024</p></body></html>"
    )
    assert find_published(page, "https://www.douane-rim.example/x/1", "2024-12-20T10:00:00+00:00")[:10] == "2024-12-11"


def test_a_date_in_a_teaser_card_with_a_long_linked_summary_is_not_the_pages() -> None:
    """A Medium-style archive: each ``<article>`` card links a headline and a long summary (more than a small
    block's text, all inside the link) and prints its own date beside them."""
    card = (
        "<article class='tb'><div class='te'><a href='/story-{n}'><h2>عنوان قصة أخرى منشورة في الأرشيف رقم {n}</h2>"
        "<h3>" + "ملخص طويل لقصة أخرى من قصص الأرشيف يتجاوز طوله حجم كتلة صغيرة من كتل الصفحة بكثير. " * 4 + "</h3>"
        "</a></div><div class='tk'><span>Nov {n}, 2024</span><span>4 min read</span></div></article>"
    )
    body = "<h1>Archive of stories published in November of 2024</h1>" + "".join(card.format(n=n) for n in (5, 16, 27))
    assert _published(body) is None


def test_a_date_in_the_own_article_element_beside_a_long_link_stays() -> None:
    """The own ``<article>`` (headline outside it) with a long "read also" link in its text keeps its date."""
    body = (
        "<header><h1>عنوان المقال الرئيسي للصفحة</h1></header><article><div class='meta'><span>Nov 5, 2024</span>"
        "</div>" + BODY + "<p><a href='/other'>اقرأ أيضا: عنوان مقال آخر طويل بما يكفي</a></p>" + BODY + "</article>"
    )
    assert _published(body) == "2024-11-05"


def test_a_labelled_date_outside_the_storys_block_after_the_text_is_the_pages() -> None:
    """GetSimple's News Manager: the post's own block holds its headline and date line; the page around it ends
    with the news page's own "Published on <time>" footer, after the text."""
    body = (
        "<article><section><h1>أخبار الشركة</h1><div class='nm_post'><h2>عنوان المقال الرئيسي للصفحة</h2>"
        f"<p class='nm_post_date'>الأربعاء, أكتوبر 09, 2024</p><div class='nm_post_content'>{BODY}</div></div>"
        "<div class='footer'><p>Published on <time datetime='2024-03-02'>March 2nd, 2024</time></p></div>"
        "</section></article>"
    )
    page = f"<html><head><title>عنوان المقال الرئيسي للصفحة - شركة</title></head><body>{body}</body></html>"
    tree = fromstring(page)
    found = find_published(tree, "https://x.example/news/post/a", FETCHED, headline=find_headline(tree))
    assert found is not None and found[:10] == "2024-10-09"


def test_a_labelled_date_after_the_text_in_the_storys_block_still_wins() -> None:
    body = (
        "<div class='post'><h1>عنوان المقال الرئيسي للصفحة</h1><div class='meta'>12 أكتوبر 2024</div>"
        f"{BODY}<p class='post-footer'>نشر في: 09/10/2024</p></div>"
    )
    assert _published(body) == "2024-10-09"


def test_an_update_label_names_the_date_after_it_not_the_next_one() -> None:
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><div class='info'><span>آخر تحديث: السبت 24 أيار 2025</span> | "
        f"<span>الخميس 22 أيار 2025</span></div>{BODY}"
    )
    assert _published(body) == "2025-05-22"


def test_a_numeric_date_with_spaced_slashes_is_read() -> None:
    """An old hand-kept site writes "الاثنين ٩ / ٦ / ٢٠٢٥": day, month and year between spaced slashes."""
    assert parse_visible("الاثنين ٩ / ٦ / ٢٠٢٥") == "2025-06-09"
    assert parse_visible("نشر بتاريخ 21 / 10 / 2024 - 10:30") == "2024-10-21T10:30:00"
    assert parse_visible("النتيجة 3 - 1 - 2025 مباريات") is None  # dashes between spaces: a score, a range


def test_a_date_labelled_as_another_events_time_yields_to_the_posts_own() -> None:
    """A forum topic's poll box above the post: "تم إغلاق الاستطلاع: جويلية 15, 2025" (when the poll closed), then
    the post's own "في: جوان 03, 2025"."""
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><div class='poll'>تم إغلاق الاستطلاع: جويلية 15, 2025</div>"
        f"<div class='keyinfo'>« في: جوان 03, 2025, 11:47:05 مساءاً »</div>{BODY}"
    )
    assert _published(body) == "2025-06-03T11:47:00"


def test_a_members_join_date_and_a_bulletins_day_yield_to_the_posts_own_stamp() -> None:
    """A forum's board announcement above the topic ("النشرة البحرية ليوم …": the day a bulletin is for) and the
    poster's profile before the post ("اشترك في: …": when they joined) state dates; the post's ``<time>`` is its own."""
    body = (
        "<div id='announce'><b>النشرة البحرية ليوم الأربعاء 07 يناير 2026:</b> رياح غربية معتدلة.</div>"
        "<h2 class='topic-title'>عنوان المقال الرئيسي للصفحة</h2>"
        "<dl class='postprofile'><dt>صياد قديم</dt><dd>مشاركات: 412</dd><dd><strong>اشترك في:</strong>"
        " الأحد مارس 04, 2018 4:12 م</dd><dd><strong>مكان:</strong> الرملة</dd></dl>"
        "<p class='author'>بواسطة صياد قديم » <time datetime='2025-10-16T06:45:00+00:00'>الخميس أكتوبر 16, 2025"
        f" 7:45 ص</time></p>{BODY}"
    )
    assert _published(body)[:10] == "2025-10-16"
    joined = body.replace("اشترك في:", "عضو منذ:")
    assert _published(joined)[:10] == "2025-10-16"


def test_a_microformat_date_in_an_included_pages_meta_line_is_that_pages_not_this_ones() -> None:
    """A wiki's include plugin prints another page's text under the story with its meta line (its name as a link, an
    ``<abbr class="published">``, its author): the story's own date is the line above its text."""
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><p><em>الأحد ٢٣ تشرين الثاني ٢٠٢٥ – المكتب الإعلامي للجمعية</em></p>"
        f"{BODY}<h2>اقرأ أيضاً</h2><div class='plugin_include_content'>{BODY}<div class='inclmeta level3'>"
        "<a href='/doku.php?id=akhbar:2025:saat-amal-al-marfa'>akhbar:2025:saat-amal-al-marfa</a> · "
        "<abbr class='published' title='2025-11-16T18:05:00+03:00'>2025/11/16 18:05</abbr> · "
        "<span class='vcard author'><span class='fn'>نور الهدى ديب</span></span></div></div>"
    )
    assert (_published(body) or "")[:10] == "2025-11-23"


def test_a_french_posted_on_line_in_the_posts_own_footer_is_its_date() -> None:
    """Skyrock's post footer: "Posté le mardi 6 janvier 2026 à 21:15"; a notice in the text names a later meeting."""
    body = (
        "<div class='post'><div class='post_header'><h2 class='post_title'><a href='/1-p.html'>عنوان المقال الرئيسي"
        f" للصفحة</a></h2></div><div class='post_content'>{BODY}<em>يعقد المكتب اجتماعا يوم الخميس 8 جانفي 2026.</em>"
        "</div><div class='post_footer'><p class='post_date'>Posté le mardi 6 janvier 2026 à 21:15</p>"
        "<p class='post_modified'>Modifié le mercredi 7 janvier 2026 à 10:02</p></div></div>"
    )
    assert (_published(body) or "")[:10] == "2026-01-06"


def test_a_time_elements_relative_words_yield_to_its_own_datetime() -> None:
    """ "<time datetime='2025-10-21T10:15…'>نُشر منذ 3 أشهر</time>": the words are relative to the visit, the
    attribute says the day."""
    body = (
        "<h1>عنوان المقال الرئيسي للصفحة</h1><p class='meta'>بقلم: جورج أبي خليل · "
        "<time datetime='2025-10-21T10:15:00+03:00'>نُشر منذ 3 أشهر</time></p>" + BODY
    )
    assert (_published(body) or "")[:10] == "2025-10-21"


def test_a_posted_it_footer_with_a_microformat_date_beats_a_modification_line_by_the_headline() -> None:
    """A wiki's blog sheet: "آخر تعديل … في <date>" above the text (a later edit), and the entry's own footer after
    it: "نشره <author> في <abbr class='published' title=…>" ("posted it": the verb carries its object)."""
    body = (
        "<div id='mainContentArea'><div class='document-header'><h1>عنوان المقال الرئيسي للصفحة</h1>"
        "<div class='xdocLastModification'>آخر تعديل بواسطة <a href='/bin/view/XWiki/Admin'>المدير</a> في"
        " 2025/06/14 10:20</div></div><div id='xwikicontent'><div class='hentry'><div class='entry-content'>"
        f"{BODY}</div><div class='entry-footer'><span>نشره <span class='author vcard'><a class='url fn'"
        " href='/bin/view/XWiki/SamirHaddad'>سمير حداد</a></span></span> <span>في <abbr class='published'"
        " title='2025-06-11T09:40:00+03:00'>2025/06/11 09:40</abbr></span></div></div></div></div>"
    )
    assert (_published(body) or "")[:10] == "2025-06-11"


def _post_card(date: str, extra: str = "") -> str:
    return (
        "<div class='sidebar'><div class='post-card'><h2><i class='icon-calendar'></i><span>"
        f"{date}</span></h2><ul>{extra}<li class='author'><a href='/blog/author/samir-haddad.html'>سمير حداد</a></li>"
        "<li class='category'><a href='/blog/category/anshita.html'>أنشطة</a></li><li class='tags'>"
        "<a href='/blog/tag/turath.html'>التراث</a> <a href='/blog/tag/hiraf.html'>الحرف</a></li></ul></div>"
        "<div class='recent'><h3>أحدث الأخبار</h3><ul><li><a href='/akhbar/2025/other-story.html'>03 March - عنوان"
        " خبر آخر من أخبار الجمعية في الشهر الماضي</a></li></ul></div></div>"
    )


def test_a_post_card_with_the_authors_link_gives_the_date_a_sidebar_theme_prints_nowhere_else() -> None:
    """A static blog generator's sidebar card: the post's date, its author (a link to the author's page), category
    and tags; the page prints the date nowhere else, and the recent posts' days have no year."""
    card = _post_card("الثلاثاء 10 حزيران 2025")
    assert _published(f"<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}</div>{card}") == "2025-06-10"
    assert _published(f"{card}<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}</div>") == "2025-06-10"


@pytest.mark.parametrize(
    "update",
    [
        "<li class='update'><span>Update:</span> 24 June 2025</li>",
        "<li class='update'><span><i class='icon-pencil'></i> تحديث:</span> 24 June 2025</li>",  # label after an icon
    ],
)
def test_a_post_cards_date_beats_a_pulled_in_storys_byline_after_the_text_and_its_update_line_does_not(
    update: str,
) -> None:
    card = _post_card("19 June 2025", update)
    pulled = f"<h2>عنوان خبر آخر أدرج في الصفحة</h2><p><em>بقلم: نور الهدى ديب – 05 June 2025</em></p>{BODY}"
    page = f"{card}<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}{pulled}</div>"
    assert _published(page) == "2025-06-19"


def test_author_cards_of_several_posts_give_no_date() -> None:
    """Teasers that each carry an author link and a date (a related-posts block) say nothing of the page's own."""
    teasers = "".join(
        f"<div class='teaser'><span>{day} حزيران 2025</span> <a href='/author/{name}'>{name}</a></div>"
        for day, name in ((3, "samir"), (9, "rima"))
    )
    assert _published(f"<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}</div>{teasers}") is None


def test_a_hijri_date_with_slashes_between_its_parts_is_read() -> None:
    """.NET's ar-SA culture writes the Umm al-Qura date as "dddd dd/MMMM/yyyy hh:mm tt"."""
    assert parse_visible("الثلاثاء 06/جمادى الأولى/1447 10:40 ص") == "2025-10-28"
    assert parse_visible("الاثنين 03 / شعبان / 1446") == "2025-02-02"
    assert is_date_line("الثلاثاء 06/جمادى الأولى/1447 10:40 ص")


def test_a_created_line_in_a_side_panel_gives_its_tooltips_date_when_its_words_are_relative() -> None:
    """A wiki-style book page prints its dates only in a side panel: "أُنشئت <span title='…'>منذ 6 أشهر</span>
    بواسطة <strong>…</strong>" (the whole item a link to the user), an update line of the same form; a comment's
    "علّق" line is the commenter's."""
    comment = (
        "<section class='comments'><div class='comment'><a href='/user/u37'>أبو سمير</a> <span>علّق <span"
        " title='Sun, Nov 2, 2025 8:05 PM'>منذ 5 أشهر</span></span><p>تعليق قصير من أحد السكان</p></div></section>"
    )
    panel = (
        "<aside class='tri-layout-right'><div class='entity-meta'><a href='/user/rasha' class='entity-meta-item'><div>"
        "أُنشئت <span title='Tue, Oct 14, 2025 7:05 AM'>منذ 6 أشهر</span> بواسطة <strong>رشا حداد</strong></div></a>"
        "<a href='/user/george' class='entity-meta-item'><div>حُدّثت <span title='Thu, Oct 16, 2025 3:40 PM'>منذ 6"
        " أشهر</span> بواسطة <strong>جورج الخوري</strong></div></a></div></aside>"
    )
    page = f"<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}{comment}</div>{panel}"
    assert (_published(page) or "")[:10] == "2025-10-14"


def test_a_post_cards_date_may_link_to_the_days_archive() -> None:
    card = _post_card("<a href='/blog/2025/06/10/'>الثلاثاء 10 حزيران 2025</a>")
    assert _published(f"<div class='main'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}</div>{card}") == "2025-06-10"


def test_a_relative_day_whose_tooltip_gives_the_date_is_read_as_that_date() -> None:
    """A forum's first post: "<span title='29-04-2026'>أمس</span>, 07:40 م" (yesterday, the exact day in the
    title); a reply below says "اليوم" the same way."""
    body = (
        "<div class='post'><div class='post_head'><span class='post_date'><span title='29-04-2026'>أمس</span>,"
        f" 07:40 م</span></div><h1>عنوان المقال الرئيسي للصفحة</h1><div class='post_body'>{BODY}</div></div>"
    )
    assert (_published(body) or "")[:10] == "2026-04-29"


def test_a_dateline_with_its_date_opening_the_first_paragraph_beats_the_comments_dates() -> None:
    """ "تكرونة في 24 جانفي 2026 – …" opens the story; the visitors' comments below it are dated the next days."""
    first = (
        "<p>تكرونة في 24 جانفي 2026 – استقبل مجلس القرية وفدا من الزوار جاؤوا لإحياء ذكرى المعركة، وقدم لهم"
        " المجلس مقترحا لمسار للذاكرة على قمة الجبل يربط المواقع التي شهدت القتال.</p>"
    )
    comments = (
        "<h3>تعليقات الزوار</h3><div class='messagehead'><h5><strong>خالد</strong> — <span class='messagedate'>"
        "الأحد 25 جانفي 2026، الساعة 08:30</span></h5></div><div class='messageitem'><p>فكرة ممتازة.</p></div>"
    )
    page = f"<h1>عنوان المقال الرئيسي للصفحة</h1><div class='newsinfo'>بقلم: سلمى بن يوسف | أخبار</div>{first}{BODY}"
    assert (_published(page + comments) or "")[:10] == "2026-01-24"


def test_an_english_ordinal_day_is_read() -> None:
    """A shop's blog prints "نُشر في 4th Nov 2025" (its store's English date format inside an Arabic string)."""
    assert parse_visible("نُشر في 4th Nov 2025") == "2025-11-04"
    assert parse_visible("Posted on 22nd March 2026") == "2026-03-22"


def test_a_posts_permalink_date_is_its_date_a_members_registration_date_is_not() -> None:
    """A board's post: its header links its date to the post ("#1 <a>2025-12-07 21:14:05</a>"), the poster's card
    says when they registered ("مسجل: 2009-03-11")."""
    body = (
        "<div class='blockpost'><h2><span>#1</span> <a href='viewtopic.php?pid=88#p88'>2025-12-07 21:14:05</a></h2>"
        "<div class='postleft'><dl><dt><strong>عبدالله</strong></dt><dd>عضو</dd><dd>مسجل: 2009-03-11</dd>"
        "<dd>المشاركات: 412</dd></dl></div><div class='postright'><h3>عنوان المقال الرئيسي للصفحة</h3>"
        f"<div class='postmsg'>{BODY}</div></div></div>"
    )
    tree = fromstring(
        f"<html><head><title>منتدى البلدة / عنوان المقال الرئيسي للصفحة</title></head><body>{body}</body></html>"
    )
    published = find_published(tree, "https://forum.example/viewtopic.php?id=45", FETCHED, headline=find_headline(tree))
    assert (published or "")[:10] == "2025-12-07"
    assert is_date_line("2025-12-07 21:14:05")  # a time with its seconds


def test_a_time_ago_link_whose_tooltip_gives_the_date_is_no_teaser() -> None:
    """An issue tracker's news: "أضيف بواسطة <user> منذ <a title='15/01/2026 01:30' href='…/activity?from=…'>شهرين
    </a>": the relative time is a link to the day's activity, its tooltip the date. A link whose words state only
    a time ago is the post's timestamp, not another article's teaser; an attachment's later date stays behind."""
    body = (
        "<div id='content'><h2>أهالي البلدة يعيدون فتح الدرب الحجري إلى البوابة القديمة</h2>"
        "<p class='author'><span class='author'>أضيف بواسطة <a class='user' href='/users/3'>إعلام الفريق</a> منذ"
        " <a title='15/01/2026 01:30' href='/projects/news/activity?from=2026-01-15'>شهرين</a></span></p>"
        f"<div class='wiki'>{BODY}</div><div class='attachments'><table><tr><td><a href='/a/1'>dar.jpg</a></td>"
        "<td><span class='author'>إعلام الفريق, 18/01/2026 17:44</span></td></tr></table></div></div>"
    )
    assert (_published(body) or "")[:10] == "2026-01-15"


def test_a_permalink_that_holds_only_the_posts_time_element_is_no_teaser() -> None:
    """A forum's discussion: "<a class='Permalink'><time datetime='2025-12-31T23:35:00+00:00'>1 جانفي</time></a>"
    (the short form of the date, no year); a poll's closing date further down is not the post's."""
    body = (
        "<div class='Discussion'><h1>آلاف الزوار يستقبلون العام الجديد في كثبان الواحة</h1><div class='Meta'>"
        "<span class='DateCreated'><a href='/discussion/1907/ras' class='Permalink'><time title='1 جانفي 2026 12:35 ص'"
        " datetime='2025-12-31T23:35:00+00:00'>1 جانفي</time></a></span></div>"
        f"<div class='Message'>{BODY}</div><div class='Poll'>312 صوتا · ينتهي التصويت في 15 جانفي 2026</div></div>"
    )
    assert (_published(body) or "")[:10] in ("2025-12-31", "2026-01-01")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("٥ أبريل، ١١:٣٠", "2026-04-05T11:30:00"),  # this year's post: day, month and time, no year
        ("1 جانفي", "2026-01-01"),
        ("28 ديسمبر، 09:10 م", "2025-12-28T21:10:00"),  # a day after the fetch's: last year's
    ],
)
def test_a_stamp_without_its_year_is_read_in_the_year_before_the_fetch(stamp: str, expected: str) -> None:
    """Social and forum software print a post of the current year without the year ("٥ أبريل، ١١:٣٠"): the
    most recent such day on or before the fetch."""
    from crawler.processing.dates import parse_relative

    assert parse_relative(stamp, "2026-11-22T12:00:00+00:00") == expected
    assert parse_relative(f"وصل {stamp} وفد من الجمعية", "2026-11-22T12:00:00+00:00") is None  # a stamp alone


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("السبت 24 كانون الثاني 2026، 00:15 بتوقيت دمشق", "2026-01-23T22:15:00+01:00"),  # UTC+3, the day before
        ("الثلاثاء 20 يناير 2026 - 23:40 (توقيت نواكشوط)", "2026-01-21T00:40:00+01:00"),  # UTC, the day after
        ("نشر في: 12/1/2026 - 10:05 (مكة المكرمة)", "2026-01-12T08:05:00+01:00"),  # the zone in brackets
        ("15 مايو 2026 - 09:00 بتوقيت غرينتش", "2026-05-15T10:00:00+01:00"),
        ("الأحد 12 أبريل 2026 - 10:00 (GMT+3)", "2026-04-12T08:00:00+01:00"),  # an offset from universal time
        ("2025-12-09 00:40 (بتوقيت طرابلس)", "2025-12-08T23:40:00+01:00"),  # Tripoli's clock is Libya's
    ],
)
def test_a_time_with_its_named_zone_is_read_on_that_zones_clock(stamp: str, expected: str) -> None:
    """A site states its clock by a city or a country ("بتوقيت دمشق", "(مكة المكرمة)", "بتوقيت غرينتش"): the time is
    that zone's, moved to the archive's clock like any time with an offset."""
    body = f"<h1>عنوان المقال الرئيسي للصفحة</h1><div class='meta'>{stamp}</div><div>{BODY}</div>"
    assert _published(body) == expected


def test_a_tickers_dates_are_never_the_pages() -> None:
    """A ``<marquee>`` above the headline scrolls the coming events ("الجمعة 17 تموز 2026"); the story's only own
    date is its footer after the text ("كتبه … في 27/09/2025 الساعة 23:40")."""
    body = (
        "<div id='ticker'><marquee>اجتماع الهيئة العامة يوم الجمعة 17 تموز 2026 في المركز الثقافي</marquee></div>"
        f"<div class='entry'><h1>عنوان المقال الرئيسي للصفحة</h1><div class='body'>{BODY}</div>"
        "<p class='entry-footer'>كتبه سامر الحسين في 27/09/2025 الساعة 23:40</p></div>"
    )
    assert (_published(body) or "")[:10] == "2025-09-27"


def test_after_the_text_a_date_labelled_as_the_publication_beats_a_comments_date() -> None:
    """A wiki's topic: the story, readers' comments signed "-- <user> - 09 Dec 2025", then the topic's form table
    whose row "تاريخ النشر" holds the date, outside the story's block. No date stands by the headline; of the dates
    after the text, the one labelled as the publication's is the story's."""
    body = (
        f"<div class='topic'><h1>عنوان المقال الرئيسي للصفحة</h1>{BODY}<h2>التعليقات</h2>"
        "تجربة رائعة، شكرا للجمعية.<br/>-- <a href='/Main/Faraj'>Faraj</a> - 09 Dec 2025<p></p></div>"
        "<div class='form'><table><tr><td>القسم</td><td>أخبار الجمعية</td></tr>"
        "<tr><td>تاريخ النشر</td><td>2025-12-09 00:40 (بتوقيت طرابلس)</td></tr></table></div>"
    )
    assert _published(body) == "2025-12-08T23:40:00+01:00"


def test_dublin_cores_dcterms_date_is_a_publication_date() -> None:
    """Zotonic and other CMSs state the date as ``<meta name="dcterms.date">``; the page shows only a Hijri date."""
    page = (
        "<html><head><meta name='dcterms.date' content='2025-10-14T10:20:00+04:00'>"
        "<meta name='dcterms.modified' content='2025-10-16T08:00:00+04:00'></head><body>"
        f"<h1>عنوان المقال الرئيسي للصفحة</h1><p>الثلاثاء 21 ربيع الآخر 1447هـ</p><div>{BODY}</div></body></html>"
    )
    assert find_published(fromstring(page), "https://x.example/a", FETCHED) == "2025-10-14T07:20:00+01:00"
