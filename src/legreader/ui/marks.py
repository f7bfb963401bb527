"""What the reader's marks look like on screen: one glyph per verdict, the note and tag
markers, and the themes whose colours legreader ships.

Glyphs only: every colour is in ``styles/marks.tcss`` (component classes ``verdict--<name>``
for a verdict's glyph and ``passage--<name>`` for the tint under its passage), so the same
verdict has the same colour and glyph in the text, the gutter, the legend, the sidebar and the
annotations panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

# (No import of the store here: this module loads with the first frame; a test checks these
# keys against legreader.store.model.VERDICTS.)

#: One single-cell glyph per verdict, distinct from each other and from the claim legend.
VERDICT_GLYPHS: dict[str, str] = {
    "accurate": "✓",
    "misleading": "!",
    "overstated": "↑",
    "unsupported": "?",
    "false": "✗",
    "promotional": "$",
}
#: The verdicts, in key order (1-6).
VERDICT_KEYS: tuple[str, ...] = tuple(VERDICT_GLYPHS)

#: Drawn after a passage that has a note, and after one that has tags.
NOTE_GLYPH = "✎"
TAG_GLYPH = "#"
#: Drawn (in the legend and the status line) for a claim the engine flags.
FLAG_GLYPH = "⚑"

#: The themes legreader's mark and claim colours are tuned for, and tested in
#: (``tests/test_contrast.py``): the default dark theme, a light one and gruvbox. Any other
#: Textual theme gets the dark or the light palette.
SHIPPED_THEMES: tuple[str, ...] = ("textual-dark", "textual-light", "gruvbox")


def verdict_label(verdict: str) -> str:
    """``"! misleading"``: the glyph and the name."""
    return f"{VERDICT_GLYPHS.get(verdict, '')} {verdict}".strip()


#: The legend's forms, longest first (then the glyphs alone).
FORMS = ("full", "medium", "verdicts", "short")

#: The legend's words for each mark, in each of :data:`FORMS`.
LEGEND_NAMES: dict[str, tuple[str, str, str, str]] = {
    "accurate": ("accurate", "accurate", "accurate", "acc"),
    "misleading": ("misleading", "misleading", "misleading", "mislead"),
    "overstated": ("overstated", "overstated", "overstated", "over"),
    "unsupported": ("unsupported", "unsupported", "unsupported", "unsup"),
    "false": ("false", "false", "false", "false"),
    "promotional": ("promotional", "promotional", "promotional", "promo"),
    "flag": ("flagged claim", "flag", "", "flag"),
    "note": ("note", "note", "", "note"),
    "tag": ("tags", "tag", "", "tag"),
}


class Legend:
    """The legend under the text (a Rich renderable): the claim line as given, then a line of
    marks (a glyph in its style, then its name in its own), in the longest form that fits the
    width: full names, short names, or the glyphs alone."""

    def __init__(
        self, claims: Text, marks: list[tuple[str, Style, tuple[str, ...], Style]]
    ) -> None:
        self.claims = claims
        self.marks = marks
        """``(glyph, glyph style, names, name style)``: names in each of :data:`FORMS` ("":
        the glyph alone)."""

    def marks_line(self, width: int) -> Text:
        gaps = ("  ",) + (" ",) * (len(FORMS) - 1)
        for form, gap in zip(range(len(FORMS)), gaps, strict=True):
            line = Text(no_wrap=True, overflow="ellipsis")
            for n, (glyph, glyph_style, names, name_style) in enumerate(self.marks):
                if n:
                    line.append(gap)
                line.append(glyph, style=glyph_style)
                if names[form]:
                    line.append(" " + names[form], style=name_style)
            if line.cell_len <= width:
                return line
        line = Text(no_wrap=True, overflow="ellipsis")
        for glyph, glyph_style, _names, _name_style in self.marks:
            line.append(glyph, style=glyph_style)
            line.append(" ")
        line.append("(? explains)", style="dim")
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.claims
        yield self.marks_line(options.max_width)
