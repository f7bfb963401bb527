"""Background work gives way while the reader waits for the screen to answer a key.

Python runs one thread at a time: while a thread opens a large database (400,000 annotations
take tens of seconds), the UI thread gets the interpreter about half the time, so drawing the
answer to a key (the help screen, a dialog) took twice as long. The UI calls :func:`ui_busy`
when a key arrives; long background loops call :func:`pause` every few milliseconds of work,
which waits (up to :data:`MAX_WAIT`) while the UI is busy and otherwise only lets other threads
run. The work is never starved: after waiting, a thread works at least :data:`MIN_WORK` before
it waits again, whatever the keys.

No Textual here (the domain calls :func:`pause`); :func:`pause` does nothing on the main thread
(the UI's, where a small database is opened directly).
"""

from __future__ import annotations

import threading
import time

#: How long a key keeps background work waiting (it is drawn within this, usually).
BUSY_SECONDS = 0.3
#: Longest single wait in :func:`pause`.
MAX_WAIT = 0.3
#: After a wait, a thread works at least this long before waiting again.
MIN_WORK = 0.1

_busy_until = 0.0
_local = threading.local()


def ui_busy(seconds: float = BUSY_SECONDS) -> None:
    """The UI has work the reader is waiting for (a key just arrived): background loops pause
    at their next :func:`pause` for up to ``seconds`` from now."""
    global _busy_until
    _busy_until = max(_busy_until, time.monotonic() + seconds)


def pause() -> None:
    """A pause point in long background work (call it every few milliseconds of work)."""
    if threading.current_thread() is threading.main_thread():
        return
    now = time.monotonic()
    wait = min(_busy_until - now, MAX_WAIT)
    if wait <= 0 or now - getattr(_local, "resumed", 0.0) < MIN_WORK:
        time.sleep(0)  # let any waiting thread in
        return
    time.sleep(wait)
    _local.resumed = time.monotonic()
