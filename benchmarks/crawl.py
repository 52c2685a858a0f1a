"""Benchmark: crawling a local news site on 127.0.0.1 (politeness delays off).

Contenders, each a real Scrapy crawl in its own process, over the same article pages listed
in a sitemap, twice: N light pages (golden-page layouts with SaudiNewsNet bodies), then the
AEB pages (up to N real pages of many sites, heavier; from ../shared at run time):

- ``fetch``: Scrapy alone, a spider that downloads and drops the pages (the baseline);
- ``fetch+extract``: the same spider calling bare trafilatura on each page in a pipeline;
- ``akhbar w1`` / ``akhbar w2``: ``akhbar crawl`` with 1 and 2 extraction processes
  (archive, extract, dedup, store).

Reported: pages/s (min/median over repeats), akhbar w1 against fetch+extract (the cost
of akhbar's pipeline beyond extraction; target ≤ 15%), and w2 against w1 (target ≥ 1.6x).
Both on each crawl's own clock ("in-crawl": akhbar's ``crawl_runs`` seconds, Scrapy's
``elapsed_time_seconds``), which leaves out process start-up, and on wall time.

    python -m benchmarks.crawl [--pages 300] [--repeats 2] [--site golden|aeb|both]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.golden import load_cases
from benchmarks.harness import Timing, machine
from benchmarks.scoring import SHARED
from crawler.demo.server import SiteServer

_CANONICAL = re.compile(r"""rel=["']?canonical["']?""", re.I)

SPIDER = """
import sys, scrapy, trafilatura
from scrapy.crawler import CrawlerProcess
mode, base = sys.argv[1], sys.argv[2]
class Extract:
    def process_item(self, item):
        trafilatura.bare_extraction(item["body"], url=item["url"], with_metadata=True,
                                    include_comments=False, deduplicate=False)
        return item
class Fetch(scrapy.spiders.SitemapSpider):
    name = "fetch"
    sitemap_urls = [base + "/sitemap.xml"]
    def parse(self, response):
        yield {"url": response.url, "body": response.body}
settings = {"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16, "TELNETCONSOLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY": 0,
            "ITEM_PIPELINES": {"__main__.Extract": 1} if mode == "extract" else {}}
p = CrawlerProcess(settings); crawler = p.create_crawler(Fetch); p.crawl(crawler); p.start()
print(crawler.stats.get_value("elapsed_time_seconds"))  # the crawl's own clock, start-up excluded
"""


def corpus_texts(limit: int) -> list[list[str]]:
    """Paragraph lists of real articles from ../shared (read at run time, never copied), if present."""
    try:
        from benchmarks.dedup_pairs_sample import iter_records
    except ImportError:
        return []
    corpus = SHARED / "corpora" / "saudinewsnet"
    if not corpus.exists():
        return []
    out = []
    for rec in iter_records(corpus):
        paras = [p.strip() for p in (rec.get("content") or "").split("\n") if len(p.strip()) > 40]
        if len(paras) >= 3:
            out.append(paras)
        if len(out) >= limit:
            break
    return out


def write_site_files(root: Path, pages: int) -> None:
    """The sitemap listing ``a/0.html`` .. ``a/{pages - 1}.html``, robots.txt and a home page."""
    urls = "".join(f"<url><loc>{{{{BASE}}}}/a/{i}.html</loc></url>" for i in range(pages))
    (root / "sitemap.xml").write_text(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "index.html").write_text("<html><body>bench</body></html>")


def build_site(root: Path, pages: int) -> None:
    """N article pages in the golden layouts; bodies swapped for real articles when ../shared is there."""
    cases = load_cases()
    texts = corpus_texts(pages)
    (root / "a").mkdir(parents=True)
    for i in range(pages):
        case = cases[i % len(cases)]
        html = case.page.body.decode(str(case.expected.get("charset", "utf-8")), errors="replace")
        html = html.replace(str(case.expected["url"]), f"{{{{BASE}}}}/a/{i}.html")
        gold = [p for p in str(case.expected["text"]).split("\n") if p.strip()]
        if texts:
            new = texts[i % len(texts)]
            for j, para in enumerate(gold):
                html = html.replace(para, new[j % len(new)] if j < len(new) else "", 1)
        else:
            html = html.replace("</p>", f" (رقم {i})</p>", 1)  # every page a distinct text
        (root / "a" / f"{i}.html").write_text(html, encoding="utf-8")
    write_site_files(root, pages)


def build_aeb_site(root: Path, pages: int) -> int:
    """The AEB pages (real, heavier pages from many sites; read from ../shared at run time) as one site.
    Their canonical and og:url links are neutralised, so every page stays an article of this site."""
    from benchmarks.scoring import AEB_DIR, aeb_pages

    if not AEB_DIR.exists():
        return 0
    (root / "a").mkdir(parents=True)
    chosen = list(aeb_pages())[:pages]
    for i, page in enumerate(chosen):
        html = page.html.decode("utf-8", errors="replace")
        html = _CANONICAL.sub('rel="x-canonical"', html).replace('property="og:url"', 'property="x-og-url"')
        (root / "a" / f"{i}.html").write_text(html, encoding="utf-8")
    write_site_files(root, len(chosen))
    return len(chosen)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall time of a command, and its last line of output."""
    start = time.perf_counter()
    done = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    return time.perf_counter() - start, lines[-1] if lines else ""


def measure(root: Path, pages: int, repeats: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """All four contenders over the site in ``root / "site"``, alternated ``repeats`` times."""
    # politeness off and the same concurrency as the fetch spider: the benchmark measures throughput
    env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0", "AKHBAR_CONCURRENCY_PER_SITE": "16"}
    times: dict[str, list[float]] = {k: [] for k in ("fetch", "fetch+extract", "akhbar w1", "akhbar w2")}
    in_run: dict[str, list[float]] = {k: [] for k in ("fetch+extract", "akhbar w1", "akhbar w2")}  # no start-up
    with SiteServer(root / "site") as server:
        seeds = root / "seeds"
        seeds.mkdir()
        host = server.base.split("://")[1]
        (seeds / "bench.toml").write_text(
            f'name = "bench"\nsitemaps = ["{server.base}/sitemap.xml"]\nallowed_domains = ["{host}"]\n'
            f"article_url_patterns = ['/a/\\d+\\.html$']\ndownload_delay = 0\nmax_pages_per_run = 100000\n"
            "follow_links = false\n"
        )
        for r in range(repeats):
            times["fetch"].append(run([sys.executable, str(root / "spider.py"), "fetch", server.base], env)[0])
            wall, elapsed = run([sys.executable, str(root / "spider.py"), "extract", server.base], env)
            times["fetch+extract"].append(wall)
            in_run["fetch+extract"].append(float(elapsed))
            for w in (1, 2):
                data = root / f"data-{r}-{w}"
                cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir", str(data)]
                times[f"akhbar w{w}"].append(run([*cmd, "--workers", str(w)], env)[0])
                summary = subprocess.run(
                    [sys.executable, "-m", "crawler.cli", "sql", "--data-dir", str(data), "--json",
                     "SELECT (SELECT COUNT(*) FROM fetches WHERE url LIKE '%/a/%') AS n, stats FROM crawl_runs"],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                row = json.loads(summary.stdout)[0]
                in_run[f"akhbar w{w}"].append(float(json.loads(row["stats"])["seconds"]))
                assert row["n"] == pages, f"akhbar w{w} fetched {row['n']} of {pages} pages"
    return times, in_run


def report(title: str, pages: int, times: dict[str, list[float]], in_run: dict[str, list[float]]) -> None:
    timing = {k: Timing(v) for k, v in times.items()}
    print(f"{title}: {pages} pages served on 127.0.0.1 (process start-up included)")
    for name, t in timing.items():
        print(f"  {name:14s} min {t.min:6.2f} s  median {t.median:6.2f} s  ({pages / t.median:6.1f} pages/s)")
    for name, secs in in_run.items():
        t = Timing(secs)
        print(f"  {name:14s} in-crawl (start-up excluded) median {t.median:6.2f} s ({pages / t.median:6.1f} pages/s)")
    w1, w2 = Timing(in_run["akhbar w1"]).median, Timing(in_run["akhbar w2"]).median
    print(f"  akhbar w2 vs w1, in-crawl: {w1 / w2:.2f}x pages/s (target >= 1.6x)")
    extract = Timing(in_run["fetch+extract"]).median
    print(f"  akhbar w1 vs fetch+extract, in-crawl: {w1 / extract - 1:+.0%} time (target <= +15%)")
    overhead = timing["akhbar w1"].median / timing["fetch+extract"].median - 1
    print(f"  akhbar w1 vs fetch+extract, wall time: {overhead:+.0%} (start-up included: imports, index kernels)")
    print(f"  akhbar w2 vs w1, wall time: {timing['akhbar w1'].median / timing['akhbar w2'].median:.2f}x pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--site", choices=("golden", "aeb", "both"), default="both")
    args = parser.parse_args()
    print(f"# crawl benchmark: {machine()}; repeats: {args.repeats}")
    for kind in ("golden", "aeb") if args.site == "both" else (args.site,):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            if kind == "golden":
                build_site(root / "site", args.pages)
                pages, title = args.pages, "golden layouts with SaudiNewsNet bodies (light pages)"
            else:
                pages = build_aeb_site(root / "site", args.pages)
                title = "AEB pages (real pages of many sites, heavier)"
                if not pages:
                    print("AEB pages: skipped (../shared/eval/aeb absent)")
                    continue
            (root / "spider.py").write_text(SPIDER)
            times, in_run = measure(root, pages, args.repeats)
        report(title, pages, times, in_run)


if __name__ == "__main__":
    main()
