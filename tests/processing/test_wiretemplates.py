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
