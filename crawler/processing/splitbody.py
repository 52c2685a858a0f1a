"""An article set in sibling blocks: the text trafilatura left in the blocks beside the one it read.

trafilatura reads an article from the *first* element that its content expressions
(``trafilatura.xpaths.BODY_XPATH``) find: a class such as ``article__body``, ``itemFullText``
or ``news-text-wrap``. Many CMSs set one article in several sibling blocks: Joomla K2 prints
the intro (``itemIntroText``) beside the rest (``itemFullText``), TYPO3 news its lead beside the
body, and a body broken by an in-read ad or a newsletter box comes as two wrappers of one
class. trafilatura then returns only one of them, silently: the stored text lacks its lead or
its second half.

This module finds the block trafilatura read and adds the prose of its siblings, in page order.

Invariant: only prose of the same article is added. A sibling counts when it sits after the
page's headline, inside the headline's article unit (the block's parent, or at most two levels
above it, holds the headline), and is prose: paragraphs of running text (15 words or more, with
sentence marks), few links, no form, not a caption, byline, list, quote or footer. The furniture
rules (``boilerplate.py``) have run before, so what is left beside the body is the body's other
blocks; standfirsts, bios, related cards and pulled-in articles are gone or are not prose. When
the block read cannot be found (trafilatura fell back to another extractor, or the text spans
more than one block), nothing is added.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.boilerplate import MIN_PROSE_WORDS

log = logging.getLogger(__name__)

try:  # trafilatura's content expressions, in the order it tries them
    from trafilatura.xpaths import BODY_XPATH
except ImportError:  # pragma: no cover - a trafilatura that moved them: the repair is off
    BODY_XPATH = []
    log.debug("trafilatura.xpaths.BODY_XPATH not found: split article bodies are not joined")

MAX_LINK_SHARE = 0.2  # of a sibling's text in links: more is a list of stories, not prose
MIN_PROSE_SHARE = 0.7  # of a sibling's text in its prose lines: less is a box with a sentence in it
HEADLINE_LEVELS = 2  # levels above the read block's parent where the headline may sit
_KEY_CHARS = 40  # a line is found in a block when its first characters are
_NOT_PROSE = ("form", "input", "button", "select", "textarea", "iframe", "video", "audio")
_SENTENCE = re.compile(r"[.،؛!?؟]")  # running text has sentence marks; a meta line of dates and counts has none
_VISIBLE_TEXT = XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")
# blocks that sit beside a body and are never its continuation, by tag or by a word in their class/id
_NOT_BODY_TAGS = {"header", "footer", "aside", "nav", "figure", "figcaption", "blockquote", "ul", "ol", "table"}
_NOT_BODY_NAMES = ("byline", "caption", "credit", "footer", "header", "keypoint", "highlight", "meta", "author", "tags")
# paragraphs in these are list items, captions and quotes, not running text
_PARAGRAPHS = XPath(".//p[not(ancestor::li or ancestor::figure or ancestor::figcaption or ancestor::blockquote)]")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _visible_text(el: HtmlElement) -> str:
    """The element's text without what scripts, styles and templates hold."""
    return _collapse(" ".join(_VISIBLE_TEXT(el)))


def _key(line: str) -> str:
    return _collapse(line)[:_KEY_CHARS]


def _read_block(tree: HtmlElement, keys: list[str]) -> HtmlElement | None:
    """The element trafilatura read the text from: its first content-expression hit that holds
    every extracted line (None when there is no such hit)."""
    for expr in BODY_XPATH:
        hits = expr(tree)
        block = next((h for h in hits if isinstance(h, HtmlElement)), None)
        if block is None:
            continue
        content = _collapse(block.text_content())
        return block if all(k in content for k in keys) else None
    return None


def _in_unit(block: HtmlElement, headline: HtmlElement) -> bool:
    """Whether the headline sits in the block's parent or at most HEADLINE_LEVELS above it."""
    unit = block.getparent()
    for _ in range(HEADLINE_LEVELS + 1):
        if unit is None:
            return False
        if any(a is unit for a in headline.iterancestors()):
            return True
        unit = unit.getparent()
    return False


def _after(el: HtmlElement, anchor: HtmlElement) -> bool:
    """Whether ``el`` starts after ``anchor`` in document order (and does not hold it)."""
    for prior in el.itersiblings(preceding=True):
        if prior is anchor or any(d is anchor for d in prior.iterdescendants()):
            return True
    parent = el.getparent()
    return parent is not None and parent is not anchor and _after(parent, anchor)


def _prose_lines(el: HtmlElement) -> list[str]:
    """The sibling's paragraphs when it is prose (see the module's invariant), else none."""
    if el.tag in _HEADINGS or el.tag in _NOT_BODY_TAGS or any(True for _ in el.iter(*_NOT_PROSE)):
        return []
    name = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if any(word in name for word in _NOT_BODY_NAMES):
        return []
    whole = _visible_text(el)
    if not whole:
        return []
    linked = sum(len(_visible_text(a)) for a in el.iter("a"))
    if linked > MAX_LINK_SHARE * len(whole):
        return []
    if any(True for _ in el.iter("p")):
        paragraphs = [_visible_text(p) for p in _PARAGRAPHS(el)]
    else:  # text set without <p> (in <br> soup or a bare <div>): one paragraph, unless it is a list
        paragraphs = [] if any(True for _ in el.iter("li")) else [whole]
    lines = [p for p in paragraphs if len(p.split()) >= MIN_PROSE_WORDS and _SENTENCE.search(p)]
    if sum(len(line) for line in lines) < MIN_PROSE_SHARE * len(whole):
        return []
    return lines


def _siblings(block: HtmlElement) -> Iterator[tuple[bool, HtmlElement]]:
    """(before the block?, sibling) for the block's element siblings, in page order."""
    parent = block.getparent()
    if parent is None:
        return
    before = True
    for child in parent:
        if child is block:
            before = False
        elif isinstance(child.tag, str):
            yield before, child


def join_split_body(tree: HtmlElement, text: str, headline: HtmlElement | None) -> str:
    """``text`` (trafilatura's, one line per paragraph) with the prose of the read block's
    siblings added in page order (see the module's invariant)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if headline is None or not lines:
        return text
    keys = [_key(line) for line in lines]
    block = _read_block(tree, keys)
    if block is None or any(a is block for a in headline.iterancestors()) or not _in_unit(block, headline):
        return text
    have = set(keys)
    head: list[str] = []
    tail: list[str] = []
    for before, sibling in _siblings(block):
        if any(d is headline for d in sibling.iter()) or not _after(sibling, headline):
            continue
        new = [line for line in _prose_lines(sibling) if _key(line) not in have]
        have.update(_key(line) for line in new)
        (head if before else tail).extend(new)
    if not head and not tail:
        return text
    log.debug("split body: %d line(s) added before, %d after the block read", len(head), len(tail))
    return "\n".join([*head, *lines, *tail])
