"""Background work waits while the UI answers a key, never on the UI thread, never for ever.

A fake clock: what :func:`pacing.pause` asks ``time.sleep`` for is recorded, nothing sleeps."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from legreader.work import pacing


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(pacing, "time", fake)
    monkeypatch.setattr(pacing, "_busy_until", 0.0)
    return fake


def in_worker(work: Callable[[], Any]) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if errors:
        raise errors[0]


def test_a_worker_waits_while_the_ui_is_busy_and_not_otherwise(clock: FakeTime) -> None:
    def work() -> None:
        pacing.pause()
        assert clock.sleeps == [0]  # idle UI: only lets other threads in
        pacing.ui_busy(0.2)
        pacing.pause()
        assert clock.sleeps[-1] == pytest.approx(0.2)

    in_worker(work)


def test_the_ui_thread_never_waits(clock: FakeTime) -> None:
    pacing.ui_busy(5.0)
    pacing.pause()
    assert clock.sleeps == []


def test_work_goes_on_between_two_waits_whatever_the_keys(clock: FakeTime) -> None:
    def work() -> None:
        pacing.ui_busy(10.0)
        pacing.pause()
        assert clock.sleeps == [pacing.MAX_WAIT]  # one wait is bounded
        pacing.pause()
        assert clock.sleeps[-1] == 0  # just resumed: works on before waiting again
        clock.now += pacing.MIN_WORK
        pacing.pause()
        assert clock.sleeps[-1] == pacing.MAX_WAIT

    in_worker(work)
