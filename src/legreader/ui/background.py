"""Slow domain work in daemon threads that a quitting app never waits for.

Textual's thread workers run in the event loop's default executor, whose threads are joined
when the app's loop closes and again when the interpreter exits: a compare that cannot stop
at once held ``q`` for seconds. :func:`run_in_daemon` runs the function in its own daemon
thread instead and awaits it from an async worker; when the worker is cancelled (leaving the
screen, quitting), the ``cancelled`` callable it passed the function turns true, so the
function stops at its next check, and nothing waits for the thread meanwhile.

The whole-corpus comparison goes further: :func:`run_in_process` runs it in a child process
(:mod:`legreader.work.offload`), where it does not compete with the interface for the interpreter
lock, and cancelling it kills the child. Quitting kills every child still at work
(:func:`kill_all`).
"""

from __future__ import annotations

import asyncio
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from legreader.work.progress import Progress

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


_children: set[subprocess.Popen[bytes]] = set()
"""Child processes running background work (see :func:`run_in_process`)."""


async def run_in_process(
    function: Callable[..., T],
    *args: object,
    progress: Callable[[Progress], None] | None = None,
    **kwargs: object,
) -> T:
    """``function(*args, cancelled=..., **kwargs)`` in a child process; its result (or error).

    ``function`` and the arguments are pickled (a module-level function, plain data).
    Cancelling the awaiting task kills the child at once. The child is started, fed and
    read from a daemon thread: starting a process waits until it has run ``exec``, which on
    a loaded machine took over a second, and the event loop must not wait with it. If no
    child can be started, the function runs in that thread instead.

    With ``progress``, the function is also given a ``progress`` callable; what it reports
    (a :class:`~legreader.work.progress.Progress`) comes back to ``progress`` called on the event
    loop's thread, in order, while the awaiting task is still waiting (never after).
    """
    started: list[subprocess.Popen[bytes]] = []
    loop = asyncio.get_running_loop()
    waiting = True

    def forward(report: Progress) -> None:
        if waiting and progress is not None:
            progress(report)

    def relay(report: Progress) -> None:  # in the thread: over to the event loop's
        try:
            loop.call_soon_threadsafe(forward, report)
        except RuntimeError:  # the loop is closed: the app has gone
            pass

    def run(cancelled: Callable[[], bool]) -> T:
        wanted = progress is not None
        request = pickle.dumps(
            (function, args, kwargs, wanted) if wanted else (function, args, kwargs),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "legreader.work.offload"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # never a byte on the reader's terminal
                start_new_session=True,  # no Ctrl-C or Ctrl-Z from the terminal
            )
        except OSError:  # no child here: the work runs in this thread
            if wanted:
                return function(*args, cancelled=cancelled, progress=relay, **kwargs)
            return function(*args, cancelled=cancelled, **kwargs)
        started.append(child)
        _children.add(child)
        outcome: tuple[bool, object] | None = None
        try:
            if cancelled():  # cancelled while the child started
                child.kill()
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(request)
            child.stdin.close()
            while True:  # progress reports, then the outcome (see legreader.work.offload)
                message = pickle.load(child.stdout)
                if isinstance(message, tuple):
                    outcome = message
                    break
                relay(message)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            child.kill()
        finally:
            _children.discard(child)
            for stream in (child.stdin, child.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
        if outcome is None:
            raise RuntimeError(f"the background process ended with code {child.wait()}")
        child.wait()
        ok, value = outcome
        if not ok:
            raise cast(BaseException, value)
        return cast(T, value)

    try:
        return await run_in_daemon(run, "legreader-offload")
    except asyncio.CancelledError:
        for child in started:
            _kill(child)
        raise
    finally:
        waiting = False


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        child.kill()
    except (OSError, ProcessLookupError):  # ended already
        pass


def kill_all() -> None:
    """Kill every child process still at work (the app is quitting: nothing waits for them)."""
    for child in list(_children):
        _kill(child)
    _children.clear()
