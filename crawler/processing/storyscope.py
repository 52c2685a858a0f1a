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

Invariant: nothing is removed unless the headline stands inside ``<body>`` below it, the scope found holds the
headline and at least :data:`STORY_SHARE` of the prose, and no prose outside it is of the kind that holds most
of the prose inside; the scope itself and its ancestors are never removed.
"""

from __future__ import annotations

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
            return None if _continued_outside(block, owners) else block
    return None


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
    scope = story_scope(tree, headline)
    if scope is None:
        return 0
    removed = 0
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
