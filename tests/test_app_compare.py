"""Pilot tests of `c`: the compare grid, its discrepancy filter, and jumping to a passage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pilot_helpers import ready, selection_of, wait_for
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from legreader.compare import PRIMARY_ID
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.compare_screen import CompareScreen

SIZE = (120, 40)


async def open_compare(pilot: Any) -> CompareScreen:
    await ready(pilot)
    await pilot.press("c")
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    await wait_for(pilot, lambda: screen.grid is not None)
    return screen


def cell_under_cursor(screen: CompareScreen) -> tuple[Any, Any]:
    """(column, cell) of the grid under the table cursor; column None on the claim column."""
    row, column = screen.query_one(DataTable).cursor_coordinate
    assert screen.grid is not None
    if column == 0:
        return None, None
    return screen.grid.columns[column - 1], screen.grid.rows[row].cells[column - 1]


async def test_compare_grid_filters_to_discrepancies_and_escape_returns(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot)
        table = screen.query_one(DataTable)
        assert screen.grid is not None
        everything = len(screen.grid.rows)
        assert everything > 0 and table.row_count == everything
        assert app.corpus is not None
        assert len(screen.grid.columns) == len(app.corpus.articles) + 1  # + the primary study
        assert app.focused is table

        await pilot.press("d")
        rows = screen.grid.rows
        assert screen.filter == "discrepancies"
        assert 0 < len(rows) < everything and table.row_count == len(rows)
        assert all(row.group.discrepancy for row in rows)

        await pilot.press("escape")
        assert app.screen is app.screen_stack[0] and not isinstance(app.screen, CompareScreen)


async def test_enter_on_a_cell_opens_the_article_at_the_passage(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot)
        await pilot.press("d")
        assert screen.grid is not None
        for _ in range(len(screen.grid.columns)):  # move right to an article cell with a claim
            column, cell = cell_under_cursor(screen)
            if column is not None and column.id != PRIMARY_ID and cell.items:
                break
            await pilot.press("l")
        else:
            raise AssertionError("no article cell with a claim in the first discrepancy row")
        item = cell.items[0]
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        await wait_for(
            pilot,
            lambda: (
                app.screen is app.screen_stack[0]
                and body.article is not None
                and body.article.id == column.id
                and body.selection is not None
            ),
        )
        start, end = selection_of(body)
        assert start <= item.start and item.end <= end
        assert item.text in body.body[start:end]
        assert app.focused is body


async def test_study_silent_cells_show_the_not_in_study_mark_never_a_green_tick(
    db_path: Path,
) -> None:
    """The sample study gives no percentage: the 70 % four articles repeat is "not in the study",
    drawn with its own mark and the stylesheet's colour, not the green of agreement."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot)
        assert screen.grid is not None
        silent = [row for row in screen.grid.rows if row.group.study_silent]
        assert silent
        states = {cell.state for row in silent for cell in row.cells}
        assert "not_in_study" in states and "agrees" not in states
        agrees = screen.get_component_rich_style("compare--agrees", partial=True)
        not_in = screen.get_component_rich_style("compare--not_in_study", partial=True)
        assert agrees.color != not_in.color
        table = screen.query_one(DataTable)
        row, column = next(
            (screen.grid.rows.index(r), i + 1)  # column 0 is the claim
            for r in silent
            for i, c in enumerate(r.cells)
            if c.state == "not_in_study"
        )
        text = table.get_cell_at(Coordinate(row, column))  # the cell as drawn
        assert isinstance(text, Text)
        assert text.plain.startswith("○") and "✓" not in text.plain
        assert text.spans[0].style == not_in
        row_index = screen.grid.rows.index(silent[0])
        drawn = [
            table.get_cell_at(Coordinate(row_index, c))
            for c in range(1, len(screen.grid.columns) + 1)
        ]
        assert any(str(getattr(d, "plain", d)).startswith("○") for d in drawn)
        assert not any(str(getattr(d, "plain", d)).startswith("✓") for d in drawn)


async def test_enter_centres_the_passage_in_the_body(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        table = screen.query_one(DataTable)
        # A passage in the second half of a long article: one the body must scroll to.
        target = None
        assert screen.grid is not None
        for row_index, row in enumerate(screen.grid.rows):
            for column_index, (column, cell) in enumerate(
                zip(screen.grid.columns, row.cells, strict=True)
            ):
                if column.id == PRIMARY_ID or not cell.items:
                    continue
                assert app.corpus is not None
                article = app.corpus.by_id(column.id)
                if article is not None and cell.items[0].start > len(article.body) // 2 > 1000:
                    target = (row_index, column_index + 1, column.id, cell.items[0])
                    break
            if target:
                break
        assert target is not None, "the sample has no passage deep in a long article"
        row_index, column_index, article_id, item = target
        table.move_cursor(row=row_index, column=column_index)
        await pilot.pause()
        await pilot.press("enter")
        body = app.query_one(ArticleBody)

        def centred() -> bool:
            if app.screen is not app.screen_stack[0] or body.selection is None:
                return False
            if body.article is None or body.article.id != article_id or body.scroll_y == 0:
                return False
            first = body.text.row_of(body.selection[0])
            last = body.text.row_of(body.selection[1] - 1)
            if first is None or last is None:
                return False
            top = body.text.virtual_region.y - body.scroll_y
            middle = top + (first + last) / 2
            return abs(middle - body.scrollable_content_region.height / 2) <= 2

        await wait_for(pilot, centred)
