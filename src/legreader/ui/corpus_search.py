"""ctrl+f: search every article's text, title, notes and tags; enter opens the match."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from legreader.search.corpus_index import CorpusIndex, SearchTarget, target_of
from legreader.search.index import Hit
from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain, safe
from legreader.ui.wording import plural

__all__ = ["CorpusIndex", "CorpusSearchScreen", "SearchTarget", "target_of"]


class CorpusSearchScreen(Dialog[SearchTarget | None]):
    """Type to search; down/up move through results; enter opens; escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="corpus_search.close"),
        Binding("down", "results_down", "Next result", show=False, id="corpus_search.down"),
        Binding("up", "results_up", "Previous result", show=False, id="corpus_search.up"),
    ]

    def __init__(self, index: CorpusIndex, titles: dict[str, str], query: str = "") -> None:
        super().__init__()
        self.corpus_index = index
        self.titles = titles
        self.initial = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search-dialog") as box:
            box.border_title = "Search the corpus"
            box.border_subtitle = "enter opens · ↑↓ move · esc closes"
            yield Input(
                value=self.initial,
                placeholder='words, a prefix, or a "quoted phrase"',
                id="corpus-query",
            )
            yield Static("", id="corpus-status")
            yield OptionList(id="corpus-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._run(self.initial)
        if not self.corpus_index.ready.is_set():
            self.set_interval(0.3, self._progress)

    def _progress(self) -> None:
        if self.corpus_index.ready.is_set():
            self._run(self.query_one(Input).value)
        else:
            self._status()

    def _status(self) -> None:
        index = self.corpus_index
        parts = []
        if not index.ready.is_set():
            if index.articles_done:
                parts.append("indexing notes and tags…")
            else:
                parts.append(f"indexing {index.done}/{index.total} articles…")
        query = self.query_one(Input).value
        if query.strip():
            parts.append(plural(len(self.hits), "result"))
        self.query_one("#corpus-status", Static).update(Text(" · ".join(parts), style="dim"))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value != self._ran:
            # Typed fast (or replayed after the dialog opened): enter can come before the
            # last Changed was handled; search what is in the box, not what was.
            self._run(event.value)
        self._open_highlighted()

    _ran: str | None = None
    """The query the results list shows."""

    def _run(self, query: str) -> None:
        self._ran = query
        results = self.query_one(OptionList)
        self.hits = self.corpus_index.search(query) if query.strip() else []
        results.set_options(Option(self._prompt(hit)) for hit in self.hits)
        if self.hits:
            results.highlighted = 0
        self._status()

    def _prompt(self, hit: Hit) -> Text:
        target = target_of(hit)
        text = Text(overflow="ellipsis", no_wrap=True)
        title = self.titles.get(target.article_id, target.article_id)
        text.append_text(plain(title[:70], style="bold"))
        text.append(f"  · {hit.field}", style="dim")
        text.append("\n")
        # Snippets quote notes and tags from the database: cleaned, bidi shown (same length,
        # so the match ranges still fall on the right characters).
        snippet = Text(safe(hit.snippet), no_wrap=True, overflow="ellipsis")
        for start, end in hit.snippet_match_ranges:
            snippet.stylize("bold reverse", start, end)
        text.append_text(snippet)
        return text

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None and 0 <= results.highlighted < len(self.hits):
            self.dismiss(target_of(self.hits[results.highlighted]))

    def action_results_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_results_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
