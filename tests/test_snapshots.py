"""SVG snapshots of the key screens (pytest-textual-snapshot), on the bundled sample corpus.

Regenerate after an intended change of the look with
``.venv/bin/pytest --snapshot-update tests/test_snapshots.py`` and review the SVGs
(tests/__snapshots__/test_snapshots/). The main screen is also docs/screenshot.svg.

Deterministic on purpose: every screenshot is taken once the background work (analysis,
discrepancies, the search index) is done, with notifications cleared, the database in a
temporary folder (its path is not shown) and a fixed config path (the help screen shows it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for

from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.app import make_app
from legreader.ui.compare_screen import CompareScreen
from legreader.ui.help_screen import HelpScreen

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_config_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The help screen names the config file: under a home folder of the test's own, so the
    snapshot reads ``~/.config/legreader/config.toml`` on every machine."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LEGREADER_CONFIG", str(tmp_path / ".config" / "legreader" / "config.toml"))


async def settled(pilot: Any) -> None:
    """The first article analysed and every background job finished; no toasts."""
    app = pilot.app
    await ready(pilot)
    await wait_for(pilot, lambda: app.discrepancies_known and app.corpus_index.ready.is_set())
    await pilot.pause()
    app.clear_notifications()


async def finish(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path=db_path), terminal_size=SIZE, run_before=settled)


def test_help_screen(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=SIZE, run_before=run_before)


def test_compare_screen(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("c")
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.grid is not None and screen.result is not None)
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_compare_screen_at(snap_compare: Any, db_path: Path, size: tuple[int, int]) -> None:
    """Compare at the smallest and a wide size: at 80 columns the scorecard takes the grid's
    place only on `s`, the footer keeps help and the way back; at 200 the scorecard sits
    beside the grid."""

    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("c")
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.grid is not None and screen.result is not None)
        await footer_drawn(pilot)
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=size, run_before=run_before)


def test_annotations_panel_with_one_verdict(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settled(pilot)
        await pilot.press("tab", "j", "j", "j", "3", "a")
        panel = app.query_one(AnnotationsPanel)
        await wait_for(
            pilot, lambda: panel.display and panel.option_count == 1 and app.focused is panel
        )
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=SIZE, run_before=run_before)


def test_primary_record_scrolled_to_its_lists(snap_compare: Any, db_path: Path) -> None:
    """The primary record: its header, then the text with headings and hanging list items."""

    async def run_before(pilot: Any) -> None:
        from legreader.ui.article_body import ArticleBody

        app = pilot.app
        await settled(pilot)
        await pilot.press("k", "enter")
        body = app.query_one(ArticleBody)
        await wait_for(
            pilot,
            lambda: (
                body.loaded_article is not None
                and body.loaded_article.is_primary
                and body.claims_ready
            ),
        )
        body.focus()
        await pilot.press("G")  # the end: headings, the findings list; the cursor goes along
        await pilot.wait_for_scheduled_animations()
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=SIZE, run_before=run_before)


async def footer_drawn(pilot: Any) -> None:
    """The footer is mounted and lists the keys of the focused widget."""
    from legreader.ui.footer import FittingFooter

    app = pilot.app
    await wait_for(pilot, lambda: bool(app.screen.query(FittingFooter)))
    footer = app.screen.query_one(FittingFooter)
    await pilot.pause()
    await wait_for(
        pilot,
        lambda: (
            [i.display for i in footer.shown_items()]
            == [key.key_display for key in footer.children]
        ),
    )


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_main_screen_reading(snap_compare: Any, db_path: Path, size: tuple[int, int]) -> None:
    """The body has the keys (the footer shows the verdicts as one group), a sentence selected;
    at 80 columns a narrow sidebar, at 200 a text column of readable width, centred."""

    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("tab", "j", "j", "j", "j")
        await footer_drawn(pilot)
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_annotations_panel_at(snap_compare: Any, db_path: Path, size: tuple[int, int]) -> None:
    """The panel open beside the body: at 80 columns the sidebar yields to it."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settled(pilot)
        await pilot.press("tab", "j", "j", "j", "3", "a")
        panel = app.query_one(AnnotationsPanel)
        await wait_for(
            pilot, lambda: panel.display and panel.option_count == 1 and app.focused is panel
        )
        await footer_drawn(pilot)
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=size, run_before=run_before)


async def _several_verdicts(pilot: Any) -> None:
    """Verdicts on several sentences (two in one paragraph), a note, tags and an article
    verdict; the cursor on the flagged sentence (its reason on the status line)."""
    from legreader.ui.article_body import ArticleBody

    app = pilot.app
    await settled(pilot)
    body = app.query_one(ArticleBody)
    body.focus()
    await pilot.press("j", "j", "j", "2", "j", "3", "j", "4", "j", "j", "5", "j", "1", "j", "6")
    await pilot.press("t", *"check", "enter")
    await wait_for(pilot, lambda: any(m.tags for m in body.marks))
    await pilot.press("j", "n", *"why", "ctrl+s")
    await wait_for(pilot, lambda: any(m.has_note for m in body.marks))
    article = body.article
    await pilot.press("N", *"weak", "shift+tab", "enter")
    await pilot.pause()
    await pilot.press("down", "down", "enter", "ctrl+s")
    await wait_for(pilot, lambda: app.store.article_note(article.id) is not None)
    flagged = next(c for c in body.claims if c.flags)
    body.select_range(flagged.start, flagged.end, center=True)
    await pilot.wait_for_scheduled_animations()
    await finish(pilot)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_main_screen_with_several_verdicts(
    snap_compare: Any, db_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(db_path=db_path), terminal_size=size, run_before=_several_verdicts)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_side_by_side(snap_compare: Any, db_path: Path, size: tuple[int, int]) -> None:
    """`p`: the first article beside the study, on its first compared claim that the study
    states too (its sentence highlighted in the study's pane, the verdict above it)."""
    from legreader.ui.side_by_side import ArticlePane, PrimaryPane, SideBySideScreen

    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("p")
        screen = pilot.app.screen
        assert isinstance(screen, SideBySideScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        left, right = screen.query_one(ArticlePane), screen.query_one(PrimaryPane)
        await wait_for(pilot, lambda: left.claims_ready and right.claims_ready)
        starts = sorted({c.start for c in screen.claims})
        target = next(c for c in screen.claims if c.primary_spans)
        for _ in range(starts.index(target.start) + 1):
            await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: right.aligned == target.primary_spans)
        start = target.primary_spans[0][0]

        def in_view() -> bool:
            row = right.text.row_of(start)
            if row is None:
                return False
            top = right.text.virtual_region.y + row - right.scroll_y
            return 0 <= top < right.scrollable_content_region.height

        await wait_for(pilot, in_view)
        await finish(pilot)

    assert snap_compare(make_app(db_path=db_path), terminal_size=size, run_before=run_before)
