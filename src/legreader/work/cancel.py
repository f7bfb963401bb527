"""Cooperative cancellation of a comparison: a check the hot loops call.

:func:`compare_articles` installs the caller's ``cancelled`` callable for the current thread
(:func:`cancellable`); the loops over articles, sentences, mentions and clusters call
:func:`checkpoint`, which raises :class:`Cancelled` once it returns true. Checks are spaced so
that no stretch of work between two of them takes more than a few milliseconds on a 700 KB
article (the contract is "within 50 ms"; ``tests/test_background_cancel.py`` measures it).
No Textual: the app passes ``lambda: worker.is_cancelled``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Cancelled(Exception):
    """The caller asked the comparison to stop; nothing it computed is returned."""


_local = threading.local()


@contextmanager
def cancellable(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Make :func:`checkpoint` in this thread ask ``cancelled`` (``None``: never cancelled)."""
    previous = getattr(_local, "check", None)
    _local.check = cancelled
    try:
        yield
    finally:
        _local.check = previous


def checkpoint() -> None:
    """Raise :class:`Cancelled` if this thread's comparison was asked to stop."""
    check: Callable[[], bool] | None = getattr(_local, "check", None)
    if check is not None and check():
        raise Cancelled
