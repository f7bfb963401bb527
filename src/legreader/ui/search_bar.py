"""In-article incremental search: `/` opens it, typing searches, enter keeps the matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.widgets import Input

if TYPE_CHECKING:
    from legreader.ui.article_body import ArticleBody


class SearchBar(Input):
    """A one-line search box under the article. Smart case: capitals make it case-sensitive."""

    BINDINGS = [
        Binding("escape", "cancel", "End search", id="search.cancel"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search this article (enter keeps matches, esc ends)", id=id)
        self.target: ArticleBody | None = None
        self.display = False

    def open(self, body: ArticleBody) -> None:
        self.target = body
        self.display = True
        self.focus()
        if self.value:
            self._search(self.value, jump=True)

    def close(self) -> None:
        was_focused = self.has_focus
        self.display = False
        if was_focused and self.target is not None:
            self.target.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value, jump=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.target is not None:
            self.target.focus()
            if not self.value:
                self.target.end_search()

    def _search(self, query: str, *, jump: bool) -> None:
        if self.target is None:
            return
        from legreader.search_index import find_in_text

        if not query:
            self.target.set_matches([], jump=False)
            return
        self.target.set_matches(find_in_text(self.target.body, query), jump=jump)

    def action_cancel(self) -> None:
        with self.prevent(Input.Changed):
            self.value = ""
        if self.target is not None:
            self.target.end_search()
        self.close()
