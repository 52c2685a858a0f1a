from __future__ import annotations

from crawler.processing import rescue
from crawler.processing.dedup import Overlap
from crawler.processing.facts import Disagreement
from crawler.processing.fingerprint import DedupParams

OV = Overlap(jaccard=0.2, containment=0.35, word_containment=0.75, shorter=150, rare_containment=0.8)


def test_the_features_come_in_the_documented_order_with_their_caps() -> None:
    many = Disagreement(numbers=9, dates=7, names=20, lead_numbers=True)
    values = dict(zip(rescue.FEATURES, rescue.features(OV, many, 30, 0.5), strict=True))
    assert values["containment"] == 0.35 and values["rare_containment"] == 0.8
    assert (values["days_apart"], values["no_dates"]) == (7.0, 0.0)  # a week or more: a week
    assert (values["number_conflicts"], values["date_conflicts"], values["name_conflicts"]) == (5.0, 3.0, 8.0)
    assert values["lead_numbers"] == 1.0 and values["own_containment"] == 0.5
    assert abs(values["containment_x_rare"] - 0.28) < 1e-9
    unknown = dict(zip(rescue.FEATURES, rescue.features(OV, Disagreement(), None, 1.0), strict=True))
    assert (unknown["days_apart"], unknown["no_dates"]) == (rescue.UNKNOWN_DAYS, 1.0)


def test_the_shipped_model_has_a_weight_per_feature_and_conflicts_weigh_against() -> None:
    """The coefficients the store's ``DedupParams.rescue_model`` names: an intercept and one weight per feature;
    a fitted model that rewarded a conflict, a day apart or a lead's unshared number would be a broken fit."""
    coefficients = rescue.MODELS[DedupParams().rescue_model]
    assert len(coefficients) == len(rescue.FEATURES) + 1
    weight = dict(zip(rescue.FEATURES, coefficients[1:], strict=True))
    for against in ("days_apart", "number_conflicts", "date_conflicts", "name_conflicts", "lead_numbers"):
        assert weight[against] < 0, against
    for towards in ("containment", "word_containment", "rare_containment", "own_containment"):
        assert weight[towards] > 0, towards


def test_more_shared_text_and_fewer_conflicts_raise_the_probability() -> None:
    model = DedupParams().rescue_model
    base = rescue.probability(rescue.features(OV, Disagreement(), 0, 1.0), model)
    closer = Overlap(jaccard=0.3, containment=0.45, word_containment=0.85, shorter=150, rare_containment=0.9)
    assert rescue.probability(rescue.features(closer, Disagreement(), 0, 1.0), model) > base
    assert rescue.probability(rescue.features(OV, Disagreement(numbers=1), 0, 1.0), model) < base
    assert rescue.probability(rescue.features(OV, Disagreement(), 2, 1.0), model) < base
    assert 0.0 < base < 1.0
