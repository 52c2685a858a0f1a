"""Build ``crawler/processing/data/term_df_ar.txt``, the event linker's background document frequencies.

The event linker weighs terms by how rare they are; a new store has no history yet, so it
starts from the document frequencies of stems (:func:`crawler.processing.eventterms.light_stem`)
in a corpus the evaluation never uses: MArSum (Moroccan news from goud.ma, CC BY 4.0; the test
split in ``../shared/corpora/marsum``). Stems found in at least ``--min-docs`` articles are
listed with their counts, most frequent first. Derived data, shipped with the attribution.

    python -m benchmarks.build_term_df [--min-docs 2]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from benchmarks.build_common_words import MARSUM
from crawler.processing.eventterms import light_stem
from crawler.processing.normalize import NORMALIZER_VERSION, normalize

_WORD = re.compile(r"[\u0621-\u064a]{2,}")
OUT = Path(__file__).resolve().parent.parent / "crawler" / "processing" / "data" / "term_df_ar.txt"

HEADER = """\
# Background document frequencies of stems for akhbar's event linker (normalised Arabic words, stemmed
# with crawler.processing.eventterms.light_stem). Derived from MArSum, the Moroccan Arabic news
# summarisation dataset (Gaanoun, Naira, Allak and Benelallam, 2022;
# https://github.com/KamelGaanoun/MoroccanSummarization), licensed CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/): stems found in at least {min_docs} of its test
# split's articles, normaliser {version}. Rebuild: python -m benchmarks.build_term_df --min-docs {min_docs}
# docs:{docs}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    csv.field_size_limit(1 << 30)
    counts: Counter[str] = Counter()
    docs = 0
    with MARSUM.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter=" ", quotechar='"')
        next(rows)
        for row in rows:
            if row:
                docs += 1
                counts.update({light_stem(w) for w in normalize(" ".join(row)).split() if _WORD.fullmatch(w)})
    terms = sorted((t for t, n in counts.items() if n >= args.min_docs), key=lambda t: (-counts[t], t))
    header = HEADER.format(min_docs=args.min_docs, docs=docs, version=NORMALIZER_VERSION)
    args.out.write_text(header + "".join(f"{t}\t{counts[t]}\n" for t in terms), encoding="utf-8")
    print(f"{len(terms):,} stems from {docs:,} articles -> {args.out}")


if __name__ == "__main__":
    main()
