"""The help screen: every key, grouped by where it works, as currently mapped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from legreader.ui.dialogs.base import Dialog
from legreader.ui.keys import KeyRow
from legreader.ui.safe_text import plain


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
            yield Static(self._table(), id="help-table")
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
