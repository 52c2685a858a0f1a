"""Wire templates: the fixed wording of news that comes back day after day, kept out of the copy test.

A royal cable to one head of state and the next day's cable to another, two days' weather
bulletins, two convicts' execution statements share most of their word 3-grams: the template's
formula. What makes each one a story is the rest (the recipient, the regions and figures, the
convict's name). So, once two texts overlap enough to be copies, the duplicate decision also asks
whether they share their *own* text: the 3-grams that are not template phrases, where a template
phrase is a 3-gram seen in stored articles on at least :attr:`DedupParams.template_days` different
days of the :attr:`DedupParams.template_lookback_days` before the new article's day (the same
measure the event linker uses on leads). If less than :attr:`DedupParams.min_own_containment` of
the shorter own text is shared, the two are template siblings, not copies.

A template's wording may date the text by the day it is published ("عن حالة الطقس لهذا اليوم"): two texts
whose leads share such a dated phrase, published on different days, are two days' editions of the template
(:meth:`WireTemplates.same_day_formula`), unless one is a near-verbatim reprint of the other.

A copy shares its own text with its original however much template wording they carry; a story
seen on one or two days has no template phrases at all, so the check changes nothing for it. The
check needs history: on the first days of a store nothing is a template phrase yet.

Invariant: :meth:`WireTemplates.own_containment` is a function of the ``(text, day)`` sequence given
to :meth:`WireTemplates.see` (:mod:`crawler.processing.daytable`), so a run and a re-process of its
archive that store the same articles in the same order decide the same.
"""

from __future__ import annotations

import numpy as np

from crawler.processing.daytable import DayTable
from crawler.processing.fingerprint import DedupParams, word_hashes

TODAY = "اليوم"  # normalised: the word a day's bulletin dates itself with ("لهذا اليوم")
# position multipliers ("a b c" and "c b a" apart) and a 64-bit finaliser (splitmix64's)
_POSITIONS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def phrase_hashes(normalised: str) -> np.ndarray:
    """64-bit hashes of the text's word 3-grams, one per position: the words' xxh32 (stable across processes)
    combined in numpy."""
    words = word_hashes(normalised).astype(np.uint64)
    n = len(words) - 2
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = (words[:n] * _POSITIONS[0]) ^ (words[1 : n + 1] * _POSITIONS[1]) ^ (words[2 : n + 2] * _POSITIONS[2])
        h ^= h >> np.uint64(30)
        h *= _MIX[0]
        h ^= h >> np.uint64(27)
        h *= _MIX[1]
        h ^= h >> np.uint64(31)
    return h


class WireTemplates:
    """The days on which stored articles' word 3-grams were seen (see the module)."""

    def __init__(self, params: DedupParams, bits: int = 22) -> None:
        self.params = params
        self.table = DayTable(bits)

    def see(self, normalised: str, day: int) -> None:
        """A stored article's 3-grams (every stored article: copies of one story on several days are
        what a template is made of too)."""
        self.table.see(phrase_hashes(normalised), day)

    def templated(self, normalised: str, day: int) -> set[str]:
        """The text's 3-grams that are template phrases on ``day``."""
        p = self.params
        seen = self.table.days_seen(phrase_hashes(normalised), day, p.template_lookback_days)
        if not seen.any():
            return set()
        words = normalised.split()
        return {" ".join(words[i : i + 3]) for i in np.flatnonzero(seen >= p.template_days).tolist()}

    def own_containment(self, mine: str, theirs: str, day: int, grams: tuple[set[str], set[str]]) -> float:
        """The share of the shorter text's own (non-template) 3-grams that the other text has; 1.0 when
        neither text has template phrases (nothing to take out). ``grams``: the two texts' 3-grams."""
        template = self.templated(mine, day) | self.templated(theirs, day)
        if not template:
            return 1.0
        own_mine, own_theirs = grams[0] - template, grams[1] - template
        if not own_mine or not own_theirs:
            return 0.0
        return len(own_mine & own_theirs) / min(len(own_mine), len(own_theirs))

    def same_day_formula(self, mine: str, theirs: str, day: int, size: int) -> bool:
        """Whether both leads (their first ``size`` words) date themselves "today" (:data:`TODAY`) in one template
        phrase: a 3-gram holding the word, template wording on ``day``, that both leads hold ("عن حاله الطقس لهذا
        اليوم"). Such a text is its day's edition of the template."""
        lead = mine.split()[:size]
        if size <= 0 or TODAY not in lead:
            return False
        words = theirs.split()[:size]
        theirs_grams = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
        dated = {
            " ".join(lead[j : j + 3])
            for i, word in enumerate(lead)
            if word == TODAY
            for j in range(max(0, i - 2), min(i + 1, len(lead) - 2))
        }
        dated &= theirs_grams
        return bool(dated) and not dated.isdisjoint(self.templated(" ".join(lead), day))

    def shares_own_text(self, mine: str, theirs: str, day: int | None, grams: tuple[set[str], set[str]]) -> bool:
        """Whether two texts that overlap like copies are copies of each other's own text, not siblings of
        one template (``day`` None: the day is not known, the check is not made)."""
        if day is None:
            return True
        return self.own_containment(mine, theirs, day, grams) >= self.params.min_own_containment
