"""Palette: export and import annotations, off the UI thread, one notification each.

Handed what it needs, as :mod:`legreader.ui.copying` is: the views it asks and reports in
(:class:`TransferViews`, the main screen) and :class:`TransferState` (the store and corpus as
they are now, a way back to the UI thread, what to refresh after an import). It holds no
reference to the app. The work itself is :mod:`legreader.cite.transfer`'s typed API, which the
command line uses too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from legreader.ui.views import DialogViews

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from legreader.cite.transfer import ExportFormat, ImportFile, TransferError
    from legreader.corpus.loader import Corpus
    from legreader.store import AnnotationStore


class TransferViews(DialogViews, Protocol):
    """Where the file is asked for and the outcome reported (the main screen)."""


@dataclass(frozen=True)
class TransferState:
    """What a transfer reads of the app's state, handed in by the app."""

    store: Callable[[], AnnotationStore | None]
    """The open annotation store, or None."""
    corpus: Callable[[], Corpus | None]
    """The corpus listed now, or None."""
    on_ui_thread: Callable[..., None]
    """Runs a callable on the UI thread from a worker thread (nothing once the app closed)."""
    imported: Callable[[], None]
    """After an import was merged: re-index the notes and tags, redraw the marks."""


class TransferController:
    """Export (`export_to`) and import (`read_import_file` then `merge_into`) of annotations."""

    def __init__(self, views: TransferViews, state: TransferState) -> None:
        self.views = views
        self.state = state

    def export(self, fmt: ExportFormat) -> None:
        """Ask where to write an export in ``fmt``, then write it in a worker thread."""
        from legreader.cite.transfer import FILE_EXTENSIONS
        from legreader.ui.dialogs.text_prompt import TextPrompt

        suggestion = str(Path.cwd() / f"legreader-annotations.{FILE_EXTENSIONS[fmt]}")

        def chosen(path: str | None) -> None:
            if not path or self.state.store() is None or self.state.corpus() is None:
                return
            target = Path(path).expanduser()
            self.views.run_worker(
                lambda: self._export(fmt, target), group="export", exit_on_error=False, thread=True
            )

        self.views.open_dialog(
            TextPrompt(f"Export annotations as {fmt} to file:", suggestion), chosen
        )

    def _export(self, fmt: ExportFormat, target: Path) -> None:
        """Write an export off the UI thread (:func:`legreader.cite.transfer.export_to`): the CSV
        reads and analyses every annotated article, the report every annotated one's source.
        Says how it went in one notification."""
        from legreader.cite.transfer import TransferError, export_to

        store, corpus = self.state.store(), self.state.corpus()
        if store is None or corpus is None:
            return
        try:
            result = export_to(store, corpus, fmt, target)
        except TransferError as exc:
            self._failed(exc)
            return
        except Exception as exc:  # a bug in an export must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Export failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.views.notify(line, severity="error", markup=False)
            return
        self.views.notify(result.summary(), markup=False)

    def _failed(self, exc: TransferError) -> None:
        """One error notification for a failed export or import (thread-safe)."""
        line = exc.line()
        self.views.notify(line[:1].upper() + line[1:], severity="error", markup=False)

    def import_file(self) -> None:
        """Ask for a file to import, read and check it in a worker thread, merge it here."""
        from legreader.ui.dialogs.text_prompt import TextPrompt

        def chosen(path: str | None) -> None:
            store = self.state.store()
            if not path or store is None:
                return
            if store.read_only:
                self.views.notify("Annotations are read-only.", severity="warning")
                return
            source = Path(path).expanduser()
            self.views.run_worker(
                lambda: self._read(source), group="import", exit_on_error=False, thread=True
            )

        self.views.open_dialog(
            TextPrompt("Import annotations (JSON or W3C export) from file:", ""), chosen
        )

    def _read(self, source: Path) -> None:
        """Read and check an export off the UI thread
        (:func:`legreader.cite.transfer.read_import_file`), then merge it on the UI thread, which
        owns the store (:meth:`_merge`)."""
        from legreader.cite.transfer import TransferError, read_import_file

        try:
            checked = read_import_file(source, corpus=self.state.corpus())
        except TransferError as exc:
            self._failed(exc)
            return
        except Exception as exc:  # a bug in an import must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Import failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.views.notify(line, severity="error", markup=False)
            return
        self.state.on_ui_thread(self._merge, checked)

    def _merge(self, checked: ImportFile) -> None:
        """Merge a checked import into the store and say so in one notification (a warning
        when rows were refused)."""
        from legreader.cite.transfer import TransferError, merge_into

        store = self.state.store()
        if store is None or store.read_only:
            self.views.notify("Annotations are read-only.", severity="warning")
            return
        try:
            summary = merge_into(store, checked)
        except TransferError as exc:
            self._failed(exc)
            return
        severity: SeverityLevel = (
            "warning" if summary.refused or summary.duplicates else "information"
        )
        self.views.notify(summary.summary(), severity=severity, markup=False)
        self.state.imported()
