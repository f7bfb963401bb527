"""``legreader import FILE.html... [--into DIR] [--update]``: the work behind the command.

One line per file on ``out`` (imported, updated) or ``err`` (``skipped <file>: <reason>``,
duplicates included). One bad page never stops the batch: whatever goes wrong with a file
(unreadable, not HTML, a URL or charset that breaks a parser, an unexpected exception)
skips that file with its reason, and the next one is imported.

Exit codes: 0 every page was imported or updated; 1 some were, and at least one was
skipped; 2 none was (or the target is not a folder). No Textual import.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from legreader.corpus import ArticleUnavailable, CorpusPathError, display_path, load_corpus
from legreader.htmlimport import (
    MAX_PAGE_BYTES,
    DuplicateIndex,
    PageImportError,
    import_html,
    write_import,
)
from legreader.textclean import clean_line

#: More pages than this get a progress bar (on stderr, when it is a terminal).
PROGRESS_FROM = 20


class _Existing:
    """Articles already in the target folder, and those imported so far: indexed for the
    duplicate check, with where each one is (or is being) written."""

    def __init__(self, into: Path) -> None:
        self.index = DuplicateIndex()
        self._paths: dict[str, Path | Future[Path]] = {}
        self._pending = 0
        if not into.is_dir():
            return
        try:
            corpus = load_corpus([into])
        except CorpusPathError:
            return
        for article in corpus.all_articles():
            try:
                body = article.body
            except ArticleUnavailable:
                continue
            self.add(article.id, article.url, body, article.path)

    def add(self, article_id: str, url: str | None, body: str, path: Path) -> None:
        self.index.add(article_id, url, body)
        self._paths.setdefault(article_id, path)

    def add_pending(self, url: str | None, body: str, written: Future[Path]) -> None:
        """A page whose file is still being written: its id is known once it is written."""
        self._pending += 1
        key = f"{_PENDING}{self._pending}"
        self.index.add(key, url, body)
        self._paths[key] = written

    def resolve(self, article_id: str) -> tuple[str, Path | None]:
        """The real id and the file of an indexed article (waits for a pending write)."""
        where = self._paths.get(article_id)
        if isinstance(where, Future):
            try:
                path = where.result()
            except Exception:  # its write failed (reported on its own line)
                return article_id, None
            return f"imported:{path.name}", path
        return article_id, where


_PENDING = "\x00pending:"


def _read_page(path: Path) -> bytes:
    """The file's bytes; refuses what is not a regular file or is too large."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PageImportError("no such file") from None
    except OSError as exc:
        raise PageImportError(f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise PageImportError(kind)
    if st.st_size > MAX_PAGE_BYTES:
        raise PageImportError(
            f"page too large ({st.st_size / 1e6:.1f} MB, limit {MAX_PAGE_BYTES // 2**20} MB)"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise PageImportError(f"cannot read ({exc.strerror or exc})") from None


def run_import(files: list[Path], into: Path, *, update: bool, out: TextIO, err: TextIO) -> int:
    """Import each HTML file into the folder ``into``; see the module docstring.

    Pages are read, extracted and checked for duplicates on this thread; the files are
    written (fsynced) on one writer thread meanwhile, in order, and each file's line is
    printed, in order, once its outcome is known.
    """
    into = Path(into)
    if os.path.lexists(into) and not into.is_dir():
        err.write(f"cannot import into {display_path(into)}: not a folder\n")
        return 2
    existing = _Existing(into)
    counts = {"imported": 0, "skipped": 0}
    waiting: deque[tuple[str, Future[tuple[str, Path]] | str]] = deque()

    def flush(report: _Report, *, wait: bool) -> None:
        while waiting:
            name, outcome = waiting[0]
            if isinstance(outcome, Future):
                if not (wait or outcome.done()):
                    return
                try:
                    verb, written = outcome.result()
                except _Skip as exc:
                    outcome = f"skipped {name}: {exc}"
                else:
                    report.out(f"{verb} {name} -> {display_path(written)}")
                    counts["imported"] += 1
            if isinstance(outcome, str):
                report.err(outcome)
                counts["skipped"] += 1
            waiting.popleft()

    with (
        _Report(out, err, total=len(files)) as report,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as writer,
    ):
        for file in files:
            name = display_path(file)
            try:
                waiting.append((name, _import_one(Path(file), into, existing, writer, update)))
            except _Skip as exc:
                waiting.append((name, f"skipped {name}: {exc}"))
            except Exception as exc:  # one bad page never aborts the batch
                detail = clean_line(str(exc))[:120]
                reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
                waiting.append((name, f"skipped {name}: could not import ({reason})"))
            report.advance()
            flush(report, wait=False)
        flush(report, wait=True)
    if not counts["imported"]:
        return 2
    return 1 if counts["skipped"] else 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class _Report:
    """The per-file lines, and a progress bar on ``err`` for more than :data:`PROGRESS_FROM`
    pages when ``err`` is a terminal (never in a pipe or a file). While the bar shows, lines
    for a terminal go through its console, so they scroll above the bar."""

    def __init__(self, out: TextIO, err: TextIO, *, total: int) -> None:
        self._out, self._err = out, err
        self._progress: Any = None
        self._task: Any = None
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
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _line(self, stream: TextIO, line: str, on_tty: bool) -> None:
        if self._progress is not None and on_tty:
            self._progress.console.print(line, markup=False, emoji=False, soft_wrap=True)
        else:
            stream.write(line + "\n")

    def out(self, line: str) -> None:
        self._line(self._out, line, self._progress is not None and self._out_tty)

    def err(self, line: str) -> None:
        self._line(self._err, line, True)

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)


class _Skip(Exception):
    """This file is not imported; the message says why."""


def _import_one(
    file: Path, into: Path, existing: _Existing, writer: ThreadPoolExecutor, update: bool
) -> Future[tuple[str, Path]]:
    """Read, extract and check one page, and hand its file to the writer. Raises _Skip.

    The future gives ("imported" or "updated", the file written), or raises _Skip.
    """
    try:
        page = import_html(_read_page(file), file.name)
    except PageImportError as exc:
        raise _Skip(str(exc)) from exc
    match = existing.index.find(page.url, page.body)
    target: Path | None = None
    if match:
        article_id, target = existing.resolve(match.article_id)
        match = dataclasses.replace(match, article_id=article_id)
    if match and not update:
        where = f" ({display_path(target)})" if target else ""
        raise _Skip(
            f"duplicate of {match.article_id}{where}, {match.reason}: use --update to replace"
        )
    if match:
        # Same id as the article it replaces: its annotations follow, re-anchored on open.
        page = dataclasses.replace(page, id=match.article_id)
    verb = "updated" if match else "imported"
    replace = target if match else None

    def write() -> tuple[str, Path]:
        try:
            written = write_import(page, into, replace=replace)
        except (OSError, PageImportError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise _Skip(f"cannot write into {display_path(into)} ({reason})") from exc
        return verb, written

    done = writer.submit(write)
    if match:
        existing.index.add(match.article_id, page.url, page.body)
    else:
        existing.add_pending(page.url, page.body, _path_of(done))
    return done


def _path_of(done: Future[tuple[str, Path]]) -> Future[Path]:
    """A future of just the path that ``done`` writes."""
    path: Future[Path] = Future()

    def copy(f: Future[tuple[str, Path]]) -> None:
        exc = f.exception()
        if exc is not None:
            path.set_exception(exc)
        else:
            path.set_result(f.result()[1])

    done.add_done_callback(copy)
    return path
