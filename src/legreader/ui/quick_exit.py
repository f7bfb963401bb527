"""`q` ends the process at once, whatever runs in the background (issue 13: < 0.2 s).

Textual's own way out took 0.25 s on an idle machine and seconds under load, none of it
needed by a reader that has saved its data:

- its input thread sleeps in ``select(0.1)``, and once told to stop sleeps another 0.1 s in
  a ``select`` on nothing; leaving application mode *joins* that thread (0.2 s, longer while
  another thread holds the interpreter);
- every widget is then unmounted one by one (a 700 KB article: tens of milliseconds);
- the event loop's executor is shut down, which waits for the thread workers still running
  (an article's analysis, the notes index);
- the interpreter joins its threads and frees a session's objects.

:func:`leave_now` does what matters and nothing else: background processes killed, the
terminal restored (the input thread is told to stop but not waited for), the annotation
store closed (saved, lock released), then the process ends through the callable the
command line gave the app (:func:`legreader.cli.program._exit_now`, an ``os._exit``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.driver import Driver


class _ClosingApp(Protocol):
    def close_store(self) -> None: ...


def restore_terminal(driver: Driver | None) -> None:
    """Leave application mode (alternate screen, mouse, raw input) and flush the output."""
    if driver is None:
        return
    if hasattr(driver, "leaving"):  # legreader.ui.linux_driver.LeavingLinuxDriver
        driver.leaving = True
    driver.stop_application_mode()
    driver.close()  # the writer thread writes what is queued (the restore sequences), then ends


def leave_now(app: _ClosingApp, code: int, exit_process: Callable[[int], None]) -> None:
    """End the app and the process with ``code``, waiting for no background work."""
    from legreader.ui.background import kill_all

    kill_all()  # a compare in a child process stops with us
    restore_terminal(getattr(app, "_driver", None))
    app.close_store()  # after the restore: a "could not save" line stays on the terminal
    exit_process(code)
