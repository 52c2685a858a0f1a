"""Which countries a text names: the gazetteer behind the fact check's lead countries (:mod:`facts`).

A congratulation cable to one head of state and the same day's cable to another share their whole
formula; what makes each a story is its recipient, and the recipient's country is named in the lead.
Country names are among the commonest words of news prose, so the word-level name check of
:mod:`facts` (which skips common words) lets them pass: this list reads them as facts.

The list (``data/countries_ar.txt``) gives each country's names as news prose writes them. On
normalised tokens, a name matches with a clitic run on its first word (و، ف، ب، ل، ك، the article
and their combinations: "بتونس", "والمالديف"); a one-word name of
the form "ال…ي" is a demonym and also matches with the article or without it and with its
inflections ("التونسية", "تونسيون", "التونسيين"). Every name found at every position counts, a shorter
one inside a longer one included ("السودان" in "جنوب السودان", "غينيا" in "غينيا بيساو"): a text that
names the longer also names the shorter, so two spellings of one country never disagree. One reading
is not a country: "المغرب" after "صلاة" is the sunset prayer.

Invariant: :func:`named` is a pure function of the tokens and the shipped list.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from crawler.processing.normalize import normalize

# clitic runs a normalised word may begin with: conjunction, preposition, article (longest first)
CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_DEMONYM_ENDINGS = ("ه", "ون", "ين", "ان")  # feminine, plurals, dual, after the demonym's "ي"
_PRAYER = frozenset({"صلاه", "لصلاه", "وصلاه", "صلاتي"})  # "صلاة المغرب": the sunset prayer


class _Gazetteer:
    """The list read for matching: the names by their first word, and the demonyms."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.names: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (other words, code)
        self.demonyms: dict[str, str] = {}  # "تونسي" -> TN
        for line in lines:
            code, _, spellings = line.partition("\t")
            for spelling in spellings.split("|"):
                words = normalize(spelling).split()
                if len(words) == 1 and words[0].startswith("ال") and words[0].endswith("ي") and len(words[0]) > 4:
                    self.demonyms[words[0][2:]] = code
                    continue
                first, rest = words[0], tuple(words[1:])
                for key in {first, first[2:] if first.startswith("ال") else first}:
                    self.names.setdefault(key, []).append((rest, code))

    def demonym(self, form: str) -> str | None:
        """The country of a demonym form ("تونسي", "تونسيه", "تونسيين"), if it is one."""
        if form in self.demonyms:
            return self.demonyms[form]
        for ending in _DEMONYM_ENDINGS:
            if form.endswith(ending) and form[: -len(ending)] in self.demonyms:
                return self.demonyms[form[: -len(ending)]]
        return None

    def at(self, tokens: Sequence[str], i: int) -> set[str]:
        """The countries named by a name that starts at token ``i``."""
        found: set[str] = set()
        for form in _forms(tokens[i]):
            for rest, code in self.names.get(form, ()):
                if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                    found.add(code)
            demonym = self.demonym(form)
            if demonym is not None:
                found.add(demonym)
        if "MA" in found and i > 0 and tokens[i] in ("المغرب", "والمغرب") and tokens[i - 1] in _PRAYER:
            found.discard("MA")
        return found


def _forms(token: str) -> set[str]:
    """The token and the token without each clitic run it begins with (two letters at least remain)."""
    forms = {token}
    for clitic in CLITICS:
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            forms.add(token[len(clitic) :])
    return forms


@cache
def _gazetteer() -> _Gazetteer:
    text = resources.files("crawler.processing").joinpath("data/countries_ar.txt").read_text(encoding="utf-8")
    return _Gazetteer([line for line in text.splitlines() if line.strip() and not line.startswith("#")])


def named(tokens: Sequence[str]) -> frozenset[str]:
    """The ISO codes of the countries that normalised ``tokens`` name (see the module)."""
    gazetteer = _gazetteer()
    found: set[str] = set()
    for i in range(len(tokens)):
        found |= gazetteer.at(tokens, i)
    return frozenset(found)
