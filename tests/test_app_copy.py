"""Pilot tests of `y` and `Y`: the cited quote reaches a clipboard, and the reader is told which.

The system clipboard is replaced by one that fails like pyperclip does with no display, so no
test touches the real clipboard. Textual keeps what it sent through OSC 52 in `app.clipboard`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyperclip
import pytest
from pilot_helpers import NoticeRecorder, ready, wait_for
from textual.widgets import Static, TextArea

from legreader.cite import clipboard
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.dialogs.manual_copy import ManualCopyDialog
from legreader.ui.dialogs.style_picker import StylePicker

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip as it fails without a display (case 10)."""

    def fail(self: Any, text: str) -> str:
        raise pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system."
        )

    monkeypatch.setattr(clipboard.SystemClipboard, "copy", fail)
    monkeypatch.setattr(clipboard, "_busy", None)


async def select_in(pilot: Any, title_start: str, sentences: int = 2) -> tuple[ArticleBody, str]:
    """Open the article whose title starts so, select its n-th sentence; return the quote."""
    app = pilot.app
    await ready(pilot)
    sidebar = app.query_one(ArticleList)
    index = next(i for i, a in enumerate(sidebar.ordered) if a.title.startswith(title_start))
    body = app.query_one(ArticleBody)
    before = body.shown
    await pilot.press("g", *["j"] * index, "enter")
    await wait_for(pilot, lambda: body.shown != before and body.claims_ready)
    assert body.article.title.startswith(title_start) and app.focused is body
    await pilot.press(*["j"] * sentences)
    start, end = body.selection
    return body, " ".join(body.body[start:end].split())


async def test_y_falls_back_to_osc52_and_names_it(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    notices = NoticeRecorder(app)
    seen = notices.messages
    async with app.run_test(size=SIZE) as pilot:
        body, quote = await select_in(pilot, "Leg Exercise Critical", sentences=4)
        await pilot.press("y")
        await wait_for(pilot, lambda: any("Copied" in m for m in seen))
        assert quote and quote in app.clipboard
        assert body.article is not None
        assert body.article.title in app.clipboard
        [message] = [m for m in seen if "Copied" in m]
        assert message == "Copied plain quote (OSC 52)"  # one short line (issue 16)
        assert not isinstance(app.screen, ManualCopyDialog)


async def test_y_with_no_clipboard_at_all_shows_the_text_to_copy_by_hand(db_path: Path) -> None:
    app = make_app(db_path=db_path)

    def osc52_fails(text: str) -> None:
        raise OSError("the terminal went away")

    app.copy_to_clipboard = osc52_fails  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        body, quote = await select_in(pilot, "Leg Exercise Critical", sentences=4)
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ManualCopyDialog))
        dialog = app.screen
        assert isinstance(dialog, ManualCopyDialog)
        shown = dialog.query_one(TextArea).text
        assert body.article is not None
        assert quote in shown and body.article.title in shown
        assert "OSC 52 failed" in dialog.reason and "the terminal went away" in dialog.reason
        assert app.clipboard == ""
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0] and app.focused is body


async def test_Y_style_picker_previews_and_copies_the_chosen_style(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    notices = NoticeRecorder(app)
    seen = notices.messages
    async with app.run_test(size=SIZE) as pilot:
        _, quote = await select_in(pilot, "Researcher:", sentences=3)  # an undated article
        await pilot.press("Y")
        await wait_for(
            pilot, lambda: isinstance(app.screen, StylePicker) or not app.is_running, timeout=3
        )
        picker = app.screen
        assert isinstance(picker, StylePicker)
        preview = picker.query_one("#style-preview", Static)
        first = str(preview.render())
        assert picker.highlighted_style == "plain" and quote in first
        await pilot.press("down", "down")
        assert picker.highlighted_style == "apa"
        apa = str(preview.render())
        assert apa != first and "n.d." in apa
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("APA" in m for m in seen))
        assert "n.d." in app.clipboard and quote in app.clipboard
        # Y's choice is y's default from now on (issue 16)
        app.copy_to_clipboard("")
        notices.clear()
        await pilot.press("y")
        await wait_for(pilot, lambda: any(m.startswith("Copied APA quote") for m in seen))
        assert "n.d." in app.clipboard and quote in app.clipboard
