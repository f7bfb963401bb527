"""ctrl+f: search every article's text, title, notes and tags; enter opens the match."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from legreader.corpus import ArticleUnavailable, Corpus
from legreader.pacing import pause
from legreader.search_index import Hit, SearchIndex, capped
from legreader.ui.dialogs.base import Dialog
from legreader.ui.safe_text import plain, safe
from legreader.ui.wording import plural

ANNOTATION_MARK = "#ann:"


@dataclass(frozen=True)
class SearchTarget:
    """Where a result leads: an article, and a range in it or an annotation."""

    article_id: str
    start: int | None = None
    end: int | None = None
    annotation_id: str | None = None


#: Annotations indexed between two pauses of a background build (each pause lets the UI
#: thread take the interpreter, so keys are answered while a large database is indexed).
INDEX_BATCH = 500


class CorpusIndex:
    """The app's search index over the corpus and the reader's notes and tags.

    Built in worker threads: the articles (:meth:`build`) and, once the database is open, the
    annotations (:meth:`index_annotations`); queries may run while it fills. :attr:`ready` is
    set when both are in. Each text is capped (see :mod:`legreader.search_index`).
    """

    def __init__(self) -> None:
        self.index = SearchIndex()
        self.total = 0
        self.done = 0
        self.ready = threading.Event()
        self.problems: list[str] = []
        self.articles_done = False
        self.annotations_done = False
        self._ready_lock = threading.Lock()
        self._fresh: set[str] = set()
        """Annotations (re-)indexed one by one while a bulk indexing runs: it skips them."""

    def build(
        self, corpus: Corpus, annotations: list[Any] | None = None, cancelled: Any = None
    ) -> None:
        """Index every article (and ``annotations``, when given); sets :attr:`ready` when the
        annotations are in too."""
        articles = corpus.all_articles()
        self.total = len(articles)
        for article in articles:
            if cancelled is not None and cancelled():
                return
            items = [(article.id, "title", article.title)]
            try:
                items.append((article.id, "text", article.body))
            except ArticleUnavailable as exc:
                self.problems.append(str(exc))
            self.index.add_many(items)
            self.done += 1
            pause()  # let the UI thread in between two articles
        with self._ready_lock:
            self.articles_done = True
        if annotations is not None:
            self.index_annotations(annotations, cancelled=cancelled)
        else:
            self._maybe_ready()

    def index_annotations(self, annotations: Iterable[Any], cancelled: Any = None) -> None:
        """Index (or re-index) the notes and tags of ``annotations``, pausing every
        :data:`INDEX_BATCH` so a caller in a worker thread never starves the UI."""
        self._fresh = set()
        for n, ann in enumerate(annotations, 1):
            doc_id = f"{ann.article_id}{ANNOTATION_MARK}{ann.id}"
            if doc_id not in self._fresh:  # else changed since: what is indexed is newer
                self._index(doc_id, ann)
            if n % INDEX_BATCH == 0:
                if cancelled is not None and cancelled():
                    return
                pause()
        with self._ready_lock:
            self.annotations_done = True
        self._maybe_ready()

    def _maybe_ready(self) -> None:
        with self._ready_lock:
            if self.articles_done and self.annotations_done:
                self.ready.set()

    def update_annotation(self, ann: Any) -> None:
        """Index one annotation as it is now (after the reader changed it)."""
        doc_id = f"{ann.article_id}{ANNOTATION_MARK}{ann.id}"
        self._fresh.add(doc_id)
        self._index(doc_id, ann)

    def _index(self, doc_id: str, ann: Any) -> None:
        fields = []
        if ann.note:
            fields.append(("note", capped("note", ann.note)))
        for tag in ann.tags:
            fields.append(("tag", tag))
        self.index.remove(doc_id)
        if fields:
            self.index.add_many((doc_id, field, text) for field, text in fields)

    def remove_annotation(self, article_id: str, annotation_id: str) -> None:
        doc_id = f"{article_id}{ANNOTATION_MARK}{annotation_id}"
        self._fresh.add(doc_id)
        self.index.remove(doc_id)

    def search(self, query: str, limit: int = 100) -> list[Hit]:
        return self.index.search(query, limit=limit)


def target_of(hit: Hit) -> SearchTarget:
    if ANNOTATION_MARK in hit.doc_id:
        article_id, _, annotation_id = hit.doc_id.partition(ANNOTATION_MARK)
        return SearchTarget(article_id, annotation_id=annotation_id)
    if hit.field == "text":
        return SearchTarget(hit.doc_id, hit.start, hit.end)
    return SearchTarget(hit.doc_id)


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
