"""Same-event scores on the Arabic pairs of SemEval-2022 Task 8 (Multilingual News Article Similarity).

Each Arabic-Arabic pair (training and test files together: akhbar is not trained on them) is
scored the way the event linker compares an article with a one-article event: the cosine of the
two articles' vectors (:meth:`EventLinker.doc`: stems, place weights, IDF from the shipped
background), with no time decay (the pairs carry no usable dates). Reported: Pearson correlation
with the rating (``Overall``: 1 = same story ... 4 = unrelated, so the sign is flipped), and ROC
AUC for "same story" (Overall <= 2) against the rest; plain TF-IDF over normalised words beside it.

    python -m benchmarks.events_semeval
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Callable, Sequence

from benchmarks.scoring import SHARED
from crawler.processing.events import EventLinker, cosine
from crawler.processing.eventterms import article_terms
from crawler.processing.normalize import normalize

DATA = SHARED / "eval" / "semeval2022-task8" / "data"


def arabic_pairs() -> list[tuple[str, str, float]]:
    csv.field_size_limit(1 << 30)
    pairs = []
    for name in ("training_set.csv", "testing_set.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["lang1"] == "ar" and row["lang2"] == "ar" and row["text1"].strip() and row["text2"].strip():
                    pairs.append((row["text1"], row["text2"], float(row["Overall"])))
    return pairs


def split_title(text: str) -> tuple[str, str]:
    """The data gives title and body as one text: its first line, or first 12 words, is the title."""
    text = text.strip()
    head, _, rest = text.partition("\n")
    if rest and len(head.split()) <= 25:
        return head, rest
    words = text.split()
    return " ".join(words[:12]), text


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (sx * sy) if sx and sy else 0.0


def auc(scores: list[float], positive: list[bool]) -> float:
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else 0.0


def plain_tfidf_vectors(docs: Sequence[list[str]]) -> Callable[[int], dict[str, float]]:
    """The baseline: plain word TF-IDF (``1 + log tf`` times ``log N/df``, unit length), document
    frequencies over ``docs``; returns the vector of ``docs[i]``."""
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)

    def vec(i: int) -> dict[str, float]:
        tf = Counter(docs[i])
        v = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    return vec


def plain_tfidf(pairs: list[tuple[str, str, float]]) -> list[float]:
    docs = [normalize(t).split() for a, b, _ in pairs for t in (a, b)]
    vec = plain_tfidf_vectors(docs)
    return [cosine(vec(2 * i), vec(2 * i + 1)) for i in range(len(pairs))]


def main() -> None:
    if not DATA.is_dir():
        raise SystemExit(f"{DATA} not found: nothing to measure")
    pairs = arabic_pairs()
    linker = EventLinker()
    ours = []
    for a, b, _ in pairs:
        da = linker.doc(article_terms(*_terms(a)), 0.0)
        db = linker.doc(article_terms(*_terms(b)), 0.0)
        ours.append(cosine(da.vector, db.vector))
    gold = [-overall for _, _, overall in pairs]
    same = [overall <= 2.0 for _, _, overall in pairs]
    base = plain_tfidf(pairs)
    print(f"{len(pairs)} Arabic pairs ({sum(same)} same story, Overall <= 2)")
    print(f"  akhbar event score: Pearson {pearson(ours, gold):.3f}  ROC AUC {auc(ours, same):.3f}")
    print(f"  plain TF-IDF:       Pearson {pearson(base, gold):.3f}  ROC AUC {auc(base, same):.3f}")


def _terms(text: str) -> tuple[str, str]:
    title, body = split_title(text)
    return title, normalize(body)


if __name__ == "__main__":
    main()
