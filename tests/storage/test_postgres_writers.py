"""Many writers on one PostgreSQL store decide like one writer (a real server; skips without one).

The reference: one ``akhbar reprocess`` of the same records, in the order the shared store decided
them (its ``fetches`` id order), into a SQLite store. N concurrent writers over disjoint or
overlapping splits of one WARC must give exactly its articles, duplicate kinds, clusters and events
(by URL), every page stored once, exit 0, no traceback.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from storage.archive import read_warc
from storage.rows import EventTermsRow
from storage.store import Store, body_digest, record_key
from tests.storage.conftest import ARTICLES, pg_rows

SAMPLE = Path(__file__).resolve().parents[2] / "crawler" / "samples" / "sample.warc.gz"


def warc_members(path: Path) -> list[bytes]:
    """The response records of a WARC, each as its own gzip member, byte for byte, in file order."""
    data = path.read_bytes()
    members = []
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type != "response":
                continue
            offset = records.get_record_offset()
            record.content_stream().read()
            records.read_to_end()
            members.append(data[offset : offset + records.get_record_length()])
    return members


def write_warc(path: Path, members: list[bytes]) -> Path:
    path.write_bytes(b"".join(members))
    return path


def member_keys(path: Path) -> list[str]:
    """The record key (``fetches.record_key``) of each response of ``path``, in file order."""
    return [record_key(p.raw, body_digest(p.raw)) for p in read_warc(path) if p.raw is not None]


def writers(root: Path, splits: list[Path], *store: str, workers: int = 1) -> list[subprocess.CompletedProcess[str]]:
    """``akhbar reprocess`` of each split, all at once, into the store named by ``store`` (``--db URL``
    or ``--into PATH``), one data dir each under ``root``."""
    env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0"}
    procs = []
    for i, split in enumerate(splits):
        args = ["reprocess", "--workers", str(workers), "--data-dir", str(root / f"w{i}"), *store, str(split)]
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "crawler.cli", *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        )
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def serial_reference(pg_url: str, tmp_path: Path) -> list[tuple[object, ...]]:
    """One writer over the sample's records in the order the shared store decided them."""
    members = dict(zip(member_keys(SAMPLE), warc_members(SAMPLE), strict=True))
    decided = [str(key) for (key,) in pg_rows(pg_url, "SELECT record_key FROM fetches ORDER BY id")]
    ordered = write_warc(tmp_path / "decided.warc.gz", [members[key] for key in decided])
    lite = tmp_path / "serial.db"
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "reprocess", "--data-dir", str(tmp_path / "serial"), "--into",
         str(lite), str(ordered)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(lite) as conn:
        return [tuple(row) for row in conn.execute(ARTICLES)]


@pytest.mark.parametrize(
    ("n", "overlap"),
    [(2, False), (4, False), (2, True), (4, True)],
    ids=["2-disjoint", "4-disjoint", "2-overlap", "4-overlap"],
)
def test_concurrent_writers_decide_as_one_writer_in_the_stored_order(
    pg_url: str, tmp_path: Path, n: int, overlap: bool
) -> None:
    members = warc_members(SAMPLE)
    # disjoint: record i goes to writer i % n; overlapping: also to the next writer
    splits = [
        write_warc(
            tmp_path / f"split{k}.warc.gz",
            [m for i, m in enumerate(members) if i % n == k or (overlap and (i + 1) % n == k)],
        )
        for k in range(n)
    ]
    for result in writers(tmp_path, splits, "--db", pg_url):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
    # every page stored once
    assert pg_rows(pg_url, "SELECT count(*), count(DISTINCT record_key) FROM fetches") == [(len(members), len(members))]
    assert pg_rows(pg_url, "SELECT count(*) - count(DISTINCT url) FROM articles") == [(0,)]
    got = pg_rows(pg_url, ARTICLES)
    assert got == serial_reference(pg_url, tmp_path)
    assert {row[1] for row in got} >= {"unique", "near"}  # the sample has copies to decide
    assert_event_terms_are_the_articles(pg_url)


def assert_event_terms_are_the_articles(pg_url: str) -> None:
    """Each article's ``event_terms`` row (what the other writers take in) holds exactly the terms of its
    stored title and text: taking an article in from its row is taking it in from its text; and the vector
    its event decision was made on (that it is the vector taken in makes the stores equal: the test above)."""
    from crawler.processing.eventterms import article_terms
    from crawler.processing.normalize import normalize

    rows = pg_rows(
        pg_url,
        "SELECT a.title, a.text, e.title, e.lead, e.body, e.vector IS NOT NULL"
        " FROM articles a JOIN event_terms e ON e.article_id = a.id",
    )
    assert len(rows) == pg_rows(pg_url, "SELECT count(*) FROM articles")[0][0]
    for title, text, *stored, has_vector in rows:
        terms = article_terms(title, normalize(text))  # type: ignore[arg-type]
        assert EventTermsRow(" ".join(terms.title), " ".join(terms.lead), " ".join(terms.body)) == EventTermsRow(
            *stored  # type: ignore[arg-type]
        )
        assert has_vector


def test_validators_saved_by_two_writers_at_once_do_not_conflict(pg_url: str) -> None:
    from crawler.processing.fingerprint import DedupParams

    one, two = Store(pg_url, DedupParams()), Store(pg_url, DedupParams())
    try:
        one.save_validators("http://127.0.0.1/feed.xml", '"a"', None)  # uncommitted: holds the row
        failed: list[BaseException] = []

        def second() -> None:
            try:
                two.save_validators("http://127.0.0.1/feed.xml", '"b"', None)  # waits for the first
                two.commit()
            except BaseException as exc:
                failed.append(exc)

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        one.commit()
        thread.join(timeout=10)
        assert not thread.is_alive() and not failed, failed
        assert one.validators("http://127.0.0.1/feed.xml") == ('"b"', None)
    finally:
        one.close()
        two.close()


def test_first_opens_of_an_empty_database_take_turns(pg_url: str) -> None:
    """Concurrent first opens: one creates the schema, the others wait and find it (no UniqueViolation)."""
    from crawler.processing.fingerprint import DedupParams

    failed: list[BaseException] = []

    def open_once() -> None:
        try:
            Store(pg_url, DedupParams()).close()
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failed, failed
    assert pg_rows(pg_url, "SELECT count(*) FROM meta WHERE key = 'schema_version'") == [(1,)]


def test_two_crawls_of_the_same_sites_into_one_store_store_each_article_once(pg_url: str, tmp_path: Path) -> None:
    """Two data dirs, one PostgreSQL store, the same sites crawled at once: no UniqueViolation on validators,
    no failed transaction; both exit 0 and every public article is stored once, its copies clustered."""
    from crawler.demo.server import SiteServer
    from tests.fixture_site import EXPECTED, MIRROR, SITE, write_seeds

    with SiteServer(SITE) as site, SiteServer(MIRROR) as mirror:
        seeds = write_seeds(tmp_path / "seeds", {"fixture": site, "mirror": mirror})
        env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0"}
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "crawler.cli", "crawl", "--seeds", str(seeds), "--data-dir",
                 str(tmp_path / f"d{i}"), "--db", pg_url, "--max-seconds", "60"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            )
            for i in range(2)
        ]  # fmt: skip
        results = [proc.communicate(timeout=120) for proc in procs]
        for proc, (_out, err) in zip(procs, results, strict=True):
            assert proc.returncode == 0, err
            assert "Traceback" not in err, err
        urls = [str(u) for (u,) in pg_rows(pg_url, "SELECT url FROM articles WHERE site = 'fixture'")]
        assert sorted(urls) == sorted(site.base + p for p in EXPECTED["articles"])
        kinds = {str(url): str(kind) for url, kind in pg_rows(pg_url, "SELECT url, dup_kind FROM articles")}
        for group in EXPECTED["copies"]:
            members = [kinds[(site if name == "fixture" else mirror).base + path] for name, path in group]
            assert members.count("unique") == 1, group


def test_a_writer_killed_mid_run_frees_the_lock_and_its_rerun_completes_the_store(pg_url: str, tmp_path: Path) -> None:
    """SIGKILL one of two writers while it works: the database frees its decision lock (the session
    ends), the other finishes, and running the killed writer's split again stores what it had not:
    every page once, as one writer would decide them in the stored order."""
    members = warc_members(SAMPLE)
    splits = [
        write_warc(tmp_path / f"split{k}.warc.gz", [m for i, m in enumerate(members) if i % 2 == k]) for k in (0, 1)
    ]
    env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0"}

    def start(k: int) -> subprocess.Popen[str]:
        args = ["reprocess", "--workers", "1", "--data-dir", str(tmp_path / f"w{k}"), "--db", pg_url, str(splits[k])]
        return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip

    victim, other = start(0), start(1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once it has stored something (it holds or waits for the lock)
        if pg_rows(pg_url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fetches'") == [(1,)] and \
                pg_rows(pg_url, "SELECT count(*) FROM fetches")[0][0]:  # fmt: skip
            break
        time.sleep(0.05)
    victim.kill()
    victim.communicate(timeout=30)
    _out, err = other.communicate(timeout=300)
    assert other.returncode == 0 and "Traceback" not in err, err
    assert victim.returncode == -signal.SIGKILL
    stored = pg_rows(pg_url, "SELECT count(*) FROM fetches")[0][0]
    assert isinstance(stored, int) and stored < len(members)  # the killed writer left its split unfinished
    again = start(0)
    _out, err = again.communicate(timeout=300)
    assert again.returncode == 0 and "Traceback" not in err, err
    assert pg_rows(pg_url, "SELECT count(*), count(DISTINCT record_key) FROM fetches") == [(len(members), len(members))]
    assert pg_rows(pg_url, ARTICLES) == serial_reference(pg_url, tmp_path)


def test_articles_a_writer_died_before_indexing_are_indexed_by_the_next_open(pg_url: str) -> None:
    """A writer of a shared store writes an article's search terms after the decision that stored it (outside
    the lock, with its next turn or its last commit). One that dies in between leaves the article without
    them: the next writer to open the store indexes it, with the terms it would have had."""
    from crawler.processing.events import EventParams
    from crawler.processing.fingerprint import DedupParams
    from crawler.processing.searchterms import search_terms
    from crawler.run.ingest import Ingestor

    store = Store(pg_url, DedupParams(), event_params=EventParams())
    ingestor = Ingestor(store, store.start_run("reprocess", {}, os.getpid()))
    ingestor.ingest_all(read_warc(SAMPLE))  # its last turn committed; the run's last commit never comes
    store.close(commit=False)
    unindexed = (
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.article_id = a.id)"
    )
    assert pg_rows(pg_url, unindexed) == [(1,)]  # the last article (the others went with the next turns)
    store = Store(pg_url, DedupParams(), event_params=EventParams())
    try:
        Ingestor(store, store.start_run("reprocess", {}, os.getpid()))  # opening the store indexes it
        store.commit()
    finally:
        store.close()
    assert pg_rows(pg_url, unindexed) == [(0,)]
    rows = pg_rows(pg_url, "SELECT a.title, a.text, s.terms FROM articles a JOIN search_terms s ON s.article_id = a.id")
    assert len(rows) == pg_rows(pg_url, "SELECT count(*) FROM articles")[0][0]
    assert all(terms == search_terms(title, text) for title, text, terms in rows)  # type: ignore[arg-type]
