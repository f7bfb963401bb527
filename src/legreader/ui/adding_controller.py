"""Palette: add the study (a DOI, PMID or reference file) or web pages (their addresses) to
the corpus, fetched in worker threads that stop at once when the app closes.

Handed what it needs, as :mod:`legreader.ui.copying` is: the views it asks and reports in
(:class:`AddingViews`, the main screen) and :class:`AddingState` (the corpus's paths, a way
back to the UI thread, what to do once files were written). It holds no reference to the
app. The work itself is :mod:`legreader.study.adding`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from legreader.ui.views import DialogViews
from legreader.ui.wording import one_line

if TYPE_CHECKING:
    pass


class AddingViews(DialogViews, Protocol):
    """Where the source is asked for and the progress shown (the main screen)."""

    def set_sidebar_title(self, what: str | None = None) -> None: ...


@dataclass(frozen=True)
class AddingState:
    """What adding reads of the app's state, handed in by the app."""

    corpus_paths: Callable[[], Sequence[Path]]
    """The folders and files the corpus is listed from."""
    on_ui_thread: Callable[..., None]
    """Runs a callable on the UI thread from a worker thread (nothing once the app closed)."""
    grew: Callable[[list[Path], str], None]
    """New files were written (the paths, the notice to show): list the corpus again."""


class AddingController:
    """The palette's “add the study” and “import from URL”."""

    def __init__(self, views: AddingViews, state: AddingState) -> None:
        self.views = views
        self.state = state
        self._cancel: threading.Event | None = None
        """Set to stop the fetch under way (the app is closing)."""

    def cancel(self) -> None:
        """Stop a fetch under way at once (the app is closing)."""
        if self._cancel is not None:
            self._cancel.set()

    def default_folder(self) -> Path:
        """Where new articles go: the corpus's (first) folder; for the bundled sample, a
        ``legreader-corpus`` folder in the working directory (the sample stays as shipped)."""
        from legreader.files.resources import sample_corpus_dir

        sample = sample_corpus_dir().resolve()
        for path in self.state.corpus_paths():
            folder = path if path.is_dir() else path.parent
            if folder.resolve() != sample:
                return folder
        return Path.cwd() / "legreader-corpus"

    def add_study(self) -> None:
        """The study's record from a DOI, PMID or reference file."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                self._show("looking up the study…")
                self._start_study(request.source, request.folder)

        self.views.open_dialog(
            AddSourceDialog(
                "Add the study",
                "DOI, PMID, PMCID, or a reference file (RIS, BibTeX, CSL-JSON, PubMed XML, JATS)",
                "10.3389/fnins.2018.00336 · 29875623 · ~/Downloads/study.ris",
                self.default_folder(),
            ),
            chosen,
        )

    def import_from_url(self) -> None:
        """Fetch web pages into the corpus (a page imported before is updated)."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                from legreader.study.adding import split_urls

                urls = split_urls(request.source)
                self._show(f"importing 0/{len(urls)}…")
                folder = request.folder
                self.views.run_worker(
                    lambda: self._import(urls, folder),
                    group="add",
                    exit_on_error=False,
                    thread=True,
                )

        self.views.open_dialog(
            AddSourceDialog(
                "Import web pages",
                "Address(es) of the article pages, separated by spaces",
                "https://…",
                self.default_folder(),
            ),
            chosen,
        )

    def _show(self, what: str) -> None:
        self.views.set_sidebar_title(what)

    def _new_cancel(self) -> threading.Event:
        self._cancel = threading.Event()
        return self._cancel

    def _start_study(self, source: str, folder: Path, force: bool = False) -> None:
        self.views.run_worker(
            lambda: self._add_study(source, folder, force),
            group="add",
            exit_on_error=False,
            thread=True,
        )

    def _add_study(self, source: str, folder: Path, force: bool) -> None:
        """(In a worker thread.) Find the study's record and write it as the primary record."""
        from legreader.study.adding import AddFailed, PrimaryExists, find_study, save_study

        on_ui = self.state.on_ui_thread
        cancel = self._new_cancel()
        try:
            record = find_study(source, cancel=cancel)
            written = save_study(record, folder, force=force)
        except PrimaryExists as exc:
            on_ui(self._ask_replace_primary, source, folder, exc.path)
            return
        except AddFailed as exc:
            on_ui(self._failed, f"Could not add the study: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            on_ui(self._failed, f"Could not add the study: {one_line(exc)}")
            return
        notes = "".join(f"\n{note}" for note in record.notes)
        verb = "Replaced" if written.replaced else "Added"
        on_ui(self.state.grew, [written.path], f"{verb} the study: {record.title}{notes}")

    def _ask_replace_primary(self, source: str, folder: Path, existing: Path | None) -> None:
        from legreader.ui.dialogs.confirm import ConfirmDialog

        self.views.set_sidebar_title()
        name = existing.name if existing is not None else "a primary record"

        def answered(replace: bool | None) -> None:
            if replace:
                self._show("replacing the study…")
                self._start_study(source, folder, force=True)

        self.views.open_dialog(
            ConfirmDialog(f"The folder already holds the study ({name}). Replace it?"),
            answered,
        )

    def _import(self, urls: list[str], folder: Path) -> None:
        """(In a worker thread.) Fetch the pages and write them as articles."""
        from legreader.study.adding import AddFailed, import_pages

        on_ui = self.state.on_ui_thread
        cancel = self._new_cancel()

        def progress(done: int, total: int) -> None:
            on_ui(self._show, f"importing {done}/{total}…")

        try:
            result = import_pages(urls, folder, progress=progress, cancel=cancel)
        except AddFailed as exc:
            on_ui(self._failed, f"Could not import: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            on_ui(self._failed, f"Could not import: {one_line(exc)}")
            return
        lines = [f"Imported {len(result.written)} of {len(urls)} page(s)."]
        lines += result.skipped[:5]
        if len(result.skipped) > 5:
            lines.append(f"… and {len(result.skipped) - 5} more not imported")
        if not result.written:
            on_ui(self._failed, "\n".join(lines))
            return
        on_ui(self.state.grew, result.written, "\n".join(lines))

    def _failed(self, message: str) -> None:
        self.views.set_sidebar_title()
        self.views.notify(message, severity="error", timeout=10, markup=False)
