"""The article being read: opening it (at a place), the status line, the reading place kept
across restarts and the copy style chosen with `Y`.

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on

from legreader.corpus.loader import Article
from legreader.ui import messages
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.flows.state import AppFlow


class ReadingFlows(AppFlow):
    """Opening articles and keeping the reader's place."""

    def open_article(self, article: Article, *, focus_body: bool = True) -> None:
        """Show an article in the body (and highlight it in the sidebar)."""
        self.current = article
        self.main.sidebar.select_article(article.id)
        body = self.main.body
        body.show_article(article, animal_study=self.animal_study and not article.is_primary)
        if body.loaded_article is article and body.claims_ready:
            # Claims from the cache, with the text: the legend goes up in the same frame.
            self._show_status(body.status_text())
        if body.loaded_article is article and self.store is not None:
            # Read in this frame: place the annotations now, so text and marks paint together.
            self.annotating.reanchor_current()
            self._anchored = article
        elif body.loaded_article is article and self.store_loading:
            self._preview_annotations(article.id, body.body)
            self._anchored = article
        if focus_body:
            body.focus()

    _anchored: Article | None = None

    # ------------------------------------------------------- session state

    def _corpus_key(self) -> str:
        from legreader.settings.session import corpus_key

        return corpus_key(self.corpus_paths)

    @on(ArticleBody.Analysed)
    def _analysed(self, event: ArticleBody.Analysed) -> None:
        place = self._place_to_restore
        if place is not None and event.article.id == place.article_id:
            self.call_after_refresh(self._restore_place)

    def _restore_place(self) -> None:
        place, self._place_to_restore = self._place_to_restore, None
        if place is None or self.closing:
            return
        body = self.main.body
        loaded = body.loaded_article
        if loaded is None or loaded.id != place.article_id or body.selection is not None:
            return  # another article, or the reader has already chosen a passage
        if place.top:
            body.restore_reading_position(("top", min(place.top, max(len(body.body) - 1, 0))))
        if place.selection is not None and place.selection[1] <= len(body.body):
            body.select_range(*place.selection)

    def save_session(self) -> None:
        """Keep the article shown, the place in it and the copy style for the next start
        (failures are not the reader's concern: the state is a convenience)."""
        from legreader.settings.session import ReadingPlace, save_state

        if self._session_saved:
            return
        self._session_saved = True
        try:
            body = None if self.closing else self.main.body
        except AttributeError:  # the app quit before its main screen was composed
            body = None
        article = body.loaded_article if body is not None else None
        if body is not None and article is not None:
            top = 0
            if body.text.laid_out:
                row, _ = body.text.view_rows()
                offset = body.text.offset_at(0, row) if row > 0 else None
                top = offset or 0
            self.session.remember(self._corpus_key(), ReadingPlace(article.id, top, body.selection))
        try:
            save_state(self.state_path, self.session)
        except OSError:
            pass

    _session_saved = False

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article)

    @on(ArticleBody.Loaded)
    def _article_loaded(self, event: ArticleBody.Loaded) -> None:
        if self.closing:
            return
        if self._anchored is not event.article and self.store is not None:
            self.annotating.reanchor_current()
        elif self._anchored is not event.article and self.store_loading:
            self._preview_annotations(event.article.id, self.main.body.body)
        self._anchored = None
        if self._pending_place is not None and self._pending_place[0] == event.article.id:
            place = self._pending_place[1]
            self._pending_place = None
            self.call_after_refresh(place)

    @on(messages.OpenArticle)
    def _open_article_request(self, event: messages.OpenArticle) -> None:
        self.open_article(event.article)

    @on(ArticleBody.Status)
    def _status(self, event: ArticleBody.Status) -> None:
        if self.closing:
            return  # a late message while the app shuts down
        self._show_status(event.text)

    def _show_status(self, text: str) -> None:
        self.main.show_status(text)

    def open_article_at(
        self,
        article: Article,
        start: int | None,
        end: int | None,
        annotation_id: str | None = None,
        *,
        center: bool = False,
    ) -> None:
        """Open an article and select a range (or an annotation) once its text is there
        (with ``center``, the range is scrolled to the middle of the view)."""
        body = self.main.body

        def place() -> None:
            if annotation_id is not None:
                self.annotating.jump(annotation_id)
            elif start is not None and end is not None:
                body.select_range(start, end, center=center)

        if body.article is article and body.loaded_article is article:
            place()
        else:
            self._pending_place = (article.id, place)
            self.open_article(article)
        body.focus()

    _pending_place: tuple[str, Callable[[], None]] | None = None
