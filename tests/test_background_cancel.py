"""Background work is cancellable (issue 13, finding 6).

The compare engine asks its ``cancelled`` callable between articles, sentences, mentions and
clusters and stops by raising ``Cancelled``; the app runs it (and the corpus index) in daemon
threads that a quitting app never waits for (``ui/background.py``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from legreader.cancel import Cancelled, cancellable, checkpoint
from legreader.compare import compare_articles, inputs_from_corpus
from legreader.compare.mentions import Source
from legreader.corpus import load_corpus
from legreader.ui.background import run_in_daemon

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
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(compare_articles(articles, primary, cancelled=flag.is_set))
        except Cancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.3)  # let it get into the long article (a timing test: nothing to await)
    flag.set()
    asked = time.perf_counter()
    thread.join(5)
    stopped = time.perf_counter() - asked
    assert isinstance(outcome[0], Cancelled)
    # Loose on a shared machine: the checks are ms apart; one regex pass over the text is not.
    assert stopped < 1.0, stopped


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
