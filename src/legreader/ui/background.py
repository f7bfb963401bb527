"""Slow domain work in daemon threads that a quitting app never waits for.

Textual's thread workers run in the event loop's default executor, whose threads are joined
when the app's loop closes and again when the interpreter exits: a compare that cannot stop
at once held ``q`` for seconds. :func:`run_in_daemon` runs the function in its own daemon
thread instead and awaits it from an async worker; when the worker is cancelled (leaving the
screen, quitting), the ``cancelled`` callable it passed the function turns true, so the
function stops at its next check, and nothing waits for the thread meanwhile.

The whole-corpus comparison goes further: :func:`run_in_process` runs it in a child process
(:mod:`legreader.offload`), where it does not compete with the interface for the interpreter
lock, and cancelling it kills the child. Quitting kills every child still at work
(:func:`kill_all`).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

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


_children: set[Any] = set()
"""Child processes running background work (see :func:`run_in_process`)."""


async def run_in_process(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, cancelled=..., **kwargs)`` in a child process; its result (or error).

    ``function`` and the arguments are pickled (a module-level function, plain data).
    Cancelling the awaiting task kills the child at once. If no child can be started, the
    function runs in a daemon thread instead (:func:`run_in_daemon`).
    """
    import pickle
    import sys

    request = pickle.dumps((function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "legreader.offload",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,  # never a byte on the reader's terminal
            start_new_session=True,  # no Ctrl-C or Ctrl-Z from the terminal
        )
    except (OSError, NotImplementedError, RuntimeError):  # no subprocess here: a thread, then
        name = getattr(function, "__name__", "legreader-work")
        return await run_in_daemon(
            lambda cancelled: function(*args, cancelled=cancelled, **kwargs), name
        )
    _children.add(child)
    try:
        output, _ = await child.communicate(request)
    finally:
        _children.discard(child)
        if child.returncode is None:  # cancelled (or failed) while it works: it stops now
            try:
                child.kill()
            except ProcessLookupError:
                pass
    if not output:
        raise RuntimeError(f"the background process ended with code {child.returncode}")
    ok, value = pickle.loads(output)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def kill_all() -> None:
    """Kill every child process still at work (the app is quitting: nothing waits for them)."""
    for child in list(_children):
        try:
            child.kill()
        except (OSError, ProcessLookupError):
            pass
    _children.clear()
