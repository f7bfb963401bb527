"""A monkey at the keyboard: hundreds of random presses of the real keys never crash the app."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pilot_helpers import ready

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
                await pilot.pause(0.05)
        assert app.is_running
        assert app.store is not None
