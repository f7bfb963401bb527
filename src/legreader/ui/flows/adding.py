"""Adding to the corpus: the study from a DOI, PMID or reference file, web pages from their
addresses (fetched in worker threads, cancelled when the app closes).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work

from legreader.ui import messages
from legreader.ui.flows.state import AppFlow, one_line


class AddingFlows(AppFlow):
    """The palette's “add the study” and “import from URL”."""

    @on(messages.AddStudy)
    def _add_study_request(self) -> None:
        self.add_study()

    @on(messages.ImportFromUrl)
    def _import_url_request(self) -> None:
        self.import_from_url()

    _adding_cancel: threading.Event | None = None
    """Set to stop the fetch under way (the app is closing)."""

    def default_add_folder(self) -> Path:
        """Where new articles go: the corpus's (first) folder; for the bundled sample, a
        ``legreader-corpus`` folder in the working directory (the sample stays as shipped)."""
        from legreader.files.resources import sample_corpus_dir

        sample = sample_corpus_dir().resolve()
        for path in self.corpus_paths:
            folder = path if path.is_dir() else path.parent
            if folder.resolve() != sample:
                return folder
        return Path.cwd() / "legreader-corpus"

    def add_study(self) -> None:
        """Palette: the study's record from a DOI, PMID or reference file."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                self._show_adding("looking up the study…")
                self._add_study_in_background(request.source, request.folder)

        self.push_screen(
            AddSourceDialog(
                "Add the study",
                "DOI, PMID, PMCID, or a reference file (RIS, BibTeX, CSL-JSON, PubMed XML, JATS)",
                "10.3389/fnins.2018.00336 · 29875623 · ~/Downloads/study.ris",
                self.default_add_folder(),
            ),
            chosen,
        )

    def import_from_url(self) -> None:
        """Palette: fetch web pages into the corpus (a page imported before is updated)."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                from legreader.study.adding import split_urls

                urls = split_urls(request.source)
                self._show_adding(f"importing 0/{len(urls)}…")
                self._import_in_background(urls, request.folder)

        self.push_screen(
            AddSourceDialog(
                "Import web pages",
                "Address(es) of the article pages, separated by spaces",
                "https://…",
                self.default_add_folder(),
            ),
            chosen,
        )

    def _show_adding(self, what: str) -> None:
        self.main.set_sidebar_title(what)

    def _new_cancel(self) -> threading.Event:
        self._adding_cancel = threading.Event()
        return self._adding_cancel

    @work(thread=True, group="add", exit_on_error=False)
    def _add_study_in_background(self, source: str, folder: Path, force: bool = False) -> None:
        from legreader.study.adding import AddFailed, PrimaryExists, find_study, save_study

        cancel = self._new_cancel()
        try:
            record = find_study(source, cancel=cancel)
            written = save_study(record, folder, force=force)
        except PrimaryExists as exc:
            self._from_worker(self._ask_replace_primary, source, folder, exc.path)
            return
        except AddFailed as exc:
            self._from_worker(self._add_failed, f"Could not add the study: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            self._from_worker(self._add_failed, f"Could not add the study: {one_line(exc)}")
            return
        notes = "".join(f"\n{note}" for note in record.notes)
        verb = "Replaced" if written.replaced else "Added"
        self._from_worker(
            self._corpus_grew, [written.path], f"{verb} the study: {record.title}{notes}"
        )

    def _ask_replace_primary(self, source: str, folder: Path, existing: Path | None) -> None:
        from legreader.ui.dialogs.confirm import ConfirmDialog

        self.main.set_sidebar_title()
        name = existing.name if existing is not None else "a primary record"

        def answered(replace: bool | None) -> None:
            if replace:
                self._show_adding("replacing the study…")
                self._add_study_in_background(source, folder, force=True)

        self.push_screen(
            ConfirmDialog(f"The folder already holds the study ({name}). Replace it?"),
            answered,
        )

    @work(thread=True, group="add", exit_on_error=False)
    def _import_in_background(self, urls: list[str], folder: Path) -> None:
        from legreader.study.adding import AddFailed, import_pages

        cancel = self._new_cancel()

        def progress(done: int, total: int) -> None:
            self._from_worker(self._show_adding, f"importing {done}/{total}…")

        try:
            result = import_pages(urls, folder, progress=progress, cancel=cancel)
        except AddFailed as exc:
            self._from_worker(self._add_failed, f"Could not import: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            self._from_worker(self._add_failed, f"Could not import: {one_line(exc)}")
            return
        lines = [f"Imported {len(result.written)} of {len(urls)} page(s)."]
        lines += result.skipped[:5]
        if len(result.skipped) > 5:
            lines.append(f"… and {len(result.skipped) - 5} more not imported")
        if not result.written:
            self._from_worker(self._add_failed, "\n".join(lines))
            return
        self._from_worker(self._corpus_grew, result.written, "\n".join(lines))

    def _add_failed(self, message: str) -> None:
        self.main.set_sidebar_title()
        self.notify(message, severity="error", timeout=10, markup=False)

    def _corpus_grew(self, written: list[Path], message: str) -> None:
        """New files were written: make sure the corpus covers them, then list it again."""
        roots = [p.resolve() for p in self.corpus_paths if p.is_dir()]
        for path in written:
            resolved = path.resolve()
            if not any(resolved.is_relative_to(root) for root in roots):
                self.corpus_paths.append(path)
        self.notify(message, timeout=8, markup=False)
        self._show_adding("listing…")
        self._reload_corpus(written[0] if written else None)
