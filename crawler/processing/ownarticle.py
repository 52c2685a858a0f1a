"""The page's own article: the text that belongs to its headline, never a pulled-in neighbour.

Pages pull whole second articles into the main column: a "read also" box with its own
headline, byline and paragraphs, a "next article" block, an infinite-scroll neighbour. An
extractor that keeps the longest prose then stores the *other* article under this page's
headline, URL and date, the worst error an archive can make (silent, and it poisons dedup).

Invariant: after :func:`cut_pulled_in_articles`, nothing of the page's main column that
follows a *foreign headline* remains but the own paragraphs that resume after a boxed
second article (see "What goes" below), where

- the page's headline ``H`` is the ``<h1>`` (or headline-classed element) whose text best
  matches the page's own title (``og:title``, JSON-LD ``headline``, ``<title>``); when no ``<h1>``
  matches it (a logo in the only ``<h1>``), the heading that says the title; when the ``<h1>`` that
  says the title heads no text and the next ``<h1>`` does and says none of it, that next one (the
  title names the page: a wiki's page name, said again by its location line);
- a foreign headline ``F`` is a heading (``h1``-``h4``, or an element classed
  ``title``/``headline``/``titre``) after ``H`` in document order, with 3 to 40 words, that
  heads a unit of its own: it links to another page, or sits in an ``<article>`` that does
  not hold ``H``, or a date, ``<time>`` or byline (or a date's label, "التاريخ:", then the date)
  follows it closely;
- and ``H``'s own body comes first: at least ``MIN_OWN_PROSE`` characters of paragraphs lie
  between ``H`` and ``F`` (a heading met before the own body, such as a ticker or a video
  card under a standfirst, is not a cut), and ``F`` opens its unit: at most a kicker
  (``MAX_KICKER_CHARS``) stands before it there.

What goes: ``U``, the branch of ``F`` under the lowest common ancestor of ``F`` and the
last paragraph of the own article before it (so ``U`` never holds the own text), and what
follows ``U`` there, unless ``U`` is a self-contained card (fewer than two paragraphs of
its own: a teaser, a promo box), in which case only ``U`` goes and the own article may go on.
When ``U`` is a box set among the own paragraphs (a sibling of the last one, or of the chunk of
paragraphs that holds it; its heading and text wrapped together), the own paragraphs (or chunks)
that resume after it, in the same markup, stay: a "read also" article boxed in the middle of
the text does not end the text; own paragraphs never resume after a readers' comments heading
(:mod:`comments`): what follows it goes with ``U``.
A heading standing alone among the own paragraphs (flat markup) needs stronger evidence
than a link: a date or ``<time>`` after it, a dated byline line, or its own ``<article>``.
A second article pasted into the same post body with no heading tag at all heads itself
with an *emphasised line* (a paragraph, or a ``<br>``-separated line, that is wholly bold
or set in a larger font, by its markup or by a class the page's own style sheet makes bold, 3 to 25 words, not
ending a sentence); such a line counts as a
flat heading, and only with a dated byline line (``بقلم``, ``كتب``, ``متابعة``, "by"... and
a full date, or a short date line) right after it: a bold subheading of the own article is
followed by its text. Inside ``<br>`` soup the line and everything after it in its container
go. Pages without any heading markup find their headline the same way: the emphasised line
that is the page's title. Markup does not matter: tables, ``<br>`` soup, divs or ``<article>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.comments import is_comments_heading
from crawler.processing.normalize import normalize

MIN_OWN_PROSE = 300
TITLED_HEADING_OVERLAP = 0.8  # a heading that says this much of the title is the headline when no <h1> does
MAX_SITE_NAME_WORDS = 6  # an <h1> this short, all of whose words the title holds, names the site
# elements whose text counts as the own article's prose (a <span> of <br> soup too: ASP.NET label
# controls hold whole stories in one)
_PROSE_TAGS = frozenset({"p", "div", "td", "font", "span"})
MIN_PARAGRAPH_CHARS = 40  # text that makes an element a paragraph of the own article (not a label)
MAX_KICKER_CHARS = 60  # text a unit may hold before its headline (a category label, a marker)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|headline|titre|heading)(?:$|[\s_-])", re.I)
# the same word ending a camelCase name: osCommerce's "pageHeading", "articleTitle"
_CAMEL_TITLE_CLASS = re.compile(r"[a-z](?:Title|Headline|Titre|Heading)(?:$|[\s_-])")
_DATEISH_CLASS = re.compile(r"date|time|meta|byline|author|info|posted", re.I)
# a day, a month and a year: a month of one word, or of two (Levantine "تشرين الثاني", Hijri "جمادى الأولى"), a
# Gregorian or a Hijri year, in Latin or Arabic-Indic digits
_WRITTEN_DATE = r"\d{1,2}\s+(?:(?:تشرين|كانون|جمادى|جمادي|ربيع)\s+\S+|\S+)\s+(?:19|20|14|١٩|٢٠|١٤|۱۹|۲۰|۱۴)\d{2}"
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"
# an English month first: "December 2, 2025", "Dec. 2, 2025"
_MONTH_FIRST_DATE = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}"
_CALENDAR_DATE = re.compile(rf"{_NUMERIC_DATE}|{_WRITTEN_DATE}|(?i:{_MONTH_FIRST_DATE})")
MAX_TIME_LINE = 20  # a time alone dates a line this short ("18:20 ·"); in a longer one it may be a duration
_FULL_DATE = re.compile(rf"{_NUMERIC_DATE}|\d{{1,2}}:\d{{2}}|{_WRITTEN_DATE}|(?i:{_MONTH_FIRST_DATE})")
_BYLINE = re.compile(r"بقلم|كتبه?|كتبت|متابعة|بواسطة|إعداد|اعداد|\bpar\b|\bby\b", re.I)
_EMPHASIS = frozenset({"b", "strong", "font", "big"})
_SENTENCE_END = (".", "!", "؟", "?", ":", "،", "…")
MAX_EMPHASIS_WORDS = 25
MAX_DATE_LINE = 100  # a date line under a title ("الخميس 14 دجنبر 2023 - 11:05 | عدد القراءات : 2087")
MAX_BYLINE_LINE = 60  # a byline line of its own ("كتب: أحمد الزعبي"), the date on the line after it
# a date's label on a line of its own ("التاريخ:" in bold, "تاريخ النشر:", "Date :"), the date on the line after it
_DATE_LABEL = re.compile(r"^(?:ال)?تاريخ(?:\s+ال?نشر)?\s*[:：]?$|^(?:date|publi[ée] le|published)\s*[:：]?$", re.I)
MAX_DATED_BYLINE_LINE = 160  # a byline and its date on one line ("كتب: فلان – الأحد 7 ديسمبر 2025")
_TITLES = XPath('//meta[@property="og:title" or @name="og:title" or @name="twitter:title"]/@content | //title/text()')
_JSON_LD = XPath('//script[@type="application/ld+json"]/text()')


def _words(text: str) -> list[str]:
    return normalize(text).split()


def _title_hints(tree: HtmlElement) -> list[str]:
    hints = [str(t) for t in _TITLES(tree)]
    for blob in _JSON_LD(tree):
        try:
            data = json.loads(blob)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            graph = data.get("@graph")
            data = [data, *(graph if isinstance(graph, list) else [])]
        for node in data if isinstance(data, list) else []:
            if isinstance(node, dict) and isinstance(node.get("headline"), str):
                hints.append(node["headline"])
                break  # the page's first article node: later ones are neighbours
    return hints


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa)


def _is_heading(el: HtmlElement) -> bool:
    if el.tag in _HEADING_TAGS:
        return True
    return _title_class(el.get("class") or "") and el.tag not in ("body", "html", "article", "main")


# a class rule of the page's own style sheet (".Body-C2, .Lead-C {…}") and a bold weight among its declarations
_CLASS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^\s*[a-z0-9]*\.([\w-]+)\s*$", re.I)
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I)
_STYLE_TEXTS = XPath("//style/text()")
_bold_classes_of: list[tuple[HtmlElement, frozenset[str]]] = []  # the last page's, with its root


def _bold_classes(el: HtmlElement) -> frozenset[str]:
    """The classes that the page's own style sheets (``<style>`` elements) make bold, by simple class selectors: how
    desktop builders (Serif WebPlus, iWeb, Word) set a title in a paragraph. Read once per page."""
    root = el.getroottree().getroot()
    if _bold_classes_of and _bold_classes_of[0][0] is root:
        return _bold_classes_of[0][1]
    bold: set[str] = set()
    for sheet in _STYLE_TEXTS(root):
        for selectors, declarations in _CLASS_RULE.findall(str(sheet)):
            if _BOLD.search(declarations):
                bold.update(m.group(1) for part in selectors.split(",") if (m := _CLASS_SELECTOR.match(part)))
    _bold_classes_of[:] = [(root, frozenset(bold))]
    return _bold_classes_of[0][1]


def _emphasised(el: HtmlElement) -> bool:
    """An inline element that sets its text apart: bold, ``<font>``, a styled font size, or a class that the page's
    style sheet makes bold."""
    if el.tag in _EMPHASIS or (el.tag == "span" and "font-size" in (el.get("style") or "")):
        return True
    classes = (el.get("class") or "") if el.tag == "span" else ""
    return bool(classes) and not _bold_classes(el).isdisjoint(classes.split())


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _title_line(el: HtmlElement) -> bool:
    text = el.text_content().strip()
    words = len(text.split())
    return 3 <= words <= MAX_EMPHASIS_WORDS and not text.endswith(_SENTENCE_END) and el.find(".//a") is None


def emphasised_line(el: HtmlElement) -> bool:
    """A paragraph, table cell or ``<br>``-separated line that is wholly emphasised and reads like a title.
    The markup is checked first: the text is only read for the few elements shaped like one."""
    if el.tag in ("p", "div", "td"):
        if not _blank(el.text) or len(el) != 1 or not _blank(el[0].tail):
            return False
        inner = el[0]
        while not _emphasised(inner) and len(inner) == 1 and _blank(inner.text) and _blank(inner[0].tail):
            inner = inner[0]
        return _emphasised(inner) and _title_line(el)
    if not _emphasised(el) or not _blank(el.tail):
        return False
    before, after = el.getprevious(), el.getnext()
    parent = el.getparent()
    starts_line = before.tag == "br" if before is not None else parent is not None and _blank(parent.text)
    return starts_line and (after is None or after.tag == "br") and _title_line(el)


def _dated_byline_after(f: HtmlElement) -> bool:
    """The first line of text after ``f`` (elements or ``<br>`` tails) is a date line: a full date in a
    short line, or in a byline line ("ابن جرير في 27 نونبر 2023 - بقلم: …"); or it is a short byline line or a
    date's label and the date line comes right after it ("كتب: فلان", then "06/01/2025"; "التاريخ:", then the
    date)."""
    texts: list[tuple[str, HtmlElement | None]] = [(f.tail or "", None)]
    with_text = 0  # elements that hold text: empty ones (a table's rows and cells, a wiki's line anchors) are skipped
    for seen, el in enumerate(following(f)):
        if with_text > 6 or seen > 24:
            break
        if not _blank(el.text) or not _blank(el.tail):
            with_text += 1
        texts += [(el.text or "", el), (el.tail or "", None)]
    lines = [(line, el) for line, el in ((text.strip(), el) for text, el in texts) if line]
    for i, (line, el) in enumerate(lines[:2]):
        dated = bool(_CALENDAR_DATE.search(line)) or (bool(_FULL_DATE.search(line)) and len(line) <= MAX_TIME_LINE)
        if dated and el is not None and _in_dated_list(el):
            return False  # a schedule's first item ("الثلاثاء 15 أكتوبر 2024: كوستي - الرنك"), not a dateline
        if dated:
            return len(line) <= MAX_DATE_LINE or (len(line) <= MAX_DATED_BYLINE_LINE and bool(_BYLINE.search(line)))
        if i or len(line) > MAX_BYLINE_LINE or not (_BYLINE.search(line) or _DATE_LABEL.match(line)):
            return False  # neither a date line nor a byline or date label line with the date line under it
        if el is not None and _dated_byline_paragraph(el):
            return True  # the byline's date in runs of its own (a word processor's digits): the paragraph says it
    return False


def _dated_byline_paragraph(el: HtmlElement) -> bool:
    """Whether the paragraph holding ``el`` reads, as a whole, as a dated byline line ("كتب: فلان – الأحد 7 ديسمبر
    2025" with the digits in runs of their own)."""
    block = el if el.tag == "p" else next(el.iterancestors("p"), None)
    if block is None:
        return False
    line = " ".join(block.text_content().split())
    return len(line) <= MAX_DATED_BYLINE_LINE and bool(_BYLINE.search(line)) and bool(_CALENDAR_DATE.search(line))


def _in_dated_list(el: HtmlElement) -> bool:
    """An item of a list whose items, two or more, each state a date: a schedule or a programme."""
    item = el if el.tag == "li" else next(el.iterancestors("li"), None)
    parent = item.getparent() if item is not None else None
    if parent is None:
        return False
    dated = [li for li in parent if li.tag == "li" and _FULL_DATE.search(li.text_content())]
    return len(dated) >= 2


# classes that hide an element from sight: "hidden", "sr-only", "visually-hidden", WebSite X5's "imHidden"
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|hide|sr-only|visually-hidden|screen-reader-text|element-invisible|invisible)(?:$|\s)", re.I
)
_CAMEL_HIDDEN_CLASS = re.compile(r"[a-z]Hidden(?:$|\s)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: HtmlElement) -> bool:
    """Whether the element itself says it is not shown (the ``hidden`` attribute, a hiding class or style)."""
    classes = el.get("class") or ""
    return (
        el.get("hidden") is not None
        or bool(_HIDDEN_CLASS.search(classes) or _CAMEL_HIDDEN_CLASS.search(classes))
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def find_headline(tree: HtmlElement) -> HtmlElement | None:
    """The element holding the page's own headline (see the module's invariant)."""
    hints = [_words(h) for h in _title_hints(tree) if h.strip()]
    # an <h1> without text is a logo image, a hidden one a copy of the <title> for search engines: no headline
    candidates = [el for el in tree.iter("h1") if _words(el.text_content()) and not _hidden(el)] or [
        el
        for el in tree.iter()
        if isinstance(el.tag, str) and _is_heading(el) and 3 <= len(_words(el.text_content())) <= 40
    ]
    if not candidates:
        # no heading markup at all (old table layouts): a wholly emphasised line that is the title
        lines = [el for el in tree.iter() if isinstance(el.tag, str) and _emphasised(el) and _title_line(el)]
        scored_lines = [(max((_overlap(_words(el.text_content()), h) for h in hints), default=0.0), el) for el in lines]
        good = [(score, el) for score, el in scored_lines if score >= 0.8]
        return max(good, key=lambda s: s[0])[1] if good else _titled_block(tree, hints)
    if not hints:
        return candidates[0]
    # how much of the heading the title says; then how much of the title the heading says (of a logo's <h1> and the
    # page's, both wholly in "<page> [<site>]", the page's says more); then the first
    scored = [
        (max(_overlap(_words(el.text_content()), h) for h in hints), _covers([el], hints), -i, el)
        for i, el in enumerate(candidates)
    ]
    best = max(scored, key=lambda s: s[:3])
    if best[0] < 0.5 and candidates[0].tag != "h1" and (titled := _titled_block(tree, hints)) is not None:
        return (
            titled  # no <h1>, and the headings are other articles' (a pasted neighbour): the block that says the title
        )
    if candidates[0].tag == "h1" and _covers(candidates, hints) < 0.5:
        # the <h1>s say little of the title (a logo, a section name): the headline is the heading that
        # says the title
        headings = [
            el
            for el in tree.iter()
            if isinstance(el.tag, str)
            and el.tag != "h1"
            and _is_heading(el)
            and 3 <= len(_words(el.text_content())) <= 40
        ]
        titled = [(max(_overlap(_words(el.text_content()), h) for h in hints), -i, el) for i, el in enumerate(headings)]
        found = max(titled, key=lambda s: (s[0], s[1])) if titled else None
        if found is not None and found[0] >= TITLED_HEADING_OVERLAP and _covers([found[2]], hints) >= 0.5:
            return found[2]
        names_site = best[0] == 1.0 and len(_words(best[3].text_content())) <= MAX_SITE_NAME_WORDS
        if names_site and (titled_block := _titled_block(tree, hints)) is not None:
            return titled_block  # the <h1> is the site's name, no heading says the title (uCoz's td.eTitle)
        if best[0] == 0.0 and headings:
            # the <h1> says none of the title (a section's banner: Google Sites' "الأخبار") and the <title> names
            # the page by a short form of the headline: the heading that says most of it
            said = hints + _title_part_hints(tree)
            covered = max(((_covers([el], said), -i, el) for i, el in enumerate(headings)), key=lambda s: s[:2])
            if covered[0] >= 0.5:
                return covered[2]
    if len(candidates) == 1:
        return best[3]
    if best[0] < 0.5:
        return candidates[0]
    later = {el for score, _, _, el in scored if score < 0.5 and 3 <= len(_words(el.text_content())) <= 40}
    next_one = _next_text_or_heading(best[3], candidates) if later else None
    if next_one in later and _next_text_or_heading(next_one, candidates) is None:
        # the heading that says the title heads no text, the next one does and says none of it: the title names
        # the page, not the story (a wiki's page name, said again by its location line)
        return next_one
    return best[3]


def _next_text_or_heading(heading: HtmlElement, candidates: list[HtmlElement]) -> HtmlElement | None:
    """What follows ``heading`` first: another of the ``candidates`` headings (returned), or text (None): a
    paragraph of 80+ characters outside links beside another such paragraph (a sidebar's lone box is no text).
    ``heading`` itself when neither follows."""
    others = set(candidates) - {heading}
    for el in following(heading):
        if el in others:
            return el
        if el.tag == "p" and _own_prose(el) >= 80 and _beside_prose(el):
            return None
    return heading


def _beside_prose(p: HtmlElement) -> bool:
    """Whether paragraph ``p`` has a sibling paragraph of 80+ characters (each may be wrapped alone in a block of
    its own, Asciidoctor's ``div.paragraph``)."""
    unit = p
    for _ in range(2):
        parent = unit.getparent()
        if parent is None or sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        unit = parent
    parent = unit.getparent()
    if parent is None:
        return False
    return any(
        c is not unit and any(_own_prose(q) >= 80 for q in c.iter("p")) for c in parent if isinstance(c.tag, str)
    )


_TITLE_PARTS = re.compile(r"\s+[|\-–—»«]\s+|\s*::\s*|:\s+")  # "site - section: headline"
_TITLED_TAGS = frozenset({"td", "th", "div", "span", "p", "font", "b", "strong", "a"})


def _title_part_hints(tree: HtmlElement) -> list[list[str]]:
    """The words of each part of the page's titles ("site - section: headline"), parts of three words or more."""
    parts = [_words(part) for hint in _title_hints(tree) for part in _TITLE_PARTS.split(hint)]
    return [part for part in parts if len(part) >= 3]


def _titled_block(tree: HtmlElement, hints: list[list[str]]) -> HtmlElement | None:
    """The block that says the page's title, when no heading markup does (a CMS that prints its headline in a
    ``<td class="contentheading">``): its own words (3 to 40) all of a title hint's, and at least
    :data:`TITLED_HEADING_OVERLAP` of that hint's words; the first such block in the page, outside links
    (a list of headlines that names this one is not its headline)."""
    if not hints:
        return None
    # a <title> names the site and the section too ("إذاعة - الأخبار: <headline>"): its parts are hints as well
    hints = [h for h in hints if len(h) >= 3] + _title_part_hints(tree)
    body = tree.find(".//body")
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str) or el.tag not in _TITLED_TAGS or el.tag == "a":
            continue
        words = _words(el.text_content())
        linked = el.find(".//a[@href]") is not None or any(a.tag == "a" and a.get("href") for a in el.iterancestors())
        if not 3 <= len(words) <= 40 or linked:  # an <a name> anchor is no link
            continue
        for hint in hints:
            if hint and _overlap(words, hint) == 1.0 and _covers([el], [hint]) >= TITLED_HEADING_OVERLAP:
                return el
    return None


def _covers(elements: list[HtmlElement], hints: list[list[str]]) -> float:
    """The largest share of a title hint's words that one of ``elements`` says."""
    shares = [len(set(_words(el.text_content())) & set(h)) / len(set(h)) for el in elements for h in hints if h]
    return max(shares, default=0.0)


def following(el: HtmlElement) -> Iterator[HtmlElement]:
    """Elements after ``el`` in document order (not its descendants); iterative, so a hostile
    page nested thousands of levels deep cannot exhaust the stack."""
    node: HtmlElement | None = el
    while node is not None:
        for sibling in node.itersiblings():
            yield from (n for n in sibling.iter() if isinstance(n.tag, str))
        node = node.getparent()


def _chars(text: str) -> int:
    """Length of ``text`` with its runs of whitespace as single spaces (a pretty-printed page's
    indentation is not text)."""
    return len(" ".join(text.split()))


def direct_text_chars(el: HtmlElement) -> int:
    """Characters of text ``el`` holds directly: its text and its children's tails (``<br>`` soup),
    not what its children hold."""
    return len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)


def _own_prose(el: HtmlElement) -> int:
    """Characters of text in ``el`` outside links, scripts and styles."""
    skipped = sum(len(n.text_content()) for n in el.iter("a", "script", "style"))
    return len(el.text_content()) - skipped


def _holds_prose(el: HtmlElement, chars: int) -> bool:
    """Whether ``el`` holds ``chars`` characters of text outside links, scripts and styles, whitespace
    runs counted once (a pretty-printed block's indentation is not text)."""
    text = el.text_content()
    if len(text) < chars:  # the collapsed text is never longer: no need to collapse it
        return False
    skipped = sum(_chars(n.text_content()) for n in el.iter("a", "script", "style"))
    return _chars(text) - skipped >= chars


def _heads_a_unit(
    f: HtmlElement, headline: HtmlElement, own: HtmlElement, page_links: set[str], *, strict: bool = False
) -> bool:
    """Whether heading ``f`` opens an article of its own: it is a link to another page (its
    text is mostly link text; not enough when ``strict``: a heading standing alone among the
    own article's paragraphs may be a linked subheading), or it sits in an ``<article>`` that
    holds neither the page's headline nor the own text read so far (``own``), or its first line of
    text is a date line or a dated byline ("تقرير: فلان - السبت 2 مارس 2024", any markup), or a
    ``<time>`` or a dated byline/meta element follows it closely."""
    text = len(f.text_content().strip())
    linked = [
        a for a in f.iter("a") if a.get("href", "").strip() not in page_links and not a.get("href", "").startswith("#")
    ]
    if not strict and linked and sum(len(a.text_content().strip()) for a in linked) >= 0.7 * text:
        return True
    article = next((a for a in f.iterancestors("article")), None)
    if article is not None and not any(e is headline or e is own for e in article.iter()):
        return True  # an <article> of its own, holding neither the headline nor the own text
    if _dated_byline_after(f):
        return True
    for seen, el in enumerate(following(f)):  # a unit's date sits between its heading and its text
        if seen > 8 or _is_heading(el) or _holds_prose(el, 120):
            return False
        if el.tag == "time":
            return True
        if _DATEISH_CLASS.search(el.get("class") or "") and _FULL_DATE.search(el.text_content()):
            return True
    return False


def _text_before(unit: HtmlElement, f: HtmlElement) -> int:
    """Characters of text in ``unit`` before ``f`` (document order)."""
    n = 0
    for el in unit.iter():
        if el is f:
            return n
        if isinstance(el.tag, str) and el.tag not in ("script", "style"):
            n += len((el.text or "").strip()) + (len((el.tail or "").strip()) if el is not unit else 0)
    return n


# loose text (``<br>``-separated) outside links and headings: a long headline is no paragraph
_LOOSE_TEXTS = XPath(
    ".//text()[not(ancestor::a or ancestor::h1 or ancestor::h2 or ancestor::h3 or ancestor::h4 or ancestor::h5"
    " or ancestor::h6)]"
)


def _long_paragraphs(el: HtmlElement) -> int:
    """Paragraphs of 80+ characters outside links in ``el`` (``<p>``s, or ``<br>``-separated text outside
    headings)."""
    ps = [p for p in el.iter("p") if _own_prose(p) >= 80]
    if ps:
        return len(ps)
    return sum(1 for chunk in _LOOSE_TEXTS(el) if len(chunk.strip()) >= 80)


def story_block(headline: HtmlElement) -> HtmlElement | None:
    """The headline's lowest ancestor that holds a paragraph of prose: the story's own block (None when only the
    page's ``<body>`` does)."""
    for block in headline.iterancestors():
        if block.tag in ("body", "html"):
            return None
        if _long_paragraphs(block):
            return block
    return None


def _lowest_common_branch(h: HtmlElement, f: HtmlElement) -> HtmlElement | None:
    """The child of the lowest common ancestor of ``h`` and ``f`` on the way to ``f``."""
    ancestors_h = set(h.iterancestors())  # the elements themselves: lxml proxies' ids are reused
    node = f
    for parent in f.iterancestors():
        if parent in ancestors_h:
            return node
        node = parent
    return None


def cut_pulled_in_articles(tree: HtmlElement, page_url: str = "", headline: HtmlElement | None = None) -> int:
    """Remove second articles pulled into the page after its own (see the module's invariant);
    returns how many elements went. ``headline``: the page's headline when the caller found it
    already (it is looked for again if it is no longer in the tree)."""
    if headline is None or headline.getroottree().getroot() is not tree.getroottree().getroot():
        headline = find_headline(tree)
    if headline is None:
        return 0
    total = _cut_template_twins(headline)
    for _ in range(MAX_CUTS):
        removed = _cut_once(headline, {page_url, "", "#"})
        if not removed:
            break
        total += removed
    return total


MAX_CUTS = 8
MAX_MARKER_WORDS = 4  # "الخبر التالي", "Next story": a marker block standing right before a twin


def element_kind(el: HtmlElement) -> tuple[str, str]:
    """An element's kind: its tag and its classes (whitespace normalised), how a template sets like blocks."""
    return el.tag, " ".join((el.get("class") or "").split())


def _cut_template_twins(headline: HtmlElement) -> int:
    """Remove the twins of the own article's block that follow it. The own block is the headline's lowest
    ancestor that holds a paragraph of prose; a twin is a block of its kind (tag and class) that holds a headline
    of the headline's own kind (a heading tag, or a classed element: another story, 3 to 40 words) and prose of
    its own, set after the own block (a "next story" in the same template: a PHP-Fusion news table, an
    infinite-scroll ``<article>``), with a short marker block right before it. The comments or rating blocks of
    the same template carry no headline of that length and stay."""
    heading_kind = element_kind(headline)
    if not heading_kind[1] and headline.tag not in _HEADING_TAGS:
        return 0  # a bare <font> or <b> headline: its kind marks no template
    branch = headline
    for block in headline.iterancestors():
        if block.tag in ("body", "html") and branch is headline:
            return 0
        if not _long_paragraphs(block):
            branch = block
            continue  # the headline's own cell or header: the story's block is further up
        if branch is not headline and branch.getparent() is block:
            removed = _cut_split_twins(branch, heading_kind)
            if removed or block.tag in ("body", "html"):
                return removed
        twins = [
            sibling
            for sibling in block.itersiblings()
            if isinstance(sibling.tag, str)
            and _same_template(sibling, block)
            and _holds_twin_story(sibling, heading_kind)
        ]
        removed = 0
        for twin in twins:
            marker = twin.getprevious()
            words = len(_words(marker.text_content())) if marker is not None and isinstance(marker.tag, str) else 0
            if marker is not None and 0 < words <= MAX_MARKER_WORDS:
                marker.getparent().remove(marker)
                removed += 1
            twin.getparent().remove(twin)
            removed += 1
        return removed
    return 0


def _cut_split_twins(header: HtmlElement, heading_kind: tuple[str, str]) -> int:
    """Remove the next story from a story set in sibling sections (page builders: Mobirise, Elementor): the own
    header section holds the headline and no prose, the sections after it the body. A later section built like the
    header (:func:`_built_alike`) with a dated headline of the headline's kind starts another story when a section
    of prose follows it: it goes, with the sections after it that are set like the own story's sections. An
    undated header of the same build is the own story's subheading and stays."""
    own: list[HtmlElement] = []
    for sibling in header.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if own and _built_alike(sibling, header) and _dated_twin_header(sibling, heading_kind):
            run = [sibling]
            for after in sibling.itersiblings():
                if not isinstance(after.tag, str) or not any(_built_alike(after, part) for part in own):
                    break
                run.append(after)
            if len(run) == 1 or not any(_long_paragraphs(part) for part in run[1:]):
                return 0
            for part in run:
                part.getparent().remove(part)
            return len(run)
        own.append(sibling)
    return 0


def _built_alike(a: HtmlElement, b: HtmlElement) -> bool:
    """Two blocks of one page builder's kind: the same tag, a class in common (the builder gives each instance
    a class of its own beside its kind's: ``cid-…``, ``elementor-element-…``) and the same element skeleton
    (:func:`_skeleton`; text, ids and classes aside)."""
    if a.tag != b.tag or not set((a.get("class") or "").split()) & set((b.get("class") or "").split()):
        return False
    return _skeleton(a) == _skeleton(b)


def _skeleton(el: HtmlElement, depth: int = 2) -> tuple[object, ...]:
    """Child tags, two levels down, a run of like children counted once (five paragraphs are set like three)."""
    if depth == 0:
        return ()
    kids = [(c.tag, _skeleton(c, depth - 1)) for c in el if isinstance(c.tag, str) and c.tag != "br"]
    return tuple(kid for i, kid in enumerate(kids) if i == 0 or kid != kids[i - 1])


def _dated_twin_header(section: HtmlElement, heading_kind: tuple[str, str]) -> bool:
    dated = bool(section.xpath(".//time")) or bool(_FULL_DATE.search(section.text_content()))
    return dated and _holds_twin_title(section, heading_kind)


def _same_template(twin: HtmlElement, block: HtmlElement) -> bool:
    """Whether ``twin`` is set like ``block``: the same tag, and all of its classes (a modifier may be added:
    ``news-detail news-detail-next`` after ``news-detail``)."""
    if twin.tag != block.tag:
        return False
    own, other = set((block.get("class") or "").split()), set((twin.get("class") or "").split())
    return own <= other if own else not other


def _twin_heading(el: HtmlElement, heading_kind: tuple[str, str]) -> bool:
    """A heading set like the own headline: its tag (any heading tag for a heading, the next story's title one
    level down) and all its classes."""
    tag, classes = heading_kind
    same_tag = el.tag == tag or (tag in _HEADING_TAGS and el.tag in _HEADING_TAGS)
    return same_tag and set(classes.split()) <= set((el.get("class") or "").split())


def _holds_twin_story(block: HtmlElement, heading_kind: tuple[str, str]) -> bool:
    return _holds_twin_title(block, heading_kind) and _long_paragraphs(block) >= 1


def _holds_twin_title(block: HtmlElement, heading_kind: tuple[str, str]) -> bool:
    """``block`` holds a heading of the own headline's kind that says a story's title (3 to 40 words)."""
    heads = [el for el in block.iter() if isinstance(el.tag, str) and _twin_heading(el, heading_kind)]
    return any(3 <= len(_words(h.text_content())) <= 40 for h in heads)


# the tags that can head a unit or count as prose; any other element matters only with a title class
_WALKED_TAGS = _PROSE_TAGS | _EMPHASIS | _HEADING_TAGS


@lru_cache(maxsize=1 << 14)
def _title_class(value: str) -> bool:
    return bool(_TITLE_CLASS.search(value) or _CAMEL_TITLE_CLASS.search(value))


def _cut_once(headline: HtmlElement, page_links: set[str]) -> int:
    prose = 0
    last_own: HtmlElement = headline  # the last element of the own article's prose read so far
    for el in following(headline):
        if el.tag not in _WALKED_TAGS and not _title_class(el.get("class") or ""):
            continue  # neither a heading nor prose (a link, a list item, an image): nothing to judge
        if (
            prose >= MIN_OWN_PROSE
            and el.getparent() is not None
            and emphasised_line(el)
            and _heads_a_unit(el, headline, last_own, page_links, strict=True)
            and (cut := _cut_from(el, last_own))
        ):
            return cut
        if prose >= MIN_OWN_PROSE and el is not headline and _is_heading(el):
            n = len(_words(el.text_content()))
            unit = _lowest_common_branch(last_own, el) if 3 <= n <= 40 else None
            if unit is not None and unit.getparent() is not None:
                body = _own_prose(unit) - _own_prose(el)
                flat = body == 0  # the heading stands alone: a unit's body would be the siblings after it
                opens_unit = flat or _text_before(unit, el) <= MAX_KICKER_CHARS
                if opens_unit and _heads_a_unit(el, headline, last_own, page_links, strict=flat):
                    small_card = not flat and unit.tag != "article" and _long_paragraphs(unit) < 2
                    removed = [unit] if small_card else [unit, *_after_box(unit, last_own, flat)]
                    for node in removed:
                        node.getparent().remove(node)
                    return len(removed)
        if el.tag not in _PROSE_TAGS or (el.tag == "span" and el.find("br") is None):
            continue  # an inline span: its paragraph counts its text
        own_text = direct_text_chars(el)
        if el.tag == "p" or own_text:
            if el.tag == "p":
                own_text += sum(len(c.text_content().strip()) for c in el if c.tag != "a")
            prose += own_text
            if own_text >= MIN_PARAGRAPH_CHARS:  # a label ("A lire aussi") or a byline is no paragraph
                last_own = el
    return 0


def _resumes_own_text(el: HtmlElement, own_block: HtmlElement) -> bool:
    """Whether ``el`` is more of the own article: a sibling of the block that holds its last paragraph
    read so far (that paragraph, or a chunk of paragraphs), in the same markup (tag and class), holding
    no heading."""
    return (
        el.tag == own_block.tag
        and el.get("class") == own_block.get("class")
        and el.getparent() is own_block.getparent()
        and not any(_is_heading(d) for d in el.iter() if isinstance(d.tag, str))
    )


def _after_box(unit: HtmlElement, last_own: HtmlElement, flat: bool) -> list[HtmlElement]:
    """What goes after a pulled-in unit: everything that follows it, except, when the unit is a box
    (its heading and text wrapped together) set between the own paragraphs, the own paragraphs that
    resume after it (past ad slots and spacers, and past other boxes with text when own paragraphs
    resume after those too; from the last own block on, anything else that holds text goes with the
    rest)."""
    siblings = list(unit.itersiblings())
    own_block: HtmlElement | None = last_own  # the own text's block beside the unit (a paragraph or a chunk of them)
    while own_block is not None and own_block.getparent() is not unit.getparent():
        own_block = own_block.getparent()
    if flat or own_block is None:
        return siblings
    comments = next((i for i, sibling in enumerate(siblings) if _opens_comments(sibling)), len(siblings))
    siblings, readers = siblings[:comments], siblings[comments:]  # the readers' comments: never the own text again
    resumes = [_resumes_own_text(sibling, own_block) for sibling in siblings]  # once each: siblings can be many
    last_own_block = max((i for i, own in enumerate(resumes) if own), default=-1)
    gone: list[HtmlElement] = []
    for i, sibling in enumerate(siblings):
        if resumes[i]:
            continue
        if _holds_prose(sibling, MIN_PARAGRAPH_CHARS):
            if i < last_own_block:
                continue  # a box between own paragraphs (a factbox): the own text goes on after it
            return gone + siblings[i:] + readers  # something else with text of its own: it and the rest go
        gone.append(sibling)  # an ad slot or a spacer between own paragraphs
    return gone + readers


def _opens_comments(el: HtmlElement) -> bool:
    """A heading that opens the readers' comments ("تعليقات", "التعليقات (2)")."""
    return isinstance(el.tag, str) and _is_heading(el) and is_comments_heading(el.text_content())


def _cut_from(line: HtmlElement, last_own: HtmlElement) -> int:
    """Remove an emphasised title line and what follows it: its later siblings when it is a line
    of the own text's container (``<br>`` soup), else the branch it heads and what follows."""
    if line in set(last_own.iterancestors()) or line is last_own:
        return 0
    inside = any(a is last_own for a in line.iterancestors())
    unit = line if inside else _lowest_common_branch(last_own, line)
    if unit is None or unit.getparent() is None:
        return 0
    removed = [unit, *unit.itersiblings()]
    parent = unit.getparent()
    for node in removed:
        parent.remove(node)
    return len(removed)
