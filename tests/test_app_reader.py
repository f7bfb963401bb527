"""Pilot tests of the reader: the sidebar, the body, the keys of issue 2."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from pilot_helpers import body_text, has_focus, ready, selection_of, store_of, wait_for
from textual.events import MouseMove

from legreader.ui.app import LegreaderApp, make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList


def _shows(app: LegreaderApp, article: object) -> bool:
    return app.query_one(ArticleBody).loaded_article is article


@pytest.mark.asyncio
async def test_opens_sample_corpus_and_first_article(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        assert len(sidebar.ordered) == 6  # primary + five articles
        assert sidebar.ordered[0].is_primary
        assert app.current is not None and not app.current.is_primary
        assert has_focus(app, sidebar)


@pytest.mark.asyncio
async def test_every_article_opens_with_its_text(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        await pilot.press("g")
        for index, article in enumerate(sidebar.ordered):
            await pilot.press("enter")
            await wait_for(pilot, partial(_shows, app, article))
            shown = body_text(app)
            first_line = next(line for line in article.body.splitlines() if line.strip())
            assert first_line.strip().lstrip("#•").strip()[:30] in shown
            assert app.focused is app.query_one(ArticleBody)
            await pilot.press("tab")
            assert has_focus(app, sidebar)
            await pilot.press("j")
            assert sidebar.highlighted == min(index + 1, len(sidebar.ordered) - 1)


@pytest.mark.asyncio
async def test_sidebar_keys_and_sort(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        await pilot.press("G")
        assert sidebar.highlighted == len(sidebar.ordered) - 1
        await pilot.press("g")
        assert sidebar.highlighted == 0
        await pilot.press("down", "down", "k")
        assert sidebar.highlighted == 1
        titles_by_date = [a.title for a in sidebar.ordered]
        await pilot.press("s")
        assert sidebar.sort_key == "title"
        titles = [a.title for a in sidebar.ordered[1:]]
        assert titles == sorted(titles, key=str.casefold)
        assert titles_by_date != [a.title for a in sidebar.ordered] or True


@pytest.mark.asyncio
async def test_help_screen_lists_keys_and_closes(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        from legreader.ui.help_screen import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        ids = {row.binding_id for row in app.screen.rows}
        for expected in (
            "app.quit",
            "app.help",
            "sidebar.down",
            "body.next_sentence",
            "body.verdict_overstated",
            "body.copy",
            "body.search",
        ):
            assert expected in ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_keys_are_remappable_by_id(db_path: Path) -> None:
    from legreader.settings.config import UserConfig

    config = UserConfig(keymap={"sidebar.down": "ctrl+n", "app.help": "f1"})
    app = make_app(db_path=db_path, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        start = sidebar.highlighted
        assert start is not None
        await pilot.press("ctrl+n")
        assert sidebar.highlighted == start + 1
        await pilot.press("f1")
        from legreader.ui.help_screen import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        row = next(r for r in app.screen.rows if r.binding_id == "app.help")
        assert row.keys == "f1"


@pytest.mark.asyncio
async def test_body_sentence_cursor_and_paragraphs(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.claims_ready)
        await pilot.press("j")
        first = body.selection
        assert first is not None
        await pilot.press("j")
        second = body.selection
        assert second is not None and second[0] >= first[1]
        await pilot.press("J")
        extended = selection_of(body)
        assert extended[0] == second[0] and extended[1] > second[1]
        await pilot.press("K")
        assert body.selection == second
        await pilot.press("v")
        para = body.selection
        assert para[0] <= second[0] and para[1] >= second[1]
        await pilot.press("right_curly_bracket")
        assert body.selection[0] >= para[1]
        await pilot.press("escape")
        assert body.selection is None


@pytest.mark.asyncio
async def test_quit_with_q(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


@pytest.mark.asyncio
async def test_mouse_selection_and_click_select_sentences(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text
        index = next(
            i for i, b in enumerate(body.blocks) if b.kind == "paragraph" and b.end - b.start > 200
        )
        block = body.blocks[index]
        top = text.block_top(index)
        assert top is not None
        # Drag (button held) from the start of the paragraph to its fourth line.
        await pilot.mouse_down(text, offset=(5, top))
        await pilot._post_mouse_events([MouseMove], text, (30, top + 3), button=1)
        await pilot.mouse_up(text, offset=(30, top + 3))
        await wait_for(
            pilot, lambda: body.selection is not None and body.sel_head != body.sel_anchor
        )
        start, end = selection_of(body)
        assert block.start <= start < end <= block.end
        first = body.sentence_at(block.start)
        assert body.sel_anchor == first
        dropped = text.offset_at(30, top + 3)
        assert dropped is not None and body.sel_head == body.sentence_at(dropped)
        assert body.sel_head != body.sel_anchor  # the drag reached the next sentence
        # A click elsewhere selects the sentence under it.
        other = next(
            i for i in range(index + 2, len(body.blocks)) if body.blocks[i].kind == "paragraph"
        )
        other_top = text.block_top(other)
        assert other_top is not None
        if (
            other_top + text.virtual_region.y - round(body.scroll_y)
            >= body.scrollable_content_region.height
        ):
            body.scroll_to(y=other_top + text.virtual_region.y, animate=False, immediate=True)
            await pilot.pause()
        await pilot.click(text, offset=(10, other_top))
        await wait_for(
            pilot,
            lambda: body.selection is not None and body.selection[0] >= body.blocks[other].start,
        )
        start, end = selection_of(body)
        assert body.blocks[other].start <= start < end <= body.blocks[other].end
        assert has_focus(app, body)
        # Shift-click extends from the anchor.
        await pilot.click(text, offset=(10, top), shift=True)
        await wait_for(
            pilot, lambda: body.selection is not None and body.selection[0] <= block.start + 10
        )
        start, end = selection_of(body)
        assert start <= block.start + 10 and end >= body.blocks[other].start


@pytest.mark.asyncio
async def test_database_replaced_by_another_program_is_reloaded(db_path: Path) -> None:
    from legreader.store import AnnotationStore, make_annotation

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "j", "3")
        await wait_for(pilot, lambda: app.store is not None and len(app.store.all()) == 1)
        article = app.current
        assert article is not None
        # Another program writes a new database file in its place (atomic replace).
        other_path = db_path.with_name("other.json")
        other = AnnotationStore.open(other_path)
        body = article.body
        other.add(make_annotation(article.id, body, 0, 10, verdict="false"))
        other.close()
        other_path.replace(db_path)
        app.check_database()
        await pilot.pause()
        verdicts = sorted(a.verdict or "" for a in store_of(app).all())
        assert "false" in verdicts


@pytest.mark.asyncio
async def test_long_article_lays_out_on_demand(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    paragraphs = [
        f"Paragraph {i} says the study found a 5% change in group {i}, and the rest pads it out well past a line."
        for i in range(3000)
    ]
    (folder / "long.md").write_text(
        "---\ntitle: Long\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    app = make_app([folder], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert len(body.blocks) == 3000
        assert 0 < body.text.laid_out < 3000  # only the opening is wrapped
        await pilot.press("enter", "G")
        await wait_for(pilot, lambda: body.text.complete)
        await pilot.press("k")
        assert body.selection is not None and body.selection[0] > body.blocks[2900].start
        await pilot.press("g")
        assert body.selection == body.sentences[0] and body.scroll_y == 0


@pytest.mark.asyncio
async def test_resizing_keeps_the_selected_passage_in_view(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    paragraphs = [
        f"Paragraph {i} reports that {i}% of the mice in group {i} ran further than the others did."
        for i in range(300)
    ]
    (folder / "a.md").write_text(
        "---\ntitle: Wide\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    app = make_app([folder], db_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        body.focus()
        for _ in range(12):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        start = selection_of(body)[0]
        await pilot.resize_terminal(70, 30)
        index = next(i for i, b in enumerate(body.blocks) if b.start <= start < b.end)

        def in_view() -> bool:
            row = body.text.row_of(start, index)
            top = round(body.scroll_y) - body.text.virtual_region.y
            return row is not None and top <= row < top + body.scrollable_content_region.height

        await wait_for(pilot, lambda: body.text.size.width < 70 and in_view())
        assert in_view()
        assert selection_of(body)[0] == start


@pytest.mark.asyncio
async def test_dragging_below_the_view_scrolls_and_extends(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text
        index = next(
            i for i, b in enumerate(body.blocks) if b.kind == "paragraph" and b.end - b.start > 200
        )
        top = text.block_top(index)
        assert top is not None
        await pilot.mouse_down(text, offset=(5, top))
        before = body.scroll_y
        for _ in range(4):  # a drag (button held) below the article pane
            await pilot._post_mouse_events([MouseMove], "#details", (10, 0), button=1)
        await wait_for(pilot, lambda: body.scroll_y > before)
        start, end = selection_of(body)
        assert start == body.sentences[body.sentence_at(body.blocks[index].start)][0]
        assert end > body.blocks[index].end
        await pilot.mouse_up("#details", offset=(10, 0))


@pytest.mark.asyncio
async def test_holding_a_drag_below_the_view_keeps_scrolling(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text
        await pilot.mouse_down(text, offset=(5, text.block_top(3) or 0))
        await pilot._post_mouse_events([MouseMove], "#details", (10, 0), button=1)
        after_move = body.scroll_y
        # The pointer stays below the pane: the text keeps scrolling.
        await wait_for(pilot, lambda: body.scroll_y > after_move + 3)
        await pilot.mouse_up("#details", offset=(10, 0))
        await pilot.pause()
        stopped, selected = body.scroll_y, selection_of(body)
        await pilot.pause(0.3)  # a check that nothing moves needs time to pass: no event to await
        assert (body.scroll_y, body.selection) == (stopped, selected)  # released: both stop
        assert selected[1] > body.blocks[3].end


@pytest.mark.asyncio
async def test_j_k_move_in_the_category_chooser(db_path: Path) -> None:
    from textual.widgets import SelectionList

    from legreader.ui.category_picker import CategoryPicker

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.claims_ready)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, CategoryPicker)
        checklist = app.screen.query_one(SelectionList)
        start = checklist.highlighted or 0
        await pilot.press("j")
        await pilot.pause()
        assert checklist.highlighted == start + 1
        await pilot.press("j", "k")
        await pilot.pause()
        assert checklist.highlighted == start + 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CategoryPicker)


@pytest.mark.asyncio
async def test_g_and_G_take_the_cursor_along(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.claims_ready)
        assert has_focus(app, body) and body.selection is None
        await pilot.press("G")
        await pilot.pause()
        assert body.selection == body.sentences[-1]
        await pilot.press("escape", "g")
        await pilot.pause()
        assert body.selection == body.sentences[0] and body.scroll_y == 0


@pytest.mark.asyncio
async def test_next_claim_goes_claim_by_claim_within_a_sentence(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: body.claims_ready)
        shown = [c for c in body.claims if c.category in body.enabled]
        starts = sorted({c.start for c in shown})
        sentences = [
            max(i for i, (first, _) in enumerate(body.sentences) if first <= s) for s in starts
        ]
        # The sample's first article has sentences with several claims: the point of the test.
        assert any(a == b for a, b in zip(sentences, sentences[1:], strict=False))
        visited = []
        for _ in starts:
            await pilot.press("right_square_bracket")
            await pilot.pause()
            claim = body.claim_under_cursor()
            assert claim is not None and body.selection is not None
            assert body.selection[0] <= claim.start < body.selection[1]
            visited.append(claim.start)
        assert visited == starts
        for _ in starts[1:]:
            await pilot.press("left_square_bracket")
            await pilot.pause()
        claim = body.claim_under_cursor()
        assert claim is not None and claim.start == starts[0]
