"""Extraction scoring the way the Article Extraction Benchmark (AEB) does it.

Per document: ``\\w+`` tokens, word 4-grams, true positives as the multiset
intersection; precision and recall per document, each averaged over documents;
F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"\w+")
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
AEB_DIR = SHARED / "eval" / "aeb"


def _grams(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text or "")
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def precision_recall(gold: str, predicted: str) -> tuple[float, float]:
    g, p = _grams(gold), _grams(predicted)
    tp = sum((g & p).values())
    precision = tp / sum(p.values()) if p else (1.0 if not g else 0.0)
    recall = tp / sum(g.values()) if g else 1.0
    return precision, recall


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    n: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"F1 {self.f1:.3f} (P {self.precision:.3f}, R {self.recall:.3f}, n={self.n})"


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """AEB score of ``(gold, predicted)`` pairs."""
    ps, rs = [], []
    for gold, predicted in pairs:
        p, r = precision_recall(gold, predicted)
        ps.append(p)
        rs.append(r)
    n = len(ps)
    return Score(sum(ps) / n if n else 0.0, sum(rs) / n if n else 0.0, n)


@dataclass(frozen=True)
class AebPage:
    key: str
    url: str
    html: bytes
    gold: str


def aeb_pages(root: Path = AEB_DIR) -> Iterator[AebPage]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            yield AebPage(key, truth[key].get("url", ""), gzip.decompress(path.read_bytes()), truth[key]["articleBody"])
