"""In-article search, as plain Python (no Textual): the matches, the current one, the mode.

The widget shows the mode (``n``/``N`` go from match to match while it is on, ``n`` is
"note" again once it ends) and redraws the matches this state hands back.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

#: Up to this many matches are redrawn one by one when they come or go; more, the whole text.
REDRAW_EACH_UP_TO = 2000


class SearchState:
    """The matches of the search under way in one article (body offsets, in text order)."""

    def __init__(self) -> None:
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        """The index of the match the cursor is on (-1: none yet)."""
        self.active = False
        """Search mode is on (the box is open or its matches are shown)."""

    def start(self, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Search mode with these matches, none current yet; returns the old ones."""
        old = self.matches
        self.matches = matches
        self.active = True
        self.current = -1
        return old

    def end(self) -> list[tuple[int, int]]:
        """Search mode off, the matches gone; returns them."""
        old = self.matches
        self.matches = []
        self.active = False
        self.current = -1
        return old

    def clear(self) -> None:
        """The matches gone (a new text), the mode as it was."""
        self.matches = []
        self.current = -1

    def first_from(self, offset: int) -> int:
        """The first match starting at or after ``offset`` (wrapping to the first)."""
        return next((i for i, (s, _) in enumerate(self.matches) if s >= offset), 0)

    def go(self, index: int) -> tuple[int, int] | None:
        """Make match ``index`` (wrapping around) current; returns the previous current index
        and the new one, or None when there are no matches."""
        if not self.matches:
            return None
        old = self.current
        self.current = index % len(self.matches)
        return old, self.current

    def span(self, index: int) -> tuple[int, int] | None:
        """Match ``index``'s offsets (None when there is no such match)."""
        return self.matches[index] if 0 <= index < len(self.matches) else None

    def within(self, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
        """The matches overlapping ``[start, end)``: ``(start, end, is_current)``."""
        matches = self.matches
        if not matches:
            return
        lo = bisect_left(matches, (start, -1))
        for i in range(max(0, lo - 1), len(matches)):
            a, z = matches[i]
            if a >= end:
                break
            if z <= start:
                continue
            yield a, z, i == self.current

    def status(self) -> str:
        """The search's part of the status line (empty when the mode is off)."""
        if not self.active:
            return ""
        total = len(self.matches)
        where = f"{self.current + 1}/{total}" if total and self.current >= 0 else f"{total}"
        return f"search: {where} match{'es' if total != 1 else ''} (n/N, esc ends)"
