"""Paragraphs the markup leaves implicit, made real ``<p>`` elements before trafilatura reads the page.

Two kinds. **Paragraphs written as** ``<br><br>``: old and hand-made sites (table layouts, Lotus Domino,
PHP-Nuke, ASP.NET labels) set a whole story in one block as runs of text and inline elements separated by
blank lines (two ``<br>`` or more). A browser shows paragraphs; trafilatura, which looks for paragraph
elements, sees one block and may keep the whole container it sits in (a page-wide ``<form>``, with the top
bar and the menus). Mozilla's Readability solves this the same way (``_replaceBrs``): a chain of two or more
``<br>`` ends a paragraph.

Only the story's own blocks change: the block in ``<br>`` soup with the most text, any other with at least
half as much, and their siblings of the same kind (a story set as one block per paragraph group); elsewhere
(menus, sidebars, byline boxes set the same way) trafilatura's reading is left as it was.

**Text left after a block**: ``<p><div class="mosimage">…</div>First paragraph…</p>`` parses as an empty ``<p>``, the
image box, and the paragraph as loose text after it (a ``<div>`` cannot sit in a ``<p>``); trafilatura reads the
elements and drops such text. In a block whose other paragraphs are ``<p>`` elements, text of at least
:data:`LOOSE_CHARS` characters that follows a block element, with the inline content after it (up to the next
block or ``<br><br>``), becomes one ``<p>`` in its place: the page shows it as a paragraph of its own already.

**A paragraph in a ``<div>``** of its own, set right before a block of ``<p>`` paragraphs (an intro block before
the body block, maybe past an empty anchor; the body's ``<br><br>`` paragraphs are made first), is named a ``<p>``.

**Lines the source was wrapped at**: an HTML editor (Mozilla Composer, FrontPage) wraps long text in the source
at 70-odd columns. A browser shows a space there; trafilatura keeps the line break and its indentation inside a
block that holds a ``<br>``, and the stored paragraph would break mid-sentence. Such breaks become one space, as
whitespace does in HTML, outside ``<pre>``, ``<textarea>`` and code.

Invariant: only the direct content of such blocks changes (or a text-only ``<div>``'s name); each run of phrasing
content between chains (text, links, bold, font runs, single ``<br>``) becomes one ``<p>`` holding exactly that
content in the same order; block children (tables, lists, divs) stay where they are, unwrapped; the chains
themselves go. No word is added or lost: only whitespace inside a text changes.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

# elements a paragraph can hold (HTML's phrasing content, with the presentational tags old sites use)
PHRASING = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
# blocks whose direct content may be paragraphs in <br> soup (a <p> holding some becomes a <div>)
CONTAINERS = frozenset({"div", "td", "th", "section", "article", "main", "form", "body", "center", "dd", "li", "p"})

_BR_PARENTS = XPath("//br/..")
MIN_STORY_CHARS = 400  # a block with less text in <br> soup is no story (a byline box, an address)


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _has_chain(el: HtmlElement) -> bool:
    """Whether ``el`` holds two ``<br>`` in a row among its direct children (blank text between them)."""
    previous_br = False
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "br":
            if previous_br:
                return True
            previous_br = _blank(child.tail)
        else:
            previous_br = False
    return False


def _runs(el: HtmlElement) -> list[list[object]]:
    """The direct content of ``el`` in order, cut at every chain of ``<br>`` and around every block child:
    each run is a list of texts (``str``) and elements; a block child is a run of its own (a list holding
    only it) marked by not being phrasing."""
    runs: list[list[object]] = [[]]
    if el.text:
        runs[-1].append(el.text)
    children = list(el)
    i = 0
    while i < len(children):
        child = children[i]
        tail = child.tail
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "br":
            j = i
            while j + 1 < len(children) and children[j + 1].tag == "br" and _blank(children[j].tail):
                j += 1
            if j > i:  # a chain: the paragraph ends here
                runs.append([])
                if children[j].tail:
                    runs[-1].append(children[j].tail)
                i = j + 1
                continue
        if tag is not None and tag not in PHRASING:
            runs.append([child])
            runs.append([])
        else:
            runs[-1].append(child)
        if tail:
            runs[-1].append(tail)
        i += 1
    return runs


def _make_paragraph(items: list[object], maker: HtmlElement) -> HtmlElement:
    p = maker.makeelement("p", {})
    last: HtmlElement | None = None
    for item in items:
        if isinstance(item, str):
            if last is None:
                p.text = (p.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            assert isinstance(item, HtmlElement)
            item.tail = None
            p.append(item)
            last = item
    return p


def _shows_something(run: list[object]) -> bool:
    """Whether a run holds text or an element other than a line break (an image, a link)."""
    return any(not _blank(item) if isinstance(item, str) else item.tag != "br" for item in run)  # type: ignore[attr-defined]


def _rebuild(el: HtmlElement) -> None:
    runs = _runs(el)
    for child in list(el):
        child.tail = None
        el.remove(child)
    el.text = None
    for run in runs:
        if len(run) == 1 and isinstance(run[0], HtmlElement) and run[0].tag not in PHRASING:
            el.append(run[0])  # a block child stays as it is
        elif _shows_something(run):
            el.append(_make_paragraph(run, el))
    if el.tag == "p":
        el.tag = "div"  # a paragraph cannot hold paragraphs


def _direct_prose(el: HtmlElement) -> int:
    """Characters of text ``el`` holds in its direct phrasing content (its own text, its inline children's
    text and their tails): what it would show as paragraphs."""
    chars = len((el.text or "").strip())
    for child in el:
        if isinstance(child.tag, str) and child.tag in PHRASING:
            chars += len(child.text_content().strip())
        chars += len((child.tail or "").strip())
    return chars


def split_br_paragraphs(tree: HtmlElement) -> int:
    """Make ``<p>`` elements of the ``<br><br>``-separated paragraphs of the page's story (see the module's
    docstring): the block in ``<br>`` soup that holds the most text, any other holding at least half as much (a
    story in two blocks), and their siblings of the same kind (tag and class) that hold text, chain or not; a
    menu or a sidebar set the same way is left as it is. Returns how many blocks changed."""
    blocks = [el for el in _BR_PARENTS(tree) if el.tag in CONTAINERS and _has_chain(el)]
    sizes = [_direct_prose(el) for el in blocks]
    most = max(sizes, default=0)
    if most < MIN_STORY_CHARS:
        return 0
    chosen = [el for el, size in zip(blocks, sizes, strict=True) if 2 * size >= most]
    kinds = {(el.tag, el.get("class")) for el in chosen}
    for el in chosen:  # the story's other blocks of the same kind, a paragraph each without a chain (Tilda's
        parent = el.getparent()  # <div class="t-redactor__text">): their text becomes a <p> like the rest
        for sibling in parent if parent is not None else ():
            if sibling not in chosen and (sibling.tag, sibling.get("class")) in kinds and _direct_prose(sibling):
                chosen.append(sibling)
    for el in chosen:
        _rebuild(el)
    return len(chosen)


LOOSE_CHARS = 60  # text after a block: this much is a paragraph (less: a stray word, a separator)
INTRO_CHARS = 120  # a text-only <div> before the body block: a sentence-long paragraph (a caption or a call is shorter)


def _loose_text_after(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag not in PHRASING and len((el.tail or "").strip()) >= LOOSE_CHARS


def _holds_paragraphs(el: HtmlElement) -> bool:
    """Whether ``el`` sets text in ``<p>`` elements of its own: loose text there is a paragraph the markup lost
    (where a block has none, its text is all loose, and trafilatura reads it as it is)."""
    return any(child.tag == "p" and len(child.text_content().strip()) >= LOOSE_CHARS for child in el)


def wrap_loose_text(tree: HtmlElement) -> int:
    """Make a ``<p>`` of the text that follows a block element with the inline content after it (see the module's
    docstring); returns how many paragraphs were made."""
    made = 0
    for block in [el for el in tree.iter() if _loose_text_after(el)]:
        parent = block.getparent()
        if parent is None or parent.tag not in CONTAINERS or not _holds_paragraphs(parent):
            continue
        p = block.makeelement("p", {})
        p.text, block.tail = block.tail, None
        following = block.getnext()
        while following is not None and isinstance(following.tag, str) and following.tag in PHRASING:
            nxt = following.getnext()
            if following.tag == "br" and nxt is not None and nxt.tag == "br" and _blank(following.tail):
                break  # a chain of <br>: the paragraph ends
            after = following.getnext()
            p.append(following)  # with its tail, which is this paragraph's text too
            following = after
        block.addnext(p)
        made += 1
    return made


def _text_only_block(el: HtmlElement) -> bool:
    """A ``<div>`` holding only text and inline elements, a paragraph's worth of it."""
    if el.tag != "div" or any(isinstance(c.tag, str) and c.tag not in PHRASING for c in el):
        return False
    return _direct_prose(el) >= INTRO_CHARS


def _empty_mark(el: HtmlElement) -> bool:
    """An inline element that shows nothing: an anchor to jump to, an empty span, a ``<br>``."""
    return el.tag in PHRASING and el.tag != "img" and not el.text_content().strip() and (el.tail or "").strip() == ""


def name_paragraph_divs(tree: HtmlElement) -> int:
    """Make a ``<p>`` of a ``<div>`` that holds only a paragraph's text (:data:`INTRO_CHARS` or more), set right
    before a block of ``<p>`` paragraphs, past an empty anchor (Zikula's ``news_hometext`` before its
    ``news_bodytext``, PivotX's ``introduction`` before ``<a id="body">`` and its ``body``): the story's first
    paragraph, which trafilatura otherwise reads as a loose block and may leave out. Returns how many were
    renamed."""
    renamed = 0
    for div in [el for el in tree.iter("div") if _text_only_block(el)]:
        body = div.getnext()
        while body is not None and (not isinstance(body.tag, str) or _empty_mark(body)):
            body = body.getnext()  # an empty anchor ("<a id='body'>") or a comment between the two blocks
        if body is not None and isinstance(body.tag, str) and _holds_paragraphs(body):
            div.tag = "p"
            renamed += 1
    return renamed


# texts that hold a line break between words, where whitespace is not kept as written
_WRAPPED_TEXTS = XPath(
    "//body//text()[contains(., '\n')][normalize-space(.) != '']"
    "[not(ancestor::pre or ancestor::textarea or ancestor::code or ancestor::script or ancestor::style)]"
)
_SOURCE_BREAK = re.compile(r"[ \t\r]*\n\s*")


def join_wrapped_lines(tree: HtmlElement) -> int:
    """Make every line break inside a text (between two of its words) one space; return the texts changed."""
    changed = 0
    for text in _WRAPPED_TEXTS(tree):
        value = str(text)
        if "\n" not in value.strip():
            continue
        parent = text.getparent()
        joined = _SOURCE_BREAK.sub(" ", value)
        if text.is_tail:
            parent.tail = joined
        else:
            parent.text = joined
        changed += 1
    return changed


MIN_POST_PARAGRAPHS = 2  # a list item holding this many paragraphs of prose is a post, not an item
MIN_POST_PARAGRAPH_CHARS = 60  # a paragraph, not a line


def _post_item(item: HtmlElement) -> bool:
    """A list item holding :data:`MIN_POST_PARAGRAPHS` paragraphs of prose: a post, not an item."""
    found = 0
    for paragraph in item.iter("p"):
        found += len(paragraph.text_content().strip()) >= MIN_POST_PARAGRAPH_CHARS
        if found >= MIN_POST_PARAGRAPHS:
            return True
    return False


def unlist_posts(tree: HtmlElement) -> int:
    """Turn lists whose items hold paragraphs (a forum's posts, a blog's entries set as ``<li>``) into blocks: an
    item is read as one line, and a post's paragraphs would run together. Lists of short items stay lists."""
    lists = [listed for listed in tree.iter("ul", "ol") if any(map(_post_item, listed.iterchildren("li")))]
    for listed in lists:
        for item in listed.iterchildren("li"):
            item.tag = "div"
        listed.tag = "div"
    return len(lists)


def mark_paragraphs(tree: HtmlElement) -> int:
    """The passes of this module: loose text after blocks, the story's ``<br><br>`` paragraphs, text-only blocks
    beside paragraph blocks, the lines the source was wrapped at, then lists of posts."""
    return (
        wrap_loose_text(tree)
        + split_br_paragraphs(tree)
        + name_paragraph_divs(tree)  # after: a body block in <br> soup holds <p> paragraphs now
        + join_wrapped_lines(tree)
        + unlist_posts(tree)
    )
