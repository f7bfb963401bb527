"""The annotations panel: every annotation of the article in text order (toggle with `a`)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from legreader.ui.article_list import VERDICT_COLORS, VERDICT_MARKS
from legreader.ui.safe_text import plain, safe
from legreader.ui.stop_list import StopAtEndsOptionList


class AnnotationsPanel(StopAtEndsOptionList):
    """Lists annotations; posts messages, never saves anything itself."""

    BINDINGS: ClassVar[list[Any]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="panel.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="panel.up"),
        Binding("enter", "select", "Go to", id="panel.jump"),
        Binding("x", "request('delete')", "Delete", id="panel.delete"),
        Binding("u", "request('undo')", "Undo", id="panel.undo"),
        Binding("r", "request('reattach')", "Re-attach", id="panel.reattach"),
    ]

    class Request(Message):
        """The reader asked to jump to, delete, undo or re-attach an annotation."""

        def __init__(self, kind: str, annotation_id: str | None) -> None:
            self.kind = kind
            self.annotation_id = annotation_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.annotation_ids: list[str] = []
        self.border_title = "Annotations"
        self.display = False

    def show_annotations(self, annotations: list[Any], article_note: Any | None = None) -> None:
        """Annotations in text order; orphaned and ambiguous ones after them, marked."""
        current = self.highlighted_id
        anchored = sorted(
            (a for a in annotations if a.status == "anchored"), key=lambda a: (a.start, a.end)
        )
        lost = sorted((a for a in annotations if a.status != "anchored"), key=lambda a: a.created)
        ordered = anchored + lost
        self.annotation_ids = [a.id for a in ordered]
        options: list[Option] = []
        for a in ordered:
            options.append(Option(self._prompt(a), id=a.id))
        self.set_options(options)
        self.border_subtitle = f"{len(anchored)} anchored" + (
            f" · {len(lost)} lost" if lost else ""
        )
        if article_note is not None and (article_note.note or article_note.verdict):
            self.border_title = f"Annotations · article: {article_note.verdict or 'note'}"
        else:
            self.border_title = "Annotations"
        if ordered:
            index = self.annotation_ids.index(current) if current in self.annotation_ids else 0
            self.highlighted = index

    def _prompt(self, a: Any) -> Text:
        text = Text(overflow="fold")
        if a.status != "anchored":
            text.append(f"[{a.status}] ", style="bold red")
        if a.verdict:
            text.append(
                f"{VERDICT_MARKS.get(a.verdict, '')} {a.verdict} ",
                style=VERDICT_COLORS.get(a.verdict, "bold"),
            )
        # Quotes, tags and notes come from the database or an import: drawn through safe();
        # a huge quote or note costs 400 characters.
        quote = " ".join(safe(a.exact[:400]).split())
        shown = quote if len(quote) <= 140 else quote[:139] + "…"
        if not shown.startswith(("“", '"', "‘", "'", "«")):
            shown = "“" + shown + "”"
        text.append(shown, style="italic")
        if a.tags:
            text.append_text(plain("\n  # " + ", ".join(a.tags), style="cyan"))
        if a.note:
            note = " ".join(safe(a.note[:400]).split())
            text.append("\n  ✎ " + (note if len(note) <= 120 else note[:119] + "…"), style="dim")
        return text

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.annotation_ids):
            return None
        return self.annotation_ids[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Request("jump", self.highlighted_id))

    def action_request(self, kind: str) -> None:
        self.post_message(self.Request(kind, self.highlighted_id))
