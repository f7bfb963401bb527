"""Choose which claim categories are highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, SelectionList

from legreader.claims.model import CATEGORIES
from legreader.ui.dialogs.base import Dialog


class CategoryPicker(Dialog[set[str] | None]):
    """A checklist of categories; enter/space toggles, escape or ctrl+s closes."""

    BINDINGS = [
        Binding("escape,ctrl+s", "done", "Done", id="categories.done"),
        Binding("j", "move('down')", "Down", show=False, id="categories.down"),
        Binding("k", "move('up')", "Up", show=False, id="categories.up"),
    ]

    def __init__(self, enabled: set[str]) -> None:
        super().__init__()
        self.enabled = set(enabled)

    def compose(self) -> ComposeResult:
        with Vertical(id="category-dialog", classes="dialog"):
            yield Label("Highlight which claims? (j/k move, space toggles, esc closes)")
            yield SelectionList[str](
                *((name, name, name in self.enabled) for name in CATEGORIES), id="category-list"
            )

    def action_move(self, direction: str) -> None:
        """`j`/`k` move like the arrows, as everywhere else in the reader."""
        checklist = self.query_one(SelectionList)
        if direction == "down":
            checklist.action_cursor_down()
        else:
            checklist.action_cursor_up()

    def action_done(self) -> None:
        self.dismiss(set(self.query_one(SelectionList).selected))
