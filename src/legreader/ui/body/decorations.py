"""Which style goes where on the article's text: claims, the reader's marks, search matches,
the selection and the claim ``[``/``]`` reached; and what is drawn into the text besides it
(verdict chips, note and tag markers).

No colours here: styles are looked up by component-class name (``claim--<category>``,
``passage--<verdict>``, ``body--selection``…) in the styles the widget read from TCSS.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from rich.style import Style

from legreader.corpus.blocks import Block, block_index_at
from legreader.ui.article_text import Adornment, Decoration
from legreader.ui.body.cursor import ClaimIndex
from legreader.ui.body.search_state import SearchState
from legreader.ui.marks import NOTE_GLYPH, TAG_GLYPH, VERDICT_GLYPHS

#: A block with more marks than this draws each verdict's marks merged into runs (thousands of
#: overlapping marks on one paragraph took seconds to draw one by one).
MAX_MARKS_PER_BLOCK = 200


@dataclass(frozen=True)
class Mark:
    """Something the reader made on the text (an annotation), as the body shows it."""

    id: str
    start: int
    end: int
    verdict: str | None
    has_note: bool
    tags: tuple[str, ...]


def merged_by_verdict(
    spans: list[tuple[int, int, str | None]],
) -> list[tuple[int, int, str | None]]:
    """Overlapping or touching spans of the same verdict merged, in order of their starts."""
    runs: dict[str | None, list[list[int]]] = {}
    for start, end, verdict in sorted(spans, key=lambda s: s[0]):
        mine = runs.setdefault(verdict, [])
        if mine and start <= mine[-1][1]:
            mine[-1][1] = max(mine[-1][1], end)
        else:
            mine.append([start, end])
    merged = [(a, z, v) for v, ranges in runs.items() for a, z in ranges]
    return sorted(merged, key=lambda s: s[0])


def _chip(found: dict[tuple[int, int, str], Adornment], at: int, verdict: str) -> None:
    """A verdict's chip (its glyph) and a space on its tint, before block position ``at``."""
    glyph = VERDICT_GLYPHS.get(verdict, "?")
    found[at, 1, f"{verdict}:0"] = Adornment(at, glyph, f"chip--{verdict}")
    found[at, 1, f"{verdict}:1"] = Adornment(at, " ", f"passage--{verdict}")


class MarkIndex:
    """The reader's marks on one article, bucketed by the blocks they touch."""

    def __init__(self) -> None:
        self.marks: list[Mark] = []
        self.by_block: dict[int, list[Mark]] = {}

    def clear(self) -> None:
        self.marks = []
        self.by_block = {}

    def set(self, marks: list[Mark], blocks: list[Block]) -> list[int]:
        """These marks now; returns the blocks whose marks changed, in order."""
        before = self.by_block
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        buckets: dict[int, list[Mark]] = {}
        for mark in self.marks:
            first = block_index_at(blocks, mark.start)
            last = block_index_at(blocks, max(mark.start, mark.end - 1))
            for index in range(first, last + 1):
                buckets.setdefault(index, []).append(mark)
        self.by_block = buckets
        return sorted(i for i in before.keys() | buckets.keys() if before.get(i) != buckets.get(i))

    def spans(self, index: int, block: Block) -> list[tuple[int, int, str | None]]:
        """The marks over block ``index``: ``(start, end, verdict)``, cut to the block (merged
        by verdict when there are very many)."""
        marks = self.by_block.get(index, ())
        spans = [
            (max(m.start, block.start), min(m.end, block.end), m.verdict)
            for m in marks
            if m.end > block.start and m.start < block.end
        ]
        if len(spans) > MAX_MARKS_PER_BLOCK:
            spans = merged_by_verdict(spans)
        return spans

    def adornments(self, index: int, blocks: list[Block]) -> list[Adornment]:
        """What is drawn into block ``index`` besides its text (positions counted from the
        block's start): before each passage with a verdict, the verdict's chip (its glyph) and
        a space; after a passage with a note ✎, with tags #. In text order (at one place, the
        markers of a passage that ends there come before the chip of one that starts there)."""
        marks = self.by_block.get(index)
        if not marks or not 0 <= index < len(blocks):
            return []
        block = blocks[index]
        first, end = block.start, block.end
        found: dict[tuple[int, int, str], Adornment] = {}
        if len(marks) > MAX_MARKS_PER_BLOCK:
            # Thousands of marks on one paragraph: a chip per run of one verdict, no markers.
            for start, _end, verdict in self.spans(index, block):
                if verdict and start >= first:
                    _chip(found, start - first, verdict)
            return [found[k] for k in sorted(found)]
        for mark in marks:
            if mark.verdict and first <= mark.start < end:
                _chip(found, mark.start - first, mark.verdict)
            if first < mark.end <= end:
                at = mark.end - first
                if mark.has_note:
                    found[at, 0, "note"] = Adornment(at, NOTE_GLYPH, "mark--note")
                if mark.tags:
                    found[at, 0, "tag"] = Adornment(at, TAG_GLYPH, "mark--tag")
        return [found[k] for k in sorted(found)]


def decorate(
    block: Block,
    mark_spans: list[tuple[int, int, str | None]],
    *,
    styles: Mapping[str, Style],
    claims: ClaimIndex,
    highlights_on: bool,
    enabled: Collection[str],
    search: SearchState,
    selection: tuple[int, int] | None,
    current_claim: int | None,
) -> list[Decoration]:
    """Styles over body offsets for one block, weakest first: claims and their flags (while
    highlighting is on), the reader's marks, search matches, the selection
    and, inside it, the claim ``[``/``]`` reached."""
    out: list[Decoration] = []
    if highlights_on and claims.claims:
        every = claims.claims
        flag = styles.get("body--flag")
        for i in claims.overlapping(block.start, block.end):
            claim = every[i]
            if claim.end <= block.start or claim.category not in enabled:
                continue
            style = styles.get(f"claim--{claim.category}")
            if style:
                out.append((claim.start, claim.end, style))
            if claim.flags and flag is not None:
                out.append((claim.start, claim.end, flag))
    for start, end, verdict in mark_spans:
        style = styles.get(f"passage--{verdict}" if verdict else "body--marked")
        if style:
            out.append((start, end, style))
    for start, end, current in search.within(block.start, block.end):
        name = "body--match-current" if current else "body--match"
        out.append((start, end, styles.get(name, Style(reverse=True))))
    if selection and selection[0] < block.end and selection[1] > block.start:
        out.append((selection[0], selection[1], styles.get("body--selection", Style(reverse=True))))
        if current_claim is not None and current_claim < len(claims):
            # `[`/`]` go claim by claim, several to a sentence: the one reached is marked
            # inside the selected sentence.
            claim = claims.claims[current_claim]
            if claim.start < block.end and claim.end > block.start:
                style = styles.get("body--current-claim", Style(underline=True))
                out.append((claim.start, claim.end, style))
    return out


def chip_style(styles: Mapping[str, Style], name: str) -> Style:
    """The style of an adornment: ``chip--<verdict>`` is the verdict's glyph in reverse
    (a cell of its colour); else a component class (the chip's space is on the tint)."""
    if name.startswith("chip--"):
        verdict = name.removeprefix("chip--")
        return styles.get(f"verdict--{verdict}", Style()) + Style(reverse=True)
    return styles.get(name, Style())


def gutter_style(styles: Mapping[str, Style], verdicts: list[str | None]) -> Style:
    """The gutter bar's style beside marks with these verdicts: the worst one's colour."""
    from legreader.store.model import worst_verdict

    worst = worst_verdict(verdicts)
    name = f"verdict--{worst}" if worst else "gutter--marked"
    return styles.get(name) or Style(dim=True)  # (colours: styles/marks.tcss)
