"""Politeness as the seeds ask: each site's download_delay is its floor, feeds re-read when unread."""

from __future__ import annotations

import itertools
import statistics
from pathlib import Path

from tests.reliability.conftest import article_html, crawl_ok, q, run_akhbar, site_seed, story
from tests.reliability.hostile import HostileSite


def test_a_seed_delay_below_one_second_is_honoured_with_autothrottle_on(tmp_path: Path, site: HostileSite) -> None:
    n = 10
    site.route("/", "".join(f'<a href="/news/{i}.html">{i}</a>' for i in range(n)))
    for i in range(n):
        site.route(f"/news/{i}.html", f"<html><body><p>{i}</p></body></html>")
    seeds = site_seed(tmp_path / "seeds", site, [r"/news/\d+\.html$"], name="quick", download_delay=0.2)
    result = run_akhbar(
        "crawl", "--seeds", str(seeds), "--data-dir", str(tmp_path / "data"), "--max-seconds", "60",
        env={"AKHBAR_AUTOTHROTTLE": "1", "AKHBAR_CONCURRENCY_PER_SITE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    article_hits = [t for h, t in zip(site.hits, site.stamps, strict=True) if h.startswith("/news/")]
    gaps = [b - a for a, b in itertools.pairwise(article_hits)]
    assert len(gaps) == n - 1
    # AutoThrottle's global floor (1 s) no longer applies: the site's own 0.2 s does (never below it)
    assert statistics.median(gaps) < 0.8, gaps
    assert min(gaps) >= 0.2 * 0.5, gaps  # Scrapy randomises delays between 0.5x and 1.5x


def test_a_feed_that_could_not_be_read_keeps_no_validators(tmp_path: Path, site: HostileSite) -> None:
    site.route("/feed.xml", "<html><body>maintenance</body></html>", headers={"ETag": '"v1"'})
    site.route("/", '<a href="/news/1.html">1</a>')
    site.route("/news/1.html", article_html("خبر", story(1)))
    seeds = site_seed(tmp_path / "seeds", site, [r"/news/\d+\.html$"], feeds=[site.base + "/feed.xml"])
    db = crawl_ok(seeds, tmp_path / "data")
    assert site.asked("/feed.xml")
    assert q(db, "SELECT COUNT(*) FROM http_validators") == [(0,)]
