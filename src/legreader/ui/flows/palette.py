"""The command palette's verbs that open a dialog: skipped files, tags (search, rename), and
exporting and importing annotations (in worker threads, via :mod:`legreader.cite.transfer`).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.notifications import SeverityLevel

from legreader.ui import messages
from legreader.ui.flows.state import AppFlow
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from legreader.cite.transfer import ExportFormat, ImportFile, TransferError
    from legreader.ui.commands import PaletteContext


class PaletteFlows(AppFlow):
    """Palette verbs and annotation transfer."""

    @on(messages.ShowSkipped)
    def _show_skipped_request(self) -> None:
        self.show_skipped()

    @on(messages.ShowTag)
    def _show_tag_request(self, event: messages.ShowTag) -> None:
        self.show_tag(event.tag)

    @on(messages.RenameTag)
    def _rename_tag_request(self, event: messages.RenameTag) -> None:
        self.rename_tag(event.tag)

    @on(messages.ExportAnnotations)
    def _export_request(self, event: messages.ExportAnnotations) -> None:
        self.export_annotations(event.fmt)

    @on(messages.ImportAnnotations)
    def _import_request(self) -> None:
        self.import_annotations()

    def palette_context(self) -> PaletteContext:
        """What the command palette lists its commands from (see :mod:`legreader.ui.commands`)."""
        from legreader.ui.commands import PaletteContext

        store = self.store
        return PaletteContext(self.corpus, store.tags_with_counts() if store is not None else {})

    def show_skipped(self) -> None:
        from legreader.ui.dialogs.manual_copy import ManualCopyDialog

        if self.corpus is None:
            return
        lines = "\n".join(s.line() for s in self.corpus.skipped)
        self.push_screen(
            ManualCopyDialog(
                f"{plural(len(self.corpus.skipped), 'file')} could not be loaded:", lines
            )
        )

    def show_tag(self, tag: str) -> None:
        """Corpus search for a tag."""
        from legreader.ui.corpus_search import CorpusSearchScreen, SearchTarget

        if self.corpus is None:
            return
        titles = {a.id: a.title for a in self.corpus.all_articles()}

        def chosen(target: SearchTarget | None) -> None:
            if target is not None and self.corpus is not None:
                article = self.corpus.by_id(target.article_id)
                if article is not None:
                    self.open_article_at(article, target.start, target.end, target.annotation_id)

        self.push_screen(CorpusSearchScreen(self.corpus_index, titles, query=f'"{tag}"'), chosen)

    def rename_tag(self, tag: str) -> None:
        from legreader.ui.dialogs.text_prompt import TextPrompt

        store = self.store
        if store is None or store.read_only:
            self.notify("Annotations are read-only.", severity="warning")
            return

        def renamed(new: str | None) -> None:
            if not new or new == tag:
                return
            try:
                count = store.rename_tag(tag, new)
            except Exception as exc:  # StoreError / StoreWriteError: say so, keep going
                self.notify(f"Could not rename the tag: {exc}", severity="error", markup=False)
                return
            self._index_annotations()
            self.annotating.forget_facts()
            self.annotating.refresh_views()
            self.notify(f"Renamed the tag on {plural(count, 'passage')}", markup=False)

        self.push_screen(TextPrompt(f"Rename tag “{tag}” everywhere to:", tag), renamed)

    def export_annotations(self, fmt: ExportFormat) -> None:
        from legreader.cite.transfer import FILE_EXTENSIONS
        from legreader.ui.dialogs.text_prompt import TextPrompt

        suggestion = str(Path.cwd() / f"legreader-annotations.{FILE_EXTENSIONS[fmt]}")

        def chosen(path: str | None) -> None:
            if not path or self.store is None or self.corpus is None:
                return
            self._export_in_background(fmt, Path(path).expanduser())

        self.push_screen(TextPrompt(f"Export annotations as {fmt} to file:", suggestion), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_in_background(self, fmt: ExportFormat, target: Path) -> None:
        """Write an export off the UI thread (:func:`legreader.cite.transfer.export_to`): the CSV
        reads and analyses every annotated article, the report every annotated one's source.
        Says how it went in one notification."""
        from legreader.cite.transfer import TransferError, export_to

        store, corpus = self.store, self.corpus
        if store is None or corpus is None:
            return
        try:
            result = export_to(store, corpus, fmt, target)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        except Exception as exc:  # a bug in an export must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Export failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.notify(line, severity="error", markup=False)
            return
        self.notify(result.summary(), markup=False)

    def _notify_transfer_failure(self, exc: TransferError) -> None:
        """One error notification for a failed export or import (thread-safe)."""
        line = exc.line()
        self.notify(line[:1].upper() + line[1:], severity="error", markup=False)

    def import_annotations(self) -> None:
        from legreader.ui.dialogs.text_prompt import TextPrompt

        def chosen(path: str | None) -> None:
            if not path or self.store is None:
                return
            if self.store.read_only:
                self.notify("Annotations are read-only.", severity="warning")
                return
            self._read_import_in_background(Path(path).expanduser())

        self.push_screen(
            TextPrompt("Import annotations (JSON or W3C export) from file:", ""), chosen
        )

    @work(thread=True, group="import", exit_on_error=False)
    def _read_import_in_background(self, source: Path) -> None:
        """Read and check an export off the UI thread
        (:func:`legreader.cite.transfer.read_import_file`), then merge it on the UI thread, which
        owns the store (:meth:`_merge_import`)."""
        from legreader.cite.transfer import TransferError, read_import_file

        try:
            checked = read_import_file(source, corpus=self.corpus)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        except Exception as exc:  # a bug in an import must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Import failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.notify(line, severity="error", markup=False)
            return
        self._from_worker(self._merge_import, checked)

    def _merge_import(self, checked: ImportFile) -> None:
        """Merge a checked import into the store and say so in one notification (a warning
        when rows were refused)."""
        from legreader.cite.transfer import TransferError, merge_into

        store = self.store
        if store is None or store.read_only:
            self.notify("Annotations are read-only.", severity="warning")
            return
        try:
            summary = merge_into(store, checked)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        severity: SeverityLevel = (
            "warning" if summary.refused or summary.duplicates else "information"
        )
        self.notify(summary.summary(), severity=severity, markup=False)
        self._index_annotations()
        self.annotating.forget_facts()
        self.annotating.reanchor_current()
