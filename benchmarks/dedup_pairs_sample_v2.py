"""Sample the second near-duplicate candidate set: template families and rewrites.

The first set (``benchmarks/data/dedup_pairs.tsv``, sampled by
``benchmarks/dedup_pairs_sample.py``) was drawn by shingle-overlap bands. This
sampler draws by *kind of pair* instead, to over-sample the two hard cases:

(a) **template families**: the same kind of news with different facts (royal
    cables to different countries, execution statements for different convicts,
    weather bulletins and market closes of different days, sports results, job
    announcements, accident reports, ...). A family is either one of the curated
    keyword families in :data:`FAMILIES` (matched on the normalised title, and
    for some on the first 40 words) or a *discovered* family: a word 5-gram of
    the first 20 words that recurs in 4-60 documents on at least 3 different days
    and joins at least 3 cross-day pairs with Jaccard >= 0.1 (overlapping
    5-grams are merged into one family). Pairs inside a family are sampled
    on the same day (``tpl_sameday``) and on different days (``tpl_crossday``)
    with 0.05 <= Jaccard < 0.7; family members with their true copies from
    another outlet (Jaccard >= 0.7 or containment >= 0.9, within 2 days) form
    ``tpl_copy``, preferring members already drawn into a template pair.

(b) **rewrites of one story**: pairs of the rare-shingle index (as in the first
    sampler) within 2 days, 0.15 <= Jaccard < 0.5 (0.05 for round-ups), not two
    members of one family, classified by where the shared word 3-grams sit:

    ``rw_roundup``   the shorter text is >= 60% inside a text >= 2.5x longer
    ``rw_reorder``   >= 40% of the shorter is shared and blocks of >= 8 shared
                     3-grams come in another order (>= 20 3-grams and >= 15% out
                     of order, by a weighted longest increasing subsequence)
    ``rw_lead``      the first words of both texts share almost nothing, the rest
                     of the shorter text is >= 60% shared
    ``rw_trimmed``   >= 70% of the shorter is shared, it is the head of the longer
                     one (>= 1.25x), whose last >= 20% is not shared
    ``rw_added``     >= 70% of the shorter is shared, the longer one (>= 1.2x) has
                     an unshared stretch of >= 25 3-grams between shared ones
    ``rw_entities``  none of these, containment < 0.6, but >= 5 shared rare words
                     (document frequency 2-8) making >= 30% of the smaller set

(c) **controls**: ``plain_high`` (Jaccard >= 0.8, two outlets, neither text in a
    family) and ``random`` (two documents drawn uniformly).

Inside a stratum, candidates are drawn round-robin over groups (families, with the
families the labelling brief names counting twice and the discovered families
together three times; outlet pairs for ``plain_high``) and, inside a group, over
equal-width similarity sub-bins. A document appears at most once per stratum and in
at most two pairs overall. Pairs already in ``dedup_pairs.tsv`` are excluded.

The rows are interleaved so that every stratum is spread evenly over the file (the
first and second halves each hold about half of every stratum). ``split`` is fixed by
a hash of the unordered URL pair, never by results::

    lo, hi = sorted((url_a, url_b))
    split = "held" if int(sha256(f"{lo}\\t{hi}".encode()).hexdigest(), 16) % 2 else "tune"

The output is a TSV with the
columns ``pair_id url_a url_b stratum split label note``; ``label`` and ``note`` are left
empty for the labellers. Only URLs are written: the corpus is CC BY-NC-SA and its texts
stay in ``shared/``.

Usage, from the repository root (about a minute, same output every time)::

    python -m benchmarks.dedup_pairs_sample_v2
    python -m benchmarks.dedup_pairs_sample_v2 --out /tmp/v2.tsv   # to compare with the committed file
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import xxhash

from benchmarks import dedup_pairs_sample as first
from benchmarks.corpus import SNN_DIR
from benchmarks.dedup_pairs_sample import iter_records, overlap, overlap_pairs, shingle_hashes
from crawler.processing.normalize import normalize

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data" / "dedup_pairs_v2_candidates.tsv"
DEFAULT_EXCLUDE = HERE / "data" / "dedup_pairs.tsv"
COLUMNS = ("pair_id", "url_a", "url_b", "stratum", "split", "label", "note")

MIN_CHARS = 200  # shortest content kept (as in the first sampler)
LEAD_WORDS = 40  # words of the text searched by lead-matched family patterns
MAX_USES = 2  # pairs a document may appear in, over all strata
MAX_DAYS = 2  # rewrites and template copies: extraction days at most this far apart


@dataclass(frozen=True)
class Family:
    """A curated template family: regexes over the normalised title and lead (see ``normalize``)."""

    name: str
    title: str  # searched in the title
    lead: str  # searched in the first LEAD_WORDS words of the text ("" for none)
    primary: bool  # named in the labelling brief: drawn twice as often


_EXECUTION = r"تنفيذ حكم القتل|القتل قصاصا|القتل تعزيرا|حد الحرابه|حكم القتل"
_CONDOLENCE = r"برقي(ه|تي|ات) (عزاء|تعزيه|مواساه)|معزيا|معزيه"
_CONGRATS = r"برقي(ه|تي|ات) تهنيه|ذكري استقلال"
_RELIEF = r"طايره اغاثيه|الطايره الاغاثيه|فريق اغاثي|جسر جوي|الطايره السعوديه"
_RESULT = r"بهدف|بهدفين|بثلاثيه|برباعيه|بخماسيه|يتغلب|تتغلب|يفوز|تفوز|يكسب|تعادل|يتعادل|يسحق|يهزم|يخسر|خساره"
_TRAFFIC = r"حادث (مروري|سير|تصادم|انقلاب|دهس)|تصادم|انقلاب (سياره|مركبه|حافله|باص)|دهس|اصطدام|مروري|مروريه"

# First match wins, so the narrower families come first. Patterns are written in
# normalised form (ة->ه, ى->ي, ئ->ي, أ/إ/آ->ا, no diacritics) and match at word starts.
# No prayer-time items were found in the corpus; Friday-sermon reports stand in for them.
FAMILIES: tuple[Family, ...] = (
    Family("execution", _EXECUTION, _EXECUTION, True),
    Family("cable_condolence", _CONDOLENCE, _CONDOLENCE, True),
    Family("cable_congrats", _CONGRATS, _CONGRATS, True),
    Family(
        "weather",
        r"الطقس|الارصاد|امطار|درجات الحراره|الغبار|الاتربه|رياح",
        r"عن حاله الطقس|توقعت الرياسه العامه للارصاد|توقعات الطقس",
        True,
    ),
    Family("prayer_sermon", r"مواقيت الصلاه|اوقات الصلاه|خطبه الجمعه|امام وخطيب|خطيب الجمعه", "", True),
    Family("eid_party", r"معايده", "", False),
    Family("relief_flight", _RELIEF, _RELIEF, False),
    Family("stocks", r"الاسهم|موشر|البورصه|تاسي|الاسواق الخليجيه", r"موشر سوق الاسهم السعوديه", True),
    Family("earnings", r"ارباح|صافي|خساير|ايرادات", "", False),
    Family("oil_gold_fx", r"النفط|الذهب|الدولار|برنت|اليورو|العملات", "", False),
    Family("sports_result", _RESULT, "", True),
    Family("jobs", r"وظايف|وظيفه|توظيف|للوظايف|وظيفيه", "", True),
    Family("traffic", _TRAFFIC, "", True),
    Family("court", r"المحكمه|محكمه|بالسجن|يقضي|تقضي|جلده|احكام|قضايي", "", True),
    Family("casualty", r"استشهاد|استشهد|شهيد|شهيدا", "", False),
    Family("civil_defence", r"حريق|الدفاع المدني|غرق|اخماد|السيول|سيول", "", False),
    Family("arrest", r"القبض|ضبط|احباط|يطيح", "", False),
    Family("election", r"الانتخابات البلديه|للانتخابات|الناخبين|انتخابي|انتخابيه", "", False),
    Family("obituary", r"رحمه الله|وفاه|الفقيد|عزاء|تعازي", "", False),
    Family("labour_inspect", r"اشعه الشمس|مكتب العمل|تصحيح|العماله|مخالفين|المخالفين", "", False),
    Family("fines_municipal", r"غرامات|غرامه|مخالفات|اتلاف", "", False),
)
DISCOVERED = "discovered"  # the group name of all discovered (lead 5-gram) families together
DISCOVERED_WEIGHT = 3
MIN_FAMILY_DAYS = 3


@dataclass(frozen=True)
class Stratum:
    """Quota and similarity sub-bins of one stratum."""

    quota: int
    edges: tuple[float, ...]  # sub-bin edges of Candidate.value


STRATA: dict[str, Stratum] = {
    "tpl_sameday": Stratum(72, (0.05, 0.15, 0.3, 0.5, 0.7)),
    "tpl_crossday": Stratum(96, (0.05, 0.15, 0.3, 0.5, 0.7)),
    "tpl_copy": Stratum(48, (0.7, 0.85, 1.0001)),
    "rw_roundup": Stratum(32, (0.05, 0.1, 0.2, 0.5)),
    "rw_reorder": Stratum(32, (0.15, 0.25, 0.35, 0.5)),
    "rw_lead": Stratum(32, (0.15, 0.25, 0.35, 0.5)),
    "rw_trimmed": Stratum(32, (0.15, 0.25, 0.35, 0.5)),
    "rw_added": Stratum(32, (0.15, 0.25, 0.35, 0.5)),
    "rw_entities": Stratum(32, (0.15, 0.25, 0.35, 0.5)),
    "plain_high": Stratum(36, (0.8, 0.9, 0.95, 1.0001)),
    "random": Stratum(36, (0.0, 1.0001)),
}
# Sampling order: template pairs first (tpl_copy prefers their documents), the controls last.
STRATUM_ORDER: tuple[str, ...] = tuple(STRATA)
REWRITE_KINDS: tuple[str, ...] = ("rw_roundup", "rw_reorder", "rw_lead", "rw_trimmed", "rw_added")


@dataclass(frozen=True)
class Doc(first.Doc):
    """The first sampler's document (shingles as there) with its normalised title and text."""

    title: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """A candidate pair (``a < b``, indices into the documents) with its draw group."""

    a: int
    b: int
    jaccard: float
    containment: float
    group: str
    value: float  # what the sub-bins are taken on: Jaccard, or max(Jaccard, containment) for tpl_copy


@dataclass
class Picker:
    """Document use counts and chosen pairs shared by all strata."""

    excluded: set[tuple[str, str]]
    uses: Counter[int] = field(default_factory=Counter)
    chosen: set[tuple[int, int]] = field(default_factory=set)


# -- loading ------------------------------------------------------------------------------------


def load_docs(corpus: Path) -> list[Doc]:
    """First record per URL, contents of at least MIN_CHARS characters, normalised."""
    seen: set[str] = set()
    docs: list[Doc] = []
    for rec in iter_records(corpus):
        url = (rec.get("url") or "").strip()
        content = rec.get("content") or ""
        if not url or url in seen:
            continue
        seen.add(url)
        if len(content.strip()) < MIN_CHARS:
            continue
        text, title = normalize(content), normalize(rec.get("title") or "")
        words = text.split()
        if len(words) < 3:
            continue
        docs.append(
            Doc(
                url=url,
                source=rec.get("source") or "",
                day=(rec.get("date_extracted") or "")[:10],
                title_words=frozenset(title.split()),
                shingles=shingle_hashes(words),
                title=title,
                text=text,
            )
        )
    return docs


def day_gap(x: Doc, y: Doc) -> int:
    """Days between two extraction dates (large when one is missing)."""
    try:
        return abs((date.fromisoformat(x.day) - date.fromisoformat(y.day)).days)
    except ValueError:
        return 999


def pair_key(url_a: str, url_b: str) -> tuple[str, str]:
    """The unordered form of a URL pair."""
    return (url_a, url_b) if url_a <= url_b else (url_b, url_a)


def split_of(url_a: str, url_b: str) -> str:
    """``tune`` or ``held``, fixed by the SHA-256 of the unordered URL pair."""
    lo, hi = pair_key(url_a, url_b)
    return "held" if int(hashlib.sha256(f"{lo}\t{hi}".encode()).hexdigest(), 16) % 2 else "tune"


def read_excluded(path: Path) -> set[tuple[str, str]]:
    """Unordered URL pairs of an existing pair file (``url_a``/``url_b`` columns)."""
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        return {pair_key(row["url_a"], row["url_b"]) for row in csv.DictReader(fh, delimiter="\t")}


# -- overlap helpers ----------------------------------------------------------------------------


class Overlaps:
    """Cached ``(jaccard, containment)`` of document pairs."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = docs
        self.cache: dict[tuple[int, int], tuple[float, float]] = {}

    def get(self, a: int, b: int) -> tuple[float, float]:
        key = (a, b) if a < b else (b, a)
        if key not in self.cache:
            self.cache[key] = overlap(self.docs[a].shingles, self.docs[b].shingles)
        return self.cache[key]

    def against(self, a: int, others: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Jaccard and containment of ``a`` against each of ``others`` at once."""
        if not others:
            return np.empty(0), np.empty(0)
        mine = self.docs[a].shingles
        sets = [self.docs[b].shingles for b in others]
        lengths = np.array([s.size for s in sets], dtype=np.int64)
        hits = np.isin(np.concatenate(sets), mine).astype(np.int64)
        inter = np.add.reduceat(hits, np.r_[0, np.cumsum(lengths)[:-1]])
        jac = inter / (mine.size + lengths - inter)
        con = inter / np.minimum(mine.size, lengths)
        for b, j, c in zip(others, jac.tolist(), con.tolist(), strict=True):
            self.cache[(a, b) if a < b else (b, a)] = (j, c)
        return jac, con


# -- template families --------------------------------------------------------------------------


def curated_families(docs: Sequence[Doc]) -> dict[str, list[int]]:
    """Documents of each curated family (first matching family wins), >= 3 days only."""

    def word_start(pattern: str) -> re.Pattern[str] | None:
        return re.compile(r"(?<!\S)(?:" + pattern + ")") if pattern else None

    compiled = [(f, word_start(f.title), word_start(f.lead)) for f in FAMILIES]
    members: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        lead = " ".join(doc.text.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS])
        for fam, in_title, in_lead in compiled:
            if (in_title and in_title.search(doc.title)) or (in_lead and in_lead.search(lead)):
                members[fam.name].append(i)
                break
    return {name: mem for name, mem in members.items() if len({docs[i].day for i in mem}) >= MIN_FAMILY_DAYS}


def discovered_families(docs: Sequence[Doc], taken: set[int], ov: Overlaps) -> dict[str, list[int]]:
    """Families of documents outside ``taken`` that share a recurring lead word 5-gram.

    A 5-gram of the first 20 words qualifies if 4-60 documents hold it, on at least
    3 days, and at least 3 of their cross-day pairs have Jaccard >= 0.1. Qualifying
    5-grams are merged greedily (most such pairs first) when half of the smaller
    member set is already in a family; each document ends in one family.
    """
    grams: dict[str, set[int]] = defaultdict(set)
    for i, doc in enumerate(docs):
        if i in taken:
            continue
        lead = doc.text.split(maxsplit=20)[:20]
        for k in range(len(lead) - 4):
            grams[" ".join(lead[k : k + 5])].add(i)
    scored: list[tuple[int, str, list[int]]] = []
    for gram in sorted(grams):
        mem = sorted(grams[gram])
        if not 4 <= len(mem) <= 60 or len({docs[i].day for i in mem}) < MIN_FAMILY_DAYS:
            continue
        good = 0
        for x, a in enumerate(mem[:-1]):
            others = [b for b in mem[x + 1 :] if docs[b].day != docs[a].day]
            jac, _ = ov.against(a, others)
            good += int((jac >= 0.1).sum())
        if good >= 3:
            scored.append((good, gram, mem))
    scored.sort(key=lambda t: (-t[0], t[1]))
    families: list[set[int]] = []
    for _, _, mem in scored:
        mset = set(mem)
        target = next((f for f in families if len(f & mset) >= len(mset) / 2), None)
        if target is None:
            families.append(mset)
        else:
            target |= mset
    owner: dict[int, int] = {}
    for k, fam in enumerate(families):
        for i in sorted(fam):
            owner.setdefault(i, k)
    out: dict[str, list[int]] = defaultdict(list)
    for i, k in sorted(owner.items()):
        out[f"lead{k:03d}"].append(i)
    return {name: mem for name, mem in out.items() if len(mem) >= 2}


def template_pools(docs: Sequence[Doc], families: dict[str, list[int]], ov: Overlaps) -> dict[str, list[Candidate]]:
    """tpl_sameday / tpl_crossday pairs inside each family (0.05 <= Jaccard < 0.7)."""
    pools: dict[str, list[Candidate]] = {"tpl_sameday": [], "tpl_crossday": []}
    for name in sorted(families):
        group = name if not name.startswith("lead") else f"{DISCOVERED}/{name}"
        mem = sorted(families[name])
        for x, a in enumerate(mem[:-1]):
            others = mem[x + 1 :]
            jac, con = ov.against(a, others)
            for k in np.flatnonzero((jac >= 0.05) & (jac < 0.7)).tolist():
                b = others[k]
                stratum = "tpl_sameday" if docs[a].day == docs[b].day else "tpl_crossday"
                j = float(jac[k])
                pools[stratum].append(Candidate(a, b, j, float(con[k]), group, j))
    return pools


def copy_pool(
    docs: Sequence[Doc], family_of: dict[int, str], index_pairs: Iterable[tuple[int, int, float, float]]
) -> list[Candidate]:
    """A family member and its copy from another outlet (Jaccard >= 0.7 or containment >= 0.9)."""
    pool: list[Candidate] = []
    for a, b, jac, con in index_pairs:
        fam = family_of.get(a) or family_of.get(b)
        if fam is None or docs[a].source == docs[b].source or day_gap(docs[a], docs[b]) > MAX_DAYS:
            continue
        if jac >= 0.7 or con >= 0.9:
            group = fam if not fam.startswith("lead") else f"{DISCOVERED}/{fam}"
            pool.append(Candidate(a, b, jac, con, group, max(jac, con)))
    return pool


# -- rewrites -----------------------------------------------------------------------------------


def ordered_shingles(text: str) -> np.ndarray:
    """Word 3-gram hashes in text order (repeats kept)."""
    words = text.split()
    grams = (" ".join(words[k : k + 3]) for k in range(len(words) - 2))
    return np.fromiter((xxhash.xxh3_64_intdigest(g.encode()) for g in grams), dtype=np.uint64)


def out_of_order(short: np.ndarray, long: np.ndarray, min_block: int = 8) -> tuple[int, int]:
    """Shared 3-grams in blocks of >= ``min_block``, and how many of them are out of order.

    Blocks are maximal runs of consecutive 3-grams of ``short`` found consecutively in
    ``long`` (first occurrence); the in-order part is the heaviest chain of blocks whose
    positions increase in both texts (weighted longest increasing subsequence).
    """
    first: dict[int, int] = {}
    for k, h in enumerate(long.tolist()):
        first.setdefault(h, k)
    blocks: list[list[int]] = []  # [pos in short, pos in long, length]
    for k, h in enumerate(short.tolist()):
        p = first.get(h)
        if p is None:
            continue
        last = blocks[-1] if blocks else None
        if last is not None and k == last[0] + last[2] and p == last[1] + last[2]:
            last[2] += 1
        else:
            blocks.append([k, p, 1])
    blocks = [b for b in blocks if b[2] >= min_block]
    total = sum(b[2] for b in blocks)
    best = [0] * len(blocks)
    for x, (_, px, nx) in enumerate(blocks):
        best[x] = nx + max((best[y] for y in range(x) if blocks[y][1] + blocks[y][2] <= px), default=0)
    return total, total - max(best, default=0)


def rewrite_kind(x: np.ndarray, y: np.ndarray) -> str | None:
    """Classify a pair of ordered 3-gram sequences as one rewrite kind, or ``None``."""
    if min(x.size, y.size) < 10:
        return None
    in_x, in_y = np.isin(x, y), np.isin(y, x)
    if x.size <= y.size:
        short, long, s_in, l_in = x, y, in_x, in_y
    else:
        short, long, s_in, l_in = y, x, in_y, in_x
    m, n = short.size, long.size
    ratio = n / m
    cov_s = float(s_in.mean())
    if ratio >= 2.5 and cov_s >= 0.6:
        return "rw_roundup"
    if cov_s >= 0.4:
        shared, moved = out_of_order(short, long)
        if moved >= max(20, 0.15 * shared):
            return "rw_reorder"
    lead = min(25, max(8, m // 6))
    if max(in_x[:lead].mean(), in_y[:lead].mean()) < 0.25 and s_in[lead:].mean() >= 0.6:
        return "rw_lead"
    if cov_s < 0.7:
        return None
    hits = np.flatnonzero(l_in)
    head, tail = hits[0] / n, 1 - (hits[-1] + 1) / n
    end = max(5, m // 10)
    if ratio >= 1.25 and head <= 0.05 and tail >= 0.2 and s_in[-end:].mean() >= 0.5:
        return "rw_trimmed"
    gap = int((np.diff(hits) - 1).max()) if hits.size > 1 else 0
    if ratio >= 1.2 and gap >= 25:
        return "rw_added"
    return None


def rare_words(docs: Sequence[Doc], low: int = 2, high: int = 8) -> list[frozenset[str]]:
    """Each document's words of 3+ letters, not numbers, found in ``low``..``high`` documents."""
    bags = [frozenset(w for w in d.text.split() if len(w) >= 3 and not w.isdigit()) for d in docs]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag)
    return [frozenset(w for w in bag if low <= df[w] <= high) for bag in bags]


def rewrite_pools(
    docs: Sequence[Doc],
    family_of: dict[int, str],
    index_pairs: Iterable[tuple[int, int, float, float]],
    edges: dict[str, tuple[float, ...]],
) -> dict[str, list[Candidate]]:
    """Rewrite candidates from the rare-shingle index, by kind."""
    rare = rare_words(docs)
    seqs: dict[int, np.ndarray] = {}

    def seq(i: int) -> np.ndarray:
        if i not in seqs:
            seqs[i] = ordered_shingles(docs[i].text)
        return seqs[i]

    pools: dict[str, list[Candidate]] = defaultdict(list)
    for a, b, jac, con in index_pairs:
        if not 0.05 <= jac < 0.5 or day_gap(docs[a], docs[b]) > MAX_DAYS:
            continue
        if family_of.get(a) is not None and family_of.get(a) == family_of.get(b):
            continue
        kind = rewrite_kind(seq(a), seq(b))
        if kind is None and con < 0.6:
            shared = rare[a] & rare[b]
            if len(shared) >= 5 and len(shared) >= 0.3 * min(len(rare[a]), len(rare[b])):
                kind = "rw_entities"
        if kind is not None and jac >= edges[kind][0]:
            pools[kind].append(Candidate(a, b, jac, con, "all", jac))
    return pools


def plain_pool(
    docs: Sequence[Doc], family_of: dict[int, str], index_pairs: Iterable[tuple[int, int, float, float]]
) -> list[Candidate]:
    """Plain copies: Jaccard >= 0.8, two outlets, neither text in a family; grouped by outlet pair."""
    pool: list[Candidate] = []
    for a, b, jac, con in index_pairs:
        if jac < 0.8 or a in family_of or b in family_of or docs[a].source == docs[b].source:
            continue
        group = "/".join(sorted((docs[a].source, docs[b].source)))
        pool.append(Candidate(a, b, jac, con, group, jac))
    return pool


def random_pool(docs: Sequence[Doc], count: int, rng: random.Random, ov: Overlaps) -> list[Candidate]:
    """``count`` distinct pairs of documents drawn uniformly."""
    seen: set[tuple[int, int]] = set()
    pool: list[Candidate] = []
    while len(pool) < count:
        a, b = sorted(rng.sample(range(len(docs)), 2))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        jac, con = ov.get(a, b)
        pool.append(Candidate(a, b, jac, con, "all", jac))
    return pool


# -- drawing ------------------------------------------------------------------------------------


def group_weight(group: str) -> int:
    """How many draws a group gets per round."""
    if group.startswith(DISCOVERED):
        return DISCOVERED_WEIGHT
    primary = {f.name for f in FAMILIES if f.primary}
    return 2 if group in primary else 1


class GroupQueue:
    """One group's candidates, shuffled inside equal-width sub-bins, drawn round-robin over bins."""

    def __init__(self, members: list[Candidate], edges: Sequence[float], rng: random.Random) -> None:
        self.bins: list[list[Candidate]] = [[] for _ in range(len(edges) - 1)]
        for cand in sorted(members, key=lambda c: (c.a, c.b)):
            for k in range(len(edges) - 1):
                if edges[k] <= cand.value < edges[k + 1]:
                    self.bins[k].append(cand)
                    break
        for members_k in self.bins:
            rng.shuffle(members_k)
        self.cursors = [0] * len(self.bins)
        self.turn = 0

    def next(self, ok: ConditionFn) -> Candidate | None:
        """The next acceptable candidate, trying bins from the current turn on."""
        for step in range(len(self.bins)):
            k = (self.turn + step) % len(self.bins)
            members = self.bins[k]
            while self.cursors[k] < len(members):
                cand = members[self.cursors[k]]
                self.cursors[k] += 1
                if ok(cand):
                    self.turn = k + 1
                    return cand
        return None


class ConditionFn:
    """Whether a candidate may still be drawn for one stratum."""

    def __init__(self, docs: Sequence[Doc], picker: Picker, used_here: set[int], prefer: set[int] | None) -> None:
        self.docs, self.picker, self.used_here, self.prefer = docs, picker, used_here, prefer

    def __call__(self, cand: Candidate) -> bool:
        p = self.picker
        if (cand.a, cand.b) in p.chosen or cand.a in self.used_here or cand.b in self.used_here:
            return False
        if p.uses[cand.a] >= MAX_USES or p.uses[cand.b] >= MAX_USES:
            return False
        if self.prefer is not None and cand.a not in self.prefer and cand.b not in self.prefer:
            return False
        return pair_key(self.docs[cand.a].url, self.docs[cand.b].url) not in p.excluded


def next_in_group(
    subgroups: Sequence[str], queues: dict[str, GroupQueue], turn: list[int], ok: ConditionFn
) -> Candidate | None:
    """The next acceptable candidate of a top-level group, rotating over its subgroups."""
    for step in range(len(subgroups)):
        k = (turn[0] + step) % len(subgroups)
        found = queues[subgroups[k]].next(ok)
        if found is not None:
            turn[0] = k + 1
            return found
    return None


def draw(
    docs: Sequence[Doc],
    pool: list[Candidate],
    stratum: Stratum,
    picker: Picker,
    rng: random.Random,
    prefer: set[int] | None = None,
) -> list[Candidate]:
    """Draw ``stratum.quota`` candidates round-robin over groups (weighted) and sub-bins.

    The discovered families form one top-level group whose turn rotates over them. With
    ``prefer``, a first pass draws only candidates touching those documents, and a second
    pass fills the rest of the quota from the whole pool.
    """
    by_group: dict[str, list[Candidate]] = defaultdict(list)
    for member in pool:
        by_group[member.group].append(member)
    top: dict[str, list[str]] = defaultdict(list)
    for group in sorted(by_group):
        top[DISCOVERED if group.startswith(DISCOVERED) else group].append(group)
    picked: list[Candidate] = []
    used_here: set[int] = set()
    for wanted in [prefer, None] if prefer is not None else [None]:
        queues = {g: GroupQueue(by_group[g], stratum.edges, rng) for g in sorted(by_group)}
        ok = ConditionFn(docs, picker, used_here, wanted)
        turns = {name: [0] for name in top}
        progressed = True
        while progressed and len(picked) < stratum.quota:
            progressed = False
            for name in sorted(top):
                for _ in range(group_weight(top[name][0])):
                    cand = None if len(picked) >= stratum.quota else next_in_group(top[name], queues, turns[name], ok)
                    if cand is None:
                        break
                    picked.append(cand)
                    picker.chosen.add((cand.a, cand.b))
                    picker.uses.update((cand.a, cand.b))
                    used_here.update((cand.a, cand.b))
                    progressed = True
    return picked


def interleave(rows: dict[str, list[Candidate]], rng: random.Random) -> list[tuple[str, Candidate]]:
    """All rows in one order that spreads every stratum evenly over the file.

    Each stratum's rows (shuffled) get the keys (k + 0.5) / n_stratum; sorting by key
    (ties by stratum order) puts about half of every stratum in each half of the file.
    """
    keyed: list[tuple[float, int, str, Candidate]] = []
    for order, name in enumerate(STRATUM_ORDER):
        members = list(rows.get(name, []))
        rng.shuffle(members)
        for k, cand in enumerate(members):
            keyed.append(((k + 0.5) / len(members), order, name, cand))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [(name, cand) for _, _, name, cand in keyed]


# -- main ---------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SNN_DIR, help="SaudiNewsNet folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    parser.add_argument("--exclude", type=Path, default=DEFAULT_EXCLUDE, help="pairs not to draw again")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--force", action="store_true", help="overwrite an output that already has labels")
    return parser.parse_args(argv)


def has_labels(path: Path) -> bool:
    """Whether an existing pair file has any label or note filled in."""
    if not path.is_file():
        return False
    with path.open(encoding="utf-8", newline="") as fh:
        return any((row.get("label") or row.get("note") or "").strip() for row in csv.DictReader(fh, delimiter="\t"))


def main(argv: Sequence[str] | None = None) -> int:
    """Load, find families and rewrites, draw every stratum, write the candidate TSV."""
    args = parse_args(argv)
    corpus: Path = args.corpus
    dataset = corpus / "dataset" if (corpus / "dataset").is_dir() else corpus
    if not dataset.is_dir() or not any(dataset.glob("*.zip")):
        print(f"skipped: {corpus} is absent (the sampler reads the SaudiNewsNet texts)")
        return 0
    if has_labels(args.out) and not args.force:
        print(f"refused: {args.out} already holds labels or notes (use --force or another --out)")
        return 1
    rng = random.Random(args.seed)
    log = sys.stderr
    docs = load_docs(corpus)
    print(f"documents kept: {len(docs)}", file=log)
    ov = Overlaps(docs)
    index_pairs = [(p.a, p.b, p.jaccard, p.containment) for p in overlap_pairs(docs, 20, 3)]
    for a, b, jac, con in index_pairs:
        ov.cache[(a, b)] = (jac, con)
    print(f"rare-shingle index pairs: {len(index_pairs)}", file=log)

    families = curated_families(docs)
    taken = {i for mem in families.values() for i in mem}
    discovered = discovered_families(docs, taken, ov)
    families.update(discovered)
    family_of = {i: name for name, mem in families.items() for i in mem}
    curated_names = [f.name for f in FAMILIES if f.name in families]
    print(
        "families: "
        + ", ".join(f"{name} {len(families[name])}" for name in curated_names)
        + f"; discovered {len(discovered)} families, {sum(len(m) for m in discovered.values())} documents",
        file=log,
    )

    pools: dict[str, list[Candidate]] = template_pools(docs, families, ov)
    pools["tpl_copy"] = copy_pool(docs, family_of, index_pairs)
    pools.update(rewrite_pools(docs, family_of, index_pairs, {k: s.edges for k, s in STRATA.items()}))
    pools["plain_high"] = plain_pool(docs, family_of, index_pairs)
    pools["random"] = random_pool(docs, STRATA["random"].quota * 3, rng, ov)

    picker = Picker(excluded=read_excluded(args.exclude))
    rows: dict[str, list[Candidate]] = {}
    template_docs: set[int] = set()
    for name in STRATUM_ORDER:
        prefer = template_docs if name == "tpl_copy" else None
        rows[name] = draw(docs, pools.get(name, []), STRATA[name], picker, rng, prefer)
        if name.startswith("tpl_") and name != "tpl_copy":
            template_docs.update(i for c in rows[name] for i in (c.a, c.b))
        groups = Counter(c.group.split("/")[0] for c in rows[name])
        print(
            f"{name:13s} pool {len(pools.get(name, [])):6d}  drawn {len(rows[name]):3d}"
            + (f"  by family {dict(sorted(groups.items()))}" if name.startswith("tpl_") else ""),
            file=log,
        )

    ordered = interleave(rows, rng)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    splits: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for pair_id, (name, cand) in enumerate(ordered, start=1):
            x, y = docs[cand.a], docs[cand.b]
            if (y.day, y.url) < (x.day, x.url):
                x, y = y, x
            split = split_of(x.url, y.url)
            splits[split] += 1
            writer.writerow([pair_id, x.url, y.url, name, split, "", ""])
    print(f"wrote {len(ordered)} pairs to {args.out}; split {dict(sorted(splits.items()))}", file=log)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
