"""The relations ``tests/fixtures/pages/PAIRS.md`` states between golden pages (copies, same-event pairs)."""

from __future__ import annotations

import re
from pathlib import Path

PAIRS = Path(__file__).resolve().parent / "fixtures" / "pages" / "PAIRS.md"


def golden_pairs() -> dict[str, list[tuple[str, str]]]:
    """``{"copy": [(case, case), ...], "same-event": [...]}`` in the order PAIRS.md lists them."""
    rows = re.findall(r"^\| (\S+) \| (\S+) \| (copy|same-event) \|", PAIRS.read_text(encoding="utf-8"), re.M)
    out: dict[str, list[tuple[str, str]]] = {"copy": [], "same-event": []}
    for a, b, relation in rows:
        out[relation].append((a, b))
    return out
