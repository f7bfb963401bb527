"""What an unexpected error leaves behind: one line for the terminal, a report on disk.

Neither the command line nor the app ever shows a traceback. The full one goes to a private
file (0600) in the user state folder (``$XDG_STATE_HOME/legreader`` on Linux), and the reader
gets one line naming it. Used by :mod:`legreader.cli.program` (exit 70) and by the app's handler for
unhandled exceptions. No Textual import.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from legreader import __version__
from legreader.text.clean import clean_line

#: The exit code of an unexpected error (sysexits.h EX_SOFTWARE).
EXIT_SOFTWARE = 70


def write_crash_report(exc: BaseException, argv: Sequence[str] = ()) -> Path:
    """A new private file in the user state folder holding the traceback; its path."""
    from legreader.files.paths import state_dir

    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    head = f"legreader {__version__}, python {sys.version.split()[0]}\nargs: {list(argv)!r}\n\n"
    report = "".join(traceback.format_exception(exc))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(head + report)
    return path


def crash_line(exc: BaseException, argv: Sequence[str] = ()) -> str:
    """Write the report (see :func:`write_crash_report`) and return the one line to show.

    When the report cannot be written, the line says why and where the error happened
    (the innermost frame), still on one line.
    """
    from legreader.corpus.loader import display_path

    summary = clean_line(f"{type(exc).__name__}: {exc}")[:300]
    try:
        path = write_crash_report(exc, argv)
    except OSError as write_error:
        why = clean_line(write_error.strerror or str(write_error))
        frames = traceback.extract_tb(exc.__traceback__)
        at = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        return f"legreader: unexpected error{at}: {summary} (no report written: {why})"
    return f"legreader: unexpected error: {summary} (full report: {display_path(path)})"
