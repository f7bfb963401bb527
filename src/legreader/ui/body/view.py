"""What the article body shows: the text, its claim highlights, the reader's marks, search
matches and the selection, kept in view; and the lines under it (status, legend).

:class:`ArticleView` holds the body's state in plain objects (:class:`.cursor.SentenceCursor`,
:class:`.cursor.ClaimIndex`, :class:`.search_state.SearchState`, :class:`.decorations.MarkIndex`)
and shows it: redraws what changed, scrolls, posts what changed; a mouse click or drag on the
text selects the sentences under it. What the keys do, and how an article is loaded and
analysed, are :class:`legreader.ui.body.ArticleBody`'s (:mod:`.widget`), built on this class.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from legreader.claims.model import CATEGORIES, ClaimSpan
from legreader.corpus.blocks import Block, block_index_at
from legreader.corpus.loader import Article
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_text import Adornment, ArticleText, Decoration
from legreader.ui.body import decorations, status
from legreader.ui.body.cursor import ClaimIndex, Move, SentenceCursor
from legreader.ui.body.decorations import Mark, MarkIndex
from legreader.ui.body.search_state import REDRAW_EACH_UP_TO, SearchState
from legreader.ui.marks import VERDICT_KEYS, Legend


class ArticleView(VerticalScroll):
    """Shows one article's text with its highlights, marks, matches and selection."""

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

    highlights_on: reactive[bool] = reactive(True, init=False)

    # The messages keep the names they had on ArticleBody (handlers: on_article_body_...).

    class SelectionChanged(Message, namespace="article_body"):
        """The selection moved (start/end are None when it was cleared)."""

        def __init__(self, start: int | None, end: int | None) -> None:
            self.start = start
            self.end = end
            super().__init__()

    class Status(Message, namespace="article_body"):
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
        self._styles: dict[str, Style] = {}
        self._styles_dirty = True

    # ----------------------- the state, by the names it had before the body was split

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

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="article-header")
        yield Static(
            "Choose an article in the list (enter), or press ? for help.",
            id="body-placeholder",
            markup=False,
        )
        yield self.text

    def on_mount(self) -> None:
        self.border_title = "Article"

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        near_end = new_value + 3 * max(self.size.height, 1) >= self.max_scroll_y
        if near_end and not self.text.complete:
            self.text.lay_out_more()

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

    # ------------------------------------------------------------------ search

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
