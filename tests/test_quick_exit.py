"""`q` under the command line ends the process at once (issue 13: < 0.2 s whatever runs).

The speed is measured in a real terminal by ``benchmarks/bench_quit.py``; these tests check
what the quick way out must still do: kill the background children, restore the terminal,
save and unlock the database, then end the process with the right code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from bursts import burst
from pilot_helpers import ready, wait_for
from textual import events
from textual.widgets import Input

from legreader.store import AnnotationStore
from legreader.ui import background, quick_exit
from legreader.ui.app import make_app

SIZE = (120, 40)


async def test_q_saves_restores_the_terminal_and_ends_the_process(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[Any] = []
    monkeypatch.setattr(background, "kill_all", lambda: steps.append("children killed"))
    real_restore = quick_exit.restore_terminal

    def restore(driver: Any) -> None:
        steps.append("terminal restored")
        real_restore(driver)

    monkeypatch.setattr(quick_exit, "restore_terminal", restore)
    app = make_app(db_path=db_path)
    app.exit_process = lambda code: steps.append(("exit", code, app.store))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "j", "1")  # a verdict on a sentence: saved at once
        await wait_for(pilot, lambda: app.store is not None and len(app.store.all()) == 1)
        await pilot.press("q")
        # Under the command line the process ends here; in a test, Textual's exit follows.
        await wait_for(pilot, lambda: ("exit", 0, None) in steps)
    assert steps == ["children killed", "terminal restored", ("exit", 0, None)]
    reopened = AnnotationStore.open(db_path, mode="normal")  # saved, and the lock is free
    try:
        assert len(reopened.all()) == 1
    finally:
        reopened.close()


async def test_without_the_command_line_q_is_textuals_exit(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    assert app.exit_process is None
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_code == 0 and app.store is None


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Windows driver is kept")
def test_the_terminal_driver_can_let_go_without_waiting() -> None:
    from legreader.ui.linux_driver import LeavingLinuxDriver

    assert make_app().driver_class is LeavingLinuxDriver


async def test_q_typed_while_the_compare_view_opens_quits(db_path: Path) -> None:
    """The compare view has no text box: `q` is not held until it is drawn."""
    ended: list[int] = []
    app = make_app(db_path=db_path)
    app.exit_process = ended.append
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        burst(app, "c", "q")
        await wait_for(pilot, lambda: ended == [0])


@pytest.mark.parametrize("opener", ["slash", "t"])
async def test_q_typed_while_a_text_box_opens_is_a_letter(opener: str, db_path: Path) -> None:
    """`/` (the search box) or `t` (the tag dialog) then `q` at once: the letter goes into the box."""
    ended: list[int] = []
    app = make_app(db_path=db_path)
    app.exit_process = ended.append
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "j")
        burst(app, opener, "q")
        await wait_for(
            pilot,
            lambda: (
                not app.key_gate.holding
                and isinstance(app.focused, Input)
                and app.focused.value == "q"
            ),
        )
        assert ended == [] and app.is_running


async def test_a_key_reaching_the_app_after_its_screens_are_gone_is_dropped(
    db_path: Path,
) -> None:
    """Seen in the monkey test under load: a key still queued while the app closed reached
    it after its screens were gone and raised ScreenStackError (a crash at exit)."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
    assert not app.screen_stack
    await app.on_event(events.Key("j", "j"))  # dropped: nothing left to deliver it to
    await app.on_event(events.Paste("x"))
