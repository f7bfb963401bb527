"""One display block of an article (heading, paragraph, list item), drawn with its spans."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from legreader.layout import Block

if TYPE_CHECKING:
    from legreader.ui.article_body import ArticleBody

Decoration = tuple[int, int, Style]
"""A style over body offsets ``[start, end)``."""


class BlockView(Widget):
    """Draws ``body[block.start:block.end]`` with the decorations its ArticleBody gives it."""

    DEFAULT_CSS = """
    BlockView { height: auto; }
    """

    def __init__(self, block: Block, index: int, owner: ArticleBody) -> None:
        self._shape = _shape_classes(block)
        super().__init__(classes=" ".join(("block", *self._shape)))
        self.block = block
        self.index = index
        self.owner = owner
        if block.kind == "item":
            self.styles.padding = (0, 0, 0, 2 * block.level)

    def rebind(self, block: Block, index: int) -> None:
        """Show another block (of another article) in this widget, restyling only what differs."""
        shape = _shape_classes(block)
        if shape != self._shape:
            self.remove_class(*self._shape)
            self.add_class(*shape)
            self._shape = shape
        if block.kind == "item" or self.block.kind == "item":
            self.styles.padding = (0, 0, 0, 2 * block.level if block.kind == "item" else 0)
        self.block = block
        self.index = index
        self.set_gutter(None)
        self._text = None
        self._wrapped = None
        self.refresh(layout=True)

    _text: Text | None = None
    _gutter: str | None = None
    _wrapped: tuple[int, list[int]] | None = None

    def set_gutter(self, name: str | None) -> None:
        """Show the gutter mark ``name`` (``-verdict-false``, ``-marked``) or none.

        Painted in the colour of the body's ``gutter--…`` component class.
        """
        if name == self._gutter:
            return
        self._gutter = name
        self._gutter_style = None if name is None else self.owner.gutter_style(name)
        self.refresh()

    _gutter_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The block as Textual draws it, with the gutter mark painted over its left edge.

        Painting (not a CSS class or inline border) keeps a mark change to a repaint: no
        restyle, no layout. The left edge is the blank border cell the TCSS reserves.
        """
        strips = super().render_lines(crop)
        style = self._gutter_style
        if style is None or crop.x > 0:
            return strips
        glyph = Segment("▌", style)
        return [Strip([glyph, *strip.crop(1, strip.cell_length)], strip.cell_length) for strip in strips]

    def invalidate(self) -> None:
        """Decorations changed: draw again. The wrapping stays: styles never change the text."""
        self._text = None
        if self._gutter is not None:  # the theme may have changed its colour
            self._gutter_style = self.owner.gutter_style(self._gutter)
        self.refresh()

    def _plain(self) -> str:
        """The drawn characters (marker and text), without building the styled Text."""
        block = self.block
        marker = ""
        if block.kind == "item":
            marker = (block.marker if block.marker[:1].isdigit() else "•") + " "
        return marker + block.text(self.owner.body)

    def make_text(self) -> Text:
        if self._text is None:
            self._text = self._build_text()
        return self._text

    def _build_text(self) -> Text:
        block = self.block
        plain = block.text(self.owner.body)
        text = Text(no_wrap=False, overflow="fold")
        if block.kind == "item":
            marker = block.marker if block.marker[:1].isdigit() else "•"
            text.append(f"{marker} ", style="bold")
        offset = len(text.plain)
        text.append(plain)
        for start, end, style in self.owner.decorations_for(block):
            s = max(start, block.start) - block.start + offset
            e = min(end, block.end) - block.start + offset
            if e > s:
                text.stylize(style, s, e)
        return text

    def render(self) -> Text:
        return self.make_text()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width <= 0:
            return 1
        return max(1, len(self._line_starts(width)))

    def _line_starts(self, width: int) -> list[int]:
        """Offsets (in the drawn text) where each wrapped line starts (cached per width)."""
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, [0, *divide_line(self._plain(), width, fold=True)])
        return self._wrapped[1]

    def line_of(self, offset: int) -> int:
        """The wrapped line (within this block) on which body ``offset`` is shown."""
        width = self.content_region.width or self.size.width
        if width <= 0:
            return 0
        text = self.make_text()
        prefix = len(text.plain) - (self.block.end - self.block.start)
        target = offset - self.block.start + prefix
        starts = self._line_starts(width)
        return max(0, bisect_right(starts, target) - 1)

    def offset_at(self, x: int, y: int) -> int | None:
        """The body offset shown at content cell (x, y), for mouse clicks."""
        width = self.content_region.width or self.size.width
        if width <= 0:
            return None
        plain = self.make_text().plain
        prefix = len(plain) - (self.block.end - self.block.start)
        starts = self._line_starts(width)
        if not 0 <= y < len(starts):
            return None
        line_start = starts[y]
        line_end = starts[y + 1] if y + 1 < len(starts) else len(plain)
        column = 0
        index = line_end - 1
        for i in range(line_start, line_end):
            column += max(1, cell_len(plain[i]))
            if column > x:
                index = i
                break
        return min(max(self.block.start, self.block.start + index - prefix), self.block.end - 1)

    def selection_updated(self, selection: Selection | None) -> None:
        """Textual's own mouse text selection changed: the body turns it into a passage."""
        super().selection_updated(selection)
        self.owner.sync_mouse_selection()

    def body_range(self, selection: Selection) -> tuple[int, int]:
        """Body offsets covered by a Textual text selection inside this block."""
        prefix = len(self._plain()) - (self.block.end - self.block.start)
        length = self.block.end - self.block.start

        def clamp(x: int) -> int:
            return min(max(x - prefix, 0), length)

        start = clamp(selection.start.x) if selection.start is not None else 0
        end = clamp(selection.end.x) if selection.end is not None else length
        return self.block.start + start, self.block.start + max(end, start)

    def on_click(self, event: Click) -> None:  # noqa: D102
        offset = self.offset_at(event.x - self.gutter.left, event.y - self.gutter.top)
        if offset is not None:
            self.owner.click_at(offset, extend=event.shift)



def _shape_classes(block: Block) -> tuple[str, ...]:
    """CSS classes from the kind of block: ``-paragraph``, ``-item``, ``-heading -h2``..."""
    if block.kind == "heading":
        return ("-heading", f"-h{min(block.level, 3)}")
    return (f"-{block.kind}",)
