"""Remove page furniture from a parsed page before trafilatura sees it.

trafilatura already drops most navigation; what it keeps on real Arabic news pages
are blocks that look like prose: "read also" boxes that pull in a second article,
related and "most read" lists, comment forms, cookie and newsletter boxes, share
bars, hashtag lines and ad-slot labels. Three passes, all deterministic and local to
one page:

1. blocks whose ``class``/``id`` words name furniture (``share``, ``related``,
   ``comments``, ``cookie``…), unless the block holds most of the page's prose;
2. short elements whose whole text is a known label ("afterheader desktop",
   "إعلان", "العودة للأعلى", a hashtag line…);
3. "اقرأ أيضا" / "شاهد أيضا" markers and what they pull in.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.normalize import normalize

# Words of class/id attributes (split on spaces, "-" and "_") that name furniture.
_JUNK_WORDS = frozenset(
    [
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "share",
        "shares",
        "sharing",
        "sharer",
        "sharethis",
        "addthis",
        "social",
        "socials",
        "related",
        "relatedposts",
        "readalso",
        "readmore",
        "yarpp",
        "mostread",
        "mostviewed",
        "popular",
        "trending",
        "recent",
        "newsletter",
        "subscribe",
        "subscription",
        "comment",
        "comments",
        "respond",
        "disqus",
        "reply",
        "replies",
        "advert",
        "advertisement",
        "advertising",
        "ads",
        "ad",
        "adsbygoogle",
        "adslot",
        "dfp",
        "sponsor",
        "sponsored",
        "promo",
        "breadcrumb",
        "breadcrumbs",
        "tagcloud",
        "hashtags",
        "hashtag",
        "sidebar",
        "widget",
        "widgets",
        "postnav",
        "pagination",
        "pager",
        "print",
        "whatsapp",
        "facebook",
        "twitter",
        "telegram",
        "outbrain",
        "taboola",
    ]
)
# Compound names whose parts are harmless alone ("post", "navigation", "tags", "nav").
_JUNK_COMPOUNDS = re.compile(
    r"post[-_]?navigation|nav[-_]?links|post[-_]?tags|entry[-_]?tags|article[-_]?tags|"
    r"tags[-_]?(list|wrap|box|links)|more[-_]?news|latest[-_]?news|read[-_]?also|"
    r"most[-_]?(read|viewed|popular)|author[-_]?box|about[-_]?author|ad[-_]?(slot|unit|box|zone)",
    re.I,
)
_PROTECTED_TAGS = frozenset({"html", "body", "article", "main", "h1"})

# Whole-text labels (compared after normalisation).
_LABELS = frozenset(
    normalize(s)
    for s in (
        "إعلان",
        "إعلانات",
        "اعلان",
        "advertisement",
        "publicité",
        "sponsored",
        "العودة للأعلى",
        "العودة إلى الأعلى",
        "الرجوع للأعلى",
        "back to top",
        "شارك",
        "شارك المقال",
        "شارك الخبر",
        "شاركها",
        "مشاركة",
        "أعجبني",
        "لم يعجبني",
        "طباعة",
        "تعليقات",
        "أضف تعليق",
        "أضف تعليقك",
        "اترك تعليقا",
        "اترك تعليقاً",
        "Recent Posts",
        "Post navigation",
        "انتقل إلى المحتوى",
        "Skip to content",
    )
)
_AD_SLOT = re.compile(
    r"^(after|before|in|top|bottom|middle)\s*(header|content|article|post|footer|title)?\s*(desktop|mobile)$"
)
_HASHTAG_LINE = re.compile(r"^(#\S+\s*)+$")
_READ_ALSO = re.compile(
    r"^\s*(ا|إ|أ)?قرا?أ?\s*(أيضا|أيضاً|ايضا|ايضاً|كذلك)|^\s*(شاهد|طالع|تابع)\s*(أيضا|أيضاً|ايضا|كذلك)|"
    r"^\s*(read|see)\s+(also|more)\b|^\s*related\s*:",
    re.I,
)
_TAG_LINE = re.compile(r"^\s*(كلمات\s+دلالية|الكلمات\s+المفتاحية|الوسوم|وسوم|tags)\s*[:：]", re.I)
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = ("p", "div", "span", "li", "h2", "h3", "h4", "h5", "h6", "strong", "b", "a", "section", "aside")
_IS_BLOCK = " or ".join(f"self::{t}" for t in _BLOCK_TAGS)
# Candidates are found by XPath (in C) so the Python passes only see a handful of elements.
_WITH_ATTRS = XPath("//body//*[@class or @id]")
_TO_SPACE = str.maketrans("-_", "  ")
# Text nodes, not elements: an element's string value is its whole subtree (quadratic).
_SHORT_TEXTS = XPath("//body//text()[string-length(normalize-space(.)) > 0][string-length(.) <= 80]")
_READ_ALSO_TEXTS = XPath(
    "//body//text()[contains(., 'يضا') or contains(., 'كذلك') or contains(., 'lso') or contains(., 'ore')"
    " or contains(., 'elated')]"
)


def _text_parents(xpath: XPath, tree: HtmlElement) -> list[HtmlElement]:
    """Distinct block elements holding the text nodes ``xpath`` selects, in document order."""
    seen: set[int] = set()
    out = []
    for node in xpath(tree):
        el = node.getparent()
        if node.is_tail:
            el = el.getparent() if el is not None else None
        while el is not None and el.tag not in _BLOCK_TAGS and el.tag not in ("body", "html"):
            el = el.getparent()
        if el is None or el.tag not in _BLOCK_TAGS or id(el) in seen:
            continue
        seen.add(id(el))
        out.append(el)
    return out


_PROSE = XPath("string-length(normalize-space(string-join(.//p//text(), ' ')))")


def _bounded_text(el: HtmlElement, limit: int) -> str | None:
    """The element's text, or None as soon as it exceeds ``limit`` characters (cheap on big blocks)."""
    parts: list[str] = []
    size = 0
    for chunk in el.itertext():
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return "".join(parts)


def _prose_length(el: HtmlElement) -> int:
    return sum(len(t) for t in el.xpath(".//p//text()"))


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def drop_furniture_blocks(tree: HtmlElement) -> int:
    """Pass 1: remove blocks named as furniture by their class or id."""
    total = _prose_length(tree) or 1
    doomed: list[HtmlElement] = []
    doomed_ids: set[int] = set()
    for el in _WITH_ATTRS(tree):
        raw = f"{el.get('class', '')} {el.get('id', '')}"
        if _JUNK_WORDS.isdisjoint(raw.lower().translate(_TO_SPACE).split()) and not _JUNK_COMPOUNDS.search(raw):
            continue
        if el.tag in _PROTECTED_TAGS or any(id(a) in doomed_ids for a in el.iterancestors()):
            continue
        if _prose_length(el) > 0.4 * total or el.find(".//h1") is not None:
            continue  # a wrapper around the article itself (e.g. "post-with-sidebar")
        doomed.append(el)
        doomed_ids.add(id(el))
    for el in doomed:
        _drop(el)
    return len(doomed)


def drop_labels(tree: HtmlElement) -> int:
    """Pass 2: remove short elements whose whole text is a furniture label."""
    doomed = []
    for el in _text_parents(_SHORT_TEXTS, tree):
        text = _bounded_text(el, 80)
        if text is None:
            continue
        norm = normalize(text)
        if not norm:
            continue
        if norm in _LABELS or _AD_SLOT.match(norm) or _HASHTAG_LINE.match(text.strip()) or _TAG_LINE.match(text):
            doomed.append(el)
    for el in doomed:
        _drop(el)
    return len(doomed)


def _link_dominant(el: HtmlElement) -> bool:
    text = el.text_content().strip()
    if not text:
        return False
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return el.tag in ("ul", "ol") or linked >= 0.6 * len(text)


def _looks_like_headline(el: HtmlElement) -> bool:
    if el.tag in _HEADLINE_TAGS:
        return True
    text = el.text_content().strip()
    return 0 < len(text) <= 160 and not text.endswith((".", "،", ":", "!", "؟"))


def drop_read_also(tree: HtmlElement) -> int:
    """Pass 3: remove "read also" markers and what they pull in.

    A marker that carries its own link text ("اقرأ أيضا: عنوان…") goes alone. A bare
    marker heading takes the link list after it; if a headline follows, a whole
    second article was inlined, and everything after the marker in that container goes.
    """
    removed = 0
    markers = []
    for el in _text_parents(_READ_ALSO_TEXTS, tree):
        text = _bounded_text(el, 300)
        if text is None or not _READ_ALSO.match(text):
            continue
        if any(_READ_ALSO.match(_bounded_text(c, 300) or "") for c in el.iterchildren(*_BLOCK_TAGS)):
            continue  # the innermost element carrying the marker is the one to judge
        markers.append(el)
    for el in markers:
        if el.getparent() is None:
            continue
        # climb to the outermost ancestor that holds nothing but the marker
        while (
            el.getparent() is not None
            and el.getparent().tag not in _PROTECTED_TAGS
            and el.getparent().text_content().strip() == el.text_content().strip()
        ):
            el = el.getparent()
        bare = len(normalize(el.text_content()).split()) <= 3
        if bare:
            nxt = el.getnext()
            if nxt is not None and _link_dominant(nxt):
                _drop(nxt)
                removed += 1
            nxt = el.getnext()
            if nxt is not None and _looks_like_headline(nxt):
                while el.getnext() is not None:
                    _drop(el.getnext())
                    removed += 1
        _drop(el)
        removed += 1
    return removed


def strip_boilerplate(tree: HtmlElement) -> int:
    """Run all passes in place; return the number of elements removed."""
    return drop_furniture_blocks(tree) + drop_labels(tree) + drop_read_also(tree)
