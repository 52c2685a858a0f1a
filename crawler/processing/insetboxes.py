"""Inset boxes: small headed blocks a site sets inside or after the story's flow of paragraphs.

News pages put boxes among the article's paragraphs: key figures, a bill's progress, a vote count, a
doctor's tip, an MP's card, a traffic-diversion list, a photo gallery, a glossary entry. Each box has a
label of its own ("نتيجة التصويت داخل اللجنة", "Key figures") and a few short lines. Their headings are
as many as the subjects news covers, so a list of heading words never ends; their *shape* is what they
share, and this pass judges the shape only (no vocabulary):

- the box is a wrapper (``div``, ``aside``, ``section``) among siblings that carry the story's prose:
  the paragraphs of the flow around it hold at least :data:`PROSE_RATIO` times its words;
- no sibling carrying prose is of its kind (same tag and class): a site that wraps every section or
  every paragraph in the same block keeps them all;
- it opens with a heading: a heading tag or a short line (at most :data:`MAX_HEADING_WORDS` words, no
  sentence end), followed by more text (the box's body);
- it is small (at most :data:`MAX_BOX_WORDS` words) and every line of it is short (at most
  :data:`MAX_LINE_WORDS` words): a box, not a section of the story;
- it holds neither the headline (whatever its tag) nor the page's date or byline markup (the metadata read
  later).

A flow is the block of a story paragraph and the blocks up to :data:`FLOW_LEVELS` around it, or a block that
holds its story as ``<br>``-separated text. Boxes are emptied, not removed (see ``drop_inset_boxes``).

More shapes: a data table (two rows or more, each of a few short cells: figures by district, race results, a
fact sheet), alone or in its wrapper, set among the story's paragraphs that hold :data:`PROSE_RATIO` times its
words, is a box (the figures beside the text, not its sentences; a table whose cells hold paragraphs is
layout and was unwrapped before); a headed box whose lines are two in three "label: value" (a show's
credits, an exhibition's practical details) is a box even in a block of the story's own kind (site builders
wrap every block alike), and so is a headless one whose every line is.

A *note* is the headless kind: a greeting banner, an appeal for donations or testimonies, a newsletter
prompt, a corrections link, opening hours under an exhibition's story. It is a block of its own kind among
the story's paragraphs (a wrapper, or a ``<p>`` with a class where the story's paragraphs have another or
none), after the story's first paragraph, short (at most :data:`MAX_NOTE_WORDS` words), and it either
holds a link (a call to action) or is wholly emphasised and a sentence long (at least
:data:`MIN_EMPHASISED_NOTE_WORDS` words: a bold subheading is shorter). A one-line block named a side note by
its class (``callout``, ``alert``, ``admonition``: the components' own names) is one whatever its words. Blocks
of one kind that each hold a paragraph are the site's way of wrapping its text, unless each is a headed box and
together they are small beside the rest of the flow (a wiki's panels).

A *pull quote* is a short quotation set apart with its speaker credited in a ``<cite>``, ``<footer>`` or
``<figcaption>``, or a short block quotation that is wholly one quoted sentence between quotation marks
(«…»).

Invariant: the pass only empties a block whose siblings keep more prose than it had; the story's own
paragraphs, set directly in the flow, are never candidates (an unclassed ``<p>`` is not a box, nor is a
``<p>`` of the kind that carries the story), and a quotation (``blockquote``) without such a credit is left
alone unless it is short and wholly between quotation marks, or opens with a notice's label in bold ("<b>ملاحظة:</b>
…": a notice set as a quotation), or is a forum's quote box ("<name> كتب:" over another member's words): a statement
quoted in the story is its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.ownarticle import element_kind

FLOW_LEVELS = 4
PROSE_RATIO = 3  # the flow around a box holds at least this many times its words
MIN_FLOW_WORDS = 80  # ... and at least this many: a box beside a two-line teaser is not inset in a story
MAX_BOX_WORDS = 120
MAX_LINE_WORDS = 45
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 70
MIN_BODY_WORDS = 3
MAX_NOTE_WORDS = 40
MIN_EMPHASISED_NOTE_WORDS = 8
MIN_SHORT_NOTE_WORDS = 3
PROSE_CHARS = 60  # a paragraph of the story: at least this many characters

_WRAPPERS = frozenset({"div", "aside", "section"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "tr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "figcaption",
        "br",
        "caption",
    }
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_EMPHASIS = frozenset({"b", "strong", "em", "i"})
_SENTENCE_END = (".", "!", "?", "؟", "…", "»", '"', "”", "،", ",")
_STRING_LENGTH = XPath("string-length(.)")
MAX_BOX_STRING = 4000  # characters of a box's string value, indentation included: longer is never a box
_PROSE_PARAGRAPHS = XPath(f".//p[string-length(normalize-space()) >= {PROSE_CHARS}]")
_METADATA = XPath(
    ".//h1 | .//time | .//*[@rel='author'] | .//*[@itemprop='author' or @itemprop='datePublished']"
    " | .//script | .//iframe | .//video | .//form"
)
_BYLINE_CLASS = re.compile(r"author|byline|date|time|meta", re.IGNORECASE)


def _carries_metadata(el: HtmlElement) -> bool:
    """Whether ``el`` holds the headline, the page's date or byline markup, a script or a form, or is named for
    them: never a box (the metadata is read later)."""
    return bool(_METADATA(el)) or bool(_BYLINE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"))


_HIDDEN = frozenset({"script", "style", "noscript", "template"})


def _walk(el: HtmlElement) -> Iterator[tuple[str, HtmlElement, str]]:
    """The text of ``el`` in reading order, as ``(kind, owner, text)``: "text" (an element's own text),
    "tail" (what follows a child, owned by its parent), and "open"/"close" marks around each element (empty
    text). Iterative: a hostile page nested thousands deep cannot exhaust the stack."""
    if el.text:
        yield "text", el, el.text
    stack: list[tuple[HtmlElement, bool]] = [(child, False) for child in reversed(el)]
    while stack:
        node, closing = stack.pop()
        if closing:
            yield "close", node, ""
            if node.tail:
                yield "tail", node.getparent(), node.tail
            continue
        if not isinstance(node.tag, str) or node.tag in _HIDDEN:
            if node.tail:
                yield "tail", node.getparent(), node.tail
            continue
        yield "open", node, ""
        if node.text:
            yield "text", node, node.text
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def _lines(el: HtmlElement) -> list[str]:
    """The box's text as rendered lines: block tags and ``<br>`` break lines."""
    lines: list[str] = []
    current: list[str] = []
    for kind, node, text in _walk(el):
        if kind in ("open", "close") and node.tag in _BLOCK_TAGS:
            line = " ".join("".join(current).split())
            if line:
                lines.append(line)
            current.clear()
        elif text:
            current.append(text)
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    return lines


def _first_text_element(el: HtmlElement) -> HtmlElement | None:
    """The element whose own text (its text, or a tail it holds after a child) is the first text of ``el``."""
    return next((node for kind, node, text in _walk(el) if text.strip()), None)


def _heading_line(box: HtmlElement, lines: list[str]) -> bool:
    """The box opens with a heading: a heading tag, or a short first line with no sentence end."""
    first = _first_text_element(box)
    if first is None or not lines:
        return False
    if any(a.tag in _HEADINGS for a in first.iterancestors()) or first.tag in _HEADINGS:
        return len(lines[0].split()) <= MAX_HEADING_WORDS * 2
    head = lines[0]
    short = len(head.split()) <= MAX_HEADING_WORDS and len(head) <= MAX_HEADING_CHARS
    return short and not head.endswith(_SENTENCE_END)


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _inset_box(box: HtmlElement, flow_words: int) -> list[str] | None:
    """The box's lines when ``box`` is an inset box (see the module's docstring), else None."""
    if _carries_metadata(box):
        return None
    lines = _lines(box)
    words = _words(lines)
    if words > MAX_BOX_WORDS or PROSE_RATIO * words > flow_words or len(lines) < 2:
        return None
    if _words(lines[1:]) < MIN_BODY_WORDS or any(len(line.split()) > MAX_LINE_WORDS for line in lines):
        return None
    return lines if _heading_line(box, lines) else None


MAX_SHEET_WORDS = 80
MAX_SHEET_LINE_WORDS = 25
_LABEL = re.compile(r"^[^:：.،]{1,30}[:：]")  # "الافتتاح:", "نص وإخراج:", "العروض القادمة:"
_NOTE_LABEL = re.compile(r"^[^:：.،]{1,45}[:：]\s*\S")  # "الدورة العادية المقبلة للجمعية العامة: فبراير 2025"


def _labelled_box(box: HtmlElement, flow_words: int) -> bool:
    """A headed box of "label: value" lines (a show's credits, an exhibition's practical details), even in a
    block of the kind that carries the story (site builders wrap every block alike): short, its lines short,
    and two in three of them labelled; or a headless one whose every line is labelled (a fact-check's
    "الادعاء: …", "المصدر: …", "الحكم: …"). A section of the story is told in sentences, not in labels."""
    lines = _inset_box(box, flow_words)
    if lines is None:
        return _headless_sheet(box, flow_words)
    body = lines[1:]
    if _words(body) > MAX_SHEET_WORDS or any(len(line.split()) > MAX_SHEET_LINE_WORDS for line in body):
        return False
    return 3 * sum(1 for line in body if _LABEL.match(line)) >= 2 * len(body)


def _headless_sheet(box: HtmlElement, flow_words: int) -> bool:
    """Two or more short lines, every one of them "label: value", in a small block beside more story."""
    if _carries_metadata(box):
        return False
    lines = _lines(box)
    words = _words(lines)
    if len(lines) < 2 or words > MAX_SHEET_WORDS or PROSE_RATIO * words > flow_words:
        return False
    return all(len(line.split()) <= MAX_SHEET_LINE_WORDS and _LABEL.match(line) for line in lines)


def _note_words(el: HtmlElement) -> int:
    """``el``'s words when it is a note's size (1 to :data:`MAX_NOTE_WORDS`) and carries no byline or date, else 0."""
    if _carries_metadata(el):
        return 0
    words = len(el.text_content().split())
    return words if words <= MAX_NOTE_WORDS else 0


def _note(el: HtmlElement) -> bool:
    """A short block that calls the reader to act (it holds a link), opens with an emphasised label or question
    ("<b>حقائق سريعة:</b> …", "<b>ما هو …؟</b> …") or is wholly emphasised and a sentence long (or shorter
    but ending like a sentence, or "label: value"): a note beside the story (see the module's docstring)."""
    words = _note_words(el)
    if not words:
        return False
    if el.find(".//a[@href]") is not None:
        return True
    texts = _TEXT_NODES(el)
    if texts and _emphasised(texts[0], el) and str(texts[0]).strip().endswith((":", "：", "؟", "?")):
        return True  # "<b>حقائق سريعة:</b> …", "<strong>ما هو «بيت الطاعة»؟</strong> …"
    if not all(_emphasised(text, el) for text in texts):
        return False
    # wholly emphasised: a sentence long, or a short one that a subheading is not (it ends like a sentence, or
    # it is "label: value": "البيانات محدثة حتى الأحد 19 يناير 2025.", "الدورة المقبلة: فبراير 2025")
    line = " ".join(el.text_content().split())
    short_note = words >= MIN_SHORT_NOTE_WORDS and (line.endswith((".", "!")) or bool(_NOTE_LABEL.match(line)))
    return words >= MIN_EMPHASISED_NOTE_WORDS or short_note


_CALLOUT_CLASS = re.compile(r"(?:^|[\s_-])(?:box|notice|alert|callout|note|info|highlight)(?:$|[\s_-])", re.I)
# the component names of a side note (Bootstrap's alert, a wiki's or a docs theme's callout and admonition):
# whatever its words, a block so named is set apart from the text
_SIDE_NOTE_CLASS = re.compile(r"(?:^|[\s_-])(?:alert|callout|admonition)(?:$|[\s_-])", re.I)


def _callout(el: HtmlElement) -> bool:
    """A one-line note set apart as a callout: a wrapper or a classed paragraph named a side note ("callout
    success", "alert-info"), or a "label: value" line whose wrapper is named a box or draws a border or background
    of its own ("للطوارئ: …", an emergency number)."""
    if el.tag not in (*_WRAPPERS, "p") or _carries_metadata(el):
        return False
    classes = el.get("class") or ""
    side_note = bool(_SIDE_NOTE_CLASS.search(classes))
    if not side_note and (
        el.tag == "p" or not (_CALLOUT_CLASS.search(classes) or _DRAWN_BOX.search(el.get("style") or ""))
    ):
        return False
    lines = _lines(el)
    if len(lines) != 1 or len(lines[0].split()) > MAX_NOTE_WORDS:
        return False
    return side_note or bool(_NOTE_LABEL.match(lines[0]))


# a notice's label: "تنويه:", "تنبيه:", "ملاحظة:", "ملحوظة:", "Note :", "N.B."
_NOTICE_LABEL = re.compile(r"^\s*(?:تنويه|تنبيه|ملاحظة|ملاحظه|ملحوظة|ملحوظه|note|nota|n\.\s?b\.?)\s*[:：]", re.I)


def _labelled_notice(el: HtmlElement) -> bool:
    """A short paragraph that opens with a notice's label set in bold or italics ("<strong>تنويه:</strong> سيتم
    الإعلان …"), or with any bold label followed only by a link ("<b>للتذكير:</b> <a>…</a>"): a notice to readers
    or a link to another story among the story's paragraphs, however the paragraph is set."""
    words = _note_words(el)
    if not words:
        return False
    texts = _TEXT_NODES(el)
    if not texts or not _emphasised(texts[0], el):
        return False
    if _NOTICE_LABEL.match(str(texts[0])):
        return True
    # "<b>للتذكير:</b> <a>بياننا الصادر في سبتمبر …</a>": a label, then only a link to another page
    label = str(texts[0]).strip()
    links = el.findall(".//a[@href]")
    linked = sum(len(a.text_content().split()) for a in links)
    return label.endswith((":", "：")) and len(links) == 1 and linked > 0 and linked + len(label.split()) >= words


# a board's quote box heading: "ابو فارس كتب:", "Ali wrote:", "Samir a écrit :"
_QUOTED_POST_HEAD = re.compile(r"^.{1,40}?\s(?:كتب|كتبت|wrote|a\s+écrit)\s*[:：]$", re.I)


def _quoted_post(quote: HtmlElement) -> bool:
    """A forum's quote box: a block quotation headed "<name> كتب:" ("wrote:") over another member's words."""
    lines = _lines(quote)
    return len(lines) >= 2 and bool(_QUOTED_POST_HEAD.match(lines[0]))


def _emphasised(text: Any, within: HtmlElement) -> bool:
    """Whether a text node of ``within`` is set in bold or italics (an emphasis element holds it)."""
    holder = text.getparent()
    if text.is_tail:  # a tail belongs to the element around the one it follows
        holder = holder.getparent()
    while holder is not None and holder is not within:
        if holder.tag in _EMPHASIS:
            return True
        holder = holder.getparent()
    return False


_TEXT_NODES = XPath(".//text()[normalize-space()]")


def _own_words(el: HtmlElement) -> int:
    """Words of the text ``el`` holds itself when it is a paragraph set without ``<p>`` (a bare ``<div>``
    paragraph, ``<br>``-separated lines)."""
    own = " ".join(t for t in (el.text, *(c.tail for c in el)) if t and t.strip())
    return len(own.split()) if len(own) >= PROSE_CHARS else 0


_DRAWN_BOX = re.compile(r"border(?!-radius)|background", re.I)


def _kind(el: HtmlElement) -> tuple[str, str, bool]:
    """An element's kind (:func:`element_kind`), and whether its inline style draws a box around it (a border, a
    background): an editor sets paragraphs and boxes as the same bare ``<div>``, told apart by their style."""
    return (*element_kind(el), bool(_DRAWN_BOX.search(el.get("style") or "")))


def inset_boxes(tree: HtmlElement, headline: HtmlElement | None = None) -> list[HtmlElement]:
    """The inset boxes of the page's flows of paragraphs (see the module's docstring), outermost only; none
    holds ``headline`` (the page's own headline, whatever its tag: the article's header is no box)."""
    flows: dict[HtmlElement, None] = {}
    held: dict[HtmlElement, int] = {}  # words of the story's <p> each element holds (itself or below)
    for p in _PROSE_PARAGRAPHS(tree):
        words = len(p.text_content().split())
        held[p] = held.get(p, 0) + words
        for ancestor in p.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + words
        flow = p.getparent()
        for _ in range(FLOW_LEVELS):  # the paragraph's block, and the blocks around it (a site builder nests
            if flow is None:  # each text block three deep: column > block > content > html-content > p)
                break
            flows.setdefault(flow)
            flow = flow.getparent()
    for block in _TEXT_BLOCKS(tree):  # a story set as <br>-separated text in its block: the block is a flow,
        flows.setdefault(block)  # and so is the block around such blocks (one per paragraph, a site builder's)
        if block.getparent() is not None:
            flows.setdefault(block.getparent())
    boxes: list[HtmlElement] = []
    for flow in flows:
        children = [c for c in flow if isinstance(c.tag, str)]
        prose = [held.get(c, 0) + (_own_words(c) if c.tag != "p" else 0) for c in children]
        total = sum(prose) + _own_words(flow)
        # beside a block that holds no paragraph of the story, the story around is also in the blocks beside
        # this flow (a site builder's text blocks): the block that holds them all counts its words
        around = max(total, held.get(flow.getparent(), 0) if flow.getparent() is not None else 0)
        if around < MIN_FLOW_WORDS:
            continue
        prose_kinds = [_kind(c) for c, n in zip(children, prose, strict=True) if n]
        # a first paragraph of the story seen in this flow (a note comes after it)
        story_started = len((flow.text or "").strip()) >= PROSE_CHARS
        small = total < MIN_FLOW_WORDS  # only a block beside no paragraph of the story can be judged here
        for child, own in zip(children, prose, strict=True):
            judged = story_started
            story_started = story_started or own > 0 or len((child.tail or "").strip()) >= PROSE_CHARS
            set_apart = child.tag in _WRAPPERS or (child.tag == "p" and bool(child.get("class")))
            if small and not set_apart:
                continue
            pull_quote = _pull_quote(child)
            table = _data_table(child)
            candidate = set_apart or table is not None
            if child.tag == "blockquote" and _quoted_post(child):
                boxes.append(child)  # another member's post, quoted
                continue
            if judged and child.tag in ("p", "blockquote") and _labelled_notice(child):
                boxes.append(child)  # set like the story's paragraphs (or as a quotation), but a notice by its label
                continue
            if not (candidate or pull_quote) or int(_STRING_LENGTH(child)) > MAX_BOX_STRING:
                continue
            if prose_kinds.count(_kind(child)) > (1 if own else 0) and not _boxes_alike(child, children, prose, total):
                if child.tag != "p" and _labelled_box(child, total - own):
                    boxes.append(child)  # every block alike (a site builder), but this one is a sheet
                continue  # a sibling of its kind carries the story: the site's way of wrapping its text
            rest = total - own if own else around
            box = child.tag != "p" and (
                _inset_box(child, rest) is not None
                or _headless_sheet(child, rest)
                or (table is not None and PROSE_RATIO * _words(_lines(table)) <= rest)
            )
            if box or (judged and (_note(child) or _callout(child))) or pull_quote:
                boxes.append(child)
    if headline is not None:
        boxes = [box for box in boxes if box is not headline and not any(a is box for a in headline.iterancestors())]
    return [box for box in boxes if not any(a in boxes for a in box.iterancestors())]


def _boxes_alike(child: HtmlElement, children: list[HtmlElement], prose: list[int], total: int) -> bool:
    """Whether the siblings of ``child``'s kind that hold prose are each a headed box and together small beside the
    rest of the flow (:data:`PROSE_RATIO`): a wiki's panels ("read also", a sponsor) set in one markup, not the
    site's way of wrapping its text (a story set as headed parts keeps them: its parts hold the flow's prose)."""
    kind = _kind(child)
    alike = [(c, n) for c, n in zip(children, prose, strict=True) if n and _kind(c) == kind]
    words = sum(n for _, n in alike)
    if child.tag == "p" or PROSE_RATIO * words > total - words:
        return False
    return all(_inset_box(c, total - n) is not None for c, n in alike)


_TEXT_BLOCKS = XPath(  # block elements holding text of their own: <br>-separated paragraphs
    f"//body//*[self::div or self::td or self::section or self::article]"
    f"[text()[string-length(normalize-space()) >= {PROSE_CHARS}]]"
)
_ROWS = XPath("./tr | ./tbody/tr | ./thead/tr")


MAX_PULL_QUOTE_WORDS = 30
_QUOTE_CREDIT = XPath(".//cite | .//footer | .//figcaption")


def _pull_quote(el: HtmlElement) -> bool:
    """A quotation set apart with its speaker credited in a ``<cite>``/``<footer>``: a pull quote, the
    story's words (or a speaker's) displayed a second time beside it. A quotation that is the story's text
    comes without such a credit (the sentence around it names the speaker)."""
    quote = el if el.tag == "blockquote" else el.find("blockquote") if len(el) <= 2 else None
    if quote is None:
        quote = _sole_descendant(el, "blockquote")  # a site builder's block > body > text > blockquote
    if quote is None or not 0 < len(el.text_content().split()) <= MAX_PULL_QUOTE_WORDS:
        return False
    return bool(_QUOTE_CREDIT(el)) or _wholly_quoted(quote)


_OPENING_QUOTES = ("«", "“", '"', "„")
_CLOSING_QUOTES = ("»", "”", '"', "“")
_FOOTNOTE_MARKS = XPath(".//sup")


def _wholly_quoted(quote: HtmlElement) -> bool:
    """A block quotation whose whole text is one quoted sentence between quotation marks («…»): words set apart
    for display, which a story's own quoted statement is not (its text goes on around the marks)."""
    marks = " ".join(m.text_content() for m in _FOOTNOTE_MARKS(quote))
    text = " ".join(quote.text_content().split())
    if marks.strip():
        text = text.replace(" ".join(marks.split()), "").strip()
    text = _ATTRIBUTION.sub("", text).rstrip(".").strip()  # its speaker after a dash: "«…» — رئيس المجلس"
    return text.startswith(_OPENING_QUOTES) and text.endswith(_CLOSING_QUOTES) and len(text) > 2


_ATTRIBUTION = re.compile(
    r"(?<=[»”\"])\s*[—–-]\s*[^«»“”\"—–-]{2,80}$"
)  # a speaker credited after the quotation, on a dash


def _sole_descendant(el: HtmlElement, tag: str) -> HtmlElement | None:
    """The ``tag`` element that ``el`` wraps through a chain of single children with no text of their own."""
    node = el
    while node.tag != tag:
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or (node.text or "").strip() or (children[0].tail or "").strip():
            return None
        node = children[0]
    return node


_TABLE_WRAPPERS = _WRAPPERS | {"figure"}
MAX_TABLE_NOTE_WORDS = 25  # a table's heading, caption and source note beside it in its wrapper


def _headed_table(el: HtmlElement) -> HtmlElement | None:
    """The one table of a wrapper that holds little else: its heading, its caption, a source or contact note
    (``<figure><table>…<figcaption>المصدر: …</figcaption></figure>``, a box's ``<h4>`` over its table)."""
    tables = list(el.iter("table"))
    if len(tables) != 1:
        return None
    rest = len(el.text_content().split()) - len(tables[0].text_content().split())
    return tables[0] if rest <= MAX_TABLE_NOTE_WORDS else None


MAX_TABLE_CELLS = 8  # cells in a row of a data table set in a story (a results table, figures by district)
MAX_CELL_WORDS = 12


def _data_table(el: HtmlElement) -> HtmlElement | None:
    """The table of ``el`` (itself, or one it wraps alone) when its rows are those of a data table: two rows or
    more, each of a few short cells. Set in a story's flow of paragraphs, such a table is a box beside the
    text (figures by district, race results); a table whose cells hold the story's paragraphs is layout."""
    table = el if el.tag == "table" else _sole_descendant(el, "table") if el.tag in _TABLE_WRAPPERS else None
    if table is None and el.tag in _TABLE_WRAPPERS:
        table = _headed_table(el)
    if table is None:
        return None
    rows = _ROWS(table)
    if len(rows) < 2:
        return None
    for row in rows:
        cells = [c for c in row if c.tag in ("td", "th")]
        if not cells or len(cells) > MAX_TABLE_CELLS:
            return None
        if any(len(c.text_content().split()) > MAX_CELL_WORDS for c in cells):
            return None
    return table
