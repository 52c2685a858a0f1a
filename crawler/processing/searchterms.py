"""Arabic search terms: each word indexed under every form its leading clitics can be taken off to.

Arabic glues conjunctions, prepositions and the article onto the word: المغرب ("Morocco") is
written بالمغرب, والمغرب, للمغرب, فالمغرب, وبالمغرب. A plain full-text index (FTS5, a PostgreSQL
``simple`` tsvector) sees each spelling as another word, so a search for المغرب misses them. Here
every word of an article is indexed under its normalised form (the fingerprint normaliser: أ/إ/آ
→ ا, ة → ه, ى → ي, no diacritics or tatweel, Arabic-Indic digits → 0-9) and under each form left
when its leading clitics are taken off, in their fixed order: a conjunction (و, ف), then a
preposition (ب, ك, ل), then the article (ال); ل before ال is written لل and gives the ال form back.
A form is kept only when at least two letters remain.

A query word matches an article when it equals one of the article's forms: المغرب finds بالمغرب,
والمغرب and للمغرب (all have the form المغرب), and مغرب finds those and مغرب; a word that merely
starts with the same letters (المغربية) is another word and is not found. Suffixes are left alone
on purpose: light stemmers conflate المغرب with المغربي/المغربية and the plural with the singular,
which a search for one word must not do (a prefix query such as ``مغرب*`` finds those when wanted).

Invariant: :func:`search_terms` is a pure function of an article's title and text, and a query is
normalised by :func:`query_words` with the same normaliser, so the two always meet.
"""

from __future__ import annotations

from functools import lru_cache

from crawler.processing.normalize import normalize

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_ARTICLE = "ال"
MIN_LETTERS = 2  # a form keeps at least this many letters


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> tuple[str, ...]:
    """The normalised ``word`` and every form its leading clitics can be taken off to (no repeats)."""
    forms = [word]

    def keep(form: str) -> None:
        if len(form) >= MIN_LETTERS and form not in forms:
            forms.append(form)

    starts = [word]
    if word[:1] in _CONJUNCTIONS:
        starts.append(word[1:])
    for start in starts:
        keep(start)
        rest = start
        if rest[:1] in _PREPOSITIONS:
            if rest.startswith("لل"):  # ل + ال: the article's alef is not written
                keep(_ARTICLE + rest[2:])
                keep(rest[2:])
                continue
            rest = rest[1:]
            keep(rest)
        if rest.startswith(_ARTICLE):
            keep(rest[len(_ARTICLE) :])
    return tuple(forms)


def search_terms(title: str | None, text: str) -> str:
    """The indexed terms of an article: every form of every word of its title and text, space-separated."""
    return search_terms_normalised(title, normalize(text))


def search_terms_normalised(title: str | None, normalised: str) -> str:
    """:func:`search_terms` of an article whose text is already normalised (the analysis did it: the
    normaliser works line by line, so the title and the text normalise apart)."""
    out: list[str] = []
    for word in (*normalize(title or "").split(), *normalised.split()):
        out.extend(word_forms(word))
    return " ".join(out)


def query_words(query: str) -> list[str]:
    """A search query's words, normalised as the index's are (each must match one of an article's forms)."""
    return [word for word in normalize(query).split() if word]
