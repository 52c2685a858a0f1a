"""The same-event linker: seed pages, copies, templates, time, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.processing.events import (
    EventLinker,
    EventParams,
    Link,
    day_number,
    pack_vector,
    unpack_vector,
)
from crawler.processing.eventterms import article_terms, stem
from crawler.processing.normalize import normalize

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
# the golden cases that carry the texts of the five seed pages (tests/fixtures/pages/README.md)
SEEDS = {"000": "wpnews-01", "001": "hespr-01", "002": "sahara-01", "003": "akhb-01", "004": "akhb-02"}
DAY = day_number("2024-03-01T10:00:00+00:00")


def seed_terms(case: str) -> tuple[str, str]:
    gold = json.loads((PAGES / case / "expected.json").read_text(encoding="utf-8"))
    return gold["title"], gold["text"]


def feed(
    linker: EventLinker, articles: list[tuple[str, str, float]], copies: dict[int, int] | None = None
) -> list[int]:
    """Link ``(title, text, day)`` articles in order (ids from 1); returns each one's event id."""
    events = []
    for article_id, (title, text, when) in enumerate(articles, 1):
        doc = linker.doc(article_terms(title, normalize(text)), when)
        link = linker.link(doc, (copies or {}).get(article_id))
        events.append(linker.add(article_id, doc, link))
    return events


@pytest.mark.parametrize("order", [["000", "001", "002", "003", "004"], ["004", "003", "002", "001", "000"]])
def test_seed_pages_link_one_event_and_keep_the_others_apart(order: list[str]) -> None:
    """000 and 001 report one conference in their own words; 002, 003 and 004 are other events
    (003 and 004: Moroccan delegations at Interpol in Lyon, years apart). All at the same time:
    the margin holds on the text alone."""
    events = feed(EventLinker(), [(*seed_terms(SEEDS[s]), DAY) for s in order])
    by_seed = dict(zip(order, events, strict=True))
    assert by_seed["000"] == by_seed["001"]
    assert len({by_seed["000"], by_seed["002"], by_seed["003"], by_seed["004"]}) == 4


def test_an_event_is_named_after_its_first_article_and_a_copy_joins_its_originals_event() -> None:
    linker = EventLinker()
    a, b = seed_terms(SEEDS["000"]), seed_terms(SEEDS["001"])
    other = seed_terms(SEEDS["002"])
    events = feed(linker, [(*other, DAY), (*a, DAY), (*b, DAY), (*other, DAY)], copies={4: 1})
    assert events == [1, 2, 2, 1]


def test_a_copy_of_an_article_the_linker_no_longer_holds_asks_the_store() -> None:
    asked: list[int] = []

    def event_of(article_id: int) -> int | None:
        asked.append(article_id)
        return 7

    linker = EventLinker(event_of=event_of)
    doc = linker.doc(article_terms(*seed_terms(SEEDS["000"])), DAY)
    assert linker.link(doc, copy_of=3) == Link(7, None)
    assert asked == [3]


def test_the_same_story_weeks_later_opens_a_new_event() -> None:
    """Events close after a few quiet days; the time decay keeps old events from attracting."""
    a, b = seed_terms(SEEDS["000"]), seed_terms(SEEDS["001"])
    assert feed(EventLinker(), [(*a, DAY), (*b, DAY + 30)]) == [1, 2]
    assert feed(EventLinker(), [(*a, DAY), (*b, DAY + 0.5)]) == [1, 1]


def test_old_news_met_after_new_news_in_one_crawl_still_links() -> None:
    """A crawl meets articles in any order (a feed newest first, then an archive page): events open and
    close on the arrival clock, the time decay compares the articles' own times."""
    linker = EventLinker()
    a, b = seed_terms(SEEDS["000"]), seed_terms(SEEDS["001"])
    events = []
    for article_id, ((title, text), when) in enumerate(
        [(seed_terms(SEEDS["002"]), DAY + 400), (a, DAY), (seed_terms(SEEDS["004"]), DAY + 200), (b, DAY + 0.4)], 1
    ):
        doc = linker.doc(article_terms(title, normalize(text)), when, clock=DAY + 401)
        events.append(linker.add(article_id, doc, linker.link(doc)))
    assert events == [1, 2, 3, 2]


def bulletin(day: int, city: str, degrees: int) -> tuple[str, str, float]:
    title = f"نشرة الطقس ليوم {day} من الشهر"
    text = (
        "توقعت المديرية العامة للأرصاد الجوية أن يكون الطقس غدا حارا نسبيا بمعظم مناطق المملكة مع سماء صافية "
        "ورياح معتدلة بالسواحل وأمواج متوسطة الارتفاع بالبحر "
        f"وستتراوح درجات الحرارة الدنيا ما بين 14 و {degrees} درجة وستسجل أعلى درجة في مدينة {city} "
        "وتدعو المديرية المواطنين إلى توخي الحذر"
    )
    return title, text, DAY + day


def test_a_daily_template_is_not_an_event() -> None:
    """A bulletin repeated day after day shares its template, not an event: after it was seen on
    enough earlier days, its template words no longer count, and each day's bulletin stays apart."""
    cities = ["مراكش", "فاس", "طنجة", "أكادير", "وجدة", "العيون"]
    events = feed(EventLinker(), [bulletin(d, city, 30 + d) for d, city in enumerate(cities)])
    assert len(set(events[3:])) == 3  # from the fourth day on, every bulletin is its own event


def test_same_sequence_same_events_in_a_fresh_linker() -> None:
    articles = [(*seed_terms(case), DAY + i * 0.3) for i, case in enumerate(sorted(SEEDS.values()) * 2)]
    assert feed(EventLinker(), articles) == feed(EventLinker(), articles)


def test_a_packed_vector_taken_in_is_the_vector_weighed() -> None:
    """Another writer of a shared store takes an article in with the vector its decider weighed
    (``event_terms.vector``): the same document, term order included, so the two linkers stay equal."""
    decider, taker = EventLinker(), EventLinker()
    for i, case in enumerate([*SEEDS.values(), *SEEDS.values()], 1):
        terms = article_terms(*(normalize(x) for x in seed_terms(case)))
        when = DAY + i / 10
        weighed = decider.doc(terms, when)
        taken = taker.doc(terms, when, packed=pack_vector(weighed))
        assert list(taken.vector.items()) == list(weighed.vector.items())
        assert taken.seen == weighed.seen and (taken.grams == weighed.grams).all()
        assert (taken.when, taken.clock) == (weighed.when, weighed.clock)
        link = decider.link(weighed)
        assert decider.add(i, weighed, link) == taker.add(i, taken, link)
    assert unpack_vector(pack_vector(weighed), weighed.seen) == weighed.vector
    assert taker.doc(article_terms("", ""), DAY, packed=b"").vector == {}


def test_dates_out_of_the_day_tables_range_do_not_break_linking() -> None:
    """A page dated 1900 or 2150 (a bad date the page gave) is linked like any other."""
    linker = EventLinker()
    for article_id, when in enumerate((day_number("1900-01-01"), day_number("2150-06-01"), -1e6), 1):
        doc = linker.doc(article_terms(*seed_terms(SEEDS["000"])), when, clock=DAY)
        linker.add(article_id, doc, linker.link(doc))


def test_stems_fold_clitics_and_drop_years_and_single_letters() -> None:
    assert stem("والشرطه") == stem("الشرطه") == stem("شرطه")
    assert stem("2024") == "" and stem("و") == ""
    assert stem("interpol") == "interpol" and stem("250") == "250"


def test_event_params_are_plain_data() -> None:
    params = EventParams()
    assert params.as_dict()["threshold"] == params.threshold
