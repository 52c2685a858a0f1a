"""Headlines without the site name glued to them."""

from __future__ import annotations

import pytest

from crawler.processing.titles import clean_title, shown_headline

HEADLINE = "افتتاح الدورة العشرين للمهرجان الدولي للفيلم بمراكش"


@pytest.mark.parametrize(
    ("title", "site"),
    [
        (f"{HEADLINE} – مراكش الاخبارية", "مراكش الإخبارية"),
        (f"{HEADLINE} | هسبريس", "هسبريس"),
        (f"موجز بريس :: {HEADLINE}", "موجز بريس"),
        (f"فاس نيوز | {HEADLINE}", None),  # site unknown: the short part goes
        (f"{HEADLINE} - الصحراء 24", "sahara24.example"),
    ],
)
def test_site_name_is_stripped(title: str, site: str | None) -> None:
    assert clean_title(title, site, []) == HEADLINE


def test_h1_contained_in_title_wins_but_not_a_logo_h1() -> None:
    assert clean_title(f"{HEADLINE} - أخبارنا المغربية", "أخبارنا المغربية", ["أخبارنا المغربية", HEADLINE]) == HEADLINE


def test_headline_with_its_own_colon_is_kept_whole() -> None:
    title = "المندوبية السامية للتخطيط: الأسعار ترتفع بنسبة 0,3 في المائة | فاس نيوز"
    assert clean_title(title, "فاس نيوز", []) == "المندوبية السامية للتخطيط: الأسعار ترتفع بنسبة 0,3 في المائة"


def test_truncated_title_completed_by_h1() -> None:
    assert clean_title("افتتاح الدورة العشرين للمهرجان… | هسبريس", "هسبريس", [HEADLINE]) == HEADLINE


def test_no_title_falls_back_to_h1() -> None:
    assert clean_title(None, None, [HEADLINE]) == HEADLINE


def test_an_seo_title_yields_to_the_headline_that_tells_the_same_story() -> None:
    from crawler.processing.titles import shown_headline

    seo = "انطلاق حملة الحصاد بتيارت"
    headline = "تيارت: انطلاق حملة الحصاد وتوقعات بإنتاج مليوني قنطار من الحبوب هذا الموسم"
    assert shown_headline(seo, headline) == headline  # shortened: every word of it, and more
    # reworded, or an older title the editors never updated: most of its words, in other company
    old_seo = "مهرجان الزيتون بجرادة ينطلق وسط حضور كبير"
    shown = "جرادة تحتضن الدورة الجديدة لمهرجان الزيتون وسط حضور لافت للزوار"
    assert shown_headline(old_seo, shown) == shown
    # longer, written for search: three of its words in a headline of other words
    search = "حملة تلقيح ضد الحصبة في الولايات الشرقية.. التفاصيل والفئات المعنية والمواعيد"
    ministry = "وزارة الصحة تطلق حملة وطنية لتلقيح الأطفال ضد الحصبة"
    assert shown_headline(search, ministry) == ministry
    # a heading that shares two of the title's words tells another story
    assert shown_headline(seo, "انطلاق حملة الحرث والبذر في ولايات الغرب") == seo
    assert shown_headline(HEADLINE, f" {HEADLINE} ") == HEADLINE
    # a section name, a logo or a very long block is no headline
    assert shown_headline(seo, "الأفق الجزائري") == seo
    assert shown_headline(seo, " ".join([headline] * 4)) == seo
    assert shown_headline(None, headline) is None


def test_a_title_word_whose_first_letter_looks_like_a_clitic_is_still_said_by_the_headline() -> None:
    """ "وحدة" in the short title, "لوحدة" in the headline: the title's word is the headline's stem."""
    from crawler.processing.titles import shown_headline

    headline = "المركز الاستشفائي الجهوي بكيفة يستقبل أول أجهزة لوحدة تصفية الكلى"
    assert shown_headline("وحدة تصفية الكلى", headline) == headline


def test_a_forum_topic_header_gives_its_subject_not_its_labels_and_read_counter() -> None:
    """A forum theme's topic header: "الكاتب موضوع: <subject> (قراءة 1,432 مرات)" (the author column's label, the
    topic label, the subject, the read counter)."""
    title = "بورصة التمور: دقلة نور تفتتح الموسم بأسعار مرتفعة"
    header = f"الكاتب موضوع: {title} (قراءة 1,432 مرات)"
    assert shown_headline(title, header) == title
    assert shown_headline(title, f"Topic: {title} (Read 98 times)") == title


def test_a_title_of_one_word_yields_to_the_headline_the_page_shows() -> None:
    """A wiki's ``<title>`` is the page's name ("Akhbar/DarbAinJanna"), a CMS's a bare label ("Article"): one word,
    none of the headline's, names the page and not its story."""
    headline = "متطوعون يعيدون تأهيل الدرب القديم بين عين جنا وقلعة عجلون"
    assert shown_headline("Akhbar/DarbAinJanna", headline) == headline
    assert shown_headline("Article", headline) == headline
    assert shown_headline("Akhbar/DarbAinJanna", "الأخبار") == "Akhbar/DarbAinJanna"  # a section name, no headline
    assert shown_headline("أخبار الجمعية", headline) == "أخبار الجمعية"  # two words: a section, kept as it was
