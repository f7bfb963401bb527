"""One slow function, run in a child process: ``python -m legreader.work.offload``.

The whole-corpus comparison runs for seconds (a 700 KB article: over ten) in pure Python. In
a thread of the app it competed with the interface for the interpreter lock: every time the
event loop waited for the terminal it waited up to 5 ms more to get the lock back, so keys
took a second to be handled and `q` could not end the app quickly. In a child process it
competes with nothing but the other programs on the machine, at a lower priority, and
cancelling it is killing it.

Protocol (pickles, only between the app and the child it starts): the child reads
``(function, args, kwargs)`` or ``(function, args, kwargs, True)`` from its stdin, calls
``function(*args, cancelled=..., **kwargs)`` and writes ``(True, result)`` or
``(False, exception)`` to its stdout. With the fourth element, the function also gets a
``progress`` callable, and each :class:`~legreader.work.progress.Progress` it is handed is written
to stdout ahead of the outcome (one pickle each; the reader tells them apart by type).
``cancelled`` turns true once the app that started the child is gone, so an orphan stops at
its next check. Nothing is ever written to the terminal (the child's stderr is discarded by
the app).

No Textual (the app's side is :func:`legreader.ui.background.run_in_process`).
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from legreader.work.progress import Progress

#: Niceness added to the child: the reader's keys come before background work.
CHILD_NICENESS = 10


def parent_gone(parent: int) -> Callable[[], bool]:
    """A ``cancelled`` callable: true once the process ``parent`` has ended (we were
    re-parented)."""
    return lambda: os.getppid() != parent


def serve(source: IO[bytes], sink: IO[bytes], cancelled: Callable[[], bool]) -> None:
    """Read one request from ``source``, run it, write the outcome to ``sink`` (binary files)."""
    function, args, kwargs, *rest = pickle.load(source)
    if rest and rest[0]:

        def progress(report: Progress) -> None:
            try:
                sink.write(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
                sink.flush()
            except OSError:  # the app has gone: ``cancelled`` says so at the next check
                pass

        kwargs = {**kwargs, "progress": progress}
    try:
        outcome: tuple[bool, object] = (True, function(*args, cancelled=cancelled, **kwargs))
    except BaseException as exc:  # handed to the app, which raises it there
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an unpicklable result or exception
        data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    sink.write(data)
    sink.flush()


def main() -> None:
    parent = os.getppid()
    try:
        os.nice(CHILD_NICENESS)
    except (OSError, AttributeError):  # not allowed, or not on this system
        pass
    serve(sys.stdin.buffer, sys.stdout.buffer, parent_gone(parent))


if __name__ == "__main__":
    main()
