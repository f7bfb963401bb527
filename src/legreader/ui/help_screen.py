"""The help screen: every key, grouped by where it works, as currently mapped.

The table (over a hundred rows) is laid out by hand, once per width, from string lengths:
no Rich ``Table`` measuring every cell, and only the rows on screen are drawn (Textual's line
API, as in the sidebar). With a ``Table`` in a ``Static`` the help screen took a few hundred
milliseconds to appear, most of it measuring and wrapping rows nobody could see yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from legreader.ui.dialogs.base import Dialog
from legreader.ui.keys import KeyRow
from legreader.ui.safe_text import safe

HEADERS = ("Where", "Keys", "Does", "Binding id")
#: Cells between two columns.
GAP = 2
#: The "Does" column wraps; it is never narrower than this (the others are cut instead).
MIN_DOES = 12
#: A column that must be cut keeps at least this many cells.
MIN_COLUMN = 4
#: When the screen is narrow the columns are cut in this order, each down to its minimum:
#: "Where" first (a section's name is read once), then "Keys", the binding id last (it is
#: what a key map needs, whole).
CUT_ORDER = ((0, 10), (1, 8), (3, MIN_COLUMN), (0, MIN_COLUMN), (1, MIN_COLUMN))
#: Style of each column's cells (the header row is bold).
COLUMN_STYLES = ("bold", "bold", "", "dim")

MOUSE_NOTE = (
    "Mouse, in the article: a click selects a sentence, shift-click extends the selection, "
    "a drag selects the sentences it crosses (past the edge, it scrolls)."
)


def marks_notes() -> list[tuple[str, str]]:
    """What the marks on the text and in the sidebar mean (the help screen opens with it)."""
    from legreader.claims.model import FLAG_EXPLANATIONS
    from legreader.ui.marks import FLAG_GLYPH, NOTE_GLYPH, TAG_GLYPH, VERDICT_GLYPHS

    # "name (glyph)": a line may break between them, never leaving a glyph on its own line
    # end, away from its name.
    verdicts = ", ".join(f"{name} ({glyph})" for name, glyph in VERDICT_GLYPHS.items())
    flags = "; ".join(f"{name}: {why}" for name, why in FLAG_EXPLANATIONS.items())
    return [
        ("What the marks mean", "bold"),
        (
            f"Verdicts (keys 1-6), each with its own glyph and colour: {verdicts}. The glyph "
            "is a coloured chip before the marked passage, the passage itself is tinted in "
            "that colour, and a bar in the margin stands beside its lines (in the worst "
            f"verdict's colour when several share a line). {NOTE_GLYPH} after a passage: it has "
            f"a note; {TAG_GLYPH}: it has tags. A passage with no verdict is underlined.",
            "",
        ),
        (
            "Claims (first legend line): each category the claim engine finds has its own "
            "colour and style; h turns them all off, H chooses.",
            "",
        ),
        (
            f"{FLAG_GLYPH} Flagged claims are bold on a strong red background: the engine "
            "thinks the sentence needs a second look. With the cursor on one, the status line "
            f"says why. Flags: {flags}.",
            "",
        ),
        (
            "Sidebar: ✎N counts the article's annotated passages; the line under it gives the "
            "article's own verdict (N) and the worst verdict among its passages, e.g. "
            '"article ! misleading · worst passage ? unsupported", shortened to '
            '"art ! · worst ?" when the sidebar is narrow.',
            "",
        ),
    ]


@dataclass(frozen=True)
class _Line:
    """One line of the help text: table cells (one per column) or a paragraph's line."""

    cells: tuple[str, ...] = ()
    style: str = ""
    """The line's own style (the header's bold, a note's dim)."""


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""


def _wrap(text: str, width: int) -> list[str]:
    """Words of ``text`` in lines of at most ``width`` cells (a longer word is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [ln if cell_len(ln) <= width else _fit(ln, width) for ln in lines]


def column_widths(natural: list[int], width: int) -> list[int]:
    """Widths of the four columns in ``width`` cells: spare cells are shared out in proportion
    to each column's natural width; when short, "Does" narrows first (it wraps), then the others
    are cut in :data:`CUT_ORDER`."""
    gaps = GAP * (len(natural) - 1)
    total = sum(natural) + gaps
    if total <= width:
        spare = width - total
        out = [w + spare * w // max(1, sum(natural)) for w in natural]
        out[-1] += width - gaps - sum(out)  # rounding leftovers go to the last column
        return out
    out = list(natural)
    out[2] = max(MIN_DOES, out[2] - (total - width))
    for index, least in CUT_ORDER:
        over = sum(out) + gaps - width
        if over <= 0:
            break
        out[index] = max(min(least, out[index]), out[index] - over)
    return out


def layout(
    rows: list[KeyRow],
    notes: list[tuple[str, str]],
    width: int,
    intro: list[tuple[str, str]] | None = None,
) -> list[_Line]:
    """Every line of the help text at ``width`` cells: the ``intro`` paragraphs, the header,
    one line per key row (more when its description wraps), a blank line between sections,
    then the ``(text, style)`` notes as wrapped paragraphs."""
    cells = [
        (
            row.section,
            safe(row.keys),  # keys may come from the config file
            row.description,
            safe(row.binding_id),
        )
        for row in rows
    ]
    natural = [max([cell_len(h)] + [cell_len(c[i]) for c in cells]) for i, h in enumerate(HEADERS)]
    widths = column_widths(natural, width)
    lines: list[_Line] = []
    for text, style in intro or []:
        lines.extend(_Line((part,), style) for part in _wrap(text, max(1, width)))
    if lines:
        lines.append(_Line())
    lines.append(_Line(tuple(_fit(h, w) for h, w in zip(HEADERS, widths, strict=True)), "bold"))
    previous = None
    for row, (section, keys, does, binding_id) in zip(rows, cells, strict=True):
        if previous is not None and row.section != previous:
            lines.append(_Line())
        where = section if row.section != previous else ""
        previous = row.section
        wrapped = _wrap(does, widths[2]) if cell_len(does) > widths[2] else [does]
        for n, part in enumerate(wrapped):
            first = n == 0
            values = (
                where if first else "",
                keys if first else "",
                part,
                binding_id if first else "",
            )
            lines.append(_Line(tuple(_fit(v, w) for v, w in zip(values, widths, strict=True))))
    for text, style in notes:
        lines.append(_Line())
        lines.extend(_Line((part,), style) for part in _wrap(text, max(1, width)))
    return lines


class KeyTable(ScrollView, can_focus=True):
    """The help text, drawn line by line: only the visible lines are rendered."""

    def __init__(
        self,
        rows: list[KeyRow],
        notes: list[tuple[str, str]],
        *,
        intro: list[tuple[str, str]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.intro = list(intro or [])
        """``(text, style)`` paragraphs before the table (what the marks mean)."""
        self.notes = notes
        """``(text, style)`` paragraphs after the table (the config note is untrusted: made
        safe here)."""
        self._lines: list[_Line] = []
        self._layout_width = -1
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    def set_rows(self, rows: list[KeyRow]) -> None:
        """Show these rows instead (laid out again, the scroll position kept)."""
        self.rows = list(rows)
        self._layout_width = -1
        self._relayout()
        self.refresh()

    def _width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _relayout(self) -> None:
        width = self._width()
        if width == self._layout_width:
            return
        notes = [(safe(text), style) for text, style in self.notes]
        self._lines = layout(self.rows, notes, width, self.intro)
        self._layout_width = width
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))

    def on_mount(self) -> None:
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            base = self._styles.get("") or self.rich_style
            self._styles[""] = base
            style = self._styles[name] = base + Style.parse(name) if name else base
        return style

    def render_line(self, y: int) -> Strip:
        self._relayout()
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width or self.size.width
        strip = self._strips.get(row)
        if strip is not None and strip.cell_length == width:
            return strip
        base = self._style("")
        if row >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[row]
        segments: list[Segment] = []
        gap = Segment(" " * GAP, base)
        for n, cell in enumerate(line.cells):
            if n:
                segments.append(gap)
            column = COLUMN_STYLES[n] if len(line.cells) > 1 else ""
            segments.append(
                Segment(cell, self._style(" ".join(filter(None, (column, line.style)))))
            )
        strip = Strip(segments).extend_cell_length(width, base).crop(0, width)
        self._strips[row] = strip
        return strip

    def text(self) -> str:
        """The whole help text, plain (for tests)."""
        self._relayout()
        return "\n".join("  ".join(line.cells).rstrip() for line in self._lines)


class HelpScreen(Dialog[None]):
    """Lists every key binding; escape, q or ? closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(
        self,
        rows: list[KeyRow],
        config_note: str,
        *,
        more: Callable[[], list[KeyRow]] | None = None,
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        """Every row shown (those of ``more`` are added once the screen is drawn)."""
        self.config_note = config_note
        self._more = more

    def on_mount(self) -> None:
        if self._more is not None:
            self.call_after_refresh(self._add_more)

    def _add_more(self) -> None:
        """The rows that were not needed for the first page (they cost imports)."""
        more, self._more = self._more, None
        if more is None or not self.is_attached:
            return
        self.rows.extend(more())
        self.query_one(KeyTable).set_rows(self.rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog") as box:
            box.border_title = "legreader keys"
            box.border_subtitle = "esc closes"
            yield KeyTable(
                list(self.rows),
                [(MOUSE_NOTE, ""), (self.config_note, "dim")],
                intro=marks_notes(),
                id="help-table",
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(KeyTable).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(KeyTable).scroll_up(animate=False)
