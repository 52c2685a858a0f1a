"""The country gazetteer: names with clitics, demonyms with their inflections, longer and shorter names."""

from __future__ import annotations

import pytest

from crawler.processing.countries import named
from crawler.processing.normalize import normalize


def _named(text: str) -> frozenset[str]:
    return named(normalize(text).split())


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("برقية تهنئة لرئيس جمهورية المالديف بمناسبة ذكرى استقلال بلاده", {"MV"}),
        ("وصل الوفد إلى تونس ثم بالمالديف والكويت", {"TN", "MV", "KW"}),  # clitics on the first word
        ("هنأ الرئيسَ التونسيَّ والحكومةَ التونسية والشعب التونسيين", {"TN"}),  # a demonym and its inflections
        ("مباحثات بين الولايات المتحدة الأمريكية وبريطانيا", {"US", "GB"}),  # a name of several words
        ("لقاء في أبوظبي حول الطاقة المتجددة", set()),  # a city is no country
    ],
)
def test_names_demonyms_and_clitics_are_read(text: str, codes: set[str]) -> None:
    assert _named(text) == codes


def test_a_longer_name_also_names_the_shorter_one_so_two_spellings_never_disagree() -> None:
    assert _named("رئيس جمهورية الكونغو الديمقراطية") == {"CD", "CG"}
    assert _named("انفصال جنوب السودان") == {"SS", "SD"}


def test_the_sunset_prayer_is_not_morocco() -> None:
    assert _named("وتقام الصلاة على الفقيد بعد صلاة المغرب") == frozenset()
    assert _named("يلتقي منتخب المغرب نظيره المصري") == {"MA", "EG"}
