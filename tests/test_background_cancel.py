"""Background work is cancellable (issue 13, finding 6).

The compare engine asks its ``cancelled`` callable between articles, sentences, mentions and
clusters and stops by raising ``Cancelled``; the app runs it (and the corpus index) in daemon
threads that a quitting app never waits for (``ui/background.py``).
"""

from __future__ import annotations

import asyncio
import subprocess
import threading
import time
from pathlib import Path

import pytest

from legreader.compare import compare_articles, discrepant_articles, inputs_from_corpus
from legreader.compare.mentions import Source
from legreader.corpus.loader import load_corpus
from legreader.ui import background
from legreader.ui.background import run_in_daemon, run_in_process
from legreader.work.cancel import Cancelled, cancellable, checkpoint
from legreader.work.offload import parent_gone, serve

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"


def _inputs(repeat: int = 1):  # type: ignore[no-untyped-def]
    articles, primary = inputs_from_corpus(load_corpus([SAMPLE]))
    if repeat > 1:
        big = articles[0]
        articles[0] = type(big)(big.id, big.title, ("\n\n".join(a.body for a in articles)) * repeat)
    return articles, primary


def test_compare_checks_often_and_stops_when_asked() -> None:
    articles, primary = _inputs()
    calls = 0

    def never() -> bool:
        nonlocal calls
        calls += 1
        return False

    done = compare_articles(articles, primary, cancelled=never)
    assert calls > 50 and done.groups  # asked all along, same result as without
    assert len(done.groups) == len(compare_articles(articles, primary).groups)
    asked = 0

    def after_a_few() -> bool:
        nonlocal asked
        asked += 1
        return asked > 5

    with pytest.raises(Cancelled):
        compare_articles(articles, primary, cancelled=after_a_few)
    assert asked == 6  # stopped at the first check that said so


def test_a_long_compare_stops_soon_after_the_flag(tmp_path: Path) -> None:
    articles, primary = _inputs(repeat=10)
    assert len(articles[0].body) > 150_000
    flag = threading.Event()
    checks = 0
    outcome: list[object] = []

    def cancelled() -> bool:
        nonlocal checks
        checks += 1
        return flag.is_set()

    def run() -> None:
        try:
            outcome.append(compare_articles(articles, primary, cancelled=cancelled))
        except Cancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    # Into the long article (it is checked all along), then the flag. How soon it stops is
    # measured by benchmarks/bench_guards.py; here a watchdog only: it stops, not finishes.
    deadline = time.monotonic() + 60
    while checks < 100 and thread.is_alive() and time.monotonic() < deadline:
        flag.wait(0.001)
    flag.set()
    thread.join(30)
    assert not thread.is_alive()
    assert isinstance(outcome[0], Cancelled)


def test_checkpoint_without_a_caller_never_cancels() -> None:
    checkpoint()
    with cancellable(lambda: True), pytest.raises(Cancelled):
        checkpoint()
    checkpoint()  # the previous (no) check is back


def test_sentence_lookup_matches_a_linear_scan() -> None:
    sentences = [(0, 5), (6, 10), (10, 20), (25, 30)]
    src = Source("a", "t", "x" * 40, sentences)
    for offset in range(-1, 41):
        linear = next(((s, e) for s, e in sentences if s <= offset < e), (offset, offset))
        assert src.sentence_at(offset) == linear


async def test_cancelling_the_awaiting_task_returns_at_once_and_flags_the_thread() -> None:
    started, seen_flag = threading.Event(), threading.Event()

    def work(cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            time.sleep(0.001)
        seen_flag.set()
        return "stopped"

    task = asyncio.create_task(run_in_daemon(work, "test-daemon"))
    await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
    threads = [t for t in threading.enumerate() if t.name == "test-daemon"]
    assert threads and all(t.daemon for t in threads)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.get_running_loop().run_in_executor(None, seen_flag.wait, 5)


async def test_results_and_errors_come_back() -> None:
    assert await run_in_daemon(lambda cancelled: 41 + 1, "t") == 42

    def fail(cancelled):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await run_in_daemon(fail, "t")


# ------------------------------------------------ the compare in a child process (issue 13)


async def test_a_compare_in_a_child_process_gives_the_same_result() -> None:
    articles, primary = _inputs()
    here = compare_articles(articles, primary)
    there = await run_in_process(compare_articles, articles, primary)
    assert there.to_json() == here.to_json()
    assert await run_in_process(discrepant_articles, articles, primary) == {
        item.article for group in here.discrepancies for item in group.items
    }
    assert background._children == set()  # nothing left behind


async def test_an_error_in_the_child_is_raised_in_the_app() -> None:
    articles, _ = _inputs()
    with pytest.raises(AttributeError):
        await run_in_process(compare_articles, articles, "not a primary record")


class _Spawned:
    """Records the child processes :func:`run_in_process` starts (from its thread)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.children: list[subprocess.Popen[bytes]] = []
        self._started = threading.Event()
        real = subprocess.Popen

        def spawn(*args, **kwargs):  # type: ignore[no-untyped-def]
            child = real(*args, **kwargs)
            self.children.append(child)
            background._children.add(child)  # (as run_in_process does next) before the test acts
            self._started.set()
            return child

        monkeypatch.setattr(subprocess, "Popen", spawn)  # (as the background module sees it)

    async def started(self) -> subprocess.Popen[bytes]:
        loop = asyncio.get_running_loop()
        assert await loop.run_in_executor(None, self._started.wait, 60)
        return self.children[0]


async def _ended(child: subprocess.Popen[bytes]) -> int:
    return await asyncio.get_running_loop().run_in_executor(None, child.wait)


async def test_cancelling_kills_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    spawned = _Spawned(monkeypatch)
    articles, primary = _inputs(repeat=10)  # seconds of work
    task = asyncio.create_task(run_in_process(compare_articles, articles, primary))
    child = await spawned.started()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _ended(child) < 0  # killed by a signal, not finished


async def test_quitting_kills_every_child(monkeypatch: pytest.MonkeyPatch) -> None:
    spawned = _Spawned(monkeypatch)
    articles, primary = _inputs(repeat=10)
    task = asyncio.create_task(run_in_process(compare_articles, articles, primary))
    child = await spawned.started()
    background.kill_all()
    with pytest.raises(RuntimeError, match="ended with code"):
        await task
    assert await _ended(child) < 0
    assert background._children == set()


def test_the_child_serves_one_request_and_stops_when_the_app_is_gone() -> None:
    import io
    import os
    import pickle

    articles, primary = _inputs()
    request = io.BytesIO(pickle.dumps((discrepant_articles, (articles, primary), {})))
    answer = io.BytesIO()
    serve(request, answer, parent_gone(os.getppid()))
    ok, found = pickle.loads(answer.getvalue())
    assert ok and found == discrepant_articles(articles, primary)

    gone = parent_gone(-1)  # the app that started it has ended: every check says stop
    assert gone()
    request = io.BytesIO(pickle.dumps((compare_articles, (articles, primary), {})))
    answer = io.BytesIO()
    serve(request, answer, gone)
    ok, error = pickle.loads(answer.getvalue())
    assert not ok and isinstance(error, Cancelled)
