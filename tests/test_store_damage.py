"""RELIABILITY cases 1-3: empty, damaged and wrongly shaped database files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legreader.store import AnnotationStore, DatabaseDamaged, make_annotation

TEXT = "Coffee drinkers lived longer, a study of 1,200 adults found, though it was observational."

DAMAGED = {
    "truncated": b'{"annotations": {"1": {"id": "abc", "exa',
    "trailing garbage": b'{"annotations": {}}\x00garbage',
    "nul-filled": b"\x00" * 4096,
    "whitespace only": b"  \n\t\n  ",
    "not json": b"this is not json at all",
    "not utf-8": b'{"annotations": {"1": "\xff\xfe"}}',
    "a list": b"[1, 2]",
    "table is a list": b'{"_default": []}',
    "document is a number": b'{"annotations": {"1": 5}}',
    "annotation missing fields": b'{"annotations": {"1": {"id": "x"}}}',
    "newer schema": b'{"_meta": {"1": {"schema_version": 99}}, "annotations": {}}',
}


def test_case_1_zero_bytes_is_an_empty_store_and_first_save_writes_json(db_path: Path) -> None:
    db_path.write_bytes(b"")
    store = AnnotationStore.open(db_path)
    assert store.all() == [] and not store.read_only
    a = store.add(make_annotation("art", TEXT, 0, 6))
    assert json.loads(db_path.read_text(encoding="utf-8"))["annotations"]["1"]["id"] == a.id
    store.close()


@pytest.mark.parametrize("label", list(DAMAGED))
def test_cases_2_3_damaged_file_is_refused_kept_and_copied(db_path: Path, label: str) -> None:
    raw = DAMAGED[label]
    db_path.write_bytes(raw)
    with pytest.raises(DatabaseDamaged) as info:
        AnnotationStore.open(db_path)
    err = info.value
    assert err.path == db_path and err.reason and str(db_path) in str(err)
    assert db_path.read_bytes() == raw  # never overwritten
    assert err.backup is not None and err.backup.read_bytes() == raw
    # Opening again does not pile up identical copies, and the lock was released.
    with pytest.raises(DatabaseDamaged) as again:
        AnnotationStore.open(db_path)
    assert again.value.backup == err.backup
    assert not db_path.with_name(db_path.name + ".lock").exists()


@pytest.mark.parametrize("label", ["truncated", "a list", "table is a list", "nul-filled"])
def test_read_only_on_a_damaged_file_never_writes(db_path: Path, label: str) -> None:
    db_path.write_bytes(DAMAGED[label])
    before = sorted(p.name for p in db_path.parent.iterdir())
    store = AnnotationStore.open(db_path, mode="read_only")
    assert store.read_only and store.all() == [] and store.damage is not None
    assert any("damaged" in n for n in store.notices)
    store.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
    assert db_path.read_bytes() == DAMAGED[label]


def test_read_only_shows_the_last_good_copy(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(make_annotation("art", TEXT, 0, 6))
        store.add(make_annotation("art", TEXT, 7, 15))  # journal, then compacted at close -> .bak
    db_path.write_bytes(DAMAGED["truncated"])
    store = AnnotationStore.open(db_path, mode="read_only")
    assert a.id in {x.id for x in store.all()}
    assert any("last good" in n for n in store.notices)


def test_fresh_moves_the_damaged_file_aside_and_starts_empty(db_path: Path) -> None:
    raw = DAMAGED["not json"]
    db_path.write_bytes(raw)
    store = AnnotationStore.open(db_path, mode="fresh")
    assert store.all() == [] and not store.read_only and not db_path.exists()
    kept = list(db_path.parent.glob("annotations.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    store.add(make_annotation("art", TEXT, 0, 6))
    assert json.loads(db_path.read_text(encoding="utf-8"))["annotations"]
    store.close()


def test_fresh_on_a_good_file_keeps_it(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(make_annotation("art", TEXT, 0, 6))
    with AnnotationStore.open(db_path, mode="fresh") as store:
        assert [x.id for x in store.all()] == [a.id]


def test_damaged_journal_is_refused_then_recoverable(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    a = store.add(make_annotation("art", TEXT, 0, 6))
    b = store.add(make_annotation("art", TEXT, 7, 15))
    store.add(make_annotation("art", TEXT, 16, 20))
    store._lock.release()  # type: ignore[union-attr]  # crash without close
    journal = db_path.with_name(db_path.name + ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1][:20] + b"XXXX" + lines[1][24:]  # damage the first record, keep later ones
    journal.write_bytes(b"\n".join(lines))
    damaged = journal.read_bytes()
    with pytest.raises(DatabaseDamaged) as info:
        AnnotationStore.open(db_path)
    assert info.value.path == journal and journal.read_bytes() == damaged
    ro = AnnotationStore.open(db_path, mode="read_only")
    assert [x.id for x in ro.all()] == [
        a.id
    ]  # the snapshot; the damaged record and after not shown
    fresh = AnnotationStore.open(db_path, mode="fresh")
    assert a.id in {x.id for x in fresh.all()} and b.id not in {x.id for x in fresh.all()}
    assert list(db_path.parent.glob("annotations.json.journal.damaged-*"))
    fresh.close()
