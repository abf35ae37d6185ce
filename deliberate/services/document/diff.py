"""Which sentences a correction changes, for showing it as a difference (OpenSlides-style)."""
from __future__ import annotations

import difflib
import re

# A sentence ends at . ! ? or … followed by a space; good enough for showing changes, and it never
# alters the text: joining the pieces gives the paragraph back.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def sentence_diff(before: str, after: str) -> list[dict]:
    """[{"op": "same"|"removed"|"added", "text": sentence}] from `before` to `after`."""
    old, new = sentences(before), sentences(after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out += [{"op": "same", "text": s} for s in old[i1:i2]]
        else:
            out += [{"op": "removed", "text": s} for s in old[i1:i2]]
            out += [{"op": "added", "text": s} for s in new[j1:j2]]
    return out
