"""Benchmark: near-duplicate decisions on the labelled pairs, on clean text and through HTML.

Sets (texts from SaudiNewsNet under ``../shared``, read at run time, never copied):

- v1, ``benchmarks/data/dedup_pairs.tsv``: 360 pairs sampled by overlap band; used to tune
  the rule since the first version;
- v2, ``benchmarks/data/dedup_pairs_v2.tsv``: 480 pairs stratified toward template families
  and rewrites, split by a hash of the URL pair *before* any tuning into ``tune`` (226 pairs,
  used to tune the fact check) and ``held`` (254 pairs, never looked at pair by pair while
  tuning; measured once, then tuning data too);
- v3, ``benchmarks/data/dedup_pairs_v3.tsv``: 480 pairs by the v2 sampler with another seed,
  all ``held``: measured once before any change (2026-12-05), tuning data since;
- v4, ``benchmarks/data/dedup_pairs_v4.tsv``: 480 pairs by the v2 sampler (seed 4242, v1-v3
  excluded), all ``held``: measured once before any change (2026-12-05), its misses read since;
- v5, ``benchmarks/data/dedup_pairs_v5.tsv``: 480 pairs by the v2 sampler (seed 2026125, v1-v4
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), its misses read since;
- v6, ``benchmarks/data/dedup_pairs_v6.tsv``: 480 pairs by the v2 sampler (seed 2026126, v1-v5
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), its misses read since;
- v7, ``benchmarks/data/dedup_pairs_v7.tsv``: 480 pairs by the v2 sampler (seed 7707, v1-v6
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), its misses read since;
- v8, ``benchmarks/data/dedup_pairs_v8.tsv``: 480 pairs by the v2 sampler (seed 8808, v1-v7
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), its misses read since;
- v9, ``benchmarks/data/dedup_pairs_v9.tsv``: 480 pairs by the v2 sampler (seed 9909, v1-v8
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), tuning data since;
- v10, ``benchmarks/data/dedup_pairs_v10.tsv``: 480 pairs by the v2 sampler (seed 10010, v1-v9
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-05), tuning data since;
- v11, ``benchmarks/data/dedup_pairs_v11.tsv``: 480 pairs by the v2 sampler (seed 11011, v1-v10
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v12, ``benchmarks/data/dedup_pairs_v12.tsv``: 476 pairs by the v2 sampler (seed 12012, v1-v11
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v13, ``benchmarks/data/dedup_pairs_v13.tsv``: 424 pairs by the v2 sampler (seed 13013, v1-v12
  excluded; the sampler's pools are running dry), all ``held``, labelled by three helpers who only read
  the texts, before any change was tuned on it; measured once (2026-12-06), its misses read since;
- v14, ``benchmarks/data/dedup_pairs_v14.tsv``: 418 pairs by the v2 sampler (seed 14014, v1-v13
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v15, ``benchmarks/data/dedup_pairs_v15.tsv``: 411 pairs by the v2 sampler (seed 15015, v1-v14
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v16, ``benchmarks/data/dedup_pairs_v16.tsv``: 388 pairs by the v2 sampler (seed 16016, v1-v15
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), then once more with the second look fitted on v1-v15
  (``benchmarks/dedup_rescue_fit.py``), its first held-out test; its misses read since;
- v17, ``benchmarks/data/dedup_pairs_v17.tsv``: 357 pairs by the v2 sampler (seed 17017, v1-v16
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v18, ``benchmarks/data/dedup_pairs_v18.tsv``: 352 pairs by the v2 sampler (seed 18018, v1-v17
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v19, ``benchmarks/data/dedup_pairs_v19.tsv``: 352 pairs by the v2 sampler (seed 19, v1-v18
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06), its misses read since;
- v20, ``benchmarks/data/dedup_pairs_v20.tsv``: 352 pairs by the v2 sampler (seed 20, v1-v19
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) after the facts-4 rules;
- v21, ``benchmarks/data/dedup_pairs_v21.tsv``: 352 pairs by the v2 sampler (seed 21, v1-v20
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) after the facts-4 rules, its misses read since;
- v22, ``benchmarks/data/dedup_pairs_v22.tsv``: 352 pairs by the v2 sampler (seed 22, v1-v21
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) after the facts-5 rules;
- v23, ``benchmarks/data/dedup_pairs_v23.tsv``: 352 pairs by the v2 sampler (seed 23, v1-v22
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) with the facts-5 rules, nothing tuned after v22;
- v24, ``benchmarks/data/dedup_pairs_v24.tsv``: 352 pairs by the v2 sampler (seed 24, v1-v23
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) with the facts-5 rules, its misses read since;
- v25, ``benchmarks/data/dedup_pairs_v25.tsv``: 352 pairs by the v2 sampler (seed 25, v1-v24
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) after the day's-edition rule, its misses read since;
- v26, ``benchmarks/data/dedup_pairs_v26.tsv``: 352 pairs by the v2 sampler (seed 26, v1-v25
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it; measured once (2026-12-06) with the detector unchanged since v25;
- v27, ``benchmarks/data/dedup_pairs_v27.tsv``: 352 pairs by the v2 sampler (seed 27, v1-v26
  excluded), all ``held``, labelled by three helpers who only read the texts, before any change was
  tuned on it: the held-out set (:data:`HELD_OUT`). Held-out figures are marked as such.

For each pair a fresh index holds article A, then B is decided ("same cluster" = DUP
predicted). Contenders, on the same texts in the same run:

- akhbar: ``DedupIndex.decide`` (LSH + anchors + verification with the fact check), the
  publication dates compared as the pipeline does;
- text-dedup's tuned setting for news ("news"): MinHash of word 2-grams, 256 permutations,
  ``MinHashLSH(threshold=0.45)``, datasketch's default hashing: the LSH returns A for B.

Two modes:

- **text**: the corpus text, normalised (``normalize``); the crawl day stands in for the
  publication date;
- **html**: each article rendered into a full page of one of four layouts (a WordPress theme,
  an old table layout with ``<br>`` paragraphs, a modern page with JSON-LD, a portal with a
  byline and link lists; each with its furniture: menus, "most read" and "latest news"
  lists, "read also" links, share and newsletter boxes, comment forms, tag and source
  lines), A and B always in different layouts, then extracted by akhbar's real path
  (``crawler.processing.processor.analyse``: decoding, boilerplate removal, trafilatura,
  dates, normalisation, fingerprints). The decision reads what the extraction gave (text
  and publication date); the baseline gets the same extracted text.

Precision, recall and F1 against DUP (EVENT and DIFF are negatives), overall and, for v2,
per stratum.

    python -m benchmarks.dedup_pairs_eval [--mode text|html|both] [--sets v1 v2-tune v2-held ... v27-held]
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import html
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from benchmarks.corpus import snn_available, snn_records
from benchmarks.harness import machine
from crawler.items import RawPage
from crawler.processing.dedup import DedupIndex
from crawler.processing.events import day_number
from crawler.processing.fingerprint import DedupParams, anchors, fast_signature, shingles, text_digest
from crawler.processing.normalize import normalize
from crawler.processing.outcomes import Rejected
from crawler.processing.processor import analyse
from crawler.processing.wiretemplates import WireTemplates

DATA = Path(__file__).resolve().parent / "data"
PARAMS = DedupParams()
NEWS = (2, 256, 0.45)  # text-dedup's news setting: word n-gram, permutations, LSH threshold
SETS = (
    "v1",
    "v2-tune",
    "v2-held",
    "v3-held",
    "v4-held",
    "v5-held",
    "v6-held",
    "v7-held",
    "v8-held",
    "v9-held",
    "v10-held",
    "v11-held",
    "v12-held",
    "v13-held",
    "v14-held",
    "v15-held",
    "v16-held",
    "v17-held",
    "v18-held",
    "v19-held",
    "v20-held",
    "v21-held",
    "v22-held",
    "v23-held",
    "v24-held",
    "v25-held",
    "v26-held",
    "v27-held",
)
HELD_OUT = "v27-held"  # the set nothing has been tuned on (v3-v25 were read, after their first measurement)


@dataclass(frozen=True)
class Pair:
    pair_id: str
    url_a: str
    url_b: str
    stratum: str
    label: str


def load_pairs(name: str) -> list[Pair]:
    """One labelled set: ``v1``, ``v2-tune``, ``v2-held`` or ``vN-held`` (N from 3 to 15)."""
    if name == "v1":
        with (DATA / "dedup_pairs.tsv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        return [Pair(f"v1-{i}", r["url_a"], r["url_b"], r["band"], r["label"]) for i, r in enumerate(rows, 1)]
    version, split = name.split("-")
    with (DATA / f"dedup_pairs_{version}.tsv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"] == split]
    return [Pair(r["pair_id"], r["url_a"], r["url_b"], r["stratum"], r["label"]) for r in rows]


# -- contenders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One article as a contender sees it: normalised text and publication date."""

    text: str
    published: str | None


def side_day(side: Side) -> int | None:
    """The day of an article on the wire templates' clock (its publication date), when known."""
    return int(day_number(side.published)) if side.published else None


def akhbar_same(a: Side, b: Side, history: WireTemplates | None = None) -> bool:
    """``history``: the wire-template table of the articles stored before B (None: a store that holds A only)."""
    index = DedupIndex(PARAMS, {1: a.text}.__getitem__, {1: a.published}.get, history)
    sig_a, words_a, _ = fast_signature(a.text, PARAMS)
    index.load(1, text_digest(a.text), sig_a, None, anchors(a.text, PARAMS, words_a))
    sig_b, words_b, _ = fast_signature(b.text, PARAMS)
    anchors_b = anchors(b.text, PARAMS, words_b)
    return index.decide(text_digest(b.text), b.text, sig_b, anchors_b, b.published, side_day(b)).kind != "unique"


def history_stream(records: list[dict]) -> list[tuple[int, str]]:
    """Every dated record as ``(day, normalised text)``, in day order: a store's past, built once for all sets."""
    dated = [(int(day_number(r["date_extracted"][:10])), i) for i, r in enumerate(records) if r.get("date_extracted")]
    return [(day, normalize(records[i]["content"])) for day, i in sorted(dated)]


class History:
    """The whole corpus as a store's past: a wire-template table fed day by day with every article crawled
    before the day asked for (pairs are then scored in the order of their B's day)."""

    def __init__(self, stream: list[tuple[int, str]]) -> None:
        self.table = WireTemplates(PARAMS)
        self.stream = stream
        self.fed = 0

    def before(self, day: int | None) -> WireTemplates:
        """The table holding every article of the days before ``day`` (None: as far as fed)."""
        while day is not None and self.fed < len(self.stream) and self.stream[self.fed][0] < day:
            when, text = self.stream[self.fed]
            self.table.see(text, when)
            self.fed += 1
        return self.table


def _minhash(text: str, ngram: int, num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode() for s in shingles(text, ngram)])
    return m


def news_same(a: Side, b: Side, bands: tuple[int, int]) -> bool:
    ngram, perms, threshold = NEWS
    lsh = MinHashLSH(threshold=threshold, num_perm=perms, params=bands)
    lsh.insert("a", _minhash(a.text, ngram, perms))
    return "a" in lsh.query(_minhash(b.text, ngram, perms))


def contenders() -> dict[str, Callable[[Side, Side], bool]]:
    """datasketch's band optimisation is a pure function of (threshold, permutations): computed once."""
    bands = _optimal_param(NEWS[2], NEWS[1], 0.5, 0.5)
    return {"akhbar": akhbar_same, "news": functools.partial(news_same, bands=bands)}


# -- scoring ------------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, same: bool, dup: bool) -> None:
        if same and dup:
            self.tp += 1
        elif same:
            self.fp += 1
        elif dup:
            self.fn += 1
        else:
            self.tn += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (TP {self.tp:3d}, FP {self.fp:2d}, FN {self.fn:3d}, TN {self.tn:3d})"


@dataclass
class SetResult:
    overall: dict[str, Tally] = field(default_factory=dict)
    strata: dict[str, dict[str, Tally]] = field(default_factory=dict)
    skipped: int = 0  # text missing from the corpus, or the page yielded no article (html)


def score(
    pairs: list[Pair],
    side: Callable[[Pair, str], Side | None],
    judges: dict[str, Callable[[Side, Side], bool]],
    history: History | None = None,
) -> SetResult:
    """``history``: akhbar decides each pair with the corpus's earlier days as its store's past."""
    res = SetResult({name: Tally() for name in judges})
    sides = [(pair, side(pair, "a"), side(pair, "b")) for pair in pairs]
    if history is not None:
        sides.sort(key=lambda s: (s[2] is not None and s[2].published) or "")
    for pair, a, b in sides:
        dup = pair.label == "DUP"
        stratum = res.strata.setdefault(pair.stratum, {name: Tally() for name in judges})
        if a is None or b is None:
            res.skipped += 1
        for name, judge in judges.items():
            if a is None or b is None:
                same = False
            elif history is not None and name == "akhbar":
                same = akhbar_same(a, b, history.before(side_day(b)))
            else:
                same = judge(a, b)
            res.overall[name].add(same, dup)
            stratum[name].add(same, dup)
    return res


def report(title: str, res: SetResult, per_stratum: bool) -> None:
    ours, theirs = res.overall["akhbar"], res.overall["news"]
    n = ours.tp + ours.fp + ours.fn + ours.tn
    print(
        f"  {title}: {n} pairs, {ours.tp + ours.fn} DUP" + (f" ({res.skipped} without an article)" * bool(res.skipped))
    )
    print(f"    akhbar                          {ours}")
    gram, perms, thr = NEWS
    print(f"    news ({gram}-gram, {perms} perms, LSH {thr:.2f})  {theirs}")
    if per_stratum:
        print("    per stratum, TP/FP/FN akhbar | news:")
        for stratum, tallies in sorted(res.strata.items()):
            a, t = tallies["akhbar"], tallies["news"]
            dup = a.tp + a.fn
            print(
                f"      {stratum:13s} n={a.tp + a.fp + a.fn + a.tn:3d} DUP={dup:3d}  "
                f"{a.tp:3d}/{a.fp:2d}/{a.fn:2d} | {t.tp:3d}/{t.fp:2d}/{t.fn:2d}"
            )


# -- pages --------------------------------------------------------------------------------------

_MENU = ("الرئيسية", "أخبار وطنية", "اقتصاد", "رياضة", "ثقافة وفن", "مجتمع", "دولي", "اتصل بنا")


def _links(titles: list[str], base: str) -> str:
    return "".join(f'<li><a href="{base}/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(titles, 1))


def _wordpress(title: str, paras: list[str], day: str, url: str, others: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!doctype html><html dir="rtl" lang="ar"><head><meta charset="utf-8">
<title>{html.escape(title)} – أخبار اليوم</title>
<meta property="og:type" content="article"><meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="أخبار اليوم">
<meta property="article:published_time" content="{day}T09:30:00+03:00">
<link rel="canonical" href="{url}"></head><body class="single-post">
<header class="site-header"><div class="logo">أخبار اليوم</div><nav class="main-navigation">
<ul>{_links(list(_MENU), "/cat")}</ul></nav></header>
<div id="content" class="site-content"><main id="main"><article class="post">
<header class="entry-header"><h1 class="entry-title">{html.escape(title)}</h1>
<div class="entry-meta"><span class="posted-on">
<time class="entry-date published" datetime="{day}T09:30:00+03:00">{day}</time></span>
<span class="byline">بواسطة: هيئة التحرير</span></div></header>
<div class="entry-content">{body}
<div class="related-posts"><h3>اقرأ أيضا</h3><ul>{_links(others[:3], "/read")}</ul></div></div>
<footer class="entry-footer"><span class="tags-links">الوسوم: أخبار، محليات، تقارير</span>
<div class="share"><span>شارك المقال:</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a>
</div></footer>
</article>
<div id="comments" class="comments-area"><h3 class="comment-reply-title">اترك تعليقاً</h3>
<form class="comment-form">
<p class="comment-notes">لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p>
<textarea name="comment"></textarea><input type="submit" value="إرسال التعليق"></form></div></main>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">الأكثر قراءة</h2>
<ul>{_links(others[3:8], "/top")}</ul></section></aside></div>
<footer class="site-footer">جميع الحقوق محفوظة © أخبار اليوم 2015</footer></body></html>"""


_AR_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)


def _arabic_date(day: str) -> str:
    y, m, d = day.split("-")
    return f"{int(d)} {_AR_MONTHS[int(m) - 1]} {y}"


def _table(title: str, paras: list[str], day: str, url: str, others: list[str]) -> str:
    body = "<br><br>\n".join(html.escape(p) for p in paras)
    related = "".join(f'<tr><td><a href="/news/{i}">{html.escape(t)}</a></td></tr>' for i, t in enumerate(others[:5]))
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>جريدة الوطن :: {html.escape(title)}</title></head><body bgcolor="#ffffff">
<table width="980" align="center"><tr><td colspan="2" class="top">
<a href="/">الرئيسية</a> | <a href="/local">محليات</a> |
<a href="/eco">اقتصاد</a> | <a href="/sport">رياضة</a> | <a href="/archive">الأرشيف</a></td></tr>
<tr><td width="700" valign="top">
<table width="100%"><tr><td class="date"><font size="2">{_arabic_date(day)}</font></td></tr>
<tr><td class="title"><font size="5"><b>{html.escape(title)}</b></font></td></tr>
<tr><td class="text"><font size="3">{body}</font></td></tr>
<tr><td><font size="2">طباعة | إرسال لصديق | عدد القراءات: 1532</font></td></tr></table>
<table width="100%"><tr><td><b>أخبار ذات صلة</b></td></tr>{related}</table></td>
<td width="280" valign="top"><table><tr><td><b>آخر الأخبار</b></td></tr>
{"".join(f'<tr><td><a href="/last/{i}">{html.escape(t)}</a></td></tr>' for i, t in enumerate(others[5:10]))}</table>
<table><tr><td>القائمة البريدية: أدخل بريدك الإلكتروني <input type="text"> <input type="submit" value="اشتراك"></td>
</tr></table></td></tr>
<tr><td colspan="2" align="center"><font size="1">جميع الحقوق محفوظة لجريدة الوطن</font></td></tr></table></body>
</html>"""


def _modern(title: str, paras: list[str], day: str, url: str, others: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    jsonld = (
        '{"@context":"https://schema.org","@type":"NewsArticle","headline":'
        f'"{html.escape(title)}","datePublished":"{day}T11:05:00+03:00","publisher":{{"@type":"Organization","name":"المرصد"}}}}'
    )
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{html.escape(title)} | المرصد</title><meta name="description" content="{html.escape(paras[0][:150])}">
<script type="application/ld+json">{jsonld}</script></head><body>
<div class="topbar"><span class="weather">الرياض 44°</span><span class="today">{_arabic_date(day)}</span></div>
<nav class="navbar"><ul>{_links(list(_MENU), "/section")}</ul></nav>
<div class="breaking"><span>عاجل</span> {html.escape(others[0])}</div>
<main class="container"><article class="story">
<nav class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/section/local">محليات</a></nav>
<h1 class="story-title">{html.escape(title)}</h1>
<div class="story-meta"><time datetime="{day}T11:05:00+03:00">{_arabic_date(day)}</time></div>
<div class="story-body">{body}</div>
<div class="newsletter"><h4>اشترك في النشرة البريدية</h4><p>احصل على أهم الأخبار يوميا في بريدك</p>
<input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></div>
<div class="share-bar">شارك: <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">نسخ الرابط</a></div>
</article><section class="more"><h2>اقرأ أيضاً</h2><ul>{_links(others[1:5], "/story")}</ul></section>
<aside class="latest"><h2>آخر الأخبار</h2><ul>{_links(others[5:10], "/latest")}</ul></aside></main>
<footer><p>© 2015 المرصد. جميع الحقوق محفوظة.</p><a href="/privacy">سياسة الخصوصية</a></footer></body></html>"""


def _portal(title: str, paras: list[str], day: str, url: str, others: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!doctype html><html dir="rtl"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:title" content="{html.escape(title)}"><meta name="pubdate" content="{day.replace("-", "")}">
</head><body>
<div id="header"><a href="/"><img alt="بوابة الخليج" src="/logo.png"></a><div class="search">
<input name="q"> بحث</div></div>
<ul id="menu">{_links(list(_MENU), "/c")}</ul>
<div id="ticker">آخر الأخبار: {" • ".join(html.escape(t) for t in others[:3])}</div>
<div id="main"><div class="ad">إعلان</div>
<div class="news-details"><h1>{html.escape(title)}</h1>
<div class="author">كتب: محرر الشؤون المحلية</div><div class="pub-date">نشر في: {_arabic_date(day)}</div>
<div class="details">{body}</div>
<div class="source">المصدر: بوابة الخليج</div>
<div class="tags">كلمات دلالية: <a href="/t/1">السعودية</a> <a href="/t/2">أخبار</a></div>
<div class="comments"><h3>التعليقات</h3><p>التعليقات المنشورة لا تعبر عن رأي الموقع وإنما عن رأي أصحابها</p>
<p>أضف تعليقك</p><textarea></textarea></div></div>
<div class="side"><h3>الأكثر مشاهدة</h3><ol>{_links(others[3:9], "/most")}</ol></div></div>
<div id="footer">جميع الحقوق محفوظة - بوابة الخليج</div></body></html>"""


LAYOUTS: dict[str, Callable[[str, list[str], str, str, list[str]], str]] = {
    "wordpress": _wordpress,
    "table": _table,
    "modern": _modern,
    "portal": _portal,
}


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\t".join(parts).encode()).digest()[:8], "little")


def layouts_for(pair: Pair) -> tuple[str, str]:
    """Two different layouts per pair, chosen by a hash of the pair (the same every run)."""
    names = list(LAYOUTS)
    first = _digest(pair.url_a, pair.url_b) % len(names)
    second = (first + 1 + _digest(pair.url_b, pair.url_a) % (len(names) - 1)) % len(names)
    return names[first], names[second]


def render(layout: str, rec: dict, others: list[str]) -> bytes:
    day = (rec.get("date_extracted") or "2015-08-01")[:10]
    paras = [p.strip() for p in (rec.get("content") or "").split("\n") if p.strip()]
    title = (rec.get("title") or paras[0][:80]).strip()
    return LAYOUTS[layout](title, paras, day, rec["url"], others).encode("utf-8")


# -- running ------------------------------------------------------------------------------------


@dataclass
class Corpus:
    records: dict[str, dict]
    titles: list[str]
    past: list[tuple[int, str]] | None = None  # the history mode's stream (:func:`history_stream`; None: without)
    extracted: dict[tuple[str, str], Side | None] = field(default_factory=dict)

    def text_side(self, pair: Pair, which: str) -> Side | None:
        rec = self.records.get(pair.url_a if which == "a" else pair.url_b)
        if rec is None:
            return None
        return Side(normalize(rec["content"]), (rec.get("date_extracted") or "")[:10] or None)

    def others(self, url: str) -> list[str]:
        """Ten other headlines for a page's link lists (chosen by the URL's hash, the same every run)."""
        start = _digest(url) % max(1, len(self.titles) - 10)
        return self.titles[start : start + 10]

    def html_side(self, url: str, layout: str) -> Side | None:
        """The page of ``url`` in ``layout``, extracted by akhbar (once per page: every contender reads it)."""
        key = (url, layout)
        if key not in self.extracted:
            rec = self.records.get(url)
            side = None
            if rec is not None:
                body = render(layout, rec, self.others(url))
                try:
                    item = analyse(RawPage(url=url, body=body, headers=(("Content-Type", "text/html"),)), PARAMS)
                    side = Side(item.normalised, item.article.published_at)
                except Rejected:
                    pass
            self.extracted[key] = side
        return self.extracted[key]

    def page_side(self, pair: Pair, which: str) -> Side | None:
        layout_a, layout_b = layouts_for(pair)
        return self.html_side(pair.url_a, layout_a) if which == "a" else self.html_side(pair.url_b, layout_b)


def load_corpus(sets: list[str], history: bool = False) -> Corpus:
    wanted = {url for name in sets for p in load_pairs(name) for url in (p.url_a, p.url_b)}
    records = snn_records()
    titles = [str(r.get("title") or "").strip() for r in records if (r.get("title") or "").strip()][:5000]
    past = history_stream(records) if history else None
    return Corpus({r["url"]: r for r in records if r["url"] in wanted}, titles, past)


def run(corpus: Corpus, sets: list[str], modes: list[str]) -> Iterator[tuple[str, str, SetResult]]:
    judges = contenders()
    for mode in modes:
        side = corpus.text_side if mode == "text" else corpus.page_side
        for name in sets:
            history = History(corpus.past) if corpus.past is not None else None
            yield mode, name, score(load_pairs(name), side, judges, history)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("text", "html", "both"), default="both")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument(
        "--history",
        action="store_true",
        help="akhbar decides each pair with the corpus's earlier days as its store's past (wire templates)",
    )
    args = parser.parse_args()
    print(f"# dedup pairs benchmark: {machine()}")
    if not snn_available():
        print("skipped: ../shared/corpora/saudinewsnet is absent (the pairs' texts live there)")
        return
    modes = ["text", "html"] if args.mode == "both" else [args.mode]
    corpus = load_corpus(args.sets, args.history)
    start = time.perf_counter()
    for mode, name, res in run(corpus, args.sets, modes):
        held = " [HELD OUT: not used for tuning]" if name == HELD_OUT else ""
        where = "clean text" if mode == "text" else f"through HTML ({len(LAYOUTS)} layouts, akhbar's extraction)"
        where += ", with the corpus's earlier days as history" if args.history else ""
        report(f"{name}, {where}{held}", res, per_stratum=name != "v1")
    print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
