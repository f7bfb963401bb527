"""The article body: the text, its claim highlights, the passage cursor and the reader's marks.

The body owns the keys that act on the text (:mod:`legreader.ui.body.keys`). It never saves
anything: annotation keys post :class:`ArticleBody.AnnotateRequest` messages that the app
(owner of the store) handles.

This widget is the Textual side only: it holds the state objects and applies their answers
(redraws what changed, scrolls, posts messages). The state and the rules are plain classes
in this package, tested without Pilot: the cursor and the claims (:mod:`.cursor`), the
in-article search (:mod:`.search_state`), which style goes where (:mod:`.decorations`), the
lines under the text (:mod:`.status`) and when text and analysis are read and computed
(:mod:`.loading`, with :mod:`legreader.claims.chunking`).
"""

from __future__ import annotations

import threading
from typing import ClassVar, Literal

from rich.style import Style
from textual import work
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from legreader.claims.chunking import fit_sentences
from legreader.claims.model import CATEGORIES, ClaimSpan
from legreader.corpus import Article, ArticleUnavailable
from legreader.layout import Block, block_index_at, parse_blocks
from legreader.textclean import has_bidi_controls
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_text import Adornment, ArticleText, Decoration
from legreader.ui.body import decorations, loading, status
from legreader.ui.body.cursor import ClaimIndex, Move, SentenceCursor
from legreader.ui.body.decorations import Mark, MarkIndex
from legreader.ui.body.keys import BODY_BINDINGS, BODY_FOOTER_ORDER
from legreader.ui.body.search_state import REDRAW_EACH_UP_TO, SearchState
from legreader.ui.key_gate import hold_keys
from legreader.ui.marks import VERDICT_KEYS, Legend

_SELECT_FIRST = "Select a passage first (j/k moves a sentence, v a paragraph)."


class ArticleBody(VerticalScroll, can_focus=True):
    """Shows one article; moves a sentence cursor; highlights claims, marks and matches."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"claim--{c}" for c in CATEGORIES),
        *(f"verdict--{v}" for v in VERDICT_KEYS),
        *(f"passage--{v}" for v in VERDICT_KEYS),
        "body--selection",
        "body--current-claim",
        "body--marked",
        "body--match",
        "body--match-current",
        "body--flag",
        "gutter--marked",
        "mark--note",
        "mark--tag",
    }

    BINDINGS: ClassVar[list[BindingType]] = BODY_BINDINGS

    FOOTER_ORDER: ClassVar[tuple[str, ...]] = BODY_FOOTER_ORDER
    """The body's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    highlights_on: reactive[bool] = reactive(True, init=False)

    class AnnotateRequest(Message):
        """The reader asked for something to be done with the selection."""

        def __init__(self, body: ArticleBody, kind: str, value: str | None = None) -> None:
            self.body = body
            self.kind = kind
            self.value = value
            super().__init__()

    class SelectionChanged(Message):
        """The selection moved (start/end are None when it was cleared)."""

        def __init__(self, start: int | None, end: int | None) -> None:
            self.start = start
            self.end = end
            super().__init__()

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

    class Status(Message):
        """What the details line under the body should say."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.loaded_article: Article | None = None
        """The article whose text is in the blocks now (``article`` may still be loading)."""
        self.body = ""
        self.has_bidi = False
        """The text holds bidi controls (drawn as ⇄ and flagged on the status line)."""
        self.blocks: list[Block] = []
        self.text = ArticleText(self, id="article-text")
        self.shown = 0
        """Counts the articles shown: changes each time text is put on screen."""
        self.cursor = SentenceCursor()
        """The selection and the moves of the cursor keys."""
        self.claim_index = ClaimIndex()
        """The claims shown, in text order (those of the part on screen until all are in)."""
        self.search = SearchState()
        """The in-article search: its matches and mode."""
        self._marks = MarkIndex()
        self.enabled: set[str] = set(CATEGORIES)
        self.animal_study = False
        self._styles: dict[str, Style] = {}
        self._styles_dirty = True
        self._load_token = 0
        self._paint_waiter: threading.Event | None = None
        """Set once the frame with the new text is drawn: the analysis waits for it."""

    # ------------------------------------------------ state, as before the split

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """The sentence spans the cursor moves by (whole blocks until the analysis is in)."""
        return self.cursor.sentences

    @property
    def sel_anchor(self) -> int | None:
        return self.cursor.anchor

    @property
    def sel_head(self) -> int | None:
        return self.cursor.head

    @property
    def current_claim(self) -> int | None:
        return self.cursor.claim

    @property
    def selection(self) -> tuple[int, int] | None:
        """Body offsets of the selected passage."""
        return self.cursor.selection

    @property
    def claims(self) -> list[ClaimSpan]:
        return self.claim_index.claims

    @property
    def claims_ready(self) -> bool:
        return self.claim_index.ready

    @property
    def matches(self) -> list[tuple[int, int]]:
        return self.search.matches

    @property
    def current_match(self) -> int:
        return self.search.current

    @property
    def search_active(self) -> bool:
        return self.search.active

    @property
    def marks(self) -> list[Mark]:
        """The reader's annotations on this article, in text order."""
        return self._marks.marks

    @marks.setter
    def marks(self, marks: list[Mark]) -> None:
        self._marks.marks = marks

    def sentence_at(self, offset: int) -> int:
        """The index in :attr:`sentences` of the sentence holding character ``offset`` of
        the body (the nearest one when ``offset`` falls between or outside them)."""
        return self.cursor.sentence_at(offset)

    # ----------------------------------------------------------------- showing

    def compose(self):  # type: ignore[override]
        yield ArticleHeader(id="article-header")
        yield Static(
            "Choose an article in the list (enter), or press ? for help.",
            id="body-placeholder",
            markup=False,
        )
        yield self.text

    def on_mount(self) -> None:
        self.border_title = "Article"

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

    def render_lines(self, crop: Region) -> list[Strip]:
        waiter = self._paint_waiter
        if waiter is not None:
            # The frame being drawn holds the new text: the analysis starts now. (Not at the
            # event loop's next turn: that comes only once the screen has handled every
            # message waiting, 30 ms later at launch.)
            self._paint_waiter = None
            waiter.set()
        return super().render_lines(crop)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        near_end = new_value + 3 * max(self.size.height, 1) >= self.max_scroll_y
        if near_end and not self.text.complete:
            self.text.lay_out_more()

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

    def set_marks(self, marks: list[Mark]) -> None:
        """The reader's annotations on this article (body offsets). Only the blocks whose
        marks changed are drawn again (a verdict saved redraws its paragraph, not the page)."""
        changed = self._marks.set(marks, self.blocks)
        # Chips and markers are drawn into the text: the blocks they are in wrap again.
        self.text.relayout_blocks(changed)
        if len(changed) > 64:
            self.invalidate_all()
            return
        for index in changed:
            self.text.invalidate_blocks(index, index)

    def set_enabled_categories(self, enabled: set[str]) -> None:
        self.enabled = set(enabled)
        self.invalidate_all()
        self._announce()

    def watch_highlights_on(self) -> None:
        self.invalidate_all()

    def invalidate_all(self) -> None:
        self.text.invalidate_all()

    def _invalidate_range(self, start: int, end: int) -> None:
        if not self.blocks:
            return
        first = block_index_at(self.blocks, start)
        last = block_index_at(self.blocks, max(start, end - 1))
        self.text.invalidate_blocks(first, last)

    def _refresh_styles(self) -> None:
        """Read the highlight styles from TCSS (component classes), once they are there."""
        styles: dict[str, Style] = {}
        for name in self.COMPONENT_CLASSES:
            try:
                styles[name] = self.get_component_rich_style(name, partial=True)
            except KeyError:  # the stylesheet has not been applied yet
                self._styles_dirty = True
                return
        self._styles = styles
        self._styles_dirty = False

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles_dirty = True
        self.text.invalidate_all()

    # ------------------------------------------------------------ decorations

    def decorations_for(self, block: Block) -> list[Decoration]:
        """Styles over body offsets for one block, weakest first."""
        if self._styles_dirty:
            self._refresh_styles()
        return decorations.decorate(
            block,
            self.mark_spans(block),
            styles=self._styles,
            claims=self.claim_index,
            highlights_on=self.highlights_on,
            enabled=self.enabled,
            search=self.search,
            selection=self.selection,
            current_claim=self.current_claim,
        )

    def mark_spans(self, block: Block) -> list[tuple[int, int, str | None]]:
        """The reader's marks over ``block``: ``(start, end, verdict)``, cut to the block (merged
        by verdict when there are very many)."""
        return self._marks.spans(block_index_at(self.blocks, block.start), block)

    def adornments_for(self, index: int) -> list[Adornment]:
        """What is drawn into block ``index`` besides its text (see
        :meth:`legreader.ui.body.decorations.MarkIndex.adornments`)."""
        return self._marks.adornments(index, self.blocks)

    def adornment_style(self, name: str) -> Style:
        """The style of an adornment (a verdict's chip, or a component class)."""
        if self._styles_dirty:
            self._refresh_styles()
        return decorations.chip_style(self._styles, name)

    def gutter_style_for(self, verdicts: list[str | None]) -> Style:
        """The gutter bar's style beside marks with these verdicts: the worst one's colour."""
        if self._styles_dirty:
            self._refresh_styles()
        return decorations.gutter_style(self._styles, verdicts)

    # --------------------------------------------------------------- selection

    def select_range(self, start: int, end: int, *, center: bool = False) -> None:
        """Select the sentences covering ``[start, end)`` and show them (in the middle of the
        view with ``center``, as a jump from elsewhere does; else scrolled just into view)."""
        if not self.sentences:
            return
        self._set_selection(*self.cursor.covering(start, end), center=center)

    def _set_selection(
        self, anchor: int | None, head: int | None, *, scroll: bool = True, center: bool = False
    ) -> None:
        old = self.selection
        self.cursor.select(anchor, head)
        new = self.selection
        if old:
            self._invalidate_range(*old)
        if new:
            self._invalidate_range(*new)
            if scroll:
                head_first = self.cursor.head_first
                self._reveal(new[0], new[1], new[0] if head_first else new[1] - 1, center=center)
        self.post_message(self.SelectionChanged(*(new or (None, None))))
        self._announce()

    def _move(self, move: Move | None, *, scroll: bool = True) -> None:
        """Apply a move the cursor planned (None: nothing to do); leaves the claim reached."""
        if move is None:
            return
        self.cursor.claim = None
        self._set_selection(*move, scroll=scroll)

    def _reveal(
        self, start: int, end: int, head: int, attempts: int = 0, *, center: bool = False
    ) -> None:
        """Scroll so the passage ``[start, end)`` is in view: all of it when it fits, else the
        line with ``head`` (the end the cursor moves); in the middle of the view with
        ``center``. Text not laid out yet is laid out first."""
        if not self.blocks:
            return
        last = block_index_at(self.blocks, max(start, end - 1))
        if self.text.lay_out_through(last):
            self.call_after_refresh(self._reveal, start, end, head, attempts + 1, center=center)
            return
        rows = [self.text.row_of(offset) for offset in (start, max(start, end - 1), head)]
        if None in rows:
            return
        first_row, last_row, head_row = (row or 0 for row in rows)
        top = self.text.virtual_region.y
        if top + last_row >= self.virtual_size.height and attempts < 5:
            # The new layout has not reached the scroll container yet: scrolling now would
            # stop at the old end of the text.
            self.call_after_refresh(self._reveal, start, end, head, attempts + 1, center=center)
            return
        height = max(self.scrollable_content_region.height, 1)
        if last_row - first_row < height:
            region = Region(0, top + first_row, 1, last_row - first_row + 1)
        else:
            region = Region(0, top + head_row, 1, 1)
        self.scroll_to_region(
            region, animate=False, spacing=None, top=False, center=center, immediate=True
        )

    def reading_position(self, visible: tuple[int, int]) -> tuple[str, int] | None:
        """Where the reader is, given the text rows on screen ``[first, last)``:
        ``("selection", offset)`` when the passage is in view, else ``("top", offset)`` of the
        line at the top of the view; None while the top of the text shows."""
        row, last = visible
        selection = self.selection
        if selection:
            at = self.text.row_of(selection[0])
            if at is not None and row <= at < last:
                return ("selection", selection[0])
        if row <= 0:
            return None
        offset = self.text.offset_at(0, row)
        return None if offset is None else ("top", offset)

    def restore_reading_position(self, place: tuple[str, int]) -> None:
        kind, offset = place
        if not self.blocks or offset >= len(self.body):
            return
        if kind == "selection":
            selection = self.selection
            if selection:
                self._reveal(*selection, selection[0])
            return
        row = self.text.row_of(offset)
        if row is not None:
            self.scroll_to(y=self.text.virtual_region.y + row, animate=False, immediate=True)

    def _first_visible_sentence(self) -> int:
        if not self.sentences:
            return 0
        row, _ = self.text.view_rows()
        index = self.text.block_from_row(max(row, 0))
        if index is None:
            return len(self.sentences) - 1
        return self.cursor.sentence_at(self.blocks[index].start)

    def _last_visible_sentence(self) -> int:
        if not self.sentences:
            return 0
        _, row = self.text.view_rows()
        offset = self.text.offset_at(0, row) if row >= 0 else 0
        if offset is None:
            return len(self.sentences) - 1
        return self.cursor.sentence_at(offset)

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

    def drag_to(self, anchor: int, offset: int) -> None:
        """A mouse drag from body offset ``anchor`` to ``offset``: select the sentences between."""
        if not self.sentences:
            return
        first, last = self.cursor.sentence_at(anchor), self.cursor.sentence_at(offset)
        if (first, last) != (self.sel_anchor, self.sel_head):
            self._move((first, last), scroll=False)

    def click_at(self, offset: int, *, extend: bool) -> None:
        """A mouse click on the text: select that sentence (shift extends)."""
        if not self.sentences:
            return
        index = self.cursor.sentence_at(offset)
        self.focus()
        if extend and self.sel_anchor is not None:
            self._set_selection(self.sel_anchor, index, scroll=False)
        else:
            self._set_selection(index, index, scroll=False)

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

    def flags_under_cursor(self) -> list[str]:
        """The flags of the highlighted claims the selection touches (each once, in order):
        what the red flag background on the selected sentence means."""
        selection = self.selection
        if not selection or not self.highlights_on:
            return []
        return self.claim_index.flags_under(selection, self.enabled)

    def claim_under_cursor(self) -> ClaimSpan | None:
        current = self.current_claim
        if current is not None and current < len(self.claims):
            return self.claims[current]
        selection = self.selection
        return self.claim_index.under(selection, self.enabled) if selection else None

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
        self.post_message(self.AnnotateRequest(self, "verdict", verdict))

    def action_annotate(self, kind: str) -> None:
        if self.article is None:
            return
        needs_selection = kind in ("tag", "note", "copy", "copy_styled")
        if needs_selection and not self.selection:
            self.notify(_SELECT_FIRST, timeout=3)
            return
        # Keys typed next wait until the app has handled the request: they go to the dialog
        # it opens (tag, note, copy as…), or on to the text once a delete or undo is done.
        hold_keys(self)
        self.post_message(self.AnnotateRequest(self, kind))

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        if self.article is None:
            return
        from legreader.ui.search_bar import SearchBar

        self.screen.query_one(SearchBar).open(self)

    def _redraw_matches(self, matches: list[tuple[int, int]]) -> None:
        for start, end in matches[:REDRAW_EACH_UP_TO]:
            self._invalidate_range(start, end)

    def set_matches(self, matches: list[tuple[int, int]], *, jump: bool = True) -> None:
        old = self.search.start(matches)
        self._redraw_matches(old)
        if len(old) > REDRAW_EACH_UP_TO or len(matches) > REDRAW_EACH_UP_TO:
            self.invalidate_all()
        self._redraw_matches(matches)
        if matches and jump:
            here = self.selection[0] if self.selection else self._viewport_offset()
            self._go_match(self.search.first_from(here))
        self._show_search_mode()

    def _viewport_offset(self) -> int:
        index = self._first_visible_sentence()
        return self.sentences[index][0] if self.sentences else 0

    def _go_match(self, index: int) -> None:
        moved = self.search.go(index)
        if moved is None:
            return
        for i in moved:
            span = self.search.span(i)
            if span is not None:
                self._invalidate_range(*span)
        start, end = self.matches[self.current_match]
        self.select_range(start, end)

    def action_search_next(self) -> None:
        self._go_match(self.current_match + 1)
        self._announce()

    def action_search_previous(self) -> None:
        self._go_match(self.current_match - 1)
        self._announce()

    def _show_search_mode(self) -> None:
        """The mode is on screen: "SEARCH" under the body, and the footer's `n` says
        "Next match" (bindings are re-checked: ``check_action`` swaps note and match keys)."""
        self.set_class(self.search_active, "-searching")
        self.border_subtitle = (
            "SEARCH · n/N next/prev match · esc ends" if self.search_active else ""
        )
        self.refresh_bindings()

    def show_search_state(self) -> None:
        """Footer keys and status line brought up to date with the search mode."""
        self.refresh_bindings()
        self._announce()

    def end_search(self) -> None:
        """Leave search mode: matches gone, box hidden, `n` is "note" again."""
        old = self.search.end()
        if len(old) > REDRAW_EACH_UP_TO:
            self.invalidate_all()
        else:
            self._redraw_matches(old)
        self._show_search_mode()
        from legreader.ui.search_bar import SearchBar

        for bar in self.screen.query(SearchBar):
            bar.close()
        self._announce()

    # ------------------------------------------------------------- status line

    def _announce(self) -> None:
        self.post_message(self.Status(self.status_text()))

    def legend(self) -> Legend:
        """Two lines under the text: one coloured word per claim category, with its count
        (hidden ones struck out); then each verdict's chip and name, the flag, the note and tag
        markers, in the styles the text uses."""
        if self._styles_dirty:
            self._refresh_styles()
        return status.legend(
            counts=self.claim_index.counts,
            styles=self._styles,
            shown=status.shown_categories(self.highlights_on, self.enabled),
            chip_style=self.adornment_style,
        )

    def status_text(self) -> str:
        return status.status_text(
            search=self.search.status(),
            flags=self.flags_under_cursor(),
            claim=self.claim_under_cursor(),
            selection=self.selection,
            highlights_on=self.highlights_on,
            has_bidi=self.has_bidi,
        )
