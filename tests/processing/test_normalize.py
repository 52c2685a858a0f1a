from __future__ import annotations

import pytest

from crawler.processing.normalize import fold, normalize


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
