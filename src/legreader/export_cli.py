"""The work behind `legreader export` and importing annotations; argparse lives in the CLI.

The store is used through three calls: `all()`, `article_notes()` and
`merge(list) -> (added, updated)`. Files are written atomically
(temp file in the same folder, fsync, replace) and always as UTF-8, by
:func:`legreader.atomic_file.write_text_atomic`: a folder, FIFO, socket, device or a file
with several hard links at ``-o`` is refused (exit 1, untouched), a symlink is written
through to its target, an existing file keeps its mode and a new one gets the umask's.
Nothing is written when the annotations cannot be read. No Textual import.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from legreader.atomic_file import write_text_atomic
from legreader.corpus import display_path
from legreader.export import FORMATS, ImportFormatError, export, parse_import
from legreader.textclean import clean_line

#: Import files larger than this are refused.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


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
    """Merge the annotations of a JSON or W3C export into the store. 0 ok, 1 error."""
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
        annotations = parse_import(text)
    except ImportFormatError as exc:
        stderr.write(f"legreader: cannot import: {_line(exc)} ({where})\n")
        return 1
    try:
        added, updated = store.merge(annotations)
    except Exception as exc:
        stderr.write(f"legreader: could not save the imported annotations: {_line(exc)}\n")
        return 1
    unchanged = len(annotations) - added - updated
    stdout.write(
        f"Imported {len(annotations)} annotations from {where}: {added} added, "
        f"{updated} updated, {unchanged} unchanged\n"
    )
    return 0


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
