"""The annotation database as the app holds it: not tried yet, opening, open, or not open.

The app owns the one :class:`StoreSession` and opens the database into it (see
:mod:`legreader.ui.store_opening`); the helpers that change annotations are handed the
session, never the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legreader.store import AnnotationStore


class StoreSession:
    """The open :class:`~legreader.store.AnnotationStore` (or None) and how opening it went."""

    def __init__(self, open_now: Callable[[], None]) -> None:
        """``open_now``: opens the database (on the UI thread, or starts a worker that
        does), setting :attr:`store` or :attr:`loading`."""
        self._open_now = open_now
        self.store: AnnotationStore | None = None
        """The store: None until it is open (the store and its libraries cost a frame's
        time, so it opens once the first article is on screen), if it could not be opened,
        or once the reader quit."""
        self.tried = False
        """True once opening the database has been tried (after the first frame, or at the
        first mark), whether or not it opened."""
        self.loading = False
        """True while a large database is being opened in a worker thread (the app answers
        keys; a mark asked for meanwhile is made once it is open)."""

    def ensure_open(self) -> None:
        """Open the database now if that has not been tried yet (a key pressed in the first
        frame, before it would have been opened)."""
        if not self.tried:
            self._open_now()
