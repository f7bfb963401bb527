"""The command line's one failure: what went wrong and where, shown as one line, exit 1.

Its own module so that the sub-commands (:mod:`legreader.cli.study`, ...) raise it without
importing :mod:`legreader.cli.program`, which imports them (no import cycle). No Textual import.
"""

from __future__ import annotations

import os


class CliFailure(Exception):
    """An operation failed for a reason the user can act on: one line, exit 1."""

    def __init__(self, what: str, where: str | os.PathLike[str] | None = None) -> None:
        super().__init__(what)
        self.what = what
        """What went wrong, in plain words."""
        self.where = where
        """The file it concerns, if any (shown escaped)."""
