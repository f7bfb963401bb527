"""A guard for calls that must not block: fail the test instead of hanging the suite.

A watchdog is not a timing assertion: its limit is generous (many times what the call needs on a
loaded machine) and only a hang trips it. How fast things are is measured in ``benchmarks/``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


def within(seconds: float, fn: Callable[[], T]) -> T:
    """Run ``fn`` in a daemon thread; fail (instead of hanging the suite) if it blocks."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:  # re-raised in the test thread
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"did not finish within {seconds} s (blocked?)")
    if "error" in result:
        raise result["error"]
    value: T = result["value"]
    return value
