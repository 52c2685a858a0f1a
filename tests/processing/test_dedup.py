from __future__ import annotations

from pathlib import Path

from crawler.processing.dedup import DedupIndex, overlap
from crawler.processing.fingerprint import DedupParams, anchors, fast_signature, shingles, text_digest
from crawler.processing.normalize import normalize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class Corpus:
    """A tiny in-memory stand-in for the store's text lookup."""

    def __init__(self) -> None:
        self.params = DedupParams()
        self.texts: dict[int, str] = {}
        self.index = DedupIndex(self.params, lambda i: self.texts[i])

    def add(self, text: str):
        norm = normalize(text)
        sig = fast_signature(norm, self.params)[0]
        marks = anchors(norm, self.params)
        decision = self.index.decide(text_digest(norm), norm, sig, marks)
        new_id = len(self.texts) + 1
        self.texts[new_id] = norm
        self.index.load(new_id, text_digest(norm), sig, decision.duplicate_of, marks)
        return new_id, decision


def test_unique_then_exact_copy(conference_text: str) -> None:
    c = Corpus()
    first, d1 = c.add(conference_text)
    assert d1.kind == "unique" and d1.duplicate_of is None and d1.similarity is None
    # same words, other punctuation and hamza spelling: exact after normalisation
    _, d2 = c.add(conference_text.replace("،", " ,").replace("إلى", "الى"))
    assert (d2.kind, d2.duplicate_of, d2.similarity) == ("exact", first, 1.0)


def test_edited_wire_copy_is_near(conference_text: str) -> None:
    c = Corpus()
    first, _ = c.add(conference_text)
    paras = conference_text.split("\n")
    edited = "\n".join(["مراكش (و م ع) - " + paras[0], *paras[1:-1]])  # agency tag added, last paragraph dropped
    edited = edited.replace("ثلاثة أيام", "ثلاث أيام")
    _, d = c.add(edited)
    assert d.kind == "near" and d.duplicate_of == first
    assert d.similarity is not None and 0.5 <= d.similarity < 1.0


def test_different_story_is_unique(conference_text: str, tangier_text: str) -> None:
    c = Corpus()
    c.add(conference_text)
    _, d = c.add(tangier_text)
    assert d.kind == "unique"


def test_duplicates_point_at_cluster_head_not_chain(conference_text: str) -> None:
    c = Corpus()
    head, _ = c.add(conference_text)
    paras = conference_text.split("\n")
    _, d1 = c.add("\n".join(paras[:-1]))
    assert d1.duplicate_of == head
    _, d2 = c.add("\n".join(paras[:-1]))  # exact copy of the near copy
    assert (d2.kind, d2.duplicate_of) == ("exact", head)
    _, d3 = c.add("\n".join(paras[1:]))
    assert d3.kind == "near" and d3.duplicate_of == head


def test_overlap_containment() -> None:
    a = {"x", "y"}
    b = {"x", "y", "z", "w"}
    ov = overlap(a, b)
    assert ov.jaccard == 0.5 and ov.containment == 1.0


def test_dispatch_contained_in_round_up_is_near(conference_text: str, tangier_text: str) -> None:
    """A short dispatch inside a longer round-up: low Jaccard, found by anchors, verified by containment."""
    c = Corpus()
    paras = conference_text.split("\n")
    round_up, _ = c.add(
        "\n".join([tangier_text, paras[1], paras[2], "وفي خبر آخر من الرباط أعلنت الوزارة عن برنامج جديد."])
    )
    dispatch = "\n".join(paras[1:3])
    _, d = c.add(dispatch)
    assert d.kind == "near" and d.duplicate_of == round_up
    assert d.similarity is not None and d.similarity < 0.5  # Jaccard alone would have missed it


def test_anchors_are_deterministic_and_local(conference_text: str) -> None:
    params = DedupParams()
    norm = normalize(conference_text)
    assert anchors(norm, params) == anchors(norm, params)
    inner = " ".join(norm.split()[40:120])  # a long verbatim run shares anchors with its source
    assert set(anchors(inner, params)) & set(anchors(norm, params))


def test_same_template_different_facts_stays_unique() -> None:
    """Two daily market closes: the same sentences around different figures and companies."""
    c = Corpus()
    c.add((FIXTURES / "dedup" / "market-monday.txt").read_text(encoding="utf-8"))
    _, d = c.add((FIXTURES / "dedup" / "market-thursday.txt").read_text(encoding="utf-8"))
    assert d.kind == "unique"


def test_edited_copy_of_the_template_is_near() -> None:
    """The same market close republished with a new lead sentence and one paragraph dropped is a copy."""
    c = Corpus()
    text = (FIXTURES / "dedup" / "market-monday.txt").read_text(encoding="utf-8").strip().split("\n")
    first, _ = c.add("\n".join(text))
    edited = "\n".join(["الدار البيضاء (و م ع) - " + text[0], text[1], text[3], text[4]])
    _, d = c.add(edited)
    assert d.kind == "near" and d.duplicate_of == first


def test_softer_matches_need_close_publication_dates() -> None:
    """A rewritten copy shares about half its 3-grams; so does the same template days apart."""
    from crawler.processing.dedup import Overlap, days_apart, is_near_duplicate

    params = DedupParams()
    soft = Overlap(jaccard=0.3, containment=0.5, word_containment=0.8, shorter=120)
    assert is_near_duplicate(soft, params, days_apart("2024-05-01T10:00:00", "2024-05-02"))
    assert is_near_duplicate(soft, params, days_apart(None, "2024-05-02"))  # unknown date: overlap decides
    assert is_near_duplicate(soft, params, days_apart("2024-05-01T10:00:00", "2024-05-03"))  # a weekend's delay
    assert not is_near_duplicate(soft, params, days_apart("2024-05-01", "2024-05-04"))
    assert not is_near_duplicate(soft, params, days_apart("2024-05-01", "2024-05-05"))
    strong = Overlap(jaccard=0.4, containment=0.9, word_containment=0.95, shorter=120)
    assert is_near_duplicate(strong, params, 30)  # a verbatim copy republished a month later is still a copy


def test_a_rewrite_that_reinflects_words_keeps_its_rare_word_weight() -> None:
    """A rewrite swaps connectives and re-inflects words: its distinct words drift apart, while
    the stems that carry the story (places, names, topic words) stay shared."""
    from crawler.processing.dedup import Overlap, is_near_duplicate, rare_containment

    wire = normalize(
        "وأعلنت وزارة الصحة في مدينة الطائف عن افتتاح مستشفى الأطفال الجديد بطاقة مائتي سرير "
        "وقالت الوزارة إن المستشفى يضم قسما للعناية المركزة وآخر لجراحة القلب"
    )
    rewrite = normalize(
        "أعلنت الوزارة للصحة بالطائف افتتاحها لمستشفى أطفال جديد يتسع لمائتي سرير "
        "مشيرة الى أن مستشفاها يضم قسما لعناية مركزة وجراحات قلب"
    )
    words = len(set(wire.split()) & set(rewrite.split())) / min(len(set(wire.split())), len(set(rewrite.split())))
    assert words < 0.4
    assert rare_containment(wire, rewrite) >= 0.65
    # sharing only common words carries little weight
    other = normalize("وقالت الوزارة في بيان إن الحكومة قررت أن يكون العمل في الأسبوع المقبل كما كان")
    assert rare_containment(wire, other) < 0.3

    params = DedupParams()
    grey = Overlap(jaccard=0.25, containment=0.45, word_containment=0.55, shorter=120, rare_containment=0.7)
    assert is_near_duplicate(grey, params, 0)
    assert not is_near_duplicate(Overlap(0.25, 0.45, 0.55, 120, rare_containment=0.5), params, 0)
    assert not is_near_duplicate(Overlap(0.2, 0.35, 0.55, 120, rare_containment=0.9), params, 0)  # too few 3-grams


def _weather(name: str) -> str:
    return (FIXTURES / "dedup" / f"weather-{name}.txt").read_text(encoding="utf-8")


def test_rewritten_bulletin_with_the_same_figures_is_near() -> None:
    c = Corpus()
    first, _ = c.add(_weather("bulletin"))
    _, d = c.add(_weather("rewritten"))
    assert d.kind == "near" and d.duplicate_of == first
    assert d.similarity is not None and d.similarity < DedupParams().accept_jaccard  # found on the soft path


def test_same_template_with_other_figures_is_verified_and_stays_unique() -> None:
    """The words overlap enough for a rewritten copy; the temperatures substituted in the same
    sentences are other facts, so the candidate is rejected on verification."""
    from crawler.processing.dedup import overlap_strength
    from crawler.processing.facts import compare

    c = Corpus()
    first, _ = c.add(_weather("bulletin"))
    norm = normalize(_weather("other-figures"))
    sig, words, _ = fast_signature(norm, c.params)
    assert first in c.index.candidates(sig, anchors(norm, c.params, words))  # a candidate, rejected on verification
    mine = normalize(_weather("bulletin"))
    ov = overlap(shingles(mine, 3), shingles(norm, 3), set(mine.split()), set(norm.split()))
    assert overlap_strength(ov, c.params) is not None
    assert compare(mine, norm).numbers > c.params.soft_max_fact_conflicts
    _, d = c.add(_weather("other-figures"))
    assert d.kind == "unique"


def test_fact_limits_depend_on_how_close_the_words_are() -> None:
    from crawler.processing.dedup import Overlap, is_near_duplicate
    from crawler.processing.facts import Disagreement

    params = DedupParams()
    soft = Overlap(jaccard=0.3, containment=0.5, word_containment=0.8, shorter=120)
    strong = Overlap(jaccard=0.6, containment=0.75, word_containment=0.95, shorter=120)
    verbatim = Overlap(jaccard=0.85, containment=0.95, word_containment=0.98, shorter=120)
    one, two, three = Disagreement(names=1), Disagreement(numbers=1, names=1), Disagreement(names=3)
    assert is_near_duplicate(soft, params, 0, Disagreement())
    assert is_near_duplicate(soft, params, 0, one)  # a name spelt another way, a figure corrected
    assert not is_near_duplicate(soft, params, 0, two)
    # a rewrite swaps words no common-word list holds ("تحلق" for "تسبح"): two name words, nothing else
    assert is_near_duplicate(soft, params, 0, Disagreement(names=2))
    assert not is_near_duplicate(soft, params, 0, three)
    assert not is_near_duplicate(soft, params, 0, Disagreement(numbers=2))  # numbers stay strict
    assert is_near_duplicate(strong, params, 0, two)
    assert not is_near_duplicate(strong, params, 0, three)  # another country's cable: every slot differs
    assert is_near_duplicate(verbatim, params, 0, three)  # a near-verbatim copy with a typo'd figure more
    dated = Disagreement(dates=1)
    assert not is_near_duplicate(strong, params, 0, dated)  # another day's bulletin, the same words
    assert not is_near_duplicate(verbatim, params, 0, dated)  # dates get no slack


# -- facts: made-up template families and edited copies (texts written for these tests) ----------

_CABLE = (
    "بعث صاحب الجلالة الملك محمد السادس برقية تهنئة إلى رئيس جمهورية {country} السيد {president}، "
    "بمناسبة احتفال بلاده بعيدها الوطني.\n"
    "وأعرب جلالة الملك، في هذه البرقية، عن أحر تهانئه وأطيب متمنياته لرئيس جمهورية {country} بموفور الصحة "
    "والسعادة، وللشعب {people} الشقيق بالمزيد من التقدم والازدهار.\n"
    "وأكد جلالته حرصه الدائم على العمل سويا مع الرئيس {last} من أجل توطيد علاقات الأخوة والتعاون التي تجمع "
    "المملكة المغربية وجمهورية {country}، بما يخدم مصالح البلدين والشعبين الشقيقين ويعزز الشراكة بينهما في "
    "مختلف المجالات."
)
CABLES = [
    _CABLE.format(country="غانا", president="كوفي أمبارا", last="أمبارا", people="الغاني"),
    _CABLE.format(country="البيرو", president="خوان ميريدا", last="ميريدا", people="البيروفي"),
    _CABLE.format(country="الأوروغواي", president="لويس فيرنانديث", last="فيرنانديث", people="الأوروغواياني"),
]

_EXECUTION = (
    "أعلنت وزارة الداخلية أنه تم اليوم تنفيذ حكم القتل قصاصا في الجاني {convict} بمحافظة {place}، "
    "وذلك لإقدامه على قتل المواطن {victim} طعنا بسكين إثر خلاف نشب بينهما.\n"
    "وأوضح البيان أن سلطات الأمن تمكنت من القبض على الجاني، وأسفر التحقيق معه عن توجيه الاتهام إليه "
    "بارتكاب جريمته، وبإحالته إلى المحكمة المختصة صدر بحقه حكم يقضي بثبوت ما نسب إليه والحكم عليه "
    "بالقتل قصاصا، وأيد الحكم من محكمة الاستئناف ومن المحكمة العليا.\n"
    "وأكدت الوزارة حرص الدولة على استتباب الأمن وتحقيق العدل وتنفيذ أحكام الله في كل من يتعدى على "
    "الآمنين ويسفك دماءهم، محذرة كل من تسول له نفسه الإقدام على مثل هذه الجرائم."
)
EXECUTIONS = [
    _EXECUTION.format(convict="سالم بن ناصر القحيدي", place="الخرج", victim="فهد بن علي الدوسري"),
    _EXECUTION.format(convict="مرزوق بن حمد العتيبي", place="بيشة", victim="ماجد بن سعد الشهري"),
]

_RESULTS = (
    "أعلنت شركة {company} عن تحقيق صافي أرباح بلغ {profit} مليون درهم خلال النصف الأول من سنة 2024، "
    "مقابل {before} مليون درهم في الفترة نفسها من السنة الماضية.\n"
    "وعزت الشركة في بلاغ لها هذا التطور إلى ارتفاع رقم معاملاتها الذي بلغ {revenue} مليون درهم، وإلى "
    "التحكم في تكاليف الاستغلال وتحسن الهوامش في مختلف أنشطتها.\n"
    "وأوضح البلاغ أن مجلس الإدارة اجتمع لدراسة النتائج المرحلية، وجدد ثقته في قدرة الشركة على مواصلة "
    "النمو خلال ما تبقى من السنة، مع الحفاظ على سياسة توزيع الأرباح المعتمدة لفائدة المساهمين."
)
RESULTS = [
    _RESULTS.format(company="أطلس للإسمنت", profit="412", before="365", revenue="2870"),
    _RESULTS.format(company="سوس للألبان", profit="198", before="221", revenue="1540"),
]

_BULLETIN = (
    "توقعت المديرية العامة للأرصاد الجوية أن يعرف طقس يوم {weekday} {day} يوليوز أجواء حارة بالمناطق "
    "الداخلية، مع سماء صافية إلى قليلة السحب فوق معظم جهات المملكة.\n"
    "وستتراوح درجات الحرارة الدنيا ما بين 18 و24 درجة بالسواحل الأطلسية، فيما ستبلغ الدرجات العليا 44 "
    "درجة بمراكش و42 درجة ببني ملال.\n"
    "وستكون الرياح معتدلة إلى قوية نسبيا بالسواحل الشمالية، والبحر هائجا بالبوغاز وقليل الهيجان إلى "
    "هائج بالسواحل المتوسطية، حسب النشرة."
)
BULLETINS = [
    _BULLETIN.format(weekday="الاثنين", day="15"),
    _BULLETIN.format(weekday="الثلاثاء", day="16"),
]

STORY = [
    "دشن وزير التجهيز والماء نزار العلوي، يوم الأربعاء بمدينة أكادير، محطة جديدة لتحلية مياه البحر "
    "بطاقة إنتاجية تبلغ 275 ألف متر مكعب في اليوم، بكلفة إجمالية قدرها 4,4 مليار درهم.",
    "وستمكن هذه المحطة، التي أنجزت في إطار شراكة بين القطاعين العام والخاص، من تأمين الماء الصالح للشرب "
    "لفائدة حوالي مليوني نسمة بجهة سوس ماسة، إلى جانب سقي 15 ألف هكتار من الأراضي الفلاحية باشتوكة.",
    "وأوضح الوزير، في كلمة بالمناسبة، أن المشروع يندرج ضمن البرنامج الوطني للتزويد بالماء الشروب ومياه "
    "السقي، الذي يهدف إلى مواجهة آثار توالي سنوات الجفاف وتراجع حقينة السدود بالمنطقة.",
    "وأضاف أن الأشغال انطلقت قبل ثلاث سنوات، وشارك فيها أزيد من 1200 عامل وتقني، مع اعتماد تقنيات حديثة "
    "تقلص استهلاك الطاقة بنسبة 30 في المائة مقارنة بالمحطات التقليدية.",
    "من جهته، أكد والي جهة سوس ماسة أن المحطة ستساهم في تخفيف الضغط على الفرشة المائية، وفي دعم النشاط "
    "السياحي والصناعي بالجهة خلال السنوات المقبلة.",
    "وتعتزم الوزارة إطلاق محطات مماثلة بكل من الدار البيضاء وآسفي والجديدة في أفق سنة 2027، في إطار "
    "سياسة تنويع مصادر الماء.",
    "يذكر أن المغرب يتوفر حاليا على 12 محطة لتحلية مياه البحر، تنتج مجتمعة حوالي 192 مليون متر مكعب في السنة.",
]


def _siblings_stay_apart(texts: list[str]) -> None:
    c = Corpus()
    decisions = [c.add(text)[1] for text in texts]
    assert [d.kind for d in decisions] == ["unique"] * len(texts), decisions


def test_cables_to_different_countries_stay_unique() -> None:
    """Each cable is "near" the first on words (Jaccard ~0.6) but not on facts: no star cluster."""
    c = Corpus()
    norm = [normalize(t) for t in CABLES]
    ov = overlap(shingles(norm[0], 3), shingles(norm[1], 3))
    assert ov.jaccard >= c.params.accept_jaccard  # words alone would merge them
    _siblings_stay_apart(CABLES)


_ONE_SLOT_CABLE = (
    "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس {president} رئيس "
    "{country} بمناسبة ذكرى استقلال بلاده.\n"
    "وأعرب خادم الحرمين الشريفين باسمه واسم شعب وحكومة المملكة العربية السعودية عن أصدق التهاني وأطيب التمنيات "
    "بالصحة والسعادة لفخامته ولحكومة وشعب بلاده الشقيق اطراد التقدم والازدهار.\n"
    "وأشاد الملك المفدى بهذه المناسبة بتميز العلاقات الأخوية التي تربط بين البلدين والشعبين الشقيقين التي يسعى "
    "الجميع لتعزيزها وتنميتها في جميع المجالات."
)


def test_cables_whose_only_difference_is_the_recipient_in_the_lead_stay_unique() -> None:
    """The recipient is named once, in the lead: one substituted name is within a strong overlap's slack, but each
    lead names a country the other cable never names."""
    cables = [
        _ONE_SLOT_CABLE.format(president="عبدالله يامين", country="جمهورية المالديف"),
        _ONE_SLOT_CABLE.format(president="الباجي قايد السبسي", country="الجمهورية التونسية"),
    ]
    from crawler.processing.facts import compare

    a, b = (normalize(t) for t in cables)
    assert compare(a, b).total <= DedupParams().max_fact_conflicts  # the word-level facts alone would merge them
    _siblings_stay_apart(cables)


def test_executions_of_different_convicts_stay_unique() -> None:
    _siblings_stay_apart(EXECUTIONS)


def test_other_companies_results_stay_unique() -> None:
    _siblings_stay_apart(RESULTS)


def test_weather_bulletins_of_different_days_stay_unique() -> None:
    """The same figures and words, another day: the dates differ."""
    _siblings_stay_apart(BULLETINS)


def test_market_closes_of_different_days_stay_unique() -> None:
    _siblings_stay_apart(
        [(FIXTURES / "dedup" / f"market-{day}.txt").read_text(encoding="utf-8") for day in ("monday", "thursday")]
    )


def test_a_template_copy_joins_its_own_first_article() -> None:
    """A republished cable (agency tag, one sentence reworded) is a copy of its own first article."""
    c = Corpus()
    ids = [c.add(text)[0] for text in CABLES]
    copy = "الرباط (و م ع) - " + CABLES[1].replace("بمناسبة احتفال بلاده", "وذلك بمناسبة احتفال بلاده")
    _, d = c.add(copy)
    assert d.kind == "near" and d.duplicate_of == ids[1]


def _edited_copy(edited: list[str]) -> None:
    c = Corpus()
    first, _ = c.add("\n".join(STORY))
    _, d = c.add("\n".join(edited))
    assert d.kind == "near" and d.duplicate_of == first, d


def test_copy_with_a_rewritten_lead_is_near() -> None:
    lead = (
        "أشرف نزار العلوي، وزير التجهيز والماء، الأربعاء في أكادير على تدشين محطة لتحلية مياه البحر "
        "تنتج 275 ألف متر مكعب يوميا، كلفت 4,4 مليار درهم."
    )
    _edited_copy([lead, *STORY[1:]])


def test_copy_with_an_added_paragraph_is_near() -> None:
    added = (
        "وكانت ساكنة عدد من أحياء المدينة قد اشتكت خلال الصيف الماضي من انقطاعات متكررة في التزود بالماء، "
        "ما دفع السلطات إلى اعتماد برنامج استعجالي لتوزيع الماء عبر الصهاريج."
    )
    _edited_copy([*STORY[:3], added, *STORY[3:]])


def test_copy_with_reordered_paragraphs_is_near() -> None:
    _edited_copy([STORY[0], STORY[2], STORY[4], STORY[1], STORY[3], STORY[6], STORY[5]])


def test_copy_with_a_trimmed_tail_is_near() -> None:
    _edited_copy(STORY[:4])


def test_dispatch_inside_a_round_up_with_other_facts_is_near() -> None:
    """A round-up carrying a whole cable among other items: judged on the contained cable."""
    c = Corpus()
    round_up, _ = c.add("\n".join([*STORY[:3], CABLES[0], *BULLETINS[0].split("\n")[:2]]))
    _, d = c.add(CABLES[0])
    assert d.kind == "near" and d.duplicate_of == round_up


def test_no_chaining_through_a_copy() -> None:
    """B is a copy of A (A's first half and a new half); C copies B's new half only. C is near B,
    but B is not a cluster's first article: C is checked against A, is not a copy of it, and
    stays out of A's cluster."""
    c = Corpus()
    new_half = [
        _EXECUTION.format(convict="جابر بن سعيد", place="حائل", victim="بدر بن خالد").split("\n")[i] for i in (0, 1)
    ]
    a, _ = c.add("\n".join(STORY[:4]))
    b, db = c.add("\n".join([*STORY[:3], *new_half]))
    assert db.kind == "near" and db.duplicate_of == a
    more = RESULTS[0].split("\n")[:2]
    _, dc = c.add("\n".join([*new_half, *more]))
    assert dc.duplicate_of != a and dc.duplicate_of != b
    assert dc.kind == "unique"


def test_bulk_rebuild_decides_like_the_index_it_replaces(conference_text: str, tangier_text: str) -> None:
    """A reopened store's index (bulk-loaded from stored rows, duplicates included) gives the
    decisions of the index that was built article by article."""
    import numpy as np

    from crawler.processing.dedup import StoredRows

    c = Corpus()
    paras = conference_text.split("\n")
    texts = [conference_text, tangier_text, "\n".join(paras[:-1]), "\n".join(paras[:-1]), _weather("bulletin")]
    rows: list[tuple[int, int, bytes, np.ndarray, tuple[int, ...]]] = []
    for text in texts:
        article_id, d = c.add(text)
        norm = normalize(text)
        marks = anchors(norm, c.params)
        sig = fast_signature(norm, c.params)[0]
        rows.append((article_id, d.duplicate_of or -1, text_digest(norm), sig.hashvalues, marks))
    assert [r[1] for r in rows] == [-1, -1, 1, 1, -1]
    offsets = np.cumsum([0] + [len(r[4]) for r in rows])
    stored = StoredRows(
        ids=np.array([r[0] for r in rows], dtype=np.uint32),
        canonical=np.array([r[1] for r in rows], dtype=np.int64),
        digest_keys=np.array([int.from_bytes(r[2][:4], "little") for r in rows], dtype=np.uint32),
        signatures=np.array([r[3] for r in rows], dtype=np.uint32),
        anchors=np.array([a for r in rows for a in r[4]], dtype=np.uint32),
        anchor_offsets=offsets.astype(np.int64),
    )
    rebuilt = DedupIndex(c.params, lambda i: c.texts[i])
    rebuilt.bulk_load(stored)
    assert rebuilt.size == c.index.size == 3
    probes = ["\n".join(paras[1:]), conference_text, tangier_text + "\nسطر إضافي", _weather("rewritten"), "نص آخر"]
    for probe in probes:
        norm = normalize(probe)
        sig, words, _ = fast_signature(norm, c.params)
        marks = anchors(norm, c.params, words)
        args = (text_digest(norm), norm, sig, marks)
        assert rebuilt.decide(*args) == c.index.decide(*args)
        assert rebuilt.candidates(sig, marks) == c.index.candidates(sig, marks)


def _rewrite_against_first(first: str, rewrite: str, days: int, params: DedupParams | None = None):
    """``rewrite`` decided against a store that holds ``first``, published ``days`` later."""
    params = params or DedupParams()
    texts = {1: normalize(first)}
    index = DedupIndex(params, texts.__getitem__, {1: "2024-03-10T09:00:00"}.get)
    sig, words, _ = fast_signature(texts[1], params)
    index.load(1, text_digest(texts[1]), sig, None, anchors(texts[1], params, words))
    norm = normalize(rewrite)
    sig, words, _ = fast_signature(norm, params)
    published = f"2024-03-{10 + days:02d}T18:00:00"
    return index.decide(text_digest(norm), norm, sig, anchors(norm, params, words), published)


def test_a_rewrite_the_rules_turn_down_is_a_copy_by_the_second_look(conference_text: str) -> None:
    """Another outlet rewrote the dispatch: leads and clauses redone, the quotes kept. Its 3-grams fall under
    the rules' thresholds (containment < 0.4) while its words, rare words and facts say copy."""
    from dataclasses import replace

    rewrite = (FIXTURES / "texts" / "conference_rewrite.txt").read_text(encoding="utf-8")
    a, b = normalize(conference_text), normalize(rewrite)
    ov = overlap(shingles(b, 3), shingles(a, 3), set(b.split()), set(a.split()))
    assert 0.2 <= ov.containment < DedupParams().soft_containment and ov.jaccard < 0.25
    decision = _rewrite_against_first(conference_text, rewrite, 0)
    assert decision.kind == "near" and decision.duplicate_of == 1
    rules_only = replace(DedupParams(), rescue_model="")
    assert _rewrite_against_first(conference_text, rewrite, 0, rules_only).kind == "unique"


def test_the_second_look_weighs_the_days_between_the_two(conference_text: str) -> None:
    """The same rewrite a week later is not taken for a copy: the rules' days limit is soft, the model's is too."""
    rewrite = (FIXTURES / "texts" / "conference_rewrite.txt").read_text(encoding="utf-8")
    assert _rewrite_against_first(conference_text, rewrite, 1).kind == "near"
    assert _rewrite_against_first(conference_text, rewrite, 7).kind == "unique"


def test_the_second_look_never_overrules_the_facts() -> None:
    """Two execution statements for different convicts overlap like copies (3-gram containment 0.87) and the
    model alone would take them for one (probability above the threshold): the facts turn them down for good."""
    from crawler.processing import rescue
    from crawler.processing.dedup import Pairing, pair_features, rules_verdict

    params = DedupParams()
    a, b = (normalize(t) for t in EXECUTIONS)
    grams = (shingles(b, 3), shingles(a, 3))
    pair = Pairing(b, a, grams, overlap(*grams, set(b.split()), set(a.split())), 0, None)
    verdict, found = rules_verdict(pair, None, params)
    assert verdict is False and found is not None and found.names >= 3
    values = pair_features(pair, None, params, found)
    assert rescue.probability(values, params.rescue_model) >= params.rescue_min_probability
    _siblings_stay_apart(EXECUTIONS)
