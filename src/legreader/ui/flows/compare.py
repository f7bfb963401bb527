"""Comparing the corpus with the study: the discrepancies found in the background, the compare
view and the side-by-side view (sharing one cached comparison).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work

from legreader.corpus.loader import Article, Corpus
from legreader.ui import messages
from legreader.ui.flows.state import AppFlow

if TYPE_CHECKING:
    from legreader.compare import CompareResult
    from legreader.compare.model import ArticleInput, PrimaryInput
    from legreader.ui.compare_screen import CompareTarget


class CompareFlows(AppFlow):
    """The compare and side-by-side views, and the background compare."""

    @on(messages.OpenCompare)
    def _compare_request(self, event: messages.OpenCompare) -> None:
        self.open_compare(event.view)

    @on(messages.OpenSideBySide)
    def _side_by_side_request(self, event: messages.OpenSideBySide) -> None:
        if event.article is None:
            self.action_side_by_side()
        else:
            self.open_side_by_side(event.article, start=event.start, end=event.end)

    @on(messages.CompareFinished)
    def _compare_finished(self, event: messages.CompareFinished) -> None:
        self.compare_finished(event.result, event.corpus)

    @work(exclusive=True, group="discrepancies", exit_on_error=False)
    async def _find_discrepancies(self, corpus: Corpus) -> None:
        """The whole-corpus compare, in a child process (see :mod:`legreader.work.offload`): it
        never competes with the interface for the interpreter, and cancelling the worker
        (quitting) kills it."""
        from legreader.ui.background import run_in_daemon, run_in_process
        from legreader.work.cancel import Cancelled

        def prepare(
            cancelled: Callable[[], bool],
        ) -> tuple[Callable[..., set[str]], list[ArticleInput], PrimaryInput | None]:
            # Off the UI thread: importing the compare engine (and its libraries) held the
            # event loop for a second on a loaded machine, and reading the articles' files.
            from legreader.compare import discrepant_articles, inputs_from_corpus

            return (discrepant_articles, *inputs_from_corpus(corpus))

        function, articles, primary = await run_in_daemon(prepare, "legreader-compare-inputs")
        try:
            found = await run_in_process(function, articles, primary)
        except Cancelled:
            return
        self._discrepancies_found(found)

    def _discrepancies_found(self, found: set[str]) -> None:
        if self.closing:
            return
        self.discrepant_articles = found
        self.discrepancies_known = True
        self.annotating.refresh_sidebar()

    def action_compare(self) -> None:
        self.open_compare("all")

    def open_compare(self, view: str) -> None:
        from legreader.ui.compare_screen import CompareScreen

        if self.corpus is None or not self.corpus.articles:
            self.notify("No articles to compare", timeout=3)
            return
        self.push_screen(
            CompareScreen(
                self.corpus, self.store, view=view, result=self.cached_comparison(self.corpus)
            ),
            self._compare_done,
        )

    _comparison: tuple[Corpus, CompareResult] | None = None

    def compare_finished(self, result: CompareResult, corpus: Corpus | None = None) -> None:
        """A screen computed the comparison of ``corpus``: the sidebar's discrepancy filter
        can use it, and the compare and side-by-side views show it again without computing."""
        if corpus is not None:
            self._comparison = (corpus, result)
        self._discrepancies_found(
            {item.article for group in result.discrepancies for item in group.items}
        )

    def cached_comparison(self, corpus: Corpus) -> CompareResult | None:
        """The comparison of ``corpus`` computed earlier (a ``CompareResult``), or None."""
        cached = self._comparison
        return cached[1] if cached is not None and cached[0] is corpus else None

    def action_side_by_side(self) -> None:
        """The reader's article beside the study, the cursor on the reader's selection."""
        body = self.main.body
        selection = body.selection if body.loaded_article is self.current else None
        if selection is not None:
            self.open_side_by_side(self.current, start=selection[0], end=selection[1], claim=False)
        else:
            self.open_side_by_side(self.current)

    def open_side_by_side(
        self,
        article: Article | None,
        *,
        start: int | None = None,
        end: int | None = None,
        claim: bool = True,
    ) -> None:
        """Show ``article`` beside the primary record (at the claim, or with ``claim``
        false the passage, ``[start, end)``)."""
        from legreader.ui.side_by_side import SideBySideScreen, StartAt

        corpus = self.corpus
        if corpus is None or not corpus.articles:
            self.notify("No articles to compare.", timeout=3)
            return
        if corpus.primary is None:
            self.notify(
                "No primary record in this corpus (a file with kind: primary): "
                "there is no study to read the article beside.",
                severity="warning",
                timeout=5,
            )
            return
        if article is None:
            self.notify("Open an article first (enter in the list).", timeout=3)
            return
        if article.is_primary:
            self.notify(
                "This is the study itself: open an article to read it beside the study.",
                timeout=4,
            )
            return
        self.push_screen(
            SideBySideScreen(
                corpus,
                article,
                result=self.cached_comparison(corpus),
                start_at=StartAt(start, end if end is not None else start, claim)
                if start is not None
                else None,
                animal_study=self.animal_study,
            )
        )

    def _compare_done(self, target: CompareTarget | None) -> None:
        if target is None or self.corpus is None:
            return
        article = self.corpus.by_id(target.article_id)
        if article is not None:
            self.open_article_at(article, target.start, target.end, center=True)
