"""Running the whole-corpus comparison for a screen, and showing how far it has got.

:func:`compare_corpus` reads the corpus's articles in a daemon thread, then compares them in
a child process (see :mod:`legreader.work.offload`): cancelling the awaiting worker (the screen
closes, the app quits) kills the child at once. The engine's progress reports come back to
the event loop's thread and go to the caller's callback, which hands them to a
:class:`CompareProgress` ("Comparing… reading 3/6 sources" and a bar).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

if TYPE_CHECKING:
    from legreader.compare import CompareResult
    from legreader.compare.model import ArticleInput, PrimaryInput
    from legreader.corpus.loader import Corpus
    from legreader.work.progress import Progress


async def compare_corpus(
    corpus: Corpus, progress: Callable[[Progress], None] | None = None
) -> CompareResult:
    """The comparison of every article of ``corpus`` (and its primary record)."""
    from legreader.ui.background import run_in_daemon, run_in_process

    def inputs(
        cancelled: Callable[[], bool],
    ) -> tuple[list[ArticleInput], PrimaryInput | None]:
        # The compare engine (and the claim patterns under it) loads in this thread.
        from legreader.compare import inputs_from_corpus

        return inputs_from_corpus(corpus)

    articles, primary = await run_in_daemon(inputs, "legreader-compare-inputs")
    from legreader.compare import compare_articles  # loaded by the thread above

    return await run_in_process(compare_articles, articles, primary, progress=progress)


class CompareProgress(Horizontal):
    """One line while a comparison runs: what it is doing, and a bar of the share done."""

    DEFAULT_CSS = """
    CompareProgress { height: 1; padding: 0 1; }
    CompareProgress > #compare-progress-words { width: auto; max-width: 60%; height: 1; }
    CompareProgress > ProgressBar { width: 1fr; height: 1; padding: 0 0 0 1; }
    CompareProgress > ProgressBar > Bar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing…"), id="compare-progress-words")
        yield ProgressBar(total=100, show_eta=False, id="compare-progress-bar")

    last: Progress | None = None
    """The last report shown."""

    def show_progress(self, report: Progress) -> None:
        """Show a report of the engine (on the event loop's thread); only what changed is
        drawn again."""
        last, self.last = self.last, report
        self.display = True
        words = report.words()
        if last is None or last.words() != words:
            self.query_one("#compare-progress-words", Static).update(
                Text(f"Comparing… {words}", no_wrap=True, overflow="ellipsis")
            )
        percent = int(report.fraction * 100)
        if last is None or int(last.fraction * 100) != percent:
            self.query_one(ProgressBar).update(progress=percent)

    def finish(self) -> None:
        """The comparison is over (done, failed or cancelled): the line goes."""
        self.display = False
