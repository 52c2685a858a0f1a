"""Build ``crawler/processing/data/common_words_ar.txt``, the common-word list of the fact check.

The duplicate decision treats a word as a possible name (a place, a person, a company)
when it is *not* common. "Common" is measured on a corpus the evaluation never uses:
MArSum (Moroccan news from goud.ma, CC BY 4.0; the test split in
``../shared/corpora/marsum``). Every word (normalised as for fingerprints, letters only)
found in at least ``--min-docs`` of its articles is listed, most frequent first. The
list is derived data and ships with the attribution in its header.

    python -m benchmarks.build_common_words [--min-docs 3]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from benchmarks.scoring import SHARED
from crawler.processing.normalize import normalize

MARSUM = SHARED / "corpora" / "marsum" / "MArSum1_test.txt"
OUT = Path(__file__).resolve().parent.parent / "crawler" / "processing" / "data" / "common_words_ar.txt"
_LETTERS = re.compile(r"[^\W\d_]{2,}")

HEADER = """\
# Common words (normalised Arabic, most frequent first): the words akhbar's fact check does not
# take for names. Derived from MArSum, the Moroccan Arabic news summarisation dataset
# (Gaanoun, Naira, Allak and Benelallam, 2022; https://github.com/KamelGaanoun/MoroccanSummarization),
# licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): the words found in at least
# {min_docs} of the {docs:,} articles of its test split, normalised with crawler.processing.normalize
# ({version}), letters only. Rebuild with: python -m benchmarks.build_common_words --min-docs {min_docs}
# Changes to this list change duplicate decisions: bump DedupParams.facts_version when it changes.
"""


def document_frequency(path: Path) -> tuple[Counter[str], int]:
    """Articles each normalised word occurs in (title and text), and the number of articles."""
    csv.field_size_limit(1 << 30)
    counts: Counter[str] = Counter()
    docs = 0
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter=" ", quotechar='"')
        next(rows)  # header: text summary
        for row in rows:
            if not row:
                continue
            docs += 1
            counts.update({w for w in normalize(" ".join(row)).split() if _LETTERS.fullmatch(w)})
    return counts, docs


def main() -> None:
    from crawler.processing.normalize import NORMALIZER_VERSION

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    counts, docs = document_frequency(MARSUM)
    words = sorted((w for w, n in counts.items() if n >= args.min_docs), key=lambda w: (-counts[w], w))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    header = HEADER.format(min_docs=args.min_docs, docs=docs, version=NORMALIZER_VERSION)
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words):,} words (document frequency >= {args.min_docs} of {docs:,} articles) -> {args.out}")


if __name__ == "__main__":
    main()
