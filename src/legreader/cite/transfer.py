"""Typed export and import of annotations: the one API the command line and the app share.

:func:`export_to` writes (or returns) an export and gives an :class:`ExportResult`;
:func:`import_from` merges a JSON or W3C export into the store and gives an
:class:`ImportSummary`. Both raise a :class:`TransferError` subclass, whose message is one
clean line and whose :attr:`~TransferError.where` names the file concerned, when nothing
(or, for an import whose save failed, nothing of it) was done. Neither prints: the CLI
(:mod:`legreader.cli.annotations`) turns results and errors into its stdout/stderr lines and
exit codes, the app into one notification. An import is two steps, so that the app reads the
file in a worker and merges on the thread that owns the store: :func:`read_import_file`
(slow, no store), then :func:`merge_into`. No Textual import.

Contracts kept from the CLI: a damaged database (read-only, showing its last good copy) is
never exported as if it were the database; files are written atomically as UTF-8
(:func:`legreader.files.atomic.write_text_atomic`); an import file over
:data:`MAX_IMPORT_BYTES` is refused; rows that cannot be imported are refused with their
reasons and the good ones imported; a failed save of an import closes the store without
saving (the database file is as it was).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeGuard

from legreader.cite.formats import (
    FORMATS,
    ExportFormat,
    ImportFormatError,
    ImportResult,
    export,
    read_import,
)
from legreader.corpus.iri import Identified, urls_to_ids
from legreader.corpus.loader import Corpus, display_path
from legreader.files.atomic import write_text_atomic
from legreader.store.model import Annotation, ArticleNote
from legreader.text.clean import clean_line

if TYPE_CHECKING:  # (the store module imports TinyDB: only the store may)
    from legreader.store.annotation_store import MergeCounts


class ArticleListing(Protocol):
    """What an export or an import reads of a corpus: its articles (a
    :class:`~legreader.corpus.loader.Corpus`; tests hand in stand-ins)."""

    def all_articles(self) -> Sequence[Identified]: ...


CorpusArg = ArticleListing | Iterable[Identified] | None
"""The corpus an export or import is given: a corpus, its articles, or none."""

#: The export formats (:data:`legreader.cite.formats.FORMATS`, defined once there).
EXPORT_FORMATS: tuple[ExportFormat, ...] = FORMATS

FILE_EXTENSIONS: dict[ExportFormat, str] = {
    "md": "md",
    "json": "json",
    "csv": "csv",
    "w3c": "jsonld",
    "bibtex": "bib",
}
"""The file extension an export of each format is suggested with."""

FORMAT_NAMES: dict[ExportFormat, str] = {
    "md": "Markdown report",
    "json": "JSON",
    "csv": "CSV",
    "w3c": "W3C Web Annotation JSON-LD",
    "bibtex": "BibTeX",
}
"""What each format is, in words (the command palette's help)."""


def is_export_format(fmt: str) -> TypeGuard[ExportFormat]:
    """True when ``fmt`` names an export format."""
    return fmt in EXPORT_FORMATS


MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""Import files larger than this are refused."""
MAX_REASONS = 10
"""Refused import rows named one by one in a warning; the rest are counted."""


class AnnotationSource(Protocol):
    """What an export reads from the store."""

    def all(self) -> list[Annotation]: ...

    def article_notes(self) -> list[ArticleNote]: ...


class AnnotationSink(Protocol):
    """What an import writes to the store."""

    def merge_import(
        self, annotations: Iterable[Annotation], notes: Iterable[ArticleNote]
    ) -> MergeCounts: ...

    def close(self, *, force: bool = False) -> None: ...


# --------------------------------------------------------------------------- errors


class TransferError(Exception):
    """An export or import that did nothing. ``str(error)`` is one clean line."""

    exit_code: int = 1
    """What the command line exits with."""

    def __init__(
        self, message: str, where: Path | None = None, warnings: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        """What went wrong, one clean line."""
        self.where = where
        """The file concerned, if any."""
        self.warnings = warnings
        """Remarks said before the error (an import's refused rows)."""

    def line(self) -> str:
        """The message with the file it concerns: ``what (where)``."""
        return f"{self.message} ({display_path(self.where)})" if self.where else self.message


class UnknownFormat(TransferError):
    """The format is not one of :data:`EXPORT_FORMATS`."""

    exit_code = 2


class DamagedDatabase(TransferError):
    """The store is damaged and shows its last good copy (or nothing): no export."""


class StoreUnreadable(TransferError):
    """The annotations could not be read from the store."""


class WriteFailed(TransferError):
    """The export file could not be written (nothing was written)."""


class ImportFileError(TransferError):
    """The import file is missing, too large, unreadable or not an export, or every row of
    it was refused."""


class ImportSaveFailed(TransferError):
    """The rows were read but saving them failed; none of them is kept."""


# --------------------------------------------------------------------------- export


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export did."""

    format: ExportFormat
    annotations: int
    """Annotations exported."""
    notes: int
    """Article notes exported."""
    path: Path | None
    """The file written, or None when the export was returned as :attr:`text`."""
    text: str | None = None
    """The export itself when no path was given."""
    warnings: tuple[str, ...] = ()
    """Clean one-line remarks (what a report left out)."""

    def summary(self) -> str:
        """One line: ``Exported 3 annotations as md to report.md``."""
        count = self.annotations
        line = f"Exported {count} annotation{'s' * (count != 1)} as {self.format}"
        return line + (f" to {display_path(self.path)}" if self.path is not None else "")


def export_to(
    store: AnnotationSource,
    corpus: CorpusArg,
    fmt: str,
    path: Path | None,
    *,
    corpus_only: bool = False,
    study: object | None = None,
    exported_on: str | None = None,
) -> ExportResult:
    """Export every annotation in ``store`` as ``fmt``: written to ``path``, or returned in
    :attr:`ExportResult.text` when ``path`` is None.

    ``corpus`` (a :class:`~legreader.corpus.loader.Corpus`, any iterable of articles, or None) gives
    titles and sources. ``corpus_only``: only the annotations and notes of the corpus's
    articles (stored ids mapped as the app maps them; what is left out is a warning).
    ``study``: the primary record heading a Markdown report when the corpus has none.
    Raises :class:`UnknownFormat`, :class:`DamagedDatabase`, :class:`StoreUnreadable` or
    :class:`WriteFailed`.
    """
    if not is_export_format(fmt):
        raise UnknownFormat(f"unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    damaged = damaged_refusal(store)
    if damaged:
        where = getattr(getattr(store, "damage", None), "path", None)
        raise DamagedDatabase(damaged, Path(where) if where else None)
    try:
        annotations = store.all()
        notes = store.article_notes()
    except Exception as exc:
        raise StoreUnreadable(
            f"cannot read the annotations, nothing exported: {error_line(exc)}"
        ) from exc
    articles = _articles_by_id(corpus)
    warnings: list[str] = []
    if corpus_only:
        annotations, notes, left_out = _in_corpus(corpus, articles, annotations, notes)
        if left_out:
            warnings.append(left_out)
    if study is None and corpus is not None:
        study = getattr(corpus, "primary", None)
    text = export(fmt, annotations, articles, notes, study=study, exported_on=exported_on)
    result = ExportResult(fmt, len(annotations), len(notes), path, warnings=tuple(warnings))
    if path is None:
        return replace(result, text=text)
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise WriteFailed(f"cannot write the export: {error_line(exc)}", path) from exc
    return result


def damaged_refusal(store: object) -> str | None:
    """Why an export of ``store`` must not run, or None.

    A database found damaged when opened read-only shows its last good copy (``<db>.bak``)
    or nothing: fine to look at, wrong to export silently as if it were the database.
    """
    damage = getattr(store, "damage", None)
    if damage is None:
        return None
    path = Path(getattr(store, "path", damage.path))
    backup = path.with_name(path.name + ".bak")
    what = (
        f"the annotation database is damaged ({clean_line(str(damage.reason))}); nothing exported"
    )
    if backup.is_file():
        what += f"; its last good copy is {display_path(backup.name)}, next to it: restore it or open legreader"
    else:
        what += "; open legreader to keep it read-only or start a fresh one"
    return what


def _in_corpus(
    corpus: CorpusArg,
    articles: dict[str, object],
    annotations: Iterable[Annotation],
    notes: Iterable[ArticleNote],
) -> tuple[list[Annotation], list[ArticleNote], str]:
    """The annotations and notes of the corpus's articles (stored ids mapped as the app maps
    them), and a line saying what was left out ("" when nothing)."""
    anns, all_notes = list(annotations), list(notes)
    unknown = {a.article_id for a in anns} | {n.article_id for n in all_notes}
    unknown -= set(articles)
    moves: dict[str, str] = {}
    if unknown and isinstance(corpus, Corpus):  # (mapping old ids reads the articles' text)
        from legreader.corpus.ids import resolve_missing_ids

        quotes: dict[str, list[str]] = {i: [] for i in unknown}
        for ann in anns:
            if ann.article_id in quotes:
                quotes[ann.article_id].append(ann.exact)
        moves = resolve_missing_ids(corpus, quotes).moves
    kept = [
        replace(a, article_id=moves[a.article_id]) if a.article_id in moves else a
        for a in anns
        if a.article_id in articles or a.article_id in moves
    ]
    kept_notes = [
        replace(n, article_id=moves[n.article_id]) if n.article_id in moves else n
        for n in all_notes
        if n.article_id in articles or n.article_id in moves
    ]
    left = {a.article_id for a in anns if a.article_id in unknown and a.article_id not in moves}
    left_notes = [n for n in all_notes if n.article_id in unknown - set(moves) and not n.is_empty()]
    dropped, dropped_notes = len(anns) - len(kept), len(left_notes)
    if not dropped and not dropped_notes:
        return kept, kept_notes, ""
    others = len(left | {n.article_id for n in left_notes})
    what = f"{dropped} annotation{'s' * (dropped != 1)}"
    if dropped_notes:
        what += f" and {dropped_notes} article note{'s' * (dropped_notes != 1)}"
    line = (
        f"the report covers the articles read ({len(articles)}): {what} on "
        f"{others} other article{'s' * (others != 1)} left out (name their corpus folder "
        "to include them, or export as json)"
    )
    return kept, kept_notes, line


def _articles(corpus: CorpusArg) -> list[Identified]:
    if corpus is None:
        return []
    if hasattr(corpus, "all_articles"):
        return list(corpus.all_articles())
    return list(corpus)


def _articles_by_id(corpus: CorpusArg) -> dict[str, object]:
    return {a.id: a for a in _articles(corpus)}


# --------------------------------------------------------------------------- import


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import read and changed."""

    path: Path
    annotations: int
    """Annotations read from the file (after refused rows and duplicates)."""
    counts: MergeCounts
    """What the store changed."""
    notes: int = 0
    """Article notes read from the file."""
    refused: tuple[str, ...] = ()
    """Why each refused row was refused (``"row 4: ..."``), in file order."""
    duplicates: int = 0
    """Rows dropped because the same id appears again later in the file."""

    @property
    def unchanged(self) -> int:
        """Annotations the store already had as they are."""
        return self.annotations - self.counts.added - self.counts.updated

    @property
    def notes_unchanged(self) -> int:
        """Article notes the store already had, or had newer."""
        return self.notes - self.counts.notes_added - self.counts.notes_updated

    def warnings(self) -> list[str]:
        """Clean one-line remarks on refused and dropped rows (empty when none)."""
        where = display_path(self.path)
        lines = []
        if self.refused:
            count = len(self.refused)
            shown = clean_line("; ".join(self.refused[:MAX_REASONS]))[:2000]
            more = f"; and {count - MAX_REASONS} more" if count > MAX_REASONS else ""
            lines.append(f"{where}: {count} row{'s' * (count != 1)} refused: {shown}{more}")
        if self.duplicates:
            lines.append(
                f"{where}: {self.duplicates} row{'s' * (self.duplicates != 1)} dropped: the "
                "same id appears again later in the file (the last one is kept)"
            )
        return lines

    def summary(self) -> str:
        """One line, for a notification: counts of annotations (and notes, and refusals)."""
        c = self.counts
        line = (
            f"Imported {self.annotations} annotation{'s' * (self.annotations != 1)} from "
            f"{display_path(self.path)}: {c.added} added, {c.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.notes:
            line += f"; {self.notes} article note{'s' * (self.notes != 1)}"
        if self.refused:
            line += f"; {len(self.refused)} row{'s' * (len(self.refused) != 1)} refused"
        return line


@dataclass(frozen=True, slots=True)
class ImportFile:
    """An export file read and checked, not yet merged (:func:`read_import_file`)."""

    path: Path
    found: ImportResult
    """The rows that can be imported, and why the others cannot."""

    def summary(self, counts: MergeCounts) -> ImportSummary:
        """The :class:`ImportSummary` of merging it with ``counts``."""
        return ImportSummary(
            self.path,
            annotations=len(self.found.annotations),
            counts=counts,
            notes=len(self.found.article_notes),
            refused=tuple(self.found.refused),
            duplicates=self.found.duplicates,
        )


def read_import_file(path: Path, *, corpus: CorpusArg = None) -> ImportFile:
    """Read and check a JSON or W3C export at ``path`` (the slow part of an import, safe off
    the UI thread: it does not touch the store).

    A W3C target's source IRI is mapped back to an article id; with ``corpus``, a URL goes to
    the article of that corpus that has it (:mod:`legreader.corpus.iri`). Rows that cannot be
    imported are refused with their reasons; ids repeated within the file keep their last row.
    Raises :class:`ImportFileError` when the file is missing, not a regular file, over
    :data:`MAX_IMPORT_BYTES`, unreadable, not an export, or has no row that can be imported.
    """
    source = Path(path)
    try:
        if not source.is_file():
            raise ImportFileError("cannot import: not a regular file", source)
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"cannot import: larger than {MAX_IMPORT_BYTES // 2**20} MB", source
            )
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"cannot read the file to import: {error_line(exc)}", source) from exc
    try:
        urls = urls_to_ids(_articles(corpus)) if corpus is not None else None
        found = read_import(text, urls)
    except ImportFormatError as exc:
        raise ImportFileError(f"cannot import: {error_line(exc)}", source) from exc
    checked = ImportFile(source, found)
    if found.refused and not (found.annotations or found.article_notes):
        warnings = tuple(checked.summary(_no_counts()).warnings())
        raise ImportFileError("cannot import: nothing could be imported", source, warnings)
    return checked


def merge_into(store: AnnotationSink, checked: ImportFile) -> ImportSummary:
    """Merge what :func:`read_import_file` read into ``store`` (on the thread that owns it).

    Raises :class:`ImportSaveFailed` when saving failed: then nothing of it is kept (the store
    is closed without saving, the database file is as it was; run the import again).
    """
    found = checked.found
    try:
        counts = store.merge_import(found.annotations, found.article_notes)
    except Exception as exc:
        with contextlib.suppress(Exception):
            store.close(force=True)  # the failed import is dropped, not retried at close
        raise ImportSaveFailed(
            f"could not save the imported annotations: {error_line(exc)}",
            warnings=tuple(checked.summary(_no_counts()).warnings()),
        ) from exc
    return checked.summary(counts)


def import_from(store: AnnotationSink, path: Path, *, corpus: CorpusArg = None) -> ImportSummary:
    """Read the export at ``path`` and merge it into ``store``: :func:`read_import_file` then
    :func:`merge_into` (their errors)."""
    return merge_into(store, read_import_file(path, corpus=corpus))


def error_line(exc: BaseException) -> str:
    """One clean line describing ``exc`` (an OSError by its reason: the path is said apart)."""
    if isinstance(exc, OSError) and exc.strerror:
        return clean_line(exc.strerror)
    return clean_line(str(exc)) or type(exc).__name__


__all__ = [
    "EXPORT_FORMATS",
    "FILE_EXTENSIONS",
    "FORMAT_NAMES",
    "AnnotationSink",
    "AnnotationSource",
    "DamagedDatabase",
    "ExportFormat",
    "ExportResult",
    "ImportFile",
    "ImportFileError",
    "ImportSaveFailed",
    "ImportSummary",
    "StoreUnreadable",
    "TransferError",
    "UnknownFormat",
    "WriteFailed",
    "damaged_refusal",
    "error_line",
    "is_export_format",
    "export_to",
    "import_from",
    "merge_into",
    "read_import_file",
]


def _no_counts() -> MergeCounts:
    """Nothing merged (the store's counts type, imported when first needed)."""
    from legreader.store.annotation_store import MergeCounts

    return MergeCounts(0, 0)
