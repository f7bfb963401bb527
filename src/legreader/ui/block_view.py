"""One display block of an article (heading, paragraph, list item), drawn with its spans."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Size
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
        super().__init__(classes=f"block -{block.kind}")
        self.block = block
        self.index = index
        self.owner = owner
        if block.kind == "heading":
            self.add_class(f"-h{min(block.level, 3)}")
        if block.kind == "item":
            self.styles.padding = (0, 0, 0, 2 * block.level)

    _text: Text | None = None

    def invalidate(self) -> None:
        """Decorations changed: draw again (the height can change only with the width)."""
        self._text = None
        self.refresh()

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
        """Offsets (in the drawn text) where each wrapped line starts."""
        return [0, *divide_line(self.make_text().plain, width, fold=True)]

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

    def on_click(self, event: Click) -> None:
        offset = self.offset_at(event.x - self.gutter.left, event.y - self.gutter.top)
        if offset is not None:
            self.owner.click_at(offset, extend=event.shift)

