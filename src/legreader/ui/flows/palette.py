"""The command palette's verbs that open a dialog: skipped files, tags (search, rename), and
exporting and importing annotations (handed to :mod:`legreader.ui.transfer`).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from textual import on

from legreader.ui import messages
from legreader.ui.flows.state import AppFlow
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from legreader.cite.transfer import ExportFormat
    from legreader.ui.commands import PaletteContext
    from legreader.ui.transfer import TransferController


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

    @cached_property
    def transferring(self) -> TransferController:
        """Export and import of annotations (see :mod:`legreader.ui.transfer`)."""
        from legreader.ui.transfer import TransferController, TransferState

        def imported() -> None:
            self._index_annotations()
            self.annotating.forget_facts()
            self.annotating.reanchor_current()

        return TransferController(
            self.main,
            TransferState(
                store=lambda: self.store,
                corpus=lambda: self.corpus,
                on_ui_thread=self._from_worker,
                imported=imported,
            ),
        )

    def export_annotations(self, fmt: ExportFormat) -> None:
        """Palette: ask for a file, write the annotations to it in ``fmt`` (in a thread)."""
        self.transferring.export(fmt)

    def import_annotations(self) -> None:
        """Palette: ask for a file, merge the annotations it holds (read in a thread)."""
        self.transferring.import_file()
