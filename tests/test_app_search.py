"""Pilot tests of `/` (search this article) and ctrl+f (search the corpus, notes included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pilot_helpers import has_focus, ready, selection_of, store_of, wait_for

from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.corpus_search import CorpusSearchScreen
from legreader.ui.dialogs.note_editor import NoteEditor
from legreader.ui.search_bar import SearchBar

SIZE = (120, 40)


async def body_focused(pilot: Any) -> ArticleBody:
    await ready(pilot)
    await pilot.press("tab")
    body: ArticleBody = pilot.app.query_one(ArticleBody)
    assert has_focus(pilot.app, body)
    return body


def match_texts(body: ArticleBody) -> list[str]:
    return [body.body[start:end] for start, end in body.matches]


def styled_at(body: ArticleBody, start: int, end: int) -> list[Any]:
    """The styles the body draws over exactly [start, end)."""
    block = next(b for b in body.blocks if b.start <= start < b.end)
    return [style for s, e, style in body.decorations_for(block) if (s, e) == (start, end)]


async def test_slash_finds_highlights_and_n_N_move(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        assert bar.display and app.focused is bar
        await pilot.press(*"mice")
        assert len(body.matches) >= 2 and {t.casefold() for t in match_texts(body)} == {"mice"}
        assert body.search_active
        current = body.matches[body.current_match]
        other = body.matches[(body.current_match + 1) % len(body.matches)]
        assert styled_at(body, *current) and styled_at(body, *other)  # every match is drawn
        assert styled_at(body, *current) != styled_at(body, *other)  # the current one differently

        await pilot.press("enter")
        assert has_focus(app, body) and body.search_active and body.matches
        first = body.current_match
        await pilot.press("n")
        assert body.current_match == (first + 1) % len(body.matches)
        start, end = body.matches[body.current_match]
        selected = selection_of(body)
        assert selected[0] <= start and end <= selected[1]
        await pilot.press("N")
        assert body.current_match == first


async def test_escape_ends_search_and_n_is_note_again(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        await pilot.press("slash", *"brain", "enter")
        assert body.search_active and body.matches
        await pilot.press("escape")
        assert not body.search_active and body.matches == []
        assert not app.query_one(SearchBar).display and has_focus(app, body)
        assert body.selection is not None  # the last match stays selected for the note
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)


async def test_escape_in_the_search_box_ends_search_too(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        await pilot.press("slash", *"brain")
        assert body.matches and app.focused is app.query_one(SearchBar)
        await pilot.press("escape")
        assert has_focus(app, body) and not app.query_one(SearchBar).display
        assert not body.search_active
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)


async def test_smart_case(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        await pilot.press("slash", *"our")
        lower = match_texts(body)
        assert "Our" in lower and "our" in lower  # all lower case: any case
        await pilot.press("escape", "slash", *"Our")
        assert match_texts(body) and set(match_texts(body)) == {"Our"}  # a capital: exact case
        assert len(body.matches) < len(lower)


async def test_corpus_search_opens_the_other_article_at_the_match(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        start_article = body.article
        await wait_for(pilot, lambda: app.corpus_index.ready.is_set())
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, CorpusSearchScreen)
        await pilot.press(*"gastric")
        assert app.screen.hits
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: body.article is not start_article and body.selection is not None
        )
        assert body.article is not None
        assert body.article.title.startswith("Why using your legs")
        start, end = selection_of(body)
        assert "gastric" in body.body[start:end]
        assert has_focus(app, body)
        assert app.query_one(ArticleList).highlighted_article is body.article


async def test_a_note_is_found_by_corpus_search(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body = await body_focused(pilot)
        await wait_for(pilot, lambda: app.corpus_index.ready.is_set())
        noted = body.article
        assert noted is not None
        await pilot.press("j", "j", "n", *"wobbly", "ctrl+s")
        [ann] = store_of(app).annotations_for(noted.id)
        # go to another article, then search for the note's word
        await pilot.press("tab", "j", "enter")
        await wait_for(pilot, lambda: body.article is not noted and body.claims_ready)
        await pilot.press("ctrl+f", *"wobbly")
        screen = app.screen
        assert isinstance(screen, CorpusSearchScreen)
        [hit] = screen.hits
        assert hit.field == "note"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: body.article is noted and body.selection == (ann.start, ann.end)
        )
