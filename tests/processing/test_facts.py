"""The fact check: aligned substitutions of numbers, dates and names (made-up texts)."""

from __future__ import annotations

import subprocess
import sys

from crawler.processing.facts import common_words, compare, is_name, stem, variants
from crawler.processing.normalize import normalize

FRAME = (
    "وقال المتحدث باسم المديرية في بيان صدر عنها إن {fact} وذلك في إطار الحملة الوطنية التي أطلقتها "
    "المصالح المختصة منذ بداية الشهر الجاري لمواجهة هذه الظاهرة في مختلف المدن والأقاليم."
)


def _check(fact_a: str, fact_b: str):
    return compare(normalize(FRAME.format(fact=fact_a)), normalize(FRAME.format(fact=fact_b)))


def test_numbers_in_the_same_slot_conflict_arabic_indic_digits_too() -> None:
    found = _check("عناصر الأمن أوقفوا ٣٥ شخصا بمدينة وجدة", "عناصر الأمن أوقفوا 48 شخصا بمدينة وجدة")
    assert (found.numbers, found.names, found.dates) == (1, 0, 0)
    same = _check("عناصر الأمن أوقفوا ٣٥ شخصا بمدينة وجدة", "عناصر الأمن أوقفوا 35 شخصا بمدينة وجدة")
    assert same.total == 0


def test_numbers_split_glued_or_zero_padded_are_one_number() -> None:
    assert _check("الحصيلة بلغت 363,378 درهما سنة 2014م", "الحصيلة بلغت 363378 درهما سنة 2014").total == 0
    assert _check("الاجتماع سيعقد في القاعة 07 بالطابق", "الاجتماع سيعقد في القاعة 7 بالطابق").total == 0


def test_places_and_people_in_the_same_slot_conflict() -> None:
    found = _check("عناصر الأمن أوقفوا المشتبه به بمدينة تبوك", "عناصر الأمن أوقفوا المشتبه به بمدينة حائل")
    assert found.names == 1 and found.examples[0] == ("names", "تبوك", "حايل")
    people = _check("الوالي خالد الفريحي ترأس الاجتماع", "الوالي سامي الدغيثر ترأس الاجتماع")
    assert people.names >= 1


def test_spelling_variants_and_common_words_do_not_conflict() -> None:
    assert _check("اللاعب بواتنغ وقع العقد بمدينة جيزان", "اللاعب بواتينج وقع العقد بمدينة جازان").total == 0
    assert _check("الوزير أعلن اليوم عن القرار", "الوزير كشف أمس عن القرار").total == 0  # wording, no facts
    assert variants("بطرسبرغ", "بطرسبرج") and variants("لسحجات", "لسجحات") and not variants("النيجر", "غانا")


def test_dates_conflict_within_one_calendar_only() -> None:
    other_day = _check("الاجتماع انعقد يوم 12 يوليوز 2024", "الاجتماع انعقد يوم 19 يوليوز 2024")
    assert other_day.dates == 1
    weekday = _check("الاجتماع انعقد يوم الاثنين بالرباط", "الاجتماع انعقد يوم الخميس بالرباط")
    assert weekday.dates == 1
    # the same day written in the Hijri and the Gregorian calendar: not a conflict
    converted = _check("الاجتماع انعقد يوم 27 رمضان 1436 بالرباط", "الاجتماع انعقد يوم 14 يوليو 2015 بالرباط")
    assert converted.dates == 0 and converted.numbers == 0


def test_insertions_are_not_conflicts_a_contained_copy_is_judged_on_its_part() -> None:
    dispatch = FRAME.format(fact="عناصر الأمن أوقفوا 35 شخصا بمدينة وجدة")
    round_up = "\n".join(
        [
            "وفي مدينة أكادير افتتح المعرض الجهوي للكتاب بمشاركة 120 عارضا من 14 دولة.",
            dispatch,
            "وفي الرياضة فاز فريق الرجاء على ضيفه بثلاثة أهداف لهدف واحد يوم السبت 20 يوليوز.",
        ]
    )
    assert compare(normalize(round_up), normalize(dispatch)).total == 0
    added = dispatch.replace("وذلك في إطار", "وأضاف أن عمليات مماثلة جرت بفاس ومكناس، وذلك في إطار")
    assert compare(normalize(dispatch), normalize(added)).total == 0


def test_rewritten_passages_are_not_slots() -> None:
    """A long rewritten run (more than a slot's length) is a rewording, not a substituted fact."""
    a = FRAME.format(fact="عناصر الأمن أوقفوا المشتبه به بمدينة وجدة بعد عملية تتبع دقيقة دامت أسابيع")
    b = FRAME.format(
        fact="المصالح الأمنية تمكنت بعد أسابيع من المراقبة والتحريات الميدانية المكثفة بتنسيق مع الدرك الملكي "
        "بإقليم جرادة من توقيف المشتبه به"
    )
    assert compare(normalize(a), normalize(b)).names == 0


def test_common_words_list_is_loaded_without_its_header() -> None:
    words = common_words()
    assert len(words) > 5000 and "في" in words and not any(w.startswith("#") for w in words)
    assert not is_name("الحكومه", words) and is_name("تبوك", words)
    # the list comes from Moroccan news: Moroccan cities are common words there, not names
    assert not is_name("الناظور", words)
    assert stem("والمدينه") == "مدينه" and stem("بها") == "بها"


def test_compare_is_the_same_in_another_process() -> None:
    """No per-process state (hash seeds, caches): a re-process decides as the crawl did."""
    a = normalize(FRAME.format(fact="الاجتماع انعقد يوم الاثنين 12 يوليوز بمدينة وجدة"))
    b = normalize(FRAME.format(fact="الاجتماع انعقد يوم الخميس 19 يوليوز بمدينة الناظور"))
    code = (
        "import sys; from crawler.processing.facts import compare; "
        "a, b = sys.stdin.read().split('\\n'); print(repr(compare(a, b)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=f"{a}\n{b}", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == repr(compare(a, b))


BODY = (
    "ويهدف البرنامج إلى تنمية قدرات الطلاب المتميزين وتوجيهها نحو احتياجات المجتمع وتنمية مهارات التفكير "
    "الإبداعي والنقدي والعمل الجماعي، وأشار المسؤول إلى أن المؤسسة اختارت هذه المدارس لخبرتها المتراكمة "
    "في هذا المجال وبنيتها التحتية من قاعات مجهزة وملاعب رياضية ومختبرات علمية حديثة."
)


def test_leads_stating_other_numbers_are_two_stories_however_reworded() -> None:
    a = normalize("تنظم المؤسسة يوم الأحد المقبل برنامجها الصيفي لفائدة 100 تلميذ موهوب بجامعة أم القرى " + BODY)
    b = normalize("تنطلق غدا فعاليات البرنامج الصيفي بمدارس الرياض لفائدة 140 تلميذا موهوبا تنظمه المؤسسة " + BODY)
    found = compare(a, b)
    assert found.lead_numbers and ("lead numbers", "100", "140") in found.examples
    # the same figures under a rewritten lead: one story
    c = normalize("تنطلق غدا فعاليات البرنامج الصيفي لفائدة 100 تلميذ موهوب بجامعة أم القرى تنظمه المؤسسة " + BODY)
    assert not compare(a, c).lead_numbers
    # a number in one lead only (an outlet adds a figure) is not a conflict
    d = normalize("تنظم المؤسسة يوم الأحد المقبل برنامجها الصيفي لفائدة التلاميذ الموهوبين بجامعة أم القرى " + BODY)
    assert not compare(a, d).lead_numbers and not compare(d, a).lead_numbers


def test_a_contained_dispatch_agrees_with_the_round_up_lead() -> None:
    dispatch = normalize("أوقفت المصالح الأمنية بمدينة أكادير 12 شخصا يشتبه في تورطهم في سرقة المحلات التجارية " + BODY)
    round_up = normalize(
        "شهدت مدن الجهة خلال الأسبوع 37 عملية أمنية، " + dispatch + " وفي تارودانت حجزت السلطات أطنانا."
    )
    assert not compare(dispatch, round_up).lead_numbers
    assert not compare(round_up, dispatch).lead_numbers


def test_a_lead_number_with_thousands_grouping_is_the_glued_number() -> None:
    glued = normalize("أنهت المديرية العامة للجوازات إجراءات تصحيح أوضاع 439491 مقيما من أبناء الجالية " + BODY)
    grouped = normalize("أنهت المديرية العامة للجوازات إجراءات تصحيح أوضاع 439 491 مقيما من أبناء الجالية " + BODY)
    assert not compare(glued, grouped).lead_numbers
    assert not compare(grouped, glued).lead_numbers
    # another figure, grouped or not, is still another story
    other = normalize("أنهت المديرية العامة للجوازات إجراءات تصحيح أوضاع 512 007 مقيما من أبناء الجالية " + BODY)
    assert compare(glued, other).lead_numbers and compare(other, glued).lead_numbers


_RECIPIENT = (
    "بعث خادم الحرمين الشريفين برقية تهنئة لفخامة الرئيس {president} رئيس {country} بمناسبة ذكرى استقلال بلاده. "
)


def test_leads_naming_other_countries_are_two_stories() -> None:
    """Two cables of one formula, each lead naming the recipient's country, which the other text never names (country
    names are common words: the name check skips them)."""
    a = normalize(_RECIPIENT.format(president="عبدالله يامين", country="جمهورية المالديف") + BODY)
    b = normalize(_RECIPIENT.format(president="الباجي قايد السبسي", country="الجمهورية التونسية") + BODY)
    found = compare(a, b)
    assert found.lead_countries and ("lead countries", "MV", "TN") in found.examples
    assert compare(b, a).lead_countries


def test_a_lead_country_the_other_text_names_later_is_no_conflict() -> None:
    """A copy whose rewritten lead names the country its original names further down; a lead that adds a country
    on one side only."""
    original = normalize(_RECIPIENT.format(president="عبدالله يامين", country="الجمهورية") + BODY + " وشعب المالديف.")
    copy = normalize("هنأ الملك رئيس المالديف عبدالله يامين بذكرى استقلال بلاده. " + BODY)
    assert not compare(original, copy).lead_countries and not compare(copy, original).lead_countries
    added = normalize("الرياض تونس: " + _RECIPIENT.format(president="عبدالله يامين", country="الجمهورية") + BODY)
    assert not compare(original, added).lead_countries


def test_a_lead_country_after_a_dateline_and_the_senders_titles_is_still_in_the_lead() -> None:
    """The lead sentence names the recipient after a dateline and the sender's full titles (past word 20)."""
    cable = (
        "عين اليوم – جدة بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس "
        "{president} رئيس {country} بمناسبة ذكرى استقلال بلاده. "
    )
    a = normalize(cable.format(president="عبدالله يامين", country="جمهورية المالديف") + BODY)
    b = normalize(cable.format(president="الباجي قايد السبسي", country="الجمهورية التونسية") + BODY)
    assert compare(a, b).lead_countries
