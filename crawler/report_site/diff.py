"""How a copy differs from its original, sentence by sentence.

Concern: the comparison on a story page. Both texts are cut into sentences (paragraph breaks and
``. ! ? ؟ …``), aligned with :mod:`difflib`, and every sentence is labelled ``same``, ``reworded`` (a
sentence of the original edited in the copy: the changed words marked ``<del>`` on the original's
side and ``<ins>`` on the copy's), ``removed`` (only in the original) or ``added`` (only in the copy).

Invariant: the output is HTML in which every piece of article text is escaped (article text is
untrusted), and it depends on the two texts only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

REWORDED_RATIO = 0.5  # word similarity from which two unequal sentences are one sentence reworded
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
_KINDS = ("same", "reworded", "removed", "added")


@dataclass(frozen=True)
class Row:
    """One line of the comparison: the original's sentence and the copy's, as escaped HTML ("" when absent)."""

    kind: str  # same | reworded | removed | added
    left: str
    right: str


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, whitespace collapsed."""
    out: list[str] = []
    for paragraph in text.splitlines():
        out.extend(" ".join(s.split()) for s in _SENTENCE_END.split(paragraph.strip()) if s.strip())
    return out


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _mark_words(a: str, b: str) -> tuple[str, str]:
    """Both sentences as HTML, the words that differ wrapped in ``<del>`` (in ``a``) and ``<ins>`` (in ``b``)."""
    wa, wb = a.split(), b.split()
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        la, rb = html.escape(" ".join(wa[i1:i2])), html.escape(" ".join(wb[j1:j2]))
        if tag == "equal":
            left.append(la)
            right.append(rb)
            continue
        if la:
            left.append(f"<del>{la}</del>")
        if rb:
            right.append(f"<ins>{rb}</ins>")
    return " ".join(left), " ".join(right)


def _pair(a: list[str], b: list[str]) -> list[Row]:
    """A block the sentence alignment could not match: pairs of similar sentences are reworded, in order;
    the rest removed or added."""
    rows: list[Row] = []
    j = 0
    for sa in a:
        best, best_ratio = -1, REWORDED_RATIO
        for k in range(j, len(b)):
            ratio = _ratio(sa, b[k])
            if ratio >= best_ratio and (best < 0 or ratio > best_ratio):
                best, best_ratio = k, ratio
        if best < 0:
            rows.append(Row("removed", f"<del>{html.escape(sa)}</del>", ""))
            continue
        rows.extend(Row("added", "", f"<ins>{html.escape(sb)}</ins>") for sb in b[j:best])
        rows.append(Row("reworded", *_mark_words(sa, b[best])))
        j = best + 1
    rows.extend(Row("added", "", f"<ins>{html.escape(sb)}</ins>") for sb in b[j:])
    return rows


def compare(original: str, copy: str) -> list[Row]:
    """The copy against its original, sentence by sentence, in reading order."""
    a, b = sentences(original), sentences(copy)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs = zip(a[i1:i2], b[j1:j2], strict=True)
            rows.extend(Row("same", html.escape(sa), html.escape(sb)) for sa, sb in pairs)
        elif tag == "delete":
            rows.extend(Row("removed", f"<del>{html.escape(s)}</del>", "") for s in a[i1:i2])
        elif tag == "insert":
            rows.extend(Row("added", "", f"<ins>{html.escape(s)}</ins>") for s in b[j1:j2])
        else:
            rows.extend(_pair(a[i1:i2], b[j1:j2]))
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    """How many sentences of each kind, in a fixed order."""
    return {kind: sum(1 for r in rows if r.kind == kind) for kind in _KINDS}
