from __future__ import annotations

from crawler.processing.dedup import DedupIndex, overlap
from crawler.processing.fingerprint import DedupParams, shingles, signature, text_digest
from crawler.processing.normalize import normalize


class Corpus:
    """A tiny in-memory stand-in for the store's text lookup."""

    def __init__(self) -> None:
        self.params = DedupParams()
        self.texts: dict[int, str] = {}
        self.index = DedupIndex(self.params, lambda i: self.texts[i])

    def add(self, text: str):
        norm = normalize(text)
        sig = signature(shingles(norm, self.params.shingle_size), self.params)
        decision = self.index.decide(text_digest(norm), norm, sig)
        new_id = len(self.texts) + 1
        self.texts[new_id] = norm
        self.index.load(new_id, text_digest(norm), sig, decision.duplicate_of)
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
