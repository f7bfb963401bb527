"""Pilot tests of the annotation keys: verdicts, tags, notes, the panel, undo, and the database.

Every test presses the real keys and then looks at the store (and, where it matters, at the
file on disk): what the reader did must be what was saved, and a damaged or shared database
must never be written over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import NoticeRecorder, option_text, ready, store_of, wait_for
from textual.widgets import Input, Select, TextArea

from legreader.store import AnnotationStore, make_annotation
from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.dialogs.confirm import ConfirmDialog
from legreader.ui.dialogs.damaged_db import DamagedDatabaseDialog
from legreader.ui.dialogs.note_editor import NoteEditor
from legreader.ui.dialogs.tag_dialog import TagDialog

SIZE = (120, 40)


async def open_highlighted(pilot: Any) -> ArticleBody:
    """Press enter in the sidebar; wait until that article is shown again and analysed."""
    body: ArticleBody = pilot.app.query_one(ArticleBody)
    before = body.shown
    await pilot.press("enter")
    await wait_for(pilot, lambda: body.shown != before and body.claims_ready)
    return body


async def select_first_sentence(pilot: Any) -> tuple[ArticleBody, tuple[int, int]]:
    """Sidebar → enter on the first article → j: the first sentence is selected."""
    await ready(pilot)
    body = await open_highlighted(pilot)
    assert pilot.app.focused is body
    await pilot.press("j")
    assert body.selection is not None
    return body, body.selection


def anns(app: Any) -> list[Any]:
    body = app.query_one(ArticleBody)
    found: list[Any] = app.store.annotations_for(body.article.id)
    return found


# --------------------------------------------------------------------------- verdicts


async def test_verdict_key_toggles_and_everything_survives_a_restart(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, selection = await select_first_sentence(pilot)
        article = body.article
        await pilot.press("3")
        [ann] = anns(app)
        assert ann.verdict == "overstated" and (ann.start, ann.end) == selection
        assert ann.exact == body.body[selection[0] : selection[1]]

        await pilot.press("3")  # same key again removes it
        assert anns(app) == []

        await pilot.press("3", "t")
        assert isinstance(app.screen, TagDialog)
        await pilot.press(*"stats, mice", "enter")
        assert not isinstance(app.screen, TagDialog)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"70% is mice", "ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        [ann] = anns(app)
        assert (ann.verdict, ann.tags, ann.note) == ("overstated", ["stats", "mice"], "70% is mice")

        sidebar = app.query_one(ArticleList)
        stats = sidebar.stats[article.id]
        assert (stats.count, stats.worst) == (1, "overstated")
        index = next(i for i, a in enumerate(sidebar.ordered) if a.id == article.id)
        shown = sidebar.row_text(index)
        assert "✎1" in shown and "overstated" in shown

        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert app.store is None  # closed on the way out

    again = make_app(db_path=db_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = await open_highlighted(pilot)
        assert body.article.id == article.id
        [ann] = again.store.annotations_for(article.id)
        assert (ann.verdict, ann.tags, ann.note) == ("overstated", ["stats", "mice"], "70% is mice")
        assert (ann.start, ann.end, ann.status) == (*selection, "anchored")
        assert [(m.start, m.end, m.verdict) for m in body.marks] == [(*selection, "overstated")]
        assert again.query_one(ArticleList).stats[article.id].worst == "overstated"


async def test_verdict_without_a_selection_says_so_and_saves_nothing(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, _ = await select_first_sentence(pilot)
        await pilot.press("escape")
        assert body.selection is None
        seen = NoticeRecorder(app)
        await pilot.press("3")
        await pilot.pause()
        assert seen.matching("Select a passage first")
        assert anns(app) == []
    with AnnotationStore.open(db_path, mode="read_only") as store:
        assert store.all() == []


async def test_same_passage_tagged_twice_keeps_one_annotation(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await select_first_sentence(pilot)
        await pilot.press("t", *"alpha", "enter")
        await pilot.press("t")
        tag_input = app.screen.query_one(Input)
        # the dialog shows the tags already there, and a separator: what is typed is a new tag
        assert tag_input.value == "alpha, "
        await pilot.press("end", *"beta", "enter")
        [ann] = anns(app)
        assert ann.tags == ["alpha", "beta"]
        await pilot.press("2")  # a verdict on the same passage joins the same annotation
        [ann] = anns(app)
        assert (ann.verdict, ann.tags) == ("misleading", ["alpha", "beta"])


async def test_typing_in_the_tag_dialog_does_not_wipe_the_existing_tags(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await select_first_sentence(pilot)
        await pilot.press("t", *"alpha", "enter")
        await pilot.press("t", *", beta", "enter")
        [ann] = anns(app)
        assert ann.tags == ["alpha", "beta"]


async def test_a_save_updates_its_article_in_the_sidebar_as_a_full_recount_would(
    db_path: Path,
) -> None:
    """A save recounts only the articles it touched (the sidebar redraws their rows and
    filters again only when one enters or leaves the filter): the facts shown after a run of
    changes are the ones a recount of the whole database gives, and an active verdict filter
    takes the article in and out as its verdict comes and goes."""
    from legreader.corpus.filters import FilterCriteria

    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, _ = await select_first_sentence(pilot)
        article = body.article
        assert article is not None
        sidebar = app.query_one(ArticleList)
        await pilot.press("3", "j", "5", "t", *"mice", "enter")
        facts = sidebar.stats[article.id]
        assert (facts.count, facts.worst, facts.tags) == (2, "false", {"mice"})
        index = next(i for i, a in enumerate(sidebar.ordered) if a.id == article.id)
        assert "✎2" in sidebar.row_text(index) and "false" in sidebar.row_text(index)

        sidebar.set_criteria(FilterCriteria(verdict="false"))
        assert article in sidebar.ordered
        await pilot.press("5")  # the verdict goes: the article leaves the filtered list
        assert article not in sidebar.ordered
        await pilot.press("u")  # and comes back with it
        assert article in sidebar.ordered
        await pilot.press("x", "N", *"weak", "ctrl+s")

        incremental = dict(sidebar.stats)
        app.annotating.forget_facts()
        app.annotating.refresh_sidebar()
        assert sidebar.stats == incremental
        assert [(m.start, m.end, m.verdict) for m in body.marks] == [
            (a.start, a.end, a.verdict) for a in anns(app)
        ]


async def test_a_verdict_is_shown_then_written_and_a_full_disk_keeps_it_pending(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key's frame comes first, the fsync right after it: the change reaches the file
    without closing the app, "Marked …" is said once it is written, and a failed write keeps
    the change on screen and in memory, says so, and is written by the retry."""
    import errno
    import os

    def full_disk(*_: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def on_disk() -> dict[str, str | None]:
        with AnnotationStore.open(db_path, mode="read_only") as store:
            return {a.id: a.verdict for a in store.all()}

    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, _ = await select_first_sentence(pilot)
        seen = NoticeRecorder(app)
        await pilot.press("3")
        [ann] = anns(app)
        await wait_for(pilot, lambda: not store_of(app).pending)
        assert on_disk() == {ann.id: "overstated"}
        assert "Marked overstated" in seen.of("information")

        monkeypatch.setattr(os, "fsync", full_disk)
        await pilot.press("2")
        await wait_for(pilot, lambda: any(m.startswith("Not saved yet (") for m in seen.messages))
        assert [a.verdict for a in anns(app)] == ["misleading"]
        assert [m.verdict for m in body.marks] == ["misleading"]
        assert store_of(app).pending and "Marked misleading" not in seen.of("information")
        assert on_disk() == {ann.id: "overstated"}

        monkeypatch.undo()
        app.annotating.retry_pending()
        assert not store_of(app).pending
        assert on_disk() == {ann.id: "misleading"}


# ------------------------------------------------------------------- panel, delete, undo


async def test_panel_lists_the_annotation_and_x_deletes_u_undoes(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, selection = await select_first_sentence(pilot)
        await pilot.press("5")
        [ann] = anns(app)
        await pilot.press("a")
        panel = app.query_one(AnnotationsPanel)
        assert panel.display and app.focused is panel
        assert panel.annotation_ids == [ann.id]
        prompt = option_text(panel, 0).plain
        assert "false" in prompt and body.body[selection[0] : selection[1]] in prompt

        await pilot.press("x")
        assert anns(app) == [] and panel.option_count == 0
        await pilot.press("u")
        [back] = anns(app)
        assert (back.id, back.verdict, back.start, back.end) == (ann.id, "false", *selection)
        assert panel.annotation_ids == [ann.id]

        await pilot.press("a")  # hides the panel, back to the body
        assert not panel.display and app.focused is body


async def test_escape_closes_the_annotations_panel(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, _ = await select_first_sentence(pilot)
        await pilot.press("a")
        panel = app.query_one(AnnotationsPanel)
        assert panel.display and app.focused is panel
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.display and app.focused is body


# ---------------------------------------------------------------------------- notes


async def test_article_note_with_verdict(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        body, _ = await select_first_sentence(pilot)
        await pilot.press("N")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"weak", "shift+tab")
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "down", "down", "down", "enter")
        await pilot.press("ctrl+s")
        assert body.article is not None
        note = store_of(app).article_note(body.article.id)
        assert note is not None and note.note == "weak" and note.verdict is not None
        assert app.query_one(ArticleList).stats[body.article.id].worst == note.verdict


async def test_escape_in_a_changed_note_asks_before_discarding(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await select_first_sentence(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, (NoteEditor, ConfirmDialog))

        await pilot.press("n", *"draft", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")  # discard
        assert not isinstance(app.screen, (NoteEditor, ConfirmDialog))
        assert anns(app) == []


# --------------------------------------------------------------------- markup in input


async def test_markup_in_tags_and_notes_is_kept_and_shown_verbatim(db_path: Path) -> None:
    tags = ["[bold]x[/]", "[/]"]
    note = "[@click=app.quit]x[/]"
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await select_first_sentence(pilot)
        await pilot.press("t", *", ".join(tags), "enter")
        await pilot.press("n", *note, "ctrl+s")
        [ann] = anns(app)
        assert ann.tags == tags and ann.note == note
        await pilot.press("a")
        shown = option_text(app.query_one(AnnotationsPanel), 0).plain
        for text in (*tags, note):
            assert text in shown
        await pilot.press("tab", "tab", "t")  # the tag dialog lists the tags in use, verbatim
        assert isinstance(app.screen, TagDialog)
        hint = "".join(str(s.render()) for s in app.screen.query(".hint"))
        assert all(tag in hint for tag in tags)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


# ------------------------------------------------------------------------ the database


async def test_damaged_database_read_only_never_writes(db_path: Path) -> None:
    db_path.write_text("{not json", encoding="utf-8")
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DamagedDatabaseDialog))
        await pilot.press("r")
        await ready(pilot)
        assert store_of(app).read_only
        seen = NoticeRecorder(app)
        await pilot.press("tab", "j", "3")
        await pilot.pause()
        assert any("read-only" in message for message in seen.of("warning"))
        assert store_of(app).all() == []
    assert db_path.read_bytes() == b"{not json"


async def test_damaged_database_fresh_moves_it_aside_and_works(db_path: Path) -> None:
    db_path.write_text("{not json", encoding="utf-8")
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DamagedDatabaseDialog))
        await pilot.press("f")
        body, selection = await select_first_sentence(pilot)
        assert not store_of(app).read_only
        await pilot.press("1")
        [ann] = anns(app)
        assert ann.verdict == "accurate"
        assert body.article is not None
        article_id = body.article.id
    aside = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name + ".damaged")]
    assert [p.read_bytes() for p in aside] == [b"{not json"]
    with AnnotationStore.open(db_path, mode="read_only") as store:
        assert [(a.verdict, a.start, a.end) for a in store.annotations_for(article_id)] == [
            ("accurate", *selection)
        ]


async def test_second_instance_opens_read_only_and_writes_nothing(db_path: Path) -> None:
    other = AnnotationStore.open(db_path)
    try:
        other.add(make_annotation("elsewhere", "some text here", 0, 4, verdict="accurate"))
        before = db_path.read_bytes()
        app = make_app(db_path=db_path)
        seen = NoticeRecorder(app)
        async with app.run_test(size=SIZE) as pilot:
            await select_first_sentence(pilot)
            assert store_of(app).read_only
            assert any("in use" in message for message in seen.of("warning"))
            seen.clear()
            await pilot.press("3")
            await pilot.pause()
            assert any("read-only" in message for message in seen.of("warning"))
            assert anns(app) == []
        assert db_path.read_bytes() == before
        assert [a.article_id for a in other.all()] == ["elsewhere"]
    finally:
        other.close()
