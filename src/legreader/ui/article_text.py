"""The article's text, drawn line by line with Textual's line API.

One widget shows the whole article however long it is: blocks (headings, paragraphs,
list items) are wrapped only as far down as the reader has gone, and only the lines on
screen are ever drawn. The first versions used one widget per paragraph; laying out a
150-paragraph article that way cost most of the time to open it.

The text and everything drawn over it (claims, marks, matches, the selection, gutter
marks) come from the owning :class:`~legreader.ui.body.view.ArticleView`; this widget
only wraps, draws and maps screen cells back to body offsets.

One module over 500 lines because it is one widget: the line-API renderer of the article and its
wrapping helpers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from legreader.corpus.blocks import Block, block_index_at

if TYPE_CHECKING:
    from legreader.ui.body.view import ArticleView

Decoration = tuple[int, int, Style]
"""A style over body offsets ``[start, end)``."""


class Adornment(NamedTuple):
    """Cells drawn into a block's text just before its character ``at`` (counted from the
    block's start) that are not part of the text: a verdict's chip before its passage, a note
    or tag marker after it. The cursor, the mouse, search and copying never see them; the text
    wraps around them as around a word (a chip stays on the line of the word it precedes)."""

    at: int
    text: str
    """Single-cell characters."""
    style: str
    """A name the owner turns into a style when drawing (``ArticleView.adornment_style``)."""


#: Columns left of the text: the gutter mark, then a space.
GUTTER = 2
#: Text laid out (wrapped) when an article opens; the rest as the reader scrolls or jumps.
FIRST_LAYOUT_CHARS = 200_000
MORE_LAYOUT_CHARS = 200_000


@dataclass(slots=True)
class _Placed:
    """Where a block sits: its first row, its line starts, the columns it is indented."""

    top: int
    starts: list[int]
    """Offsets in the drawn text (marker + text) where each wrapped line starts."""
    indent: int
    prefix: int
    """Characters drawn before the block's text (a list marker and its space)."""
    gap: int
    """Blank rows after the block."""
    hang: int = 0
    """Extra columns before every line but the first (a list item's text hangs past its marker)."""
    inserts: tuple[Adornment, ...] = ()
    """Adornments drawn in this block (``at`` relative to the block's start), in drawing order."""
    positions: tuple[int, ...] = ()
    """``inserts[i].at``, for bisecting."""
    before: tuple[int, ...] = ()
    """Characters inserted up to and including ``inserts[i]``."""

    def drawn_index(self, rel: int) -> int:
        """Where the block's character ``rel`` is in the drawn text (after what is inserted
        before it)."""
        k = bisect_right(self.positions, rel)
        return self.prefix + rel + (self.before[k - 1] if k else 0)

    def text_index(self, drawn: int) -> int:
        """The block character drawn at ``drawn`` (an inserted cell counts as the character it
        is drawn before)."""
        i = drawn - self.prefix
        passed = 0
        for adornment, total in zip(self.inserts, self.before, strict=True):
            begin = adornment.at + passed
            if i < begin:
                break
            if i < begin + len(adornment.text):
                return adornment.at
            passed = total
        return i - passed


class ArticleText(Widget):
    """Draws ``owner.blocks`` of ``owner.body`` with the owner's decorations."""

    ALLOW_SELECT = False  # mouse selection is the body's sentence selection, handled here

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "text--heading",
        "text--h1",
        "text--rule",
        "text--marker",
    }

    DEFAULT_CSS = """
    ArticleText { height: auto; }
    """

    def __init__(self, owner: ArticleView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.owner = owner
        self._width = 0
        self._placed: list[_Placed] = []
        self._tops: list[int] = []
        self._rows = 0
        self._want_chars = FIRST_LAYOUT_CHARS
        self._laid_chars = 0
        self._strips: dict[int, list[Strip]] = {}
        self._kind_styles: dict[str, Style] | None = None
        self._drag_anchor: int | None = None
        self._visible = (0, 0)
        """Rows on screen at the last paint, ``[first, last)`` (the crop Textual drew)."""

    # ------------------------------------------------------------------ layout

    def reset(self) -> None:
        """A new article: forget every line (the next layout wraps its opening)."""
        self._placed = []
        self._tops = []
        self._rows = 0
        self._laid_chars = 0
        self._want_chars = FIRST_LAYOUT_CHARS
        self._strips.clear()
        self._base_style = None
        self.refresh(layout=True)

    @property
    def laid_out(self) -> int:
        """How many blocks are wrapped and placed (the rest are below, not yet laid out)."""
        return len(self._placed)

    @property
    def laid_out_rows(self) -> int:
        return self._rows

    @property
    def complete(self) -> bool:
        return len(self._placed) >= len(self.owner.blocks)

    def placements(self) -> list[tuple[int, list[int]]]:
        """Where each laid-out block is: its top row and the body offsets its lines start at."""
        return [(place.top, list(place.starts)) for place in self._placed]

    def relayout(self) -> None:
        """Forget the layout, width included, and lay the text out again now, as a freshly
        opened article would be."""
        self.reset()
        self._width = 0
        self.get_content_height(self.size, self.size, self.size.width)

    def block_lines(self, index: int) -> list[Strip]:
        """The drawn lines of block ``index`` (drawn once, then kept until it changes)."""
        return self._block_strips(index)

    def is_drawn(self, index: int) -> bool:
        """True when block ``index``'s lines are kept from an earlier drawing (false after
        its text, marks or matches changed: it is drawn afresh)."""
        return index in self._strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width != self._width:
            # Re-wrapping moves every line: keep the reader's place (their passage, or the
            # line at the top of the view) where they can see it.
            place = self.owner.reading_position(self._visible) if self._placed else None
            if place is not None:
                self.call_after_refresh(self.owner.restore_reading_position, place)
            self._width = width
            self._placed = []
            self._tops = []
            self._rows = 0
            self._laid_chars = 0
            self._strips.clear()
        self._extend(self._want_chars)
        return max(self._rows, 1)

    def _extend(self, chars: int) -> None:
        """Wrap and place blocks until ``chars`` characters of text are laid out."""
        blocks = self.owner.blocks
        body = self.owner.body
        width = self._width
        if width <= 0:
            return
        placed = self._placed
        while len(placed) < len(blocks) and self._laid_chars < chars:
            index = len(placed)
            block = blocks[index]
            if placed and placed[-1].gap == 0 and not _tight(blocks[index - 1], block, body):
                placed[-1].gap = 1
                self._rows += 1
            place = self._place(index, self._rows)
            placed.append(place)
            self._tops.append(self._rows)
            self._rows += len(place.starts)
            self._laid_chars += block.end - block.start + place.prefix

    def _place(self, index: int, top: int) -> _Placed:
        """Wrap block ``index`` (with its adornments) at the current width, from row ``top``."""
        block = self.owner.blocks[index]
        body = self.owner.body
        indent = 2 * block.level if block.kind == "item" else 0
        if block.kind == "item" and block.continued:  # under the text, past the marker
            indent += cell_len(_marker(block))
        inserts = tuple(self.owner.adornments_for(index))
        drawn = _drawn(block, body)
        prefix = len(drawn) - (block.end - block.start)
        if inserts:
            # Wrapped as if each inserted cell were a letter: a chip sticks to its word.
            drawn = _with_inserts(drawn, prefix, inserts, placeholder=True)
        wrap = max(1, self._width - GUTTER - indent)
        hang = 0
        if block.kind == "rule":
            starts = [0]
        elif block.kind == "item":
            # Wrapped lines of an item start under its text, not under its marker.
            hang = cell_len(drawn[:prefix])
            rest = wrap_offsets(drawn[prefix:], max(1, wrap - hang))
            starts = [0, *(prefix + s for s in rest)]
        else:
            starts = [0, *wrap_offsets(drawn, wrap)]
        totals: list[int] = []
        for adornment in inserts:
            totals.append((totals[-1] if totals else 0) + len(adornment.text))
        return _Placed(
            top,
            starts,
            indent,
            prefix,
            0,
            hang,
            inserts,
            tuple(a.at for a in inserts),
            tuple(totals),
        )

    def relayout_blocks(self, indexes: list[int]) -> None:
        """The adornments of these blocks changed: wrap them again; the blocks below move
        down or up when a block gains or loses a line (one pass, however many changed)."""
        changed = sorted({i for i in indexes if 0 <= i < len(self._placed)})
        if not changed or self._width <= 0:
            return
        shift = 0
        moved = False
        next_changed = 0
        for index in range(changed[0], len(self._placed)):
            place = self._placed[index]
            if shift:
                place.top += shift
                self._tops[index] += shift
            if next_changed < len(changed) and changed[next_changed] == index:
                next_changed += 1
                new = self._place(index, place.top)
                new.gap = place.gap
                self._placed[index] = new
                self._strips.pop(index, None)
                delta = len(new.starts) - len(place.starts)
                shift += delta
                moved = moved or bool(delta)
            elif not shift and next_changed >= len(changed):
                break  # nothing left to move
        self._rows += shift
        if moved:
            # The blocks below keep their drawn lines (cached by block, not by row): only
            # where they stand changes.
            self.refresh(layout=True)

    def lay_out_more(self, chars: int = MORE_LAYOUT_CHARS) -> bool:
        """Lay out the next stretch of the article; True if anything was added."""
        if self.complete:
            return False
        self._want_chars = self._laid_chars + chars
        self.refresh(layout=True)
        return True

    def lay_out_through(self, index: int) -> bool:
        """Make sure block ``index`` is laid out; True if the layout had to grow."""
        if index < len(self._placed) or self._width <= 0:
            return False
        blocks = self.owner.blocks
        # Enough characters to reach the block, and a screenful or two beyond it.
        needed = sum(_drawn_length(b) for b in blocks[len(self._placed) : index + 1])
        self._want_chars = self._laid_chars + needed + MORE_LAYOUT_CHARS // 4
        self._extend(self._want_chars)
        self.refresh(layout=True)
        return True

    def lay_out_all(self) -> None:
        self._want_chars = 1 << 62
        self._extend(self._want_chars)
        self.refresh(layout=True)

    # ----------------------------------------------------------- offsets, rows

    def row_of(self, offset: int, index: int | None = None) -> int | None:
        """The row (in this widget) showing body ``offset`` (of block ``index``, when the caller
        knows it), if that part of the text is laid out."""
        if index is None:
            index = block_index_at(self.owner.blocks, offset)
        if not 0 <= index < len(self._placed):
            return None
        place = self._placed[index]
        block = self.owner.blocks[index]
        target = place.drawn_index(offset - block.start)
        line = max(0, bisect_right(place.starts, target) - 1)
        return place.top + line

    def block_top(self, index: int) -> int | None:
        return self._placed[index].top if index < len(self._placed) else None

    def block_from_row(self, row: int) -> int | None:
        """The block drawn on ``row``, or the next one when ``row`` is a gap between blocks."""
        index = self.block_at_row(row)
        if index is None:
            return None
        place = self._placed[index]
        if row >= place.top + len(place.starts) and index + 1 < len(self.owner.blocks):
            return index + 1
        return index

    def block_at_row(self, row: int) -> int | None:
        """The block drawn on ``row`` or the one whose gap is there; None past the end."""
        if not self._tops or row < 0:
            return 0 if self._tops else None
        if row >= self._rows:
            return None
        return bisect_right(self._tops, row) - 1

    def offset_at(self, x: int, y: int) -> int | None:
        """The body offset drawn at cell (x, y) of this widget (nearest on its line)."""
        index = self.block_at_row(y)
        if index is None:
            return None
        place = self._placed[index]
        block = self.owner.blocks[index]
        line = y - place.top
        if line >= len(place.starts):  # the gap after the block: its last character
            return max(block.start, block.end - 1)
        if block.kind == "rule":
            return block.start
        drawn = _drawn(block, self.owner.body)
        if place.inserts:
            drawn = _with_inserts(drawn, place.prefix, place.inserts)
        line_start = place.starts[line]
        line_end = place.starts[line + 1] if line + 1 < len(place.starts) else len(drawn)
        x -= GUTTER + place.indent + (place.hang if line else 0)
        column = 0
        position = line_end - 1
        for i in range(line_start, line_end):
            # Zero-width characters (combining marks, joiners) belong to the one before them.
            column += cell_len(drawn[i])
            if column > x:
                position = i
                break
        if position < place.prefix:
            return block.start
        return min(max(block.start, block.start + place.text_index(position)), block.end - 1)

    def drawn_text(self) -> str:
        """The plain text of every block as drawn (markers included), a line per block."""
        body = self.owner.body
        return "\n".join(_drawn(b, body) for b in self.owner.blocks)

    # ------------------------------------------------------------ invalidation

    def invalidate_blocks(self, first: int, last: int) -> None:
        """Decorations of blocks ``first..last`` changed: draw their lines again."""
        for index in range(first, min(last, len(self._placed) - 1) + 1):
            self._strips.pop(index, None)
        if first >= len(self._placed) or not self.is_mounted:
            return
        top = self._placed[first].top
        end = self._placed[min(last, len(self._placed) - 1)]
        bottom = end.top + len(end.starts)
        self.refresh(Region(0, top, max(self._width, 1), bottom - top))

    def invalidate_all(self) -> None:
        self._strips.clear()
        self._base_style = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kind_styles = None
        self._base_style = None
        self._strips.clear()

    _base_style: Style | None = None

    def _base(self) -> Style:
        """This widget's colours (``rich_style`` walks every ancestor: worth keeping)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    # --------------------------------------------------------------- drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # The crop is the part of this (tall) widget inside the scrolled view: remembered so
        # a re-wrap can keep the reader's place without asking for a layout mid-layout.
        self._visible = (crop.y, crop.bottom)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.block_at_row(y)
        if index is not None and index < len(self._placed):
            line = y - self._placed[index].top
            strips = self._block_strips(index)
            if line < len(strips):
                return strips[line]
        return Strip.blank(width, self._base())

    def _styles_for_kinds(self) -> dict[str, Style]:
        if self._kind_styles is None:
            styles: dict[str, Style] = {}
            for name in self.COMPONENT_CLASSES:
                try:
                    styles[name] = self.get_component_rich_style(name, partial=True)
                except KeyError:  # the stylesheet is not applied yet
                    return {}
            self._kind_styles = styles
        return self._kind_styles

    def _block_strips(self, index: int) -> list[Strip]:
        cached = self._strips.get(index)
        if cached is not None:
            return cached
        owner = self.owner
        block = owner.blocks[index]
        place = self._placed[index]
        kinds = self._styles_for_kinds()
        base = self._base()
        text = Text(style=base, no_wrap=True, overflow="ignore", end="")
        if block.kind == "heading":
            text.style = base + kinds.get("text--heading", Style(bold=True))
            if block.level == 1:
                text.style = text.style + kinds.get("text--h1", Style(underline=True))
        elif block.kind == "rule":
            text.style = base + kinds.get("text--rule", Style(dim=True))
        prefix = place.prefix
        drawn_text = _drawn(block, owner.body)
        if place.inserts:
            drawn_text = _with_inserts(drawn_text, prefix, place.inserts)
        text.append(drawn_text)
        if prefix:
            text.stylize(kinds.get("text--marker", Style(bold=True)), 0, prefix)
        decorations = owner.decorations_for(block)
        to_drawn = place.drawn_index
        for start, end, style in decorations:
            s = max(start, block.start) - block.start
            e = min(end, block.end) - block.start
            if e > s:
                text.stylize(style, to_drawn(s), to_drawn(e - 1) + 1)
        # Adornments last: a chip keeps its look whatever covers the text around it.
        at = 0
        for adornment, total in zip(place.inserts, place.before, strict=True):
            begin = prefix + adornment.at + at
            text.stylize(owner.adornment_style(adornment.style), begin, begin + len(adornment.text))
            at = total
        width = max(self._width, GUTTER + place.indent + 1)
        console = self.app.console
        strips: list[Strip] = []
        line_style = text.style if isinstance(text.style, Style) else base
        if block.kind == "rule":
            # A thematic break is drawn as a line across the text column, styled as a whole
            # (selected, marked) when anything covers its characters.
            rule_style = line_style + decorations[-1][2] if decorations else line_style
            rule = "─" * max(1, width - GUTTER - place.indent)
            lines = [Text(rule, style=rule_style, end="")]
        else:
            lines = list(text.divide(place.starts[1:]))
        # The gutter bar stands beside the rows a mark covers (not its whole paragraph), in
        # the colour of the worst verdict on that row.
        marked = [
            (
                to_drawn(max(s, block.start) - block.start),
                to_drawn(min(e, block.end) - 1 - block.start) + 1,
                verdict,
            )
            for s, e, verdict in owner.mark_spans(block)
        ]
        edges = [*place.starts[1:], len(drawn_text) + 1]
        for number, line in enumerate(lines):
            lead = Segment(" " * (GUTTER - 1 + place.indent + (place.hang if number else 0)), base)
            glyph = Segment(" ", base)
            if marked:
                first, last = place.starts[number], edges[number]
                here = [v for s, e, v in marked if s < last and e > first]
                if here:
                    glyph = Segment("▌", base + owner.gutter_style_for(here))
            # Text.render leaves unstyled runs bare: the block's own style goes under them.
            drawn = Segment.apply_style(line.render(console, end=""), line_style)
            segments = [glyph, lead, *drawn]
            strip = Strip(segments).extend_cell_length(width, base).crop(0, width)
            strips.append(strip)
        self._strips[index] = strips
        return strips

    # ------------------------------------------------------------------ mouse

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        offset = self.offset_at(event.x, event.y)
        if offset is None:
            return
        event.stop()
        self._drag_anchor = offset
        self.capture_mouse()
        self.owner.click_at(offset, extend=event.shift)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_anchor is None or not event.button:
            return
        self._drag_to(event.x, self._scroll_for_drag(event.y, event.x))

    def _drag_to(self, x: int, y: int) -> None:
        if self._drag_anchor is None:
            return
        offset = self.offset_at(x, max(y, 0))
        if offset is None:  # below the text: the last character
            blocks = self.owner.blocks
            offset = max(blocks[-1].start, blocks[-1].end - 1) if blocks else None
        if offset is not None:
            self.owner.drag_to(self._drag_anchor, offset)

    _drag_edge: tuple[int, int] | None = None
    """While a drag is held past the top (-1) or bottom (+1) edge: (x, direction)."""
    _drag_timer: Timer | None = None

    def _scroll_for_drag(self, y: int, x: int) -> int:
        """A drag past the top or bottom of the view scrolls the text, and keeps scrolling
        while the pointer stays there. Returns the row to select to."""
        top, bottom = self.view_rows()
        direction = 1 if y > bottom else -1 if y < top else 0
        self._drag_edge = (x, direction) if direction else None
        if not direction:
            return y
        if self._drag_timer is None:
            self._drag_timer = self.set_interval(0.05, self._drag_tick)
        return self._scroll_drag_step(
            direction, min(abs(y - (bottom if direction > 0 else top)), 3)
        )

    def view_rows(self) -> tuple[int, int]:
        """The first and last row of this widget inside the body's scrolled view (the first is
        negative while the header above the text shows)."""
        top = round(self.owner.scroll_y) - self.virtual_region.y
        return top, top + max(self.owner.scrollable_content_region.height, 1) - 1

    def _scroll_drag_step(self, direction: int, step: int) -> int:
        body = self.owner
        body.scroll_to(y=max(body.scroll_y + direction * step, 0), animate=False, immediate=True)
        top, bottom = self.view_rows()
        return bottom if direction > 0 else top  # the edge row, now showing new text

    def _drag_tick(self) -> None:
        if self._drag_anchor is None or self._drag_edge is None:
            self._stop_drag_timer()
            return
        x, direction = self._drag_edge
        self._drag_to(x, self._scroll_drag_step(direction, 1))

    def _stop_drag_timer(self) -> None:
        if self._drag_timer is not None:
            self._drag_timer.stop()
            self._drag_timer = None

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._stop_drag_timer()
        self._drag_edge = None
        if self._drag_anchor is not None:
            self._drag_anchor = None
            self.release_mouse()


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where the wrapped lines of ``text`` start (after the first), at ``width`` cells.

    Single-spaced ASCII prose with no word wider than a line, nearly every paragraph, is cut
    with ``str.rfind``: the same lines as Rich's ``divide_line``, about 40 times faster, which
    matters when a long article is laid out. Everything else goes to ``divide_line``.
    """
    if (
        text.isascii()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (len(text) <= width or max(map(len, text.split(" "))) <= width)
    ):
        starts: list[int] = []
        position, length = 0, len(text)
        while length - position > width:
            position = text.rfind(" ", position, position + width + 1) + 1
            starts.append(position)
        return starts
    return divide_line(text, width, fold=True)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _tight(before: Block, after: Block, body: str) -> bool:
    """No gap row: the next piece of a long paragraph, or consecutive list items with no blank
    line between them in the source."""
    if after.continued:
        return True
    return (
        before.kind == "item"
        and after.kind == "item"
        and _BLANK_LINE.search(body, before.end, after.start) is None
    )


def _marker(block: Block) -> str:
    """A list item's marker as drawn, with its space: numbers as written, bullets as "•"."""
    return (block.marker if block.marker[:1].isdigit() else "•") + " "


def _prefix(block: Block) -> str:
    """What is drawn before a block's text: the marker of a list item (not of its later pieces)."""
    return _marker(block) if block.kind == "item" and not block.continued else ""


def _drawn(block: Block, body: str) -> str:
    """The characters drawn for a block: a list marker, then its text."""
    return _prefix(block) + block.text(body)


def _with_inserts(
    drawn: str, prefix: int, inserts: tuple[Adornment, ...], *, placeholder: bool = False
) -> str:
    """``drawn`` (a block as drawn: marker, then text) with the adornments put in; with
    ``placeholder``, each inserted character is an ``x`` (for wrapping: a chip and its space
    wrap as part of the word after them, and plain ASCII keeps the fast wrap)."""
    pieces: list[str] = []
    cursor = 0
    for adornment in inserts:
        cut = prefix + adornment.at
        pieces.append(drawn[cursor:cut])
        pieces.append("x" * len(adornment.text) if placeholder else adornment.text)
        cursor = cut
    pieces.append(drawn[cursor:])
    return "".join(pieces)


def _drawn_length(block: Block) -> int:
    return len(_prefix(block)) + block.end - block.start
