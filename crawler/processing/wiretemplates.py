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

A copy shares its own text with its original however much template wording they carry; a story
seen on one or two days has no template phrases at all, so the check changes nothing for it. The
check needs history: on the first days of a store nothing is a template phrase yet.

Invariant: :meth:`WireTemplates.own_containment` is a function of the ``(text, day)`` sequence given
to :meth:`WireTemplates.see` (:mod:`crawler.processing.daytable`), so a run and a re-process of its
archive that store the same articles in the same order decide the same.
"""

from __future__ import annotations

import hashlib

import numpy as np

from crawler.processing.daytable import DayTable, gram_hashes
from crawler.processing.fingerprint import DedupParams
from crawler.processing.normalize import tokens


def _hashes(grams: list[str]) -> np.ndarray:
    return np.array(
        [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams],
        dtype=np.uint64,
    )


class WireTemplates:
    """The days on which stored articles' word 3-grams were seen (see the module)."""

    def __init__(self, params: DedupParams, bits: int = 22) -> None:
        self.params = params
        self.table = DayTable(bits)

    def see(self, normalised: str, day: int) -> None:
        """A stored article's 3-grams (every stored article: copies of one story on several days are
        what a template is made of too)."""
        self.table.see(gram_hashes(tuple(tokens(normalised))), day)

    def templated(self, grams: set[str], day: int) -> set[str]:
        """Those of ``grams`` that are template phrases on ``day``."""
        ordered = sorted(grams)
        p = self.params
        seen = self.table.days_seen(_hashes(ordered), day, p.template_lookback_days)
        return {g for g, n in zip(ordered, seen.tolist(), strict=True) if n >= p.template_days}

    def own_containment(self, mine: set[str], theirs: set[str], day: int) -> float:
        """The share of the shorter text's own (non-template) 3-grams that the other text has; 1.0 when
        neither text has template phrases (nothing to take out)."""
        template = self.templated(mine | theirs, day)
        if not template:
            return 1.0
        own_mine, own_theirs = mine - template, theirs - template
        if not own_mine or not own_theirs:
            return 0.0
        return len(own_mine & own_theirs) / min(len(own_mine), len(own_theirs))

    def shares_own_text(self, mine: set[str], theirs: set[str], day: int | None) -> bool:
        """Whether two texts that overlap like copies are copies of each other's own text, not
        siblings of one template (``day`` None: the day is not known, the check is not made)."""
        if day is None:
            return True
        return self.own_containment(mine, theirs, day) >= self.params.min_own_containment
