"""What the widgets, the palette and the helpers ask of the app, as typed messages.

The app owns the store, the corpus and the screens; nothing else changes them. A widget or a
helper that wants a change posts one of these messages (it bubbles up to the app, which
handles it with ``@on``); it never calls the app. One class per request: a misspelt request is
an import error, not a key that silently does nothing.

Three families:

- :class:`AnnotationRequest`: a change to the annotations (from the article body's keys, or
  the annotations panel's); the body holds the keys typed after its request until the app
  has handled it (``from_body``).
- :class:`PaletteRequest`: a command picked in the palette (see :mod:`legreader.ui.commands`).
- :class:`CompareFinished`: a compare view computed the comparison.

This module imports no widget: widgets import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from legreader.cite.transfer import ExportFormat
    from legreader.claims.model import Category
    from legreader.compare import CompareResult
    from legreader.corpus.loader import Article, Corpus, SortKey

# ------------------------------------------------------------------ annotations


class AnnotationRequest(Message):
    """The reader asked for a change to the annotations (see the subclasses)."""

    def __init__(self, *, from_body: bool = False) -> None:
        self.from_body = from_body
        """Posted by the article body, which holds the keys typed next until it is handled."""
        super().__init__()

    needs_store = True
    """Whether handling it needs the annotation database (opened first, if need be)."""


class SetVerdict(AnnotationRequest):
    """Mark the selected passage with ``verdict`` (the same verdict again removes it)."""

    def __init__(self, verdict: str, *, from_body: bool = False) -> None:
        self.verdict = verdict
        super().__init__(from_body=from_body)


class EditTags(AnnotationRequest):
    """Open the tag dialog for the selected passage."""


class EditNote(AnnotationRequest):
    """Open the note editor for the selected passage."""


class EditArticleNote(AnnotationRequest):
    """Open the note editor for the article shown (note and verdict)."""


class DeleteAnnotation(AnnotationRequest):
    """Delete an annotation: ``annotation_id``, or (None) the one on the selection."""

    def __init__(self, annotation_id: str | None = None, *, from_body: bool = False) -> None:
        self.annotation_id = annotation_id
        super().__init__(from_body=from_body)


class UndoChange(AnnotationRequest):
    """Take back the last change to the annotations."""


class CopyQuote(AnnotationRequest):
    """Copy the selection as a cited quote (``styled``: choose the style first)."""

    needs_store = False

    def __init__(self, *, styled: bool, from_body: bool = False) -> None:
        self.styled = styled
        super().__init__(from_body=from_body)


class AnnotationAction(AnnotationRequest):
    """A request about one annotation listed in the annotations panel."""

    def __init__(self, annotation_id: str | None) -> None:
        self.annotation_id = annotation_id
        super().__init__()


class JumpToAnnotation(AnnotationAction):
    """Select the annotation's passage in the text."""

    needs_store = False


class ReattachAnnotation(AnnotationAction):
    """Attach the annotation to the passage selected in the text."""


class AcceptNewText(AnnotationAction):
    """A changed annotation takes the new words of its passage."""


class KeepOrphaned(AnnotationAction):
    """A changed annotation stays off the text with its old quote."""


# ---------------------------------------------------------------------- palette


class PaletteRequest(Message):
    """A command picked in the command palette."""


class OpenArticle(PaletteRequest):
    """Show ``article`` in the body."""

    def __init__(self, article: Article) -> None:
        self.article = article
        super().__init__()


class ShowSkipped(PaletteRequest):
    """List the corpus files that could not be loaded."""


class SortArticles(PaletteRequest):
    """Order the sidebar by ``key`` (date, title or outlet)."""

    def __init__(self, key: SortKey) -> None:
        self.key: SortKey = key
        super().__init__()


class ToggleCategory(PaletteRequest):
    """Show or hide one claim category's highlights."""

    def __init__(self, category: Category) -> None:
        self.category: Category = category
        super().__init__()


class ToggleHighlights(PaletteRequest):
    """All claim highlighting on or off."""


class ToggleAnnotations(PaletteRequest):
    """Show or hide the annotations panel."""


class ShowTag(PaletteRequest):
    """Search the corpus for the passages tagged ``tag``."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        super().__init__()


class RenameTag(PaletteRequest):
    """Ask for a new name for ``tag`` and rename it everywhere."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        super().__init__()


class OpenCompare(PaletteRequest):
    """Open the compare view on ``view`` (all, discrepancies, quantities, quotes)."""

    def __init__(self, view: str) -> None:
        self.view = view
        super().__init__()


class OpenSideBySide(PaletteRequest):
    """An article beside the study: ``article`` at the passage ``[start, end)``, or (no
    article) the one shown, at the reader's selection. Posted by the palette and by the
    compare view."""

    def __init__(
        self, article: Article | None = None, *, start: int | None = None, end: int | None = None
    ) -> None:
        self.article = article
        self.start = start
        self.end = end
        super().__init__()


class SearchCorpus(PaletteRequest):
    """Open the corpus search."""


class ExportAnnotations(PaletteRequest):
    """Ask for a file and export every annotation to it as ``fmt``."""

    def __init__(self, fmt: ExportFormat) -> None:
        self.fmt = fmt
        super().__init__()


class ImportAnnotations(PaletteRequest):
    """Ask for a file and merge the annotations it holds."""


class AddStudy(PaletteRequest):
    """Ask for a DOI, PMID or reference file and add the study's record to the corpus."""


class ImportFromUrl(PaletteRequest):
    """Ask for web addresses and fetch the pages into the corpus."""


# ---------------------------------------------------------------------- compare


class CompareFinished(Message):
    """A compare view computed the comparison of ``corpus`` (the sidebar's discrepancy
    filter can use it; the views show it again without computing)."""

    def __init__(self, result: CompareResult, corpus: Corpus | None = None) -> None:
        self.result = result
        self.corpus = corpus
        super().__init__()
