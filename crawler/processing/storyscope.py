"""The story's scope: the smallest block around the page's headline that holds most of the page's prose.

Builders that set every part of a page as a record of its own (Tilda's ``t-rec``, page builders' sections) give
trafilatura no content container to find; it reads the whole page, and a widget after the story (a schedule
table, a price board, a form) comes with the text. The page's headline tells where the story is: the smallest
block around it that holds at least :data:`STORY_SHARE` of the page's prose is the story's scope, and what lies
outside it (the records before and after) is the page's furniture, unless prose outside it is set like the
story's own (the same tag and class as most of the prose inside: a story whose body goes on in a sibling block)
and runs to a tenth of the story's (:data:`CONTINUED_SHARE`).

Prose is counted in text runs of at least :data:`PROSE_RUN_CHARS` characters (a sentence; a menu, a table cell
or a date is shorter), in the headline's script (a summary in French under an Arabic story is not its prose).
Comments, a second story, teasers with long summaries hold prose too: where they remain,
the scope grows to hold them and nothing is removed.

Desktop site builders (Serif WebPlus, iWeb, Adobe Muse) place every text in a frame of its own
(``position:absolute`` with its ``left``/``top``/``width``/``height``) and write the frames in z-order, not in reading
order: the story's text frame may come before its headline's frame, the sidebar's and the footer's among them. When
the scope's children are such frames and the headline's frame and the frame holding :data:`STORY_SHARE` of the
prose are two of them, the story is what its column shows from the headline's top to the text's bottom: the frames
beside that column, above the headline or below the text go (:func:`_frames_outside_column`).

Invariant: nothing is removed unless the headline stands inside ``<body>`` below it, the scope found holds the
headline and at least :data:`STORY_SHARE` of the prose, and no prose outside it is of the kind that holds most
of the prose inside; the scope itself and its ancestors are never removed, nor, in a frame layout, the frames
of the headline and of the text.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.normalize import mostly_arabic
from crawler.processing.ownarticle import element_kind

STORY_SHARE = 0.75
PROSE_RUN_CHARS = 80
MIN_PROSE_CHARS = 400  # less prose than this on the whole page: nothing to judge by
# prose of the story's kind outside the scope, against the prose of that kind inside, that makes a continuation
# (a body split around an ad goes on for paragraphs; a sidebar's sentence or the footer's address set in the
# builder's one text style is a line)
CONTINUED_SHARE = 0.1

_TEXT = XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")


def _prose_by_owner(tree: HtmlElement, arabic: bool | None = None) -> dict[HtmlElement, int]:
    """Characters of prose runs, by the element whose box shows them (a tail shows in its element's parent);
    with ``arabic`` set, only the runs in that script (the headline's: a summary in another language is not the
    story's prose)."""
    owners: dict[HtmlElement, int] = {}
    for text in _TEXT(tree):
        size = len(" ".join(str(text).split()))
        if size < PROSE_RUN_CHARS or (arabic is not None and mostly_arabic(str(text)) != arabic):
            continue
        owner = text.getparent()
        if text.is_tail and owner is not None:
            owner = owner.getparent()
        if owner is not None:
            owners[owner] = owners.get(owner, 0) + size
    return owners


def story_scope(tree: HtmlElement, headline: HtmlElement | None) -> HtmlElement | None:
    """The smallest ancestor of ``headline`` below ``<body>`` that holds :data:`STORY_SHARE` of the page's prose
    (None: no headline, too little prose, or only ``<body>`` holds that much)."""
    found = _scope_and_prose(tree, headline)
    return found[0] if found is not None else None


def _scope_and_prose(
    tree: HtmlElement, headline: HtmlElement | None
) -> tuple[HtmlElement, dict[HtmlElement, int], int] | None:
    """:func:`story_scope`, with the prose each element holds (itself and below) and the page's total."""
    if headline is None:
        return None
    owners = _prose_by_owner(tree, mostly_arabic(headline.text_content()))
    total = sum(owners.values())
    if total < MIN_PROSE_CHARS:
        return None
    held: dict[HtmlElement, int] = {}
    for owner, size in owners.items():
        for node in (owner, *owner.iterancestors()):
            held[node] = held.get(node, 0) + size
    for block in (headline, *headline.iterancestors()):
        if block.tag in ("body", "html"):
            return None
        if held.get(block, 0) >= STORY_SHARE * total:
            return None if _continued_outside(block, owners) else (block, held, total)
    return None


_ABSOLUTE = re.compile(r"position\s*:\s*absolute", re.IGNORECASE)
_PLACEMENT = re.compile(r"(?<![-\w])(left|top|width|height)\s*:\s*(-?\d+(?:\.\d+)?)px", re.IGNORECASE)


def _placed(el: HtmlElement) -> tuple[float, float, float, float] | None:
    """A frame's box (left, top, right, bottom) from its inline ``position:absolute`` style, if it has one."""
    style = el.get("style") or ""
    if not _ABSOLUTE.search(style):
        return None
    at = {name.lower(): float(value) for name, value in _PLACEMENT.findall(style)}
    if not {"left", "top", "width", "height"} <= at.keys():
        return None
    return at["left"], at["top"], at["left"] + at["width"], at["top"] + at["height"]


def _frames_outside_column(
    scope: HtmlElement, headline: HtmlElement, held: dict[HtmlElement, int], total: int
) -> list[HtmlElement]:
    """In a frame layout (see the module), the scope's frames outside the story's column and span: beside the text
    frame's column (less than half of the narrower width shared), above the headline's frame or below the text's.
    Nothing unless both are placed frames of the scope and the text frame holds :data:`STORY_SHARE` of the prose."""
    head_frame = next((a for a in (headline, *headline.iterancestors()) if a.getparent() is scope), None)
    frames = [c for c in scope if isinstance(c.tag, str)]
    text_frame = max(frames, key=lambda c: held.get(c, 0), default=None)
    if head_frame is None or text_frame is None or text_frame is head_frame:
        return []
    if held.get(text_frame, 0) < STORY_SHARE * total:
        return []
    head_box, text_box = _placed(head_frame), _placed(text_frame)
    if head_box is None or text_box is None:
        return []
    top, bottom = min(head_box[1], text_box[1]), max(head_box[3], text_box[3])
    outside = []
    for frame in frames:
        box = _placed(frame)
        if frame is head_frame or frame is text_frame or box is None:
            continue
        shared = min(box[2], text_box[2]) - max(box[0], text_box[0])
        narrower = min(box[2] - box[0], text_box[2] - text_box[0])
        if shared < narrower / 2 or box[1] < top or box[3] > bottom:
            outside.append(frame)
    return outside


def _continued_outside(scope: HtmlElement, owners: dict[HtmlElement, int]) -> bool:
    """Whether prose outside ``scope`` is set like the story's own (the kind, tag and class, that holds most of
    the prose inside): the story goes on in a sibling block (a body split around an ad), so the scope is not
    the story's."""
    inside: dict[tuple[str, str], int] = {}
    outside: dict[tuple[str, str], int] = {}
    for owner, size in owners.items():
        kind = element_kind(owner)
        into = inside if owner is scope or any(a is scope for a in owner.iterancestors()) else outside
        into[kind] = into.get(kind, 0) + size
    if not inside:
        return False
    story_kind = max(inside, key=lambda k: inside[k])
    return outside.get(story_kind, 0) >= CONTINUED_SHARE * inside[story_kind]


def drop_outside_story(tree: HtmlElement, headline: HtmlElement | None) -> int:
    """Remove what lies outside the story's scope (see the module's docstring); returns how many elements went."""
    found = _scope_and_prose(tree, headline)
    if found is None or headline is None:
        return 0
    scope, held, total = found
    removed = 0
    for frame in _frames_outside_column(scope, headline, held, total):
        scope.remove(frame)
        removed += 1
    node = scope
    for parent in scope.iterancestors():
        for sibling in list(parent):
            if sibling is not node and isinstance(sibling.tag, str) and sibling.tag not in ("head", "title", "meta"):
                parent.remove(sibling)
                removed += 1
        parent.text = None
        node.tail = None
        if parent.tag == "body":
            break
        node = parent
    return removed
