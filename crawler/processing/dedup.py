"""Duplicate decisions: exact (same normalised text) and near (candidates, then verification).

The first stored copy of a story is canonical. Only canonical ("unique") articles
are indexed, so every candidate is a cluster's first article and duplicates point at
it directly (stars, not chains). The index is rebuilt from stored signatures at
start-up, never pickled.

Candidates come from two places:

- MinHash LSH on word 3-gram signatures (datasketch MinHash values and datasketch's
  band layout for the threshold, stored compactly by ``lshindex``) finds lightly
  edited copies (high Jaccard similarity);
- an anchor index finds a dispatch inside a longer round-up, whose Jaccard similarity
  is low: each text contributes the winnowed minima of its word 5-gram hashes, so two
  texts sharing a verbatim run of ``anchor_window + 4`` words or more share an anchor.

Verification then measures the two texts exactly (word 3-gram and word containment)
and checks that they state the same facts (``facts``: aligned substitutions of numbers,
dates and names): template news filled in with other facts is another story however
many words it shares. With a store's history (``wiretemplates``), it also checks that the
two share their own text, not only wording seen on many days (a cable's or a bulletin's formula), and that
they are not two days' editions of a template that dates itself "اليوم" (published on different days).
A pair whose facts and own text agree but whose words overlap too little for the thresholds gets a
second look (``rescue``: a logistic model over the same measures, fitted on the labelled pairs).
Thresholds were tuned on hand-labelled pairs of real Arabic articles (``benchmarks/data/dedup_pairs.tsv``
and the ``tune`` half of ``dedup_pairs_v2.tsv``; ``docs/dedup-labelling.md``).

A new article is always checked against a cluster's *first* article (the only kind the
index holds), never against a copy: a text near a copy but not near the first article
stays apart (no chaining), and template siblings each "near" a first article on words
but not on facts do not gather into a star.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

import numpy as np
from datasketch import LeanMinHash

from crawler.processing import rescue
from crawler.processing.eventterms import Background, stems
from crawler.processing.facts import Disagreement
from crawler.processing.facts import compare as compare_facts
from crawler.processing.fingerprint import DedupParams, shingles
from crawler.processing.lshindex import BandLayout, SortedMultiMap, pack_into
from crawler.processing.wiretemplates import WireTemplates

log = logging.getLogger(__name__)

DupKind = Literal["unique", "exact", "near"]
_ANCHOR_SALT = np.uint32(0x5BD1E995)  # keeps anchor keys apart from LSH band keys
_ANCHOR_FLAG_INT = 1 << 31  # top bit of a stored value: the entry is an anchor (article ids < 2**31)
_ANCHOR_FLAG = np.uint32(_ANCHOR_FLAG_INT)
_NO_ANCHORS = np.empty(0, dtype=np.uint32)


def _anchor_array(anchors: tuple[int, ...]) -> np.ndarray:
    return np.fromiter(anchors, np.uint32, len(anchors)) if anchors else _NO_ANCHORS


@dataclass(frozen=True)
class Decision:
    """What the index says about a new article."""

    kind: DupKind
    duplicate_of: int | None = None
    similarity: float | None = None  # verified word 3-gram Jaccard with duplicate_of


@dataclass(frozen=True)
class Overlap:
    jaccard: float  # word 3-gram Jaccard
    containment: float  # share of the shorter text's 3-grams found in the other
    word_containment: float  # the same for single words
    shorter: int  # 3-grams in the shorter text
    rare_containment: float = 0.0  # the same for rare-word weight (:func:`rare_containment`; 0: not measured)


def overlap(
    a: set[str],
    b: set[str],
    words_a: set[str] | None = None,
    words_b: set[str] | None = None,
) -> Overlap:
    if not a or not b:
        return Overlap(0.0, 0.0, 0.0, 0)
    inter = len(a & b)
    word_c = 0.0
    if words_a and words_b:
        word_c = len(words_a & words_b) / min(len(words_a), len(words_b))
    return Overlap(inter / len(a | b), inter / min(len(a), len(b)), word_c, min(len(a), len(b)))


def rare_containment(a: str, b: str) -> float:
    """The share of the lighter text's rare-word weight that the other text shares.

    Each distinct stem (``eventterms.stem``: affixes and clitics off) weighs its inverse document
    frequency in the shipped background corpus, so a shared place, name or topic word counts far
    more than a shared function word. A rewrite that re-inflects words ("أعلنت الوزارة" for "وأعلنت
    وزارة") and swaps connectives keeps this high while its distinct-word containment drops.
    """
    background = Background.shipped()
    log_docs = math.log(background.docs + 1)
    df = background.df

    def weights(text: str) -> dict[str, float]:
        return {s: log_docs - math.log(df.get(s, 0) + 1) for s in stems(text.split())}

    wa, wb = weights(a), weights(b)
    lighter = min(sum(wa.values()), sum(wb.values()))
    if lighter <= 0:
        return 0.0
    return sum(w for s, w in wa.items() if s in wb) / lighter


def with_rare_containment(ov: Overlap, a: str, b: str, params: DedupParams) -> Overlap:
    """``ov`` with :attr:`Overlap.rare_containment` measured when it can decide the strength: a
    3-gram containment soft enough but too few distinct words shared (the measure costs stemming)."""
    if ov.shorter < params.min_shingles or ov.containment < params.soft_containment:
        return ov
    if ov.word_containment >= params.soft_word_containment:
        return ov
    return replace(ov, rare_containment=rare_containment(a, b))


def days_apart(a: str | None, b: str | None) -> int | None:
    """Whole days between two ISO dates (None when either is unknown)."""
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


Strength = Literal["strong", "soft"]


def overlap_strength(ov: Overlap, params: DedupParams, days: int | None = None) -> Strength | None:
    """How the texts' words overlap: enough for a copy ("strong"), enough for a rewritten copy
    published close in time ("soft"), or not enough (None).

    A strong overlap is a copy whenever it was published. A softer one (a rewritten lead, a
    trimmed dispatch: enough 3-grams, and enough distinct words or rare-word weight shared) counts
    only between articles published at most ``soft_max_days`` apart (a weekend's delay): the same
    template days apart (weather bulletins, market closes, official cables) shares as many words
    but reports other facts.
    """
    if ov.shorter < params.min_shingles:
        return "strong" if ov.jaccard >= params.accept_jaccard else None
    if ov.jaccard >= params.accept_jaccard or ov.containment >= params.accept_containment:
        return "strong"
    words = ov.word_containment >= params.soft_word_containment or ov.rare_containment >= params.soft_rare_containment
    soft = ov.containment >= params.soft_containment and words
    return "soft" if soft and (days is None or days <= params.soft_max_days) else None


def facts_agree(found: Disagreement, strength: Strength, ov: Overlap, params: DedupParams) -> bool:
    """Whether two texts whose words overlap with ``strength`` state the same facts.

    A copy states the facts of its original: a number, date or name substituted for another
    in an aligned sentence is a different story (another country's cable, another day's
    bulletin, another convict). A few conflicts are allowed for strong overlaps (an outlet
    corrects a figure or spells a name its way), fewer for soft ones, and one more for
    near-verbatim copies (``fact_slack_containment``): a single typo'd figure there does not
    make another story. Leads that each state a number the other text never states
    (``Disagreement.lead_numbers``), or each name a country the other never names
    (``Disagreement.lead_countries``: another recipient's cable), are two stories unless the texts
    are near-verbatim.
    Dates get no slack: the same words about another day are another day's news (a
    bulletin, a market close). A soft overlap whose only conflicts are names may swap up to
    ``soft_max_name_words`` words: a rewrite replaces verbs and nouns ("تحلق" for "تسبح") that
    no common-word list holds, which read as names; numbers and dates stay strict.
    """
    slack = 1 if ov.containment >= params.fact_slack_containment else 0
    limit = params.max_fact_conflicts if strength == "strong" else params.soft_max_fact_conflicts
    lead_ok = not (found.lead_numbers or found.lead_countries) or ov.containment >= params.fact_slack_containment
    if not lead_ok or found.dates > params.max_date_conflicts:
        return False
    reworded = strength == "soft" and found.numbers == 0 and found.names <= params.soft_max_name_words
    return found.total <= limit + slack or reworded


@dataclass(frozen=True)
class Pairing:
    """A new text beside a stored one that the index offers as a candidate, as verification measures them."""

    new: str  # normalised
    old: str
    grams: tuple[set[str], set[str]]  # their word 3-grams, the new text's first
    ov: Overlap
    days: int | None  # days between their publications (None: a date unknown)
    day: int | None  # the new text's day on the wire templates' clock (None: not known)


def pair_features(
    pair: Pairing, templates: WireTemplates | None, params: DedupParams, found: Disagreement | None = None
) -> tuple[float, ...]:
    """The second look's measures (:func:`rescue.features`) of ``pair`` (``found``: its facts, when compared
    already). Below ``rescue_min_containment`` the costly measures are not taken (rare-word share 0, own-text
    share 1)."""
    found = compare_facts(pair.old, pair.new) if found is None else found
    measured = pair.ov.containment >= params.rescue_min_containment
    rare = rare_containment(pair.new, pair.old) if measured else 0.0
    own = 1.0
    if measured and templates is not None and pair.day is not None:
        own = templates.own_containment(pair.new, pair.old, pair.day, pair.grams)
    return rescue.features(replace(pair.ov, rare_containment=rare), found, pair.days, own)


def _other_days_edition(pair: Pairing, templates: WireTemplates | None, params: DedupParams) -> bool:
    """Whether ``pair`` is two days' editions of a template dated by its day ("لهذا اليوم"): published on different
    days, both leads in the same dated template phrase, and not a near-verbatim reprint (a late copy of the same
    bulletin keeps its words; the next day's changes regions and winds in the same formula)."""
    return (
        templates is not None
        and pair.day is not None
        and bool(pair.days)
        and pair.ov.containment < params.fact_slack_containment
        and templates.same_day_formula(pair.new, pair.old, pair.day, params.day_formula_lead_words)
    )


def rules_verdict(
    pair: Pairing, templates: WireTemplates | None, params: DedupParams
) -> tuple[bool | None, Disagreement | None]:
    """What the rules say of ``pair``'s new text against its stored one, and the facts found when they were
    compared. True: a copy (the words overlap, the facts agree, and with a history the two share their own text, not
    only a template's wording). False: not, for good (the facts or the template wording say so, the two are two days'
    editions of a dated template, or too little is shared). None: the words overlap too little for the rules'
    thresholds while the facts agree and the own text is shared, so the second look (:mod:`rescue`) decides; only
    when ``rescue_model`` names one."""
    ruled = with_rare_containment(pair.ov, pair.new, pair.old, params)
    strength = overlap_strength(ruled, params, pair.days)
    second_look = bool(params.rescue_model) and pair.ov.containment >= params.rescue_min_containment
    if strength is None and not second_look:
        return False, None
    if _other_days_edition(pair, templates, params):
        return False, None
    found = compare_facts(pair.old, pair.new)
    if not facts_agree(found, strength or "soft", ruled, params):
        return False, found
    if templates is not None and not templates.shares_own_text(pair.new, pair.old, pair.day, pair.grams):
        return False, found  # siblings of one template: what they share is its wording
    return (True if strength is not None else None), found


def is_copy(pair: Pairing, templates: WireTemplates | None, params: DedupParams) -> bool:
    """Whether ``pair``'s new text is a copy of its stored one: the rules say so (:func:`rules_verdict`), or they
    leave it to the second look, which does (its probability at least ``rescue_min_probability``)."""
    verdict, found = rules_verdict(pair, templates, params)
    if verdict is not None:
        return verdict
    values = pair_features(pair, templates, params, found)
    return rescue.probability(values, params.rescue_model) >= params.rescue_min_probability


def is_near_duplicate(
    ov: Overlap, params: DedupParams, days: int | None = None, found: Disagreement | None = None
) -> bool:
    """The verification rule: words overlap (:func:`overlap_strength`) and facts agree
    (:func:`facts_agree`; ``found`` None: not checked)."""
    strength = overlap_strength(ov, params, days)
    return strength is not None and (found is None or facts_agree(found, strength, ov, params))


class DedupIndex:
    """Exact digests, LSH bands and anchors of the canonical articles of one store (compact arrays)."""

    def __init__(
        self,
        params: DedupParams,
        normalised_text_of: Callable[[int], str],
        published_of: Callable[[int], str | None] | None = None,
        templates: WireTemplates | None = None,
    ) -> None:
        self.params = params
        self._text_of = normalised_text_of
        self._published_of = published_of or (lambda _article_id: None)
        self.templates = templates  # template wording seen on many days (None: not consulted)
        self.layout = BandLayout(params.lsh_threshold, params.num_perm)
        # LSH band keys and anchors share one multimap: anchor keys are salted so the two kinds
        # cannot meet, and the value's top bit says which kind matched. One search per decision.
        self._keys = SortedMultiMap()
        self._exact: dict[int, int | list[int]] = {}  # 32-bit digest prefix -> article id(s)
        self._heads: dict[int, int] = {}  # duplicate article id -> its cluster's first article
        self._last: tuple[LeanMinHash, tuple[int, ...], np.ndarray] | None = None
        self.size = 0

    @staticmethod
    def _digest_key(digest: bytes) -> int:
        return int.from_bytes(digest[:4], "little")

    @property
    def nbytes(self) -> int:
        return self._keys.nbytes + 100 * len(self._exact) + 100 * len(self._heads)

    def _cached_keys(self, sig: LeanMinHash, anchors: tuple[int, ...]) -> np.ndarray | None:
        """The keys computed for the same signature and anchors by the ``decide`` before a ``load``."""
        last = self._last
        return last[2] if last is not None and last[0] is sig and last[1] == anchors else None

    def _lookup_keys(self, sig: LeanMinHash, anchors: tuple[int, ...]) -> np.ndarray:
        """Band keys then salted anchor keys."""
        keys = self._cached_keys(sig, anchors)
        if keys is None:
            keys = self.layout.keys_one(sig.hashvalues, _anchor_array(anchors), _ANCHOR_SALT)
            self._last = (sig, anchors, keys)
        return keys

    def bulk_load(self, rows: StoredRows) -> None:
        """Rebuild from stored signatures in one go (start-up): vectorised, no Python loop per band."""
        ids = rows.ids
        self._exact = dict(zip(rows.digest_keys.tolist(), ids.tolist(), strict=True))
        order = np.argsort(rows.digest_keys, kind="stable")
        keys = rows.digest_keys[order]
        shared = np.unique(keys[1:][keys[1:] == keys[:-1]])  # digest prefixes held by several articles
        for key in shared.tolist():
            lo, hi = np.searchsorted(keys, [key, key + 1])
            self._exact[key] = ids[order[lo:hi]].tolist()
        unique = rows.canonical < 0
        everything = bool(unique.all())  # the usual case: no copies of 500 MB of signatures
        self._heads = dict(zip(ids[~unique].tolist(), rows.canonical[~unique].tolist(), strict=True))
        band_keys = self.layout.keys(rows.signatures if everything else rows.signatures[unique])
        counts = np.diff(rows.anchor_offsets)
        anchors, anchor_ids = rows.anchors, np.repeat(ids, counts)
        if not everything:
            keep = np.repeat(unique, counts)
            anchors, anchor_ids = anchors[keep], anchor_ids[keep]
        # both kinds packed straight into one array (a rebuild of 1M articles moves 600 MB: no extra copies)
        packed = np.empty(band_keys.size + len(anchors), dtype=np.uint64)
        pack_into(packed[: band_keys.size].reshape(band_keys.shape), band_keys, ids[unique][:, None])
        pack_into(packed[band_keys.size :], anchors ^ _ANCHOR_SALT, anchor_ids | _ANCHOR_FLAG)
        self._keys.load_packed(packed)
        self.size = int(unique.sum())

    def _remember_digest(self, key: int, article_id: int) -> None:
        known = self._exact.get(key)
        if known is None:
            self._exact[key] = article_id
        elif isinstance(known, list):
            known.append(article_id)
        else:
            self._exact[key] = [known, article_id]

    def load(
        self, article_id: int, digest: bytes, sig: LeanMinHash, canonical_id: int | None, anchors: tuple[int, ...] = ()
    ) -> None:
        """Register a stored article (after storing a new one)."""
        self._remember_digest(self._digest_key(digest), article_id)
        if canonical_id is not None:
            self._heads[article_id] = canonical_id
            return
        self._add_keys(article_id, self._lookup_keys(sig, anchors))

    def _add_keys(self, article_id: int, keys: np.ndarray) -> None:
        # anchors are told from bands by the value's top bit
        self._keys.add_tagged(keys, article_id, self.layout.bands, _ANCHOR_FLAG)
        self.size += 1

    def add_rows(self, rows: StoredRows) -> None:
        """Register stored articles one by one, in order, as :meth:`load` does (articles another
        writer stored since this index last looked: usually a few)."""
        for i, article_id in enumerate(rows.ids.tolist()):
            self._remember_digest(int(rows.digest_keys[i]), article_id)
            canonical = int(rows.canonical[i])
            if canonical >= 0:
                self._heads[article_id] = canonical
                continue
            anchors = rows.anchors[rows.anchor_offsets[i] : rows.anchor_offsets[i + 1]]
            self._add_keys(article_id, self.layout.keys_one(rows.signatures[i], anchors, _ANCHOR_SALT))

    def candidates(self, sig: LeanMinHash, anchors: tuple[int, ...]) -> list[int]:
        keys = self._cached_keys(sig, anchors)
        if keys is not None:
            values = self._keys.lookup(keys)
        else:  # keys and lookup in one compiled call; the keys are kept for ``load``
            extra = _anchor_array(anchors)
            keys, values = self.layout.keys_and_lookup(sig.hashvalues, extra, _ANCHOR_SALT, self._keys)
            self._last = (sig, anchors, keys)
        if not len(values):
            return []
        found: set[int] = set()
        shared: Counter[int] = Counter()
        for value in values.tolist():
            if value & _ANCHOR_FLAG_INT:
                shared[value & ~_ANCHOR_FLAG_INT] += 1
            else:
                found.add(value)
        if anchors:
            need = min(self.params.min_shared_anchors, len(anchors))
            found.update(c for c, n in shared.items() if n >= need)
        return sorted(found)

    def decide(
        self,
        digest: bytes,
        normalised: str,
        sig: LeanMinHash,
        anchors: tuple[int, ...] = (),
        published: str | None = None,
        day: int | None = None,
    ) -> Decision:
        """Decide without changing the index; call :meth:`load` once the article is stored. ``day``: the
        article's day on the wire templates' clock (None: their check is not made)."""
        same_digest = self._exact.get(self._digest_key(digest))
        for same in sorted(same_digest if isinstance(same_digest, list) else [same_digest] if same_digest else []):
            if self._text_of(same) == normalised:  # a 32-bit digest prefix can collide: confirm on the text
                return Decision("exact", self._heads.get(same, same), 1.0)
        candidates = self.candidates(sig, anchors)
        if not candidates:
            return Decision("unique")
        size = self.params.shingle_size
        mine, my_words = shingles(normalised, size), set(normalised.split())
        best: tuple[float, float, int] | None = None
        for cand in candidates:
            text = self._text_of(cand)
            theirs = shingles(text, size)
            ov = overlap(mine, theirs, my_words, set(text.split()))
            pair = Pairing(normalised, text, (mine, theirs), ov, days_apart(published, self._published_of(cand)), day)
            if not is_copy(pair, self.templates, self.params):
                continue
            score = (ov.containment, ov.jaccard, -cand)
            if best is None or score > (best[0], best[1], -best[2]):
                best = (ov.containment, ov.jaccard, cand)
        if best is None:
            return Decision("unique")
        return Decision("near", best[2], round(best[1], 4))


@dataclass(frozen=True)
class StoredRows:
    """Stored signatures as arrays, for :meth:`DedupIndex.bulk_load`."""

    ids: np.ndarray  # uint32 article ids
    canonical: np.ndarray  # int64 duplicate_of_id, -1 when unique
    digest_keys: np.ndarray  # uint32 first 4 bytes of the normalised-text digest
    signatures: np.ndarray  # (n, num_perm) uint32
    anchors: np.ndarray  # uint32, all articles' anchors concatenated
    anchor_offsets: np.ndarray  # (n + 1,) int64 offsets into ``anchors``
