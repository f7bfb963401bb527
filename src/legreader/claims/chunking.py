"""Long articles analysed in pieces: where the pieces end, the claims of one piece, and the
sentences fitted to the text's blocks.

Plain Python (no Textual): the reader's body (:mod:`legreader.ui.body.loading`) schedules the
pieces; this module says what they are.

- One regular-expression pass over megabytes holds the interpreter for seconds, and the
  reader's keys would wait for it: a long article is analysed in pieces of about
  :data:`ANALYSIS_CHUNK` characters, cut at blank lines (:func:`analysis_chunks`).
- The first screenful (:func:`visible_end`) is analysed first, so its highlights come at once.
- The sentences the engine finds are cut at block edges and trimmed (:func:`fit_sentences`):
  the reader's cursor moves by them and must cover every block's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from .model import ClaimSpan

#: Long articles are analysed in pieces of about this many characters, cut at blank lines:
#: one regular-expression pass over megabytes holds the interpreter for seconds, and the
#: reader's keys would wait for it.
ANALYSIS_CHUNK = 60_000

#: About this much text fills the first screen: analysed first when the article is longer.
VISIBLE_CHARS = 6_000

#: The part of a new article on screen is analysed on the UI thread, with its text, when it is
#: at most this long (the longest first screenful :func:`visible_end` gives; about 4 ms) and
#: the engine loads fast (:func:`engine_loads_fast`).
SYNC_ANALYSIS_CHARS = 2 * VISIBLE_CHARS + 2


class Span(Protocol):
    """Anything with body offsets ``[start, end)`` (a layout block)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def engine_loads_fast() -> bool:
    """Whether the engine is loaded or would load from its compiled-pattern table (~10 ms)."""
    from .pattern_table import loads_fast

    return loads_fast()


def visible_end(body: str) -> int:
    """Where the first screenful of text ends: the first paragraph break past
    :data:`VISIBLE_CHARS` (the whole body when it is about that short)."""
    if len(body) <= VISIBLE_CHARS * 3 // 2:
        return len(body)
    cut = body.find("\n\n", VISIBLE_CHARS)
    if cut == -1 or cut > VISIBLE_CHARS * 2:
        return len(body)  # no paragraph break near: analysed whole, as before
    return cut + 2


def analysis_chunks(body: str) -> list[tuple[int, int]]:
    """(start, end) pieces of the body, each ending at a paragraph break when there is one."""
    chunks: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > ANALYSIS_CHUNK:
        cut = body.rfind("\n\n", start + ANALYSIS_CHUNK // 2, start + ANALYSIS_CHUNK)
        end = cut + 2 if cut != -1 else start + ANALYSIS_CHUNK
        chunks.append((start, end))
        start = end
    chunks.append((start, len(body)))
    return chunks


def chunk_claims(text: str, offset: int, animal_study: bool) -> list[ClaimSpan]:
    """Claims of one piece, with offsets into the whole body."""
    from legreader.claims import analyze_cached

    claims = analyze_cached(text, animal_study=animal_study)
    if offset:
        claims = tuple(replace(c, start=c.start + offset, end=c.end + offset) for c in claims)
    return list(claims)


def fit_sentences(
    found: list[tuple[int, int]], blocks: Sequence[Span], body: str
) -> list[tuple[int, int]]:
    """Sentences cut at block edges, trimmed of spaces, covering every block's text."""
    out: list[tuple[int, int]] = []
    if not blocks:
        return out
    found = sorted(found)
    position = 0
    for block in blocks:
        pieces: list[tuple[int, int]] = []
        while position < len(found) and found[position][1] <= block.start:
            position += 1
        index = position
        cursor = block.start
        while index < len(found) and found[index][0] < block.end:
            start = max(found[index][0], block.start)
            end = min(found[index][1], block.end)
            if start > cursor:
                pieces.append((cursor, start))
            if end > start:
                pieces.append((start, end))
            cursor = max(cursor, end)
            if found[index][1] > block.end:
                break
            index += 1
        if cursor < block.end:
            pieces.append((cursor, block.end))
        for start, end in pieces:
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if end > start:
                out.append((start, end))
    return out
