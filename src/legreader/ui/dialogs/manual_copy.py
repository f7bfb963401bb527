"""When no clipboard works: the text, selectable, to copy by hand."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain


class ManualCopyDialog(Dialog[None]):
    """Shows why copying failed and the text itself (select it with the mouse or keys)."""

    BINDINGS = [Binding("escape", "close", "Close", id="manual_copy.close")]

    def __init__(self, reason: str, text: str) -> None:
        super().__init__()
        self.reason = reason
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog") as box:
            box.border_title = "Copy this by hand"
            box.border_subtitle = "esc closes"
            yield Static(plain(self.reason, style="bold"))
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="manual-copy-text")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    def action_close(self) -> None:
        self.dismiss(None)
