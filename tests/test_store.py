"""AnnotationStore: saving, reading, tags, notes, merge, journal and snapshot format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legreader.store import (
    AnnotationStore,
    ArticleNote,
    ReadOnlyStore,
    make_annotation,
)
from legreader.store.model import Annotation

TEXT = (
    "A new study of 1,200 adults suggests that drinking three cups of coffee a day may lower "
    "the risk of heart disease. However, the study was observational and cannot prove cause."
)


def ann(start: int = 2, end: int = 20, article: str = "art1", **kw: Any) -> Annotation:
    return make_annotation(article, TEXT, start, end, **kw)


def test_open_of_an_absent_file_creates_no_database(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    assert store.all() == [] and not db_path.exists()
    store.close()
    assert not db_path.exists()
    assert list(db_path.parent.iterdir()) == []


def test_absent_folder_is_created_and_locked_at_open_the_file_on_first_save(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep" / "er" / "annotations.json"
    store = AnnotationStore.open(path)
    assert path.parent.is_dir() and (path.parent.stat().st_mode & 0o777) == 0o700
    assert not path.exists()  # issue 15: the lock is taken at open, the file waits for a save
    store.add(ann())
    assert json.loads(path.read_text(encoding="utf-8"))["annotations"]
    store.close()


def test_crud_and_undo_by_re_adding(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(ann(verdict="overstated", tags=["mice"]))
        assert store.get(a.id) == a
        b = store.get(a.id)
        assert b is not None
        b.note = "too strong"
        saved = store.update(b)
        assert saved.modified >= a.modified and store.get(a.id).note == "too strong"  # type: ignore[union-attr]
        removed = store.delete(a.id)
        assert store.get(a.id) is None and store.all() == []
        store.add(removed)
        assert store.get(a.id) == removed
        with pytest.raises(ValueError):
            store.add(removed)
    with AnnotationStore.open(db_path) as again:
        assert [x.id for x in again.all()] == [a.id] and again.get(a.id).note == "too strong"  # type: ignore[union-attr]


def test_returned_objects_are_copies(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(ann(tags=["x"]))
        got = store.get(a.id)
        assert got is not None
        got.tags.append("y")
        got.verdict = "false"
        assert store.get(a.id) == a


def test_annotations_for_counts_and_worst_verdict(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add(ann(30, 40, verdict="accurate"))
        store.add(ann(2, 20, verdict="overstated"))
        store.add(ann(5, 9, article="art2"))
        store.add(ann(50, 60, verdict="misleading", article="art2"))
        assert [a.start for a in store.annotations_for("art1")] == [2, 30]
        assert store.counts_by_article() == {"art1": (2, "overstated"), "art2": (2, "misleading")}
        assert store.annotations_for("nope") == []


def test_tags_with_counts_and_rename(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(ann(tags=["mice", "dose"]))
        store.add(ann(30, 40, tags=["mice"]))
        store.add(ann(50, 60, tags=["Dose", "rodents"]))
        assert store.tags_with_counts() == {"dose": 1, "Dose": 1, "mice": 2, "rodents": 1}
        assert store.rename_tag("mice", "rodents") == 2
        assert store.tags_with_counts() == {"dose": 1, "Dose": 1, "rodents": 3}
        assert store.get(a.id).tags == ["rodents", "dose"]  # type: ignore[union-attr]
        assert store.rename_tag("absent", "x") == 0
        with pytest.raises(ValueError):
            store.rename_tag("dose", "  ")
    with AnnotationStore.open(db_path) as again:
        assert again.tags_with_counts()["rodents"] == 3


def test_article_note_set_update_clear(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        assert store.article_note("art1") is None
        store.set_article_note(
            ArticleNote("art1", note="Headline overstates", verdict="overstated")
        )
        store.set_article_note(
            ArticleNote("art1", note="Headline overstates a mouse study", verdict="false")
        )
        store.set_article_note(ArticleNote("art2", verdict="accurate"))
    with AnnotationStore.open(db_path) as store:
        note = store.article_note("art1")
        assert note is not None and (note.note, note.verdict) == (
            "Headline overstates a mouse study",
            "false",
        )
        store.set_article_note(ArticleNote("art1"))
        assert store.article_note("art1") is None and store.article_note("art2") is not None
    with AnnotationStore.open(db_path) as store:
        assert store.article_note("art1") is None


def test_merge_imports_by_id_without_duplicates(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        mine = store.add(ann(verdict="accurate"))
        newer = mine.touched(verdict="false")
        incoming = [ann(30, 40), ann(50, 60), newer]
        assert store.merge(incoming) == (2, 1)
        assert store.merge(incoming) == (0, 0)
        older = mine.touched(verdict="misleading")
        older.modified = "2000-01-01T00:00:00.000Z"
        assert store.merge([older]) == (0, 0)
        assert len(store.all()) == 3 and store.get(mine.id).verdict == "false"  # type: ignore[union-attr]
    with AnnotationStore.open(db_path) as store:
        assert len(store.all()) == 3


def test_w3c_export_import_round_trip_through_merge(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "a.json") as one:
        one.add(ann(verdict="overstated", tags=["x"], note="ünïcode"))
        exported = json.dumps([a.to_w3c() for a in one.all()], ensure_ascii=False)
    from legreader.store import Annotation

    with AnnotationStore.open(tmp_path / "b.json") as two:
        assert two.merge(Annotation.from_w3c(d) for d in json.loads(exported)) == (1, 0)
        assert two.all()[0].note == "ünïcode"


def test_reanchor_article_saves_moves_and_keeps_orphans(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        moved = store.add(ann(42, 77))  # "drinking three cups of coffee a day"
        gone = store.add(ann(TEXT.index("However"), TEXT.index("However") + 30))
        new_text = "UPDATE: corrected. " + TEXT[: TEXT.index("However")]
        results = store.reanchor_article("art1", new_text)
        statuses = {a.id: (a.status, a.start) for a, _ in results}
        assert statuses[moved.id] == ("anchored", 42 + 19)
        assert statuses[gone.id][0] == "orphaned"
        assert [a.id for a in store.unanchored("art1")] == [gone.id]
        fixed = store.reattach(gone.id, new_text, 0, 7)
        assert fixed.status == "anchored" and fixed.exact == "UPDATE:"
    with AnnotationStore.open(db_path) as store:
        assert store.get(moved.id).start == 61  # type: ignore[union-attr]
        assert store.get(gone.id).exact == "UPDATE:"  # type: ignore[union-attr]


def test_snapshot_is_sorted_pretty_and_versioned(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add(ann(note="é"))
    raw = db_path.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert raw.endswith("}\n") and '\n  "annotations": {' in raw and "é" in raw
    assert raw == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert data["_meta"]["1"]["schema_version"] == 1


def test_saves_go_to_the_journal_and_are_replayed_without_close(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    first = store.add(ann())  # first save writes the snapshot itself
    assert json.loads(db_path.read_text(encoding="utf-8"))["annotations"]
    second = store.add(ann(30, 40))
    journal = db_path.with_name(db_path.name + ".journal")
    assert journal.exists()
    # Simulate a crash: never close; a new process would find the lock free.
    store._lock.release()  # type: ignore[union-attr]
    again = AnnotationStore.open(db_path)
    assert {a.id for a in again.all()} == {first.id, second.id}
    assert not journal.exists()  # folded into the snapshot at open
    again.close()


def test_journal_is_compacted_past_its_size_limit(db_path: Path) -> None:
    with AnnotationStore.open(db_path, max_journal_bytes=2000) as store:
        for i in range(20):
            store.add(ann(i, i + 10))
        journal = db_path.with_name(db_path.name + ".journal")
        assert not journal.exists() or journal.stat().st_size < 4000
        data = json.loads(db_path.read_text(encoding="utf-8"))
        assert len(data["annotations"]) >= 15


def test_torn_journal_tail_is_dropped(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    a = store.add(ann())
    b = store.add(ann(30, 40))
    store._lock.release()  # type: ignore[union-attr]
    journal = db_path.with_name(db_path.name + ".journal")
    with journal.open("ab") as fh:
        fh.write(b'deadbeef {"ops":[["put","annotations","9",{"id":"x"')  # killed mid-write
    again = AnnotationStore.open(db_path)
    assert {x.id for x in again.all()} == {a.id, b.id}
    assert any("unfinished" in n for n in again.notices)
    again.close()


def test_schema_0_plain_tinydb_file_is_migrated_with_a_copy(db_path: Path) -> None:
    doc = ann(verdict="accurate").to_dict()
    del doc["status"]
    db_path.write_text(json.dumps({"_default": {"1": doc}}), encoding="utf-8")
    with AnnotationStore.open(db_path) as store:
        assert [a.id for a in store.all()] == [doc["id"]]
    assert json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["schema_version"] == 1
    assert list(db_path.parent.glob("annotations.json.schema0-*"))


def test_read_only_store_refuses_changes(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(ann())
    ro = AnnotationStore.open(db_path, mode="read_only")
    assert ro.read_only and ro.get(a.id) == a
    with pytest.raises(ReadOnlyStore):
        ro.add(ann(30, 40))
    with pytest.raises(ReadOnlyStore):
        ro.delete(a.id)
    ro.close()


def test_bad_mode_is_refused(db_path: Path) -> None:
    with pytest.raises(ValueError):
        AnnotationStore.open(db_path, mode="rw")  # type: ignore[arg-type]


def _journal_records(db_path: Path) -> list[list[list[Any]]]:
    from legreader.store.journal import read_journal

    return read_journal(db_path.with_name(db_path.name + ".journal").read_bytes()).records


def test_a_save_journals_only_the_documents_it_changed(db_path: Path) -> None:
    """The store hands the storage the ids it touched: one verdict changed among many
    annotations is one ``put`` of that annotation (nothing diffs the whole database)."""
    with AnnotationStore.open(db_path) as store:
        store.merge([ann(i, i + 10) for i in range(150)])
    with AnnotationStore.open(db_path) as store:
        target = store.all()[123]
        target.verdict = "overstated"
        store.update(target)
        store.delete(store.all()[7].id)
        store.set_article_note(ArticleNote("art1", verdict="misleading"))
        [put], [delete], [note] = _journal_records(db_path)
        assert put[0] == "put" and put[3]["id"] == target.id
        assert put[3]["verdict"] == "overstated"
        assert delete[0] == "del" and delete[3] != target.id
        assert note[0] == "put" and note[3]["article_id"] == "art1"
        expected = {a.id: a.verdict for a in store.all()}
    with AnnotationStore.open(db_path) as again:
        assert {a.id: a.verdict for a in again.all()} == expected
        assert again.article_note("art1").verdict == "misleading"  # type: ignore[union-attr]


def test_article_notes_moved_to_other_articles_replay_from_the_journal(db_path: Path) -> None:
    """A note whose article id (its key across files) changed is journaled as a deletion of
    the old key and a put of the new: replayed after a crash, each note is where it moved."""
    with AnnotationStore.open(db_path) as store:
        store.set_article_note(ArticleNote("a", note="note of a"))
        store.set_article_note(ArticleNote("b", note="note of b"))
        store.add(ann(article="a"))
    store = AnnotationStore.open(db_path)
    # b's note moves to "c" (free), then a's to "b" (freed).
    store.move_article({"b": "c"})
    store.move_article({"a": "b"})
    assert [(n.article_id, n.note) for n in store.article_notes()] == [
        ("b", "note of a"),
        ("c", "note of b"),
    ]
    store._lock.release()  # type: ignore[union-attr]  # a crash: only the journal has it
    with AnnotationStore.open(db_path) as again:
        assert [(n.article_id, n.note) for n in again.article_notes()] == [
            ("b", "note of a"),
            ("c", "note of b"),
        ]
        assert [a.article_id for a in again.all()] == ["b"]


def test_tinydb_query_updates_and_drops_are_journaled_too(db_path: Path) -> None:
    """The store changes documents by id; TinyDB's other ways (a query, dropping the tables)
    go through the same tracked tables or the whole-database write and survive a reopen."""
    from tinydb import Query, TinyDB

    from legreader.store.storage import JournalStorage, TrackedTable

    class Tracked(TinyDB):
        table_class = TrackedTable

    first, second = ann(2, 20).to_dict(), ann(30, 40, verdict="false").to_dict()
    storage = JournalStorage(db_path)
    storage.load()
    db = Tracked(storage=lambda: storage)
    table = db.table("annotations")
    table.insert_multiple([first, second])
    table.update({"verdict": "overstated"}, Query().id == first["id"])
    table.remove(Query().verdict == "false")

    def reopened() -> dict[str, Any]:
        again = JournalStorage(db_path, read_only=True)
        again.load()
        return {d["id"]: d["verdict"] for d in again.tables["annotations"].values()}

    assert reopened() == {first["id"]: "overstated"}
    db.drop_tables()
    assert reopened() == {}
