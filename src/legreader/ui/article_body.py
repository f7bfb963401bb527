"""The article body: the text, its claim highlights, the passage cursor and the reader's marks.

The body owns the keys that act on the text. It never saves anything: annotation keys
post :class:`ArticleBody.AnnotateRequest` messages that the app (owner of the store)
handles.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from legreader.claims.model import CATEGORIES, ClaimSpan, flag_explanation
from legreader.corpus import Article, ArticleUnavailable
from legreader.layout import Block, block_index_at, parse_blocks
from legreader.textclean import BIDI_GLYPH, has_bidi_controls
from legreader.ui import messages
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_text import Adornment, ArticleText, Decoration
from legreader.ui.key_gate import hold_keys
from legreader.ui.marks import (
    FLAG_GLYPH,
    LEGEND_NAMES,
    NOTE_GLYPH,
    TAG_GLYPH,
    VERDICT_GLYPHS,
    VERDICT_KEYS,
    Legend,
)


def _chip(found: dict[tuple[int, int, str], Adornment], at: int, verdict: str) -> None:
    """A verdict's chip (its glyph) and a space on its tint, before block position ``at``."""
    glyph = VERDICT_GLYPHS.get(verdict, "?")
    found[at, 1, f"{verdict}:0"] = Adornment(at, glyph, f"chip--{verdict}")
    found[at, 1, f"{verdict}:1"] = Adornment(at, " ", f"passage--{verdict}")


#: Keys shown in the footer as one item each (``1-6 Verdict``, ``j/k Sentence``).
VERDICT_GROUP = Binding.Group("Verdict", compact=True)
SENTENCE_GROUP = Binding.Group("Sentence", compact=True)
CLAIM_GROUP = Binding.Group("Claim", compact=True)


@dataclass(frozen=True)
class Mark:
    """Something the reader made on the text (an annotation), as the body shows it."""

    id: str
    start: int
    end: int
    verdict: str | None
    has_note: bool
    tags: tuple[str, ...]


#: A block with more marks than this draws each verdict's marks merged into runs (thousands of
#: overlapping marks on one paragraph took seconds to draw one by one).
MAX_MARKS_PER_BLOCK = 200


def _merged_by_verdict(
    spans: list[tuple[int, int, str | None]],
) -> list[tuple[int, int, str | None]]:
    """Overlapping or touching spans of the same verdict merged, in order of their starts."""
    runs: dict[str | None, list[list[int]]] = {}
    for start, end, verdict in sorted(spans, key=lambda s: s[0]):
        mine = runs.setdefault(verdict, [])
        if mine and start <= mine[-1][1]:
            mine[-1][1] = max(mine[-1][1], end)
        else:
            mine.append([start, end])
    merged = [(a, z, v) for v, ranges in runs.items() for a, z in ranges]
    return sorted(merged, key=lambda s: s[0])


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

    BINDINGS: ClassVar[list[Any]] = [
        Binding(
            "j,down",
            "next_sentence",
            "Next sentence",
            id="body.next_sentence",
            group=SENTENCE_GROUP,
        ),
        Binding(
            "k,up",
            "previous_sentence",
            "Prev sentence",
            id="body.previous_sentence",
            group=SENTENCE_GROUP,
        ),
        Binding("J,shift+down", "extend_down", "Extend", show=False, id="body.extend_down"),
        Binding("K,shift+up", "extend_up", "Shrink/extend up", show=False, id="body.extend_up"),
        Binding(
            "right_curly_bracket",
            "next_paragraph",
            "Next para",
            show=False,
            id="body.next_paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "previous_paragraph",
            "Prev para",
            show=False,
            id="body.previous_paragraph",
        ),
        Binding("v", "select_paragraph", "Select para", show=False, id="body.select_paragraph"),
        Binding("escape", "clear", "Clear", show=False, id="body.clear"),
        Binding(
            "left_square_bracket",
            "previous_claim",
            "Prev claim",
            id="body.previous_claim",
            group=CLAIM_GROUP,
        ),
        Binding(
            "right_square_bracket",
            "next_claim",
            "Next claim",
            id="body.next_claim",
            group=CLAIM_GROUP,
        ),
        Binding("g,home", "top", "Top", show=False, id="body.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="body.bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="body.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="body.page_down"),
        Binding("h", "toggle_highlights", "Highlights", id="body.toggle_highlights"),
        Binding("H", "choose_categories", "Categories", show=False, id="body.choose_categories"),
        Binding(
            "1", "verdict('accurate')", "Accurate", id="body.verdict_accurate", group=VERDICT_GROUP
        ),
        Binding(
            "2",
            "verdict('misleading')",
            "Misleading",
            id="body.verdict_misleading",
            group=VERDICT_GROUP,
        ),
        Binding(
            "3",
            "verdict('overstated')",
            "Overstated",
            id="body.verdict_overstated",
            group=VERDICT_GROUP,
        ),
        Binding(
            "4",
            "verdict('unsupported')",
            "Unsupported",
            id="body.verdict_unsupported",
            group=VERDICT_GROUP,
        ),
        Binding("5", "verdict('false')", "False", id="body.verdict_false", group=VERDICT_GROUP),
        Binding(
            "6",
            "verdict('promotional')",
            "Promotional",
            id="body.verdict_promotional",
            group=VERDICT_GROUP,
        ),
        Binding("t", "annotate('tag')", "Tag", id="body.tag"),
        Binding("n", "search_next", "Next match", id="search.next"),
        Binding("N", "search_previous", "Prev match", show=False, id="search.previous"),
        Binding("n", "annotate('note')", "Note", id="body.note"),
        Binding(
            "N", "annotate('article_note')", "Article note", show=False, id="body.article_note"
        ),
        Binding("x", "annotate('delete')", "Delete", show=False, id="body.delete"),
        Binding("u", "annotate('undo')", "Undo", show=False, id="body.undo"),
        Binding("y", "annotate('copy')", "Copy quote", id="body.copy"),
        Binding("Y", "annotate('copy_styled')", "Copy as…", show=False, id="body.copy_styled"),
        Binding("slash", "search", "Search", id="body.search"),
    ]

    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "body.verdict_accurate",
        "body.tag",
        "body.note",
        "search.next",
        "body.copy",
        "body.search",
        "body.next_sentence",
        "body.previous_claim",
        "body.toggle_highlights",
    )
    """The body's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    highlights_on: reactive[bool] = reactive(True, init=False)

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
        self.sentences: list[tuple[int, int]] = []
        self.claims: list[ClaimSpan] = []
        self.claims_ready = False
        self._claim_starts: list[int] = []
        self._claim_reach = 0
        """The length of the longest claim: how far back a claim can start and still reach here."""
        self._claim_counts: dict[str, int] = {}
        """Claims per category (a long article has tens of thousands: counted once)."""
        self.marks: list[Mark] = []
        self._marks_by_block: dict[int, list[Mark]] = {}
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self.search_active = False
        self.enabled: set[str] = set(CATEGORIES)
        self.sel_anchor: int | None = None
        self.sel_head: int | None = None
        self.current_claim: int | None = None
        self.animal_study = False
        self._styles: dict[str, Style] = {}
        self._styles_dirty = True
        self._load_token = 0
        self._paint_waiter: threading.Event | None = None
        """Set once the frame with the new text is drawn: the analysis waits for it."""

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
        if article.body_loaded or _small_file(article):
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
        self._set_claims([], ready=False)
        self._set_sentences([(b.start, b.end) for b in blocks])  # until analysis is done
        self.sel_anchor = self.sel_head = self.current_claim = None
        self.matches = []
        self.current_match = -1
        if self.search_active:
            self.end_search()  # a search belongs to one article: the box closes with it
        self.marks = []
        self._marks_by_block = {}
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
        if len(body) <= CACHED_ON_UI_THREAD:
            # Opened before (by this engine): the highlights and the legend come with the
            # text, in its frame (the legend's message goes ahead of the Loaded one).
            from legreader.claims import cache

            cached = cache.load(body, animal_study=self.animal_study)
            if cached is not None:
                self._show_analysis(article, cached[0], cached[1], token)
                self.post_message(self.Loaded(article))
                return
        shown = self._analyse_visible_now(article, body, token)
        if shown == "all":
            self.post_message(self.Loaded(article))
            return
        self.post_message(self.Loaded(article))
        # The analysis thread starts now and waits for the frame that draws the text (see
        # render_lines), so it never delays that frame, and starts in the very next moment
        # rather than once the screen has settled (a refresh or two, and the app's own
        # after-first-frame work, later: about 40 ms at launch).
        painted = self._paint_waiter = threading.Event()
        self._analyse(article, body, token, painted, shown == "first")

    def _analyse_visible_now(
        self, article: Article, body: str, token: int
    ) -> Literal["all", "first", "none"]:
        """A never-analysed article: the part on screen analysed here, on the UI thread, so
        its highlights come with the text, in its frame (about 2 ms; and 10 ms to load the
        engine from its compiled-pattern table for the first article of a session). Done
        after the frame instead, the highlights came 70-100 ms after the text at launch: the
        analysis waited for the interpreter while the screen settled and the start-up work
        ran. Returns "all" (the whole article: done), "first" (the part on screen: the rest
        is for the worker) or "none" (too long a first screen, an engine that would take
        100 ms to load, or a failure the worker will report)."""
        visible = _visible_end(body)
        if visible > SYNC_ANALYSIS_CHARS or not _engine_loads_fast():
            return "none"
        try:
            first = _chunk_claims(body[:visible], 0, self.animal_study)
        except Exception:  # analysed again in the worker, which reports the failure
            return "none"
        if visible < len(body):
            self._set_claims(first, ready=False)
            self._announce()
            return "first"
        from legreader.claims import sentences

        found = sentences(body)
        self._show_analysis(article, first, found, token)
        self._keep_analysis(body, first, found, self.animal_study)
        return "all"

    @work(thread=True, group="keep-analysis", exit_on_error=False)
    def _keep_analysis(
        self, body: str, claims: list[ClaimSpan], found: list[tuple[int, int]], animal: bool
    ) -> None:
        """Write an analysis made on the UI thread to the cache (a file, and now and then a
        walk of the cache folder to keep it bounded: not for the UI thread)."""
        from legreader.claims import cache

        cache.store(body, claims, found, animal_study=animal)

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
        if painted is not None:
            painted.wait(PAINT_WAIT_SECONDS)  # (not drawn by then: hidden; analysed anyway)
            if worker.is_cancelled:
                return
        from legreader.claims import cache

        animal_study = self.animal_study
        if len(body) > CACHED_ON_UI_THREAD:  # (else looked up already)
            cached = cache.load(body, animal_study=animal_study)
            if cached is not None:
                if not worker.is_cancelled:
                    self.app.call_from_thread(
                        self._show_analysis, article, cached[0], cached[1], token
                    )
                return
        from legreader.claims import sentences

        visible = _visible_end(body)
        if visible < len(body) and not first_shown:
            # The part on screen first: its claims are drawn while the rest is analysed.
            first = _chunk_claims(body[:visible], 0, animal_study)
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._show_first_claims, first, token)
        chunks = _analysis_chunks(body)
        # Sentences first (about 20 MB/s, against 3 MB/s for the claims): in a long article
        # the cursor moves by sentence within a moment of opening it.
        found: list[tuple[int, int]] = []
        for start, end in chunks:
            if worker.is_cancelled:
                return
            found.extend((s + start, e + start) for s, e in sentences(body[start:end]))
            time.sleep(0)  # let the UI thread take the interpreter between chunks
        if len(chunks) > 1:
            self.app.call_from_thread(self._show_sentences, found, token)
        claims: list[ClaimSpan] = []
        for start, end in chunks:
            if worker.is_cancelled:
                return
            claims.extend(_chunk_claims(body[start:end], start, animal_study))
            time.sleep(0)
        if not worker.is_cancelled:
            sentences_shown = len(chunks) > 1
            self.app.call_from_thread(
                self._show_analysis, article, claims, None if sentences_shown else found, token
            )
        cache.store(body, claims, found, animal_study=animal_study)

    def _show_first_claims(self, claims: list[ClaimSpan], token: int) -> None:
        """The claims of the visible part, ahead of the whole article's."""
        if token != self._load_token or self.claims_ready:
            return
        self._set_claims(claims, ready=False)
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
        self._set_claims(claims, ready=True)
        if found is not None:  # else shown already, ahead of the claims
            self._show_sentences(found, token)
        self.invalidate_all()
        self.post_message(self.Analysed(article, claims))
        self._announce()

    def _set_claims(self, claims: list[ClaimSpan], *, ready: bool) -> None:
        """The claims shown, and what is kept to find them fast (they are in text order)."""
        from collections import Counter

        self.claims = claims
        self.claims_ready = ready
        self._claim_starts = [c.start for c in claims]
        self._claim_reach = max((c.end - c.start for c in claims), default=0)
        self._claim_counts = dict(Counter(c.category for c in claims))

    def _show_sentences(self, found: list[tuple[int, int]], token: int) -> None:
        """The sentences the cursor moves by (until now, whole blocks); the selection keeps
        the text it covered."""
        if token != self._load_token:
            return
        selected = self.selection
        self._set_sentences(_fit_sentences(found, self.blocks, self.body))
        if selected:
            self.sel_anchor = self._sentence_at(selected[0])
            self.sel_head = self._sentence_at(selected[1] - 1)
            self._invalidate_range(*selected)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group in ("analyse", "load-body"):
            what = "Claim analysis" if event.worker.group == "analyse" else "Opening the article"
            self.notify(f"{what} failed: {event.worker.error!r}", severity="error", markup=False)

    def set_marks(self, marks: list[Mark]) -> None:
        """The reader's annotations on this article (body offsets). Only the blocks whose
        marks changed are drawn again (a verdict saved redraws its paragraph, not the page)."""
        before = self._marks_by_block
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._refresh_gutter()
        after = self._marks_by_block
        changed = sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))
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
        out: list[Decoration] = []
        if self._styles_dirty:
            self._refresh_styles()
        styles = self._styles
        if self.highlights_on and self.claims:
            lo = bisect_left(self._claim_starts, block.start - self._claim_reach)
            claims = self.claims
            for i in range(lo, len(claims)):  # by index: a slice would copy the list's tail
                claim = claims[i]
                if claim.start >= block.end:
                    break
                if claim.end <= block.start or claim.category not in self.enabled:
                    continue
                style = styles.get(f"claim--{claim.category}")
                if style:
                    out.append((claim.start, claim.end, style))
                if claim.flags and "body--flag" in styles:
                    out.append((claim.start, claim.end, styles["body--flag"]))
        for start, end, verdict in self.mark_spans(block):
            style = styles.get(f"passage--{verdict}" if verdict else "body--marked")
            if style:
                out.append((start, end, style))
        if self.matches:
            lo = bisect_left(self.matches, (block.start, -1))
            for i in range(max(0, lo - 1), len(self.matches)):
                start, end = self.matches[i]
                if start >= block.end:
                    break
                if end <= block.start:
                    continue
                name = "body--match-current" if i == self.current_match else "body--match"
                out.append((start, end, styles.get(name, Style(reverse=True))))
        selection = self.selection
        if selection and selection[0] < block.end and selection[1] > block.start:
            out.append(
                (selection[0], selection[1], styles.get("body--selection", Style(reverse=True)))
            )
            current = self.current_claim
            if current is not None and current < len(self.claims):
                # `[`/`]` go claim by claim, several to a sentence: the one reached is marked
                # inside the selected sentence.
                claim = self.claims[current]
                if claim.start < block.end and claim.end > block.start:
                    out.append(
                        (
                            claim.start,
                            claim.end,
                            styles.get("body--current-claim", Style(underline=True)),
                        )
                    )
        return out

    def _refresh_gutter(self) -> None:
        """Bucket the marks by block (for decorations and the gutter mark of each block)."""
        buckets: dict[int, list[Mark]] = {}
        for mark in self.marks:
            first = block_index_at(self.blocks, mark.start)
            last = block_index_at(self.blocks, max(mark.start, mark.end - 1))
            for index in range(first, last + 1):
                buckets.setdefault(index, []).append(mark)
        self._marks_by_block = buckets

    def mark_spans(self, block: Block) -> list[tuple[int, int, str | None]]:
        """The reader's marks over ``block``: ``(start, end, verdict)``, cut to the block (merged
        by verdict when there are very many)."""
        index = block_index_at(self.blocks, block.start)
        marks = self._marks_by_block.get(index, ())
        spans = [
            (max(m.start, block.start), min(m.end, block.end), m.verdict)
            for m in marks
            if m.end > block.start and m.start < block.end
        ]
        if len(spans) > MAX_MARKS_PER_BLOCK:
            spans = _merged_by_verdict(spans)
        return spans

    def adornments_for(self, index: int) -> list[Adornment]:
        """What is drawn into block ``index`` besides its text (positions counted from the
        block's start): before each passage with a verdict, the verdict's chip (its glyph) and
        a space; after a passage with a note ✎, with tags #. In text order (at one place, the
        markers of a passage that ends there come before the chip of one that starts there)."""
        marks = self._marks_by_block.get(index)
        if not marks or not 0 <= index < len(self.blocks):
            return []
        block = self.blocks[index]
        first, end = block.start, block.end
        found: dict[tuple[int, int, str], Adornment] = {}
        if len(marks) > MAX_MARKS_PER_BLOCK:
            # Thousands of marks on one paragraph: a chip per run of one verdict, no markers.
            for start, _end, verdict in self.mark_spans(block):
                if verdict and start >= first:
                    _chip(found, start - first, verdict)
            return [found[k] for k in sorted(found)]
        for mark in marks:
            if mark.verdict and first <= mark.start < end:
                _chip(found, mark.start - first, mark.verdict)
            if first < mark.end <= end:
                at = mark.end - first
                if mark.has_note:
                    found[at, 0, "note"] = Adornment(at, NOTE_GLYPH, "mark--note")
                if mark.tags:
                    found[at, 0, "tag"] = Adornment(at, TAG_GLYPH, "mark--tag")
        return [found[k] for k in sorted(found)]

    def adornment_style(self, name: str) -> Style:
        """The style of an adornment: ``chip--<verdict>`` is the verdict's glyph in reverse
        (a cell of its colour); else a component class (the chip's space is on the tint)."""
        if self._styles_dirty:
            self._refresh_styles()
        if name.startswith("chip--"):
            verdict = name.removeprefix("chip--")
            return self._styles.get(f"verdict--{verdict}", Style()) + Style(reverse=True)
        return self._styles.get(name, Style())

    def gutter_style_for(self, verdicts: list[str | None]) -> Style:
        """The gutter bar's style beside marks with these verdicts: the worst one's colour."""
        from legreader.store.model import worst_verdict

        if self._styles_dirty:
            self._refresh_styles()
        worst = worst_verdict(verdicts)
        name = f"verdict--{worst}" if worst else "gutter--marked"
        return self._styles.get(name) or Style(color="grey50")

    # --------------------------------------------------------------- selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """Body offsets of the selected passage."""
        if self.sel_anchor is None or self.sel_head is None or not self.sentences:
            return None
        first, last = sorted((self.sel_anchor, self.sel_head))
        return self.sentences[first][0], self.sentences[last][1]

    def select_range(self, start: int, end: int, *, center: bool = False) -> None:
        """Select the sentences covering ``[start, end)`` and show them (in the middle of the
        view with ``center``, as a jump from elsewhere does; else scrolled just into view)."""
        if not self.sentences:
            return
        self._set_selection(
            self._sentence_at(start), self._sentence_at(max(start, end - 1)), center=center
        )

    _sentence_starts: list[int] = []

    def _set_sentences(self, sentences: list[tuple[int, int]]) -> None:
        """The sentence spans the cursor moves by, and their starts for bisecting (made once)."""
        self.sentences = sentences
        self._sentence_starts = [start for start, _ in sentences]

    def sentence_at(self, offset: int) -> int:
        """The index in :attr:`sentences` of the sentence holding character ``offset`` of
        the body (the nearest one when ``offset`` falls between or outside them)."""
        return self._sentence_at(offset)

    def _sentence_at(self, offset: int) -> int:
        starts = self._sentence_starts
        index = bisect_right(starts, offset) - 1
        return min(max(index, 0), len(self.sentences) - 1)

    def _set_selection(
        self, anchor: int | None, head: int | None, *, scroll: bool = True, center: bool = False
    ) -> None:
        old = self.selection
        self.sel_anchor, self.sel_head = anchor, head
        new = self.selection
        if old:
            self._invalidate_range(*old)
        if new:
            self._invalidate_range(*new)
            if scroll:
                head_first = self.sel_head == min(self.sel_anchor or 0, self.sel_head or 0)
                self._reveal(new[0], new[1], new[0] if head_first else new[1] - 1, center=center)
        self.post_message(self.SelectionChanged(*(new or (None, None))))
        self._announce()

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
        return self._sentence_at(self.blocks[index].start)

    def _last_visible_sentence(self) -> int:
        if not self.sentences:
            return 0
        _, row = self.text.view_rows()
        offset = self.text.offset_at(0, row) if row >= 0 else 0
        if offset is None:
            return len(self.sentences) - 1
        return self._sentence_at(offset)

    def action_next_sentence(self) -> None:
        if not self.sentences:
            self.scroll_down(animate=False)
            return
        if self.sel_head is None:
            index = self._first_visible_sentence()
        else:
            index = min(max(self.sel_anchor or 0, self.sel_head) + 1, len(self.sentences) - 1)
        self.current_claim = None
        self._set_selection(index, index)

    def action_previous_sentence(self) -> None:
        if not self.sentences:
            self.scroll_up(animate=False)
            return
        if self.sel_head is None:  # moving up from nothing: start at the bottom of the view
            index = self._last_visible_sentence()
        else:
            index = max(min(self.sel_anchor or 0, self.sel_head) - 1, 0)
        self.current_claim = None
        self._set_selection(index, index)

    def action_extend_down(self) -> None:
        if self.sel_head is None:
            self.action_next_sentence()
            return
        self._set_selection(self.sel_anchor, min(self.sel_head + 1, len(self.sentences) - 1))

    def action_extend_up(self) -> None:
        if self.sel_head is None:
            self.action_previous_sentence()
            return
        self._set_selection(self.sel_anchor, max(self.sel_head - 1, 0))

    def _paragraph(self, index: int) -> tuple[int, int]:
        """First and last block of the paragraph block ``index`` belongs to (a paragraph too
        long for one block is several, the later ones ``continued``)."""
        first = last = index
        while first > 0 and self.blocks[first].continued:
            first -= 1
        while last + 1 < len(self.blocks) and self.blocks[last + 1].continued:
            last += 1
        return first, last

    def _block_sentences(self, block_index: int) -> tuple[int, int]:
        """First and last sentence of the paragraph that block ``block_index`` is part of."""
        lo, hi = self._paragraph(block_index)
        first = self._sentence_at(self.blocks[lo].start)
        last = self._sentence_at(max(self.blocks[hi].start, self.blocks[hi].end - 1))
        return first, last

    def _current_block(self) -> int:
        if self.sel_head is None:
            return block_index_at(self.blocks, self.sentences[self._first_visible_sentence()][0])
        return block_index_at(self.blocks, self.sentences[self.sel_head][0])

    def action_next_paragraph(self) -> None:
        if not self.blocks or not self.sentences:
            return
        index = self._current_block()
        if self.sel_head is not None:
            index = self._paragraph(index)[1] + 1
        index = min(index, len(self.blocks) - 1)
        first, _ = self._block_sentences(index)
        self._set_selection(first, first)

    def action_previous_paragraph(self) -> None:
        if not self.blocks or not self.sentences:
            return
        index = self._paragraph(self._current_block())[0]
        first, _ = self._block_sentences(index)
        if (
            self.sel_head is not None
            and min(self.sel_anchor or 0, self.sel_head) <= first
            and index > 0
        ):
            first, _ = self._block_sentences(index - 1)
        self._set_selection(first, first)

    def action_select_paragraph(self) -> None:
        if not self.blocks or not self.sentences:
            return
        first, last = self._block_sentences(self._current_block())
        self._set_selection(first, last)

    def action_clear(self) -> None:
        if self.search_active:
            self.end_search()
            return
        self.current_claim = None
        self._set_selection(None, None, scroll=False)

    def action_top(self) -> None:
        """Scroll to the top; the cursor goes along, to the first sentence."""
        if self.sentences:
            self.current_claim = None
            self._set_selection(0, 0, scroll=False)
        self.scroll_home(animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Scroll to the end; the cursor goes along, to the last sentence."""
        if self.sentences:
            self.current_claim = None
            last = len(self.sentences) - 1
            self._set_selection(last, last, scroll=False)
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
        first, last = self._sentence_at(anchor), self._sentence_at(offset)
        if (first, last) != (self.sel_anchor, self.sel_head):
            self.current_claim = None
            self._set_selection(first, last, scroll=False)

    def click_at(self, offset: int, *, extend: bool) -> None:
        """A mouse click on the text: select that sentence (shift extends)."""
        if not self.sentences:
            return
        index = self._sentence_at(offset)
        self.focus()
        if extend and self.sel_anchor is not None:
            self._set_selection(self.sel_anchor, index, scroll=False)
        else:
            self._set_selection(index, index, scroll=False)

    # ------------------------------------------------------------------ claims

    def _shown(self, index: int) -> bool:
        return self.claims[index].category in self.enabled

    def action_next_claim(self) -> None:
        self._jump_claim(+1)

    def action_previous_claim(self) -> None:
        self._jump_claim(-1)

    def _jump_claim(self, step: int) -> None:
        """Select the next (or previous) highlighted claim: a bisect and a short walk, so the
        keys stay instant in an article with tens of thousands of claims."""
        if not self.highlights_on or not any(c in self.enabled for c in self._claim_counts):
            self.notify("No highlighted claims in this article.", timeout=2)
            return
        if self.current_claim is not None and self.current_claim < len(self.claims):
            # By start offset, so the next claim may be in the same sentence; claims starting
            # at the same offset (one phrase, several categories) count as one stop.
            here = self.claims[self.current_claim].start
        else:
            here = self.selection[0] if self.selection else (-1 if step > 0 else len(self.body) + 1)
        if step > 0:
            index = bisect_right(self._claim_starts, here)
        else:
            index = bisect_left(self._claim_starts, here) - 1
        while 0 <= index < len(self.claims) and not self._shown(index):
            index += step
        if not 0 <= index < len(self.claims):
            self.notify("No more claims that way.", timeout=2)
            return
        self.current_claim = index
        claim = self.claims[index]
        self.select_range(claim.start, claim.end)

    def flags_under_cursor(self) -> list[str]:
        """The flags of the highlighted claims the selection touches (each once, in order):
        what the red flag background on the selected sentence means."""
        selection = self.selection
        if not selection or not self.highlights_on:
            return []
        lo = bisect_left(self._claim_starts, selection[0] - self._claim_reach)
        flags: list[str] = []
        for claim in self.claims[lo : bisect_left(self._claim_starts, selection[1])]:
            if claim.flags and claim.category in self.enabled and claim.end > selection[0]:
                flags.extend(f for f in claim.flags if f not in flags)
        return flags

    def claim_under_cursor(self) -> ClaimSpan | None:
        if self.current_claim is not None and self.current_claim < len(self.claims):
            return self.claims[self.current_claim]
        selection = self.selection
        if not selection:
            return None
        # Claims are in text order: only those starting within the longest claim's length
        # before the selection can reach into it.
        lo = bisect_left(self._claim_starts, selection[0] - self._claim_reach)
        for claim in self.claims[lo : bisect_left(self._claim_starts, selection[1])]:
            if claim.category in self.enabled and claim.end > selection[0]:
                return claim
        return None

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
            self.notify("Select a passage first (j/k moves a sentence, v a paragraph).", timeout=3)
            return
        hold_keys(self)  # keys typed next wait until the app has handled this request
        self.post_message(messages.SetVerdict(verdict, from_body=True))

    def action_annotate(self, kind: str) -> None:
        if self.article is None:
            return
        needs_selection = kind in ("tag", "note", "copy", "copy_styled")
        if needs_selection and not self.selection:
            self.notify("Select a passage first (j/k moves a sentence, v a paragraph).", timeout=3)
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

    def set_matches(self, matches: list[tuple[int, int]], *, jump: bool = True) -> None:
        old = self.matches
        self.matches = matches
        self.search_active = True
        self.current_match = -1
        for start, end in old[:2000]:
            self._invalidate_range(start, end)
        if len(old) > 2000 or len(matches) > 2000:
            self.invalidate_all()
        for start, end in matches[:2000]:
            self._invalidate_range(start, end)
        if matches and jump:
            here = self.selection[0] if self.selection else self._viewport_offset()
            self._go_match(next((i for i, (s, _) in enumerate(matches) if s >= here), 0))
        self._show_search_mode()

    def _viewport_offset(self) -> int:
        index = self._first_visible_sentence()
        return self.sentences[index][0] if self.sentences else 0

    def _go_match(self, index: int) -> None:
        if not self.matches:
            return
        old = self.current_match
        self.current_match = index % len(self.matches)
        for i in (old, self.current_match):
            if 0 <= i < len(self.matches):
                self._invalidate_range(*self.matches[i])
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
        old = self.matches
        self.matches = []
        self.search_active = False
        self.current_match = -1
        if len(old) > 2000:
            self.invalidate_all()
        else:
            for start, end in old:
                self._invalidate_range(start, end)
        self._show_search_mode()
        from legreader.ui.search_bar import SearchBar

        for bar in self.screen.query(SearchBar):
            bar.close()
        self._announce()

    # ------------------------------------------------------------- status line

    class Status(Message):
        """What the details line under the body should say."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def _announce(self) -> None:
        self.post_message(self.Status(self.status_text()))

    def legend(self) -> Legend:
        """Two lines under the text: one coloured word per claim category, with its count
        (hidden ones struck out); then each verdict's chip and name, the flag, the note and tag
        markers, in the styles the text uses."""
        if self._styles_dirty:
            self._refresh_styles()
        counts = self._claim_counts
        styles = self._styles
        claims = Text(no_wrap=True, overflow="ellipsis")
        for category in CATEGORIES:
            style = styles.get(f"claim--{category}", Style())
            shown = self.highlights_on and category in self.enabled
            if not shown:
                style = Style(dim=True, strike=True)
            claims.append(f"{category} {counts.get(category, 0)}", style=style)
            claims.append("  ")
        claims.append("h all · H choose", style="dim")
        marks: list[tuple[str, Style, tuple[str, ...], Style]] = [
            (
                VERDICT_GLYPHS[v],
                self.adornment_style(f"chip--{v}"),
                LEGEND_NAMES[v],
                styles.get(f"verdict--{v}", Style()),
            )
            for v in VERDICT_KEYS
        ]
        flag = styles.get("body--flag", Style(bold=True))
        marks.append((FLAG_GLYPH, flag, LEGEND_NAMES["flag"], flag))
        for glyph, name, key in (
            (NOTE_GLYPH, "mark--note", "note"),
            (TAG_GLYPH, "mark--tag", "tag"),
        ):
            style = styles.get(name, Style(bold=True))
            marks.append((glyph, style, LEGEND_NAMES[key], Style()))
        return Legend(claims, marks)

    def status_text(self) -> str:
        parts: list[str] = []
        if self.search_active:
            total = len(self.matches)
            where = (
                f"{self.current_match + 1}/{total}"
                if total and self.current_match >= 0
                else f"{total}"
            )
            parts.append(f"search: {where} match{'es' if total != 1 else ''} (n/N, esc ends)")
        # A flagged claim under the cursor says why it is flagged, first (the line is cut
        # at the right on a narrow screen).
        for flag in self.flags_under_cursor():
            parts.append(f"{FLAG_GLYPH} {flag}: {flag_explanation(flag)}")
        claim = self.claim_under_cursor()
        if claim is not None:
            detail = f"{claim.category}"
            if claim.strength:
                detail += f" ({claim.strength})"
            detail += f": {claim.reason}"
            if claim.value is not None:
                value = f"{claim.value:g}"
                detail += f" · value {value}{(' ' + claim.unit) if claim.unit and claim.unit != '%' else (claim.unit or '')}"
            parts.append(detail)
        elif self.selection:
            start, end = self.selection
            parts.append(f"selected {end - start} characters")
        if not self.highlights_on:
            parts.append("highlighting off (h)")
        if self.has_bidi:
            parts.append(f"⚠ this text holds bidi controls (shown as {BIDI_GLYPH})")
        return "  │  ".join(parts)


#: Long articles are analysed in pieces of about this many characters, cut at blank lines:
#: one regular-expression pass over megabytes holds the interpreter for seconds, and the
#: reader's keys would wait for it.
ANALYSIS_CHUNK = 60_000


#: The analysis of an article waits at most this long for the frame that draws its text.
PAINT_WAIT_SECONDS = 0.25

#: Bodies up to this many characters have their cached analysis looked up on the UI thread,
#: before the first frame (a hash and a small file: about a millisecond).
CACHED_ON_UI_THREAD = 64_000
#: About this much text fills the first screen: analysed first when the article is longer.
VISIBLE_CHARS = 6_000
#: The part of a new article on screen is analysed on the UI thread, with its text, when it is
#: at most this long (the longest first screenful :func:`_visible_end` gives; about 4 ms) and
#: the engine loads fast (:func:`_engine_loads_fast`).
SYNC_ANALYSIS_CHARS = 2 * VISIBLE_CHARS + 2


def _engine_loads_fast() -> bool:
    from legreader.claims.pattern_table import loads_fast

    return loads_fast()


def _visible_end(body: str) -> int:
    """Where the first screenful of text ends: the first paragraph break past
    :data:`VISIBLE_CHARS` (the whole body when it is about that short)."""
    if len(body) <= VISIBLE_CHARS * 3 // 2:
        return len(body)
    cut = body.find("\n\n", VISIBLE_CHARS)
    if cut == -1 or cut > VISIBLE_CHARS * 2:
        return len(body)  # no paragraph break near: analysed whole, as before
    return cut + 2


def _analysis_chunks(body: str) -> list[tuple[int, int]]:
    """(start, end) pieces of the body, each ending at a paragraph break when there is one."""
    chunks: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > ANALYSIS_CHUNK:
        cut = body.rfind("\n\n", start + ANALYSIS_CHUNK // 2, start + ANALYSIS_CHUNK)
        end = cut + 2 if cut != -1 else start + ANALYSIS_CHUNK
        chunks.append((start, end))
        start = end
    chunks.append((start, len(body)))
    return chunks


def _chunk_claims(text: str, offset: int, animal_study: bool) -> list[ClaimSpan]:
    """Claims of one piece, with offsets into the whole body."""
    from dataclasses import replace

    from legreader.claims import analyze_cached

    claims = analyze_cached(text, animal_study=animal_study)
    if offset:
        claims = [replace(c, start=c.start + offset, end=c.end + offset) for c in claims]
    return list(claims)


#: Files up to this size are read on the UI thread (faster than a worker round trip).
SMALL_FILE_BYTES = 256 * 1024


def _small_file(article: Article) -> bool:
    import os

    if article.path.suffix.lower() in (".html", ".htm"):
        return False
    try:
        return os.stat(article.path).st_size <= SMALL_FILE_BYTES
    except OSError:
        return True  # reading it will say what is wrong


def _fit_sentences(
    found: list[tuple[int, int]], blocks: list[Block], body: str
) -> list[tuple[int, int]]:
    """Sentences cut at block edges, trimmed of spaces, covering every block's text."""
    out: list[tuple[int, int]] = []
    if not blocks:
        return out
    found = sorted(found)
    position = 0
    for block in blocks:
        pieces: list[tuple[int, int]] = []
        while position < len(found) and found[position][1] <= block.start:
            position += 1
        index = position
        cursor = block.start
        while index < len(found) and found[index][0] < block.end:
            start = max(found[index][0], block.start)
            end = min(found[index][1], block.end)
            if start > cursor:
                pieces.append((cursor, start))
            if end > start:
                pieces.append((start, end))
            cursor = max(cursor, end)
            if found[index][1] > block.end:
                break
            index += 1
        if cursor < block.end:
            pieces.append((cursor, block.end))
        for start, end in pieces:
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if end > start:
                out.append((start, end))
    return out
