"""Benchmark: extraction on held-out pages that were written before any tuning and must never be
tuned on: akhbar's whole path (``akhbar reprocess`` of one WARC), ``extract`` page by page and bare
trafilatura, scored like the golden pages (body word-F1, boilerplate, title, date).

Sets: ``v1`` (``benchmarks/data/holdout-pages``: 12 pages, 6 layouts, measured once on 2026-12-04) and ``v3``
(``benchmarks/data/holdout-pages-v3``: 18 pages in 6 other layouts, and 8 listing pages in ``listings/``, written
2026-12-05 by a helper who never ran or read the extractor; tuned on since its first measurement) and ``v4``
(``benchmarks/data/holdout-pages-v4``: 18 pages in 6 more layouts and 8 listing pages, written 2026-12-05 by two
helpers under the same rules), ``v5`` and ``v6`` (the same again, tuned on since their first measurements) and ``v7``
(``benchmarks/data/holdout-pages-v7``: 18 pages in 6 more layouts and 8 listings, written on 2026-12-05's third
session; tuned on since its first measurement) and ``v8`` (``benchmarks/data/holdout-pages-v8``: the same again,
written after the v7 rules; tuned on since), ``v9`` (``benchmarks/data/holdout-pages-v9``, written after the v8 rules;
tuned on since) ``v10`` (``benchmarks/data/holdout-pages-v10``, written on 2026-12-05's fourth session; tuned on since
its first measurement), ``v11`` (``benchmarks/data/holdout-pages-v11``, written after the v10 rules; tuned on since),
``v12`` (``benchmarks/data/holdout-pages-v12``: 18 pages in 6 more layouts and 12 listings, written on 2026-12-05's
fifth session; tuned on since its first measurement), ``v13`` (``benchmarks/data/holdout-pages-v13``: the same again,
written after the v12 rules; tuned on since), ``v14`` (``benchmarks/data/holdout-pages-v14``, written after the v13
rules; tuned on since), ``v15`` (``benchmarks/data/holdout-pages-v15``, written after the v14 rules; tuned on since),
``v16`` (``benchmarks/data/holdout-pages-v16``: 18 pages in 6 more layouts and 12 listings, written on 2026-12-05's
sixth session; tuned on since its first measurement), ``v17`` (``benchmarks/data/holdout-pages-v17``: the same again,
written at the same time as v16 and measured once after the v16 rules; tuned on since) and ``v18``
(``benchmarks/data/holdout-pages-v18``, written after the v17 rules by helpers who described nothing of it before its
measurement; measured once, then tuned on), and ``v19`` to ``v23`` (``benchmarks/data/holdout-pages-v19`` … ``-v23``,
written on 2026-12-05's seventh session the same way, each measured once with the code of its moment,
``benchmarks/data/v19pages_first.txt`` …, then tuned on), ``v24`` and ``v25`` (written at the same time on
2026-12-06's eighth session: v24 measured once and tuned on, v25 measured once after the v24 rules, then tuned on),
``v26`` (measured once after the v25 rules), ``v27`` (written after, measured once after the v26 rules) ``v28``
(measured once after the v27 rules), ``v29`` (measured once after the v28 rules), ``v30`` (measured once after the v29
rules) ``v31`` (2026-12-06's ninth session, measured once after the v30 rules), ``v32`` (written while v31 was tuned
on, measured once after the v31 rules) and ``v33`` (written while v32 was tuned on, measured once after the v32
rules), ``v34`` (written while v33 was tuned on, measured once after the v33 rules), ``v35`` (written while v34 was
tuned on, measured once after the v34 rules) and ``v36`` (written while v35 was tuned on, measured once after the v35
rules, not tuned on), ``v37`` (2026-12-06's tenth session, measured once after the v36 rules), ``v38`` (written while
v37 was tuned on, measured once after the v37 rules), ``v39`` (written while v38 was tuned on, measured once after the
v38 rules), ``v40`` and ``v41`` (the same again, each measured once after the rules made for the set before it)
``v42`` (2026-12-06's eleventh session, written while the v41 rules were made, measured once after them) ``v43``
(written while v42 was tuned on, measured once after the v42 rules) ``v44`` (written while v43 was tuned on, measured
once after the v43 rules) ``v45`` (written while v44 was tuned on, measured once after the v44 rules) ``v46`` (written
while v45 was tuned on, measured once after the v45 rules), ``v47`` (written while v46 was tuned on, measured once
after the v46 rules), ``v48`` (2026-12-06's twelfth session, measured once after the v47 rules), ``v49`` (written
while v48 was tuned on, measured once after the v48 rules), ``v50`` (written while v49 was tuned on, measured once
after the v49 rules), ``v51`` (written while v50 was tuned on, measured once after the v50 rules), ``v52`` (written
while v51 was tuned on, measured once after the v51 rules), ``v53`` (2026-12-06's thirteenth session, measured once
after the v52 rules), ``v54`` (written while v53 was tuned on, measured once after the v53 rules), ``v55`` (written
while v54 was tuned on, measured once after the v54 rules), ``v56`` (written while v55 was tuned on, measured once
after the v55 rules), ``v57`` (written while v56 was tuned on, measured once after the v56 rules), ``v58`` (written
while v57 was tuned on, measured once after the v57 rules), ``v59`` (written after the v57 rules, measured once with
them, like v58), ``v60`` (written while v59 was tuned on, measured once after the v59 rule) ``v61``
(2026-12-06's fourteenth session, measured once after the v60 rules) ``v62`` (written while v61 was tuned on,
measured once after the v61 rules) ``v63`` (written while v62 was tuned on, measured once after the v62 rules),
``v64`` (written while v63 was tuned on, measured once after the v63 rules) and ``v65`` (2026-12-06's fifteenth
session, mainstream news outlets' layouts, measured once after the v64 rules), ``v66`` (written while v65 was
tuned on, measured once after the v65 rules), ``v67`` (2026-12-06's sixteenth session, written while v66 was
tuned on, measured once after the v66 rules), ``v68`` (written while v67 was tuned on, measured once after the
v67 rules), ``v69`` (written while v68 was tuned on, measured once after the v68 rules and two made on v64) and
``v70`` (written while v69 was tuned on, measured once after the v69 rules); each tuned on after its measurement
(the next set written is the held-out one).
For a set
with listings, the whole path re-processes articles and listings in one WARC, as a foreign archive
of a site would come, and also reports:

- listings: every listing page must end ``not_article`` (its URL tells nothing: ``/x/<name>``, so
  the page alone decides);
- sites: the ``site`` values stored per domain (one each is the target).

Each report also gives the whole path's word-F1 per layout (the target: none below 0.95).

    python -m benchmarks.holdout [--set v1|v3|v4|...|v47|all]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.golden import (
    GoldenCase,
    PageResult,
    akhbar_extract,
    evaluate,
    load_cases,
    print_report,
    score_of,
    trafilatura_extract,
    whole_path,
)
from benchmarks.harness import machine
from crawler.items import RawPage

DATA = Path(__file__).resolve().parent / "data"
SETS = {
    "v1": DATA / "holdout-pages",
    "v3": DATA / "holdout-pages-v3",
    "v4": DATA / "holdout-pages-v4",
    "v5": DATA / "holdout-pages-v5",
    "v6": DATA / "holdout-pages-v6",
    "v7": DATA / "holdout-pages-v7",
    "v8": DATA / "holdout-pages-v8",
    "v9": DATA / "holdout-pages-v9",
    "v10": DATA / "holdout-pages-v10",
    "v11": DATA / "holdout-pages-v11",
    "v12": DATA / "holdout-pages-v12",
    "v13": DATA / "holdout-pages-v13",
    "v14": DATA / "holdout-pages-v14",
    "v15": DATA / "holdout-pages-v15",
    "v16": DATA / "holdout-pages-v16",
    "v17": DATA / "holdout-pages-v17",
    "v18": DATA / "holdout-pages-v18",
    "v19": DATA / "holdout-pages-v19",
    "v20": DATA / "holdout-pages-v20",
    "v21": DATA / "holdout-pages-v21",
    "v22": DATA / "holdout-pages-v22",
    "v23": DATA / "holdout-pages-v23",
    "v24": DATA / "holdout-pages-v24",
    "v25": DATA / "holdout-pages-v25",
    "v26": DATA / "holdout-pages-v26",
    "v27": DATA / "holdout-pages-v27",
    "v28": DATA / "holdout-pages-v28",
    "v29": DATA / "holdout-pages-v29",
    "v30": DATA / "holdout-pages-v30",
    "v31": DATA / "holdout-pages-v31",
    "v32": DATA / "holdout-pages-v32",
    "v33": DATA / "holdout-pages-v33",
    "v34": DATA / "holdout-pages-v34",
    "v35": DATA / "holdout-pages-v35",
    "v36": DATA / "holdout-pages-v36",
    "v37": DATA / "holdout-pages-v37",
    "v38": DATA / "holdout-pages-v38",
    "v39": DATA / "holdout-pages-v39",
    "v40": DATA / "holdout-pages-v40",
    "v41": DATA / "holdout-pages-v41",
    "v42": DATA / "holdout-pages-v42",
    "v43": DATA / "holdout-pages-v43",
    "v44": DATA / "holdout-pages-v44",
    "v45": DATA / "holdout-pages-v45",
    "v46": DATA / "holdout-pages-v46",
    "v47": DATA / "holdout-pages-v47",
    "v48": DATA / "holdout-pages-v48",
    "v49": DATA / "holdout-pages-v49",
    "v50": DATA / "holdout-pages-v50",
    "v51": DATA / "holdout-pages-v51",
    "v52": DATA / "holdout-pages-v52",
    "v53": DATA / "holdout-pages-v53",
    "v54": DATA / "holdout-pages-v54",
    "v55": DATA / "holdout-pages-v55",
    "v56": DATA / "holdout-pages-v56",
    "v57": DATA / "holdout-pages-v57",
    "v58": DATA / "holdout-pages-v58",
    "v59": DATA / "holdout-pages-v59",
    "v60": DATA / "holdout-pages-v60",
    "v61": DATA / "holdout-pages-v61",
    "v62": DATA / "holdout-pages-v62",
    "v63": DATA / "holdout-pages-v63",
    "v64": DATA / "holdout-pages-v64",
    "v65": DATA / "holdout-pages-v65",
    "v66": DATA / "holdout-pages-v66",
    "v67": DATA / "holdout-pages-v67",
    "v68": DATA / "holdout-pages-v68",
    "v69": DATA / "holdout-pages-v69",
    "v70": DATA / "holdout-pages-v70",
}


def listing_pages(root: Path, cases: list[GoldenCase]) -> list[RawPage]:
    """The set's listing pages, each at a URL of its layout's domain that tells nothing."""
    folder = root / "listings"
    if not folder.is_dir():
        return []
    domains = {c.name.split("-")[0]: urlsplit(c.page.url).netloc for c in cases}
    charsets = {c.name.split("-")[0]: c.expected.get("charset", "utf-8") for c in cases}
    pages = []
    for path in sorted(folder.glob("*.html")):
        layout = path.stem.split("-")[0]
        pages.append(
            RawPage(
                url=f"https://{domains.get(layout, 'listing.example')}/x/{path.stem}",
                body=path.read_bytes(),
                headers=(("Content-Type", f"text/html; charset={charsets.get(layout, 'utf-8')}"),),
                fetched_at="2026-11-22T12:00:00+00:00",
            )
        )
    return pages


def run(name: str) -> None:
    root = SETS[name]
    cases = load_cases(root)
    listings = listing_pages(root, cases)
    print(f"## {name}: {root.relative_to(DATA.parent.parent)} ({len(cases)} pages, {len(listings)} listings)")
    stored = whole_path(cases, listings)
    contenders = [
        ("akhbar (whole path)", stored.extractor()),
        ("akhbar extract", akhbar_extract),
        ("bare trafilatura", trafilatura_extract),
    ]
    for label, extractor in contenders:
        report = evaluate(cases, extractor)
        print_report(label, report, width=20)
        layouts: dict[str, list[PageResult]] = {}
        for result in report.results:
            layouts.setdefault(result.name.split("-")[0], []).append(result)
        print("   per layout: " + ", ".join(f"{k} {score_of(v).f1:.3f}" for k, v in sorted(layouts.items())))
    if listings:
        refused = sum(outcome == "not_article" for outcome, _ in stored.outcomes.values())
        print(f"listings: {refused} of {len(listings)} not_article")
        for url, (outcome, detail) in stored.outcomes.items():
            print(f"   {url}: {outcome} {detail[:90]}")
    split = {domain: sorted(values) for domain, values in stored.sites.items() if len(values) > 1}
    print(f"sites: {len(stored.sites)} domains, {len(split)} with more than one site value {split or ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    args = parser.parse_args()
    print(f"# held-out pages benchmark: {machine()}")
    for name in SETS if args.set == "all" else [args.set]:
        run(name)


if __name__ == "__main__":
    main()
