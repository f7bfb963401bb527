"""Adding to the corpus: the study from a DOI, PMID or reference file, web pages from their
addresses (handed to :mod:`legreader.ui.adding_controller`).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on

from legreader.ui import messages
from legreader.ui.flows.state import AppFlow

if TYPE_CHECKING:
    from legreader.ui.adding_controller import AddingController


class AddingFlows(AppFlow):
    """The palette's “add the study” and “import from URL”."""

    @on(messages.AddStudy)
    def _add_study_request(self) -> None:
        self.add_study()

    @on(messages.ImportFromUrl)
    def _import_url_request(self) -> None:
        self.import_from_url()

    _adding: AddingController | None = None

    @property
    def adding(self) -> AddingController:
        """The palette's adding flows (see :mod:`legreader.ui.adding_controller`), made at
        first use."""
        if self._adding is None:
            from legreader.ui.adding_controller import AddingController, AddingState

            self._adding = AddingController(
                self.main,
                AddingState(
                    corpus_paths=lambda: self.corpus_paths,
                    on_ui_thread=self._from_worker,
                    grew=self._corpus_grew,
                ),
            )
        return self._adding

    def stop_adding(self) -> None:
        """Stop a fetch under way at once (the app is closing)."""
        if self._adding is not None:
            self._adding.cancel()

    def default_add_folder(self) -> Path:
        """Where new articles go (see :meth:`AddingController.default_folder`)."""
        return self.adding.default_folder()

    def add_study(self) -> None:
        """Palette: the study's record from a DOI, PMID or reference file."""
        self.adding.add_study()

    def import_from_url(self) -> None:
        """Palette: fetch web pages into the corpus (a page imported before is updated)."""
        self.adding.import_from_url()
