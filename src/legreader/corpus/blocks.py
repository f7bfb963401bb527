"""Split an article body into display blocks: headings, paragraphs, list items.

Pure text work (no Textual). Each block keeps the offsets of its visible text in the
body, so claims, selections and annotations (all body offsets) land on the right
characters. Inline Markdown is left as written: the text is shown as the source has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legreader.text.clean import show_bidi

_HEADING = re.compile(r"(#{1,6})[ \t]+")
_BULLET = re.compile(r"[ \t]*([-*+•‣◦▪●]|\d{1,3}[.)])[ \t]+")
#: Paragraphs longer than this are shown as several blocks (wrapping one huge block is slow).
MAX_BLOCK_CHARS = 4000

_RULE = re.compile(r"[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")


@dataclass(frozen=True, slots=True)
class Block:
    """One display block; ``body[start:end]`` is its visible text."""

    kind: str
    """``heading``, ``paragraph``, ``item`` (a list item) or ``rule``."""
    start: int
    end: int
    level: int = 0
    """Heading level (1–6), or nesting depth of a list item (0 = top level)."""
    marker: str = ""
    """The list marker as written (``•``, ``-``, ``1.``)."""
    continued: bool = False
    """A later piece of a paragraph too long for one block (see ``MAX_BLOCK_CHARS``)."""

    def text(self, body: str) -> str:
        """The visible text: line breaks inside a paragraph become spaces, bidi controls a
        visible glyph (same length, so every offset still holds)."""
        return show_bidi(body[self.start : self.end].replace("\n", " ").replace("\t", " "))


def parse_blocks(body: str) -> list[Block]:
    """Blocks in body order. Blank lines separate paragraphs; each list item is a block."""
    blocks: list[Block] = []
    para_start = para_end = -1
    item: list[int] | None = None  # [start, end, level, marker-index]
    item_marker = ""
    offset = 0

    def close_paragraph() -> None:
        nonlocal para_start
        if para_start >= 0:
            blocks.append(Block("paragraph", para_start, para_end))
            para_start = -1

    def close_item() -> None:
        nonlocal item
        if item is not None:
            blocks.append(Block("item", item[0], item[1], level=item[2], marker=item_marker))
            item = None

    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            close_paragraph()
            close_item()
            continue
        lead = len(line) - len(line.lstrip())
        content_start = line_start + lead
        content_end = line_start + len(line.rstrip())
        heading = _HEADING.match(line)
        if heading:
            close_paragraph()
            close_item()
            start = line_start + heading.end()
            if start < content_end:
                blocks.append(Block("heading", start, content_end, level=len(heading.group(1))))
            continue
        if _RULE.match(line):
            close_paragraph()
            close_item()
            blocks.append(Block("rule", content_start, content_end))
            continue
        bullet = _BULLET.match(line)
        if bullet and bullet.end() < len(line.rstrip()) + 1 and line[bullet.end() :].strip():
            close_paragraph()
            close_item()
            item = [line_start + bullet.end(), content_end, min(lead // 2, 4)]
            item_marker = bullet.group(1)
            continue
        if item is not None and lead > 0:
            item[1] = content_end  # an indented continuation of the list item
            continue
        close_item()
        if para_start < 0:
            para_start = content_start
        para_end = content_end
    close_paragraph()
    close_item()
    if any(b.end - b.start > MAX_BLOCK_CHARS for b in blocks):
        blocks = [part for b in blocks for part in _split_long(b, body)]
    return blocks


def _split_long(block: Block, body: str) -> list[Block]:
    """Cut an over-long block after a sentence end, else at a space (or hard, when there is
    none). The later pieces are marked ``continued``: still one paragraph to the reader."""
    if block.end - block.start <= MAX_BLOCK_CHARS:
        return [block]
    parts: list[Block] = []
    start = block.start
    while block.end - start > MAX_BLOCK_CHARS:
        limit = start + MAX_BLOCK_CHARS
        floor = start + MAX_BLOCK_CHARS // 2
        cut = max(body.rfind(mark, floor, limit) for mark in (". ", "? ", "! ", ".\n"))
        if cut != -1:
            cut += 2
        else:
            cut = body.rfind(" ", floor, limit)
            cut = limit if cut == -1 else cut + 1
        parts.append(
            Block(block.kind, start, cut, block.level, block.marker, continued=bool(parts))
        )
        start = cut
    parts.append(Block(block.kind, start, block.end, block.level, block.marker, continued=True))
    return parts


def block_index_at(blocks: list[Block], offset: int) -> int:
    """Index of the block containing (or first after) ``offset``; -1 for an empty list."""
    if not blocks:
        return -1
    lo, hi = 0, len(blocks)
    while lo < hi:
        mid = (lo + hi) // 2
        if blocks[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(blocks) - 1)
