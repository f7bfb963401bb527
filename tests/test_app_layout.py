"""Pilot tests of issue 16's layout and messages: the footer per focus and width, the
sidebar's `b` and its width, the body's line width beside the annotations panel, the wording
of notices, and what is remembered across restarts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import NoticeRecorder, ready, store_of, wait_for

from legreader.settings.config import UserConfig
from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.app import MIN_BODY_WIDTH, make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.footer import FittingFooter, fit, group_display


async def footer_ready(pilot: Any) -> FittingFooter:
    app = pilot.app
    await ready(pilot)
    await wait_for(pilot, lambda: bool(app.screen.query(FittingFooter)))
    footer: FittingFooter = app.screen.query_one(FittingFooter)
    await wait_for(pilot, lambda: bool(footer.children))
    return footer


async def footer_line(pilot: Any) -> list[str]:
    """The footer's items as drawn ("1-6 Verdict", "? Help"), once it has caught up."""
    footer = pilot.app.screen.query_one(FittingFooter)
    await pilot.pause()
    await wait_for(pilot, lambda: [i.display for i in footer.shown_items()] == _drawn(footer))
    return [f"{item.display} {item.description}" for item in footer.shown_items()]


def _drawn(footer: FittingFooter) -> list[str]:
    return [key.key_display for key in footer.children]  # type: ignore[attr-defined]


def test_group_display() -> None:
    assert group_display(["1", "2", "3", "4", "5", "6"]) == "1-6"
    assert group_display(["j", "k"]) == "j/k"
    assert group_display(["1", "3", "4"]) == "1/3/4"  # not a run


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [80, 120, 200])
async def test_footer_fits_and_always_shows_help(db_path: Path, width: int) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(width, 40)) as pilot:
        footer = await footer_ready(pilot)
        for focus in ("sidebar", "body", "panel"):
            if focus == "body":
                app.query_one(ArticleBody).focus()
            elif focus == "panel":
                await pilot.press("a")
            line = await footer_line(pilot)
            assert line[-1] == "? Help", (focus, line)
            assert sum(len(item) + 2 for item in line) - 2 <= width, (focus, line)
            assert sum("Palette" in item for item in line) <= 1
            shown = footer.shown_items()
            assert fit(footer.items(), width) == shown
        # everything fits at 200 columns, the palette once
        if width == 200:
            app.query_one(ArticleBody).focus()
            line = await footer_line(pilot)
            assert line.count("^p Palette") == 1 and "q Quit" in line


@pytest.mark.asyncio
async def test_footer_per_focus_at_80_and_200_columns(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await footer_ready(pilot)
        sidebar_line = await footer_line(pilot)
        assert sidebar_line[:2] == ["⏎ Open", "/ Filter titles"]
        assert "1-6 Verdict" not in sidebar_line
        app.query_one(ArticleBody).focus()
        body_line = await footer_line(pilot)
        assert body_line[:4] == ["1-6 Verdict", "t Tag", "n Note", "y Copy quote"]
        assert "? Help" in body_line
    app = make_app(db_path=db_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await footer_ready(pilot)
        app.query_one(ArticleBody).focus()
        body_line = await footer_line(pilot)
        for item in ("1-6 Verdict", "j/k Sentence", "[/] Claim", "h Highlights", "b Sidebar"):
            assert item in body_line
        await pilot.press("slash")  # search mode: the box has the keys, help is `?` typed
        line = await footer_line(pilot)
        assert line[0] == "esc End search"


@pytest.mark.asyncio
async def test_footer_follows_the_key_map(db_path: Path) -> None:
    config = UserConfig(keymap={"app.help": "f1", "body.verdict_accurate": "0"})
    app = make_app(db_path=db_path, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await footer_ready(pilot)
        app.query_one(ArticleBody).focus()
        line = await footer_line(pilot)
        assert line[-1] == "f1 Help"
        assert line[0] == "0/2/3/4/5/6 Verdict"


@pytest.mark.asyncio
async def test_b_hides_and_shows_the_sidebar(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        box = app.query_one("#sidebar-box")
        assert box.display and box.size.width == 26  # narrow terminal: a narrow sidebar
        body = app.query_one(ArticleBody)
        await pilot.press("b")
        assert not box.display and app.focused is body
        await pilot.pause()
        assert body.outer_size.width == 80
        await pilot.press("b")
        assert box.display and app.focused is app.query_one(ArticleList)
        await pilot.press("tab")
        assert app.focused is body
        await pilot.press("b", "tab")  # hidden: tab does not go to it
        assert app.focused is body


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [80, 100, 120])
async def test_annotations_panel_leaves_the_body_room(db_path: Path, width: int) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await ready(pilot)
        box = app.query_one("#sidebar-box")
        body = app.query_one(ArticleBody)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(AnnotationsPanel).display
        assert body.outer_size.width >= MIN_BODY_WIDTH
        assert box.display == (width >= 120)  # the sidebar yields where there is no room
        await pilot.press("escape")
        await pilot.pause()
        assert box.display  # back when the panel closes
        if width < 120:
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("b")  # asked for: the sidebar shows, the panel closes
            await pilot.pause()
            assert box.display and not app.query_one(AnnotationsPanel).display


@pytest.mark.asyncio
async def test_body_text_keeps_a_readable_width(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text
        assert text.size.width <= 92 < body.size.width - 40
        # the text column is centred, and a click still selects what is under it
        left = text.region.x - body.region.x
        right = body.region.right - text.region.right
        assert abs(left - right) <= 4
        target = body.sentences[3] if len(body.sentences) > 3 else body.sentences[0]
        row = text.row_of(target[0])
        assert row is not None
        body.focus()
        body.scroll_to(y=text.virtual_region.y + row, animate=False, immediate=True)
        await pilot.pause()
        top = text.virtual_region.y + row - round(body.scroll_y)
        await pilot.click(ArticleBody, offset=(left + 6, top + 1))  # +1: the border
        await wait_for(pilot, lambda: body.selection is not None)
        assert body.selection is not None
        assert body.selection[0] <= target[0] + 5 < body.selection[1]


@pytest.mark.asyncio
async def test_notices_are_short_and_plain(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.store is not None)
        notices = NoticeRecorder(app)
        seen = notices.messages
        app.query_one(ArticleBody).focus()
        await pilot.press("j", "2")
        await wait_for(pilot, lambda: "Marked misleading" in seen)
        await pilot.press("u")
        await wait_for(pilot, lambda: "Removed the new annotation" in seen)
        await pilot.press("2", "n")
        await pilot.pause()
        await pilot.press("n", "o", "t", "e", "ctrl+s")
        await wait_for(pilot, lambda: "Note saved" in seen)
        await pilot.press("u")
        await wait_for(pilot, lambda: "Put back the previous note" in seen)
        await pilot.press("u")
        await wait_for(pilot, lambda: "Removed the new annotation" in seen[-1:])
        await pilot.press("2", "x")
        await wait_for(pilot, lambda: any(m.startswith("Deleted the annotation") for m in seen))
        await pilot.press("u")
        await wait_for(pilot, lambda: "Brought back the deleted annotation" in seen)
        for message in seen:
            assert "\n" not in message and len(message) <= 80, message
            words = message.casefold().split()
            assert all(a != b for a, b in zip(words, words[1:], strict=False)), message
            assert "Undone" not in message


def test_copy_notice_is_one_short_line() -> None:
    from legreader.cite.clipboard import CopyResult
    from legreader.ui.copying import copied_notice

    osc = CopyResult(True, "terminal (OSC 52)", "Copied 90 characters through …", "x", via="OSC 52")
    assert copied_notice("apa", osc) == "Copied APA quote (OSC 52)"
    system = CopyResult(True, "system clipboard (pyperclip: xclip)", "…", "x", via="xclip")
    assert copied_notice("plain", system) == "Copied plain quote (xclip)"
    big = CopyResult(True, "", "", "x", via="OSC 52", caution="12 KB: some terminals cut it")
    assert copied_notice("mla", big) == "Copied MLA quote (OSC 52); 12 KB: some terminals cut it"


@pytest.mark.asyncio
async def test_last_article_place_and_copy_style_survive_a_restart(
    db_path: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state" / "session.json"
    app = make_app(db_path=db_path, state_path=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        await pilot.press("G", "enter")
        last = sidebar.ordered[-1]
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.loaded_article is last and body.claims_ready)
        await pilot.press("G", "k", "k")
        selection = body.selection
        assert selection is not None
        app.remember_copy_choice("mla", False)  # as Y's dialog does
        await pilot.press("q")
    assert state.is_file()
    app = make_app(db_path=db_path, state_path=state)
    async with app.run_test(size=(100, 30)) as pilot:
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.loaded_article is not None)
        assert body.loaded_article is not None
        assert body.loaded_article.id == last.id
        await wait_for(pilot, lambda: body.selection == selection)
        assert body.scroll_y > 0
        assert app.copy_choice == ("mla", False)
    # a config whose copy style changed since wins over the remembered choice
    app = make_app(db_path=db_path, state_path=state, config=UserConfig(copy_style="apa"))
    assert app.copy_choice is None


def test_a_damaged_state_file_reads_as_empty(tmp_path: Path) -> None:
    from legreader.settings.session import ReadingPlace, SessionState, load_state, save_state

    path = tmp_path / "session.json"
    for junk in ("", "[1, 2]", '{"places": {"x": {"article": 5}}}', "{" * 5000, "\x00\x01"):
        path.write_text(junk, encoding="utf-8")
        assert load_state(path) == SessionState()
    state = SessionState()
    state.remember("corpus", ReadingPlace("a1", 120, (130, 170)))
    save_state(path, state)
    assert load_state(path).places == {"corpus": ReadingPlace("a1", 120, (130, 170))}


@pytest.mark.asyncio
async def test_tag_dialog_ends_with_a_separator_and_ctrl_a_selects_all(db_path: Path) -> None:
    from textual.widgets import Input

    from legreader.ui.dialogs.tag_dialog import TagDialog

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.store is not None)
        app.query_one(ArticleBody).focus()
        await pilot.press("j", "t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagDialog))
        await pilot.press(*"alpha")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, TagDialog))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagDialog))
        box = app.screen.query_one("#tag-input", Input)
        assert box.value == "alpha, " and box.cursor_position == len(box.value)
        await pilot.press(*"beta", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, TagDialog))
        [ann] = store_of(app).all()
        assert ann.tags == ["alpha", "beta"]
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagDialog))
        box = app.screen.query_one("#tag-input", Input)
        await pilot.press("ctrl+a", *"gamma", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, TagDialog))
        [ann] = store_of(app).all()
        assert ann.tags == ["gamma"]


def test_undo_notices_say_what_came_back() -> None:
    import dataclasses

    from legreader.store.model import make_annotation
    from legreader.ui.annotation_controller import UndoStep, undo_notice

    text = "One sentence here. Another one there."
    ann = make_annotation("a1", text, 0, 18, verdict="misleading")
    noted = dataclasses.replace(ann, note="a note")
    assert undo_notice(UndoStep(None, ann, "create")) == "Removed the new annotation"
    assert undo_notice(UndoStep(ann, None, "delete")) == "Brought back the deleted annotation"
    assert undo_notice(UndoStep(ann, noted, "edit")) == "Put back the previous note"
    overstated = dataclasses.replace(ann, verdict="overstated")
    assert undo_notice(UndoStep(ann, overstated, "edit")) == "Verdict back to misleading"
    both = dataclasses.replace(noted, verdict=None, tags=["x"])
    assert (
        undo_notice(UndoStep(ann, both, "edit")) == "Put back the previous verdict, tags and note"
    )
    assert undo_notice(UndoStep(ann, None, "re-attach")) == "Put the annotation back where it was"


@pytest.mark.asyncio
async def test_notices_never_cover_the_search_bar(db_path: Path) -> None:
    from legreader.ui.search_bar import SearchBar

    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        app.query_one(ArticleBody).focus()
        await pilot.press("slash", *"mice")
        bar = app.query_one(SearchBar)
        await wait_for(pilot, lambda: bar.display and bar.region.height > 0)
        app.notify("Copied APA quote (OSC 52)")
        app.notify("Marked misleading")
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        await wait_for(pilot, lambda: len(list(app.screen.query("Toast"))) == 2)
        toasts = list(app.screen.query("Toast"))
        for toast in toasts:
            assert toast.region.height == 1  # one line
            assert not toast.region.overlaps(bar.region)
