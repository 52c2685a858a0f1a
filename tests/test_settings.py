"""The crawl's Scrapy settings: nothing opens a control port on the machine running the crawl."""

from __future__ import annotations

from pathlib import Path

from crawler.crawl import CrawlOptions, crawl_settings


def test_a_crawl_opens_no_control_port() -> None:
    settings = crawl_settings(CrawlOptions(Path("seeds"), Path("var")))
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False  # Scrapy >= 2.19 enables it by default
