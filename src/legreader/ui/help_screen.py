"""The help screen: every key, grouped by where it works, as currently mapped."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from legreader.ui.dialogs.base import Dialog
from legreader.ui.keys import KeyRow
from legreader.ui.safe_text import plain


class RenderedOncePerWidth:
    """A Rich renderable drawn once per width, then replayed.

    The help table (a hundred rows) is measured and drawn several times while the screen
    settles, about 0.1 s each time; the key that opened help waited for all of them.
    """

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self._lines.get(width)
        if lines is None:
            lines = console.render_lines(self.inner, options.update(height=None), pad=False)
            self._lines[width] = lines
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.inner)


class HelpScreen(Dialog[None]):
    """Lists every key binding; escape, q or ? closes."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, rows: list[KeyRow], config_note: str) -> None:
        super().__init__()
        self.rows = rows
        self.config_note = config_note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog") as scroll:
            scroll.border_title = "legreader keys"
            scroll.border_subtitle = "esc closes"
            yield Static(RenderedOncePerWidth(self._table()), id="help-table")
            yield Static(
                Text(
                    "Mouse, in the article: a click selects a sentence, shift-click extends the "
                    "selection, a drag selects the sentences it crosses (past the edge, it scrolls)."
                ),
                id="help-mouse",
            )
            yield Static(plain(self.config_note, style="dim"), id="help-config")

    def _table(self) -> Table:
        table = Table(expand=True, box=None, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Where", style="bold", no_wrap=True)
        table.add_column("Keys", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        previous = None
        for row in self.rows:
            where = row.section if row.section != previous else ""
            if row.section != previous and previous is not None:
                table.add_row("", "", "", "")
            previous = row.section
            table.add_row(
                Text(where),
                plain(row.keys, style="bold"),  # keys may come from the config file
                Text(row.description),
                plain(row.binding_id),
            )
        return table

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_up(animate=False)
