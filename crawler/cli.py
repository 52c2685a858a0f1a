"""The ``akhbar`` command: thin wrappers over plain functions.

Invariant: whatever happens, the user gets at most one ``akhbar: error: <culprit>: <problem>``
line on stderr, never a traceback, and an exit status from :mod:`crawler.runs`: 0 done, 1 a
failed run (what was stored is kept), 2 bad input (nothing written), 128 + N after signal N.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crawler import __version__
from crawler.config import (
    MAX_WORKERS,
    PAGE_BUDGET_SECONDS,
    UsageError,
    default_data_dir,
    default_db_url,
    default_frontier,
    default_seeds_dir,
    default_workers,
    env_bool,
    env_list,
    env_log_level,
    env_number,
    worker_bound,
)
from crawler.query import (
    SQL_TIMEOUT_SECONDS,
    STATS_QUERIES,
    QueryError,
    QueryTimeout,
    events_query,
    format_json,
    format_table,
    run_query,
    write_rows,
)
from crawler.report import crawl_summary, crawl_verdict, reprocess_summary
from crawler.runs import ExitStatus, FinishReason, Interrupted, exit_status
from crawler.search import search
from storage.faults import StoreError, WriteError
from storage.locks import LockedError

if TYPE_CHECKING:
    from crawler.seeds import Site

# The heavy parts (extraction, the dedup index, Scrapy, the archive) are imported by the commands
# that use them, so `akhbar sql`, `stats`, `seeds` and `--help` start in a fraction of a second.

log = logging.getLogger("akhbar")

EPILOG_REPROCESS = """examples:
  akhbar reprocess                                 # the data dir's own archive, again
  akhbar reprocess pages.warc.gz                   # a WARC from wget, Common Crawl, browsertrix...
  akhbar reprocess --data-dir /srv/akhbar saved/   # a directory of .html/.htm/.warc(.gz) files
  akhbar reprocess --into rebuilt.db               # a fresh store from the archive (new parameters)
  akhbar reprocess --db postgresql://u@h/akhbar x.warc
  akhbar reprocess --workers 1 pages.warc.gz      # one process (same store, slower)
  akhbar reprocess --shards 8 --work-dir /big/work --into rebuilt.db crawls/   # analysis in 8 shards first
"""
EPILOG_SQL = """examples:
  akhbar sql "SELECT site, COUNT(*) FROM articles GROUP BY site"
  akhbar sql --timeout 600 "SELECT site, COUNT(*) FROM fetches GROUP BY site"
  akhbar sql --json "SELECT * FROM article_clusters WHERE size > 1"
  akhbar sql --csv "SELECT id, url, title FROM articles" > articles.csv
  akhbar sql "SELECT a.title FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
              WHERE articles_fts MATCH 'الإنتربول'"
"""
EPILOG_CRAWL = """examples:
  akhbar crawl                                   # every enabled site in ./seeds
  akhbar crawl --site hespress --site goud        # some sites only
  akhbar crawl --seeds /etc/akhbar/seeds --data-dir /srv/akhbar
  akhbar crawl --recrawl                          # fetch known articles again
  akhbar -q crawl --max-seconds 600               # warnings and errors only, at most 10 minutes
  akhbar crawl --frontier redis://queue.lan:6379/0 # one of N workers sharing a frontier (README)

cron (every 30 minutes; a run still going makes the next one exit 0 at once):
  */30 * * * * cd /srv/akhbar && akhbar crawl --data-dir /srv/akhbar/var >> crawl.log 2>&1
"""
EPILOG_SEEDS = """examples:
  akhbar seeds                 # list the sites in ./seeds
  akhbar seeds --check         # validate; exit 2 with file: key: problem on the first error
  akhbar seeds --seeds my-seeds --check
  akhbar seeds --json          # the sites as a JSON array of objects
  akhbar seeds --path          # the seeds directory in use (./seeds, else the bundled seeds)
"""
EPILOG_DEMO = """examples:
  akhbar demo                          # serve the bundled demo sites on 127.0.0.1 and crawl them into ./var
  akhbar demo --data-dir /tmp/demo
"""
EPILOG_EVENTS = """examples:
  akhbar events                          # the latest events and who covered them, first site first
  akhbar events --min-sites 2            # only events reported by at least two sites
  akhbar events --since 2024-11-01 --site hespress --json
"""
EPILOG_SEARCH = """examples:
  akhbar search "المغرب"                  # also finds بالمغرب, والمغرب, للمغرب (not المغربية)
  akhbar search "مراكش الأمن" --site hespress --since 2024-11-01
  akhbar search "مغرب*" --json           # a prefix: المغربية, المغربي too
"""
# -- akhbar browse, akhbar report (issue 16, items 1 and 2) ----------------------------------------------
EPILOG_BROWSE = """examples:
  akhbar browse                          # datasette on http://127.0.0.1:8001/, read-only (pip install 'akhbar[browse]')
  akhbar browse --port 8080 --data-dir /srv/akhbar/var
"""
EPILOG_REPORT = """examples:
  akhbar report                          # DATA_DIR/report/index.html: open it in a browser, no server needed
  akhbar report --since 2024-11-01 --out /tmp/news-report
"""
EPILOG_STATS = """examples:
  akhbar stats
  akhbar stats --data-dir /srv/akhbar
  akhbar stats --json | python -m json.tool
"""


def _add_verbosity(p: argparse.ArgumentParser, default: object) -> None:
    """``-q``/``-v``, before the command (``akhbar -q crawl``) or after it (``akhbar crawl -v``)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
        help="warnings and errors only (no progress line, no summary)",
    )  # fmt: skip
    group.add_argument(
        "-v", "--verbose", dest="verbosity", action="count", default=default,
        help="debug logging (in a crawl, Scrapy's too)",
    )  # fmt: skip


def _add_store(p: argparse.ArgumentParser) -> None:
    """The options of every command that reads or writes the store."""
    _add_verbosity(p, argparse.SUPPRESS)
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the store and archive live (default: $AKHBAR_DATA_DIR or ./var)",
    )
    p.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="SQLAlchemy URL of the store (default: $AKHBAR_DB_URL, else DATA_DIR/akhbar.db)",
    )


def _add_page_budget(p: argparse.ArgumentParser) -> None:
    """Only the commands that extract pages (``reprocess``, ``crawl``)."""
    p.add_argument(
        "--page-budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help=f"extraction time allowed per page, after which it is recorded as 'timeout' "
        f"(default: $AKHBAR_PAGE_BUDGET, else {PAGE_BUDGET_SECONDS:g}; 0: no limit)",
    )


PAGE_BUDGET_MAX = 3600.0  # an hour per page: more is a mistake
MAX_SECONDS_MAX = 7 * 24 * 3600.0  # a week-long crawl run is a mistake too (cron starts the next one)
SQL_TIMEOUT_MAX = 24 * 3600.0


def _seconds(option: str, value: float, most: float) -> float:
    """A duration option: finite, 0 (no limit) to ``most`` seconds; refuses nan, inf and negatives."""
    if not (math.isfinite(value) and 0 <= value <= most):
        raise UsageError(f"{option} {value:g}: must be 0 (no limit) to {most:g} seconds")
    return float(value)


def _seeds_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--seeds",
        type=Path,
        default=None,
        metavar="DIR",
        help="directory of site definitions (default: $AKHBAR_SEEDS_DIR, else ./seeds if it exists, "
        "else the bundled seeds; `akhbar seeds --path` prints it)",
    )


def _page_budget(args: argparse.Namespace) -> float:
    if args.page_budget is None:
        return env_number("AKHBAR_PAGE_BUDGET", PAGE_BUDGET_SECONDS, 0, PAGE_BUDGET_MAX)
    return _seconds("--page-budget", args.page_budget, PAGE_BUDGET_MAX)


def _workers(value: int, *, zero: bool) -> int:
    """``--workers``: at least 1 (0 too where it means one per core), capped at :func:`worker_bound`
    with a note: a thousand processes would only thrash the machine."""
    if value < 0 or (value == 0 and not zero):
        raise UsageError(f"--workers {value}: must be {'0 (one per core) or more' if zero else 'at least 1'}")
    bound = worker_bound()
    if value > bound:
        print(
            f"akhbar: note: --workers {value}: capped at {bound} (4 per core, at most {MAX_WORKERS})", file=sys.stderr
        )
        return bound
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="akhbar",
        description="akhbar: crawl news sites into a clean, de-duplicated SQLite archive.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run `akhbar COMMAND --help` for examples.",
    )
    parser.add_argument("--version", action="version", version=f"akhbar {__version__}")
    _add_verbosity(parser, 0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "reprocess",
        help="run saved HTML (WARC or .html files) through extraction and dedup",
        description="Re-process saved HTML offline with the same code path as a live crawl. "
        "Idempotent: pages already stored are skipped.",
        epilog=EPILOG_REPROCESS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    _add_page_budget(p)
    p.add_argument("--into", metavar="PATH", help="build a fresh store at PATH (a new file or URL) instead")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes extracting pages in parallel (default: $AKHBAR_WORKERS, else the number of cores); "
        "the store is the same for any N",
    )
    # sharded re-process (crawler/shards): phase 1 on datatrove, phase 2 the ordered settle; the same store
    p.add_argument(
        "--shards",
        type=int,
        default=None,
        metavar="N",
        help="analyse the input files in N shards on datatrove first (--workers at a time), then settle "
        "the pages in input order: the same store (needs pip install 'akhbar[scale]')",
    )
    p.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --shards: where the shards' analyses go, kept and reused by a re-run (default: a temporary "
        "directory, removed at the end)",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help=".warc, .warc.gz, .html, .htm files or directories")
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser(
        "crawl",
        help="crawl the sites in seeds/ into the store (safe under cron)",
        description="Crawl every enabled site (feeds and sitemaps first, then bounded link following), "
        "archive every response, extract, de-duplicate and store. A run started while another is going "
        "exits 0 at once.",
        epilog=EPILOG_CRAWL,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    _add_page_budget(p)
    _seeds_option(p)
    p.add_argument(
        "--site", action="append", dest="sites", metavar="NAME",
        help="crawl only this site (repeatable; default: $AKHBAR_SITES, comma-separated, else every enabled site)",
    )  # fmt: skip
    p.add_argument(
        "--recrawl", action="store_true", default=None,
        help="fetch articles already in the store again (default: $AKHBAR_RECRAWL)",
    )  # fmt: skip
    p.add_argument(
        "--max-seconds", type=float, default=0, metavar="S", help="stop the crawl after this long (0: no limit)"
    )
    p.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="extraction processes (default: $AKHBAR_WORKERS, else 0: one per core)",
    )  # fmt: skip
    p.add_argument(
        "--frontier",
        metavar="URL",
        default=None,
        help="share the request queue and seen URLs with other crawl processes: redis://HOST:PORT/DB "
        "(default: $AKHBAR_FRONTIER; needs pip install 'akhbar[redis]')",
    )
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser(
        "seeds",
        help="list and validate the site definitions",
        description="List the sites defined in a seeds directory; --check validates every file.",
        epilog=EPILOG_SEEDS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_verbosity(p, argparse.SUPPRESS)
    _seeds_option(p)
    p.add_argument("--check", action="store_true", help="validate; exit 2 on the first problem")
    p.add_argument("--json", action="store_true", help="print the sites as a JSON array of objects")
    p.add_argument("--path", action="store_true", help="print the seeds directory in use and exit")
    p.set_defaults(func=cmd_seeds)

    p = sub.add_parser(
        "demo",
        help="crawl the bundled demo news sites (served on 127.0.0.1) into the store",
        description="Serve three small bundled Arabic news sites on 127.0.0.1, crawl them for real into "
        "DATA_DIR, print the summary and queries to try. No internet needed.",
        epilog=EPILOG_DEMO,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "sql",
        help="run a read-only SQL query on the store",
        description="Run one read-only SQL statement and print the rows. Writes are refused.",
        epilog=EPILOG_SQL,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print rows as a JSON array of objects")
    fmt.add_argument("--csv", action="store_true", help="print rows as CSV with a header line")
    p.add_argument(
        "--timeout",
        type=float,
        default=SQL_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"stop a query running longer than this (default {SQL_TIMEOUT_SECONDS:g}; 0: no limit)",
    )
    p.add_argument("query", metavar="SQL", help='the statement, e.g. "SELECT * FROM articles LIMIT 5"')
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser(
        "events",
        help="events and the sites that covered them, who first",
        description="List events (articles reporting one happening, in their own words or as copies), newest "
        "first: their sites, how many reported it independently, and who published first.",
        epilog=EPILOG_EVENTS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.add_argument("--since", metavar="DATE", help="events first published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--site", metavar="NAME", help="events that NAME covered")
    p.add_argument("--min-sites", type=int, default=1, metavar="N", help="events covered by at least N sites")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N events (default 50; 0: all)")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser(
        "search",
        help="Arabic full-text search over the stored articles",
        description="Find articles containing every word of QUERY, in any of its written forms with the "
        "conjunction, preposition and article glued on (و ف ب ك ل ال: المغرب finds بالمغرب, والمغرب, للمغرب), "
        "letters normalised (أ/ا, ة/ه, ى/ي, no diacritics); a word ending in * matches as a prefix. Best first, "
        "with a snippet around the first match. The same on SQLite and PostgreSQL.",
        epilog=EPILOG_SEARCH,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.add_argument("--site", metavar="NAME", help="articles of site NAME only")
    p.add_argument("--since", metavar="DATE", help="articles published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N articles (default 20; 0: all)")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.add_argument("query", metavar="QUERY", help='the words to find, e.g. "المغرب"')
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "stats",
        help="articles per site and duplicate kind, rejections, last runs",
        description="Summarise the store.",
        epilog=EPILOG_STATS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.add_argument("--json", action="store_true", help="print one JSON object: each section's rows as an array")
    p.set_defaults(func=cmd_stats)
    _add_browse_and_report(sub)
    return parser


# -- akhbar browse, akhbar report (issue 16, items 1 and 2) ----------------------------------------------
def _add_browse_and_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from crawler.browse import DEFAULT_PORT

    p = sub.add_parser(
        "browse",
        help="explore the store in a web browser (datasette, read-only, on 127.0.0.1)",
        description="Serve the SQLite store with datasette on 127.0.0.1, read-only, with descriptions of every "
        "table and column, facets, full-text search and canned queries. Needs pip install 'akhbar[browse]'.",
        epilog=EPILOG_BROWSE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"port on 127.0.0.1 (default {DEFAULT_PORT})"
    )
    p.set_defaults(func=cmd_browse)

    p = sub.add_parser(
        "report",
        help="write a static HTML report of copied stories and events (works offline)",
        description="Write a static HTML site (DIR/index.html): the stories copied across sites and the events "
        "covered by several, each copy compared sentence by sentence with its original, and a page per site. "
        "No server, no network: open index.html from disk.",
        epilog=EPILOG_REPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_store(p)
    p.add_argument("--since", metavar="DATE", help="stories first published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--out", type=Path, metavar="DIR", help="where to write the site (default: DATA_DIR/report)")
    p.set_defaults(func=cmd_report)


def cmd_browse(args: argparse.Namespace) -> int:
    from crawler.browse import browse

    return browse(_db(args), args.port)


def cmd_report(args: argparse.Namespace) -> int:
    from crawler.report_site import write_report

    out = args.out if args.out is not None else _data_dir(args) / "report"
    summary = write_report(_db(args), out, since=args.since)
    if not _quiet(args):
        print(summary)
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    return args.data_dir if args.data_dir is not None else default_data_dir()


def _db(args: argparse.Namespace) -> str:
    return args.db or default_db_url(_data_dir(args))


def _quiet(args: argparse.Namespace) -> bool:
    return bool(args.verbosity < 0)


def _verbose(args: argparse.Namespace) -> bool:
    return bool(args.verbosity > 0)


def cmd_reprocess(args: argparse.Namespace) -> int:
    progress = sys.stderr.isatty() and not args.no_progress and not _quiet(args)
    workers = (
        _workers(args.workers, zero=False) if args.workers is not None else default_workers() or os.cpu_count() or 1
    )
    page_budget = _page_budget(args)
    from crawler.reprocess import reprocess

    stats = reprocess(
        _data_dir(args),
        args.inputs,
        db_url=args.db,
        into=args.into,
        progress=progress,
        workers=workers,
        page_budget=page_budget,
        shards=args.shards,
        work_dir=args.work_dir,
    )
    if not _quiet(args):
        print(reprocess_summary(stats.as_dict()))
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    import crawler.settings
    from crawler.crawl import CrawlOptions, crawl

    importlib.reload(crawler.settings)  # reads every AKHBAR_* variable now: one written wrong is refused here

    overrides: dict[str, object] = {"LOG_LEVEL": _crawl_log_level(args)}
    max_seconds = _seconds("--max-seconds", args.max_seconds, MAX_SECONDS_MAX)
    if max_seconds:
        overrides["CLOSESPIDER_TIMEOUT"] = max_seconds
    if args.workers is not None:
        overrides["AKHBAR_WORKERS"] = _workers(args.workers, zero=True)
    overrides["AKHBAR_PAGE_BUDGET"] = _page_budget(args)
    if not _quiet(args):
        overrides["AKHBAR_PROGRESS"] = "line" if sys.stderr.isatty() else "minutely"
    seeds = args.seeds if args.seeds is not None else default_seeds_dir()
    sites = args.sites or env_list("AKHBAR_SITES") or None
    recrawl = args.recrawl if args.recrawl is not None else env_bool("AKHBAR_RECRAWL", False)
    frontier = args.frontier or default_frontier()
    summary = crawl(CrawlOptions(seeds, _data_dir(args), args.db, sites, recrawl, overrides, frontier=frontier))
    if not _quiet(args):
        print(crawl_summary(summary))
    line, status = crawl_verdict(summary)
    if line:
        print(line, file=sys.stderr)
    return status


def _crawl_log_level(args: argparse.Namespace) -> str:
    """Scrapy's and akhbar's log level in a crawl: -v debug, -q warnings, else $AKHBAR_LOG_LEVEL or warnings."""
    if _verbose(args):
        return "DEBUG"
    return "WARNING" if _quiet(args) else env_log_level("AKHBAR_LOG_LEVEL", "WARNING")


def _by(signum: int | None) -> str:
    return f" ({signal.Signals(signum).name})" if signum else ""


def cmd_seeds(args: argparse.Namespace) -> int:
    from crawler.seeds import SeedError, load_seeds

    seeds = args.seeds if args.seeds is not None else default_seeds_dir()
    if args.path:
        if not seeds.is_dir():
            raise SeedError(f"{seeds}: no such seeds directory")
        print(seeds.resolve())
        return 0
    sites, errors = load_seeds(seeds)
    if args.check and errors:
        raise errors[0]
    if args.json:
        print(json.dumps([_site_json(site) for site in sites], ensure_ascii=False, indent=2))
    for site in sites if not args.json else ():
        state = "enabled " if site.enabled else "disabled"
        print(
            f"{site.name:14s} {state} feeds {len(site.feeds)}, sitemaps {len(site.sitemaps)}, "
            f"start urls {len(site.start_urls)}, domains {', '.join(site.allowed_domains)}"
        )
    for err in errors:
        print(f"invalid: {err}", file=sys.stderr)
    if args.check and not args.json:
        print(f"{len(sites)} site(s) valid in {seeds}")
    return 0


def _site_json(site: Site) -> dict[str, object]:
    return {
        "name": site.name,
        "enabled": site.enabled,
        "feeds": list(site.feeds),
        "sitemaps": list(site.sitemaps),
        "start_urls": list(site.start_urls),
        "allowed_domains": list(site.allowed_domains),
        "max_depth": site.max_depth,
        "max_pages_per_run": site.max_pages_per_run,
        "download_delay": site.download_delay,
        "file": str(site.path),
    }


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.demo.run import run_demo

    return run_demo(_data_dir(args), db_url=args.db, verbose=_verbose(args))


def cmd_sql(args: argparse.Namespace) -> int:
    timeout = _seconds("--timeout", args.timeout, SQL_TIMEOUT_MAX)
    fmt = "json" if args.json else "csv" if args.csv else "table"
    write_rows(_db(args), args.query, sys.stdout, fmt, timeout=timeout)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    sql, params = events_query(args.since, args.site, args.min_sites, args.limit)
    columns, rows = run_query(_db(args), sql, params)
    print(format_json(columns, rows) if args.json else format_table(columns, rows))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hits = search(_db(args), args.query, site=args.site, since=args.since, limit=args.limit)
    if args.json:
        print(json.dumps([hit.as_dict() for hit in hits], ensure_ascii=False, indent=1))
        return 0
    columns = ["id", "published_at", "site", "title", "snippet"]
    print(format_table(columns, [(h.id, h.published_at, h.site, h.title, h.snippet) for h in hits]))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    db = _db(args)
    if args.json:  # one object: {"articles_per_site": [{...}, ...], ...}
        sections = {}
        for title, sql in STATS_QUERIES:
            columns, rows = run_query(db, sql)
            sections[title.lower().replace(" ", "_")] = [dict(zip(columns, row, strict=True)) for row in rows]
        print(json.dumps(sections, ensure_ascii=False, indent=2))
        return 0
    for title, sql in STATS_QUERIES:
        columns, rows = run_query(db, sql)
        print(f"== {title}")
        print(format_table(columns, rows))
        print()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        logging.basicConfig(level=_log_level(args), format="%(levelname)s %(name)s: %(message)s")
        status = func(args)
        sys.stdout.flush()  # here, not at exit: a reader gone (`| head -1`) is then caught below
        return status
    except LockedError as exc:
        if args.command == "crawl":
            print(f"akhbar: another crawl is running (pid {exc}); nothing to do", file=sys.stderr)
            return ExitStatus.OK
        print(f"akhbar: error: another akhbar run holds the store (pid {exc}); try again later", file=sys.stderr)
        return ExitStatus.BAD_INPUT
    except QueryTimeout as exc:
        print(f"akhbar: error: {exc}", file=sys.stderr)
        return ExitStatus.FAILED
    except (UsageError, StoreError, QueryError) as exc:
        print(f"akhbar: error: {exc}", file=sys.stderr)
        return ExitStatus.BAD_INPUT
    except WriteError as exc:
        print(f"akhbar: error: {exc}", file=sys.stderr)
        return ExitStatus.FAILED
    except (KeyboardInterrupt, Interrupted) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        print(f"akhbar: interrupted{_by(signum)}; what was stored is kept", file=sys.stderr)
        return exit_status(FinishReason.INTERRUPTED, signum)
    except BrokenPipeError:
        _drop_stdout()  # the reader went away (`| head`): stop quietly, like any Unix tool
        return ExitStatus.SIGPIPE
    except Exception as exc:  # a bug: still one line, no traceback (-v logs it)
        if _bad_input(exc):  # errors of the modules the command loaded (seeds, archive inputs)
            print(f"akhbar: error: {exc}", file=sys.stderr)
            return ExitStatus.BAD_INPUT
        log.info("details", exc_info=True)
        what = (str(exc).strip().splitlines() or [""])[0]
        print(f"akhbar: error: {args.command}: internal error: {type(exc).__name__}: {what}", file=sys.stderr)
        return ExitStatus.FAILED


def _log_level(args: argparse.Namespace) -> int:
    """-v: debug; -q: warnings and errors; else $AKHBAR_LOG_LEVEL, or warnings."""
    if _verbose(args):
        return logging.DEBUG
    if _quiet(args):
        return logging.WARNING
    return int(getattr(logging, env_log_level("AKHBAR_LOG_LEVEL", "WARNING")))


_BAD_INPUT_ERRORS = (("crawler.seeds", "SeedError"), ("storage.archive", "InputError"))


def _bad_input(exc: BaseException) -> bool:
    """Whether ``exc`` is a bad-input error of a module the command loaded (none raises one
    without being loaded: looked up, not imported, so light commands stay light)."""
    for module, name in _BAD_INPUT_ERRORS:
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and isinstance(exc, cls):
            return True
    return False


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
