from __future__ import annotations

from crawler.processing.dedup import DedupIndex
from crawler.processing.extract import Article
from crawler.processing.fingerprint import DedupParams
from crawler.processing.processor import Processor, fingerprint
from crawler.processing.templates import SiteTemplates, line_keys

FURNITURE = ["تابعونا على فيسبوك وتويتر", "المصدر: أخبار المدينة"]


def article(n: int, body: str) -> Article:
    text = "\n".join([FURNITURE[0], body, FURNITURE[1]])
    return Article(url=f"https://akhb.example/{n}", title=None, author=None, published_at=None,
                   language="ar", site="akhb", text=text)  # fmt: skip


def test_cleaning_fingerprints_the_cleaned_text_as_a_fresh_analysis_would(conference_text: str) -> None:
    """Cleaning re-uses the analysis's per-line normalisation: the result must be exactly the
    fingerprint of the cleaned text, computed from scratch."""
    params = DedupParams()
    templates = SiteTemplates()
    for n in (1, 2):
        templates.learn("akhb", line_keys(article(n, f"خبر رقم {n} عن موضوع آخر تماما").text))
    processor = Processor(params, DedupIndex(params, lambda _id: "", lambda _id: None), templates)
    item = fingerprint(article(3, conference_text), params)

    cleaned = processor.clean(item, "akhb")

    assert cleaned.article.text == conference_text.strip()
    fresh = fingerprint(cleaned.article, params)
    assert (cleaned.normalised, cleaned.digest, cleaned.signature, cleaned.anchors, cleaned.shingle_count) == (
        fresh.normalised, fresh.digest, fresh.signature, fresh.anchors, fresh.shingle_count
    )  # fmt: skip
    assert cleaned.raw_text == item.raw_text and cleaned.line_keys == item.line_keys  # what templates learn from
    other = fingerprint(article(4, conference_text), params)
    assert processor.clean(other, "other-site") is other  # nothing learnt there: not re-fingerprinted
