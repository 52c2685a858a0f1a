"""``akhbar crawl --frontier redis://...``: several real crawl processes sharing one frontier.

A ``redis-server`` on 127.0.0.1 (``AKHBAR_TEST_REDIS_URL`` when set, as ``.ci/run`` does, else
one started here on a free port; the tests skip without it or without scrapy-redis). Each worker
writes its own SQLite store (one writer per SQLite file), so "stored once" is checked on the
union of the stores; the test servers' request logs say what was fetched, and how often.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.run import write_seed
from crawler.demo.server import SiteServer
from tests.fixture_site import EXPECTED, MIRROR, SITE
from tests.storage.conftest import pg_rows, pg_url  # noqa: F401  (pg_url: a fixture)

SPEC = json.loads((SITE / "site.json").read_text(encoding="utf-8"))
ENV = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0", "AKHBAR_CONCURRENT_REQUESTS": "4"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def redis_server() -> Iterator[str]:
    pytest.importorskip("scrapy_redis")
    import redis

    if url := os.environ.get("AKHBAR_TEST_REDIS_URL", ""):
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server (AKHBAR_TEST_REDIS_URL unset)")
    port = free_port()
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.skip("redis-server did not start")
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def frontier(redis_server: str) -> str:
    """The test server's database, empty."""
    import redis

    redis.Redis.from_url(redis_server).flushdb()
    return redis_server


def client(url: str) -> Any:  # a redis.Redis answering bytes (its stubs say bytes | str)
    import redis

    return redis.Redis.from_url(url)


def worker(seeds: Path, data: Path, frontier: str, *extra: str, **env: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir", str(data)]
    cmd += ["--frontier", frontier, "--max-seconds", "60", "--workers", "1", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**ENV, **env})


def finish(procs: list[subprocess.Popen[str]], timeout: float = 100) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=timeout)
        out.append((proc.returncode, stdout, stderr))
    return out


def q(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def stored(dirs: list[Path], site: str = "fixture") -> list[str]:
    """Article URLs of ``site`` in all the stores, as a list (a URL twice is stored twice)."""
    return [
        u
        for d in dirs
        if (d / "akhbar.db").exists()
        for (u,) in q(d / "akhbar.db", "SELECT url FROM articles WHERE site = ?", site)
    ]


def stored_so_far(dirs: list[Path]) -> list[str]:
    """:func:`stored` while the workers write (a store being created cannot be read yet)."""
    try:
        return stored(dirs)
    except sqlite3.OperationalError:
        return []


def left_in(url: str) -> list[bytes]:
    """What a frontier holds besides the lease counter (drained: when it drained, nothing else)."""
    return sorted(k for k in client(url).keys("akhbar:*") if not k.endswith(b":leaseseq"))


class TimedHits(list[str]):
    """A site server's request log that also notes when each request came."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, path: str) -> None:
        self.times.append(time.monotonic())
        super().append(path)


def hits(servers: dict[str, SiteServer]) -> Counter[tuple[str, str]]:
    """Requests the sites received, robots.txt aside (every worker reads it once)."""
    return Counter((name, h) for name, s in servers.items() for h in s.hits if h != "/robots.txt")


@pytest.fixture(scope="module")
def one_process_hits(tmp_path_factory: pytest.TempPathFactory, seeds: Path, servers: dict[str, SiteServer]) -> Counter:
    """What a single-process crawl of the same sites fetches, and how often (the reference)."""
    for s in servers.values():
        s.hits.clear()
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--workers", "1", "--max-seconds", "60"]
    result = subprocess.run(
        [*cmd, "--data-dir", str(tmp_path_factory.mktemp("one"))], capture_output=True, text=True, timeout=100, env=ENV
    )
    assert result.returncode == 0, result.stderr
    return hits(servers)


@pytest.fixture(scope="module")
def three_workers(
    tmp_path_factory: pytest.TempPathFactory,
    seeds: Path,
    servers: dict[str, SiteServer],
    redis_server: str,
    one_process_hits: Counter,
) -> dict[str, object]:
    client(redis_server).flushdb()
    for s in servers.values():
        s.hits.clear()
    slow = {p: 0.3 for p in EXPECTED["articles"]}  # long enough for every worker to get some
    servers["fixture"].rules.setdefault("delay", {}).update(slow)
    base = tmp_path_factory.mktemp("three")
    dirs = [base / f"w{i}" for i in range(3)]
    try:
        results = finish([worker(seeds, d, redis_server) for d in dirs])
    finally:
        for p in slow:
            servers["fixture"].rules["delay"].pop(p, None)
    return {
        "dirs": dirs,
        "results": results,
        "hits": hits(servers),
        "left": left_in(redis_server),
    }


def test_three_workers_store_every_public_article_once(three_workers: dict, servers: dict[str, SiteServer]) -> None:
    for status, _, stderr in three_workers["results"]:
        assert status == 0, stderr
        assert "Traceback" not in stderr
    base = servers["fixture"].base
    urls = stored(three_workers["dirs"])
    assert sorted(urls) == sorted(base + p for p in EXPECTED["articles"])  # each once, across the stores
    assert len(stored(three_workers["dirs"], "mirror")) == len(set(stored(three_workers["dirs"], "mirror"))) >= 2
    working = [d for d in three_workers["dirs"] if q(d / "akhbar.db", "SELECT COUNT(*) FROM fetches")[0][0]]
    assert len(working) >= 2, "the work was not shared"


def test_three_workers_fetch_what_one_process_fetches_each_as_often(
    three_workers: dict, one_process_hits: Counter
) -> None:
    """No URL is fetched twice because there are three workers: the same requests as one process
    (whose only repeat is a feed also linked from the pages' footers), feeds and sitemaps once."""
    assert three_workers["hits"] == one_process_hits
    for path in SPEC["sitemaps"]:
        assert three_workers["hits"][("fixture", path)] == 1
    for path in SPEC["feeds"]:
        assert three_workers["hits"][("fixture", path)] == one_process_hits[("fixture", path)] >= 1


def test_a_sites_delay_holds_across_three_workers(
    servers: dict[str, SiteServer], frontier: str, tmp_path: Path
) -> None:
    """Requests to a site (its robots.txt from each worker included) come at least its
    download_delay apart, all workers together (less a little for the test server's clock)."""
    delay = 0.3
    write_seed(MIRROR, servers["mirror"].base, tmp_path / "seeds", delay=delay)
    timed = servers["mirror"].hits = TimedHits()
    dirs = [tmp_path / f"w{i}" for i in range(3)]
    one_at_a_time = {"AKHBAR_CONCURRENT_REQUESTS": "1"}  # so that the requests are spread over the workers
    results = finish([worker(tmp_path / "seeds", d, frontier, **one_at_a_time) for d in dirs])
    assert [status for status, _, _ in results] == [0, 0, 0], results
    working = [d for d in dirs if q(d / "akhbar.db", "SELECT COUNT(*) FROM fetches")[0][0]]
    assert len(working) >= 2 and timed.count("/robots.txt") == len(working) and len(timed) >= 6
    gaps = [b - a for a, b in pairwise(sorted(timed.times))]
    assert min(gaps) >= delay - 0.03, gaps


def test_three_workers_obey_robots_and_allowed_domains(three_workers: dict, servers: dict[str, SiteServer]) -> None:
    assert not [h for (_, h) in three_workers["hits"] if h.startswith("/private/")]
    bases = tuple(s.base + "/" for s in servers.values())
    for d in three_workers["dirs"]:
        fetched = q(d / "akhbar.db", "SELECT url FROM fetches WHERE outcome != 'off_site'")
        assert all(u.startswith(bases) for (u,) in fetched), fetched


def test_a_drained_frontier_is_empty_and_the_next_run_seeds_again(
    three_workers: dict, seeds: Path, servers: dict[str, SiteServer], redis_server: str
) -> None:
    """The run state is deleted when the frontier drains. A worker started just after (late, in the
    same launch) finds nothing to do; the next run (here: no grace) seeds afresh. The store's
    known URLs still count: what a worker stored is not fetched again by it."""
    assert three_workers["left"] == [b"akhbar:news:drained"]
    for s in servers.values():
        s.hits.clear()
    [(status, _, stderr)] = finish([worker(seeds, three_workers["dirs"][1], redis_server)])
    assert status == 0 and "the last run drained less than 30 s ago" in stderr, stderr
    assert hits(servers) == Counter()
    base = servers["fixture"].base
    # a worker that stored articles in the first run (which of the three did is up to the shared queue)
    busy = next(d for d in three_workers["dirs"] if stored([d]))
    known = {u.removeprefix(base) for u in stored([busy])}
    [(status, _, stderr)] = finish([worker(seeds, busy, redis_server, AKHBAR_FRONTIER_GRACE="0")])
    assert status == 0, stderr
    assert servers["fixture"].hits.count(SPEC["sitemaps"][0]) == 1
    assert left_in(redis_server) == [b"akhbar:news:drained"]
    assert known and not known & set(servers["fixture"].hits)


def test_a_sites_page_budget_holds_across_three_workers(
    seeds: Path, servers: dict[str, SiteServer], frontier: str, tmp_path: Path
) -> None:
    """``max_pages_per_run = 4``: four article or listing requests in all, not four per worker."""
    budgeted = tmp_path / "seeds"
    budgeted.mkdir()
    toml = (seeds / "fixture.toml").read_text(encoding="utf-8")
    (budgeted / "fixture.toml").write_text(toml + "max_pages_per_run = 4\n", encoding="utf-8")
    dirs = [tmp_path / f"w{i}" for i in range(3)]
    results = finish([worker(budgeted, d, frontier) for d in dirs])
    assert [status for status, _, _ in results] == [0, 0, 0], results
    xml = (*SPEC["feeds"], *SPEC["sitemaps"], "/sitemap-1.xml", "/sitemap-news.xml", "/robots.txt")
    base = servers["fixture"].base
    asked = [
        u
        for d in dirs
        if (d / "akhbar.db").exists()
        for (u,) in q(d / "akhbar.db", "SELECT url FROM fetches")
        if not u.removeprefix(base).startswith(xml)
    ]
    assert 1 <= len(asked) <= 4, asked


def test_a_worker_killed_mid_run_loses_nothing(
    seeds: Path, servers: dict[str, SiteServer], frontier: str, tmp_path: Path
) -> None:
    """SIGKILL a worker holding leased requests (not the seeding one), start it again: every
    article is stored across the stores; its requests were put back in the queue. At most one is
    stored twice: the module's invariant allows one request whose outcome the victim committed in
    the instant before the kill, before it dropped its lease, to be fetched again by another worker
    (separate stores here, so no decision can see the first copy)."""
    r = client(frontier)
    slow = {p: 1.5 for p in EXPECTED["articles"]}
    servers["fixture"].rules.setdefault("delay", {}).update(slow)
    one_per_site = {"AKHBAR_CONCURRENCY_PER_SITE": "1"}
    dirs = [tmp_path / f"w{i}" for i in range(3)]
    try:
        procs = [worker(seeds, d, frontier, **one_per_site) for d in dirs]
        by_pid = {p.pid: i for i, p in enumerate(procs)}
        victim = None
        deadline = time.monotonic() + 40
        while victim is None and time.monotonic() < deadline:
            time.sleep(0.1)
            seeder = (r.get("akhbar:news:seed") or b"").decode()
            for key in r.keys("akhbar:news:lease:*"):
                pid = int(key.decode().split(":")[-2])
                if pid in by_pid and f":{pid}:" not in seeder and r.hlen(key) > 0 and stored_so_far(dirs):
                    victim = by_pid[pid]
                    break
        assert victim is not None, "no worker other than the seeder held a request"
        procs[victim].send_signal(signal.SIGKILL)
        procs[victim].communicate(timeout=10)
        procs[victim] = worker(seeds, dirs[victim], frontier, **one_per_site)
        results = finish(procs)
    finally:
        for p in slow:
            servers["fixture"].rules["delay"].pop(p, None)
    for status, _, stderr in results:
        assert status == 0, stderr
    assert any("put back in the queue" in stderr for _, _, stderr in results)
    base = servers["fixture"].base
    urls = stored(dirs)
    assert sorted(set(urls)) == sorted(base + p for p in EXPECTED["articles"])  # nothing lost
    assert len(urls) - len(set(urls)) <= 1, sorted(urls)  # at most the one committed as it was killed
    assert left_in(frontier) == [b"akhbar:news:drained"]


def test_a_worker_stopped_at_max_seconds_hands_its_requests_back(
    seeds: Path, servers: dict[str, SiteServer], frontier: str, tmp_path: Path
) -> None:
    """A graceful stop (--max-seconds) leaves the rest of the run queued, nothing leased; the next
    worker finishes the run."""
    r = client(frontier)
    slow = {p: 1.0 for p in EXPECTED["articles"]}
    servers["fixture"].rules.setdefault("delay", {}).update(slow)
    try:
        cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir", str(tmp_path / "a")]
        cmd += ["--frontier", frontier, "--max-seconds", "2", "--workers", "1"]
        first = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=ENV)
    finally:
        for p in slow:
            servers["fixture"].rules["delay"].pop(p, None)
    assert first.returncode == 0, first.stderr
    assert r.zcard("akhbar:news:requests") > 0
    assert not [k for k in r.keys("akhbar:news:lease:*") if r.hlen(k)]
    [(status, _, stderr)] = finish([worker(seeds, tmp_path / "b", frontier)])
    assert status == 0, stderr
    base = servers["fixture"].base
    assert sorted(stored([tmp_path / "a", tmp_path / "b"])) == sorted(base + p for p in EXPECTED["articles"])
    assert left_in(frontier) == [b"akhbar:news:drained"]


def test_three_workers_share_one_postgresql_store(
    seeds: Path,
    servers: dict[str, SiteServer],
    frontier: str,
    pg_url: str,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    """Runs when ``AKHBAR_TEST_POSTGRES_URL`` is set: three workers, one store, each article once."""
    procs = [worker(seeds, tmp_path / f"w{i}", frontier, "--db", pg_url) for i in range(3)]
    working = 0
    for status, stdout, stderr in finish(procs):
        assert status == 0, stderr
        assert "another crawl is running" not in stderr  # a second writer refused did not share the work
        working += not stdout.startswith("crawl: 0 pages")
    assert working >= 2
    urls = [str(u) for (u,) in pg_rows(pg_url, "SELECT url FROM articles WHERE site = 'fixture'")]
    assert sorted(urls) == sorted(servers["fixture"].base + p for p in EXPECTED["articles"])


# -- one line for bad input ------------------------------------------------------------------
@pytest.fixture
def one_seed(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.toml").write_text(
        'name = "a"\nstart_urls = ["http://127.0.0.1:9/"]\nallowed_domains = ["127.0.0.1:9"]\n'
        "article_url_patterns = ['/a/\\\\d+']\n"
    )
    return seeds


def crawl_line(capsys: pytest.CaptureFixture[str], seeds: Path, data: Path, *extra: str) -> tuple[int, str]:
    from crawler.cli import main

    status = main(["crawl", "--seeds", str(seeds), "--data-dir", str(data), *extra])
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert not data.exists()  # refused before anything is written
    return status, err


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:6379/0", "redis://127.0.0.1:notaport/0", "redis:///0", "redis://127.0.0.1:6379/zero", "x"],
)
def test_a_malformed_frontier_url_is_one_line_exit_2(
    url: str, one_seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = crawl_line(capsys, one_seed, tmp_path / "data", "--frontier", url)
    assert status == 2
    assert err.startswith(f"akhbar: error: --frontier {url}: not a redis://HOST:PORT/DB URL"), err


def test_an_unreachable_redis_is_one_line_exit_2(
    one_seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("scrapy_redis")
    url = f"redis://127.0.0.1:{free_port()}/0"
    monkeypatch.setenv("AKHBAR_FRONTIER", url)  # the environment's frontier, like --frontier
    status, err = crawl_line(capsys, one_seed, tmp_path / "data")
    assert status == 2
    assert err.startswith(f"akhbar: error: {url}: cannot connect ("), err


def test_without_scrapy_redis_the_line_says_what_to_install(
    one_seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "scrapy_redis", None)  # import scrapy_redis raises ImportError
    status, err = crawl_line(capsys, one_seed, tmp_path / "data", "--frontier", "redis://127.0.0.1:6379/0")
    assert status == 2
    assert "install with pip install 'akhbar[redis]'" in err, err


# -- the pieces, on a real Redis ----------------------------------------------------------------
def test_a_hosts_turns_are_one_delay_apart_across_workers(frontier: str) -> None:
    """Three workers (three connections) asking at once for one host get turns 0, d, 2d from now;
    another host is not held up."""
    from crawler.redispoliteness import take_turn

    waits = sorted(take_turn(client(frontier), "akhbar:news:slot:a.example", 0.5) for _ in range(3))
    assert waits[0] < 0.05
    assert waits[1] == pytest.approx(0.5, abs=0.05) and waits[2] == pytest.approx(1.0, abs=0.05)
    assert take_turn(client(frontier), "akhbar:news:slot:b.example", 0.5) < 0.05


def test_requests_leased_by_a_dead_worker_go_back_to_the_queue(frontier: str) -> None:
    from scrapy import Spider
    from scrapy.http import Request

    from crawler.redisfrontier import LEASE, Keys, LeasedQueue, reclaim, release

    r = client(frontier)
    keys = Keys("news")
    queue = LeasedQueue(r, Spider(name="news"), keys.queue)
    queue.worker, queue.frontier_keys = "a", keys
    for n, priority in ((1, 0), (2, 30), (3, 20)):
        queue.push(Request(f"http://x.example/{n}", priority=priority))
    first, second = queue.pop(), queue.pop()
    assert first is not None and second is not None
    assert (first.url, second.url) == ("http://x.example/2", "http://x.example/3")  # by priority
    assert len(queue) == 1 and r.hlen(keys.lease("a")) == 2
    release(r, keys, first.meta[LEASE])  # handled
    r.zadd(keys.workers, {"a": 0})  # its heartbeat stopped long ago
    assert reclaim(r, keys) == 1
    assert r.hlen(keys.lease("a")) == 0 and len(queue) == 2
    again = queue.pop()
    assert again is not None and again.url == "http://x.example/3" and again.priority == 20


def test_once_per_run_the_page_budget_and_the_filter_are_the_frontiers_and_checked_as_queued(frontier: str) -> None:
    from scrapy.http import Request

    from crawler.frontier import ASKED, OVER_BUDGET
    from crawler.redisfrontier import QUEUED, SEEN, Keys, enqueue

    keys = Keys("news")
    a, b = client(frontier), client(frontier)  # two workers

    def put(server: Any, url: str, site: str, budget: int | None, filtered: bool = True) -> str:
        spend = [site, -1 if budget is None else budget]
        return enqueue(server, keys, Request(url), url.encode(), spend, "fp:" + url if filtered else "")

    assert put(a, "http://x.example/1", "x", 2) == QUEUED
    assert put(b, "http://x.example/1", "x", 2) == ASKED
    assert put(b, "http://x.example/2", "x", 2) == QUEUED
    assert put(a, "http://x.example/3", "x", 2) == OVER_BUDGET
    assert put(a, "http://y.example/1", "y", None) == QUEUED  # another site, no budget
    # marked asked and seen only with the request in the queue, in one script: nothing marked is missing
    assert a.zcard(keys.queue) == 3 and a.scard(keys.asked) == 3 and a.scard(keys.dupefilter) == 3
    # a feed or a redirect (not budgeted): the filter alone
    feed = Request("http://x.example/feed")
    assert enqueue(a, keys, feed, b"feed", None, "fp:feed") == QUEUED
    assert enqueue(b, keys, feed, b"feed", None, "fp:feed") == SEEN
    assert enqueue(b, keys, feed, b"feed2", None, "") == QUEUED  # dont_filter
