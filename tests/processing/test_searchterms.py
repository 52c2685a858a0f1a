from __future__ import annotations

import pytest

from crawler.processing.normalize import normalize
from crawler.processing.searchterms import query_words, search_terms, search_terms_normalised, word_forms


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("المغرب", ("المغرب", "مغرب")),
        ("بالمغرب", ("بالمغرب", "المغرب", "مغرب")),
        ("للمغرب", ("للمغرب", "المغرب", "مغرب")),  # ل + ال, the alef unwritten
        ("وبالمغرب", ("وبالمغرب", "بالمغرب", "المغرب", "مغرب")),
        ("فالمغرب", ("فالمغرب", "المغرب", "مغرب")),
        ("والوزير", ("والوزير", "الوزير", "وزير")),
        ("المغربية", ("المغربيه", "مغربيه")),  # suffixes stay: another word
        ("2024", ("2024",)),
        ("ب", ("ب",)),  # nothing shorter than two letters
    ],
)
def test_word_forms(word: str, forms: tuple[str, ...]) -> None:
    assert word_forms(normalize(word)) == forms


def test_a_query_meets_the_terms_through_the_same_normaliser() -> None:
    terms = set(search_terms("زيارة ملكية", "حلّ الوفد بأكادير يوم الإثنين.").split())
    assert terms >= {"زياره", "اكادير", "بأكادير".replace("أ", "ا"), "الاثنين", "اثنين"}
    assert all(word in terms for word in query_words("أكادير الإثنين"))


def test_terms_from_an_already_normalised_text_are_the_same() -> None:
    """The sequential step indexes the analysis's normalised text instead of normalising it again."""
    title = "زيارة ملكية إلى أكادير"
    text = "حلّ الوفد بأكادير يوم الإثنين.\nوقال «المسؤول»: الأشغال انطلقت في 12 مارس ٢٠٢٤ بالمدينة.\n\nلِلمغرب."
    assert search_terms_normalised(title, normalize(text)) == search_terms(title, text)
