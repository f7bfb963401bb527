"""``legreader import FILE.html|URL... [--into DIR] [--update]``: the command's face.

The import itself is :func:`legreader.corpus.importing.import_pages`; this prints one line per
page on ``out`` (imported or updated, with what was kept and where the page's debris went;
unchanged; a file given twice) or ``err`` (``skipped <file>: <reason>``, duplicates
included), with a progress bar on ``err`` for more than :data:`PROGRESS_FROM` pages when it
is a terminal.

Exit codes: 0 every page was imported or updated; 1 some were, and at least one was
skipped; 2 none was (or the target is not a folder). No Textual import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from legreader.corpus.importing import ImportTargetError, PageOutcome, import_pages

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from legreader.net.client import HttpClient

#: More pages than this get a progress bar (on stderr, when it is a terminal).
PROGRESS_FROM = 20


def run_import(
    files: Sequence[Path | str],
    into: Path,
    *,
    update: bool,
    out: TextIO,
    err: TextIO,
    jobs: int | None = None,
    client: HttpClient | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Import ``files`` into ``into`` (:func:`~legreader.corpus.importing.import_pages`),
    printing a line per page; returns the exit code."""
    report = _Report(out, err, total=len(files))

    def advance(done: int, total: int) -> None:
        report.advance()
        if progress is not None:
            progress(done, total)

    try:
        with report:
            run = import_pages(
                files,
                into,
                update=update,
                jobs=jobs,
                client=client,
                progress=advance,
                cancel=cancel,
                on_outcome=report.outcome,
            )
    except ImportTargetError as exc:
        err.write(f"{exc}\n")
        return 2
    return run.exit_code


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class _Report:
    """The per-page lines, and a progress bar on ``err`` for more than :data:`PROGRESS_FROM`
    pages when ``err`` is a terminal (never in a pipe or a file). While the bar shows, lines
    for a terminal go through its console, so they scroll above the bar. The bar starts with
    the first page's outcome: the import forks its extraction workers before that, and a
    process must not fork while the bar's refresh thread runs."""

    def __init__(self, out: TextIO, err: TextIO, *, total: int) -> None:
        self._out, self._err = out, err
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._started = False
        self._out_tty = False
        if total > PROGRESS_FROM and _is_tty(err):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            console = Console(file=err, highlight=False)
            self._progress = Progress(
                "importing",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._task = self._progress.add_task("import", total=total)
            self._out_tty = _is_tty(out)

    def __enter__(self) -> _Report:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None and self._started:
            self._progress.stop()

    def _start(self) -> None:
        if self._progress is not None and not self._started:
            self._started = True
            self._progress.start()

    def _line(self, stream: TextIO, line: str, on_tty: bool) -> None:
        if self._progress is not None and on_tty:
            self._progress.console.print(line, markup=False, emoji=False, soft_wrap=True)
        else:
            stream.write(line + "\n")

    def outcome(self, outcome: PageOutcome) -> None:
        self._start()
        if outcome.failed:
            self._line(self._err, outcome.line(), True)
        else:
            self._line(self._out, outcome.line(), self._out_tty)

    def advance(self) -> None:
        if self._progress is not None and self._task is not None:  # set together
            self._progress.advance(self._task)
