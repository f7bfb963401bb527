"""The compare view while it computes (issue 12): a progress line, the child process killed
when the view closes; the scorecard uses the width it has (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import ready, wait_for
from test_app_side_by_side import Spawned, big_corpus, ended
from textual.widgets import DataTable

from legreader.ui.app import make_app
from legreader.ui.compare_run import CompareProgress
from legreader.ui.compare_screen import CompareScreen


async def test_the_compare_view_shows_progress_and_leaving_it_kills_the_comparison(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spawned = Spawned(monkeypatch)
    app = make_app([big_corpus(tmp_path)], db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        progress = screen.query_one(CompareProgress)
        await wait_for(pilot, lambda: progress.last is not None, timeout=60)
        assert progress.display and screen.result is None
        children = list(spawned.children)
        assert children
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
        for child in children:
            assert await ended(child) < 0


async def test_the_progress_line_goes_once_the_grid_is_there(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.grid is not None)
        assert not screen.query_one(CompareProgress).display


async def test_the_scorecard_takes_the_width_the_grid_leaves(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.grid is not None)
        await pilot.pause()
        box = screen.query_one("#scorecard-box")
        grid = screen.query_one(DataTable)
        assert box.display and box.outer_size.width > screen.SCORECARD_WIDTH
        # the grid's columns fit beside it
        assert grid.virtual_size.width <= grid.scrollable_content_region.width


async def test_at_80_columns_the_scorecard_takes_the_grids_place(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.grid is not None)
        box, main = screen.query_one("#scorecard-box"), screen.query_one("#compare-main")
        assert not box.display and main.display
        await pilot.press("s")
        assert box.display and not main.display
        assert box.outer_size.width == 0 or app.focused is box
        await pilot.pause()
        assert box.outer_size.width == 80
        await pilot.press("s")
        assert not box.display and main.display
        assert app.focused is screen.query_one(DataTable)
