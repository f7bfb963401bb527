"""What to do when the annotation database cannot be read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain


class DamagedDatabaseDialog(Dialog[str]):
    """Explains the damage and asks: read-only, fresh file (damaged one kept), or quit."""

    BINDINGS = [
        Binding("r", "choose('read_only')", "Read-only", id="damaged.read_only"),
        Binding("f", "choose('fresh')", "Fresh file", id="damaged.fresh"),
        Binding("q,escape", "choose('quit')", "Quit", id="damaged.quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog") as box:
            box.border_title = "The annotation database is damaged"
            yield Static(plain(self.message))
            yield Static(
                Text(
                    "Nothing has been written over it. Open it read-only (your annotations "
                    "cannot be saved), or start a fresh database (the damaged file is moved "
                    "aside, not deleted), or quit and repair it yourself.",
                    style="dim",
                )
            )
            with Horizontal(classes="buttons"):
                yield Button("Read-only (r)", id="read_only")
                yield Button("Fresh file (f)", id="fresh", variant="warning")
                yield Button("Quit (q)", id="quit")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "quit")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
