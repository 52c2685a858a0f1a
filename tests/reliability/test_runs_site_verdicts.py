"""The end-of-run warning says why a site yielded nothing: unreachable, or reachable without articles."""

from __future__ import annotations

from crawler.report import crawl_summary, silent_sites


def test_a_site_that_never_answered_is_called_unreachable_with_its_causes() -> None:
    stats = {"akhbar/dead/unreachable/connection": 3, "akhbar/gone/unreachable/dns": 1}
    verdicts = silent_sites(stats, ["dead", "gone"])
    assert set(verdicts) == {"dead", "gone"}
    assert verdicts["dead"].startswith("unreachable") and "connection refused" in verdicts["dead"]
    assert "×3" in verdicts["dead"] and "layout" not in verdicts["dead"]
    assert "DNS" in verdicts["gone"]


def test_a_site_whose_robots_txt_fails_is_unreachable_not_changed() -> None:
    stats = {"akhbar/x/unreachable/robots_5xx": 1, "akhbar/y/unreachable/robots_unreadable": 1}
    verdicts = silent_sites(stats, ["x", "y"])
    assert "robots.txt" in verdicts["x"] and "server error" in verdicts["x"]
    assert "robots.txt" in verdicts["y"] and verdicts["y"].startswith("unreachable")


def test_a_reachable_site_without_articles_may_have_changed_its_layout() -> None:
    stats = {"akhbar/quiet/responses": 12, "akhbar/quiet/unreachable/timeout": 2}
    verdict = silent_sites(stats, ["quiet"])["quiet"]
    assert "12 responses" in verdict and "layout or URLs may have changed" in verdict
    assert "timeout" in verdict or "in time" in verdict  # the failed requests are still mentioned


def test_a_site_whose_articles_were_all_known_gets_no_warning() -> None:
    assert silent_sites({"akhbar/old/article_urls": 5, "akhbar/old/responses": 2}, ["old"]) == {}


def test_a_site_with_no_response_and_no_failure_says_nothing_was_fetched() -> None:
    assert "no response" in silent_sites({}, ["idle"])["idle"]


def test_the_summary_prints_one_warning_per_site_with_its_reason() -> None:
    summary = {
        "pages": 0,
        "sites_without_articles": ["dead", "quiet"],
        "site_verdicts": {"dead": "unreachable (connection refused or lost ×1)", "quiet": "reachable: no article"},
    }
    lines = [line for line in crawl_summary(summary).splitlines() if "warning" in line]
    assert lines == [
        "  warning: dead yielded no article: unreachable (connection refused or lost ×1)",
        "  warning: quiet yielded no article: reachable: no article",
    ]
