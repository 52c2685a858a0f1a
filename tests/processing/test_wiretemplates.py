"""Wire templates: siblings of one template (cables to other heads of state) stay apart once the template's
wording has been seen on enough days; copies of one item stay copies; without history nothing changes."""

from __future__ import annotations

import numpy as np

from crawler.processing.dedup import Decision, DedupIndex
from crawler.processing.fingerprint import DedupParams, anchors, fast_signature, shingles, text_digest
from crawler.processing.normalize import normalize
from crawler.processing.wiretemplates import WireTemplates, phrase_hashes

CABLE = (
    "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس {name} رئيس جمهورية "
    "{country} بمناسبة ذكرى اليوم الوطني لبلاده. وأعرب الملك المفدى باسمه واسم شعب وحكومة المملكة العربية السعودية "
    "عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته ولحكومة وشعب جمهورية {country} الصديق اطراد التقدم "
    "والازدهار. كما بعث صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير "
    "الداخلية برقية تهنئة مماثلة أعرب فيها عن أصدق التهاني وأطيب التمنيات بموفور الصحة والسعادة لفخامته ولحكومة "
    "وشعب جمهورية {country} الصديق المزيد من التقدم والازدهار."
)
# (recipient, country, day): three days of cables, then the day the template is known
CABLES = [
    ("بيتر موثاريكا", "ملاوي", 10),
    ("هاشم ثاتشي", "كوسوفو", 12),
    ("ماكي سال", "السنغال", 14),
    ("جورجي كارلوس فونسيكا", "الرأس الأخضر", 16),
]


class Store:
    """Articles decided and stored in order, with or without the wire-template table."""

    def __init__(self, history: bool) -> None:
        self.params = DedupParams()
        self.texts: dict[int, str] = {}
        self.templates = WireTemplates(self.params, bits=16) if history else None
        self.index = DedupIndex(self.params, self.texts.__getitem__, None, self.templates)

    def add(self, text: str, day: int) -> Decision:
        norm = normalize(text)
        sig, words, _ = fast_signature(norm, self.params)
        marks = anchors(norm, self.params, words)
        decision = self.index.decide(text_digest(norm), norm, sig, marks, None, day)
        article_id = len(self.texts) + 1
        self.texts[article_id] = norm
        self.index.load(article_id, text_digest(norm), sig, decision.duplicate_of, marks)
        if self.templates is not None:
            self.templates.see(norm, day)
        return decision


def cables(store: Store) -> list[str]:
    return [store.add(CABLE.format(name=name, country=country), day).kind for name, country, day in CABLES]


def test_without_history_a_template_sibling_passes_for_a_copy() -> None:
    """The false merge the table is for: the same formula, another head of state, one name conflict."""
    assert cables(Store(history=False)) == ["unique", "unique", "unique", "near"]


def test_with_the_template_seen_on_three_days_siblings_stay_apart() -> None:
    assert cables(Store(history=True)) == ["unique", "unique", "unique", "unique"]


def test_a_copy_of_a_template_item_stays_a_copy() -> None:
    store = Store(history=True)
    cables(store)
    name, country, day = CABLES[-1]
    reprint = "(واس) - " + CABLE.format(name=name, country=country).rsplit(" كما بعث", 1)[0]
    decision = store.add(reprint, day)
    assert (decision.kind, decision.duplicate_of) == ("near", 4)


def test_own_containment_leaves_texts_without_template_phrases_alone() -> None:
    templates = WireTemplates(DedupParams(), bits=16)
    a = normalize(CABLE.format(name="ماكي سال", country="السنغال"))
    b = normalize(CABLE.format(name="بيتر موثاريكا", country="ملاوي"))
    grams = (shingles(a, 3), shingles(b, 3))
    assert templates.own_containment(a, b, 20, grams) == 1.0  # nothing seen yet: nothing is template wording
    for day in (1, 2, 3):
        templates.see(normalize(CABLE.format(name=f"رئيس {day}", country=f"دولة {day}")), day)
    assert templates.own_containment(a, b, 4, grams) < DedupParams().min_own_containment
    assert templates.own_containment(a, b, 3, grams) == 1.0  # day 3 itself does not count: two days only
    assert templates.shares_own_text(a, b, None, grams)  # the day is not known: no check


def test_phrase_hashes_are_one_per_position_and_tell_word_order() -> None:
    hashes = phrase_hashes("ا ب ج د")
    assert hashes.dtype == np.uint64 and len(hashes) == 2
    assert phrase_hashes("ا ب ج")[0] != phrase_hashes("ج ب ا")[0]
    assert phrase_hashes("ا ب ج")[0] == hashes[0] and len(phrase_hashes("ا ب")) == 0


# a day's bulletin: a fixed formula that dates itself "today", filled in with the day's regions and winds
BULLETIN = (
    "توقعت الرئاسة العامة للأرصاد وحماية البيئة في تقريرها عن حالة الطقس لهذا اليوم طقسا شديد الحرارة على شرق "
    "ووسط المملكة ومعتدلا على المرتفعات مع نشاط في الرياح السطحية المثيرة للأتربة والغبار على {dust} وأورد "
    "التقرير أن حركة الرياح السطحية على البحر الأحمر ستكون {red} بسرعة 15 35 كم ساعة وارتفاع الموج من نصف متر إلى "
    "متر ونصف وحالة البحر متوسط الموج بينما تكون حركة الرياح على الخليج العربي {gulf} بسرعة 10 30 كم ساعة "
    "وارتفاع الموج من نصف متر إلى متر وحالة البحر خفيف إلى متوسط الموج"
)
DAYS = [  # (day, dust, red sea winds, gulf winds)
    (1, "مناطق الرياض والقصيم وحائل", "شمالية غربية", "شمالية"),
    (2, "مناطق الجوف والحدود الشمالية", "غربية", "شمالية شرقية"),
    (3, "مناطق مكة المكرمة والمدينة المنورة", "جنوبية غربية", "شرقية"),
    (4, "المنطقة الشرقية والأحساء", "شمالية", "جنوبية شرقية"),
    (5, "مناطق جازان وعسير والباحة وتمتد حتى نجران", "جنوبية غربية إلى غربية", "شرقية إلى شمالية شرقية"),
    (6, "شمال شرق المملكة ومناطق جازان وعسير والباحة", "جنوبية غربية إلى غربية", "شمالية شرقية"),
]


def _dated_store(params: DedupParams) -> tuple[DedupIndex, WireTemplates, dict[int, str], dict[int, str]]:
    texts: dict[int, str] = {}
    published: dict[int, str] = {}
    templates = WireTemplates(params, bits=16)
    return DedupIndex(params, texts.__getitem__, published.get, templates), templates, texts, published


def _file(store: tuple[DedupIndex, WireTemplates, dict[int, str], dict[int, str]], text: str, day: int) -> Decision:
    index, templates, texts, published = store
    norm = normalize(text)
    sig, words, _ = fast_signature(norm, index.params)
    marks = anchors(norm, index.params, words)
    date = f"2015-07-{20 + day:02d}"
    decision = index.decide(text_digest(norm), norm, sig, marks, date, day)
    article_id = len(texts) + 1
    texts[article_id], published[article_id] = norm, date
    index.load(article_id, text_digest(norm), sig, decision.duplicate_of, marks)
    templates.see(norm, day)
    return decision


def _bulletins(params: DedupParams) -> list[str]:
    store = _dated_store(params)
    return [_file(store, BULLETIN.format(dust=d, red=r, gulf=g), day).kind for day, d, r, g in DAYS]


def test_the_next_days_bulletin_in_the_same_dated_formula_is_another_days_news() -> None:
    """Two days' bulletins that open "… لهذا اليوم" in the template's wording, published a day apart, are two days'
    news, not a copy, however much the day's regions repeat; without the rule the last would join the one before.
    On a store's first days nothing is template wording yet (days 2 and 3 join day 1 either way)."""
    assert _bulletins(DedupParams()) == ["unique", "near", "near", "unique", "unique", "unique"]
    assert _bulletins(DedupParams(day_formula_lead_words=0)) == ["unique", "near", "near", "unique", "unique", "near"]


def test_a_dated_bulletin_reprinted_the_next_day_word_for_word_or_the_same_day_trimmed_stays_a_copy() -> None:
    store = _dated_store(DedupParams())
    for day, d, r, g in DAYS[:5]:
        _file(store, BULLETIN.format(dust=d, red=r, gulf=g), day)
    day, d, r, g = DAYS[4]
    whole = BULLETIN.format(dust=d, red=r, gulf=g)
    assert (_file(store, "(واس) - " + whole, 6).kind, _file(store, whole.rsplit(" بينما", 1)[0], 5).kind) == (
        "near",
        "near",
    )


def test_a_story_that_says_today_in_its_own_words_carried_a_day_later_stays_a_copy() -> None:
    """Only a template's dated formula makes a day's edition: a story's own "اليوم" does not."""
    store = _dated_store(DedupParams())
    for day, d, r, g in DAYS[:4]:
        _file(store, BULLETIN.format(dust=d, red=r, gulf=g), day)
    story = (
        "أعلنت وزارة الصحة اليوم تسجيل إصابات جديدة بفيروس كورونا في منطقة الرياض، وأوضحت الوزارة في بيان أن "
        "الحالات المسجلة تخضع للعزل في مستشفيات المنطقة، وأن فرق التقصي الوبائي باشرت حصر المخالطين في الأحياء "
        "المتضررة، ودعت المواطنين إلى الالتزام بالإرشادات الوقائية ومراجعة أقرب مركز صحي عند ظهور الأعراض."
    )
    _file(store, story, 5)
    edited = story.replace("ودعت المواطنين", "كما دعت الوزارة المواطنين").replace("في الأحياء المتضررة", "")
    assert _file(store, edited, 6).kind == "near"
