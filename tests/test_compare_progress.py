"""Progress of a comparison (issue 12): the engine reports its stages through a callback
(no Textual), in its own thread, spaced out; a child process sends the reports back to the
app's event loop, in order and before the result."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from legreader.compare import ArticleInput, PrimaryInput, compare_articles, inputs_from_corpus
from legreader.corpus.loader import load_corpus
from legreader.ui.background import run_in_process
from legreader.work import progress as progress_module
from legreader.work.progress import STAGES, Progress, report, reporting

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"


def _inputs() -> tuple[list[ArticleInput], PrimaryInput | None]:
    return inputs_from_corpus(load_corpus([SAMPLE]))


def test_the_engine_reports_every_stage_in_order_from_its_own_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress_module, "REPORT_INTERVAL", 0.0)  # every report goes out
    articles, primary = _inputs()
    seen: list[Progress] = []
    threads: set[int] = set()

    def collect(p: Progress) -> None:
        seen.append(p)
        threads.add(threading.get_ident())

    result = compare_articles(articles, primary, progress=collect)
    assert result.groups
    assert threads == {threading.get_ident()}
    stages = [p.stage for p in seen]
    assert sorted(set(stages), key=STAGES.index) == list(STAGES)
    assert stages == sorted(stages, key=STAGES.index)  # never back to an earlier stage
    reading = [p for p in seen if p.stage == "reading"]
    assert reading[0].done == 0 and reading[-1].done == reading[-1].total == len(articles) + 1
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1].done == seen[-1].total
    assert compare_articles(articles, primary).to_json() == result.to_json()  # same result


def test_reports_are_spaced_out_but_the_first_and_last_of_a_stage_always_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress_module, "REPORT_INTERVAL", 3600.0)
    seen: list[Progress] = []
    with reporting(seen.append):
        for done in range(101):
            report("reading", done, 100)
        report("aligning", 0, 3)
    report("judging", 0, 1)  # nobody listening any more: dropped
    assert [(p.stage, p.done) for p in seen] == [("reading", 0), ("reading", 100), ("aligning", 0)]


def test_progress_words() -> None:
    assert Progress("reading", 3, 5).words() == "reading 3/5 sources"
    assert Progress("aligning", 1, 3).words() == "lining up the claims 1/3 kinds"
    assert Progress("scoring", 1, 1).words() == "summing up"
    assert 0.0 <= Progress("reading", 0, 0).fraction < Progress("scoring", 2, 2).fraction == 1.0


async def test_reports_from_a_child_process_reach_the_event_loop_thread_before_the_result() -> None:
    articles, primary = _inputs()
    loop_thread = threading.get_ident()
    seen: list[Progress] = []
    threads: set[int] = set()

    def collect(p: Progress) -> None:
        seen.append(p)
        threads.add(threading.get_ident())

    result = await run_in_process(compare_articles, articles, primary, progress=collect)
    await asyncio.sleep(0)  # (anything still queued would run now: it must not)
    assert result.groups
    assert seen and threads == {loop_thread}
    assert seen[0].stage == "reading" and seen[-1].stage == "scoring"
    assert seen[-1].done == seen[-1].total
