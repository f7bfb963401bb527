"""The app's search index over the whole corpus and the reader's notes and tags (ctrl+f).

Plain Python (no Textual): built in worker threads, queried while it fills; the UI
(:mod:`legreader.ui.corpus_search`) shows the hits and opens the one chosen. The index
itself (tokens, ranking, snippets) is :mod:`legreader.search.index`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from legreader.corpus.loader import ArticleUnavailable, Corpus
from legreader.search.index import Hit, SearchIndex, capped
from legreader.work.pacing import pause


class IndexedAnnotation(Protocol):
    """What the index reads of an annotation (a :class:`legreader.store.model.Annotation`)."""

    @property
    def id(self) -> str: ...

    @property
    def article_id(self) -> str: ...

    @property
    def note(self) -> str | None: ...

    @property
    def tags(self) -> Sequence[str]: ...


Cancelled = Callable[[], bool] | None
"""Asked between pieces of work: True stops it (a cancelled worker)."""

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
    set when both are in. Each text is capped (see :mod:`legreader.search.index`).
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
        self,
        corpus: Corpus,
        annotations: list[IndexedAnnotation] | None = None,
        cancelled: Cancelled = None,
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

    def index_annotations(
        self, annotations: Iterable[IndexedAnnotation], cancelled: Cancelled = None
    ) -> None:
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

    def update_annotation(self, ann: IndexedAnnotation) -> None:
        """Index one annotation as it is now (after the reader changed it)."""
        doc_id = f"{ann.article_id}{ANNOTATION_MARK}{ann.id}"
        self._fresh.add(doc_id)
        self._index(doc_id, ann)

    def _index(self, doc_id: str, ann: IndexedAnnotation) -> None:
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
    """Where a hit leads: an annotation, a range of an article's text, or an article."""
    if ANNOTATION_MARK in hit.doc_id:
        article_id, _, annotation_id = hit.doc_id.partition(ANNOTATION_MARK)
        return SearchTarget(article_id, annotation_id=annotation_id)
    if hit.field == "text":
        return SearchTarget(hit.doc_id, hit.start, hit.end)
    return SearchTarget(hit.doc_id)
