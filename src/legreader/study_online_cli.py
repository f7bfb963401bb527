"""``legreader study DOI|PMID|PMCID --into DIR [--force]``: the online half of the command.

The record is looked up (:func:`legreader.study.online.look_up`) and written as the
folder's primary record (:func:`legreader.study.write.write_primary`). On ``out``: one line
naming the file written and the sources asked; on ``err``: one ``note:`` line per source
that failed while another answered. Failures (offline, not found, rate limited, a primary
record already there) raise :class:`legreader.cli.CliFailure`: one line, exit 1.
No Textual import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from legreader.study.identifiers import Identifier

if TYPE_CHECKING:
    from legreader.net.client import HttpClient
    from legreader.study.online import Endpoints
    from legreader.study.write import WrittenRecord


def fetch_and_write(
    identifier: Identifier,
    into: Path,
    *,
    force: bool = False,
    client: HttpClient | None = None,
    endpoints: Endpoints | None = None,
) -> tuple[WrittenRecord, tuple[str, ...]]:
    """Look the study up and write it; ``(what was written, notes)``.

    Raises :class:`~legreader.net.errors.NetError` or
    :class:`~legreader.study.write.StudyWriteError` (both one line).
    """
    from legreader.study.online import look_up
    from legreader.study.write import write_primary

    record = look_up(identifier, client=client, endpoints=endpoints)
    written = write_primary(record, into, force=force)
    return written, record.notes


def run_study_online(
    identifier: Identifier,
    into: Path,
    *,
    force: bool,
    out: TextIO,
    err: TextIO,
    client: HttpClient | None = None,
    endpoints: Endpoints | None = None,
) -> int:
    """The command for an identifier; 0, or :class:`CliFailure` raised (exit 1)."""
    from legreader.cli import CliFailure
    from legreader.corpus import display_path
    from legreader.net.errors import NetError
    from legreader.study.write import StudyWriteError
    from legreader.textclean import clean_line

    try:
        written, notes = fetch_and_write(
            identifier, into, force=force, client=client, endpoints=endpoints
        )
    except NetError as exc:
        raise CliFailure(exc.what, exc.url) from None
    except StudyWriteError as exc:
        raise CliFailure(str(exc), exc.path) from None
    for note in notes:
        err.write(f"legreader: note: {clean_line(note)}\n")
    verb = "replaced" if written.replaced else "wrote"
    out.write(f"{verb} {display_path(written.path)} ({identifier})\n")
    return 0
