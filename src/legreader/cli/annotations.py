"""`legreader export` and importing annotations as the command line says them; argparse lives
in the CLI, the work in :mod:`legreader.cite.transfer` (the API the app uses too).

Each result or :class:`~legreader.cite.transfer.TransferError` becomes lines on stdout/stderr
(``legreader: <what> (<where>)``) and an exit code. Files are written atomically (temp file in the same folder, fsync, replace) and always
as UTF-8, by :func:`legreader.files.atomic.write_text_atomic`: a folder, FIFO, socket, device
or a file with several hard links at ``-o`` is refused (exit 1, untouched), a symlink is
written through to its target, an existing file keeps its mode and a new one gets the
umask's. Nothing is written when the annotations cannot be read. No Textual import.

The command line's Markdown report covers the articles of the corpus it was given
(``legreader export --format md FILE`` reports that article; ``corpus_only``): annotations of
ids the corpus does not have are mapped as the app maps them
(:func:`legreader.corpus.ids.resolve_missing_ids`), the others are left out and counted on
stderr. The other formats, and the app's export, carry every annotation of the database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from legreader.cite.transfer import (
    MAX_IMPORT_BYTES,
    MAX_REASONS,
    AnnotationSink,
    AnnotationSource,
    CorpusArg,
    TransferError,
    damaged_refusal,
    export_to,
    import_from,
)
from legreader.corpus.loader import TEXT_SUFFIXES, Article, display_path, read_article_head
from legreader.files.atomic import write_text_atomic

#: Files looked at, beside an article exported alone, to find the study it reports.
MAX_STUDY_CANDIDATES = 500


def run_export(
    store: AnnotationSource,
    corpus: CorpusArg,
    fmt: str,
    out_path: str | Path | None,
    stdout: TextIO,
    stderr: TextIO | None = None,
    *,
    corpus_only: bool = False,
    study: object | None = None,
    exported_on: str | None = None,
) -> int:
    """Export every annotation in the store (:func:`legreader.cite.transfer.export_to`); to
    `out_path`, or to `stdout` when None.

    ``corpus_only``: only the annotations and notes of the corpus's articles (see the module
    doc). ``study``: the primary record heading a Markdown report when the corpus has none.
    Returns 0 on success, 1 when the store cannot be read or the file cannot be written,
    2 for an unknown format.
    """
    err = stderr or sys.stderr
    try:
        result = export_to(
            store,
            corpus,
            fmt,
            Path(out_path) if out_path is not None else None,
            corpus_only=corpus_only,
            study=study,
            exported_on=exported_on,
        )
    except TransferError as exc:
        return _failed(exc, err)
    for warning in result.warnings:
        err.write(f"legreader: {warning}\n")
    if result.text is not None:
        stdout.write(result.text)
    else:
        stdout.write(result.summary() + "\n")
    return 0


def study_beside(paths: Sequence[Path]) -> Article | None:
    """The primary record (``kind: primary``) in the folder of the first file of ``paths``
    (an article exported alone is reported with the study it reports on), or None."""
    for given in paths:
        if given.is_dir():
            continue
        folder = given.parent
        try:
            names = sorted(
                e.name
                for e in os.scandir(folder)
                if e.name.lower().endswith(TEXT_SUFFIXES) and not e.name.startswith(".")
            )
        except OSError:
            return None
        for name in names[:MAX_STUDY_CANDIDATES]:
            item = read_article_head(folder / name, folder)
            if isinstance(item, Article) and item.is_primary:
                return item
        return None
    return None


def run_import_annotations(
    store: AnnotationSink,
    path: str | Path,
    stdout: TextIO,
    stderr: TextIO,
    *,
    corpus: CorpusArg = None,
) -> int:
    """Merge the annotations and article notes of a JSON or W3C export into the store
    (:func:`legreader.cite.transfer.import_from`).

    Rows that cannot be imported (wrong types, impossible positions) are listed on stderr
    with their reasons, ``"3 rows refused: row 4: ...; row 7: ..."``, and the good ones are
    imported; ids repeated within the file keep their last row (the count dropped is said).
    Returns 0 when the good rows were saved (even if some were refused), 1 when the file is
    unusable, every row was refused, or saving failed (then nothing of it is kept: the store
    is closed without saving and the database file is as it was; run the import again).
    """
    try:
        found = import_from(store, Path(path), corpus=corpus)
    except TransferError as exc:
        return _failed(exc, stderr)
    for warning in found.warnings():
        stderr.write(f"legreader: {warning}\n")
    where = display_path(found.path)
    c = found.counts
    stdout.write(
        f"Imported {found.annotations} annotations from {where}: {c.added} added, "
        f"{c.updated} updated, {found.unchanged} unchanged\n"
    )
    if found.notes:
        stdout.write(
            f"Imported {found.notes} article notes: {c.notes_added} added, "
            f"{c.notes_updated} updated, {found.notes_unchanged} unchanged or older\n"
        )
    return 0


def _failed(exc: TransferError, stderr: TextIO) -> int:
    """Say a failed export or import on ``stderr`` (its remarks first); its exit code."""
    for warning in exc.warnings:
        stderr.write(f"legreader: {warning}\n")
    stderr.write(f"legreader: {exc.line()}\n")
    return exc.exit_code


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 through a temp file in the same folder, then replace."""
    write_text_atomic(path, text)


__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_REASONS",
    "damaged_refusal",
    "run_export",
    "run_import_annotations",
    "study_beside",
    "write_atomic",
]
