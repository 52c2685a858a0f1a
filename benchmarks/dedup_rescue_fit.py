"""Fit the duplicate detector's second look (``crawler/processing/rescue.py``) on the labelled pairs.

    python -m benchmarks.dedup_rescue_fit [--train v1 v2-tune ...] [--hold-out v16-held]

Every pair of the sets is measured as the detector measures it: clean text, the corpus's earlier days as the wire
templates' history, pairs in the order of their B's day (:mod:`benchmarks.dedup_pairs_eval`), A stored, B new.
The model is a logistic regression over :data:`crawler.processing.rescue.FEATURES` (standardised, L2 0.01, 3,000
steps of gradient descent from zero: the same coefficients every run), fitted on the ``--train`` sets (default:
every set but the held-out one) and printed on the features' own scale, ready for ``rescue.MODELS``.

Then it reports, with the rules alone and with the rules plus the second look at each ``--probabilities`` (default
``DedupParams.rescue_min_probability``): the training sets, each left out in turn (the model fitted on the
others), pooled (``--each``: every one too), and the ``--hold-out`` set (the model fitted on the training sets),
precision, recall and F1 of "DUP".
Texts come from SaudiNewsNet under ``../shared`` (read at run time, never copied).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import numpy as np

from benchmarks import dedup_pairs_eval as pairs_eval
from crawler.processing import rescue
from crawler.processing.dedup import DedupIndex, Pairing, days_apart, overlap, pair_features, rules_verdict
from crawler.processing.fingerprint import anchors, fast_signature, shingles, text_digest

PARAMS = pairs_eval.PARAMS
L2, STEPS, RATE = 1e-2, 3000, 0.5


@dataclass(frozen=True)
class Row:
    set_name: str
    dup: bool
    rules: bool  # the index offers A and the rules accept the pair
    open: bool  # the index offers A and the rules leave the pair to the second look
    values: tuple[float, ...]


def measure(sets: list[str]) -> list[Row]:
    """Every pair of ``sets`` measured as :meth:`DedupIndex.decide` measures a candidate."""
    corpus = pairs_eval.load_corpus(sets, history=True)
    items = []
    for name in sets:
        for pair in pairs_eval.load_pairs(name):
            a, b = corpus.text_side(pair, "a"), corpus.text_side(pair, "b")
            if a is not None and b is not None:
                items.append((name, pair, a, b))
    items.sort(key=lambda item: item[3].published or "")
    history = pairs_eval.History(corpus.past or [])
    rows = []
    for name, pair, a, b in items:
        day = pairs_eval.side_day(b)
        table = history.before(day)
        index = DedupIndex(PARAMS, {1: a.text}.__getitem__, {1: a.published}.get, table)
        sig_a, words_a, _ = fast_signature(a.text, PARAMS)
        index.load(1, text_digest(a.text), sig_a, None, anchors(a.text, PARAMS, words_a))
        sig_b, words_b, _ = fast_signature(b.text, PARAMS)
        candidate = bool(index.candidates(sig_b, anchors(b.text, PARAMS, words_b)))
        grams = (shingles(b.text, PARAMS.shingle_size), shingles(a.text, PARAMS.shingle_size))
        ov = overlap(*grams, set(b.text.split()), set(a.text.split()))
        pairing = Pairing(b.text, a.text, grams, ov, days_apart(b.published, a.published), day)
        verdict, found = rules_verdict(pairing, table, PARAMS)
        values = pair_features(pairing, table, PARAMS, found)
        rows.append(
            Row(name, pair.label == "DUP", candidate and verdict is True, candidate and verdict is None, values)
        )
    return rows


@dataclass(frozen=True)
class Model:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # intercept first, on standardised features

    def raw(self) -> tuple[float, ...]:
        """Intercept and weights on the features' own scale (what ``rescue.MODELS`` holds)."""
        w = self.weights[1:] / self.scale
        return (float(self.weights[0] - np.sum(w * self.mean)), *(float(x) for x in w))


def fit(rows: list[Row]) -> Model:
    x = np.array([r.values for r in rows])
    y = np.array([r.dup for r in rows], dtype=float)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    design = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(design.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        w -= RATE * (design.T @ (p - y) / len(y) + L2 * np.r_[0.0, w[1:]])
    return Model(mean, scale, w)


def decisions(model: Model, rows: list[Row], at: float) -> tuple[list[bool], list[bool]]:
    """The rules' decisions and the rules' plus the second look's at probability ``at`` (through the shipped
    formula)."""
    name = "_fitting"
    rescue.MODELS[name] = tuple(round(c, 6) for c in model.raw())
    try:
        looked = [r.rules or (r.open and rescue.probability(r.values, name) >= at) for r in rows]
    finally:
        del rescue.MODELS[name]
    return [r.rules for r in rows], looked


def prf(said: list[bool], rows: list[Row]) -> str:
    tp = sum(s and r.dup for s, r in zip(said, rows, strict=True))
    fp = sum(s and not r.dup for s, r in zip(said, rows, strict=True))
    fn = sum(r.dup and not s for s, r in zip(said, rows, strict=True))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"P {p:.3f}  R {r:.3f}  F1 {2 * p * r / max(p + r, 1e-9):.3f}  (TP {tp}, FP {fp}, FN {fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", nargs="+", choices=pairs_eval.SETS, help="default: every set but --hold-out")
    parser.add_argument("--hold-out", choices=pairs_eval.SETS, default=pairs_eval.HELD_OUT)
    parser.add_argument("--probabilities", nargs="+", type=float, default=[PARAMS.rescue_min_probability], metavar="P")
    parser.add_argument("--each", action="store_true", help="report every left-out set, not only the pooled")
    args = parser.parse_args()
    train = args.train or [s for s in pairs_eval.SETS if s != args.hold_out]
    rows = measure([*train, args.hold_out])
    training = [r for r in rows if r.set_name in train]
    model = fit(training)
    print(f"fitted on {len(training)} pairs of {', '.join(train)}")
    print(f"coefficients (intercept, then {', '.join(rescue.FEATURES)}):")
    print("    (" + ", ".join(f"{c:.6g}" for c in model.raw()) + ")")
    folds = [
        (name, fit([r for r in training if r.set_name != name]), [r for r in training if r.set_name == name])
        for name in train
    ]
    held = [r for r in rows if r.set_name == args.hold_out and args.hold_out not in train]
    for at in args.probabilities:
        print(f"second look at p >= {at}; each training set left out (the model fitted on the others):")
        pooled: dict[str, list[bool]] = {"rules": [], "look": []}
        pooled_rows: list[Row] = []
        for name, fold_model, outside in folds:
            rules, look = decisions(fold_model, outside, at)
            pooled["rules"] += rules
            pooled["look"] += look
            pooled_rows += outside
            if args.each:
                print(f"  {name:9} rules {prf(rules, outside)}   with the second look {prf(look, outside)}")
        print(f"  {'pooled':9} rules {prf(pooled['rules'], pooled_rows)}   with the second look ", end="")
        print(prf(pooled["look"], pooled_rows))
        if held:
            rules, look = decisions(model, held, at)
            print(f"  held out {args.hold_out}: rules {prf(rules, held)}   with the second look {prf(look, held)}")


if __name__ == "__main__":
    main()
