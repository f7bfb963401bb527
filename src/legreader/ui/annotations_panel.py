"""The annotations panel: every annotation of the article in text order (toggle with `a`).

An annotation whose passage was edited since its verdict (status ``changed``) is listed first
after the anchored ones, marked ``Δ changed``, with its old and new words as a word diff;
`e` accepts the new words, `o` keeps it orphaned (off the text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from legreader.ui import messages
from legreader.ui.marks import NOTE_GLYPH, TAG_GLYPH, VERDICT_KEYS, verdict_label
from legreader.ui.safe_text import plain, safe
from legreader.ui.stop_list import StopAtEndsOptionList

if TYPE_CHECKING:
    from legreader.store.model import Annotation, ArticleNote, Status

#: How each status other than anchored is marked; its look is the component class
#: ``status--<status>`` (styles/marks.tcss).
STATUS_MARKS: dict[Status, str] = {
    "changed": "Δ changed",
    "ambiguous": "[ambiguous]",
    "orphaned": "[orphaned]",
}
#: Words of a diff shown before it is cut (a long edited passage stays readable).
DIFF_CHARS = 400


PanelRequestKind = Literal["jump", "delete", "undo", "reattach", "accept_change", "keep_orphaned"]
"""What the panel's ``request('…')`` bindings ask of the app (each a typed message of
:mod:`legreader.ui.messages`; ``jump`` is the highlighted row's own)."""

_CHANGED_ONLY: tuple[PanelRequestKind, ...] = ("accept_change", "keep_orphaned")

#: What each ``request(kind)`` key asks of the app (see :mod:`legreader.ui.messages`).
_PANEL_REQUESTS: dict[PanelRequestKind, Callable[[str | None], messages.AnnotationRequest]] = {
    "delete": messages.DeleteAnnotation,
    "undo": lambda _highlighted: messages.UndoChange(),
    "reattach": messages.ReattachAnnotation,
    "accept_change": messages.AcceptNewText,
    "keep_orphaned": messages.KeepOrphaned,
}


class AnnotationsPanel(StopAtEndsOptionList):
    """Lists annotations; posts messages, never saves anything itself."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"verdict--{v}" for v in VERDICT_KEYS),
        *(f"status--{status}" for status in STATUS_MARKS),
        "diff--removed",
        "diff--added",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="panel.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="panel.up"),
        Binding("enter", "select", "Go to", id="panel.jump"),
        Binding("x", "request('delete')", "Delete", id="panel.delete"),
        Binding("u", "request('undo')", "Undo", id="panel.undo"),
        Binding("r", "request('reattach')", "Re-attach", id="panel.reattach"),
        Binding("e", "request('accept_change')", "Accept new text", id="panel.accept_change"),
        Binding("o", "request('keep_orphaned')", "Keep orphaned", id="panel.keep_orphaned"),
        Binding("escape", "app.toggle_annotations", "Close", id="panel.close"),
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "panel.jump",
        "panel.close",
        "panel.accept_change",
        "panel.keep_orphaned",
        "panel.delete",
        "panel.undo",
        "panel.reattach",
    )
    """The panel's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.annotation_ids: list[str] = []
        self.statuses: dict[str, str] = {}
        """Status of each listed annotation, by id (what ``check_action`` asks)."""
        self.border_title = "Annotations"
        self.display = False

    def on_mount(self) -> None:
        # A verdict's colour is the theme's: the list is drawn again when the theme changes.
        self.app.theme_changed_signal.subscribe(self, self._redraw_for_theme)

    def _redraw_for_theme(self, _theme: object) -> None:
        if self._shown is not None:
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self._shown is not None and self.is_attached:
            self.show_annotations(*self._shown)

    _shown: tuple[list[Annotation], ArticleNote | None, str] | None = None

    def show_annotations(
        self, annotations: list[Annotation], article_note: ArticleNote | None = None, text: str = ""
    ) -> None:
        """Annotations in text order; changed ones after them (with a word diff against
        ``text``, the article's current text), then ambiguous and orphaned ones, marked."""
        self._shown = (annotations, article_note, text)
        current = self.highlighted_id
        anchored = sorted(
            (a for a in annotations if a.status == "anchored"), key=lambda a: (a.start, a.end)
        )
        changed = sorted(
            (a for a in annotations if a.status == "changed"), key=lambda a: (a.start, a.end)
        )
        lost = sorted(
            (a for a in annotations if a.status not in ("anchored", "changed")),
            key=lambda a: a.created,
        )
        ordered = anchored + changed + lost
        self.annotation_ids = [a.id for a in ordered]
        self.statuses = {a.id: a.status for a in ordered}
        options: list[Option] = []
        for a in ordered:
            options.append(Option(self._prompt(a, text), id=a.id))
        self.set_options(options)
        parts = [f"{len(anchored)} anchored"]
        if changed:
            parts.append(f"{len(changed)} changed")
        if lost:
            parts.append(f"{len(lost)} lost")
        self.border_subtitle = " · ".join(parts)
        if article_note is not None and (article_note.note or article_note.verdict):
            self.border_title = f"Annotations · article: {article_note.verdict or 'note'}"
        else:
            self.border_title = "Annotations"
        if ordered:
            index = self.annotation_ids.index(current) if current in self.annotation_ids else 0
            self.highlighted = index

    def _prompt(self, a: Annotation, body: str = "") -> Text:
        text = Text(overflow="fold")
        if a.status in STATUS_MARKS:
            mark = STATUS_MARKS[a.status]
            text.append(mark + " ", style=self._look(f"status--{a.status}"))
        if a.verdict:
            text.append(
                verdict_label(safe(a.verdict)) + " ", style=self._look(f"verdict--{a.verdict}")
            )
        # Quotes, tags and notes come from the database or an import: drawn through safe();
        # a huge quote or note costs 400 characters.
        quote = " ".join(safe(a.exact[:400]).split())
        shown = quote if len(quote) <= 140 else quote[:139] + "…"
        if not shown.startswith(("“", '"', "‘", "'", "«")):
            shown = "“" + shown + "”"
        text.append(shown, style="italic")
        if a.status == "changed" and 0 <= a.start < a.end <= len(body):
            text.append_text(self._diff(a.exact, body[a.start : a.end]))
        if a.tags:
            text.append_text(plain(f"\n  {TAG_GLYPH} " + ", ".join(a.tags), style="bold"))
        if a.note:
            note = " ".join(safe(a.note[:400]).split())
            text.append(
                f"\n  {NOTE_GLYPH} " + (note if len(note) <= 120 else note[:119] + "…"), style="dim"
            )
        return text

    def _look(self, name: str) -> Style:
        """The component class's style from the stylesheet (bold when it is unknown, e.g. a
        verdict this version does not know, or before the styles are applied)."""
        try:
            return self.get_component_rich_style(name)
        except KeyError:
            return Style(bold=True)

    def _diff(self, old: str, new: str) -> Text:
        """The edit as a word diff: removed words struck out in ``[-…-]``, added in ``{+…+}``
        (the marks keep it readable without colour). Both texts are cleaned through safe()."""
        out = Text("\n  now: ", style="dim")
        used = 0
        from legreader.text.diff import word_diff  # (not needed for the first frame)

        for piece in word_diff(safe(old), safe(new)):
            if used > DIFF_CHARS:
                out.append(" …", style="dim")
                break
            used += len(piece.text)
            if out.plain and not out.plain.endswith(" "):
                out.append(" ")
            if piece.op == "same":
                out.append(piece.text)
            elif piece.op == "removed":
                out.append("[-" + piece.text + "-]", style=self._look("diff--removed"))
            else:
                out.append("{+" + piece.text + "+}", style=self._look("diff--added"))
        return out

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.annotation_ids):
            return None
        return self.annotation_ids[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(messages.JumpToAnnotation(self.highlighted_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accept and keep-orphaned only make sense on a changed annotation: the footer shows
        them while one is highlighted (the help screen always lists them)."""
        if action == "request" and parameters and parameters[0] in _CHANGED_ONLY:
            return self.statuses.get(self.highlighted_id or "") == "changed"
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()

    def action_request(self, kind: PanelRequestKind) -> None:
        request = _PANEL_REQUESTS.get(kind)
        if request is not None:
            self.post_message(request(self.highlighted_id))
