"""The body's cursor, as plain Python (no Textual): which sentences are selected, where the
sentence, paragraph and claim keys take the selection, and which claims it touches.

:class:`SentenceCursor` holds the selection (``anchor`` and ``head``: indexes into the
sentences the cursor moves by) and plans the moves; the widget
(:class:`legreader.ui.body.widget.ArticleBody`) applies a move, redraws what changed and
scrolls. A move that starts from nothing (no selection yet) starts from the view: the widget
hands in a function that says which sentence is at the top (or bottom) of the view, called
only then. :class:`ClaimIndex` keeps an article's claims (in text order) and what finds them
fast in an article with tens of thousands of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection

from legreader.claims.model import ClaimSpan
from legreader.corpus.blocks import Block, block_index_at

#: A planned selection: ``(anchor, head)`` sentence indexes (both None: nothing selected).
Move = tuple[int | None, int | None]


class ClaimIndex:
    """An article's claims in text order, with their starts for bisecting, the longest claim's
    length (how far back a claim can start and still reach an offset) and the count per
    category (counted once: a long article has tens of thousands)."""

    def __init__(self, claims: list[ClaimSpan] | None = None, *, ready: bool = False) -> None:
        self.claims: list[ClaimSpan] = claims or []
        self.ready = ready
        """The whole article's claims (not just those of the part on screen)."""
        self.starts = [c.start for c in self.claims]
        self.reach = max((c.end - c.start for c in self.claims), default=0)
        self.counts: dict[str, int] = dict(Counter(c.category for c in self.claims))

    def __len__(self) -> int:
        return len(self.claims)

    def any_shown(self, enabled: Collection[str]) -> bool:
        """Whether a claim of an enabled category is in the article."""
        return any(category in enabled for category in self.counts)

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of the claims that may overlap ``[start, end)`` (those that start at most
        the longest claim's length before it, up to those starting at ``end``): callers check
        ``claim.end > start``."""
        lo = bisect_left(self.starts, start - self.reach)
        return range(lo, bisect_left(self.starts, end))

    def under(self, selection: tuple[int, int], enabled: Collection[str]) -> ClaimSpan | None:
        """The first claim of an enabled category that reaches into ``selection``."""
        for i in self.overlapping(*selection):
            claim = self.claims[i]
            if claim.category in enabled and claim.end > selection[0]:
                return claim
        return None

    def flags_under(self, selection: tuple[int, int], enabled: Collection[str]) -> list[str]:
        """The flags of the enabled claims reaching into ``selection``, each once, in order."""
        flags: list[str] = []
        for i in self.overlapping(*selection):
            claim = self.claims[i]
            if claim.flags and claim.category in enabled and claim.end > selection[0]:
                flags.extend(f for f in claim.flags if f not in flags)
        return flags

    def step_from(self, here: int, step: int, enabled: Collection[str]) -> int | None:
        """The index of the next (``step`` +1) or previous (-1) claim of an enabled category
        starting after (before) offset ``here``: a bisect and a short walk. None: no more."""
        if step > 0:
            index = bisect_right(self.starts, here)
        else:
            index = bisect_left(self.starts, here) - 1
        while 0 <= index < len(self.claims) and self.claims[index].category not in enabled:
            index += step
        return index if 0 <= index < len(self.claims) else None


class SentenceCursor:
    """The selection over an article's sentences, and the moves of the cursor keys."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.sentences: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.anchor: int | None = None
        """The sentence the selection started at (``J``/``K`` move the other end)."""
        self.head: int | None = None
        """The sentence the selection's moving end is on."""
        self.claim: int | None = None
        """The claim ``[``/``]`` reached (an index into the claims), while the cursor is on it."""

    # ------------------------------------------------------------------ state

    def reset(self, blocks: list[Block]) -> None:
        """A new text: the cursor moves by whole blocks until the sentences come."""
        self.blocks = blocks
        self.set_sentences([(b.start, b.end) for b in blocks])
        self.anchor = self.head = self.claim = None

    def set_sentences(self, sentences: list[tuple[int, int]]) -> None:
        """The sentence spans the cursor moves by, and their starts for bisecting (made once)."""
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]

    def refit(self, sentences: list[tuple[int, int]]) -> None:
        """New sentences for the same text: the selection keeps the text it covered."""
        selected = self.selection
        self.set_sentences(sentences)
        if selected:
            self.anchor = self.sentence_at(selected[0])
            self.head = self.sentence_at(selected[1] - 1)

    @property
    def selection(self) -> tuple[int, int] | None:
        """Body offsets of the selected passage."""
        if self.anchor is None or self.head is None or not self.sentences:
            return None
        first, last = sorted((self.anchor, self.head))
        return self.sentences[first][0], self.sentences[last][1]

    @property
    def head_first(self) -> bool:
        """The moving end is the selection's first sentence (the view follows that end)."""
        return self.head == min(self.anchor or 0, self.head or 0)

    def select(self, anchor: int | None, head: int | None) -> None:
        self.anchor, self.head = anchor, head

    def sentence_at(self, offset: int) -> int:
        """The index in :attr:`sentences` of the sentence holding body ``offset`` (the nearest
        one when ``offset`` falls between or outside them)."""
        index = bisect_right(self.starts, offset) - 1
        return min(max(index, 0), len(self.sentences) - 1)

    def covering(self, start: int, end: int) -> Move:
        """The sentences covering ``[start, end)``."""
        return self.sentence_at(start), self.sentence_at(max(start, end - 1))

    # ------------------------------------------------------------------ moves

    def next_sentence(self, first_in_view: Callable[[], int]) -> Move:
        """``j``: the sentence after the selection (the first in view when none)."""
        if self.head is None:
            index = first_in_view()
        else:
            index = min(max(self.anchor or 0, self.head) + 1, len(self.sentences) - 1)
        return index, index

    def previous_sentence(self, last_in_view: Callable[[], int]) -> Move:
        """``k``: the sentence before the selection (the last in view when none)."""
        if self.head is None:
            index = last_in_view()
        else:
            index = max(min(self.anchor or 0, self.head) - 1, 0)
        return index, index

    def extend_down(self) -> Move:
        """``J``: the moving end one sentence down (a selection exists)."""
        assert self.head is not None
        return self.anchor, min(self.head + 1, len(self.sentences) - 1)

    def extend_up(self) -> Move:
        """``K``: the moving end one sentence up (a selection exists)."""
        assert self.head is not None
        return self.anchor, max(self.head - 1, 0)

    def paragraph(self, index: int) -> tuple[int, int]:
        """First and last block of the paragraph block ``index`` belongs to (a paragraph too
        long for one block is several, the later ones ``continued``)."""
        blocks = self.blocks
        first = last = index
        while first > 0 and blocks[first].continued:
            first -= 1
        while last + 1 < len(blocks) and blocks[last + 1].continued:
            last += 1
        return first, last

    def paragraph_sentences(self, block_index: int) -> tuple[int, int]:
        """First and last sentence of the paragraph that block ``block_index`` is part of."""
        lo, hi = self.paragraph(block_index)
        first = self.sentence_at(self.blocks[lo].start)
        last = self.sentence_at(max(self.blocks[hi].start, self.blocks[hi].end - 1))
        return first, last

    def current_block(self, first_in_view: Callable[[], int]) -> int:
        """The block the moving end is in (the first sentence in view's, when none)."""
        index = first_in_view() if self.head is None else self.head
        return block_index_at(self.blocks, self.sentences[index][0])

    def next_paragraph(self, first_in_view: Callable[[], int]) -> Move | None:
        """``}``: the first sentence of the next paragraph (of the one in view, when none)."""
        if not self.blocks or not self.sentences:
            return None
        index = self.current_block(first_in_view)
        if self.head is not None:
            index = self.paragraph(index)[1] + 1
        index = min(index, len(self.blocks) - 1)
        first, _ = self.paragraph_sentences(index)
        return first, first

    def previous_paragraph(self, first_in_view: Callable[[], int]) -> Move | None:
        """``{``: the first sentence of this paragraph, or of the one before when the
        selection starts there already."""
        if not self.blocks or not self.sentences:
            return None
        index = self.paragraph(self.current_block(first_in_view))[0]
        first, _ = self.paragraph_sentences(index)
        if self.head is not None and min(self.anchor or 0, self.head) <= first and index > 0:
            first, _ = self.paragraph_sentences(index - 1)
        return first, first

    def whole_paragraph(self, first_in_view: Callable[[], int]) -> Move | None:
        """``v``: every sentence of the paragraph the cursor (or the view) is in."""
        if not self.blocks or not self.sentences:
            return None
        return self.paragraph_sentences(self.current_block(first_in_view))

    def claim_stop(
        self, claims: ClaimIndex, step: int, enabled: Collection[str], text_length: int
    ) -> int | None:
        """``]``/``[``: the index of the next (previous) enabled claim from the cursor. From a
        claim reached this way, by its start offset (the next claim may be in the same
        sentence; claims starting at one offset count as one stop); else from the selection's
        start, or from the text's start (end) with nothing selected."""
        if self.claim is not None and self.claim < len(claims):
            here = claims.claims[self.claim].start
        else:
            selection = self.selection
            here = selection[0] if selection else (-1 if step > 0 else text_length + 1)
        return claims.step_from(here, step, enabled)
