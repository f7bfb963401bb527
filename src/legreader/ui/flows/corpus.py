"""The corpus: listing it (in a worker when large), listing it again after an addition, the
sidebar's filters and the corpus search index.

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.worker import Worker, WorkerState

from legreader.claims.subjects import study_is_on_animals
from legreader.corpus.loader import Corpus, load_corpus
from legreader.ui import messages
from legreader.ui.article_list import ArticleList
from legreader.ui.flows.state import AppFlow, freeze_long_lived
from legreader.ui.wording import one_line, plural

if TYPE_CHECKING:
    from legreader.corpus.filters import FilterCriteria

#: Up to this many articles, discrepancies are found in the background at start-up.
BACKGROUND_COMPARE_LIMIT = 300
#: ... and when their text is at most this large: comparing megabytes holds the interpreter in
#: long native calls and the reader's keys would wait (the compare view then computes it).
BACKGROUND_COMPARE_BYTES = 1_000_000
#: Seconds after the corpus is listed before indexing and comparing start.
BACKGROUND_DELAY = 1.0


def _corpus_bytes(corpus: Corpus) -> int:
    """The corpus's size on disk (file sizes: no reading)."""
    import os

    total = 0
    for article in corpus.all_articles():
        try:
            total += os.stat(article.path).st_size
        except OSError:
            pass
    return total


class CorpusFlows(AppFlow):
    """Loading the corpus and searching it."""

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def _load_corpus(self) -> Corpus:
        return load_corpus(self.corpus_paths)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "corpus":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Corpus):
            self._corpus_ready(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.main.set_sidebar_title("could not load")
            self.notify(
                f"Could not load the corpus: {event.worker.error}", severity="error", markup=False
            )

    def _corpus_ready(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.animal_study = study_is_on_animals(corpus.primary.meta if corpus.primary else None)
        sidebar = self.main.sidebar
        self.main.set_sidebar_title()
        sidebar.set_articles(corpus.articles, corpus.primary)
        if self.store is not None:
            self.annotating.map_missing_articles()
            self.annotating.refresh_sidebar()
        # Background work starts once the first article is on screen, so it never delays it.
        self.set_timer(BACKGROUND_DELAY, lambda: self._start_background(corpus))
        if corpus.skipped:
            lines = [s.line() for s in corpus.skipped[:5]]
            more = len(corpus.skipped) - len(lines)
            if more > 0:
                lines.append(f"… and {more} more (palette: “corpus: skipped files”)")
            self.notify(
                "\n".join(lines),
                title=plural(len(corpus.skipped), "file") + " skipped",
                severity="warning",
                timeout=10,
                markup=False,
            )
        if not corpus.all_articles():
            self.main.show_details("No article could be loaded from this corpus.")
            return
        place = self.session.places.get(self._corpus_key())
        if place is not None and corpus.by_id(place.article_id) is not None:
            sidebar.select_article(place.article_id)  # the article read last time
        first = sidebar.highlighted_article
        if place is not None and first is not None and first.id == place.article_id:
            self._place_to_restore = place
        if first is not None:
            self.open_article(first, focus_body=False)
            body = self.main.body
            if body.loaded_article is first:
                self._start_early_preview(first.id, body.body)

    def _start_background(self, corpus: Corpus) -> None:
        self._build_index(corpus)
        if (
            len(corpus.articles) <= BACKGROUND_COMPARE_LIMIT
            and _corpus_bytes(corpus) <= BACKGROUND_COMPARE_BYTES
        ):
            self._find_discrepancies(corpus)

    @on(ArticleList.FilterRequested)
    def _filter_requested(self, event: ArticleList.FilterRequested) -> None:
        try:
            self._open_filter(event.kind)
        finally:
            if self.key_gate.waiting_for is None:
                self.release_keys_soon()  # after the focus moved to the filter box

    def _open_filter(self, kind: str) -> None:
        if kind == "titles":
            self.main.open_title_filter()
            return
        from legreader.ui.dialogs.filter_dialog import FilterDialog

        sidebar = self.main.sidebar
        tags = sorted(self.store.tags_with_counts(), key=str.casefold) if self.store else []
        outlets = sorted(
            {a.outlet for a in (self.corpus.articles if self.corpus else []) if a.outlet},
            key=str.casefold,
        )

        def chosen(criteria: FilterCriteria | None) -> None:
            if criteria is not None:
                criteria.text = sidebar.criteria.text
                sidebar.set_criteria(criteria)

        self.push_screen(
            FilterDialog(sidebar.criteria, tags, outlets, self.discrepancies_known), chosen
        )

    # ----------------------------------------------------------- corpus search

    @work(exclusive=True, group="index", exit_on_error=False)
    async def _build_index(self, corpus: Corpus) -> None:
        """The corpus search index, in a daemon thread (see :meth:`_find_discrepancies`).

        The annotations' notes and tags are indexed by :meth:`_index_annotations` once the
        store is open."""
        from legreader.ui.background import run_in_daemon

        index = self.corpus_index
        await run_in_daemon(
            lambda cancelled: index.build(corpus, cancelled=cancelled), "legreader-index"
        )
        freeze_long_lived()

    def action_corpus_search(self) -> None:
        from legreader.ui.corpus_search import CorpusSearchScreen, SearchTarget

        if self.corpus is None:
            return
        titles = {a.id: a.title for a in self.corpus.all_articles()}

        def chosen(target: SearchTarget | None) -> None:
            if target is None or self.corpus is None:
                return
            article = self.corpus.by_id(target.article_id)
            if article is None:
                return
            self.open_article_at(article, target.start, target.end, target.annotation_id)

        self.push_screen(CorpusSearchScreen(self.corpus_index, titles), chosen)

    @on(messages.SearchCorpus)
    def _search_request(self) -> None:
        self.action_corpus_search()

    @work(thread=True, exclusive=True, group="corpus-reload", exit_on_error=False)
    def _reload_corpus(self, select: Path | None) -> None:
        try:
            corpus = load_corpus(self.corpus_paths)
        except Exception as exc:  # OSError, a bug: say so, keep the corpus shown
            self._from_worker(self._add_failed, f"Could not list the corpus: {one_line(exc)}")
            return
        self._from_worker(self._corpus_reloaded, corpus, select)

    def _corpus_reloaded(self, corpus: Corpus, select: Path | None) -> None:
        """The corpus listed again after an addition; the new article is opened."""
        self.corpus = corpus
        self.animal_study = study_is_on_animals(corpus.primary.meta if corpus.primary else None)
        sidebar = self.main.sidebar
        self.main.set_sidebar_title()
        sidebar.set_articles(corpus.articles, corpus.primary)
        if self.store is not None:
            self.annotating.map_missing_articles()
            self.annotating.refresh_sidebar()
        self._start_background(corpus)
        wanted = select.resolve() if select is not None else None
        target = next((a for a in corpus.all_articles() if a.path.resolve() == wanted), None)
        if target is None and self.current is not None:
            target = corpus.by_id(self.current.id)
        if target is not None:
            self.open_article(target, focus_body=False)

    def _add_failed(self, message: str) -> None:
        """Adding to the corpus, or listing it again, failed: say so, title the sidebar back."""
        self.main.set_sidebar_title()
        self.notify(message, severity="error", timeout=10, markup=False)

    def _corpus_grew(self, written: list[Path], message: str) -> None:
        """New files were written: make sure the corpus covers them, then list it again."""
        roots = [p.resolve() for p in self.corpus_paths if p.is_dir()]
        for path in written:
            resolved = path.resolve()
            if not any(resolved.is_relative_to(root) for root in roots):
                self.corpus_paths.append(path)
        self.notify(message, timeout=8, markup=False)
        self.main.set_sidebar_title("listing…")
        self._reload_corpus(written[0] if written else None)
