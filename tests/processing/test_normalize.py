from __future__ import annotations

import unicodedata

import pytest

from crawler.processing.normalize import _DIGITS, _FOLD, _STRIP, fold, join_normalised, normalize

EVERY_CHARACTER = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)  # no surrogates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مَدْرَسَةٌ", "مدرسه"),  # tashkeel dropped, teh marbuta folded
        ("الـــمـــغـــرب", "المغرب"),  # tatweel
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("یک کتاب", "يك كتاب"),  # Persian yeh and keheh
        ("سنة ٢٠٢٤ و۱۴۰۳", "سنه 2024 و1403"),  # Arabic-Indic and Persian digits
        ("قال: «نعم»، ثم... (انتهى)!", "قال نعم ثم انتهي"),  # punctuation (and alef maqsura)
        ("Hello, WORLD — Maroc", "hello world maroc"),  # Latin case-folded
        ("ﻻ ﷲ", "لا الله"),  # presentation forms via NFKC
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent(conference_text: str, tangier_text: str) -> None:
    for text in (conference_text, tangier_text, "ﻷ ﻵ ﺁ ٍّ ٰ ــ ١٢٣ Straße İstanbul"):
        once = normalize(text)
        assert normalize(once) == once


def test_fold_keeps_punctuation_and_digits_ascii() -> None:
    assert fold("الثلاثاء ١٢ نونبر ٢٠٢٤ - ١٤:٣٥") == "الثلاثاء 12 نونبر 2024 - 14:35"


def test_fold_in_one_pass_is_the_three_tables_applied_in_order() -> None:
    """fold() merges its tables into one fast pass: it must change nothing, for any character."""
    expected = unicodedata.normalize("NFKC", EVERY_CHARACTER).translate(_STRIP).translate(_FOLD).translate(_DIGITS)
    assert fold(EVERY_CHARACTER) == expected
    assert fold("a\ufeffب\u200fج") == "aبج"  # U+FEFF lies past the one-pass table


def test_a_text_normalises_as_its_lines_do(conference_text: str) -> None:
    """The analysis normalises each line once and joins them: that must equal normalising the text."""
    every = "\n".join(EVERY_CHARACTER[i : i + 37] for i in range(0, len(EVERY_CHARACTER), 37))
    for text in (conference_text, every, "\n\n  سطر أول ،\n\n—\nسطرٌ ثانٍ\n", ""):
        assert join_normalised(normalize(line) for line in text.split("\n")) == normalize(text)
