"""Edit the free tags of a passage, with completion from tags already used."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain, safe


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already in use."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.known = sorted(known, key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        for tag in self.known:
            if tag.casefold().startswith(stem.casefold()) and tag.casefold() != stem.casefold():
                prefix = head + ("," if head else "") + last[: len(last) - len(stem)]
                return prefix + tag
        return None


def parse_tags(value: str) -> list[str]:
    """Comma-separated tags, trimmed, empty ones dropped, first spelling kept."""
    tags: list[str] = []
    for raw in value.split(","):
        tag = " ".join(raw.split())
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags


class TagDialog(Dialog[list[str] | None]):
    """Tags of the selected passage, comma-separated; right arrow accepts a completion."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
        # Over the box's own ctrl+a (start of line): select the tags to type over them.
        Binding("ctrl+a", "select_all", "Select all", id="tags.select_all", priority=True),
    ]

    def __init__(self, current: list[str], known: dict[str, int], quote: str) -> None:
        super().__init__()
        self.current = current
        # Ends with the separator, so what is typed next is a new tag, not glued to the last.
        self.shown = "".join(f"{safe(tag)}, " for tag in current)
        self.known = known
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog") as box:
            box.border_title = "Tags"
            box.border_subtitle = "enter saves · esc cancels · → completes · ^a selects all"
            yield Static(plain(_shorten(self.quote, 160), style="italic"), classes="quote")
            yield Input(
                value=self.shown,
                placeholder="tags, comma-separated",
                suggester=TagSuggester(list(self.known)),
                select_on_focus=False,
                id="tag-input",
            )
            popular = sorted(self.known.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:12]
            if popular:
                yield Static(
                    plain("in use: " + ", ".join(f"{t} ({n})" for t, n in popular), style="dim"),
                    classes="hint",
                )

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        # Unchanged, the tags keep their own characters (the input shows bidi controls as ⇄).
        self.dismiss(list(self.current) if event.value == self.shown else parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_select_all(self) -> None:
        self.query_one("#tag-input", Input).action_select_all()


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
