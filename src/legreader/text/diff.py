"""Word diffs: what changed between the words a verdict was given on and the words there now.

Pure Python (difflib), no Textual: the annotations panel draws the pieces, tests read them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words that is in both texts, only in the old one, or only in the new one."""

    op: Op
    text: str
    """The words, joined by single spaces."""


def word_diff(old: str, new: str) -> list[Piece]:
    """The old and new text as runs of same, removed and added words (whitespace folded).

    A replaced run gives its removed piece first, then its added piece.
    """
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return pieces


def as_plain(pieces: list[Piece]) -> str:
    """The diff in the ``git --word-diff=plain`` notation: ``[-old-]{+new+}``."""
    marks = {"same": ("", ""), "removed": ("[-", "-]"), "added": ("{+", "+}")}
    return " ".join(marks[p.op][0] + p.text + marks[p.op][1] for p in pieces)
