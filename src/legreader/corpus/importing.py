"""Importing saved web pages and addresses into a corpus folder: the work behind
``legreader import`` and the app's "import: add from URL". No Textual import, no printing:
:func:`import_pages` returns each page's :class:`PageOutcome` (imported or updated, with what
was kept and where the page's debris went; unchanged; a file given twice; skipped with its
reason), and the caller shows them (the command prints a line each, see
:mod:`legreader.cli.importing`). One bad page never stops the batch: whatever goes wrong with a
file (unreadable, not HTML, a URL or charset that breaks a parser, an unexpected exception)
skips that file with its reason, and the next one is imported.

An http(s) address is fetched (:mod:`legreader.corpus.html.fetch`: several at once, bounded; size
cap, timeouts, HTML only, the headers' charset) and imported like a saved page; a page that
names no canonical URL keeps the address it was fetched from, so importing the same address
again with ``update`` replaces it and keeps its id (its annotations re-anchor).

Scale: the duplicate check goes through an index (:class:`DuplicateIndex`), so each page
costs the same however many came before. For more than :data:`PARALLEL_FROM` pages the
extraction (the costly part: parsing, trafilatura) runs in worker processes, one per core
(at most :data:`MAX_WORKERS`); the duplicate check and the writes stay in this process, in
the order of the files, so the outcome is the same as one by one. Where worker processes
cannot be had (or one dies), the pages left are extracted here.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from legreader.corpus.html import (
    MAX_PAGE_BYTES,
    DuplicateIndex,
    ImportedPage,
    PageImportError,
    import_html,
    import_summary,
    write_import,
)
from legreader.corpus.loader import ArticleUnavailable, CorpusPathError, display_path, load_corpus
from legreader.files.atomic import fsync_dir
from legreader.text.clean import clean_line

if TYPE_CHECKING:
    from legreader.net.client import Fetched, HttpClient
    from legreader.net.errors import NetError

#: More pages than this are extracted in worker processes.
PARALLEL_FROM = 20
#: At most this many worker processes.
MAX_WORKERS = 4


class _Existing:
    """Articles already in the target folder, and those imported so far: indexed for the
    duplicate check, id -> path."""

    def __init__(self, into: Path) -> None:
        self.index = DuplicateIndex()
        self.paths: dict[str, Path] = {}
        self.sources: dict[str, Path | str] = {}
        """Articles imported by this run: the page file each came from."""
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

    def add(
        self,
        article_id: str,
        url: str | None,
        body: str,
        path: Path,
        source: Path | str | None = None,
    ) -> None:
        self.index.add(article_id, url, body)
        self.paths.setdefault(article_id, path)
        if source is not None:
            self.sources.setdefault(article_id, source)


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


PageOutcomeKind = Literal["imported", "updated", "unchanged", "repeat", "skipped", "stopped"]
"""What became of one page: written new, replacing an earlier import, already holding this
text, given twice on the same run (imported once), not imported (the detail says why), or not
reached because the run was cancelled."""


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """One page of an import run."""

    kind: PageOutcomeKind
    name: str
    """The page as the reader gave it (a file name or an address), safe to print."""
    detail: str
    """What was kept and where the debris went (written pages); why (the others)."""
    path: Path | None = None
    """The article file written or found (``imported``, ``updated``, ``unchanged``)."""
    shown: str = ""
    """``path`` as the reader named the target folder."""

    @property
    def written(self) -> bool:
        return self.kind in ("imported", "updated", "unchanged")

    @property
    def failed(self) -> bool:
        return self.kind in ("skipped", "stopped")

    def line(self) -> str:
        """The one line a report prints for this page."""
        if self.kind == "repeat":
            return f"{self.name}: {self.detail}"
        if self.kind == "stopped":
            return f"stopped: {self.detail}"
        if self.kind == "skipped":
            return f"skipped {self.name}: {self.detail}"
        return f"{self.kind} {self.name} -> {self.shown}: {self.detail}"


@dataclass(slots=True)
class ImportRun:
    """Every page's outcome, in the order given."""

    outcomes: list[PageOutcome] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        """The articles imported or updated (or already holding the page's text)."""
        return [o.path for o in self.outcomes if o.written and o.path is not None]

    @property
    def failures(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def exit_code(self) -> int:
        """0 every page was imported; 1 some were and at least one was not; 2 none was."""
        if not self.written:
            return 2
        return 1 if self.failures else 0


class ImportTargetError(Exception):
    """The target is not a folder: nothing was imported; ``str(err)`` says so in one line."""


def import_pages(
    files: Sequence[Path | str],
    into: Path,
    *,
    update: bool,
    jobs: int | None = None,
    client: HttpClient | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    on_outcome: Callable[[PageOutcome], None] | None = None,
) -> ImportRun:
    """Import each HTML file (a path) or web page (a ``str`` http(s) address) into the
    folder ``into``; see the module docstring. Raises :class:`ImportTargetError` when
    ``into`` exists and is not a folder.

    ``jobs``: worker processes for the extraction (None: one per core, at most
    :data:`MAX_WORKERS`; 1: all in this process: the only safe choice from a program that
    runs threads). ``client``: the HTTP client for addresses (default: a new one).
    ``on_outcome`` gets each page's outcome as it is decided, then ``progress(done, total)``
    is called; ``cancel`` set stops the batch after the page in hand (the rest are neither
    fetched nor written).
    """
    into = Path(into)
    if os.path.lexists(into) and not into.is_dir():
        raise ImportTargetError(f"cannot import into {display_path(into)}: not a folder")
    run = ImportRun()

    def record(outcome: PageOutcome) -> None:
        run.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    existing = _Existing(into)
    paths = [str(f) for f in files if isinstance(f, Path)]
    urls = [f for f in files if not isinstance(f, Path)]
    # The workers are started (forked) before any fetching thread (and before the caller's
    # progress bar, which is started by the first outcome at the earliest).
    from_files = _extracted(paths, _workers(len(paths), jobs))
    first = next(from_files, None)
    from_files = _chain(first, from_files) if paths else iter(())
    with _Fetching(urls, client, cancel) as from_urls:
        pages = (next(from_files) if isinstance(f, Path) else next(from_urls) for f in files)
        for done, (file, extracted) in enumerate(zip(files, pages, strict=True), 1):
            if cancel is not None and cancel.is_set():
                left = len(files) - done + 1
                record(PageOutcome("stopped", "", f"{left} page(s) not imported"))
                break
            name = display_path(file) if isinstance(file, Path) else _url_name(file)
            try:
                if isinstance(extracted, str):
                    raise _Skip(extracted)
                kind, path, detail = _store(extracted, file, into, existing, update=update)
            except _Repeat as exc:
                record(PageOutcome("repeat", name, str(exc)))
            except _Skip as exc:
                record(PageOutcome("skipped", name, str(exc)))
            except Exception as exc:  # one bad page never aborts the batch
                record(PageOutcome("skipped", name, _unexpected(exc)))
            else:
                record(PageOutcome(kind, name, detail, path, _shown(path, into)))
            if progress is not None:
                progress(done, len(files))
    if any(o.kind in ("imported", "updated") for o in run.outcomes):
        fsync_dir(into)  # the new names, durable at once (each file's data is fsynced)
    return run


def _url_name(url: str) -> str:
    from legreader.net.client import safe_url

    return clean_line(safe_url(url))[:300]


class _Fetching:
    """The pages at ``urls``, fetched concurrently, extracted here as they arrive (in
    order): an iterator of :class:`ImportedPage` or skip reasons."""

    def __init__(
        self, urls: list[str], client: HttpClient | None, cancel: threading.Event | None
    ) -> None:
        self._urls = urls
        self._client = client
        self._own = False
        self._cancel = cancel
        self._pages: Iterator[tuple[str, Fetched | NetError]] = iter(())

    def __enter__(self) -> Iterator[ImportedPage | str]:
        if self._urls:
            from legreader.corpus.html.fetch import fetch_pages
            from legreader.net.client import HttpClient

            if self._client is None:
                self._client = HttpClient(cancel=self._cancel)
                self._own = True
            self._pages = fetch_pages(self._client, self._urls)
        return (extract_fetched(url, fetched) for url, fetched in self._pages)

    def __exit__(self, *exc: object) -> None:
        close = getattr(self._pages, "close", None)
        if close is not None:
            close()  # stop the fetching threads (pages not begun are not fetched)
        if self._own and self._client is not None:
            self._client.close()


def extract_fetched(url: str, fetched: Fetched | NetError) -> ImportedPage | str:
    """The page fetched from ``url`` (a :class:`~legreader.net.client.Fetched`, or the
    :class:`~legreader.net.errors.NetError` that stopped it), or why it is skipped."""
    from legreader.net.errors import NetError

    if isinstance(fetched, NetError):
        return str(fetched)
    try:
        page = import_html(fetched.body, url, charset=fetched.charset)
    except PageImportError as exc:
        return str(exc)
    except Exception as exc:  # one bad page never aborts the batch
        return _unexpected(exc)
    if not page.url:
        from legreader.net.client import safe_url

        page = dataclasses.replace(page, url=clean_line(safe_url(fetched.url)))
    return page


def _chain(
    first: ImportedPage | str | None, rest: Iterator[ImportedPage | str]
) -> Iterator[ImportedPage | str]:
    if first is not None:
        yield first
        yield from rest


def _unexpected(exc: BaseException) -> str:
    detail = clean_line(str(exc))[:120]
    reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return f"could not import ({reason})"


def extract_file(file: str) -> ImportedPage | str:
    """The page in one file, or why it is skipped (runs in a worker process too)."""
    try:
        return import_html(_read_page(Path(file)), Path(file).name)
    except PageImportError as exc:
        return str(exc)
    except Exception as exc:  # one bad page never aborts the batch
        return _unexpected(exc)


def _workers(count: int, jobs: int | None) -> int:
    if count <= PARALLEL_FROM:
        return 1
    if jobs is not None:
        return max(1, min(jobs, count))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _worker_init() -> None:
    """A worker leaves Ctrl-C to the main process (which stops the pool): no traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extracted(files: list[str], workers: int) -> Iterator[ImportedPage | str]:
    """Each file's page (or skip reason), in order; extracted in ``workers`` processes when
    more than one, and here for whatever they could not do."""
    done = 0
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            import trafilatura  # noqa: F401  (loaded once here, inherited by the workers)

            # fork: no thread runs yet, and the workers start with the modules loaded.
            context = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
            results = pool.map(extract_file, files, chunksize=2)
        except (OSError, ValueError, ImportError):
            pass  # no worker processes here: extract in this process
        else:
            try:
                for result in results:
                    yield result
                    done += 1
            except BrokenProcessPool:
                pass  # a worker died (out of memory, a crash in a parser): go on here
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    for file in files[done:]:
        yield extract_file(file)


class _Skip(Exception):
    """This file is not imported; the message says why."""


class _Repeat(Exception):
    """This file was given earlier on the same command line and imported then: nothing to do,
    and nothing went wrong (the exit code does not count it)."""


def _same_file(a: Path | str, b: Path | str | None) -> bool:
    if not isinstance(a, Path) or not isinstance(b, Path):
        return a == b  # URLs: the same address
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _without_stamp(text: str) -> str:
    """An imported article's file without its ``imported_at`` line (to compare two imports)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("imported_at:"))


def _store(
    page: ImportedPage, source: Path | str, into: Path, existing: _Existing, *, update: bool
) -> tuple[Literal["imported", "updated", "unchanged"], Path, str]:
    """Check one page for duplicates and write it: ("imported", "updated" or "unchanged",
    the file written, what was kept and where the debris went). Raises _Skip, or _Repeat for
    a file already imported by this run.

    A page is never called a duplicate of itself: the same file given twice is said to be
    imported once; a page already in the folder (a saved page the corpus reads as it is) is
    said to be there; a page imported before is "already imported as FILE".
    """
    match = existing.index.find(page.url, page.body)
    target: Path | None = existing.paths.get(match.article_id) if match else None
    if match:
        earlier = existing.sources.get(match.article_id)
        shown = _shown(target, into) if target else match.article_id
        if _same_file(source, earlier):
            raise _Repeat(f"given twice, imported once (as {shown})")
        if _same_file(source, target):
            raise _Skip(f"already in {display_path(into)} (a saved page is read as it is)")
        if earlier is not None and not update:
            raise _Skip(
                f"same page as {display_path(earlier)} ({match.reason}), imported above as {shown}"
            )
        if not update:
            imported_before = match.article_id.startswith("imported:") or (
                target is not None and target.suffix == ".md" and _imported_file(target)
            )
            what = "already imported as" if imported_before else "same article as"
            raise _Skip(f"{what} {shown} ({match.reason}); --update replaces it")
        # Same id as the article it replaces: its annotations follow, re-anchored on open.
        page = dataclasses.replace(page, id=match.article_id)
        if target is not None and _unchanged(page, target):
            existing.sources.setdefault(match.article_id, source)
            return "unchanged", target, "the file already has this text"
    try:
        written = write_import(page, into, replace=target if match else None, sync_folder=False)
    except (OSError, PageImportError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _Skip(f"cannot write into {display_path(into)} ({reason})") from exc
    article_id = match.article_id if match else f"imported:{written.name}"
    existing.add(article_id, page.url, page.body, written, source)
    return ("updated" if match else "imported"), written, import_summary(page, written)


def _shown(path: Path, into: Path) -> str:
    """A file of the target folder as the reader named that folder (not resolved)."""
    try:
        return display_path(into / path.resolve().relative_to(into.resolve()))
    except (ValueError, OSError):
        return display_path(path)


def _imported_file(path: Path) -> bool:
    """Whether an article file was written by ``legreader import`` (its front matter says so)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return "\nimported_from:" in head


def _unchanged(page: ImportedPage, target: Path) -> bool:
    """Whether ``target`` already holds what importing ``page`` would write (but the time)."""
    try:
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _without_stamp(current) == _without_stamp(page.to_markdown())
