"""Print both articles of labelled or candidate pairs, for labellers.

    python -m benchmarks.show_pair 12 13 40-45 --file benchmarks/data/dedup_pairs_v2_candidates.tsv
    python -m benchmarks.show_pair 1-20 | less -R

Pairs are chosen by ``pair_id``; in a file without that column (``dedup_pairs.tsv``)
the ids are the 1-based row numbers. For each pair the row's stratum or band, split,
label and note are shown, then per article: outlet, extraction date, URL, title and
content, read from SaudiNewsNet under ``../shared`` (nothing is copied into the
repository). ``--stats`` adds the word 3-gram Jaccard and containment of the pair, as
the samplers compute them; leave it off while judging if the figures might sway you.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

from benchmarks.corpus import SNN_DIR, snn_available

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "dedup_pairs_v2_candidates.tsv"
RULE = "=" * 100


def parse_ids(specs: Sequence[str]) -> list[int]:
    """``["3", "7-9"]`` -> ``[3, 7, 8, 9]`` (order kept, repeats dropped)."""
    ids: list[int] = []
    for spec in specs:
        for part in spec.split(","):
            match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
            if not match:
                raise SystemExit(f"not a pair id or range: {part!r}")
            lo = int(match.group(1))
            hi = int(match.group(2) or lo)
            ids.extend(i for i in range(lo, hi + 1) if i not in ids)
    return ids


def read_rows(path: Path) -> dict[int, dict[str, str]]:
    """Rows of a pair file by pair id (``pair_id`` column, else 1-based row number)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        return {int(row.get("pair_id") or n): row for n, row in enumerate(reader, start=1)}


def find_records(urls: set[str]) -> dict[str, dict]:
    """The first corpus record of each wanted URL."""
    from benchmarks.dedup_pairs_sample import iter_records

    found: dict[str, dict] = {}
    for rec in iter_records(SNN_DIR):
        url = (rec.get("url") or "").strip()
        if url in urls and url not in found:
            found[url] = rec
            if len(found) == len(urls):
                break
    return found


def paragraphs(text: str, width: int, limit: int) -> Iterator[str]:
    """The content as wrapped paragraphs, cut after ``limit`` characters (0: no cut)."""
    if limit and len(text) > limit:
        text = text[:limit].rstrip() + f" [... {len(text) - limit:,} more characters]"
    for para in re.split(r"\n\s*\n|\n", text):
        para = " ".join(para.split())
        if para:
            yield textwrap.fill(para, width=width) if width else para


def overlap_line(a: str, b: str) -> str:
    """Word 3-gram Jaccard and containment of two texts, as the samplers compute them."""
    from benchmarks.dedup_pairs_sample import overlap, shingle_hashes
    from crawler.processing.normalize import normalize

    sa, sb = (shingle_hashes(normalize(t).split()) for t in (a, b))
    if not sa.size or not sb.size:
        return "overlap: -"
    jac, con = overlap(sa, sb)
    return f"jaccard3 {jac:.3f}  containment3 {con:.3f}  (3-grams {sa.size} / {sb.size})"


def show(pair_id: int, row: dict[str, str], records: dict[str, dict], args: argparse.Namespace) -> None:
    """Print one pair."""
    kind = row.get("stratum") or row.get("band") or "-"
    fields = [f"pair {pair_id}", kind, f"split {row.get('split') or '-'}"]
    if row.get("label"):
        fields.append(f"label {row['label']}")
    print(RULE)
    print("  |  ".join(fields))
    if row.get("note"):
        print(f"note: {row['note']}")
    sides = []
    for side in ("a", "b"):
        url = row[f"url_{side}"]
        rec = records.get(url)
        print(f"\n--- {side.upper()}  ", end="")
        if rec is None:
            print(f"not in the corpus: {url}")
            continue
        sides.append(rec.get("content") or "")
        print(f"{rec.get('source') or '?'}  {rec.get('date_extracted') or '?'}  {url}")
        print(f"TITLE: {' '.join((rec.get('title') or '').split()) or '(none)'}")
        print()
        for para in paragraphs(rec.get("content") or "", args.width, args.max_chars):
            print(para)
    if args.stats and len(sides) == 2:
        print(f"\n{overlap_line(*sides)}")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ids", nargs="+", help="pair ids or ranges: 12 40-45 7,9")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="pair TSV (url_a, url_b columns)")
    parser.add_argument("--max-chars", type=int, default=0, help="cut each content after this many characters")
    parser.add_argument("--width", type=int, default=0, help="wrap paragraphs at this width (0: no wrapping)")
    parser.add_argument("--stats", action="store_true", help="also print word 3-gram Jaccard and containment")
    args = parser.parse_args(argv)
    if not snn_available():
        print(f"skipped: {SNN_DIR} is absent (the article texts are read from there)")
        return 0
    rows = read_rows(args.file)
    ids = parse_ids(args.ids)
    missing = [i for i in ids if i not in rows]
    if missing:
        print(f"no such pair id in {args.file}: {', '.join(map(str, missing))}", file=sys.stderr)
    wanted = [i for i in ids if i in rows]
    records = find_records({rows[i][f"url_{s}"] for i in wanted for s in ("a", "b")})
    try:
        for pair_id in wanted:
            show(pair_id, rows[pair_id], records, args)
        sys.stdout.flush()
    except BrokenPipeError:  # the pager was closed early (| less, | head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
