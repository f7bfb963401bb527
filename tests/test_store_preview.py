"""The open article's annotations read ahead of the store (issue 14: first article first).

The preview must give exactly what the store gives for that article, or nothing: any doubt
(a journal, another layout, a bad document) means ``None``, never a guess."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for

from legreader.store import AnnotationStore, ArticleNote, make_annotation
from legreader.store import preview as preview_module
from legreader.store.annotation_store import StoreMode
from legreader.store.preview import article_preview, preview_anchored
from legreader.ui.store_opening import SYNC_OPEN_BYTES

BODY_A = "The first sentence is here. A second one follows it. And a third closes the text."
BODY_B = "Another article entirely, with words of its own. It has two sentences."


def _store_with_annotations(db: Path) -> None:
    with AnnotationStore.open(db) as store:
        store.add(make_annotation("art-a", BODY_A, 0, 27, verdict="false", tags=["x"]))
        store.add(make_annotation("art-a", BODY_A, 28, 52, note='says "article_id": "art-a"'))
        store.add(make_annotation("art-ab", BODY_A, 0, 27, verdict="accurate"))  # a longer id
        store.add(make_annotation("art-b", BODY_B, 0, 48, verdict="misleading"))
        store.set_article_note(ArticleNote("art-a", note="a note on the article", verdict="false"))


def test_the_preview_is_what_the_store_holds_for_that_article(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    _store_with_annotations(db)
    with AnnotationStore.open(db, mode="read_only") as store:
        for article_id in ("art-a", "art-ab", "art-b", "art-none"):
            found = article_preview(db, article_id)
            assert found is not None
            assert sorted(a.to_dict()["id"] for a in found) == sorted(
                a.id for a in store.annotations_for(article_id)
            )
            by_id = {a.id: a for a in store.annotations_for(article_id)}
            assert all(a == by_id[a.id] for a in found)


def test_placed_in_a_changed_text_as_the_store_places_them(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    _store_with_annotations(db)
    edited = "A new opening line. " + BODY_A.replace("second", "2nd")
    anchored = preview_anchored(db, "art-a", edited)
    with AnnotationStore.open(db, mode="read_only") as store:
        expected = store.reanchor_article("art-a", edited)
    assert anchored is not None
    assert [(a, anchor) for a, anchor in anchored] == expected


def test_no_database_or_an_empty_one_has_nothing_to_show(tmp_path: Path) -> None:
    assert article_preview(tmp_path / "missing.json", "art-a") == []
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    assert article_preview(empty, "art-a") == []
    with AnnotationStore.open(tmp_path / "fresh.json") as store:
        store.add(make_annotation("art-b", BODY_B, 0, 10))
        store.delete(store.all()[0].id)
    assert article_preview(tmp_path / "fresh.json", "art-a") == []


def test_any_doubt_gives_no_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db.json"
    _store_with_annotations(db)
    data = json.loads(db.read_text(encoding="utf-8"))

    # Another layout (compact JSON written by another tool).
    db.write_text(json.dumps(data), encoding="utf-8")
    assert article_preview(db, "art-a") is None

    # Changes waiting in the journal.
    _store_with_annotations(tmp_path / "j.json")
    (tmp_path / "j.json.journal").write_bytes(b"anything")
    assert article_preview(tmp_path / "j.json", "art-a") is None

    # A document of that article that does not parse.
    bad = tmp_path / "bad.json"
    _store_with_annotations(bad)
    bad.write_bytes(bad.read_bytes().replace(b'"status": "anchored"', b'"status": anchored', 1))
    assert article_preview(bad, "art-a") is None

    # Too many documents, too large a file.
    monkeypatch.setattr(preview_module, "PREVIEW_MAX_DOCS", 1)
    assert article_preview(tmp_path / "j.json", "art-b") is None  # (journal) and:
    _store_with_annotations(tmp_path / "k.json")
    assert article_preview(tmp_path / "k.json", "art-a") is None
    assert article_preview(tmp_path / "k.json", "art-b") is not None
    monkeypatch.setattr(preview_module, "PREVIEW_MAX_BYTES", 10)
    assert article_preview(tmp_path / "k.json", "art-b") is None


def test_a_folder_or_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    (tmp_path / "dir.json").mkdir()
    assert article_preview(tmp_path / "dir.json", "art-a") is None
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert article_preview(fifo, "art-a") is None


# ------------------------------------------------------------------- the app


@pytest.mark.asyncio
async def test_the_open_articles_marks_show_before_a_large_database_is_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_hostile_scale import many_annotation_docs, snapshot_bytes

    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody
    from legreader.ui.article_list import ArticleList

    docs = many_annotation_docs(3_000)
    db_path.write_bytes(snapshot_bytes(docs))
    assert db_path.stat().st_size > SYNC_OPEN_BYTES
    gate = threading.Event()
    real_open = AnnotationStore.open

    def gated_open(path: Any, mode: StoreMode = "normal", **kwargs: Any) -> AnnotationStore:
        gate.wait(30)
        return real_open(path, mode=mode, **kwargs)

    monkeypatch.setattr(AnnotationStore, "open", staticmethod(gated_open))
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: bool(body.marks), timeout=30)
        assert app.store is None  # shown from the preview, the store still opening
        first = body.loaded_article
        previewed = sorted((m.id, m.start, m.end) for m in body.marks)
        # Another article opened meanwhile is previewed too.
        sidebar = app.query_one(ArticleList)
        sidebar.focus()
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: body.loaded_article not in (None, first) and body.marks)
        assert app.store is None
        second = body.loaded_article
        assert second is not None
        expected = {d["id"] for d in docs if d["article_id"] == second.id}
        assert {m.id for m in body.marks} <= expected and len(body.marks) > len(expected) // 2
        previewed = sorted((m.id, m.start, m.end) for m in body.marks)
        gate.set()
        await wait_for(pilot, lambda: app.store is not None, timeout=60)
        await pilot.pause()
        assert sorted((m.id, m.start, m.end) for m in body.marks) == previewed


@pytest.mark.asyncio
async def test_previewed_marks_go_when_the_database_is_damaged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_hostile_scale import many_annotation_docs, snapshot_bytes

    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody
    from legreader.ui.dialogs.damaged_db import DamagedDatabaseDialog

    raw = snapshot_bytes(many_annotation_docs(3_000))
    # Damaged after the annotations: the preview reads them, the store refuses the file.
    db_path.write_bytes(raw.rstrip()[:-1] + b', "broken": [}\n')
    gate = threading.Event()
    real_open = AnnotationStore.open

    def gated_open(path: Any, mode: StoreMode = "normal", **kwargs: Any) -> AnnotationStore:
        gate.wait(30)
        return real_open(path, mode=mode, **kwargs)

    monkeypatch.setattr(AnnotationStore, "open", staticmethod(gated_open))
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: bool(body.marks), timeout=30)
        gate.set()
        await wait_for(pilot, lambda: isinstance(app.screen, DamagedDatabaseDialog), timeout=60)
        assert body.marks == []


def test_opening_parses_each_annotation_once_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legreader.store import model

    db = tmp_path / "db.json"
    _store_with_annotations(db)
    with AnnotationStore.open(db) as store:  # a change left in the journal: replayed at open
        first = store.annotations_for("art-b")[0]
        store.update(first.touched(verdict="accurate"))
        expected = {a.id: a for a in store.all()}
        store._storage.flush()
        # (closing would fold the journal in: copy the files as they are now)
        import shutil

        for path in tmp_path.glob("db.json*"):
            shutil.copy(path, tmp_path / path.name.replace("db.json", "copy.json"))
    calls = []
    real = model.Annotation.from_dict.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, data: Any) -> Any:
        calls.append(data.get("id"))
        return real(cls, data)

    monkeypatch.setattr(model.Annotation, "from_dict", classmethod(counting))
    with AnnotationStore.open(tmp_path / "copy.json", mode="read_only") as store:
        assert {a.id: a for a in store.all()} == expected
        # Each snapshot document once, each replayed journal document once more at most.
        assert len(calls) <= len(expected) + 2
