"""Ask what to add to the corpus (a DOI, PMID, file, or URLs) and into which folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain, safe


@dataclass(frozen=True, slots=True)
class AddRequest:
    """What the user asked for."""

    source: str
    """As typed: a DOI, PMID, PMCID or file (study), or addresses (import)."""
    folder: Path
    """The corpus folder to write into."""


class AddSourceDialog(Dialog[AddRequest | None]):
    """Two fields: what, and where; enter adds, tab moves between them, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add.cancel")]

    def __init__(self, title: str, question: str, placeholder: str, folder: Path) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.placeholder = placeholder
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog add-dialog") as box:
            box.border_title = plain(self.title_text)
            box.border_subtitle = "enter adds · tab next field · esc cancels"
            yield Label(plain(self.question))
            yield Input(placeholder=self.placeholder, id="add-source")
            yield Label("into the corpus folder")
            yield Input(value=safe(str(self.folder)), id="add-folder")
            yield Static("", id="add-problem", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#add-source", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        source = self.query_one("#add-source", Input).value.strip()
        folder = self.query_one("#add-folder", Input).value.strip()
        problem = self.query_one("#add-problem", Static)
        if not source:
            problem.update("Type what to add first.")
            self.query_one("#add-source", Input).focus()
            return
        if not folder:
            problem.update("Give the folder to add it to.")
            self.query_one("#add-folder", Input).focus()
            return
        self.dismiss(AddRequest(source, Path(folder).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
