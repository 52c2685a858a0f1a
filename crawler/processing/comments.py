"""Readers' comment sections: the heading that opens one.

Invariant: a comments heading names the section and nothing else ("التعليقات (3)", "تعليقات الزوار", "آراء القراء",
a guestbook's "من سجل الزوار", "Comments (12)"), at most a count after it; a story's subheading that mentions
comments is a sentence and never one. What follows such a heading after a story is the readers', not the story's:
the extractor's passes end the story there (the tree's flat sections, the cut of a pulled-in article, the text's
last lines).
"""

from __future__ import annotations

import re

from crawler.processing.normalize import normalize

MAX_HEADING_CHARS = 60  # "تعليقات القراء على الخبر (12)" with room for markup's spaces
# normalised: "التعليقات 3", "تعليقات الزوار 2", "اراء القراء", "comments 12"
_COMMENTS_HEADING = re.compile(
    r"^(?:التعليقات|تعليقات|تعليقات الزوار|تعليقات القراء|اراء القراء|راي القراء|ردود القراء|اراء الزوار|ردود الزوار|"
    r"اراوكم|(?:من )?(?:سجل|دفتر) الزوار|"
    r"guestbook|livre d or|"
    r"comments|commentaires|reactions|réactions)(?: \d+)?$"
)


def is_comments_heading(text: str, normalised: bool = False) -> bool:
    """Whether ``text`` (already :func:`normalize`-d when ``normalised``) is a comments section's heading."""
    if len(text) > MAX_HEADING_CHARS:
        return False  # a paragraph, not a heading: not worth normalising
    return bool(_COMMENTS_HEADING.match(text if normalised else normalize(text)))
