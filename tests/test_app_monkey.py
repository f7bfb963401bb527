"""A monkey at the keyboard: hundreds of random presses of the real keys never crash the app."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bursts import burst, paste
from pilot_helpers import ready, wait_for

from legreader.ui.app import make_app

KEYS = [
    "j", "k", "J", "K", "g", "G", "enter", "tab", "escape", "left_curly_bracket",
    "right_curly_bracket", "v", "right_square_bracket", "left_square_bracket", "1", "2", "3",
    "4", "5", "6", "t", "n", "N", "a", "x", "u", "y", "Y", "slash", "c", "question_mark", "h",
    "H", "s", "F", "d", "f", "down", "up", "pagedown", "pageup", "ctrl+f", "e", "space", "o",
    "r", "l", "ctrl+s", "backspace",
]  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_never_crash(seed: int, db_path: Path) -> None:
    rng = random.Random(seed)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await ready(pilot)
        for step in range(250):
            await pilot.press(rng.choice(KEYS))
            if step % 50 == 0:
                await pilot.pause()  # let the queued work run now and then
        assert app.is_running
        assert app.store is not None


#: Keys that open a dialog or a mode, and what fast hands press right after them.
OPENERS = ["t", "n", "N", "Y", "ctrl+f", "question_mark", "H", "c", "slash", "y", "x", "u"]
AFTER = ["enter", "enter", "escape", "escape", "ctrl+s", "a", "x", "u", "y", "1", "j", "n"]


@pytest.mark.parametrize("seed", [3])
async def test_random_bursts_never_crash(seed: int, db_path: Path) -> None:
    """Bursts, not single keys: an opener and 1-5 keys queued at once (no pause between
    them), sometimes a paste with newlines; the app keeps running and ends on a sane screen."""
    rng = random.Random(seed)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "j")
        for _ in range(40):
            burst(app, rng.choice(OPENERS), *rng.choices(AFTER, k=rng.randint(1, 5)))
            if rng.random() < 0.2:
                paste(app, rng.choice(["a\n\n", "\n\n", "x\nu\n"]))
            await pilot.pause()
            await wait_for(pilot, lambda: not app.key_gate.holding)
        assert app.is_running and app.crash_message is None
        while len(app.screen_stack) > 1:
            app.screen.dismiss(None)
            await pilot.pause()
        assert app.store is not None
