"""The day table: distinct earlier days per hashed 3-gram, in a lookback window."""

from __future__ import annotations

from crawler.processing.daytable import DayTable, gram_hashes


def test_day_table_counts_distinct_earlier_days_in_the_lookback() -> None:
    table = DayTable(bits=10)
    grams = gram_hashes(("a", "b", "c", "d"))
    for day in (1, 1, 2, 5):
        table.see(grams, day)
    assert table.days_seen(grams, 6, 10).tolist() == [3, 3]
    assert table.days_seen(grams, 6, 3).tolist() == [1, 1]  # only day 5 is within [4, 6)
    assert table.days_seen(grams, 5, 10).tolist() == [2, 2]  # today does not count
