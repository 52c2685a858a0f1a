"""The facts that make a story, and whether two texts state different ones.

Template news (royal cables to different countries, executions of different convicts,
weather bulletins and market closes of different days, different companies' results)
shares most of its words between items: word overlap cannot tell two such items from
two copies of one. What differs is what the template is filled in with: the names,
numbers and dates. So the two texts are aligned word by word, and every *substitution*
(a short run of one text standing where the other has another short run, between
stretches both share) is examined: when each side of it carries a fact the other text
does not state anywhere, the texts disagree on that fact.

Facts, on normalised text (digits are ASCII, Arabic-Indic included):

- **numbers**: digit runs (leading zeros dropped, runs split from glued letters, "2014م"),
  outside dates; a number split in one text ("363 378") and glued in the other agrees;
- **dates**: a day before a month name (Gregorian, Maghrebi, Levantine, Hijri), a
  numeric day-month-year, a year, a weekday. Dates disagree only within one calendar
  (a Hijri date and its Gregorian equivalent are not a conflict);
- **names**: words that are not common words (:data:`COMMON_WORDS`, a frequency list
  shipped in ``data/common_words_ar.txt``), compared without their clitics, and not a
  spelling or inflection variant of a word on the other side (a small edit distance,
  the same consonant skeleton): places, countries, people, companies.

One more check looks past alignment, at the **lead** (the first :data:`LEAD_WORDS` words of
each text, where a story says who, how many and when): when each lead states a number (not a
date) that the other text never states anywhere, the texts report different counts of
different things (100 students against 140, a fourth relief plane with 10 tonnes against a
sixth with 11), however the rest of the two texts was reworded around them. A copy with a
rewritten lead keeps its figures; a contained dispatch's lead is stated in the round-up; an
added lead on one side only is not a conflict. The same holds for the **countries** the leads
name (the first :data:`LEAD_SENTENCE_WORDS` words, a lead sentence; :mod:`countries`, a gazetteer:
country names are common words, which the name check skips): a cable to the president of the
Maldives and one to the president of Tunisia each name a country in the lead that the other never
names.

Only substitutions count: a paragraph one text adds, a tail it drops, or the rest of a
round-up around a contained dispatch are insertions and deletions, not conflicts, so a
contained copy is judged on the contained part. A substitution must sit between shared
words (at least three on one side, four on both together) and be short (at most eight
words a side): a rewritten passage is not a slot of one sentence frame. Wording changes
(synonyms, "today" for "yesterday") are between common words and do not count; a
story's who, where and when (its lead) are exactly what a template changes.

Invariant: :func:`compare` is a pure function of the two normalised texts and the
shipped word and country lists: the same pair always gives the same answer, in any process, whatever
came before (the duplicate decision depends on it being so).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

from crawler.processing.countries import CLITICS, named

_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")
# letters that vary in spelling a name or a loanword (long vowels, hamza seats, g/j/q/k)
_SKELETON = str.maketrans({"ا": None, "و": None, "ي": None, "ه": None, "ء": None, "غ": "ج", "ق": "ج", "ك": "ج"})

_WEEKDAYS = ("السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه")
WEEKDAYS = {day: i for i, day in enumerate(_WEEKDAYS)}
_GREGORIAN: dict[str, int] = {}
for _names in (
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",  # Egypt, Gulf
    "يناير فبراير مارس ابريل ماي يونيو يوليوز غشت شتنبر اكتوبر نونبر دجنبر",  # Morocco
    "جانفي فيفري مارس افريل ماي جوان جويليه اوت سبتمبر اكتوبر نوفمبر ديسمبر",  # Algeria, Tunisia
    "كانون_الثاني شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين_الاول تشرين_الثاني كانون_الاول",  # Levant
):
    for _month, _name in enumerate(_names.split(), start=1):
        _GREGORIAN[_name.replace("_", " ")] = _month
_HIJRI: dict[str, int] = {"ربيع الاخر": 4, "جمادي الثانيه": 6}
_HIJRI_NAMES = "محرم صفر ربيع_الاول ربيع_الثاني جمادي_الاولي جمادي_الاخره رجب شعبان رمضان شوال القعده الحجه"
for _month, _name in enumerate(_HIJRI_NAMES.split(" "), start=1):
    _HIJRI[_name.replace("_", " ")] = _month
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in (*_GREGORIAN, *_HIJRI)), key=len, reverse=True))
# "25 شوال 1436", "10 من شهر اغسطس", "5 ذي القعده"; the year is optional
_NAMED_DATE = re.compile(
    rf"(?<![0-9])([0-9]{{1,2}}) (?:من )?(?:شهر )?(?:ذو |ذي )?({_MONTH_ALT})(?= |$)(?: ([0-9]{{4}})(?![0-9]))?"
)
_NUMERIC_DATE = re.compile(r"(?<![0-9])([0-9]{1,2}) ([0-9]{1,2}) ((?:19|20|13|14)[0-9]{2})(?![0-9])")
_WINDOW = 6  # words looked at on each side of a substitution
_CONTEXT = 5  # of those, shared words that make it a slot of one sentence frame (in both texts)
_MAX_RUN = 8  # words on either side of a substitution: longer runs are rewritten passages, not slots
LEAD_WORDS = 20  # a text's lead: the words where it states its who, how many and when
# the lead sentence, for the countries it names: a dateline ("عين اليوم – جدة") and a sender's full titles ("خادم
# الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود") come before a cable's recipient
LEAD_SENTENCE_WORDS = 30


@cache
def common_words() -> frozenset[str]:
    """The shipped frequency list (normalised words; ``#`` lines are its header)."""
    text = resources.files("crawler.processing").joinpath("data/common_words_ar.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """The word without one leading clitic run (و/ف, a preposition, the article), if 3 letters remain."""
    for prefix in CLITICS:  # the rest must keep 3 letters
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


@lru_cache(maxsize=1 << 17)
def skeleton(word: str) -> str:
    """The stem's consonants, with the letters that vary between spellings folded or dropped."""
    return stem(word).translate(_SKELETON)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            cur.append(cost)
        before, prev = prev, cur
    return prev[-1]


def variants(x: str, y: str) -> bool:
    """Whether two words are spellings or inflections of one word (not two different names)."""
    sx, sy = stem(x), stem(y)
    if sx == sy or skeleton(x) == skeleton(y):
        return True
    if min(len(sx), len(sy)) >= 3 and (sx in sy or sy in sx):
        return True
    return _edit_distance(sx, sy) <= max(1, min(len(sx), len(sy)) // 3)


def is_name(word: str, common: frozenset[str]) -> bool:
    """A word that can carry a story's identity: three letters or more and not a common word."""
    return len(word) >= 3 and not word.isdigit() and word not in common and stem(word) not in common


@dataclass(frozen=True)
class _Text:
    """One text's tokens and what it states anywhere (for "does the other text say this?")."""

    tokens: list[str]
    dated: list[tuple[str, int, int] | None]  # per token: (calendar, day, month) or (calendar, year, 0)
    words: frozenset[str]
    stems: frozenset[str]
    skeletons: frozenset[str]
    numbers: frozenset[str]  # every number stated, thousands groups also glued
    dates: frozenset[tuple[str, int, int]]
    groups: dict[int, tuple[int, str]]  # see _grouped

    def says(self, word: str) -> bool:
        return word in self.words or stem(word) in self.stems or skeleton(word) in self.skeletons

    @cached_property
    def countries(self) -> frozenset[str]:
        """Every country the text names (:mod:`countries`)."""
        return named(self.tokens)


def _number(token: str) -> str:
    return token.lstrip("0") or "0"


def _grouped(tokens: list[str], dated: list[tuple[str, int, int] | None]) -> dict[int, tuple[int, str]]:
    """Numbers written in thousands groups ("439 491" for 439,491 once normalised): start token ->
    (end token, the glued number). A group is 1-3 digits followed by runs of exactly three."""
    found: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(tokens):
        end = i + 1
        if tokens[i].isdigit() and dated[i] is None and len(tokens[i]) <= 3:
            while end < len(tokens) and len(tokens[end]) == 3 and tokens[end].isdigit() and dated[end] is None:
                end += 1
        if end - i >= 2:
            found[i] = (end, _number("".join(tokens[i:end])))
        i = end
    return found


@lru_cache(maxsize=512)  # a new article is compared with each of its candidates (and they recur): read once
def _read(normalised: str) -> _Text:
    tokens = _TOKEN.findall(normalised)
    text = " ".join(tokens)
    # token index of every character offset that starts a token
    starts: dict[int, int] = {}
    offset = 0
    for i, token in enumerate(tokens):
        starts[offset] = i
        offset += len(token) + 1
    dated: list[tuple[str, int, int] | None] = [None] * len(tokens)

    def mark(match: re.Match[str], fact: tuple[str, int, int]) -> None:
        first = starts[match.start()]
        for i in range(first, first + len(match.group(0).split())):
            dated[i] = fact
        if match.group(3):
            dated[starts[match.start(3)]] = _year(match.group(3))

    for match in _NAMED_DATE.finditer(text):
        day, name = int(match.group(1)), match.group(2)
        if 1 <= day <= 31:
            mark(match, ("g", day, _GREGORIAN[name]) if name in _GREGORIAN else ("h", day, _HIJRI[name]))
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12 and year is not None:
            mark(match, ("g" if year[0] == "gy" else "h", day, month))
    for i, token in enumerate(tokens):
        if dated[i] is None:
            if token in WEEKDAYS:
                dated[i] = ("w", WEEKDAYS[token], 0)
            elif token.isdigit():
                dated[i] = _year(token)
    groups = _grouped(tokens, dated)
    return _Text(
        tokens=tokens,
        dated=dated,
        words=frozenset(tokens),
        stems=frozenset(stem(t) for t in tokens),
        skeletons=frozenset(skeleton(t) for t in tokens if not t.isdigit()),
        numbers=frozenset(_number(t) for t in tokens if t.isdigit()) | {glued for _, glued in groups.values()},
        dates=frozenset(fact for fact in dated if fact is not None),
        groups=groups,
    )


def _year(token: str) -> tuple[str, int, int] | None:
    """A year as a date fact: Hijri (1300-1499) or Gregorian (1900-2099)."""
    if len(token) != 4:
        return None
    value = int(token)
    if 1300 <= value < 1500:
        return ("hy", value, 0)
    if 1900 <= value < 2100:
        return ("gy", value, 0)
    return None


@dataclass(frozen=True)
class Disagreement:
    """Aligned substitutions where each text states a fact the other never states."""

    numbers: int = 0
    dates: int = 0
    names: int = 0  # name words substituted (the smaller side of each substitution)
    examples: tuple[tuple[str, str, str], ...] = ()  # (kind, first text's side, second's), for reports
    lead_numbers: bool = False  # each text's lead states a number the other text never states
    lead_countries: bool = False  # each text's lead names a country the other text never names

    @property
    def total(self) -> int:
        return self.numbers + self.dates + self.names


def _date_conflict(x: _Text, i1: int, i2: int, y: _Text, j1: int, j2: int) -> tuple[str, str] | None:
    def facts(t: _Text, lo: int, hi: int) -> set[tuple[str, int, int]]:
        return {fact for fact in t.dated[lo:hi] if fact is not None}

    fx, fy = facts(x, i1, i2) - y.dates, facts(y, j1, j2) - x.dates
    if {f[0] for f in fx} & {f[0] for f in fy}:  # one calendar, other values on each side
        return " ".join(x.tokens[i1:i2]), " ".join(y.tokens[j1:j2])
    return None


def compare(a: str, b: str, common: frozenset[str] | None = None) -> Disagreement:
    """Where normalised texts ``a`` and ``b`` state different facts (see the module docstring)."""
    words = common_words() if common is None else common
    x, y = _read(a), _read(b)
    blocks = difflib.SequenceMatcher(None, x.tokens, y.tokens, autojunk=False).get_opcodes()
    shared_x, shared_y = [0] * (len(x.tokens) + 1), [0] * (len(y.tokens) + 1)  # prefix counts of shared words
    for op, i1, i2, j1, j2 in blocks:
        for i in range(i1, i2):
            shared_x[i + 1] = shared_x[i] + (op == "equal")
        for j in range(j1, j2):
            shared_y[j + 1] = shared_y[j] + (op == "equal")
    counts = {"numbers": 0, "dates": 0, "names": 0}
    examples: list[tuple[str, str, str]] = []
    for op, i1, i2, j1, j2 in blocks:
        if op != "replace" or i2 - i1 > _MAX_RUN or j2 - j1 > _MAX_RUN:
            continue
        if min(_around(shared_x, i1, i2), _around(shared_y, j1, j2)) < _CONTEXT:
            continue
        kind, pair = _conflict(x, i1, i2, y, j1, j2, words)
        if kind is None:
            continue
        counts[kind] += min(len(pair[0].split()), len(pair[1].split())) if kind == "names" else 1
        examples.append((kind, *pair))
    lead = _lead_numbers(x, y), _lead_numbers(y, x)
    if all(lead):
        examples.append(("lead numbers", " ".join(lead[0]), " ".join(lead[1])))
    places = _lead_countries(x, y), _lead_countries(y, x)
    if all(places):
        examples.append(("lead countries", " ".join(sorted(places[0])), " ".join(sorted(places[1]))))
    return Disagreement(counts["numbers"], counts["dates"], counts["names"], tuple(examples), all(lead), all(places))


def _lead_numbers(x: _Text, y: _Text) -> list[str]:
    """Numbers (not dates) in ``x``'s lead that ``y`` never states (a number in thousands groups
    counts as stated when ``y`` states it glued or grouped)."""
    found = []
    i = 0
    while i < LEAD_WORDS and i < len(x.tokens):
        group = x.groups.get(i)
        if group is not None and group[1] in y.numbers:
            i = group[0]
            continue
        token = x.tokens[i]
        if token.isdigit() and x.dated[i] is None and _number(token) not in y.numbers:
            found.append(_number(token))
        i += 1
    return found


def _lead_countries(x: _Text, y: _Text) -> frozenset[str]:
    """Countries named in ``x``'s lead that ``y`` never names (``y``'s are read only when there are any)."""
    lead = named(x.tokens[:LEAD_SENTENCE_WORDS])
    return lead - y.countries if lead else lead


def _around(shared: list[int], lo: int, hi: int) -> int:
    """Shared words among the ``_WINDOW`` words before ``lo`` and the ``_WINDOW`` after ``hi``."""
    end = len(shared) - 1
    return shared[lo] - shared[max(0, lo - _WINDOW)] + shared[min(end, hi + _WINDOW)] - shared[hi]


def _conflict(
    x: _Text, i1: int, i2: int, y: _Text, j1: int, j2: int, common: frozenset[str]
) -> tuple[str | None, tuple[str, str]]:
    dates = _date_conflict(x, i1, i2, y, j1, j2)
    if dates is not None:
        return "dates", dates
    nx = [_number(t) for t, d in zip(x.tokens[i1:i2], x.dated[i1:i2], strict=True) if t.isdigit() and d is None]
    ny = [_number(t) for t, d in zip(y.tokens[j1:j2], y.dated[j1:j2], strict=True) if t.isdigit() and d is None]
    if "".join(nx) != "".join(ny):  # "363 378" against "363378" is one number
        only_x = [n for n in nx if n not in y.numbers]
        only_y = [n for n in ny if n not in x.numbers]
        if only_x and only_y:
            return "numbers", (" ".join(only_x), " ".join(only_y))
    side_x, side_y = x.tokens[i1:i2], y.tokens[j1:j2]
    names_x = [w for w in side_x if is_name(w, common) and not y.says(w) and not any(variants(w, v) for v in side_y)]
    names_y = [w for w in side_y if is_name(w, common) and not x.says(w) and not any(variants(w, v) for v in side_x)]
    if names_x and names_y:
        return "names", (" ".join(names_x), " ".join(names_y))
    return None, ("", "")
