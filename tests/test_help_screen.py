"""The help screen's key table, laid out by hand (no Rich Table): every row, within the width,
untrusted keys cleaned; the dialogs' rows arrive once the screen is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import ready, wait_for
from rich.cells import cell_len

from legreader.ui.help_screen import (
    GAP,
    MIN_COLUMN,
    MIN_DOES,
    HelpScreen,
    KeyTable,
    column_widths,
    layout,
)
from legreader.ui.keys import KeyRow

ROWS = [
    KeyRow("Anywhere", "q", "Quit", "app.quit"),
    KeyRow("Anywhere", "?", "Help", "app.help"),
    KeyRow(
        "Body", "j, down", "Next sentence, and a long description that has to wrap", "body.next"
    ),
    KeyRow("Body", "\x1b]52;c;cm0gLXJmIH4=\x07x", "Hostile key from a config file", "body.x"),
]


@pytest.mark.parametrize("width", [20, 40, 60, 100, 160])
def test_every_line_fits_and_every_row_is_there(width: int) -> None:
    lines = layout(
        ROWS, [("A note after the table, long enough to wrap at narrow widths.", "dim")], width
    )
    text = "\n".join("  ".join(line.cells) for line in lines)
    for line in lines:
        assert cell_len((" " * GAP).join(line.cells)) <= max(
            width, MIN_DOES + 3 * MIN_COLUMN + 3 * GAP
        )
    assert "\x1b" not in text and "\x07" not in text
    assert text.count("app.quit") == 1 or width < 60  # cut with an ellipsis when narrow
    assert sum(1 for line in lines if line.cells and line.cells[0].strip() == "Body") <= 1


def test_wide_screens_share_the_spare_cells_and_narrow_ones_wrap_the_description() -> None:
    natural = [8, 7, 30, 12]
    wide = column_widths(natural, 100)
    assert sum(wide) + 3 * GAP == 100 and all(w >= n for w, n in zip(wide, natural, strict=True))
    narrow = column_widths(natural, 50)
    assert narrow[2] < natural[2] and sum(narrow) + 3 * GAP <= 50
    lines = layout(ROWS, [], 50)
    assert sum("Next sentence" in line.cells[2] for line in lines if len(line.cells) == 4) == 1
    assert any("wrap" in line.cells[2] for line in lines if len(line.cells) == 4)


@pytest.mark.asyncio
async def test_help_lists_every_section_after_it_is_drawn(db_path: Path) -> None:
    from legreader.ui.app import make_app

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        await wait_for(pilot, lambda: any(r.section == "Compare" for r in screen.rows))
        sections = {name for name, _ in app.binding_sections()}
        assert {r.section for r in screen.rows} == sections
        table = screen.query_one(KeyTable)
        assert "compare.close" in table.text() and "Remap any key" in table.text()
        await pilot.press("j")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
