"""The work behind `legreader export` and importing annotations; argparse lives in the CLI.

The store is used through four calls: `all()`, `article_notes()`,
`merge_import(annotations, notes) -> MergeCounts` and `close(force=True)` after a failed
import. Files are written atomically (temp file in the same folder, fsync, replace) and always
as UTF-8, by :func:`legreader.atomic_file.write_text_atomic`: a folder, FIFO, socket, device
or a file with several hard links at ``-o`` is refused (exit 1, untouched), a symlink is
written through to its target, an existing file keeps its mode and a new one gets the
umask's. Nothing is written when the annotations cannot be read. No Textual import.

The command line's Markdown report covers the articles of the corpus it was given
(``legreader export --format md FILE`` reports that article; ``corpus_only``): annotations of
ids the corpus does not have are mapped as the app maps them
(:func:`legreader.article_ids.resolve_missing_ids`), the others are left out and counted on
stderr. The other formats, and the app's export, carry every annotation of the database.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from legreader.article_iri import urls_to_ids
from legreader.atomic_file import write_text_atomic
from legreader.corpus import TEXT_SUFFIXES, Article, display_path, read_article_head
from legreader.export import FORMATS, ImportFormatError, ImportResult, export, read_import
from legreader.store.model import Annotation, ArticleNote
from legreader.textclean import clean_line

#: Import files larger than this are refused.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: Refused import rows named one by one on stderr; the rest are counted.
MAX_REASONS = 10
#: Files looked at, beside an article exported alone, to find the study it reports.
MAX_STUDY_CANDIDATES = 500


def run_export(
    store: Any,
    corpus: Any,
    fmt: str,
    out_path: str | Path | None,
    stdout: TextIO,
    stderr: TextIO | None = None,
    *,
    corpus_only: bool = False,
    study: Any | None = None,
    exported_on: str | None = None,
) -> int:
    """Export every annotation in the store; to `out_path`, or to `stdout` when None.

    ``corpus_only``: only the annotations and notes of the corpus's articles (see the module
    doc). ``study``: the primary record heading a Markdown report when the corpus has none.
    Returns 0 on success, 1 when the store cannot be read or the file cannot be written,
    2 for an unknown format.
    """
    err = stderr or sys.stderr
    if fmt not in FORMATS:
        err.write(f"legreader: unknown format {fmt!r} (choose from {', '.join(FORMATS)})\n")
        return 2
    damaged = damaged_refusal(store)
    if damaged:
        where = getattr(store.damage, "path", None)
        err.write(f"legreader: {damaged}" + (f" ({display_path(where)})" if where else "") + "\n")
        return 1
    try:
        annotations = store.all()
        notes = store.article_notes()
    except Exception as exc:
        err.write(f"legreader: cannot read the annotations, nothing exported: {_line(exc)}\n")
        return 1
    articles = _articles_by_id(corpus)
    if corpus_only:
        annotations, notes, left_out = _in_corpus(corpus, articles, annotations, notes)
        if left_out:
            err.write(f"legreader: {left_out}\n")
    if study is None and corpus is not None:
        study = getattr(corpus, "primary", None)
    text = export(fmt, annotations, articles, notes, study=study, exported_on=exported_on)
    if out_path is None:
        stdout.write(text)
        return 0
    target = Path(out_path)
    try:
        write_atomic(target, text)
    except OSError as exc:
        err.write(f"legreader: cannot write the export: {_line(exc)} ({display_path(target)})\n")
        return 1
    count = len(annotations)
    where = display_path(target)
    stdout.write(f"Exported {count} annotation{'s' * (count != 1)} as {fmt} to {where}\n")
    return 0


def _in_corpus(
    corpus: Any,
    articles: dict[str, Any],
    annotations: Iterable[Annotation],
    notes: Iterable[ArticleNote],
) -> tuple[list[Annotation], list[ArticleNote], str]:
    """The annotations and notes of the corpus's articles (stored ids mapped as the app maps
    them), and a line saying what was left out ("" when nothing)."""
    anns, all_notes = list(annotations), list(notes)
    unknown = {a.article_id for a in anns} | {n.article_id for n in all_notes}
    unknown -= set(articles)
    moves: dict[str, str] = {}
    if unknown and corpus is not None and hasattr(corpus, "all_articles"):
        from legreader.article_ids import resolve_missing_ids

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


def damaged_refusal(store: Any) -> str | None:
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


def run_import_annotations(
    store: Any, path: str | Path, stdout: TextIO, stderr: TextIO, *, corpus: Any | None = None
) -> int:
    """Merge the annotations and article notes of a JSON or W3C export into the store.

    A W3C target's source IRI is mapped back to an article id; with ``corpus``, a URL goes
    to the article of that corpus that has it (:mod:`legreader.article_iri`).

    Rows that cannot be imported (wrong types, impossible positions) are listed on stderr
    with their reasons, ``"3 rows refused: row 4: ...; row 7: ..."``, and the good ones are
    imported; ids repeated within the file keep their last row (the count dropped is said).
    Returns 0 when the good rows were saved (even if some were refused), 1 when the file is
    unusable, every row was refused, or saving failed (then nothing of it is kept: the store
    is closed without saving and the database file is as it was; run the import again).
    """
    source = Path(path)
    where = display_path(source)
    try:
        if not source.is_file():
            stderr.write(f"legreader: cannot import: not a regular file ({where})\n")
            return 1
        if source.stat().st_size > MAX_IMPORT_BYTES:
            stderr.write(
                f"legreader: cannot import: larger than {MAX_IMPORT_BYTES // 2**20} MB ({where})\n"
            )
            return 1
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        stderr.write(f"legreader: cannot read the file to import: {_line(exc)} ({where})\n")
        return 1
    try:
        urls = urls_to_ids(corpus.all_articles()) if corpus is not None else None
        found = read_import(text, urls)
    except ImportFormatError as exc:
        stderr.write(f"legreader: cannot import: {_line(exc)} ({where})\n")
        return 1
    _report_problems(source, found, stderr)
    rows = len(found.annotations) + len(found.article_notes)
    if found.refused and not rows:
        stderr.write(f"legreader: cannot import: nothing could be imported ({where})\n")
        return 1
    try:
        counts = store.merge_import(found.annotations, found.article_notes)
    except Exception as exc:
        stderr.write(f"legreader: could not save the imported annotations: {_line(exc)}\n")
        with contextlib.suppress(Exception):
            store.close(force=True)  # the failed import is dropped, not retried at close
        return 1
    anns = len(found.annotations)
    unchanged = anns - counts.added - counts.updated
    stdout.write(
        f"Imported {anns} annotations from {where}: {counts.added} added, "
        f"{counts.updated} updated, {unchanged} unchanged\n"
    )
    if found.article_notes:
        notes = len(found.article_notes)
        same = notes - counts.notes_added - counts.notes_updated
        stdout.write(
            f"Imported {notes} article notes: {counts.notes_added} added, "
            f"{counts.notes_updated} updated, {same} unchanged or older\n"
        )
    return 0


def _report_problems(source: Path, found: ImportResult, stderr: TextIO) -> None:
    """Refused rows (the first :data:`MAX_REASONS` reasons) and dropped duplicates, on stderr."""
    if found.refused:
        count = len(found.refused)
        shown = clean_line("; ".join(found.refused[:MAX_REASONS]))[:2000]
        more = f"; and {count - MAX_REASONS} more" if count > MAX_REASONS else ""
        stderr.write(
            f"legreader: {display_path(source)}: {count} row{'s' * (count != 1)} refused: "
            f"{shown}{more}\n"
        )
    if found.duplicates:
        stderr.write(
            f"legreader: {display_path(source)}: {found.duplicates} "
            f"row{'s' * (found.duplicates != 1)} "
            "dropped: the same id appears again later in the file (the last one is kept)\n"
        )


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 through a temp file in the same folder, then replace."""
    write_text_atomic(path, text)


def _line(exc: BaseException) -> str:
    """One clean line describing ``exc`` (an OSError by its reason: the path is said apart)."""
    if isinstance(exc, OSError) and exc.strerror:
        return clean_line(exc.strerror)
    return clean_line(str(exc)) or type(exc).__name__


def _articles_by_id(corpus: Any) -> dict[str, Any]:
    if corpus is None:
        return {}
    articles = corpus.all_articles() if hasattr(corpus, "all_articles") else list(corpus)
    return {a.id: a for a in articles}


__all__ = ["run_export", "run_import_annotations", "write_atomic"]
