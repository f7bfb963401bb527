"""The reader with the claim cache: an article opened before gets its highlights with its
text, without the engine; a damaged entry is analysed again and rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import ready, wait_for

from legreader.claims import cache
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody


def _entries() -> list[Path]:
    return sorted(cache.cache_folder().glob("*.json"))


@pytest.mark.asyncio
async def test_reopened_article_gets_cached_highlights_without_the_engine(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        first_claims, first_sentences = list(body.claims), list(body.sentences)
        assert first_claims
        await wait_for(pilot, _entries)  # written after the highlights are shown

    import legreader.claims.engine as engine

    def no_engine(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine ran for an article in the cache")

    monkeypatch.setattr(engine, "analyze_cached", no_engine)
    monkeypatch.setattr(engine, "analyze", no_engine)
    at_loaded: list[bool] = []
    original = ArticleBody._show_loaded

    def spy(self: ArticleBody, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        at_loaded.append(self.claims_ready)

    monkeypatch.setattr(ArticleBody, "_show_loaded", spy)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert at_loaded[0] is True  # claims set in the same call that put the text up
        assert body.claims == first_claims
        assert body.sentences == first_sentences


@pytest.mark.asyncio
async def test_damaged_cache_entry_is_analysed_again_and_rebuilt(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first_claims = list(app.query_one(ArticleBody).claims)
        await wait_for(pilot, _entries)
    for entry in _entries():
        entry.write_bytes(b'{"format": 1, "claims": [[0, 99999999')  # torn write
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert body.claims == first_claims
        await wait_for(pilot, lambda: cache.load(body.body, animal_study=body.animal_study))


def _spy_order(monkeypatch: pytest.MonkeyPatch, fast: bool) -> list[str]:
    """Records when the body is first drawn with text (and whether it had claims then) and
    when the engine runs; the engine loads fast (from its table) or not, as asked."""
    import legreader.ui.body.loading as loading

    events: list[str] = []
    drawn = ArticleBody.render_lines
    analyse = loading.chunk_claims

    def spy_drawn(self: ArticleBody, crop: object) -> object:
        if self.body and not any(e.startswith("drawn") for e in events):
            events.append("drawn with claims" if self.claims else "drawn")
        return drawn(self, crop)  # type: ignore[arg-type]

    def spy_analyse(*args: object) -> object:
        events.append("analysed")
        return analyse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleBody, "render_lines", spy_drawn)
    monkeypatch.setattr(loading, "chunk_claims", spy_analyse)
    monkeypatch.setattr(loading, "engine_loads_fast", lambda: fast)
    return events


@pytest.mark.asyncio
async def test_new_article_has_its_highlights_in_the_frame_of_its_text(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not cached, the engine quick to load: the part on screen is analysed before the
    frame that draws the text, which shows the highlights already."""
    events = _spy_order(monkeypatch, fast=True)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert body.claims
        await wait_for(pilot, lambda: cache.load(body.body, animal_study=body.animal_study))
    assert events[:2] == ["analysed", "drawn with claims"]


@pytest.mark.asyncio
async def test_slow_engine_analyses_after_the_frame_with_the_text(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not cached and the engine slow to load (no compiled-pattern table yet): the text is
    drawn first, then the engine runs in a worker (it never delays the frame that shows the
    text), and the highlights follow."""
    events = _spy_order(monkeypatch, fast=False)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.query_one(ArticleBody).claims
    assert events[:2] == ["drawn", "analysed"]


@pytest.mark.asyncio
async def test_article_opened_while_hidden_is_analysed_all_the_same(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body that is not drawn (another screen on top) does not wait for a frame forever."""
    from textual.screen import Screen

    import legreader.ui.body.loading as loading

    monkeypatch.setattr(loading, "engine_loads_fast", lambda: False)  # the worker's way

    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert app.corpus is not None
        other = next(a for a in app.corpus.articles if a is not body.loaded_article)
        await app.push_screen(Screen())
        await pilot.pause()
        body.show_article(other)
        assert not body.claims_ready
        await wait_for(pilot, lambda: body.claims_ready and body.loaded_article is other)
        assert body.claims
