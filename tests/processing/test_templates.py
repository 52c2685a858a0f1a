from __future__ import annotations

from crawler.processing.templates import SiteTemplates, line_keys


def article(n: int) -> str:
    return "\n".join(
        [
            f"هذا هو الخبر رقم {n} وفيه فقرة طويلة بما يكفي لتكون نص مقال حقيقي يتحدث عن موضوع مختلف كل مرة {n * 7}",
            "المصدر: أخبارنا",
            f"فقرة ثانية قصيرة عن الحدث {n}",
            "التعليقات المنشورة لا تعبر بالضرورة عن رأي الموقع",
        ]
    )


def test_nothing_removed_before_enough_pages_then_recurring_lines_go() -> None:
    t = SiteTemplates(min_pages=2)
    assert t.clean("akhb", article(1)) == article(1)
    t.learn("akhb", line_keys(article(1)))
    assert t.clean("akhb", article(2)) == article(2)  # one earlier page is not enough
    t.learn("akhb", line_keys(article(2)))
    cleaned = t.clean("akhb", article(3))
    assert "المصدر: أخبارنا" not in cleaned and "التعليقات المنشورة" not in cleaned
    assert "الخبر رقم 3" in cleaned and "الحدث 3" in cleaned


def test_sites_do_not_share_templates() -> None:
    t = SiteTemplates(min_pages=2)
    t.learn("a", line_keys(article(1)))
    t.learn("a", line_keys(article(2)))
    assert t.clean("b", article(3)) == article(3)


def test_removal_that_would_gut_a_text_is_refused() -> None:
    t = SiteTemplates(min_pages=2)
    short = "سطر أول قصير\nسطر ثان قصير"
    t.learn("s", line_keys(short))
    t.learn("s", line_keys(short))
    assert t.clean("s", short) == short  # a republished short item is not furniture


def test_state_round_trips_through_rows() -> None:
    t = SiteTemplates(min_pages=2)
    rows: dict[int, int] = {}
    for n in (1, 2):
        rows.update(t.learn("akhb", line_keys(article(n))))  # what the store saves
    restored = SiteTemplates(min_pages=2)
    restored.load(("akhb", k, c) for k, c in rows.items())
    assert restored.clean("akhb", article(3)) == t.clean("akhb", article(3))
