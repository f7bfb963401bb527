"""A Markdown note on a passage or on a whole article: ctrl+s saves, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Select, Static, TextArea

from legreader.store.model import AnnotationVerdict, as_verdict
from legreader.ui.dialogs.base import Dialog
from legreader.ui.dialogs.confirm import ConfirmDialog
from legreader.ui.marks import VERDICT_KEYS
from legreader.ui.safe_text import plain, safe

VERDICT_CHOICES = VERDICT_KEYS  # (the one list: legreader.store.model.VERDICTS, tested equal)


class NoteResult:
    """What the editor returns: the note text (None = no note) and, for articles, a verdict."""

    def __init__(self, note: str | None, verdict: AnnotationVerdict | None = None) -> None:
        self.note = note
        self.verdict = verdict


class NoteEditor(Dialog[NoteResult | None]):
    """Edit a note. With ``with_verdict`` it also picks the article's overall verdict."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel", priority=True),
    ]

    def __init__(
        self,
        title: str,
        quote: str,
        note: str | None,
        *,
        with_verdict: bool = False,
        verdict: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.quote = quote
        self.original = note or ""
        # What the editor shows: bidi controls as a visible glyph. Saved unchanged, the note
        # keeps its original characters.
        self.shown = safe(self.original)
        self.with_verdict = with_verdict
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog") as box:
            box.border_title = Content(safe(self.title_text))
            box.border_subtitle = "ctrl+s saves · esc cancels"
            if self.quote:
                yield Static(plain(self.quote, style="italic"), classes="quote")
            if self.with_verdict:
                yield Select(
                    [(v, v) for v in VERDICT_CHOICES],
                    value=self.verdict if self.verdict in VERDICT_CHOICES else Select.NULL,
                    prompt="article verdict (none)",
                    id="verdict-select",
                )
            yield TextArea(self.shown, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _value(self) -> tuple[str, AnnotationVerdict | None]:
        text = self.query_one(TextArea).text
        if text == self.shown:
            text = self.original
        verdict = None
        if self.with_verdict:
            value = self.query_one(Select).value
            verdict = as_verdict(value) if isinstance(value, str) else None
        return text, verdict

    def action_save(self) -> None:
        text, verdict = self._value()
        self.dismiss(NoteResult(text.strip() or None, verdict))

    def action_cancel(self) -> None:
        text, verdict = self._value()
        if text == self.original and verdict == self.verdict:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard the changes to this note?", yes="Discard", no="Keep editing"),
            answered,
        )
