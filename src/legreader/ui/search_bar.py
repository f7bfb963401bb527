"""In-article search, a mode with one exit.

`/` opens the box and types into it; `Enter` hands the keyboard back to the text and keeps
the matches, so `n`/`N` move between them; one `Escape` (in the box or in the text) ends the
search, hides the box and gives `n` back to "note". The box never takes a key once it has
handed the keyboard back: keys typed in the moment between `Enter`/`Escape` and the focus
reaching the text are held and replayed to the text (see :mod:`legreader.ui.key_gate`),
so a verdict key pressed right after ending a search is not lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.binding import Binding
from textual.widgets import Input

from legreader.ui.key_gate import hold_keys, pass_key_on, release_keys_soon

if TYPE_CHECKING:
    from legreader.ui.article_body import ArticleBody

#: The box's actions that hand the keyboard back to the text (Input's `submit` is `Enter`).
HANDING_BACK = ("submit", "cancel")


class SearchBar(Input):
    """A one-line search box under the article. Smart case: capitals make it case-sensitive."""

    BINDINGS = [
        Binding("escape", "cancel", "End search", id="search.cancel"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search this article (enter keeps matches, esc ends)", id=id)
        self.target: ArticleBody | None = None
        self.display = False
        self.taking_keys = False
        """True while the reader types the query: from `/` to `Enter` or `Escape`."""

    def open(self, body: ArticleBody) -> None:
        self.target = body
        self.display = True
        self.taking_keys = True
        hold_keys(self)  # letters typed right after `/` are for the box, not the text
        self.focus()
        release_keys_soon(self)
        if self.value:
            self._search(self.value, jump=True)

    def close(self) -> None:
        self.taking_keys = False
        self.display = False
        if self.has_focus:
            self._hand_back()

    def _hand_back(self) -> None:
        """Give the keyboard to the text; keys typed meanwhile follow it there."""
        self.taking_keys = False
        if self.target is not None:
            hold_keys(self)
            self.target.focus()
            release_keys_soon(self)
            # Once the text has the focus, the footer and the status line show the mode
            # (`n` is "Next match", the match count), not what they showed before the search.
            self.target.call_after_refresh(self.target.show_search_state)

    async def on_key(self, event: events.Key) -> None:
        # Runs before Input's own key handling (handlers run down the class hierarchy).
        if not self.taking_keys:
            # Typed after Enter/Escape, before the focus left: meant for the text.
            event.prevent_default()
            event.stop()
            if pass_key_on(self, event):
                self._hand_back()
            return
        active = self.app.active_bindings.get(event.key)
        if active is not None and active.node is self and active.binding.action in HANDING_BACK:
            # Handled here, in typing order: the letters after it are no longer the query's.
            event.prevent_default()
            event.stop()
            self.taking_keys = False
            hold_keys(self)
            await self.run_action(active.binding.action)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.display:
            self._search(event.value, jump=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.target is not None and not self.value:
            self.target.end_search()  # an empty query: nothing to keep, the search ends
        self._hand_back()

    def _search(self, query: str, *, jump: bool) -> None:
        if self.target is None:
            return
        from legreader.search.index import find_in_text

        if not query:
            self.target.set_matches([], jump=False)
            return
        self.target.set_matches(find_in_text(self.target.body, query), jump=jump)

    def action_cancel(self) -> None:
        with self.prevent(Input.Changed):
            self.value = ""
        if self.target is not None:
            self.target.end_search()  # hides the box and hands the keyboard back
