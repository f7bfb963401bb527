"""The article body: the text, its claim highlights, the passage cursor and the reader's marks.

The body owns the keys that act on the text (:mod:`.keys`). It never saves anything:
annotation keys post the typed requests of :mod:`legreader.ui.messages` that the app (owner
of the store) handles.

This module is the body's behaviour: what each key does (the cursor plans the move, :class:`.view.ArticleView` shows it) and how an article is put on screen (read,
then analysed: the order and the threads are :mod:`.loading`'s). What is shown, and the
state behind it, is :class:`.view.ArticleView`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar, Literal

from textual import work
from textual.binding import BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from legreader.claims.chunking import fit_sentences
from legreader.claims.model import ClaimSpan
from legreader.corpus.blocks import Block, parse_blocks
from legreader.corpus.loader import Article, ArticleUnavailable
from legreader.text.clean import has_bidi_controls
from legreader.ui import messages
from legreader.ui.article_header import ArticleHeader
from legreader.ui.body import loading
from legreader.ui.body.cursor import ClaimIndex
from legreader.ui.body.keys import BODY_BINDINGS, BODY_FOOTER_ORDER
from legreader.ui.body.view import ArticleView
from legreader.ui.key_gate import hold_keys

_SELECT_FIRST = "Select a passage first (j/k moves a sentence, v a paragraph)."

#: What each ``annotate(kind)`` key asks of the app (see :mod:`legreader.ui.messages`).
_ANNOTATE_REQUESTS: dict[str, Callable[[], messages.AnnotationRequest]] = {
    "tag": lambda: messages.EditTags(from_body=True),
    "note": lambda: messages.EditNote(from_body=True),
    "article_note": lambda: messages.EditArticleNote(from_body=True),
    "delete": lambda: messages.DeleteAnnotation(from_body=True),
    "undo": lambda: messages.UndoChange(from_body=True),
    "copy": lambda: messages.CopyQuote(styled=False, from_body=True),
    "copy_styled": lambda: messages.CopyQuote(styled=True, from_body=True),
}


class ArticleBody(ArticleView, can_focus=True):
    """Shows one article; moves a sentence cursor; highlights claims, marks and matches."""

    BINDINGS: ClassVar[list[BindingType]] = BODY_BINDINGS

    FOOTER_ORDER: ClassVar[tuple[str, ...]] = BODY_FOOTER_ORDER
    """The body's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    class Loaded(Message):
        """The article's text is on screen (claims may still be coming)."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    class Analysed(Message):
        """Claims are ready for the article now shown."""

        def __init__(self, article: Article, claims: list[ClaimSpan]) -> None:
            self.article = article
            self.claims = claims
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.animal_study = False
        """The study was on animals (claims about people get flagged)."""
        self._load_token = 0
        self._paint_waiter: threading.Event | None = None
        """Set once the frame with the new text is drawn: the analysis waits for it."""

    # ----------------------------------------------------------------- loading

    def show_article(self, article: Article, *, animal_study: bool = False) -> None:
        """Read the article off the UI thread, then show it."""
        self.article = article
        self.animal_study = animal_study
        self._load_token += 1
        if article.body_loaded or loading.small_file(article):
            # A small file reads in about a millisecond: show it in this very frame.
            try:
                body = article.body
            except ArticleUnavailable as exc:
                self._show_unavailable(article, str(exc))
                return
            self._show_loaded(
                article, body, parse_blocks(body), self._load_token, has_bidi_controls(body)
            )
            return
        self.border_title = "Article (loading…)"
        self._load_body(article, self._load_token)

    @work(thread=True, exclusive=True, group="load-body", exit_on_error=False)
    def _load_body(self, article: Article, token: int) -> None:
        worker = get_current_worker()
        try:
            body = article.body
            blocks = parse_blocks(body)
            bidi = has_bidi_controls(body)
        except ArticleUnavailable as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_unavailable, article, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_loaded, article, body, blocks, token, bidi)

    def _show_unavailable(self, article: Article, reason: str) -> None:
        self.border_title = "Article"
        self.notify(f"Cannot open this article: {reason}", severity="error", markup=False)

    def _show_loaded(
        self, article: Article, body: str, blocks: list[Block], token: int, bidi: bool = False
    ) -> None:
        if token != self._load_token:
            return
        self.body = body
        self.has_bidi = bidi
        self.loaded_article = article
        self.blocks = blocks
        self.claim_index = ClaimIndex()
        self.cursor.reset(blocks)  # by blocks until the analysis is done
        self.search.clear()
        if self.search_active:
            self.end_search()  # a search belongs to one article: the box closes with it
        self._marks.clear()
        self._styles_dirty = True  # read again when next drawn (not now: 1 ms of the frame
        # and read again at once, as the class just below and the first layout restyle it)
        self.set_class(article.is_primary, "-primary")
        self.query_one(ArticleHeader).show(article)
        placeholder = self.query_one("#body-placeholder", Static)
        placeholder.display = not blocks
        if not blocks:
            placeholder.update("(This article has no text.)")
        self.text.reset()
        self.shown += 1
        self.border_title = "Primary source" if article.is_primary else "Article"
        self.scroll_home(animate=False)
        # Opened before (by this engine): the highlights and the legend come with the text,
        # in its frame (the legend's message goes ahead of the Loaded one).
        cached = loading.cached_now(body, self.animal_study)
        if cached is not None:
            self._show_analysis(article, cached[0], cached[1], token)
            self.post_message(self.Loaded(article))
            return
        shown = self._analyse_visible_now(article, body, token)
        self.post_message(self.Loaded(article))
        if shown == "all":
            return
        # The analysis thread starts now and waits for the frame that draws the text (see
        # render_lines), so it never delays that frame, and starts in the very next moment
        # rather than once the screen has settled (a refresh or two, and the app's own
        # after-first-frame work, later: about 40 ms at launch).
        painted = self._paint_waiter = threading.Event()
        self._analyse(article, body, token, painted, shown == "first")

    def _analyse_visible_now(
        self, article: Article, body: str, token: int
    ) -> Literal["all", "first", "none"]:
        """The part on screen analysed on the UI thread (see
        :func:`legreader.ui.body.loading.analyse_visible_now`) and shown."""
        shown, claims, found = loading.analyse_visible_now(body, self.animal_study)
        if shown == "first":
            self.claim_index = ClaimIndex(claims)
            self._announce()
        elif shown == "all" and found is not None:
            self._show_analysis(article, claims, found, token)
            self._keep_analysis(body, claims, found, self.animal_study)
        return shown

    @work(thread=True, group="keep-analysis", exit_on_error=False)
    def _keep_analysis(
        self, body: str, claims: list[ClaimSpan], found: list[tuple[int, int]], animal: bool
    ) -> None:
        """Write an analysis made on the UI thread to the cache (not for the UI thread)."""
        loading.keep(body, claims, found, animal)

    @work(thread=True, exclusive=True, group="analyse", exit_on_error=False)
    def _analyse(
        self,
        article: Article,
        body: str,
        token: int,
        painted: threading.Event | None = None,
        first_shown: bool = False,
    ) -> None:
        worker = get_current_worker()
        call = self.app.call_from_thread
        loading.analyse_rest(
            body,
            self.animal_study,
            painted=painted,
            first_shown=first_shown,
            cancelled=lambda: worker.is_cancelled,
            first=lambda claims: call(self._show_first_claims, claims, token),
            sentences_found=lambda found: call(self._show_sentences, found, token),
            done=lambda claims, found: call(self._show_analysis, article, claims, found, token),
        )

    def _show_first_claims(self, claims: list[ClaimSpan], token: int) -> None:
        """The claims of the visible part, ahead of the whole article's."""
        if token != self._load_token or self.claims_ready:
            return
        self.claim_index = ClaimIndex(claims)
        self.invalidate_all()
        self._announce()

    def _show_analysis(
        self,
        article: Article,
        claims: list[ClaimSpan],
        found: list[tuple[int, int]] | None,
        token: int,
    ) -> None:
        if token != self._load_token:
            return
        self.claim_index = ClaimIndex(claims, ready=True)
        if found is not None:  # else shown already, ahead of the claims
            self._show_sentences(found, token)
        self.invalidate_all()
        self.post_message(self.Analysed(article, claims))
        self._announce()

    def _show_sentences(self, found: list[tuple[int, int]], token: int) -> None:
        """The sentences the cursor moves by (until now, whole blocks); the selection keeps
        the text it covered."""
        if token != self._load_token:
            return
        self.cursor.refit(fit_sentences(found, self.blocks, self.body))
        selected = self.selection
        if selected:
            self._invalidate_range(*selected)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group in ("analyse", "load-body"):
            what = "Claim analysis" if event.worker.group == "analyse" else "Opening the article"
            self.notify(f"{what} failed: {event.worker.error!r}", severity="error", markup=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        waiter = self._paint_waiter
        if waiter is not None:
            # The frame being drawn holds the new text: the analysis starts now. (Not at the
            # event loop's next turn: that comes only once the screen has handled every
            # message waiting, 30 ms later at launch.)
            self._paint_waiter = None
            waiter.set()
        return super().render_lines(crop)

    # ------------------------------------------------------------------- keys

    def action_next_sentence(self) -> None:
        if not self.sentences:
            self.scroll_down(animate=False)
            return
        self._move(self.cursor.next_sentence(self._first_visible_sentence))

    def action_previous_sentence(self) -> None:
        if not self.sentences:
            self.scroll_up(animate=False)
            return
        # Moving up from nothing: start at the bottom of the view.
        self._move(self.cursor.previous_sentence(self._last_visible_sentence))

    def action_extend_down(self) -> None:
        if self.sel_head is None:
            self.action_next_sentence()
            return
        self._set_selection(*self.cursor.extend_down())

    def action_extend_up(self) -> None:
        if self.sel_head is None:
            self.action_previous_sentence()
            return
        self._set_selection(*self.cursor.extend_up())

    def action_next_paragraph(self) -> None:
        move = self.cursor.next_paragraph(self._first_visible_sentence)
        if move is not None:
            self._set_selection(*move)

    def action_previous_paragraph(self) -> None:
        move = self.cursor.previous_paragraph(self._first_visible_sentence)
        if move is not None:
            self._set_selection(*move)

    def action_select_paragraph(self) -> None:
        move = self.cursor.whole_paragraph(self._first_visible_sentence)
        if move is not None:
            self._set_selection(*move)

    def action_clear(self) -> None:
        if self.search_active:
            self.end_search()
            return
        self._move((None, None), scroll=False)

    def action_top(self) -> None:
        """Scroll to the top; the cursor goes along, to the first sentence."""
        if self.sentences:
            self._move((0, 0), scroll=False)
        self.scroll_home(animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Scroll to the end; the cursor goes along, to the last sentence."""
        if self.sentences:
            last = len(self.sentences) - 1
            self._move((last, last), scroll=False)
        if not self.text.complete:
            self.text.lay_out_all()
            self.call_after_refresh(self._scroll_to_end)
            return
        self._scroll_to_end()

    def _scroll_to_end(self, attempts: int = 0) -> None:
        """To the end now (a key pressed next sees it), once the layout has the whole text."""
        rows = self.text.virtual_region.y + self.text.laid_out_rows
        if self.virtual_size.height < rows and attempts < 5:
            self.call_after_refresh(self._scroll_to_end, attempts + 1)
            return
        self.scroll_end(animate=False, immediate=True)

    def action_page_up(self) -> None:
        super().action_page_up()

    def action_page_down(self) -> None:
        super().action_page_down()

    # ------------------------------------------------------------------ claims

    def action_next_claim(self) -> None:
        self._jump_claim(+1)

    def action_previous_claim(self) -> None:
        self._jump_claim(-1)

    def _jump_claim(self, step: int) -> None:
        """Select the next (or previous) highlighted claim: a bisect and a short walk, so the
        keys stay instant in an article with tens of thousands of claims."""
        if not self.highlights_on or not self.claim_index.any_shown(self.enabled):
            self.notify("No highlighted claims in this article.", timeout=2)
            return
        index = self.cursor.claim_stop(self.claim_index, step, self.enabled, len(self.body))
        if index is None:
            self.notify("No more claims that way.", timeout=2)
            return
        self.cursor.claim = index
        claim = self.claims[index]
        self.select_range(claim.start, claim.end)

    def action_toggle_highlights(self) -> None:
        self.highlights_on = not self.highlights_on
        self.notify(f"Highlighting {'on' if self.highlights_on else 'off'}", timeout=2)
        self._announce()

    def action_choose_categories(self) -> None:
        from legreader.ui.category_picker import CategoryPicker

        def chosen(result: set[str] | None) -> None:
            if result is not None:
                self.set_enabled_categories(result)
                self._announce()

        self.app.push_screen(CategoryPicker(self.enabled), chosen)

    # --------------------------------------------------------- annotation keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search_next", "search_previous"):
            return self.search_active
        if action == "annotate" and parameters and parameters[0] in ("note", "article_note"):
            return not self.search_active
        if action in ("verdict",) or (
            action == "annotate"
            and parameters
            and parameters[0] in ("tag", "note", "copy", "copy_styled")
        ):
            return True if self.article is not None else None
        return True

    def action_verdict(self, verdict: str) -> None:
        if not self.selection:
            self.notify(_SELECT_FIRST, timeout=3)
            return
        hold_keys(self)  # keys typed next wait until the app has handled this request
        self.post_message(messages.SetVerdict(verdict, from_body=True))

    def action_annotate(self, kind: str) -> None:
        if self.article is None:
            return
        needs_selection = kind in ("tag", "note", "copy", "copy_styled")
        if needs_selection and not self.selection:
            self.notify(_SELECT_FIRST, timeout=3)
            return
        # Keys typed next wait until the app has handled the request: they go to the dialog
        # it opens (tag, note, copy as…), or on to the text once a delete or undo is done.
        request = _ANNOTATE_REQUESTS.get(kind)
        if request is None:
            return
        hold_keys(self)
        self.post_message(request())

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        if self.article is None:
            return
        from legreader.ui.search_bar import SearchBar

        self.screen.query_one(SearchBar).open(self)

    def action_search_next(self) -> None:
        self._go_match(self.current_match + 1)
        self._announce()

    def action_search_previous(self) -> None:
        self._go_match(self.current_match - 1)
        self._announce()
