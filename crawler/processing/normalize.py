"""Arabic-aware text normalisation for fingerprints.

The stored article text stays as published; only fingerprints (digests, shingles,
MinHash signatures) are computed on the normalised form. Bump
:data:`NORMALIZER_VERSION` whenever the output of :func:`normalize` changes for any
input: stores built with another version are refused until rebuilt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

NORMALIZER_VERSION = "ar-1"

# Tashkeel (harakat, tanwin, shadda, sukun), Quranic annotation marks, superscript
# alef, and tatweel (kashida), all removed.
_STRIP = {cp: None for cp in range(0x0610, 0x061B)}
_STRIP.update({cp: None for cp in range(0x064B, 0x0660)})
_STRIP.update({cp: None for cp in range(0x06D6, 0x06EE)})
_STRIP.update({0x0670: None, 0x0640: None})
# Zero-width and bidi controls that publishers sprinkle into text.
_STRIP.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x061C)})
_STRIP.update({cp: None for cp in range(0x202A, 0x202F)})
_STRIP.update({cp: None for cp in range(0x2066, 0x206A)})

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ک": "ك",
        "ڪ": "ك",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ڤ": "ف",
        "ڥ": "ف",
        "ڨ": "ق",
    }
)
# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits.
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)})

# The three tables as one: deletions, folds and digits never chain (no output of one is a key of
# another), so a single pass gives what the three passes in that order give. A list indexed by code
# point is much faster for ``str.translate`` than a dict (3x on Arabic text); code points past its
# end stay as they are, so the few keys beyond it (U+FEFF) are replaced one by one.
_TABLE_END = 0x2070
_ONE_PASS: list[int | str | None] = list(range(_TABLE_END))
_BEYOND: list[tuple[str, str]] = []
for _table in (_STRIP, _FOLD, _DIGITS):
    for _cp, _to in _table.items():
        if _cp < _TABLE_END:
            _ONE_PASS[_cp] = _to
        else:
            _BEYOND.append((chr(_cp), "" if _to is None else str(_to)))

_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Return the fingerprint form of ``text``: one space between words, no punctuation.

    NFKC first (presentation forms and ligatures become plain letters), then
    diacritics and tatweel removed, letter variants folded, digits made ASCII,
    Latin case-folded and everything that is not a letter or digit dropped.
    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    return _NON_WORD.sub(" ", fold(text).casefold()).strip()


def join_normalised(norms: Iterable[str]) -> str:
    """The normalised form of a text from those of its lines: ``normalize(text)`` equals
    ``join_normalised(normalize(line) for line in text.split("\\n"))`` (tested), so the analysis
    normalises each line once, for both the text's fingerprints and the lines' template keys."""
    return " ".join(norm for norm in norms if norm)


def fold(text: str) -> str:
    """NFKC, diacritics and tatweel removed, letters folded, digits ASCII; punctuation kept."""
    folded = unicodedata.normalize("NFKC", text).translate(_ONE_PASS)
    for char, replacement in _BEYOND:
        folded = folded.replace(char, replacement)
    return folded


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


def mostly_arabic(text: str) -> bool:
    """Text in Arabic script: more Arabic characters than Latin letters (a French line quoting an Arabic word is
    French)."""
    return len(_ARABIC_SCRIPT.findall(text)) > len(_LATIN_LETTER.findall(text))


def tokens(text: str) -> list[str]:
    """Split already-normalised text into words."""
    return text.split()
