"""Remove page furniture from a parsed page before trafilatura sees it.

trafilatura already drops most navigation; what it keeps on real Arabic news pages
are blocks that look like prose: "read also" boxes that pull in a second article,
related and "most read" lists, comment forms, cookie and newsletter boxes, share
bars, hashtag lines and ad-slot labels. Three passes, all deterministic and local to
one page:

0. layout tables (old table-based templates) become plain blocks, so trafilatura
   judges their cells like any ``<div>`` instead of keeping the whole page as a table;
   text only screen readers read goes (:func:`drop_screen_reader_text`);
1. blocks whose ``class``/``id`` words name furniture (``share``, ``related``,
   ``comments``, ``cookie``…), unless the block holds most of the page's prose or the
   first paragraph of the page's own article (the one after its headline), and
   link lists introduced by a furniture heading ("الأكثر قراءة", "Most read"…); the small
   box around a form or a button link (:func:`drop_calls_to_action`);
2. short elements whose whole text is a known label ("afterheader desktop",
   "إعلان", "العودة للأعلى", a hashtag line, a "عدد القراءات: 812" counter…);
3. "اقرأ أيضا" / "شاهد أيضا" / "Lire aussi" markers and what they pull in.

After extraction, :func:`trim_edges` drops the byline/dateline, date-stamp, source, notice
and disclaimer lines that Arabic sites put in paragraphs of their own before and after the
article, the headline when trafilatura repeats it, and a trailing translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.comments import is_comments_heading
from crawler.processing.dates import is_date_line, is_dated_signoff
from crawler.processing.insetboxes import inset_boxes
from crawler.processing.normalize import fold, mostly_arabic, normalize
from crawler.processing.ownarticle import direct_text_chars, find_headline, following

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
        "guestbook",  # a static site's readers' messages ("livre d'or")
        "livredor",
        "reply",
        "replies",
        "advert",
        "advertisement",
        "advertising",
        "ads",
        "ad",
        "adsbygoogle",
        "adsense",
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
        "side",  # a layout's side column ("col-side", "right-side"); wrappers of the article are guarded
        "poll",
        "polls",
        "sondage",
        "survey",
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
        "paywall",
        "footnote",
        "footnotes",
        "appendix",  # a static site generator's closing appendix: licence, citation, references (Quarto, Distill)
        "factbox",  # a box of figures or facts beside the story ("block--factbox")
        "infobox",
        "pullquote",
        "instagram",  # embedded posts ("instagram-media", "tiktok-embed", "fb-post"): another page's text
        "tiktok",
        "signature",  # the byline paragraph ("field-signature", "p.signature")
    ]
)
# Words that name furniture in a theme's sidebar ("widget widget_recent_entries") but every block of
# a page builder's layout too ("elementor-widget-wrap", "elementor-widget-text-editor", "so-widget"):
# a block named by these alone is furniture unless it holds paragraphs of prose of its own.
_WEAK_JUNK_WORDS = frozenset({"widget", "widgets"})
MIN_OWN_PROSE_CHARS = 150  # link-free paragraph text that makes a "widget" a block of the article
# Compound names whose parts are harmless alone ("post", "navigation", "tags", "nav").
_JUNK_COMPOUNDS = re.compile(
    r"post[-_]?navigation|nav[-_]?links|post[-_]?tags|entry[-_]?tags|article[-_]?tags|"
    r"tags[-_]?(list|wrap|box|links)|more[-_]?news|latest[-_]?news|read[-_]?also|"
    r"most[-_]?(read|viewed|popular|commented|shared|liked|recent)|"
    r"(popular|recent|latest|trending)[-_]?(posts|news|articles|stories)|"
    r"author[-_]?(box|card|bio|info|profile)|about[-_]?author|ad[-_]?(slot|unit|box|zone)|pull[-_]?quote|"
    r"fb[-_]?(post|video|xfbml)",
    re.I,
)
_PROTECTED_TAGS = frozenset({"html", "body", "article", "main", "h1"})

# An advertisement's label: alone, it goes; over the ad it labels, set as one link, the link goes with it.
_AD_LABEL_WORDS = (
    "إعلان",
    "إعلانات",
    "اعلان",
    "إشهار",  # the Maghreb's word for an advertisement
    "اشهار",
    "مساحة إعلانية",
    "إعلان ممول",
    "محتوى إعلاني",
    "محتوى مدعوم",
    "advertisement",
    "publicité",
    "sponsored",
)
_AD_LABELS = frozenset(normalize(s) for s in _AD_LABEL_WORDS)
# Whole-text labels (compared after normalisation).
_LABELS = frozenset(
    normalize(s)
    for s in (
        *_AD_LABEL_WORDS,
        "العودة للأعلى",
        "العودة إلى الأعلى",
        "الرجوع للأعلى",
        "back to top",
        # a link back to the list the story was opened from ("<< رجوع")
        "رجوع",
        "الرجوع",
        "عودة",
        "العودة",
        "Back",
        "Retour",
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
        # links to the neighbouring stories ("< السابق", "التالي >"; "المقال التالي" is left to the read-also
        # pass: it may head a whole second article)
        "السابق",
        "التالي",
        "Previous",
        "Next",
        "Précédent",
        "Suivant",
        "انتقل إلى المحتوى",
        "Skip to content",
        # article action bars of every CMS generation
        "أرسل لصديق",
        "ارسل الى صديق",
        "أرسل إلى صديق",
        "إرسال لصديق",
        "Send to a friend",
        "Envoyer à un ami",
        "PDF",
        "Print",
        "Imprimer",
        "نسخ الرابط",
        # video and photo embed labels
        "شاهد الفيديو",
        "شاهد بالفيديو",
        "شاهد الفيديوهات",
        "شاهد الصور",
        "فيديو",
        "Watch the video",
        "Voir la vidéo",
        # "read it at the source", "read more", paywall prompts: links and calls, not text
        "اقرأ الخبر من المصدر",
        "اقرأ الخبر كاملا من المصدر",
        "اقرأ المزيد",
        "اقرأ المزيد من المصدر",
        "تابع القراءة",
        "للمزيد",
        "Continue reading",
        "Keep reading",
        "Lire la suite",
        # empty comment sections
        "كن أول من يعلق",
        "كن أول من يعلق!",
        "لا توجد تعليقات",
        "لا توجد تعليقات على هذا الخبر",
        "لا توجد تعليقات على هذا المقال",
        "Be the first to comment",
        "No comments yet",
        "Soyez le premier à commenter",
        # follow-us and poll boxes
        "تابعونا",
        "تابعونا على",
        "تابعونا على مواقع التواصل",
        "Follow us",
        "Suivez-nous",
        "استطلاع الرأي",
        "استطلاع رأي",
        "Sondage",
        "Poll",
    )
)
# "عدد القراءات: 812", "المشاهدات 1.2K", "التعليقات (0)", "812 views", "1.2M معجب" (a follow-us box):
# counters, after normalisation.
_COUNTER = re.compile(
    r"^(?:(?:عدد\s+)?(?:القراءات|قراءات|المشاهدات|مشاهدات|مشاهده|الزيارات|زيارات|التعليقات|تعليقات|تعليق)"
    r"|views|vues|lectures|reads|comments|commentaires)\s*\d+(?:\s\d+)?(?:\s*[km])?$"
    r"|^\d+(?:\s\d+)?(?:\s*[km])?\s*(?:قراءه|قراءات|مشاهده|مشاهدات|تعليق|تعليقات|views|vues|lectures|comments|commentaires"
    r"|معجب|متابع|مشترك|fans|followers|abonnes|abonnés|subscribers)$"
)
# Parts of an action bar or meta line: "طباعة | أرسل لصديق | PDF".
_BAR_SEPARATORS = re.compile(r"\s*[|•·◆]\s*")
_AD_SLOT = re.compile(
    r"^(after|before|in|top|bottom|middle)\s*(header|content|article|post|footer|title)?\s*(desktop|mobile)$"
)
_HASHTAG_LINE = re.compile(r"^(#\S+\s*)+$")
# Short vowels, tanween, shadda, sukun and tatweel: a label is matched without them ("أيضًا",
# "أيضاً" and "أيضا" are one word; writers put the tanween before or after the alif).
_HARAKAT = re.compile("[\u064b-\u0652\u0640]")


def _bare(text: str) -> str:
    """The text without short vowels and tatweel, for matching labels written with them."""
    return _HARAKAT.sub("", text)


# "** اقرأ أيضا:", "» اقرأ أيضا", "- Read also", "▶ شاهد": bullets, dashes, arrows and geometric shapes
_MARKER_LEAD = r"^[\s*\-–—•·»>|\u2190-\u21ff\u25a0-\u25ff]*"
_READ_ALSO = re.compile(
    rf"{_MARKER_LEAD}(ا|إ|أ)?قرا?أ?\s*(أيضا|أيضاً|ايضا|ايضاً|كذلك)|{_MARKER_LEAD}(شاهد|طالع|تابع)\s*(أيضا|أيضاً|ايضا|كذلك)|"
    rf"{_MARKER_LEAD}(شاهد|شاهدوا|طالع)\s*(ب?ال)?(فيديو|صور)\S*\s*[:：]|"  # "▶ شاهد الفيديو: <title>"
    rf"{_MARKER_LEAD}(قد|ربما)\s+(يهمك|يهمّك|تهمك|يعجبك)|"  # "قد يهمك أيضا: <title>", "ربما يعجبك"
    rf"{_MARKER_LEAD}(read|see)\s+(also|more)\b|{_MARKER_LEAD}related\s*:|"
    rf"{_MARKER_LEAD}([àa]\s+)?(lire|voir)\s+aussi\b|{_MARKER_LEAD}sur\s+le\s+même\s+sujet\b",
    re.I,
)
_TAG_LINE = re.compile(r"^\s*(كلمات\s+دلالية|الكلمات\s+المفتاحية|الوسوم|وسوم|tags)\s*[:：]", re.I)
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = ("p", "div", "span", "font", "li", "h2", "h3", "h4", "h5", "h6", "strong", "b", "a", "section", "aside")
_IS_BLOCK = " or ".join(f"self::{t}" for t in _BLOCK_TAGS)
# Candidates are found by XPath (in C) so the Python passes only see a handful of elements.
_WITH_ATTRS = XPath("//body//*[@class or @id]")
_TO_SPACE = str.maketrans("-_", "  ")
# Text nodes first, not elements (an element's string value is its whole subtree: quadratic),
# then each one's nearest block ancestor: XPath returns them deduplicated, in document order.
_NEAREST_BLOCK = f"/ancestor::*[{_IS_BLOCK}][1]"
_SHORT_TEXT_BLOCKS = XPath(
    "//body//text()[string-length(normalize-space(.)) > 0][string-length(.) <= 80]" + _NEAREST_BLOCK
)
_READ_ALSO_BLOCKS = XPath(  # a marker's block holds at most 300 characters (drop_read_also): so does its text
    "//body//text()[string-length(.) <= 300][contains(., 'يض') or contains(., 'كذلك') or contains(., 'lso')"
    " or contains(., 'ore') or contains(., 'elated') or contains(., 'ussi') or contains(., 'ême sujet')"
    " or contains(., 'شاهد') or contains(., 'طالع') or contains(., 'يهمك') or contains(., 'تهمك')"
    " or contains(., 'يهمّك') or contains(., 'يعجبك')]" + _NEAREST_BLOCK
)


# Layout tables: they hold what no data table holds (the page headline, a form, another
# table), or say so (role="presentation"), or have one column (:func:`_one_column`).
_LAYOUT_TABLES = XPath(
    "//body//table[@role='presentation' or @role='none' or .//table or .//h1 or .//h2 or .//form or .//textarea]"
)
_TABLE_PARTS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})
_PLAIN_TABLES = XPath("//body//table[not(.//th)]")
_ROWS = XPath("./tr | ./tbody/tr | ./thead/tr | ./tfoot/tr")


def _one_column(table: HtmlElement) -> bool:
    """Rows of one cell each: a stack of blocks (title, date line, text, share row), or one boxed block (a
    note, a page footer: a one-cell table is never data; left a table, trafilatura may keep the page's
    tables and lose the text beside them), not data."""
    rows = _ROWS(table)
    return len(rows) >= 1 and all(sum(1 for c in row if c.tag in ("td", "th")) <= 1 for row in rows)


MIN_COLUMN_PROSE_CHARS = 150  # a column holding a run of text this long may hold the story: it stays


def _side_cells(row: HtmlElement, headline: HtmlElement) -> list[HtmlElement]:
    """The cells of a layout row that holds the headline's cell, beside it, that hold no run of prose (at least
    :data:`MIN_COLUMN_PROSE_CHARS` characters in one text node) and no heading of a story: the page's side
    columns (a menu, the day's date, headed link lists, an ad, a newsletter form)."""
    cells = [c for c in row if c.tag in ("td", "th")]
    own = next((c for c in cells if any(a is c for a in headline.iterancestors())), None)
    if own is None or len(cells) < 2:
        return []
    return [
        cell
        for cell in cells
        if cell is not own
        and cell.find(".//h1") is None
        and not any(len(t.strip()) >= MIN_COLUMN_PROSE_CHARS for t in cell.itertext())
    ]


def unwrap_layout_tables(tree: HtmlElement, headline: HtmlElement | None = None) -> int:
    """Pass 0: turn layout tables into ``<div>`` blocks.

    Table-based templates (still common on older Arabic regional sites) put the menu,
    the sidebars, the article and the comment form in cells of one big table; with
    tables enabled trafilatura then keeps the whole page. As plain blocks, each cell
    is judged on its own (link density, length), which is what the layout meant.
    A table of one column (a title row, a date row, a text row...) is a layout too.
    Data tables (with several rows and columns, or header cells) stay tables.
    In the row that holds the page's ``headline``, the cells beside the headline's that hold no
    prose (:func:`_side_cells`) are its side columns and go.
    """
    tables = [*_LAYOUT_TABLES(tree), *(t for t in _PLAIN_TABLES(tree) if _one_column(t))]
    if headline is not None:
        rows = [row for row in headline.iterancestors("tr") if next(row.iterancestors("table"), None) in tables]
        for cell in (cell for row in rows for cell in _side_cells(row, headline)):
            _drop(cell)
    for table in dict.fromkeys(tables):
        for row_group in [table, *(c for c in table if c.tag in ("tbody", "thead", "tfoot"))]:
            for row in row_group:
                if row.tag == "tr":
                    for cell in row:
                        if cell.tag in ("td", "th"):
                            cell.tag = "div"
                if row.tag in _TABLE_PARTS:
                    row.tag = "div"
        table.tag = "div"
    return len(tables)


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


_PROSE_TEXTS = XPath(".//p//text()")


def _prose_length(el: HtmlElement) -> int:
    return sum(len(t) for t in _PROSE_TEXTS(el))


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


_STRING_LENGTH = XPath("string-length(.)")
_CODE = XPath(".//script | .//style | .//noscript")


def _visible_length(el: HtmlElement) -> int:
    """Characters of text under ``el``, scripts and styles left out (counted in C by XPath)."""
    size = int(_STRING_LENGTH(el))
    return size - sum(int(_STRING_LENGTH(code)) for code in _CODE(el)) if size else 0


def _article_guard(tree: HtmlElement, headline: HtmlElement | None = None) -> Callable[[HtmlElement], bool]:
    """A test for "this block holds most of the page's prose" (so it is the article).

    Text in ``<p>`` is prose on most pages. Pages that set their text without ``<p>``
    (``<br>``-separated cells, bare divs) are also measured by all visible text (and only by it
    when the page's ``<p>`` hold less than :data:`MIN_GUARD_PROSE` characters: a sidebar poll's
    question is not the article), so
    that a wrapper with a furniture-like name ("recentNews") around the article is
    still recognised as the article. Candidates are measured with ``string-length``
    (scripts included: that can only protect more, never less).
    """
    prose = _prose_length(tree)
    visible = _visible_length(tree)
    own = _own_body_start(headline if headline is not None else find_headline(tree))
    if prose >= 0.3 * visible:
        return lambda el: _prose_length(el) > 0.4 * prose or _contains(el, own)
    if prose < MIN_GUARD_PROSE:  # the page's few <p> are a poll's question or a caption: they say nothing
        return lambda el: int(_STRING_LENGTH(el)) > 0.4 * visible or _contains(el, own)
    return lambda el: _prose_length(el) > 0.4 * prose or int(_STRING_LENGTH(el)) > 0.4 * visible or _contains(el, own)


MIN_GUARD_PROSE = 300  # characters of <p> text below which a page's text is not set in <p>s


def _contains(el: HtmlElement, inner: HtmlElement | None) -> bool:
    return inner is not None and (inner is el or any(a is el for a in inner.iterancestors()))


def _own_body_start(headline: HtmlElement | None) -> HtmlElement | None:
    """The first paragraph of the page's own article: the first ``<p>`` of 80+ characters after
    the page's headline. A block holding it is the article's, however it is named, even when a
    longer pulled-in article holds most of the page's prose."""
    if headline is None:
        return None
    for el in following(headline):
        if el.tag == "p" and len(el.text_content().strip()) >= 80:
            return el
    return None


def _class_words(raw: str) -> list[str]:
    """The words of a class/id string ("entry-chapo post_title" → entry, chapo, post, title)."""
    return raw.lower().translate(_TO_SPACE).split()


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _camel_words(raw: str) -> list[str]:
    """:func:`_class_words` with camel case split too: CSS modules name classes
    ``Component_local__hash`` ("StorySubheadline_sub__Jc8Rw" → story, subheadline, sub, jc8rw), and
    the words as written stay ("ArticlePage-subHeadline" → subheadline).
    Only for names that say what a block *is* (a standfirst): as furniture names, camel-case parts
    mislead ("PrintThis" marks the printable article, not a print button)."""
    return _class_words(raw) + _class_words(_CAMEL.sub(" ", raw))  # "subHeadline" is one word too


@lru_cache(maxsize=1 << 14)  # class/id strings repeat across a site's pages: judge each once per process
def _furniture_name(raw: str) -> bool | str:
    """Whether a class/id string names furniture: True, "weak" (only :data:`_WEAK_JUNK_WORDS`), False."""
    words = set(_class_words(raw)) & _JUNK_WORDS
    if _JUNK_COMPOUNDS.search(raw):
        return True
    if not words:
        return False
    return "weak" if words <= _WEAK_JUNK_WORDS else True


_UNLINKED_PROSE = XPath(".//p//text()[not(ancestor::a)]")


def _unlinked_prose(el: HtmlElement) -> int:
    """Characters of ``el``'s paragraphs that are not link text."""
    return sum(len(t) for t in _UNLINKED_PROSE(el))


def drop_furniture_blocks(tree: HtmlElement, holds_article: Callable[[HtmlElement], bool] | None = None) -> int:
    """Pass 1: remove blocks named as furniture by their class or id."""
    holds_article = holds_article or _article_guard(tree)
    doomed: list[HtmlElement] = []
    doomed_ids: set[int] = set()
    named: dict[str, bool | str] = {}  # class/id strings repeat a lot on a page: judge each once
    for el in _WITH_ATTRS(tree):
        raw = f"{el.get('class', '')} {el.get('id', '')}"
        junk = named.get(raw)
        if junk is None:
            junk = named[raw] = _furniture_name(raw)
        if not junk or (junk == "weak" and _unlinked_prose(el) >= MIN_OWN_PROSE_CHARS):
            continue
        if el.tag in _PROTECTED_TAGS or any(id(a) in doomed_ids for a in el.iterancestors()):
            continue
        if holds_article(el) or el.find(".//h1") is not None:
            continue  # a wrapper around the article itself (e.g. "post-with-sidebar")
        if _bare_read_also(el):
            continue  # a "read also" marker: pass 3 takes it with what it pulls in
        doomed.append(el)
        doomed_ids.add(id(el))
    for el in doomed:
        _drop(el)
    return len(doomed)


# Headings that introduce lists of other articles, compared (normalised) as prefixes. In Arabic a list names its kind
# of posts and what ties them, in either order: "آخر الأخبار", "أحدث التدوينات"; "مقالات حديثة", "أخبار ذات صلة",
# "المقالات الأخيرة".
_POSTS_KINDS = ("أخبار", "مقالات", "منشورات", "مواضيع", "تدوينات", "تقارير")
_LIST_HEADINGS = tuple(
    normalize(s) + " "
    for s in (
        "الأكثر",  # الأكثر قراءة / مشاهدة / تعليقا / تداولا / شعبية
        *(f"{first} ال{kind}" for first in ("آخر", "أحدث", "أهم") for kind in _POSTS_KINDS),
        *(f"{kind} {tie}" for kind in _POSTS_KINDS for tie in ("ذات صلة", "مشابهة", "متعلقة", "حديثة", "أخرى")),
        *(f"ال{kind} {tie}" for kind in _POSTS_KINDS for tie in ("الأخيرة", "الحديثة", "ذات الصلة", "المشابهة")),
        "اخترنا لك",
        "قد يعجبك",
        "قد يهمك",
        "المزيد من الأخبار",
        "Most read",
        "Most popular",
        "Most viewed",
        "Most commented",
        "Most shared",
        "Related",
        "Latest news",
        "Latest posts",
        "Latest articles",
        "Recent posts",
        "Popular posts",
        "You may also like",
        "Les plus lus",
        "Les plus commentés",
        "Sur le même sujet",
        "Articles similaires",
        "Derniers articles",
        "À lire aussi",
    )
)


# the same headings as whole texts: a block (a heading tag or a styled div) that says only "آخر المقالات" is
# the label of a list (one the other passes took, or one left with it), never a subheading of the article
# ("الأكثر تضررا…" is one)
_LIST_HEADING_LABELS = frozenset(h.strip() for h in _LIST_HEADINGS) - {normalize("الأكثر")}


@dataclass(frozen=True)
class _Short:
    """A block whose whole text is short: a label, a counter, a box heading."""

    el: HtmlElement
    text: str
    norm: str


# short texts repeat across a site's pages (menus, labels, box headings): normalise each once per process
_normalize_short = lru_cache(maxsize=1 << 16)(normalize)


def _short_blocks(tree: HtmlElement) -> list[_Short]:
    """Blocks with at most 80 characters of text, found once for the label and heading passes."""
    out = []
    for el in _SHORT_TEXT_BLOCKS(tree):
        text = _bounded_text(el, 80)
        if text is not None:
            norm = _normalize_short(text)
            if norm:
                out.append(_Short(el, text, norm))
    return out


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    """Still in the page (an earlier pass may have removed an ancestor)."""
    for anc in el.iterancestors():
        if anc is root:
            return True
    return el is root


def _is_list_heading(norm: str) -> bool:
    return len(norm) <= 40 and (norm + " ").startswith(_LIST_HEADINGS)


# a wiki's or a blog's closing sections: sources, references, links out (the related list's headings above too)
_END_SECTION_HEADINGS = frozenset(
    normalize(s)
    for s in (
        "المصادر", "مصادر", "المراجع", "مراجع", "روابط خارجية", "وصلات خارجية", "انظر أيضا", "انظر أيضاً",
        "Sources", "References", "External links", "See also", "Voir aussi", "Liens externes",
    )
)  # fmt: skip
_SECTION_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5"})
MIN_STORY_PARAGRAPH = 80  # characters of prose in a paragraph before a comments heading: the story it closes
MIN_LOOSE_PROSE = 80  # characters of loose text (a tail) that make a paragraph of the story's own


def drop_end_sections(tree: HtmlElement, holds_article: Callable[[HtmlElement], bool] | None = None) -> int:
    """Pass 1b': remove a closing section set flat among the story's blocks (MediaWiki, a blog's Markdown): a heading
    that says "المصادر" / "أخبار ذات صلة" / "See also", and the lists after it up to the next heading. Only lists
    go with it: a heading followed by paragraphs heads a part of the story. A comments heading ("تعليقات",
    "آراء القراء (3)") set flat after the story's paragraphs takes everything after it: the readers' comments are
    paragraphs in the story's own markup (a wiki's, signed "-- <name> <date>"), then the comment form; a block that
    a comments heading opens is the comments' own and goes whole (unless it holds the article)."""
    holds_article = holds_article or _article_guard(tree)
    removed = 0
    for heading in [h for h in tree.iter(*_SECTION_HEADING_TAGS)]:
        norm = _normalize_short(" ".join(heading.text_content().split()))
        parent = heading.getparent()
        if not norm or parent is None:
            continue
        if is_comments_heading(norm, normalised=True):
            if any(
                sibling.tag == "p" and len(sibling.text_content().strip()) >= MIN_STORY_PARAGRAPH
                for sibling in heading.itersiblings(preceding=True)
            ):
                for el in [heading, *heading.itersiblings()]:
                    _drop(el)
                    removed += 1
            elif _opens(parent, heading) and parent.getparent() is not None and not holds_article(parent):
                _drop(parent)
                removed += 1
            continue
        if not (norm in _END_SECTION_HEADINGS or norm in _LIST_HEADING_LABELS):
            continue
        section = []
        for sibling in heading.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if sibling.tag not in ("ul", "ol", "dl"):
                break
            section.append(sibling)
        if not section:
            continue
        for el in [heading, *section]:
            _drop(el)
            removed += 1
    return removed


def _opens(block: HtmlElement, heading: HtmlElement) -> bool:
    """Whether ``heading`` is the first thing ``block`` shows: no text and no element before it."""
    if (block.text or "").strip():
        return False
    first = next((c for c in block if isinstance(c.tag, str)), None)
    return first is heading


def drop_headed_lists(
    tree: HtmlElement, shorts: list[_Short] | None = None, holds_article: Callable[[HtmlElement], bool] | None = None
) -> int:
    """Pass 1b: remove link lists introduced by a furniture heading, whatever their class.

    Sites name these boxes in every way ("box most_commented", "side", no class at
    all), but the heading vocabulary is small and shared, and what follows it is a
    list of links to other articles. The heading's smallest container that holds more
    than the heading is the box; it goes when links carry most of its text.
    """
    holds_article = holds_article or _article_guard(tree)
    doomed: list[HtmlElement] = []
    for short in shorts if shorts is not None else _short_blocks(tree):
        if not _is_list_heading(short.norm):
            continue
        box, size = short.el, len(short.text.strip())
        while box.getparent() is not None and box.getparent().tag not in _PROTECTED_TAGS:
            box = box.getparent()
            if _bounded_text(box, size + 20) is None:
                break
        if box is short.el or box.tag in _PROTECTED_TAGS or box.find(".//h1") is not None:
            continue
        if holds_article(box) or not _links_dominate(box, short.text):
            continue
        doomed.append(box)
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            _drop(el)
    return len(doomed)


# Headings of boxes set beside the story, whatever they hold (prose, lists, questions, stars): a factbox, a
# summary, the sources, readers' questions, a rating widget, a note on the author. Compared normalised,
# without a closing colon; "<subject> في أرقام" ("المنطقة في أرقام:") is a factbox too.
_BOX_HEADINGS = frozenset(
    normalize(s)
    for s in (
        "في أرقام", "بالأرقام", "أرقام", "أرقام وحقائق", "أرقام ومعطيات", "حقائق وأرقام", "في سطور", "بطاقة تعريفية",
        "باختصار", "ملخص", "ملخص الخبر", "النقاط الرئيسية", "أبرز النقاط", "أهم النقاط",
        "المصادر", "المراجع", "مصادر", "مراجع", "المصادر والمراجع",
        "أسئلة القراء", "أسئلة القراء حول هذا الموضوع", "أسئلة شائعة", "الأسئلة الشائعة",
        "قيم هذا المقال", "قيم هذا الخبر", "قيم المقال", "تقييم المقال",
        "عن الكاتب", "نبذة عن الكاتب", "عن المؤلف", "هوامش", "الهوامش", "الحواشي",
        "بطاقة المباراة", "ورقة المباراة", "التشكيلة", "التشكيلة الأساسية", "تشكيلة الفريقين", "التشكيلتان",
        "نصيحة", "نصائح", "نصيحة الطبيب", "نصيحة الطبيبة", "نصيحة الخبير", "هل تحتاج إلى مساعدة", "تحتاج إلى مساعدة",
        "تحتاجين إلى مساعدة", "هل تحتاجين إلى مساعدة",
        "En chiffres", "Repères", "Chiffres clés", "Key figures", "Factbox", "Fact box", "At a glance", "Key points",
        "En bref", "Sources", "Références", "References", "About the author", "FAQ", "Notes", "Footnotes",
    )
)  # fmt: skip
_BOX_HEADING_ENDS = (" " + normalize("في أرقام"), " " + normalize("بالأرقام"))
MAX_BOX_HEADING_WORDS = 6
MAX_BOX_CHARS = 1500  # a box beside the story: a few lines, a short list, two or three questions
_BOX_BODY_TAGS = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "section", "details", "figure", "blockquote", "form", "aside", "article"}
)


def _holds_box_body(box: HtmlElement, head: HtmlElement) -> bool:
    """Whether ``box`` holds, beside the branch ``head`` of its heading, a block with text (a list, a
    paragraph, a table): the box's body. Inline text beside the heading (a subtitle span) is still its head."""
    return any(child is not head and child.tag in _BOX_BODY_TAGS and _has_text(child) for child in box.iterchildren())


def _is_box_heading(norm: str) -> bool:
    label = norm.rstrip(" :：").strip()
    return label in _BOX_HEADINGS or (len(label.split()) <= MAX_BOX_HEADING_WORDS and label.endswith(_BOX_HEADING_ENDS))


# <details>, and the web component libraries' collapsible (Shoelace's "<sl-details summary='…'>", Web Awesome's
# "<wa-details>": its label in an attribute); named, not searched for (a pattern over every tag costs a page scan)
_COLLAPSIBLE_TAGS = ("details", "sl-details", "wa-details")


def drop_headed_boxes(tree: HtmlElement, shorts: list[_Short], holds_article: Callable[[HtmlElement], bool]) -> int:
    """Pass 1b: remove the boxes a news page sets in or after the story under a heading of their own
    (:data:`_BOX_HEADINGS`: "في أرقام", "باختصار", "المصادر", "أسئلة القراء", "قيّم هذا المقال"), whatever their
    markup or class (utility classes say nothing). The heading's smallest container that holds a block of
    text beside the heading's branch (:func:`_holds_box_body`) is the box; it goes unless it holds the
    article (``holds_article``) or is longer than :data:`MAX_BOX_CHARS`. A heading set straight in the
    article's own column leaves the box.
    A ``<details>`` box under a short ``<summary>`` label (line-ups, a data sheet, a reader's question), or a web
    component's (``<sl-details summary="…">``), goes on the same terms: what a reader must click open is not the
    story's text."""
    doomed: list[HtmlElement] = []
    for short in shorts:
        if not _is_box_heading(short.norm):
            continue
        box = short.el
        while box.getparent() is not None and box.getparent().tag not in _PROTECTED_TAGS:
            came_from, box = box, box.getparent()
            if _holds_box_body(box, came_from):
                break  # more than the box's head (its label, a subtitle beside it): the box
        if box is short.el or box.tag in _PROTECTED_TAGS or box.find(".//h1") is not None:
            continue
        if _visible_length(box) > MAX_BOX_CHARS or holds_article(box):
            continue
        doomed.append(box)
    for details in tree.iter(*_COLLAPSIBLE_TAGS):  # a collapsible box: line-ups, a data sheet, a question and answer
        summary = details.find("summary")
        label = _bounded_text(summary, 80) if summary is not None else details.get("summary")
        if not label or len(label.split()) > MAX_BOX_HEADING_WORDS + 2 or _visible_length(details) > MAX_BOX_CHARS:
            continue
        if not holds_article(details) and details.find(".//h1") is None:
            doomed.append(details)
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            _drop(el)
    return len(doomed)


def drop_inset_boxes(tree: HtmlElement, headline: HtmlElement | None = None) -> int:
    """Pass 1c: empty the small headed boxes and notes set among the story's paragraphs, judged by their
    shape alone (:mod:`crawler.processing.insetboxes`). Emptied, not removed: the page keeps its shape,
    so trafilatura picks the same container for the story (a removed note once made it take a larger
    one and glue the date line above the story to its first paragraph)."""
    boxes = inset_boxes(tree, headline if headline is not None else find_headline(tree))
    for box in boxes:
        tail = box.tail
        box.clear()
        box.tail = tail
    return len(boxes)


def _links_dominate(box: HtmlElement, heading: str) -> bool:
    """Links carry at least 60% of the box's text once its heading is set aside."""
    text = len("".join(box.itertext()).strip()) - len(heading.strip())
    linked = sum(len("".join(a.itertext()).strip()) for a in box.iter("a"))
    if heading.strip() and any(heading.strip() in "".join(a.itertext()) for a in box.iter("a")):
        linked -= len(heading.strip())
    return text > 0 and linked >= 0.6 * text


MAX_AD_WORDS = 40  # an ad: its label, a line or two of pitch
AD_LEVELS = 3  # the label sits this deep in the ad at most (a builder's group > box > paragraph)
_AD_BOXES = frozenset({"a", "div", "aside", "section", "figure"})
AD_PROSE_WORDS = 15  # a paragraph this long is prose: a box holding one is no ad


def _ad_box(label: HtmlElement) -> HtmlElement | None:
    """The ad an advertisement's label heads: the largest link or box around it, at most :data:`AD_LEVELS` up, that
    holds at most :data:`MAX_AD_WORDS` words and no paragraph of prose (the story's text is never the ad's)."""
    box = None
    for level, anc in enumerate(label.iterancestors()):
        if level >= AD_LEVELS or anc.tag in _PROTECTED_TAGS or len(anc.text_content().split()) > MAX_AD_WORDS:
            break
        if anc.tag in _AD_BOXES and not any(len(p.text_content().split()) >= AD_PROSE_WORDS for p in anc.iter("p")):
            box = anc
    return box


def _rest_of_line(label: HtmlElement) -> list[HtmlElement] | None:
    """An ad's label that opens a line of a ``<br>``-separated block ("<strong>إعلان:</strong> مطعم … الحجز على …"):
    the label's outermost inline wrapper and what follows it up to the next ``<br>`` (the ad), when that is at most
    :data:`MAX_AD_WORDS` words; else None. The wrapper's tail is emptied: the ad's words go with it."""
    el, text = label, label.text_content().strip()
    while not (el.tail or "").strip():
        parent = el.getparent()
        if parent is None or parent.tag not in _INLINE_WRAPPERS or parent.text_content().strip() != text:
            return None
        el = parent
    before, parent = el.getprevious(), el.getparent()
    opens = (before is None and parent is not None and not (parent.text or "").strip()) or (
        before is not None and before.tag == "br" and not (before.tail or "").strip()
    )
    if not opens:
        return None
    line, words, nxt = [el], len((el.tail or "").split()), el.getnext()
    while nxt is not None and nxt.tag != "br" and nxt.tag in _INLINE_WRAPPERS | {"a"}:
        line.append(nxt)
        words += len(nxt.text_content().split()) + len((nxt.tail or "").split())
        nxt = nxt.getnext()
    if words > MAX_AD_WORDS:
        return None
    for part in line:
        part.tail = None
    return line


def drop_labels(tree: HtmlElement, shorts: list[_Short] | None = None) -> int:
    """Pass 2: remove short elements whose whole text is a furniture label (an ad's label with the ad it heads)."""
    root = tree.getroottree().getroot()
    doomed = []
    for short in shorts if shorts is not None else _short_blocks(tree):
        norm, text = short.norm, short.text
        if (
            norm in _LABELS
            or _COUNTER.match(norm)
            or _AD_SLOT.match(norm)
            or _HASHTAG_LINE.match(text.strip())
            or _TAG_LINE.match(_bare(text))
            or _is_label_bar(text)
            or norm in _LIST_HEADING_LABELS
        ) and _attached(short.el, root):
            if _READ_ALSO.match(_bare(text)):
                continue  # a "read also" marker: pass 3 takes it with what it pulls in
            ad = _ad_box(short.el) if norm in _AD_LABELS else None
            inline = ad is None and norm in _AD_LABELS and text.rstrip().endswith((":", "："))
            line = _rest_of_line(short.el) if inline else None  # "إعلان:" opening a line: the ad is the line
            if line is not None:
                doomed.extend(line)
                continue
            doomed.append(ad if ad is not None else short.el)
    for el in doomed:
        if _attached(el, root):
            _drop(el)
    return len(doomed)


def _is_label_bar(text: str) -> bool:
    """A row of known labels and counters ("طباعة | أرسل لصديق | PDF"): every part is furniture."""
    if not _BAR_SEPARATORS.search(text):
        return False
    parts = [normalize(p) for p in _BAR_SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    return len(parts) >= 2 and all(p in _LABELS or _COUNTER.match(p) for p in parts)


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


def _next_with_text(el: HtmlElement) -> HtmlElement | None:
    """The next sibling element that shows text (a box an earlier pass emptied, a comment, are passed by)."""
    nxt = el.getnext()
    while nxt is not None and not (isinstance(nxt.tag, str) and nxt.text_content().strip()):
        nxt = nxt.getnext()
    return nxt


def _bare_read_also(el: HtmlElement) -> bool:
    """Whether ``el`` says only a "read also" marker ("اقرأ أيضاً", "Lire aussi"), no link text of its own."""
    text = _bounded_text(el, 40)
    return text is not None and len(normalize(text).split()) <= 3 and bool(_READ_ALSO.match(_bare(text)))


def drop_read_also(tree: HtmlElement) -> int:
    """Pass 3: remove "read also" markers and what they pull in.

    A marker that carries its own link text ("اقرأ أيضا: عنوان…") goes alone. A bare
    marker heading takes the link list after it (a list element, or one link per paragraph);
    if a headline follows, a whole second article was inlined, and everything after the
    marker in that container goes.
    """
    removed = 0
    markers = []
    for el in _READ_ALSO_BLOCKS(tree):
        text = _bounded_text(el, 300)
        if text is None or not _READ_ALSO.match(_bare(text)):
            continue
        if any(_READ_ALSO.match(_bare(_bounded_text(c, 300) or "")) for c in el.iterchildren(*_BLOCK_TAGS)):
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
            nxt = _next_with_text(el)
            while nxt is not None and _link_dominant(nxt):  # the list, also as one link per paragraph
                _drop(nxt)
                removed += 1
                nxt = _next_with_text(el)
            if nxt is not None and _looks_like_headline(nxt):
                # the marker's box: what follows it, up to loose text of the story's own (a wiki's paragraphs
                # are text between empty blocks: the box ends where such text resumes)
                while (after := el.getnext()) is not None and len((after.tail or "").strip()) < MIN_LOOSE_PROSE:
                    _drop(after)
                    removed += 1
        _drop(el)
        removed += 1
    return removed


# --- text for screen readers only -------------------------------------------------------------------

# Class names the common CSS frameworks and CMS themes give to text that is read to screen-reader
# users and never shown: "skip to content", "Image source, ", "Author, ", "End of recommendations".
_SCREEN_READER_CLASSES = frozenset(
    {
        "sr-only",
        "hiddenStructure",  # Plone
        "sr-only-focusable",
        "screen-reader-text",
        "screen-reader-only",
        "screenreader-only",
        "visually-hidden",
        "visually-hidden-focusable",
        "visuallyhidden",
        "u-visually-hidden",
        "hidden-visually",
        "element-invisible",
        "a11y-hidden",
        "show-for-sr",
        "assistive-text",
    }
)
# The "visually hidden" recipe: taken out of the flow and clipped to nothing (clip: rect(1px, 1px,
# 1px, 1px), rect(0 0 0 0) or clip-path: inset(50%/100%)). Generated class names (CSS-in-JS) carry it
# in the page's own <style>.
_CLIP = r"(clip:rect\(|clip-path:inset\()"
_CLIPPED = re.compile(rf"position:absolute.*{_CLIP}|{_CLIP}.*position:absolute")
_CLASS_SELECTOR = re.compile(r"^\.([\w-]+)$")
_STYLES = XPath("//style")
_CLASSED_OR_STYLED = XPath("//body//*[@class or @style]")
MAX_SCREEN_READER_CHARS = 200  # a label, a skip link: never a block of the article


# a conditional block and the rules in it ("@media (max-width: 600px) { .x {...} }"), one level deep
_CONDITIONAL_CSS = re.compile(r"@(?:media|supports|container)[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")


def _clipped_rules(css: str) -> Iterator[tuple[str, str]]:
    """The (selectors, declarations) of ``css``'s rules that mention a clip, outside conditional blocks
    (what a media query hides, it hides only sometimes)."""
    top = _CONDITIONAL_CSS.sub("", css)
    for match in re.finditer("clip", top):
        start, end = top.rfind("}", 0, match.start()) + 1, top.find("}", match.start())
        selectors, _, body = top[start : end if end >= 0 else len(top)].partition("{")
        if body:
            yield selectors, body


def _clipped_classes(tree: HtmlElement) -> set[str]:
    """Classes the page's own style sheets define as visually hidden (one class per selector)."""
    found: set[str] = set()
    for style in _STYLES(tree):
        css = style.text or ""
        if "clip" not in css:
            continue
        for selectors, body in _clipped_rules(css):
            if _CLIPPED.search(re.sub(r"\s+", "", body.lower())):
                found.update(m.group(1) for sel in selectors.split(",") if (m := _CLASS_SELECTOR.match(sel.strip())))
    return found


def drop_screen_reader_text(tree: HtmlElement) -> int:
    """Pass 0b: remove short elements that only screen readers read (the classes of
    :data:`_SCREEN_READER_CLASSES`, classes or inline styles that clip the element to nothing).
    Invariant: only elements of at most :data:`MAX_SCREEN_READER_CHARS` characters go, so a
    container that happens to carry such a class keeps the article."""
    hidden = _SCREEN_READER_CLASSES | _clipped_classes(tree)
    judged: dict[str, bool] = {}  # class strings repeat: judge each once
    doomed = []
    for el in _CLASSED_OR_STYLED(tree):
        names = el.get("class")
        if names:
            said = judged.get(names)
            if said is None:
                said = judged[names] = not hidden.isdisjoint(names.split())
            if said:
                doomed.append(el)
                continue
        style = el.get("style")
        if style and "clip" in style and _CLIPPED.search(re.sub(r"\s+", "", style.lower())):
            doomed.append(el)
    removed = 0
    for el in doomed:
        if el.getparent() is not None and _visible_length(el) <= MAX_SCREEN_READER_CHARS:
            _drop(el)
            removed += 1
    return removed


# --- blocks kept out of the site's own search index ----------------------------------------------------

# Pagefind's and Swiftype's exclusion marks, Yahoo's robots-nocontent: the site says "not the content";
# Tailwind Typography's not-prose: "not the article's prose" (a callout, a table, an embed set in the body)
_UNINDEXED = XPath(  # one pass over the elements
    "//body//*[(@data-pagefind-ignore and not(@data-pagefind-ignore='index')) or @data-swiftype-index='false'"
    " or contains(concat(' ', @class, ' '), ' robots-nocontent ') or contains(concat(' ', @class, ' '), ' not-prose ')]"
)


def drop_unindexed(tree: HtmlElement, holds_article: Callable[[HtmlElement], bool]) -> int:
    """Pass 1c: remove the blocks the site itself marks as not its content: kept out of its own search
    index (a match card, tags, a share bar, reactions) or set apart from the article's prose (a callout,
    a table), unless one holds the page's own article (``holds_article``)."""
    doomed = [el for el in _UNINDEXED(tree) if not holds_article(el)]
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)
    return len(doomed)


# --- calls to action ---------------------------------------------------------------------------------

_BUTTONISH = re.compile(r"(?:^|[\s_-])(?:button|btn|cta|bouton)(?:$|[\s_-])", re.I)
_CALL_BLOCKS = frozenset({"div", "section", "aside", "figure", "form"})
_CALL_TRIGGERS = XPath(
    "//body//form | //body//*[self::a or self::button]"
    "[contains(@class, 'button') or contains(@class, 'btn') or contains(@class, 'cta') or contains(@class, 'bouton')]"
)
MAX_CALL_CHARS = 400  # a sign-up or donation box: a line or two of pitch around its form or button
MAX_CALL_PARAGRAPHS = 2  # of pitch, besides the paragraph holding the button


def drop_calls_to_action(tree: HtmlElement, holds_article: Callable[[HtmlElement], bool]) -> int:
    """Pass 1b: remove the small box around a form or a button link (a newsletter sign-up, a donation
    appeal, an app download), whatever its class: the largest block around it that holds at most
    :data:`MAX_CALL_CHARS` characters in at most :data:`MAX_CALL_PARAGRAPHS` paragraphs and not the
    page's own article (``holds_article``). A button with no such box around it stays (labels go
    in pass 2)."""
    triggers = [el for el in _CALL_TRIGGERS(tree) if el.tag == "form" or _BUTTONISH.search(el.get("class") or "")]
    doomed: list[HtmlElement] = []
    doomed_ids: set[int] = set()  # the boxes stay referenced in ``doomed``: their ids are not reused
    for trigger in triggers:
        if any(id(a) in doomed_ids for a in (trigger, *trigger.iterancestors())):
            continue
        box = None
        for anc in (trigger, *trigger.iterancestors()):
            if anc.tag in _PROTECTED_TAGS or anc.find(".//h1") is not None:
                break
            if anc.tag not in _CALL_BLOCKS:
                continue
            pitch = [p for p in anc.iterfind(".//p") if not _contains(p, trigger)]
            if _visible_length(anc) > MAX_CALL_CHARS or len(pitch) > MAX_CALL_PARAGRAPHS:
                break
            if holds_article(anc):
                break
            box = anc
        if box is None and trigger.tag == "a":
            box = _lone_button(trigger)
        if box is not None and _visible_length(box) > 0:
            doomed.append(box)
            doomed_ids.add(id(box))
    for el in doomed:
        _drop(el)
    return len(doomed)


MAX_BUTTON_WORDS = 12
_INLINE_WRAPPERS = frozenset({"span", "b", "strong", "em", "i", "font"})
_IN_SENTENCE = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption"})


def _lone_button(link: HtmlElement) -> HtmlElement | None:
    """A button link that stands alone between the blocks of its container (no paragraph or list item around
    it), with the inline wrappers that hold nothing else: a call to action set in the story's flow."""
    text = " ".join(link.text_content().split())
    if not text or len(text.split()) > MAX_BUTTON_WORDS:
        return None
    lone = link
    while (parent := lone.getparent()) is not None and parent.tag in _INLINE_WRAPPERS:
        if " ".join(parent.text_content().split()) != text:
            break  # a wrapper of more (the body's own inline wrapper, a line of text): the neighbours tell
        lone = parent
    if parent is None or parent.tag in _IN_SENTENCE:
        return None
    before, after = lone.getprevious(), lone.getnext()
    if ((before.tail if before is not None else parent.text) or "").strip() or (lone.tail or "").strip():
        return None  # words beside it: part of a line of text
    if any(
        isinstance(n.tag, str) and (n.tag in _INLINE_WRAPPERS or n.tag == "a") for n in (before, after) if n is not None
    ):
        return None  # beside a label or another link: a line of them
    return lone


# --- downloads -----------------------------------------------------------------------------------------

_FILE_LINKS = XPath(
    "//body//a[@href][re:test(@href, '\\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|zip|rar|7z)([?#].*)?$', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_DOWNLOAD_BLOCKS = frozenset({"p", "li", "div", "span", "td"})
MAX_FILE_LINK_WORDS = 20
MAX_FILE_LABEL_WORDS = 3  # what may stand beside the link in its block: "تحميل:", an icon's label


_LINE_WRAPPERS = _INLINE_WRAPPERS | {"u"}  # what may wrap a link alone on its <br> line


def _br_line(el: HtmlElement) -> HtmlElement | None:
    """``el``, or the inline elements that wrap it alone (``<b><a>…</a></b>``), when it stands on a line of its own
    between ``<br>``s (or a block's edges) with no text beside it; else None."""
    node = el
    while (
        node.getparent() is not None
        and node.getparent().tag in _LINE_WRAPPERS
        and len(node.getparent()) == 1
        and not (node.getparent().text or "").strip()
        and not (node.tail or "").strip()
    ):
        node = node.getparent()
    before, after = node.getprevious(), node.getnext()
    parent = node.getparent()
    if parent is None or (node.tail or "").strip():
        return None
    alone_before = (before is None and not (parent.text or "").strip()) or (
        before is not None and before.tag == "br" and not (before.tail or "").strip()
    )
    return node if alone_before and (after is None or after.tag == "br") else None


def drop_file_links(tree: HtmlElement) -> int:
    """Pass 2b: remove a block that is only a link to a document ("تحميل قرار تحديد الحصص (PDF - 412 ك.ب)",
    an attachment's file name): a download, not a sentence of the story. A link to a file inside a sentence
    stays with the sentence."""
    doomed: list[HtmlElement] = []
    for link in _FILE_LINKS(tree):
        words = len(link.text_content().split())
        if not words or words > MAX_FILE_LINK_WORDS:
            continue
        block = next((a for a in link.iterancestors() if a.tag in _DOWNLOAD_BLOCKS), None)
        if block is None or block.tag == "body":
            continue
        beside = len(block.text_content().split()) - words
        if beside > MAX_FILE_LABEL_WORDS:
            block = _br_line(link)  # a line of its own in <br> soup: "<br><b><a href='….pdf'>…</a></b><br>"
            beside = 0
        if block is not None and beside <= MAX_FILE_LABEL_WORDS and not any(_contains(d, block) for d in doomed):
            doomed.append(block)
    for el in doomed:
        _drop(el)
    return len(doomed)


_DATE_MARKS = XPath(".//time | .//*[contains(translate(@itemprop, 'D', 'd'), 'date')]")
MAX_INFO_ITEM_WORDS = 12  # an item of an article's information: "كتبه: …", "نُشر بتاريخ: الاثنين، 14 سبتمبر 2026 09:20"
MAX_INFO_DATES = 2


def drop_info_lists(tree: HtmlElement) -> int:
    """Pass 2c: remove a description list of the article's information (Joomla's ``dl.article-info``: author,
    section, dates, hits), known by its short items and one or two dates among them (a ``<time>``, a
    ``datePublished``, or a date line: published, updated). What dates the page is not story text; a glossary's
    definitions are sentences, a fact box has no date, a timeline dates every entry."""
    doomed: list[HtmlElement] = []
    for dl in tree.iter("dl"):
        items = [item for item in dl if item.tag in ("dt", "dd")]
        texts = [" ".join(item.text_content().split()) for item in items]
        if not items or any(len(text.split()) > MAX_INFO_ITEM_WORDS for text in texts):
            continue
        dated = sum(1 for item, text in zip(items, texts, strict=True) if _DATE_MARKS(item) or is_date_line(text))
        if 1 <= dated <= MAX_INFO_DATES:  # published, updated; a timeline dates every entry
            doomed.append(dl)
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)
    return len(doomed)


# --- captions ------------------------------------------------------------------------------------------

# media: images, embeds, the <object>/<embed> players of older pages (Windows Media, Flash), the custom
# elements of video facades and players, and the empty box a player's script fills, known by its name or by the
# video's id or embed address it is given ("<div class='p_video__player' data-src='…/embed/17'></div>")
_IMAGES = XPath(
    "//body//img | //body//*[local-name()='amp-img'] | //body//picture | //body//iframe | //body//video"
    " | //body//audio | //body//object | //body//embed"
    " | //body//*[contains(local-name(), '-') and (contains(local-name(), 'youtube') or contains(local-name(), 'vimeo')"
    " or contains(local-name(), 'video') or contains(local-name(), 'player'))]"  # <lite-youtube>, <video-js>
    " | //body//*[(self::div or self::span) and not(*) and not(normalize-space())"
    " and (@data-video-id or @data-videoid or @data-video or contains(@data-src, 'embed')"
    " or contains(@data-src, 'video') or contains(translate(@class, 'PVYB', 'pvyb'), 'player')"
    " or contains(translate(@class, 'PVYB', 'pvyb'), 'video') or contains(translate(@class, 'PVYB', 'pvyb'), 'youtube')"
    " or contains(translate(@class, 'PVYB', 'pvyb'), 'brightcove'))]"
)
MAX_CAPTION_WORDS = 25
MAX_CAPTION_DEPTH = 4  # a caption sits within a few levels of its image (figure > picture > img)


# where a call to the reader sits: a paragraph, a quote box, an aside, a bare block of text; found from the texts
# that hold its question word
_CALL_HOLDER_TAGS = frozenset({"p", "blockquote", "aside", "div"})
_QUESTION_TEXTS = XPath("//body//text()[contains(., 'هل')]")
_QUESTION_WORD = re.compile(r"(?<!\w)هل(?!\w)")


def drop_reader_calls(tree: HtmlElement) -> int:
    """Remove calls to the reader wherever they sit in the story: a question put to the reader and what to do
    about it ("هل ترغب في حضور الورشة المقبلة؟ سجّل اسمك …", "هل أنت من سكان الحي؟ راسلنا …"). The site speaks
    there, not the story; an interview's question is answered, not followed by a call (:data:`_READER_CALL`).
    The largest holder around the question that is the call and nothing else goes."""
    doomed: dict[int, HtmlElement] = {}
    for text in _QUESTION_TEXTS(tree):
        if not _QUESTION_WORD.search(text):
            continue  # "هل" inside a word ("أهل", "الهلال")
        el = text.getparent()
        if el is not None and text.is_tail:
            el = el.getparent()
        call = None
        while el is not None and el.tag not in _PROTECTED_TAGS:
            if el.tag in _CALL_HOLDER_TAGS:
                said = " ".join(el.text_content().split())
                if len(said.split()) > MAX_READER_CALL_WORDS:
                    break
                if _READER_CALL.match(_bare(said)):
                    call = el
            el = el.getparent()
        if call is not None:
            doomed.setdefault(id(call), call)
    root = tree.getroottree().getroot()
    removed = 0
    for el in doomed.values():
        if _attached(el, root):  # not inside a call dropped before it
            _drop(el)
            removed += 1
    return removed


MAX_LINK_PARAGRAPH_WORDS = 15
_ONE_LINK_PARAGRAPHS = XPath("//body//p[count(.//a) = 1]")


def drop_link_paragraphs(tree: HtmlElement) -> int:
    """Remove paragraphs that are nothing but one link: a form, a poll or another page linked as a paragraph of
    its own ("استمارة التسجيل في الدورة"). A story links words inside its sentences; its paragraphs are never
    all link."""
    doomed = []
    for p in _ONE_LINK_PARAGRAPHS(tree):
        text = " ".join(p.text_content().split())
        link = p.find(".//a")
        if (
            text
            and len(text.split()) <= MAX_LINK_PARAGRAPH_WORDS
            and link is not None
            and " ".join(link.text_content().split()) == text
        ):
            doomed.append(p)
    for p in doomed:
        _drop(p)
    return len(doomed)


def _has_text(el: HtmlElement) -> bool:
    """Whether ``el`` holds any visible text (stops at the first: cheap on a big container)."""
    return any(chunk.strip() for chunk in el.itertext())


# a caption's credit or label: "(فيديو: الموقع)", "صورة: أرشيف", "فيديو | …", "تصوير: …", "© AFP", "Photo : …"
_CREDIT_HINT = re.compile(
    r"\((?:فيديو|صورة|تصوير|أرشيف)|(?:فيديو|صورة|تصوير|شاهد)\s*[:|]|©|\b(?:Photo|Crédit|Credit|Vidéo|Video)\b"
)
_STYLED = frozenset({"em", "i", "small", "font", "figcaption", "cite"})
# a line classed as a caption: "wp-caption-text", "image-caption", "news-illustration__legend", "légende"
_CAPTION_CLASS = re.compile(r"caption|legend|l[ée]gende", re.I)


_SHOWN_TEXT = XPath(".//text()[not(ancestor::iframe) and not(ancestor::video) and not(ancestor::audio)]")


def _visible_caption(box: HtmlElement) -> bool:
    """Whether the media's container shows text of its own (an iframe's, a video's or a sound's fallback text
    is not shown)."""
    return any(t.strip() for t in _SHOWN_TEXT(box))


def _one_short_line(text: str) -> bool:
    """A caption's shape: at most :data:`MAX_CAPTION_WORDS` words, not ending like a sentence."""
    return len(text.split()) <= MAX_CAPTION_WORDS and not text.strip().endswith(_SENTENCE_END)


def _caption_line(el: HtmlElement) -> bool:
    """A short line set apart as a caption: styled as a whole (italic, small, a font or a styled span)
    or carrying a photo or video credit."""
    if not isinstance(el.tag, str) or el.tag in _HEADLINE_TAGS:
        return False
    text = _bounded_text(el, 240)
    if not text or not text.strip():
        return False
    if _CAPTION_CLASS.search(el.get("class") or ""):  # classed a caption: it may end like a sentence
        return len(text.split()) <= MAX_CAPTION_WORDS
    if not _one_short_line(text):
        return False
    if el.tag in _STYLED:
        return True
    inner = el
    while len(inner) == 1 and not (inner.text or "").strip() and not (inner[0].tail or "").strip():
        inner = inner[0]
        if inner.tag in _STYLED or (inner.tag == "span" and inner.get("style")):
            return True
    return bool(_CREDIT_HINT.search(text))


# a video's or a gallery's title line: "شاهد | …", "فيديو: …", "بالفيديو | …", "بالصور: …", "شاهد بالفيديو: …"
_MEDIA_LABEL = re.compile(
    r"^\W*(?:(?:شاهد|شاهدوا|طالع)(?:\s+(?:ب?ال)?(?:فيديو|صور)\S*)?|(?:ب?ال)?(?:فيديو|صور)\S*)\s*[|:：]"
)


# beside its media, a line that asks the reader to watch or listen is the media's title, colon or not: "شاهد أهداف
# المباراة", "استمع إلى تقرير مراسلتنا", "Watch the goals"
_WATCH_OR_LISTEN = re.compile(
    r"^\W*(?:شاهد|شاهدوا|شاهدي|استمع|استمعوا|استمعي|watch|listen|regardez|écoutez)(?!\w)", re.IGNORECASE
)


def _media_title(el: HtmlElement) -> bool:
    """A short line above a media embed that labels it as a video or gallery, or asks the reader to watch or listen
    to it, in any tag (a heading too)."""
    if not isinstance(el.tag, str):
        return False
    text = _bounded_text(el, 240)
    if not text or not _one_short_line(text):
        return False
    return bool(_MEDIA_LABEL.match(text) or _WATCH_OR_LISTEN.match(text))


def _caption_box(box: HtmlElement) -> bool:
    """A container whose whole text is one short line: a photo or video with its caption."""
    text = _bounded_text(box, 240)
    if text is None or not _one_short_line(text):
        return False
    return not (box.tag != "p" and box.find(".//p") is not None) and next(box.iter(*_HEADLINE_TAGS), None) is None


def drop_captions(tree: HtmlElement) -> int:
    """Remove photos with their captions, whatever the markup: the nearest container of an image (a few
    levels up at most) that holds any text, when that text is one short line (at most
    :data:`MAX_CAPTION_WORDS` words, no paragraph of prose, no heading): "<center><img><br><font>…</font>
    </center>", a cell with the photo and a caption div; when the media stands alone (a video embed), the
    short line after it that is styled as a caption or carries a credit ("(فيديو: …)"). A paragraph with
    an inline image holds more text and stays."""
    doomed: list[HtmlElement] = []
    doomed_ids: set[int] = set()  # the elements stay referenced in ``doomed``: their ids are not reused
    for image in _IMAGES(tree):
        media, box, depth = image, image.getparent(), 1  # media: the largest container of the image alone
        while box is not None and box.tag not in _PROTECTED_TAGS and depth < MAX_CAPTION_DEPTH and not _has_text(box):
            media, box, depth = box, box.getparent(), depth + 1
        if box is None or box.tag == "a" or id(box) in doomed_ids:
            continue
        if box.tag not in _PROTECTED_TAGS and _caption_box(box):
            doomed.append(box)
            doomed_ids.add(id(box))
            media = box
            if _visible_caption(box):
                continue
        # the media stands alone: its caption is the (styled) line after it, past line breaks
        while media.getnext() is None and media.getparent() is not None and not _visible_caption(media.getparent()):
            media = media.getparent()
        after = media.getnext()
        while after is not None and after.tag == "br":
            after = after.getnext()
        if after is not None and _caption_line(after) and id(after) not in doomed_ids:
            doomed.append(after)
            doomed_ids.add(id(after))
        before = media.getprevious()  # a video's title set above it: "<h3>شاهد | …</h3>"
        while before is not None and before.tag == "br":
            before = before.getprevious()
        if before is not None and id(before) not in doomed_ids and _media_title(before):
            doomed.append(before)
            doomed_ids.add(id(before))
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)
    return len(doomed)


# --- the standfirst ---------------------------------------------------------------------------------

# Class words of the summary a page sets under its headline ("chapo", "standfirst", "subtitle", "dek",
# "excerpt", "abstract", "summary", "subheadline"). "lead" and "intro" are not among them: sites give
# those names to the body's own first paragraph.
_STANDFIRST_WORDS = frozenset(
    {
        "chapo",
        "chapeau",
        "standfirst",
        "subtitle",
        "subheadline",
        "subhead",
        "dek",
        "excerpt",
        "abstract",
        "summary",
        "description",
    }
)
MAX_STANDFIRST_CHARS = 600
_DECK_HEADINGS = frozenset({"h2", "h3"})  # a subtitle under the headline, before the body's first paragraph
MIN_DECK_WORDS = 6  # shorter, it is the body's first subheading


def _standfirst_class(el: HtmlElement) -> bool:
    """Named a standfirst by its class, or a block by its id (``<div id="NewsPostDetailSummary">``; a
    paragraph's id says less: TechCrunch marks its first paragraph ``id="speakable-summary"``)."""
    ident = (el.get("id") or "") if el.tag != "p" else ""
    raw = f"{el.get('class') or ''} {ident}".strip()
    return bool(raw) and not _STANDFIRST_WORDS.isdisjoint(_camel_words(raw))


def _opens_body(el: HtmlElement) -> bool:
    """A paragraph of the body: a ``<p>``, or a block holding text of its own (``<div>`` paragraphs,
    ``<br>`` soup), of 80 characters or more."""
    if el.tag == "p":
        return len(el.text_content().strip()) >= 80
    return direct_text_chars(el) >= 80


MAX_HEADER_CHARS = 1200  # a <header> holding more text than a deck and meta lines is the page's, not the headline's


def _headline_header(headline: HtmlElement) -> HtmlElement | None:
    """The ``<header>`` around the headline (HTML5's introductory content of an article: headline, deck,
    byline, date), when it holds no more than :data:`MAX_HEADER_CHARS` characters of text."""
    header = next((a for a in headline.iterancestors() if a.tag == "header"), None)
    if header is None or _bounded_text(header, MAX_HEADER_CHARS) is None:
        return None
    return header


def drop_standfirst(tree: HtmlElement, headline: HtmlElement | None = None) -> int:
    """Remove the standfirst: an element classed as one, a sentence-long ``<h2>``/``<h3>`` (a deck), or a
    ``<p>`` in the headline's own ``<header>``, that stands between the headline and the first paragraph
    of its body (a summary under the title is the page's pitch, not its text; the held-out pages' gold,
    like readers, leaves it out), unless the body's first paragraph continues it ("وأوضح …": then it was the
    story's first paragraph, a chapô). Returns how many elements went."""
    headline = headline if headline is not None else find_headline(tree)
    if headline is None:
        return 0
    header = _headline_header(headline)
    doomed: list[HtmlElement] = []
    for el in following(headline):
        if doomed and any(a is doomed[-1] for a in el.iterancestors()):
            continue  # inside the standfirst just taken
        deck = el.tag in _DECK_HEADINGS and len(el.text_content().split()) >= MIN_DECK_WORDS
        in_header = header is not None and el.tag == "p" and any(a is header for a in el.iterancestors())
        if (deck or in_header or _standfirst_class(el)) and el.tag not in _PROTECTED_TAGS:
            if _bounded_text(el, MAX_STANDFIRST_CHARS) is None or len(el.findall(".//p")) > 1:
                break  # a block this long, or of several paragraphs, is the body whatever it is called
            doomed.append(el)
            continue
        if _opens_body(el):
            if _continues_a_paragraph(el):  # "وأوضح …": the body goes on from the lead it follows, so that
                doomed = [d for d in doomed if d.tag in _DECK_HEADINGS]  # lead is the story's first paragraph
            break
    for el in doomed:
        _drop(el)
    return len(doomed)


_CONTINUATION = re.compile(r"^\W*[وف][\u0621-\u064a]{2,}")  # "وأوضح", "وحسب", "فيما": the text goes on
_OPENING_DATELINE = re.compile(r"^\W*\S+(?:\s+\S+){0,2}\s*(?:[–—-]\s|\()")  # "وجدة – …", "فاس (و م ع) …": a place


def _continues_a_paragraph(el: HtmlElement) -> bool:
    """Whether the body's first paragraph opens with a connective ("و…", "ف…"), continuing a lead above it: an
    Arabic story's own first paragraph never does (a chapô the body continues is text, a summary is not)."""
    opening = " ".join(el.text_content().split())[:60]
    return bool(_CONTINUATION.match(opening)) and not _OPENING_DATELINE.match(opening)


def strip_boilerplate(tree: HtmlElement, headline: HtmlElement | None = None) -> int:
    """Run all passes in place; return the number of elements removed or unwrapped. ``headline``:
    the page's headline element when the caller found it already (:func:`find_headline`)."""
    unwrapped = unwrap_layout_tables(tree, headline)
    hidden = drop_screen_reader_text(tree) + drop_standfirst(tree, headline) + drop_captions(tree)
    holds_article = _article_guard(tree, headline)
    removed = drop_furniture_blocks(tree, holds_article) + drop_calls_to_action(tree, holds_article)
    removed += drop_unindexed(tree, holds_article)
    shorts = _short_blocks(tree)
    removed += drop_end_sections(tree, holds_article)
    removed += drop_headed_lists(tree, shorts, holds_article) + drop_headed_boxes(tree, shorts, holds_article)
    removed += drop_labels(tree, shorts) + drop_inset_boxes(tree, headline) + drop_file_links(tree)
    removed += drop_info_lists(tree)
    removed += drop_reader_calls(tree) + drop_link_paragraphs(tree)
    return unwrapped + hidden + removed + drop_read_also(tree)


# --- after extraction: lines standing alone before and after the article -------------------------------

_SENTENCE_END = (".", "!", "?", "؟", "…", "»", '"', "”")
# "بقلم: فلان", "كتب - فلان", "إعداد: …", "متابعة": bylines of Arabic news sites.
_BYLINE_LABEL = re.compile(
    r"^\s*(بقلم|كتب|كتبه|كتبت|إعداد|اعداد|تقرير|حاوره|حاورته|متابعة|مراسلة|تحرير)(\s*[:：\-–—|]|\s*$)"
)
# "الصحراء 24 : العيون", "أخبارنا المغربية - فلان", "الرباط - و م ع": two short parts and a spaced
# separator. A colon glued to the word before it ("الوزير: لا تراجع") opens a quote or a kicker instead.
# "الرباط - و م ع", "عدن - إدارة العلاقات العامة والإعلام:" (a colon may close it); ـ: a spaced tatweel
_DATELINE = re.compile(r"^\s*[^:：\-–—|.،]{2,40}?\s[:：\-–—|ـ]\s+[^:：\-–—|.،]{2,40}?\s*[:：]?$")
# "باسكنو - مراسل الوكالة: سيدي محمد ولد اباه": a place, then a labelled byline
_DATELINE_BYLINE = re.compile(r"^\s*[^:：\-–—|.،]{2,30}?\s[\-–—|ـ]\s+[^:：\-–—|.،]{2,30}[:：]\s*[^:：\-–—|.،]{2,40}$")
# "المصدر: وكالة المغرب العربي للأنباء", "الوسوم: …", "تصوير: …", "ساهم في إعداد التقرير: …": credit and tag lines.
_CREDIT_LABEL = re.compile(  # a bracket may hold the whole credit: "[المصدر: …]"
    r"^\s*[\[(]?\s*(المصدر|مصدر|المصادر|نقلا\s+عن|تصوير|تقرير|الصورة|صورة|الصور|ترجمة|كلمات\s+دلالية|الكلمات\s+المفتاحية|"
    r"الوسوم|وسوم|(?:آخر|اخر)\s+(?:تحديث|تعديل)(?:\s+\S+)?|تاريخ\s+النشر|روبورتاج|ريبورتاج|مونتاج|إخراج|اخراج|"
    r"(?:ساهم|شارك|ساهمت|شاركت)\s+في\s+(?:إعداد|اعداد|"
    r"التغطية|تغطية|كتابة)[^:：]{0,25}|شكر\s+خاص|شكر\s+وتقدير)\s*[:：]"
)


MAX_NAME_BYLINE_WORDS = 5
# "بواسطة ليث الخصاونة", "بقلم سعيد العلوي": a byline without a colon, a line of its own
_BY_NAME = re.compile(r"^\s*(?:بواسطة|بقلم)\s+[^\d\s.،:]+(?:\s+[^\d\s.،:]+){0,3}\s*$")
# "أمس, 11:40 م", "اليوم 10:15", "منذ 3 ساعات": a template's relative time stamp
_RELATIVE_STAMP = re.compile(
    r"^\s*(?:أمس|امس|اليوم|منذ\s+\S+(?:\s+\S+)?)\s*[,،|-]?\s*(?:\d{1,2}:\d{2}\s*(?:ص|م|AM|PM|am|pm)?)?\s*$"
)
MAX_CREDIT_WORDS = 14  # a labelled credit or source line, however it ends ("المصدر: …، الحصيلة السنوية 2024.")
# "ساهم في إعداد المادة مراسل … بقلعة السراغنة.": a contribution note, with or without a colon
_CONTRIBUTED = re.compile(
    r"^\s*(?:ساهم|شارك|ساهمت|شاركت|ساهموا|شاركوا)\s+في\s+(?:إعداد|اعداد|كتابة|تحرير|تغطية|انجاز|إنجاز)\s"
)
# "للاستفسار: الرقم الأخضر … 1155 (مجاني)": where readers write or call, a line of its own after the story
# "للاستفسار عن المرحلة الثانية يمكن مراجعة مكتب التعاونية …": where to ask, as a sentence (no label's colon)
_CONTACT_CALL = re.compile(
    r"^\W*(?:للاستفسار|للاستفسارات|للاستعلام|للاستعلامات|للتواصل|للحجز|للتسجيل|للتبرع|للتطوع|للانضمام|للمساهمة|للمشاركة"
    r"|لدعم)"
    r"(?:\s+\S+){0,12}?\s+(?:يمكن|يمكنكم|يرجى|يرجي|الرجاء|نرجو|يتعين|على الرقم|عبر الرقم|الاتصال"
    r"|تواصلوا|تواصل|اتصلوا|اتصل|راسلونا|راسلوا)\b"
)
MAX_CONTACT_CALL_WORDS = 30
_CONTACT_LABEL = re.compile(
    r"^\s*(?:للاستفسار|للاستفسارات|للاستعلام|للتواصل|للاتصال|للحجز|للتسجيل|للإبلاغ|للتبليغ|للشكاوى|للشكاوي|للاقتراحات"
    r"|للإعلان|للاعلان|للتبرع|للتبرعات|للتطوع|للانضمام|للمساهمة"
    r"|لمزيد من المعلومات|للمزيد من المعلومات"
    r"|لمزيد من التفاصيل|للمزيد من التفاصيل)(?:\s+[^\s:：]+){0,8}\s*[:：]"  # "للتواصل مع المحررة: …"
)
# what to do for a purpose, labelled, after the story: "للمشاركة في المسير القادم: سجّل اسمك …", "للحصول على
# الشتلات: توجهوا إلى …" (a purpose, its colon, then the imperative: a call, never the story's sentence)
_PURPOSE_CALL = re.compile(  # or a newsletter's label: "القائمة البريدية: أرسل كلمة «اشتراك» على واتساب …"
    r"^\W*(?:و?لل\S+|شارك|شاركوا|ساهم|ساهموا|انضم|انضموا|(?:ال)?(?:قائمة|نشرة)\s+(?:ال)?(?:بريدية|إخبارية|اخبارية))"
    r"(?:\s+[^\s:：]+){0,8}\s*[:：]\s*"
    r"(?:سجل|سجلوا|اتصل|اتصلوا|راسل|راسلوا|تواصل|تواصلوا|املأ|املأوا|املا|أرسل|ارسل|أرسلوا|ارسلوا|أرسلها|ارسلها|زر|زوروا"
    r"|توجه|توجهوا|احجز|احجزوا|انضم|انضموا|اطلب|اطلبوا|اضغط|اضغطوا|قدم|قدموا|يرجى)\b"
)
# a purpose, then two ways to act on it (normalised): "لمتابعة مواعيد الحملات اشترك في نشرة الملتقى أو تابع صفحة
# الفعاليات" (an imperative, "or", another: instructions, never a report)
_CALL_VERBS = r"اشترك|اشتركوا|تابع|تابعوا|سجل|سجلوا|زر|زوروا|راسل|راسلوا|اتصل|اتصلوا|ارسل|ارسلوا|حمل|حملوا|انضم|انضموا"
_CALL_VERB = f"(?:{_CALL_VERBS})"
_EITHER_WAY_CALL = re.compile(rf"^\W*و?ل\S+(?: \S+){{0,6}} {_CALL_VERB}(?: \S+){{1,8}} او {_CALL_VERB}\b")
# a purpose, labelled, then a number to call (folded: digits ASCII): "للطلب: يمكن حجز … على الرقم 022740000 …" (a
# number said to be one, or dialled from 0 or +: a figure in a sentence is neither)
_PURPOSE_NUMBER = re.compile(
    r"^\W*و?لل\S+(?:\s+[^\s:：]+){0,4}\s*[:：]"
    r".*?(?:(?:الرقم|رقم|هاتف|الهاتف|واتساب)\D{0,12}\d{6,}|(?<![\d.,])(?:\+|0)\d{6,})"
)
# a purpose, then an imperative addressed to the reader by what it asks of them (normalised): "للانضمام الي الموسم
# سجل بياناتك في …", "للمشاركة ارسل اسمك …" (the object's "ك" says "your": a report's "سجل الفريق فوزه" does not)
_YOUR_CALL = re.compile(
    rf"^\W*و?لل\S+(?: \S+){{0,8}} (?:{_CALL_VERBS}|املا|املاوا|اكتب|اكتبوا|ارسلها)"
    r" (?!(?:ذلك|كذلك|تلك|لذلك|هنالك)\b)\S+(?:ك|كم)\b"
)
# a summary in another language, labelled: "Summary (EN): …", "Résumé : …", "ملخص بالإنجليزية: …"
_SUMMARY_LABEL = re.compile(
    r"^\W*(?:(?:english\s+)?summary|abstract|r[ée]sum[ée]|zusammenfassung)\s*(?:\((?:en|fr|ar|de|es)\))?\s*[:：]"
    r"|^\W*ملخص\s+(?:بال)?(?:إنجليزية|انجليزية|إنكليزية|انكليزية|فرنسية|لغة)",
    re.I,
)
# a number to call, labelled ("رقم الطوارئ في المرفأ: 09 540 112", "هاتف الجمعية: …"): with the number only
_PHONE_LABEL = re.compile(
    r"^\s*(?:رقم الطوارئ|أرقام الطوارئ|رقم الهاتف|أرقام الهاتف|الهاتف|هاتف|الخط الساخن)(?:\s+[^\s:：]+){0,5}\s*[:：]"
)


def _short_arabic(line: str, max_words: int) -> bool:
    """A line of Arabic script, at most ``max_words`` words, not ending like a sentence.

    Only Arabic lines are judged: the conventions (a dateline in its own paragraph is
    not article text) are those of the Arabic press, and short Latin-script lines in
    other corpora (AEB) are often real text ("BAAR, SWITZERLAND", "Staff Reports").
    """
    stripped = line.strip()
    if not stripped or stripped.endswith(_SENTENCE_END) or not _ARABIC_CHAR.search(stripped):
        return False
    return len(normalize(stripped).split()) <= max_words


_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table row as the extractor writes it ("| بقلم: فلان | 18 دجنبر 2024 | عدد القراءات: 3541 |"),
    or None for any other line."""
    stripped = line.strip()
    if len(stripped) < 3 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    cells = [c.strip() for c in stripped[1:-1].replace("\\|", "|").split("|") if c.strip()]
    return cells or None  # a link bar in a cell is written with escaped bars ("الرئيسية \\| اتصل بنا"): each its cell


def _furniture_cell(cell: str) -> bool:
    """A table cell that is a label, a counter (also one kept since a date: "2164583 طلب منذ …") or a print or
    share button (a row of them is a meta or action bar)."""
    norm = normalize(cell)
    if norm in _LABELS or _COUNTER.match(norm) or _SHARE_ITEM.match(norm):
        return True
    since = _COUNT_SINCE.match(norm)
    return since is not None and is_date_line(since.group(1))


# a count kept since a day: "2164583 طلب منذ Sunday 18 March, 2012", "1200 visitors since …" (normalised)
_COUNT_SINCE = re.compile(r"^\d[\d,.]*\s+\S+(?:\s+\S+)?\s+(?:منذ|since|depuis)\s+(.+)$", re.I)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


# a print or share button's label (normalised): "طباعة الخبر", "أرسل لصديق", "شارك على فيسبوك", "واتساب"
_SHARE_ITEM = re.compile(
    r"^(?:(?:طباعه|اطبع|ارسال|ارسل)\s+(?:الخبر|المقال|الموضوع|الصفحه|لصديق)"
    r"|(?:(?:شارك|مشاركه|انشر)(?:\s+(?:علي|على|عبر|في))?\s+)?"
    r"(?:فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تلغرام|تيليغرام|لينكدان|لينكد ان|facebook|twitter|whatsapp|telegram|x))$"
)


# a note set above the story: "تنبيه: يتناول هذا المقال …" (a content warning), "ملاحظة المحرر: …"
# the text introducing itself as part of a series (normalised): "هذه القصة جزء من سلسلة …", "This story is part of …"
_SERIES_NOTE = re.compile(
    r"^\W*(?:(?:هذه|هذا) (?:القصه|التقرير|المقال|الماده|التحقيق|الحلقه|الخبر) (?:جزء|هي الحلقه|هو الجزء|ضمن)"
    r"|this (?:story|article|report) is (?:part|the \w+ (?:part|installment)) of)",
    re.I,
)
_LEADING_NOTE = re.compile(r"^\s*(?:تنبيه|تحذير|تنويه|ملاحظة المحرر|ملاحظة التحرير|ملاحظة)\s*[:：]")


_SPACED_DASH = re.compile(r"\s+[–—]\s+")  # an en or em dash between spaces (a hyphen may join words)
_SPACED_BAR = re.compile(r"\s+\|\s+")  # a bar between spaces, no-break ones included (not the "|" of a table row)
# a short Latin item of a link bar above an Arabic story: "RSS", "English", "PDF", "Français"
_LATIN_LINK = re.compile(r"^[A-Za-zÀ-ÿ][\w.+-]{0,11}(?: [A-Za-zÀ-ÿ][\w.+-]{0,11})?$")


# a date stamp's label: "نُشر يوم …", "نشر في: …", "تاريخ النشر …", "Publié le …", "Posted on …"
_STAMP_LABEL = re.compile(
    r"^\W*(?:(?:تم\s+)?(?:نشر|نشرت|النشر|تاريخ\s+النشر|أضيف|اضيف)|published|posted|publié|publie)"
    r"(?:\s+(?:في|يوم|بتاريخ|on|le))?\s*[:：]?\s*",
    re.I,
)


# the place of a dateline before a stamp: "Ouarzazate — Publié le …", "الرباط - نشر في …"
_STAMP_PLACE = re.compile(r"^\s*[^\d:：|.،—–\-]{2,30}?\s[—–\-|]\s+")


def _date_stamp(line: str) -> bool:
    """A publication label and a date, and nothing else ("نُشر يوم الثلاثاء 12 نوفمبر 2024"), after the
    dateline's place, if any ("Ouarzazate — Publié le mardi 17 juin 2025")."""
    folded = fold(line)
    place = _STAMP_PLACE.match(folded)
    if place is not None and _STAMP_LABEL.match(folded[place.end() :]):
        folded = folded[place.end() :]
    match = _STAMP_LABEL.match(folded)
    if match is None or match.end() == 0:
        return False
    date = folded[match.end() :]
    return is_date_line(date) or is_dated_signoff(date)  # "الجمعة 2 جمادى الأولى 1447هـ الموافق 24 أكتوبر 2025م"


# a breadcrumb trail: "الرئيسية » المقالات » …", "Home > News > …"
_BREADCRUMB = re.compile(r"^\W*(?:الرئيسية|الرئيسيه|الصفحة الرئيسية|home|accueil)\s*[»>›/]\s*\S", re.I)
# a portal's "posted by … on <date> (N reads)": "أرسلت بواسطة المكتب الإعلامي في الأحد، 09 مارس 2025 …"
_POSTED_BY = re.compile(r"^\W*(?:أرسلت|ارسلت|أرسل|ارسل|نشرت|نشر|كتبت|كتب)(?:ه|ها)?\s+(?:بواسطة|من قبل|من طرف)\s")
MAX_POSTED_BY_WORDS = 25


def _is_leading_meta(line: str, site_norm: str) -> bool:
    if _LEADING_NOTE.match(line) and len(line.split()) <= MAX_NOTICE_WORDS:
        return True
    if _BREADCRUMB.match(line) and len(line.split()) <= MAX_NOTICE_WORDS:
        return True
    if _POSTED_BY.match(line) and len(line.split()) <= MAX_POSTED_BY_WORDS and _FOUR_DIGIT_YEAR.search(line):
        return True
    if _date_stamp(line) or is_dated_signoff(line):
        return True  # "نُشر يوم …", a dateline of place and date ("بسكرة في: الثلاثاء 14 رجب 1446 هـ الموافق …")
    parts = _SPACED_DASH.split(line)  # a stamp and a byline on one line: "نُشر يوم … – بقلم: …"
    if len(parts) > 1 and all(_is_leading_meta(part, site_norm) for part in parts):
        return True
    if len(line.split()) <= MAX_NOTICE_WORDS and _SERIES_NOTE.match(normalize(line)):
        return True  # "هذه القصة جزء من سلسلة «…» التي تنشرها …"
    cells = _row_cells(line)
    if cells is None and _SPACED_BAR.search(line):  # the row as one line: "تاريخ النشر: … | آخر تعديل: … | …"
        cells = [part.strip() for part in _SPACED_BAR.split(line) if part.strip()]
    if cells is not None:  # a meta row: byline, date, counters, each in a cell
        return all(
            _furniture_cell(c)
            or _is_leading_meta(c, site_norm)
            or _leading_furniture(c)
            or is_date_line(c)
            or _LATIN_LINK.match(c)
            for c in cells
        )
    if not _short_arabic(line, 8):
        return False
    norm, bare = normalize(line), _bare(line)
    return bool(
        _BYLINE_LABEL.match(bare)
        or (site_norm and (norm == site_norm or norm.startswith(site_norm + " ")))
        or _DATELINE.match(bare)
        or _DATELINE_BYLINE.match(bare)
    )


MAX_LEADING_LINES = 4
MIN_PROSE_WORDS = 15


_PHOTO_LINE = re.compile(r"^\s*(صورة|الصورة|صور|تصوير|أرشيف|ارشيف)\b|\((أرشيف|ارشيف|صورة\s+أرشيفية)\)\s*$")
_DATE_OR_COUNT = re.compile(r"\d{1,2}:\d{2}|\d{4}|\d\s*(قراءة|مشاهدة|تعليق)")


_LIST_ITEM = re.compile(r"^\s*[-•*]\s")  # how trafilatura writes an <li>
MAX_BYLINE_ITEM_WORDS = 6


def _leading_furniture(line: str) -> bool:
    """A short Arabic line above the article that is a date or view count, a photo caption, a kicker/byline of at
    most four words (a longer kicker, e.g. a quote, may be the article's), or an item of a list of short entries (a
    byline box: author, outlet, "reporting from"). A date's and a time's numbers are not counted among the line's
    words."""
    numbers = sum(1 for word in normalize(line).split() if word.isdigit())
    if not _short_arabic(line, 12 + numbers):
        return False
    words = len(normalize(line).split()) - numbers
    if _LIST_ITEM.match(line) and words <= MAX_BYLINE_ITEM_WORDS:
        return True
    return bool(_DATE_OR_COUNT.search(line) or _PHOTO_LINE.search(line)) or words <= 4


def _is_prose(line: str) -> bool:
    """A paragraph of running text: 15+ words (separators such as the "|" of a table row are no words)."""
    words = line.split()
    return len(words) >= MIN_PROSE_WORDS and sum(1 for w in words if any(c.isalnum() for c in w)) >= MIN_PROSE_WORDS


# a site's notice on reusing its content ("يسمح بنشر مقتطفات ... مع ذكر المصدر", "جميع الحقوق محفوظة"),
# on normalised text; it must also name the site, the source, a permission or a subscription
_RIGHTS = re.compile(
    r"\b(يسمح|يجوز|يمنع|يحظر)\s+(ب)?(اعاده\s+)?(نشر|نقل|اقتباس|استخدام|طباعه)|(جميع|كل)\s+الحقوق\s+محفوظه|"
    r"حقوق\s+(النشر|الطبع)\s+محفوظه|"
    # "لنشر هذه التدوينة يرجى ذكر المصدر", "عند النقل الرجاء الإشارة إلى المصدر"
    r"\b(لنشر|لاعاده\s+نشر|عند\s+النقل|عند\s+الاقتباس|في\s+حال\s+النقل)\b.{0,60}\b(يرجي|يرجى|الرجاء|نرجو|يجب)\s+"
    r"(ذكر|الاشاره)"
)
_RIGHTS_CONTEXT = re.compile(r"المصدر|الموقع|موقعنا|الوكاله|الجريده|الصحيفه|اذن|الاشتراك|للاشتراك|المشتركين")
MAX_NOTICE_WORDS = 60
# "... ولا يعبر بالضرورة عن رأي الموقع": a site's (or an aggregator's) disclaimer, on normalised text
_DISCLAIMER = re.compile(
    r"(لا|ولا)\s+(يعبر|تعبر)\s+(بالضروره\s+)?(عن\s+)?(راي|وجهه\s+نظر)"
    # a health site's "the information in this article does not replace a doctor's advice"
    r"|(هذا المقال|هذا الخبر|هذه المعلومات|المعلومات الوارده|هذا المحتوي)\b.{0,80}(لا|ولا)\s+(تغني|يغني)\s+عن\s+"
    r"(استشاره|زياره|مراجعه|متابعه)"
)


# "ترحب الشبكة بالنقاش... ننصحك بمراجعة إرشادات الاستخدام", "نرجو الالتزام بآداب الحوار": a comment policy
# speaks to the reader about comments; on normalised text
_COMMENT_WORDS = re.compile(r"تعليق|مشاركاتك|مشاركاتكم|النقاش|الحوار")
_TO_THE_READER = re.compile(r"\b(ترحب|نرحب|ننصحك|ننصحكم|نرجو|يرجي|الرجاء|نذكر|نحيطكم)\b")
# how a site states that it moderates: "تخضع التعليقات لرقابة هيئة التحرير", "يحتفظ الموقع بحق عدم النشر"
_MODERATION = re.compile(r"\bو?(تخضع|لرقابه|رقابه|يحتفظ|نحتفظ)\b")
_POLICY_WORDS = re.compile(r"مراجعه|ارشادات|اداب|شروط|الالتزام|نشرها|تنشر|حذف")


def _is_notice(norm: str) -> bool:
    """A site's notice on reusing its content, its disclaimer, or its comment policy (``norm``: the
    normalised line)."""
    if len(norm.split()) > MAX_NOTICE_WORDS:
        return False
    addressed = _TO_THE_READER.search(norm) or _MODERATION.search(norm)
    comment_policy = _COMMENT_WORDS.search(norm) and addressed and _POLICY_WORDS.search(norm)
    return bool(_RIGHTS.search(norm) and _RIGHTS_CONTEXT.search(norm)) or bool(
        _DISCLAIMER.search(norm) or comment_policy
    )


# the author's note under an op-ed: "* أستاذ في كلية التربية", "*كاتب وصحفي مغربي"
_AUTHOR_NOTE = re.compile(r"^\s*\*\s*[\u0621-\u064a][^*]{2,150}$")
# a news agency's end mark and its editors' initials: "(النهاية)", "-انتهى-", "م ع ش / ع د ن"
_RELEASE_END = re.compile(r"^\s*(?:[-–—]\s*(?:انتهى|انتهي|ends?)\s*[-–—]|#{3}|-30-)\s*$", re.IGNORECASE)
_END_MARK = re.compile(
    r"^[\s(\-–—*]*(?:النهاية|انتهى|انتهي)[\s)\-–—*.]*"
    r"(?:(?:[\u0621-\u064a]\s*){1,5}(?:[/|]\s*(?:[\u0621-\u064a]\s*){1,5})*)?$"
)
# wire copy's closing agency code, "(واج)", "( و م ع )", "[قنا]", "(أ.ف.ب)": a bracketed code of a few letters
_AGENCY_CODE = re.compile(r"^\s*[(\[]\s*(?:[\u0621-\u064a]+[\s.]*){1,4}[)\]]\s*$")
MAX_AGENCY_CODE_CHARS = 16
# a column's or a letter's signature: the author's first name after a dash ("— سعيد", "- ليلى ب.")
_SIGNATURE = re.compile(r"^\s*[—–-]\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+\.?){0,2}\s*$")
# "م ع ش / ع د ن", "ع.ف/ ر.ح", "ك.م/ ع.ش (رويترز، أ ف ب)": initials spaced or dotted, agencies after them
# "/العمانية/ ع ص / م ح", "(ك.ب) ش.ع/ه.ك": an agency tag between slashes or brackets may open them; "ف.ب",
# "ر. ن.": dotted initials alone
_INITIALS = re.compile(
    r"^\s*(?:/[\u0621-\u064a ]{2,25}/\s*|[(\[][\u0621-\u064a .]{1,12}[)\]]\s*)?"
    r"(?:[\u0621-\u064a][\s.]+){1,4}[\u0621-\u064a]?\.?\s*[/|]\s*(?:[\u0621-\u064a][\s.]*){0,5}"
    r"(?:[(\[][^()\[\]]{1,40}[)\]])?\s*$"
    r"|^\s*(?:[\u0621-\u064a]\.\s*){1,3}[\u0621-\u064a]\.?\s*$"
)
# "تابعوا قناة … على واتساب", "انضموا إلى قناتنا على تلغرام", "شاهدوا التقرير … على شاشة قناة …", "تابع … عبر
# تطبيق …", "أرسلها إلينا عبر واتساب": the site's call to follow, watch or write to it, on normalised text; it
# must name a platform (or the site itself: "ترقبوا تقريرا مصورا … على <site>")
_FOLLOW_US = re.compile(
    r"^\W*(?:(?:ل?متابعه|للمزيد|لمزيد|وللمزيد|ولمزيد) [^ ]+(?: [^ ]+){0,5} )?"  # "للمزيد من أخبار إربد تابعوا"
    r"(تابعوا|تابعونا|تابع|انضموا|انضم|اشتركوا|اشترك|شاهدوا|ترقبوا|"
    r"ارسلوا|ارسلها|ارسلوها|لارسال|راسلونا|حملوا|حمل)\b"
)
_PLATFORM = re.compile(
    r"\b(واتساب|واتس اب|تلغرام|تيليغرام|تليغرام|تليجرام|تلجرام|فيسبوك|فيس بوك|يوتيوب|انستغرام|انستجرام|تويتر|"
    r"تيك توك|قناتنا|صفحتنا|حسابنا|قناه|تطبيق|تطبيقنا|جوجل بلاي|غوغل بلاي|اب ستور|اخبار جوجل|تغطيتنا|موقعنا"
    r"|نشرتنا|البريديه|بريدك)\b"
)
MAX_FOLLOW_US_WORDS = 25
# a helpline addressed to the reader: "للإبلاغ عن … اتصل بغرفة العمليات على الرقم 0780…", "للحالات الطارئة اتصل
# بالرقم 112" (a purpose, then the imperative, then a number; a report of a call to call is worded otherwise)
_HELPLINE = re.compile(
    r"^\W*(?:ل\S+|اذا|في حال)(?: \S+){0,10} (?:اتصل|اتصلوا|اتصلي|الاتصال|راسل|راسلوا|راسلي|تواصل|تواصلوا|تواصلي"
    r"|التواصل)\b"
    r"(?: \S+){0,6} (?:ب?الرقم|رقم|ب?الهاتف|هاتف)(?: \S+){0,2} \+?\d{3,}"
)
# an SMS subscription's instruction (normalised): "أرسل كلمة «صياد» إلى الرقم 0500000412"
_SEND_TO_NUMBER = re.compile(r"\b(?:ارسل|ارسلوا|ارسلي)\b(?: \S+){0,6} (?:الي|علي) (?:الرقم|رقم) \+?\d{3,}")
# "تابعوا تغطية <site> …": the site's call to follow its coverage
_FOLLOW_COVERAGE = re.compile(r"^\W*(?:تابعوا|تابعونا|تابعي) (?:تغطيه|تغطيتنا|تغطيات)\b")
# an address to write to, or what Cloudflare's e-mail obfuscation leaves of it: "لإرسال أخباركم: [email protected]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s|\xa0)protected\]", re.I)
# "Esta noticia también está disponible en español: …", "Read this story in English", "Lire cet article en
# français", "اقرأ هذا الخبر بالإنجليزية": a pointer to the story's edition in another language
_OTHER_EDITION = re.compile(
    r"\b(?:disponible en|available in|read (?:this|the|it) [\w ]{0,20}\bin|lire (?:cet|l'|cette) [\w ]{0,20}\ben"
    r"|leer (?:esta|este) [\w ]{0,20}\ben|version (?:française|anglaise|arabe|english|espa[ñn]ola)"
    r"|(?:english|french|spanish|arabic) version)\b",
    re.I,
)
_OTHER_EDITION_AR = re.compile(r"^\W*(?:اقرا|اقرؤوا|طالع) (?:هذا|هذه|الخبر|المقال)[^.]{0,20} (?:بال|باللغه )[^ ]+\W*$")
MAX_EDITION_WORDS = 30
# a label left without what it labelled ("الرابط المختصر:", "شارك:"): its link or buttons went
_DANGLING_LABEL = re.compile(r"^\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2}\s*[:：]\s*$")
# a credit in brackets alone on its line: "(أ ف ب، رويترز)", "(وكالات)"
_BRACKETED_LINE = re.compile(r"^\s*[(\[][^()\[\]]{2,80}[)\]]\s*$")
MAX_BRACKETED_WORDS = 8
# a call to read more elsewhere, with its link: "للاطلاع على …: <link>", "لمزيد من المعلومات: <link>"
_READ_MORE_CALL = re.compile(r"^\W*(?:للاطلاع|للإطلاع|لمزيد من|للمزيد من|للتفاصيل|لمتابعة)\s[^:：]{0,60}[:：]")
# a "label: value" line that is no sentence ("شركاء الندوة: … – …", "للاستفسار: …"): closing the text, a page's note
_LABELLED_LINE = re.compile(r"^\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,5}\s*[:：]\s*\S")
# an appeal for support ("ادعم صندوق …: كل عبوة تشتريها …", "تبرعوا لـ …") or a box's "about" heading ("عن المكتب …")
_APPEAL = re.compile(r"^\W*(?:ادعم|ادعموا|ساندوا|تبرع|تبرعوا|ساهموا في دعم)\s")
_ABOUT_HEADING = re.compile(r"^\s*عن(?:\s+[\u0621-\u064a]+){1,5}\s*$")
_SENTENCE_CLOSE = (*_SENTENCE_END, ")")  # or a bracket: "(…)" closes a sentence's aside
MAX_LABELLED_LINE_WORDS = 20
# a rule drawn under the article: "ـــــ", "______", "* * *"
_RULE_LINE = re.compile(r"^[\sـ_\-–—*=~.•·]+$")


# a wire's sign-off with its editors' names: "وام/مريم الكعبي/حسن المرزوقي" (agency, then names, between slashes)
_WIRE_SIGNOFF = re.compile(r"^\s*[\u0621-\u064a]{2,8}\s*(?:/\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,3}\s*){2,4}$")
# the page's own widgets speak of the page ("هل كانت هذه الصفحة مفيدة؟", "آخر تحديث للصفحة") or ask the reader about
# the story ("هل كان هذا الخبر مفيدا؟", "هل وجدت خطأ في هذا الخبر؟", "هل لديك معلومة أو خبر؟"), on normalised text
_PAGE_WIDGET = re.compile(
    r"\b(هذه الصفحه|للصفحه)\b|^هل (?:كان|كانت|وجدت|لديك|لديكم|عندك)\b.{0,40}"
    r"(?:هذا الخبر|هذا المقال|هذا الموضوع|هذه المعلومات|خطا|معلومه|خبر)"
    r"|^ما (?:رايك|رايكم) (?:في|ب) ?(?:هذا|هذه)? ?(?:الخبر|المقال|الموضوع)"  # "ما رأيك في هذا المقال؟"
)
MAX_PROMPT_WORDS = 25
# "للمزيد من أخبار التموين اضغط هنا": a link line, on normalised text
# where the story ran in print: "نشر في العدد المطبوع رقم 47", "نُشر في النسخة الورقية – العدد 1217" (normalised)
_PRINT_NOTE = re.compile(r"^\W*(?:نشر|نشرت|ينشر|تنشر)(?: هذا| هذه)?(?: \S+)? في (?:العدد|عدد|النسخه|الطبعه)\b")
MAX_PRINT_NOTE_WORDS = 20
# a question put to the reader, then what to send and where: "هل لديك استفسار؟ أرسل سؤالك …", "هل وصلك ادعاء؟ أرسله …"
_READER_CALL = re.compile(
    r"^\W*هل (?:لديك|لديكم|عندك|عندكم|وصلك|وصلكم|تريد|تريدون|ترغب|ترغبون|تود|تودون|تودين|تحب|تحبون|تملك|تملكون"
    r"|تبحث|تبحثون|أنت|انت|أنتم|انتم"
    r"|أعجبك|اعجبك|أعجبكم|اعجبكم)\b"
    r"[^.؟?]{0,80}[؟?]\W*(?:\S+ ){0,3}"
    r"(?:(?:[أا]رسل|راسل|شارك|اتصل|تواصل|اشترك|سجل|تابع|انضم)(?:ه|ها|وا|وه)?|راسلنا|راسلونا|تابعنا|تابعونا)\b"
)
MAX_READER_CALL_WORDS = 40
# a call to comment after the story (normalised): "شاركونا آراءكم في التعليقات", "ما رأيك …؟ اترك تعليقك …"
_COMMENT_CALL = re.compile(
    r"^(?:شاركونا|شاركنا|شاركوا|شارك|اتركوا|اترك|اخبرونا|اخبرنا|ما رايك|ما رايكم)\b.{0,80}?"
    r"\b(?:تعليق|تعليقك|تعليقكم|تعليقاتكم|التعليقات|التعليق|ارائكم|اراءكم|اراوكم|رايك|رايكم)\b"
)
MAX_COMMENT_CALL_WORDS = 20
_CLICK_HERE = re.compile(r"\b(اضغط|انقر|اضغطوا|انقروا) هنا\W*$")
MAX_WIDGET_WORDS = 12
# a line in another language written in Arabic script (Kurdish, Persian, Urdu): letters Arabic never uses
_OTHER_SCRIPT_LANGUAGE = re.compile(r"(?:[ۆێڕڵەڤپچژگۍ][^ۆێڕڵەڤپچژگ]{0,12}){3}")
# an editor's note on the story: "تحديث (14 أكتوبر): …", "تصحيح: …", "ملاحظة المحرر: …", "إفصاح: …", a CMS's
# edit note ("تم تعديل الخبر: <user> - <date>", "السبب: …")
_UPDATE_NOTE = re.compile(
    r"^\s*(?:تحديث|تصحيح|تصويب|تنويه|ملاحظة|ملحوظة|ملاحظة المحرر|ملاحظة التحرير|إفصاح|افصاح|إخلاء مسؤولية|"
    r"اخلاء مسؤولية|تم تعديل (?:الخبر|المقال|الموضوع)|تم تحديث (?:الخبر|المقال)|سبب التعديل|السبب)"
    r"\s*(?:\([^()]{1,30}\)|[-–—]\s*[^:：]{4,40}?)?\s*[:：]"  # "تحديث (16:40):", "تحديث – الثلاثاء 23 ديسمبر 2025:"
    # a forum-based CMS's edit stamp: "آخر تعديل بواسطة رزان العمري؛ 16-06-2025 الساعة 09:10 ص. السبب: …"
    r"|^\s*(?:آخر|اخر)\s+تعديل\s+(?:بواسطة|من قبل|من طرف)\s|^\s*last\s+edited\s+by\s"
    # a page's stamp after the text: "آخر تعديل على الصفحة: 15/11/2024", "آخر تحديث للصفحة: …", "Page last updated: …"
    r"|^\s*(?:آخر|اخر)\s+(?:تعديل|تحديث)\s+(?:على|لل|ل)?\s*(?:الصفحة|الصفحه|صفحة|المحتوى)\s*[:：]"
    r"|^\s*page\s+last\s+(?:updated|modified)\s*[:：]"
    # "عُدّل آخر مرة في ٠٥/٠٥/٢٠٢٦" (a weblog's edit stamp), "Last modified on …"
    r"|^\s*(?:عدل|عدلت|تم تعديله|تم تعديلها)\s+(?:آخر|اخر)\s+مرة\s+(?:في|بتاريخ|يوم)\s"
    r"|^\s*last\s+(?:edited|modified|updated)\s+on\s"
    # a statement's closing stamp, where and when it was drawn up: "حرر بمولاي إدريس زرهون في 03-06-2025 - المكتب …"
    r"|^\s*و?حرر\s+ب\S+(?:\s+\S+){0,4}?\s+(?:في|بتاريخ|يوم)\s+\S*\d"
)


MAX_SITE_CREDIT_EXTRA_WORDS = 2


def _site_credit(norm: str, site_norm: str) -> bool:
    """The site's name with a word or two of credit ("المكلا نيوز - خاص", "<site> - متابعات"), on a line
    already known to be short and no sentence."""
    if not site_norm or not norm.startswith(site_norm + " "):
        return False
    return len(norm.split()) - len(site_norm.split()) <= MAX_SITE_CREDIT_EXTRA_WORDS


# a copyright line: "© 2012-2026 · …", "Copyright 2025 …"
_COPYRIGHT_LINE = re.compile(r"^\W*(?:©|\(c\)|copyright\b)", re.I)
MAX_COPYRIGHT_WORDS = 15
# a wiki's or a blog's trail to the neighbouring pages: "<< previous | all news | next >>"
_TRAIL_LINE = re.compile(r"^\s*<<.*\|.*>>\s*$")
# a forum's permissions under a post ("لا يمكنك الرد على المواضيع في هذا المنتدى", "You cannot reply to topics in this
# forum"), on normalised text: what the reader may do on the board, not the post
_FORUM_PERMISSION = re.compile(
    r"^(?:لا|انت لا) (?:يمكنك|تستطيع|تملك صلاحيه) (?:ال)?(?:رد|كتابه|اضافه|انشاء|تعديل|حذف|تصويت|ارفاق|مشاركه|تحميل)"
    r".{0,60}\b(?:المنتدي|القسم|المواضيع|مواضيع|المشاركات|مشاركات|الردود|ردود)\b"
    r"|^you (?:cannot|can ?not|do not have permission to) (?:post|reply|edit|delete|vote|download|start)\b.{0,60}"
    r"\b(?:forum|topics?|posts?|replies)\b"
)
MAX_FORUM_PERMISSION_WORDS = 15
_NAME_THEN_DASH = re.compile(r"^\s*([^—–\-|]+?)\s*[—–\-|]")


def _site_signature(line: str, names: frozenset[str]) -> bool:
    """The site's signature under the page: one of its ``names`` (normalised), a dash, what and where it is
    ("<site> — <what it is> — <where>"); no sentence."""
    named = _NAME_THEN_DASH.match(line)
    return named is not None and normalize(named.group(1)) in names and not line.rstrip().endswith(_SENTENCE_END)


def _is_trailing_meta(line: str, site_norm: str) -> bool:
    if _HASHTAG_LINE.match(line.strip()):
        return True
    if _TRAIL_LINE.match(line) or (_COPYRIGHT_LINE.match(line) and len(line.split()) <= MAX_COPYRIGHT_WORDS):
        return True
    rules = (_RULE_LINE, _END_MARK, _INITIALS, _AUTHOR_NOTE, _SIGNATURE, _DANGLING_LABEL, _WIRE_SIGNOFF)
    if any(rule.match(line) for rule in rules):
        return True
    if _AGENCY_CODE.match(line) and len(line.strip()) <= MAX_AGENCY_CODE_CHARS:
        return True
    cells = _row_cells(line)
    if cells is not None:  # an action bar or counters row
        return all(_furniture_cell(c) or _is_trailing_meta(c, site_norm) for c in cells)
    parts = [part for part in line.split("|") if part.strip()]  # "روبورتاج: … | تصوير: … | مونتاج: …"
    if len(parts) > 1 and all(_furniture_cell(part) or _is_trailing_meta(part, site_norm) for part in parts):
        return True
    norm = normalize(line)
    if _is_notice(norm):
        return True
    words = len(norm.split())
    if words <= MAX_FORUM_PERMISSION_WORDS and _FORUM_PERMISSION.match(norm.lower()):
        return True
    follow = words <= MAX_FOLLOW_US_WORDS and _FOLLOW_US.search(norm)
    if follow and (
        _PLATFORM.search(norm)
        or (site_norm and site_norm in norm)
        or _EMAIL.search(line)
        or _SEND_TO_NUMBER.search(norm)
    ):
        return True
    if words <= MAX_EDITION_WORDS and (_OTHER_EDITION.search(line) or _OTHER_EDITION_AR.match(norm)):
        return True
    if _contact_details(line):
        return True  # "info@… – هاتف 0923456789": where to write or call, and nothing else
    if words <= MAX_CONTACT_CALL_WORDS and (
        _EITHER_WAY_CALL.match(norm)
        or _SUMMARY_LABEL.match(line)
        or _PURPOSE_NUMBER.match(fold(line))
        or _YOUR_CALL.match(norm)
    ):
        return True  # "لمتابعة مواعيد الحملات اشترك في … أو تابع …", "Summary (EN): …", "للطلب: … على الرقم …"
    if words <= MAX_FOLLOW_US_WORDS and (_HELPLINE.match(norm) or _FOLLOW_COVERAGE.match(norm)):
        return True
    if words <= MAX_WIDGET_WORDS and _CLICK_HERE.search(norm):
        return True
    if words <= MAX_PRINT_NOTE_WORDS and _PRINT_NOTE.match(norm):
        return True  # "نُشر في العدد المطبوع رقم 47 من …", "نُشر هذا الموضوع في العدد 1187"
    if words <= MAX_COMMENT_CALL_WORDS and _COMMENT_CALL.match(norm):
        return True  # "شاركونا آراءكم في التعليقات، ولا تنسوا الإعجاب والمشاركة"
    if words <= MAX_FOLLOW_US_WORDS and _READER_CALL.match(_bare(line)):
        return True  # "هل لديك استفسار قانوني؟ أرسل سؤالك إلى باب استشارات قانونية …"
    if words <= MAX_PROMPT_WORDS and (_PAGE_WIDGET.search(norm) or _OTHER_SCRIPT_LANGUAGE.search(line)):
        return True
    bare = _bare(line)
    if words <= MAX_NOTICE_WORDS and _UPDATE_NOTE.match(bare):
        return True
    labelled = _CREDIT_LABEL.match(bare) or _CONTRIBUTED.match(bare)
    if labelled and words <= MAX_CREDIT_WORDS and _ARABIC_CHAR.search(line):
        return True  # "المصدر: …، الحصيلة السنوية 2024.", "ساهم في إعداد المادة مراسلنا بـ…."
    if (_CONTACT_LABEL.match(bare) or _PURPOSE_CALL.match(bare)) and words <= MAX_CONTACT_CALL_WORDS:
        return True  # "للتبرع لحملة …: حساب الجمعية في بنك … - فرع …، أو عبر …": where to call, write or give
    if words <= MAX_CONTACT_CALL_WORDS and _CONTACT_CALL.match(line):
        return True  # "للاستفسار عن المرحلة الثانية من المشروع يمكن مراجعة مكتب التعاونية …"
    if words <= MAX_LABELLED_LINE_WORDS and (_APPEAL.match(line) or _ABOUT_HEADING.match(line)):
        return True  # "ادعم صندوق ترميم المدرجات: …", "عن المكتب النقابي للفرع"
    if words <= MAX_BRACKETED_WORDS and _BRACKETED_LINE.match(line) and _ARABIC_CHAR.search(line):
        return True  # "(أ ف ب، رويترز، الخدمة العربية)": the wires the story was written from
    if words <= MAX_LABELLED_LINE_WORDS and _READ_MORE_CALL.match(line):
        return True  # "للاطلاع على المعطيات اللحظية للمحطة: صفحة المحطات"
    if words <= MAX_LABELLED_LINE_WORDS and _LABELLED_LINE.match(line) and not line.strip().endswith(_SENTENCE_CLOSE):
        return True  # "شركاء الندوة: … – …", "للاستفسار: قسم الساحات": a labelled note, no sentence of the story
    if is_dated_signoff(line):
        return True  # "صدر في زليتن بتاريخ 20 ذو القعدة 1446 هـ الموافق 18 مايو 2025": a statement's place and date
    if words <= MAX_NAME_BYLINE_WORDS and (_BY_NAME.match(line) or _RELATIVE_STAMP.match(line)):
        return True  # "بواسطة ليث الخصاونة", "أمس, 11:40 م": the byline and time a template prints after the text
    if not _short_arabic(line, 10):
        return False
    unbracketed = bare.strip().removeprefix("(").removeprefix("[").removesuffix(")").removesuffix("]")
    return bool(
        _CREDIT_LABEL.match(bare)
        or _CREDIT_LABEL.match(unbracketed)  # "(الصور: صفحة الوزارة)"
        or (site_norm and norm == site_norm)
        or _site_credit(norm, site_norm)
        or _TAG_LINE.match(bare)
        or _DATELINE.match(bare)  # a sign-off: "المكتب الإعلامي – المجلس المحلي في مدينة مارع", "الرباط - و م ع"
    )


MIN_TRANSLATION_LINES = 2


def _without_translation(lines: list[str], start: int, end: int) -> int:
    """The end of an Arabic article followed by its version in a Latin-script language ("Version
    française" and the release in French, an English summary): a trailing run of at least
    :data:`MIN_TRANSLATION_LINES` lines mostly in Latin script, after an article whose lines before
    it are all mostly Arabic. A quotation in French inside the article is followed by Arabic text: it stays."""
    cut = end
    while cut > start and (not lines[cut - 1].strip() or not mostly_arabic(lines[cut - 1])):
        cut -= 1
    run = [line for line in lines[cut:end] if line.strip()]
    own = [line for line in lines[start:cut] if line.strip()]
    if len(run) >= MIN_TRANSLATION_LINES and own and all(mostly_arabic(line) for line in own):
        return cut
    return end


MAX_KICKER_WORDS = 3
MAX_ABOVE_HEADLINE = 6  # lines (masthead, tagline, action bar, kicker) that may stand above the headline's


# "تصوير: فلان", "الصور: وكالة …", "(عدسة: …)": a photo credit on a line of its own
_PHOTO_CREDIT = re.compile(r"^\s*[(\[]?\s*(?:تصوير|الصورة|الصور|صورة|صور|عدسة)\s*[:：]")
MAX_PHOTO_CREDIT_WORDS = 8
# "صورة: <what it shows> (عدسة: <photographer>)": a caption labelled as one, its credit in brackets at its end
_LABELLED_CAPTION = re.compile(
    r"^\s*(?:صورة|الصورة|صور|الصور)\s*[:：][^.!؟?]{3,200}"
    r"[(\[]\s*(?:عدسة|تصوير|تصوير فوتوغرافي|ت)\s*[:：][^()\[\]]{2,60}[)\]]\s*$"
)
MAX_CAPTION_WORDS = 30


def drop_photo_credits(text: str) -> str:
    """Remove photo credit lines wherever they stand: short (:data:`MAX_PHOTO_CREDIT_WORDS` words), Arabic,
    opened by a credit label, not a sentence; and captions labelled as such that end with their photographer in
    brackets ("صورة: … (عدسة: …)"). A gallery set between paragraphs leaves its credit line
    there; at the edges :func:`trim_edges` takes such lines with the other credit and tag lines."""
    lines = text.split("\n")
    kept = [
        line
        for line in lines
        if not (_PHOTO_CREDIT.match(line) and _short_arabic(line, MAX_PHOTO_CREDIT_WORDS))
        and not (_LABELLED_CAPTION.match(_bare(line)) and len(line.split()) <= MAX_CAPTION_WORDS)
    ]
    return text if len(kept) == len(lines) else "\n".join(kept)


def trim_edges(text: str, site: str | None = None, title: str | None = None, site_names: Iterable[str] = ()) -> str:
    """Drop the headline, byline/dateline lines before the article and credit/tag lines after it.

    Arabic sites print "أخبارنا المغربية - <author>" or "الصحراء 24 : العيون" as a
    paragraph of its own above the text, and "المصدر: …" or a tag line below it;
    inside the article container, with no class to tell them apart. Their shape is
    the signal: short, no sentence ending, a label or a "place : name" separator, or
    the site's own name; and any short Arabic lines without a sentence ending (dates, view
    counts, captions, kickers) standing above the first paragraph of prose. A dateline that
    opens the first real paragraph ("الرباط (و م ع) - …") is part of that paragraph and stays.
    The page's ``title`` standing as a line of its own at either edge is the headline (trafilatura
    keeps it when it sits in the article container, sometimes after the body), also after a short
    kicker on its line, and what stands above it, when none of that is prose (a print version's
    masthead); a line that states only a date (``22-9-2024 | 13:45``) is the page's date stamp, at
    either edge; a comments heading after the article ("تعليقات الزوار (2)") ends it. ``site_names``: the names the
    page gives its site besides ``site`` (its logo's, ``og:site_name``): the site's signature under the page
    ("<name> — <what it is> — <where>") goes too.
    """
    lines = text.split("\n")
    site_norm = normalize(site or "")
    signatures = frozenset(name for name in (site_norm, *(normalize(n) for n in site_names)) if name)
    title_norm = normalize(title or "")

    def is_title(line: str) -> bool:
        """The headline, alone or after a short kicker on the same line ("جهات <headline>")."""
        norm = normalize(line)
        return bool(title_norm) and (
            norm == title_norm
            or (norm.endswith(" " + title_norm) and len(norm[: -len(title_norm)].split()) <= MAX_KICKER_WORDS)
        )

    def edge(line: str) -> bool:
        return not line.strip() or is_date_line(line) or is_title(line)

    start, end = 0, len(lines)
    # A masthead, a tagline or a kicker above the headline's own line: nothing before the headline is
    # the article when none of it is prose.
    headline_at = next((i for i in range(min(len(lines), MAX_ABOVE_HEADLINE + 1)) if is_title(lines[i])), None)
    if headline_at is not None and not any(_is_prose(line) for line in lines[:headline_at]):
        start = headline_at
    # Readers' comments after the article: a comments heading ("آراء القراء (2)") ends the article.
    prose_at = next((i for i in range(start, end) if _is_prose(lines[i])), end)
    end = next((i for i in range(prose_at + 1, end) if is_comments_heading(lines[i])), end)
    while start < end - 1 and (edge(lines[start]) or _is_leading_meta(lines[start], site_norm)):
        start += 1
    # Short Arabic lines with no sentence ending above the first paragraph of prose (a date and
    # view count, a photo caption, a kicker, a byline of any shape) are not article text either.
    first_prose = next((i for i in range(start, end) if _is_prose(lines[i])), None)
    # above an Arabic story, a one- or two-word label in Latin script ("Dublin Core", "News") is a schema's or a
    # menu's word; above a story in Latin script it may be its kicker or byline ("Staff Reports")
    latin_labels = first_prose is not None and mostly_arabic(lines[first_prose])
    if (
        first_prose is not None
        and first_prose - start <= MAX_LEADING_LINES
        and all(
            edge(lines[i])
            or _leading_furniture(lines[i])
            or _is_leading_meta(lines[i], site_norm)
            or (latin_labels and _LATIN_LINK.match(lines[i].strip()))
            for i in range(start, first_prose)
        )
    ):
        start = first_prose
    # A press release's end mark ("-انتهى-", "###", "-ends-") ends the text: the company boilerplate ("نبذة عن …")
    # and the media contacts after it are the release's, not the story's.
    ended = next((i for i in range(end - 1, prose_at, -1) if _RELEASE_END.match(lines[i])), None)
    if ended is not None:
        end = ended
    end = _without_translation(lines, start, end)
    note_taken = False
    while True:
        while end - 1 > start and (
            edge(lines[end - 1])
            or _is_trailing_meta(lines[end - 1], site_norm)
            or _site_signature(lines[end - 1], signatures)
        ):
            end -= 1
        if note_taken or end - 1 <= start:
            break
        if not (_editors_note(lines[end - 1]) or _BARE_SIGNATURE.match(lines[end - 1])):
            break
        end -= 1  # "الأرقام الواردة في هذا المقال أولية…"; the writer's name alone under the text (once)
        note_taken = True
    kept = [line for line in lines[start:end] if line.strip() and not _credit_line(line)]
    if start == 0 and end == len(lines) and len(kept) == len(lines):
        return text
    return "\n".join(kept).strip()


# the writer's name alone on the last line, as a signature: two to four Arabic words, no digit, no punctuation
_BARE_SIGNATURE = re.compile(r"^\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){1,3}\s*$")
MAX_EDITORS_NOTE_WORDS = 15
# the text speaking of itself: "هذا المقال", "هذه المادة", "this article" (not "this report" or "this
# investigation": a story's subject is often one), or of the page's controls ("… من أعلى الصفحة")
_SELF_REFERENCE = re.compile(
    r"(?:هذا|هذه)\s+(?:المقال|الخبر|المادة|الصفحة)|\bthis\s+(?:article|story)\b"
    r"|(?:أعلى|اعلى|أسفل|اسفل)\s+(?:الصفحة|الصفحه)|\b(?:top|bottom)\s+of\s+(?:the|this)\s+page\b"  # its controls
    r"|(?:تم|جرى)\s+تعديل\s+(?:المقال|الخبر|الموضوع|المشاركة|الصفحة)",  # the CMS's edit note
    re.I,
)


def _editors_note(line: str) -> bool:
    """A short last line in which the text speaks of itself: an editor's note (figures provisional, an
    article updated, a content warning), not a sentence of the story."""
    return len(line.split()) <= MAX_EDITORS_NOTE_WORDS and bool(_SELF_REFERENCE.search(line))


MAX_INNER_CREDIT_WORDS = 6
MAX_INNER_LABEL_WORDS = 10  # ... or this many when it does not end like a sentence
_PHONE = re.compile(r"(?<!\d)\d[\d\s-]{2,}\d(?!\d)")  # a number to call: "117", "0412-476000"


# a caption set as a bracketed line of its own: "(صورة من درس العقد البحرية)", "(من اليمين: …)"
_BRACKETED_CAPTION = re.compile(r"^\s*[(\[]\s*(?:صورة|الصورة|صور|لقطة|من اليمين|من اليسار)\b[^()\[\]]{0,150}[)\]]\s*$")
# a caption that ends with its photographer: "… - عدسة: سامر حداد", "… | تصوير: …"
_PHOTO_CREDIT_AFTER = re.compile(r"\s[-–—|]\s*(?:عدسة|تصوير|الصورة|صورة|ت)\s*[:：]\s*[^.،:؛]{2,40}$")
# a call to get the news elsewhere, or to sign up (normalised): "ولتصلك أسعار كل هبطة … أرسل …", "للاشتراك في نشرة …
# أرسل كلمة …", "لتسجيل نخلة في السجل املأ النموذج … أو اتصل بفريق المشروع"
_GET_IT_CALL = re.compile(
    r"^\W*و?(?:لتصلك|ليصلك|لتصلكم|ليصلكم|للاشتراك في|للحصول علي|لتسجيل|للتسجيل)\s(?:\S+\s){0,12}?"
    rf"(?:{_CALL_VERBS}|املا|املاوا)\b"
)


# the labels of contact details: "هاتف", "فاكس", "البريد الإلكتروني", "واتساب", "Tel", "E-mail"
_CONTACT_WORDS = re.compile(
    r"(?:هاتف|الهاتف|الجوال|جوال|فاكس|الفاكس|واتساب|البريد الإلكتروني|البريد الالكتروني|بريد إلكتروني|بريد|"
    r"tel|tél|phone|fax|e-?mail|whatsapp)\s*[:：.]?",
    re.I,
)


_CONTACT_NUMBER = re.compile(r"\+?(?<!\d)\d[\d\s().-]{5,}\d(?!\d)")  # "0923456789", "+218 92 345 6789"


def _contact_details(line: str) -> bool:
    """A line of contact details only, with an Arabic label: an e-mail address or a phone number (at least one),
    their labels and separators, nothing else (no sentence). A bare number may be a listing's own ("Inquiry",
    then "02-751-1500": an event's text keeps it)."""
    if not _ARABIC_CHAR.search(line):
        return False
    folded = fold(line)
    rest = _EMAIL.sub(" ", folded)
    found = rest != folded
    rest, numbers = _CONTACT_NUMBER.subn(" ", rest)
    if not (found or numbers):
        return False
    rest = _CONTACT_WORDS.sub(" ", rest)
    return not re.search(r"\w", rest)


# practical information set as a paragraph of its own (opening hours, a programme's times): "مواعيد الورشة: يوميا من
# الثامنة والنصف حتى العاشرة والنصف مساء، والتسجيل مجاني.", "برنامج المهرجان: من ١٢ إلى ١٥ نوفمبر، من العاشرة صباحا
# حتى الثامنة مساء": a label (hours, times, programme of something), then a time of day
_SCHEDULE_LABEL = re.compile(r"^\W*(?:مواعيد|موعد|أوقات|اوقات|ساعات|برنامج)(?:\s+[^\s:：]+){1,3}\s*[:：]")
_TIME_OF_DAY = re.compile(r"صباحا|مساء|ظهرا|ليلا|(?<!\d)\d{1,2}[:.]\d{2}(?!\d)")
MAX_SCHEDULE_WORDS = 30


# an advertisement set as a paragraph of its own, under its label: "إعلان: مطعم المرسى - سمك طازج يوميا", "Publicité :
# Hôtel …" (the label, then its colon: a sentence about an announcement, "إعلان الوزارة عن …", has none)
_AD_LINE = re.compile("^\\W*(?:" + "|".join(re.escape(w) for w in _AD_LABEL_WORDS) + r")\s*[:：]\s*\S", re.I)
MAX_AD_LINE_WORDS = 20


def _ad_line(line: str) -> bool:
    """A short line that is an advertisement under its label and colon (see :data:`_AD_LINE`)."""
    return len(line.split()) <= MAX_AD_LINE_WORDS and bool(_AD_LINE.match(line))


def _schedule_line(line: str) -> bool:
    """A short line of practical information: a schedule's label, then a time of day (see :data:`_SCHEDULE_LABEL`)."""
    folded = fold(line)
    return (
        len(line.split()) <= MAX_SCHEDULE_WORDS
        and bool(_SCHEDULE_LABEL.match(folded))
        and bool(_TIME_OF_DAY.search(folded))
    )


def _credit_line(line: str) -> bool:
    """A short labelled credit standing as a paragraph of its own inside the text ("المصدر: وكالة تيرس
    للأنباء" under a paragraph it sourced), a plug for the site's channel between two paragraphs ("📲
    اشترك في قناة … على تلغرام"), a helpline set between them ("لحجز موعد … يرجى الاتصال على الرقم …") or a
    rights notice under a photo, no sentence ("الصور حصرية لـ… - يحظر إعادة نشرها"): never a sentence of the story."""
    unfinished = not line.rstrip().endswith((".", "!", "؟", "?"))  # a label's value, not a sentence
    limit = MAX_INNER_LABEL_WORDS if unfinished else MAX_INNER_CREDIT_WORDS
    bare = _bare(line)
    if _short_arabic(line, limit) and _CREDIT_LABEL.match(bare):
        return True  # "المصدر: إدارة تنفيذ الأحكام - وحدة الإحصاء القضائي" under the table it sourced
    if _ad_line(line):
        return True  # "إعلان: مطعم المرسى - سمك طازج يوميا": an ad between two paragraphs
    if _schedule_line(line):
        return True  # "مواعيد الورشة: يوميا من الثامنة والنصف حتى العاشرة والنصف مساء، والتسجيل مجاني."
    norm = normalize(line)
    if len(norm.split()) > MAX_FOLLOW_US_WORDS:
        return False
    if (_CONTACT_LABEL.match(bare) or _PHONE_LABEL.match(bare)) and _PHONE.search(line):
        return True  # "للإبلاغ عن تسرب أو كسر في شبكة المياه: الرقم المجاني 117 أو …", "رقم الطوارئ: 09 540 112"
    if _PURPOSE_NUMBER.match(fold(line)):
        return True  # "للطلب: يمكن حجز منتجات الوحدة مسبقاً بالاتصال على الرقم ٠٢٢٧٤٠٠٠٠ …"
    if unfinished and _is_notice(norm):
        return True  # "الصور حصرية لوكالة … - يحظر إعادة نشرها دون ذكر المصدر" under a photo; a sentence stays
    if _BRACKETED_CAPTION.match(bare) or (unfinished and _PHOTO_CREDIT_AFTER.search(bare)):
        return True  # "(صورة من درس العقد في اليوم الأخير)", "جناح الجمعية في المعرض - عدسة: سامر حداد"
    if _GET_IT_CALL.match(norm):
        return True  # "ولتصلك أسعار كل هبطة على هاتفك أرسل كلمة هبطة إلى الرقم …"
    return bool(_FOLLOW_US.search(norm) and _PLATFORM.search(norm)) or bool(_HELPLINE.match(norm))
