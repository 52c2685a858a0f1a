"""``akhbar crawl``: one run of the ``news`` spider over the enabled sites, safe under cron."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.runtime import DataDirLock
from crawler.seeds import SeedError, load_seeds, select_sites

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    """What one crawl is asked to do (the ``akhbar crawl`` arguments)."""

    seeds_dir: Path
    data_dir: Path
    db_url: str | None = None
    sites: list[str] | None = None
    recrawl: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)  # any Scrapy or AKHBAR_* setting


def crawl_settings(opts: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("AKHBAR_SEEDS_DIR", str(opts.seeds_dir), priority="cmdline")
    settings.set("AKHBAR_DATA_DIR", str(opts.data_dir), priority="cmdline")
    settings.set("AKHBAR_DB_URL", opts.db_url, priority="cmdline")
    settings.set("AKHBAR_SITES", opts.sites or [], priority="cmdline")
    settings.set("AKHBAR_RECRAWL", opts.recrawl, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    for key, value in opts.overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def check_seeds(seeds_dir: Path, names: list[str] | None) -> list[str]:
    """Validate seeds before crawling: the selected site names, or SeedError if none is usable.
    (Broken files among valid ones are warned about by the spider, which loads the seeds for the run.)"""
    sites, errors = load_seeds(seeds_dir)
    selected = select_sites(sites, names)
    if not selected:
        reason = f"{len(errors)} invalid file(s), first: {errors[0]}" if errors else "no enabled site"
        raise SeedError(f"{seeds_dir}: no valid site to crawl ({reason})")
    return [s.name for s in selected]


def _quiet(level: str) -> None:
    """Scrapy's logging setup opens its loggers wide: filter at our handlers and loggers."""
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    for name in ("scrapy", "twisted", "py.warnings"):
        logging.getLogger(name).setLevel(level)


def crawl(opts: CrawlOptions) -> dict[str, object]:
    """Run one crawl to completion and return its summary. Raises LockedError if a run is going."""
    check_seeds(opts.seeds_dir, opts.sites)
    with DataDirLock(opts.data_dir):
        pass  # fail fast with a clear message; the pipeline takes the lock for the run itself
    settings = crawl_settings(opts)
    from crawler.spiders.news import NewsSpider

    _quiet(settings.get("LOG_LEVEL"))
    process = CrawlerProcess(settings)
    _quiet(settings.get("LOG_LEVEL"))
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler)
    _quiet(settings.get("LOG_LEVEL"))
    process.start()
    session = getattr(crawler, "akhbar_session", None)
    summary: dict[str, object] = dict(session.summary) if session is not None else {}
    if crawler.stats is not None:
        summary["finish_reason"] = crawler.stats.get_value("finish_reason")
    return summary
