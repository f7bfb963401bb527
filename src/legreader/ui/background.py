"""Slow domain work in daemon threads that a quitting app never waits for.

Textual's thread workers run in the event loop's default executor, whose threads are joined
when the app's loop closes and again when the interpreter exits: a compare that cannot stop
at once held ``q`` for seconds. :func:`run_in_daemon` runs the function in its own daemon
thread instead and awaits it from an async worker; when the worker is cancelled (leaving the
screen, quitting), the ``cancelled`` callable it passed the function turns true, so the
function stops at its next check, and nothing waits for the thread meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def run_in_daemon(work: Callable[[Callable[[], bool]], T], name: str) -> T:
    """Run ``work(cancelled)`` in a daemon thread and return its result (or raise its error).

    Cancelling the awaiting task sets the flag ``cancelled()`` reports and returns at once.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    stop = threading.Event()

    def deliver(ok: bool, value: object) -> None:
        if future.done():
            return
        if ok:
            future.set_result(value)  # type: ignore[arg-type]
        else:
            future.set_exception(value)  # type: ignore[arg-type]

    def run() -> None:
        try:
            outcome: tuple[bool, object] = (True, work(stop.is_set))
        except BaseException as exc:  # handed to the awaiting task
            outcome = (False, exc)
        try:
            loop.call_soon_threadsafe(deliver, *outcome)
        except RuntimeError:  # the loop is closed: the app has gone
            pass

    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        return await future
    finally:
        stop.set()  # cancelled, or done: either way the thread has nothing more to do
