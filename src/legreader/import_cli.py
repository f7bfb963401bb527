"""``legreader import FILE.html... [--into DIR] [--update]``: the work behind the command.

One line per file on ``out`` (imported, updated) or ``err`` (``skipped <file>: <reason>``,
duplicates included). One bad page never stops the batch: whatever goes wrong with a file
(unreadable, not HTML, a URL or charset that breaks a parser, an unexpected exception)
skips that file with its reason, and the next one is imported.

Exit codes: 0 every page was imported or updated; 1 some were, and at least one was
skipped; 2 none was (or the target is not a folder). No Textual import.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path
from typing import TextIO

from legreader.corpus import ArticleUnavailable, CorpusPathError, display_path, load_corpus
from legreader.htmlimport import (
    MAX_PAGE_BYTES,
    PageImportError,
    find_duplicate,
    import_html,
    write_import,
)
from legreader.textclean import clean_line


class _Existing:
    """Articles already in the target folder: (id, url, body) for duplicates, id -> path."""

    def __init__(self, into: Path) -> None:
        self.rows: list[tuple[str, str | None, str]] = []
        self.paths: dict[str, Path] = {}
        if not into.is_dir():
            return
        try:
            corpus = load_corpus([into])
        except CorpusPathError:
            return
        for article in corpus.all_articles():
            try:
                body = article.body
            except ArticleUnavailable:
                continue
            self.add(article.id, article.url, body, article.path)

    def add(self, article_id: str, url: str | None, body: str, path: Path) -> None:
        self.rows.append((article_id, url, body))
        self.paths[article_id] = path


def _read_page(path: Path) -> bytes:
    """The file's bytes; refuses what is not a regular file or is too large."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PageImportError("no such file") from None
    except OSError as exc:
        raise PageImportError(f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise PageImportError(kind)
    if st.st_size > MAX_PAGE_BYTES:
        raise PageImportError(
            f"page too large ({st.st_size / 1e6:.1f} MB, limit {MAX_PAGE_BYTES // 2**20} MB)"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise PageImportError(f"cannot read ({exc.strerror or exc})") from None


def run_import(files: list[Path], into: Path, *, update: bool, out: TextIO, err: TextIO) -> int:
    """Import each HTML file into the folder ``into``; see the module docstring."""
    into = Path(into)
    if os.path.lexists(into) and not into.is_dir():
        err.write(f"cannot import into {display_path(into)}: not a folder\n")
        return 2
    existing = _Existing(into)
    imported = skipped = 0
    for file in files:
        name = display_path(file)
        try:
            verb, written = _import_one(Path(file), into, existing, update=update)
        except _Skip as exc:
            err.write(f"skipped {name}: {exc}\n")
            skipped += 1
            continue
        except Exception as exc:  # one bad page never aborts the batch
            detail = clean_line(str(exc))[:120]
            reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
            err.write(f"skipped {name}: could not import ({reason})\n")
            skipped += 1
            continue
        out.write(f"{verb} {name} -> {display_path(written)}\n")
        imported += 1
    if not imported:
        return 2
    return 1 if skipped else 0


class _Skip(Exception):
    """This file is not imported; the message says why."""


def _import_one(file: Path, into: Path, existing: _Existing, *, update: bool) -> tuple[str, Path]:
    """Import one page: ("imported" or "updated", the file written). Raises _Skip."""
    try:
        page = import_html(_read_page(file), file.name)
    except PageImportError as exc:
        raise _Skip(str(exc)) from exc
    match = find_duplicate(page, existing.rows)
    target: Path | None = existing.paths.get(match.article_id) if match else None
    if match and not update:
        where = f" ({display_path(target)})" if target else ""
        raise _Skip(
            f"duplicate of {match.article_id}{where}, {match.reason}: use --update to replace"
        )
    if match:
        # Same id as the article it replaces: its annotations follow, re-anchored on open.
        page = dataclasses.replace(page, id=match.article_id)
    try:
        written = write_import(page, into, replace=target if match else None)
    except (OSError, PageImportError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _Skip(f"cannot write into {display_path(into)} ({reason})") from exc
    existing.add(f"imported:{written.name}", page.url, page.body, written)
    return ("updated" if match else "imported"), written
