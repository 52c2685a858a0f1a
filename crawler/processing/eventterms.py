"""The terms an article is compared by when linking events: stemmed content words of its title and text.

Same-event articles are written in their own words, so they share the *vocabulary of the
event* (its people, places, organisations, numbers) rather than phrases. An article's terms:

- its normalised words (the fingerprint normaliser, :func:`normalize`), letters or numbers;
  4-digit years and one-letter tokens dropped;
- light Arabic stemming, Light10 (Larkey et al. 2002: و, one article prefix, common suffixes;
  ة is already ه after normalisation), then a glued preposition (ل, ب, ك) is stripped when the
  rest is a stem of the background vocabulary and the whole is not (لمناقشة → مناقشة, but لبنان
  stays); non-Arabic words are only case-folded. Stems are cached (the vocabulary is small);
- grouped by where they occur: the title, the lead (first :data:`LEAD_WORDS` words) and the
  rest of the body up to :data:`BODY_WORDS` words (a long round-up is not allowed to dilute
  its lead).

:class:`Background` holds document frequencies shipped with the package (derived from
MArSum, CC BY 4.0, ``data/term_df_ar.txt``), so that the first articles of a new store are
weighed sensibly; the linker adds its running counts to it.

Invariant: :func:`article_terms` is a pure function of the title and the normalised text
(and the shipped background vocabulary): the same article gives the same terms in any process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from crawler.processing.normalize import normalize

LEAD_WORDS = 60
BODY_WORDS = 400
_ARABIC = re.compile(r"[\u0621-\u064a]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_PROCLITICS = "لبك"


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of a normalised word ('' for a word that is not a term)."""
    if len(word) < 2 or _YEAR.fullmatch(word):
        return ""
    if word.isdigit():
        return word
    if not _ARABIC.match(word):
        return word if len(word) > 2 else ""
    out = light_stem(word)
    if out[0] in _PROCLITICS and len(out) >= 4:  # ل/ب/ك glued on: strip it when what is left is a known word
        known = Background.shipped().df
        alt = light_stem(out[1:])
        if alt in known and out not in known:
            out = alt
    return out if len(out) > 1 else ""


def light_stem(word: str) -> str:
    """Light10 (Larkey, Ballesteros and Connell, 2002) on normalised Arabic: a leading و, one
    article prefix, then suffixes, each only while at least two letters remain."""
    if word.startswith("و") and len(word) > 3:
        word = word[1:]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class ArticleTerms:
    """An article's stems by place: title, lead, rest of the body (duplicates kept: counts matter)."""

    title: tuple[str, ...]
    lead: tuple[str, ...]
    body: tuple[str, ...]

    def all(self) -> set[str]:
        return set(self.title) | set(self.lead) | set(self.body)


def stems(words: list[str]) -> tuple[str, ...]:
    return tuple(s for s in map(stem, words) if s)


def article_terms(title: str | None, normalised: str) -> ArticleTerms:
    """The terms of an article from its title (as published) and normalised body."""
    words = normalised.split()
    title_words = normalize(title or "").split()
    if title_words and words[: len(title_words)] == title_words:
        words = words[len(title_words) :]  # a body that starts with its own title counts it once
    return ArticleTerms(
        title=stems(title_words),
        lead=stems(words[:LEAD_WORDS]),
        body=stems(words[LEAD_WORDS:BODY_WORDS]),
    )


class Background:
    """Document frequencies of stems in a reference corpus (``data/term_df_ar.txt``)."""

    def __init__(self, df: dict[str, int], docs: int) -> None:
        self.df = df
        self.docs = docs

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> Background:
        text = resources.files("crawler.processing").joinpath("data/term_df_ar.txt").read_text(encoding="utf-8")
        df: dict[str, int] = {}
        docs = 0
        for line in text.splitlines():
            if line.startswith("# docs:"):
                docs = int(line.split(":", 1)[1])
            elif line and not line.startswith("#"):
                term, _, count = line.partition("\t")
                df[term] = int(count)
        return cls(df, docs)
