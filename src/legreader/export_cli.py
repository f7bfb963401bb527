"""The work behind `legreader export` and importing annotations; argparse lives in the CLI.

The store is used through four calls: `all()`, `article_notes()`,
`merge_import(annotations, notes) -> MergeCounts` and `close(force=True)` after a failed
import. Files are written atomically (temp file in the same folder, fsync, replace) and always
as UTF-8, by :func:`legreader.atomic_file.write_text_atomic`: a folder, FIFO, socket, device
or a file with several hard links at ``-o`` is refused (exit 1, untouched), a symlink is
written through to its target, an existing file keeps its mode and a new one gets the
umask's. Nothing is written when the annotations cannot be read. No Textual import.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any, TextIO

from legreader.atomic_file import write_text_atomic
from legreader.corpus import display_path
from legreader.export import FORMATS, ImportFormatError, ImportResult, export, read_import
from legreader.textclean import clean_line

#: Import files larger than this are refused.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: Refused import rows named one by one on stderr; the rest are counted.
MAX_REASONS = 10


def run_export(
    store: Any,
    corpus: Any,
    fmt: str,
    out_path: str | Path | None,
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Export every annotation in the store; to `out_path`, or to `stdout` when None.

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
    text = export(fmt, annotations, articles, notes)
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


def run_import_annotations(store: Any, path: str | Path, stdout: TextIO, stderr: TextIO) -> int:
    """Merge the annotations and article notes of a JSON or W3C export into the store.

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
        found = read_import(text)
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
