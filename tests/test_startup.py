"""Start-up work deferred past the first frame: the footer, and garbage collection."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pilot_helpers import ready, store_of, wait_for
from textual.widgets import Footer

from legreader.ui.app import make_app


@pytest.mark.asyncio
async def test_footer_arrives_after_the_first_frame_with_its_keys(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(
            pilot,
            lambda: app.screen.query(Footer) and len(app.screen.query_one(Footer).children) > 3,
        )


@pytest.mark.asyncio
async def test_collection_resumes_once_the_first_frame_is_drawn(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    app.resume_gc_after_first_frame = True
    gc.disable()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await wait_for(pilot, gc.isenabled)
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.asyncio
async def test_quitting_before_the_footer_is_mounted_is_clean(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.exit()
        await pilot.pause()
    assert app.return_code in (0, None)


def test_cli_leaves_collection_enabled_when_nothing_opens(tmp_path: Path) -> None:
    from legreader.cli.program import main

    assert main([str(tmp_path / "missing"), "--db", str(tmp_path / "db.json")]) == 2
    assert gc.isenabled()


@pytest.mark.asyncio
async def test_the_database_opens_after_the_first_frame_or_at_the_first_mark(db_path: Path) -> None:
    from legreader.ui.article_body import ArticleBody

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.store is not None  # opened once the first article was on screen
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.press("j", "3")
        await wait_for(pilot, lambda: len(store_of(app).all()) == 1)
        # Had it not been opened yet, a verdict opens it first instead of failing.
        app.close_store()
        app.store_session.tried = False  # the state before the first frame
        await pilot.press("j", "4")
        await wait_for(pilot, lambda: app.store is not None and len(app.store.all()) == 2)


@pytest.mark.asyncio
async def test_hidden_widgets_arrive_after_the_first_frame_where_compose_put_them(
    db_path: Path,
) -> None:
    from legreader.ui.annotations_panel import AnnotationsPanel
    from legreader.ui.search_bar import SearchBar

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: bool(app.screen.query(AnnotationsPanel)))
        screen = app.screen
        assert [w.id for w in screen.query_one("#sidebar-box").children] == [
            "title-filter",
            "sidebar",
        ]
        assert [w.id for w in screen.query_one("#main").children][:2] == ["body", "search-bar"]
        assert screen.query_one("#panes").children[-1].id == "annotations-panel"
        for hidden in ("#title-filter", "#search-bar", "#annotations-panel"):
            assert not screen.query_one(hidden).display
        assert isinstance(screen.query_one("#search-bar"), SearchBar)


@pytest.mark.asyncio
async def test_a_use_before_the_hidden_widgets_arrive_mounts_them(db_path: Path) -> None:
    from legreader.ui.screens.main import MainScreen

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = MainScreen()  # a main screen as it is before its first frame
        await app.push_screen(screen)
        await pilot.pause()
        assert not screen.hidden_mounted and not screen.query("#annotations-panel")
        assert not screen.panel_open
        panel = screen.panel  # the first use mounts them
        assert screen.hidden_mounted and panel.is_attached
        assert screen.toggle_annotations()
        await pilot.pause()
        assert screen.query_one("#annotations-panel").display
        assert [w.id for w in screen.query_one("#sidebar-box").children] == [
            "title-filter",
            "sidebar",
        ]
