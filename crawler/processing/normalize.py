"""Arabic-aware text normalisation for fingerprints.

The stored article text stays as published; only fingerprints (digests, shingles,
MinHash signatures) are computed on the normalised form. Bump
:data:`NORMALIZER_VERSION` whenever the output of :func:`normalize` changes for any
input: stores built with another version are refused until rebuilt.
"""

from __future__ import annotations

import re
import unicodedata

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

_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Return the fingerprint form of ``text``: one space between words, no punctuation.

    NFKC first (presentation forms and ligatures become plain letters), then
    diacritics and tatweel removed, letter variants folded, digits made ASCII,
    Latin case-folded and everything that is not a letter or digit dropped.
    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    return _NON_WORD.sub(" ", fold(text).casefold()).strip()


def fold(text: str) -> str:
    """NFKC, diacritics and tatweel removed, letters folded, digits ASCII; punctuation kept."""
    return unicodedata.normalize("NFKC", text).translate(_STRIP).translate(_FOLD).translate(_DIGITS)


def tokens(text: str) -> list[str]:
    """Split already-normalised text into words."""
    return text.split()
