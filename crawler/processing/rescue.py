"""A second look, learned, at the candidate pairs whose words overlap too little for the verification rules.

The rules (:func:`dedup.overlap_strength`, :func:`dedup.facts_agree`, the wire templates' own-text share) judge one
measure at a time against its threshold. A rewritten copy (its lead redone, names re-inflected, a paragraph
added) can miss each threshold by a little while its measures together still say copy. The second look weighs
them together: a logistic model over the pair's overlap (3-gram Jaccard and containment, distinct-word and
rare-word shares, length), its fact conflicts (numbers, dates, names, the leads' numbers), the days between the
two and the share of their own (non-template) text. It is fitted on the hand-labelled pairs by
``python -m benchmarks.dedup_rescue_fit``, which prints the coefficients kept below under a version name;
``DedupParams.rescue_model`` names the version a store was built with, as ``facts_version`` does for the fact
rules, so a store built with other coefficients is refused with the rebuild command.

Invariant: the second look only adds copies, and only where the rules leave it the decision
(:func:`dedup.rules_verdict` says None): a cluster's first article that the index offers as a candidate, sharing
at least ``DedupParams.rescue_min_containment`` of the shorter text's 3-grams but too few for the rules'
thresholds, while the facts agree and (with a history) the two share their own text. It never overrules the
facts or the wire templates (template siblings with other names or figures stay apart however alike their
words), and never turns down a pair the rules accept.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.processing.dedup import Overlap
    from crawler.processing.facts import Disagreement

FEATURES = (
    "jaccard",
    "containment",
    "word_containment",
    "rare_containment",
    "log_shingles",  # the shorter text's 3-grams, log
    "days_apart",  # capped at a week; 3 when either date is unknown
    "no_dates",
    "own_containment",
    "number_conflicts",  # capped at 5
    "date_conflicts",  # capped at 3
    "name_conflicts",  # capped at 8
    "lead_numbers",
    "containment_x_rare",
)
UNKNOWN_DAYS = 3.0

# version -> (intercept, one weight per feature of FEATURES), on the features' own scale
MODELS: dict[str, tuple[float, ...]] = {
    # fitted 2026-12-06 on the 6,889 pairs of dedup pair sets v1 to v15 (v16 held out):
    # python -m benchmarks.dedup_rescue_fit --train v1 v2-tune v2-held v3-held … v15-held --hold-out v16-held
    "rescue-1": (
        -8.35623,
        0.184559,
        1.78358,
        3.31973,
        2.85584,
        0.659991,
        -0.380748,
        0.0,
        1.42853,
        -0.474408,
        -1.8993,
        -0.601712,
        -2.32707,
        1.69433,
    ),
}


def features(ov: Overlap, found: Disagreement, days: int | None, own: float) -> tuple[float, ...]:
    """The pair's measures in the order of :data:`FEATURES`."""
    return (
        ov.jaccard,
        ov.containment,
        ov.word_containment,
        ov.rare_containment,
        math.log(max(ov.shorter, 1)),
        float(min(days, 7)) if days is not None else UNKNOWN_DAYS,
        1.0 if days is None else 0.0,
        own,
        float(min(found.numbers, 5)),
        float(min(found.dates, 3)),
        float(min(found.names, 8)),
        float(found.lead_numbers),
        ov.containment * ov.rare_containment,
    )


def probability(values: tuple[float, ...], model: str) -> float:
    """The model's probability that the pair with these feature ``values`` is a copy."""
    coefficients = MODELS[model]
    z = coefficients[0] + sum(w * v for w, v in zip(coefficients[1:], values, strict=True))
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
