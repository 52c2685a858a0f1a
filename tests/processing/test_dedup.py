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
    assert not is_near_duplicate(soft, params, days_apart("2024-05-01", "2024-05-05"))
    strong = Overlap(jaccard=0.4, containment=0.9, word_containment=0.95, shorter=120)
    assert is_near_duplicate(strong, params, 30)  # a verbatim copy republished a month later is still a copy


def _weather(name: str) -> str:
    return (FIXTURES / "dedup" / f"weather-{name}.txt").read_text(encoding="utf-8")


def test_rewritten_bulletin_with_the_same_figures_is_near() -> None:
    c = Corpus()
    first, _ = c.add(_weather("bulletin"))
    _, d = c.add(_weather("rewritten"))
    assert d.kind == "near" and d.duplicate_of == first
    assert d.similarity is not None and d.similarity < DedupParams().accept_jaccard  # found on the soft path


def test_same_template_with_other_figures_is_verified_and_stays_unique() -> None:
    from crawler.processing.dedup import numbers

    c = Corpus()
    first, _ = c.add(_weather("bulletin"))
    norm = normalize(_weather("other-figures"))
    sig, words, _ = fast_signature(norm, c.params)
    assert first in c.index.candidates(sig, anchors(norm, c.params, words))  # a candidate, rejected on verification
    mine, theirs = normalize(_weather("bulletin")), norm
    ov = overlap(
        shingles(mine, 3), shingles(theirs, 3), set(mine.split()), set(theirs.split()), numbers(mine), numbers(theirs)
    )
    assert ov.containment >= c.params.soft_containment and ov.word_containment >= c.params.soft_word_containment
    assert ov.number_agreement < c.params.soft_number_agreement
    _, d = c.add(_weather("other-figures"))
    assert d.kind == "unique"


def test_numbers_gate_only_the_soft_path() -> None:
    from crawler.processing.dedup import Overlap, is_near_duplicate, number_agreement, numbers

    params = DedupParams()
    assert numbers(normalize("سجلت 41 درجة و٤٣ درجة يوم 12")) == {"41", "43", "12"}  # Arabic-Indic digits too
    assert number_agreement({"41", "43"}, {"41", "43", "2024"}) == 1.0
    assert number_agreement({"41", "43"}, set()) == 1.0  # a side without numbers cannot disagree
    assert number_agreement({"41", "43", "19", "14"}, {"36", "38", "16", "14"}) < params.soft_number_agreement

    def soft(agreement: float) -> Overlap:
        return Overlap(jaccard=0.3, containment=0.5, word_containment=0.8, shorter=120, number_agreement=agreement)

    assert is_near_duplicate(soft(0.5), params, 0)
    assert not is_near_duplicate(soft(0.2), params, 0)
    strong = Overlap(jaccard=0.4, containment=0.9, word_containment=0.95, shorter=120, number_agreement=0.0)
    assert is_near_duplicate(strong, params, 0)  # a copy re-dated or re-timed by each outlet is still a copy


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
