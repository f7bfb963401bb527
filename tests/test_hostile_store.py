"""Issue 15, the store's part: crafted databases, symlinks, first-run locking, hostile imports,
round trips and leftovers. Every input is generated here, in ``tmp_path``."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from legreader.cite.formats import ImportFormatError, export, parse_import, read_import
from legreader.cli.annotations import run_import_annotations
from legreader.store import (
    Annotation,
    AnnotationStore,
    ArticleNote,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseNotAFile,
    StoreError,
    make_annotation,
)
from legreader.store.model import MAX_OFFSET

TEXT = "Coffee drinkers lived longer, a study of 1,200 adults found, though it was observational."
ROOT = Path(__file__).resolve().parent.parent


def ann(start: int = 0, end: int = 6, **kw: Any) -> Annotation:
    return make_annotation("art", TEXT, start, end, **kw)


def doc(**changes: Any) -> dict[str, Any]:
    """A valid stored annotation document with ``changes``."""
    return {"id": "a1", "article_id": "art", "exact": "Coffee", "start": 0, "end": 6} | changes


def snapshot(annotations: dict[str, Any], extra: str = "") -> bytes:
    body = json.dumps({"annotations": annotations})
    return (body[:-1] + extra + "}").encode("utf-8") if extra else body.encode("utf-8")


# -- item 11: crafted damaged databases show the damaged-database path --------------------------

CRAFTED: dict[str, bytes] = {
    "array nested 200k deep": b"[" * 200_000 + b"]" * 200_000,
    "object nested 200k deep": b'{"annotations": ' + b'{"a": ' * 200_000 + b"1" + b"}" * 200_001,
    "5,000-digit integer": snapshot({"1": doc()}).replace(b'"end": 6', b'"end": ' + b"9" * 5000),
    "document id superscript two": snapshot({"\u00b2": doc()}),
    "document id negative": snapshot({"-1": doc()}),
    "document id huge": snapshot({"9" * 5000: doc()}),
    "document id with a leading zero": snapshot({"1": doc(), "01": doc(id="a2")}),
    "document id arabic-indic digits": snapshot({"\u0661": doc()}),
    "document id with spaces": snapshot({" 1": doc()}),
    "start is a float": snapshot({"1": doc(start=0.5)}),
    "start is a string": snapshot({"1": doc(start="0")}),
    "start is a bool": snapshot({"1": doc(start=True)}),
    "start is negative": snapshot({"1": doc(start=-3)}),
    "start after end": snapshot({"1": doc(start=9, end=6)}),
    "end absurd": snapshot({"1": doc(end=10**30)}),
    "start NaN": snapshot({"1": doc()}).replace(b'"start": 0', b'"start": NaN'),
    "tags a string": snapshot({"1": doc(tags="a, b")}),
    "tags hold a number": snapshot({"1": doc(tags=["a", 5])}),
    "note an object": snapshot({"1": doc(note={"x": 1})}),
    "id a number": snapshot({"1": doc(id=7)}),
    "same annotation id twice": snapshot({"1": doc(), "2": doc()}),
    "unknown verdict": snapshot({"1": doc(verdict="meh")}),
    "article note wrong type": b'{"article_notes": {"1": {"article_id": 5}}}',
    "meta row is a list": b'{"_meta": {"1": []}}',
    "generation is a number": b'{"_meta": {"1": {"schema_version": 1, "generation": 5}}}',
    "unknown table nested deep": b'{"other": {"1": {"x": ' + b"[" * 200 + b"]" * 200 + b"}}}",
    "schema version huge": b'{"_meta": {"1": {"schema_version": ' + b"9" * 400 + b"}}}",
}


@pytest.mark.parametrize("label", list(CRAFTED))
def test_crafted_database_raises_database_damaged_never_another_error(
    db_path: Path, label: str
) -> None:
    raw = CRAFTED[label]
    db_path.write_bytes(raw)
    with pytest.raises(DatabaseDamaged) as info:
        AnnotationStore.open(db_path)
    assert len(str(info.value)) < 400  # one readable line, not a 5,000-digit echo
    assert db_path.read_bytes() == raw  # never overwritten
    assert not db_path.with_name(db_path.name + ".lock").exists()  # lock released
    # Read-only shows nothing (no earlier copy) and never writes; "fresh" moves it aside.
    store = AnnotationStore.open(db_path, mode="read_only")
    assert store.read_only and store.all() == [] and store.damage is not None
    store.close()
    with AnnotationStore.open(db_path, mode="fresh") as fresh:
        assert fresh.all() == [] and not fresh.read_only


JOURNAL_OPS: dict[str, Any] = {
    "put with superscript doc id": ["put", "annotations", "\u00b2", doc()],
    "put of an invalid document": ["put", "annotations", "2", doc(start="x")],
    "put on an unknown table": ["put", "zzz", "1", {"a": 1}],
    "delete without a key": ["del", "annotations", "1", 5],
    "operation not a list": {"put": 1},
    "operation of 3 items": ["put", "annotations", "1"],
}


@pytest.mark.parametrize("label", list(JOURNAL_OPS))
def test_crafted_journal_operation_is_damage_not_a_crash(db_path: Path, label: str) -> None:
    from legreader.store.journal import encode_header, encode_record

    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    generation = json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["generation"]
    journal = db_path.with_name(db_path.name + ".journal")
    journal.write_bytes(encode_header(generation) + encode_record([JOURNAL_OPS[label]]))
    with pytest.raises(DatabaseDamaged) as info:
        AnnotationStore.open(db_path)
    assert info.value.path == journal
    store = AnnotationStore.open(db_path, mode="read_only")  # falls back, never raises
    assert store.read_only
    store.close()


def test_journal_nested_too_deep_is_damage(db_path: Path) -> None:
    import zlib

    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    generation = json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["generation"]
    from legreader.store.journal import encode_header

    deep = b"[" * 100_000 + b"]" * 100_000
    line = b"%08x " % zlib.crc32(deep) + deep + b"\n"
    good = encode_header(generation)
    journal = db_path.with_name(db_path.name + ".journal")
    journal.write_bytes(good + line + line)  # damage before the last line
    with pytest.raises(DatabaseDamaged):
        AnnotationStore.open(db_path)
    AnnotationStore.open(db_path, mode="read_only").close()


@pytest.mark.parametrize("mode", ["normal", "read_only", "fresh"])
def test_database_path_that_is_a_folder_is_a_store_error(tmp_path: Path, mode: str) -> None:
    folder = tmp_path / "annotations.json"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    if mode == "normal":
        with pytest.raises(DatabaseNotAFile) as info:
            AnnotationStore.open(folder)
        assert "folder" in str(info.value) and isinstance(info.value, DatabaseDamaged)
        assert info.value.backup is None
    elif mode == "read_only":
        store = AnnotationStore.open(folder, mode="read_only")
        assert store.all() == [] and isinstance(store.damage, DatabaseNotAFile)
        store.close()
    else:
        with pytest.raises(StoreError) as err:
            AnnotationStore.open(folder, mode="fresh")
        assert not isinstance(err.value, DatabaseDamaged) and "left alone" in str(err.value)
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json"]


def test_database_path_that_is_a_fifo_never_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "annotations.json"
    os.mkfifo(fifo)
    with pytest.raises(DatabaseNotAFile) as info:
        AnnotationStore.open(fifo)
    assert "pipe" in str(info.value)
    AnnotationStore.open(fifo, mode="read_only").close()


def test_database_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "annotations.json"
    link.symlink_to("/dev/zero")
    store = AnnotationStore.open(link, mode="read_only")
    assert isinstance(store.damage, DatabaseNotAFile) and "device" in str(store.damage)


def test_journal_that_is_a_folder_is_damage(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    db_path.with_name(db_path.name + ".journal").mkdir()
    with pytest.raises(DatabaseDamaged):
        AnnotationStore.open(db_path)


def test_symlink_loop_is_damage_not_a_crash(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    store = AnnotationStore.open(a, mode="read_only")
    assert store.all() == [] and store.damage is not None


# -- item 7: a symlinked database keeps syncing --------------------------------------------------


def test_symlinked_database_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    target = real_dir / "annotations.json"
    link = link_dir / "annotations.json"
    link.symlink_to(target)
    with AnnotationStore.open(link) as store:
        assert store.path == target
        assert (real_dir / "annotations.json.lock").exists()
        first = store.add(ann())
        store.add(ann(7, 16))  # a journal append
    with AnnotationStore.open(link) as store:  # and a snapshot rewrite at open/close
        store.update(first, touch=True)
    assert link.is_symlink() and link.resolve() == target
    assert len(json.loads(target.read_text(encoding="utf-8"))["annotations"]) == 2
    assert sorted(p.name for p in link_dir.iterdir()) == [
        "annotations.json"
    ]  # nothing beside the link
    assert (real_dir / "annotations.json.bak").exists()


def test_dangling_symlink_creates_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "annotations.json"
    link = tmp_path / "annotations.json"
    link.symlink_to(target)
    with AnnotationStore.open(link) as store:
        store.add(ann())
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["annotations"]


# -- item 8: first run takes the writer lock before any write ------------------------------------


def test_first_run_second_instance_in_the_same_process_is_told(tmp_path: Path) -> None:
    db = tmp_path / "not" / "yet" / "annotations.json"
    first = AnnotationStore.open(db)
    assert not first.read_only and db.parent.is_dir()
    with pytest.raises(DatabaseLocked):
        AnnotationStore.open(db)
    second = AnnotationStore.open(db, mode="read_only")
    assert second.locked_by == os.getpid()
    kept = first.add(ann(verdict="false"))
    first.close()
    with AnnotationStore.open(db) as again:
        assert again.get(kept.id) == kept


def test_first_run_second_process_is_told(tmp_path: Path) -> None:
    db = tmp_path / "fresh-folder" / "annotations.json"
    child = textwrap.dedent(
        """
        import sys
        from legreader.store import AnnotationStore, DatabaseLocked
        try:
            AnnotationStore.open(sys.argv[1])
        except DatabaseLocked:
            print("LOCKED")
        else:
            print("WRITABLE")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with AnnotationStore.open(db) as store:
        out = subprocess.run(
            [sys.executable, "-c", child, str(db)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert out.stdout.strip() == "LOCKED", out.stderr
        assert not store.read_only


def test_unwritable_parent_for_a_new_folder_opens_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    store = AnnotationStore.open(tmp_path / "new" / "annotations.json")
    assert store.read_only and "not writable" in (store.read_only_reason or "")


def test_full_disk_writing_the_lock_owner_still_locks(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        if bytes(data).endswith(b"\n") and str(os.getpid()).encode() in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    store = AnnotationStore.open(db_path)
    assert not store.read_only
    with pytest.raises(DatabaseLocked):
        AnnotationStore.open(db_path)
    store.close()
    assert not db_path.with_name(db_path.name + ".lock").exists()


def test_full_disk_creating_the_lock_opens_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def full(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    store = AnnotationStore.open(db_path)
    assert store.read_only and "disk is full" in (store.read_only_reason or "")


# -- item 16: leftovers --------------------------------------------------------------------------


def test_stale_temp_and_backup_temp_are_removed_at_start_up(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    stale = [
        db_path.with_name(f".{db_path.name}.tmp-bak"),
        db_path.with_name(f".{db_path.name}.tmp-1-ab"),
    ]
    for path in stale:
        path.write_bytes(b"half")
    lock_file = db_path.with_name(db_path.name + ".lock")
    lock_file.write_text("999999999\nelsewhere\n", encoding="utf-8")  # a crashed owner's lock
    with AnnotationStore.open(db_path) as store:
        assert not any(p.exists() for p in stale) and len(store.all()) == 1
    assert not lock_file.exists()


def test_temps_are_not_touched_while_another_instance_holds_the_lock(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as owner:
        owner.add(ann())
        temp = db_path.with_name(f".{db_path.name}.tmp-bak")
        temp.write_bytes(b"owner's")
        AnnotationStore.open(db_path, mode="read_only").close()
        with pytest.raises(DatabaseLocked):
            AnnotationStore.open(db_path)
        assert temp.exists()
        temp.unlink()


def test_failed_snapshot_write_leaves_no_temp_files(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legreader.store import fileio

    store = AnnotationStore.open(db_path)
    store.add(ann())
    real_replace = os.replace

    def full(src: Any, dst: Any) -> None:
        if Path(dst) == db_path:
            # leave a temp behind as if the clean-up itself had failed
            Path(db_path.with_name(f".{db_path.name}.tmp-bak")).write_bytes(b"x")
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    store._storage._force_snapshot = True  # the next save rewrites the snapshot
    with pytest.raises(StoreError):
        store.add(ann(7, 16))
    assert not [
        p for p in db_path.parent.iterdir() if p.name.startswith(fileio.temp_prefix(db_path))
    ]
    monkeypatch.setattr(os, "replace", real_replace)
    # The retry links the snapshot as .bak again: .bak already is that very file, and a
    # rename between two links of one file does nothing (the stale .tmp-bak of issue 15).
    assert store.retry_pending() == 1
    assert not [p for p in db_path.parent.iterdir() if ".tmp-" in p.name]
    store.close()
    assert not [p for p in db_path.parent.iterdir() if ".tmp-" in p.name]
    with AnnotationStore.open(db_path) as again:
        assert len(again.all()) == 2


def test_lock_file_is_removed_when_the_interpreter_exits_without_close(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    child = textwrap.dedent(
        """
        import sys
        from legreader.store import AnnotationStore
        store = AnnotationStore.open(sys.argv[1])
        raise RuntimeError("the app crashed")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", child, str(db)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.returncode != 0
    assert not db.with_name(db.name + ".lock").exists()


# -- item 13: import-annotations hardening -------------------------------------------------------


def w3c(start: Any = 0, end: Any = 6, **extra: Any) -> dict[str, Any]:
    return {
        "type": "Annotation",
        "target": {
            "source": "art",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "Coffee"},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "t"}],
    } | extra


def run_import(store: Any, tmp_path: Path, text: str) -> tuple[int, str, str]:
    path = tmp_path / "import.json"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_import_annotations(store, path, out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_of_json_nested_100k_deep_is_one_line(tmp_path: Path, db_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        read_import("[" * 100_000 + "]" * 100_000)
    with AnnotationStore.open(db_path) as store:
        code, _, err = run_import(store, tmp_path, "[" * 100_000 + "]" * 100_000)
    assert code == 1 and err.count("\n") == 1 and err.startswith("legreader: ")


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("1e400", "6", "must be an integer, got float"),
        ("1.5", "6", "must be an integer, got float"),
        ('"0"', "6", "must be an integer, got str"),
        ("true", "6", "must be an integer, got bool"),
        ("-4", "6", "negative"),
        ("9", "6", "before 'start'"),
        ("0", "1e30", "must be an integer, got float"),
        ("0", "1" + "0" * 30, "larger than any article"),
        ("0", "9" * 5000, "not JSON"),
    ],
)
def test_impossible_positions_are_refused_with_a_reason(
    tmp_path: Path, db_path: Path, start: str, end: str, reason: str
) -> None:
    bad = json.dumps(w3c(start="S", end="E")).replace('"S"', start).replace('"E"', end)
    good = json.dumps(w3c(7, 16, id="urn:uuid:good"))
    text = f"[{good}, {bad}]"
    with AnnotationStore.open(db_path) as store:
        code, out, err = run_import(store, tmp_path, text)
        if reason == "not JSON":  # the whole file is unreadable: nothing imported
            assert code == 1 and "not JSON" in err and store.all() == []
            return
        assert code == 0, err
        assert "1 row refused: row 2: " in err and reason in err
        assert [a.id for a in store.all()] == ["good"]
        assert "1 added" in out


def test_every_row_refused_exits_non_zero(tmp_path: Path, db_path: Path) -> None:
    text = json.dumps([w3c(-1, 2), w3c(5, 2), w3c("x", 2), {"id": 3}, 7])
    with AnnotationStore.open(db_path) as store:
        code, out, err = run_import(store, tmp_path, text)
        assert code == 1 and out == "" and store.all() == []
    assert "5 rows refused: row 1: " in err and "row 5: not a JSON object" in err
    assert "nothing could be imported" in err


def test_many_refused_rows_are_summarised(tmp_path: Path) -> None:
    result = read_import(json.dumps([w3c(-1, 2)] * 25))
    assert len(result.refused) == 25
    code, _, err = run_import(_NoStore(), tmp_path, json.dumps([w3c(-1, 2)] * 25))
    assert code == 1 and "and 15 more" in err and len(err) < 2000


class _NoStore:
    def merge_import(self, *args: Any) -> Any:  # pragma: no cover - never reached
        raise AssertionError("nothing should be merged")


def test_duplicate_ids_in_one_file_keep_the_last_and_are_counted(
    tmp_path: Path, db_path: Path
) -> None:
    first = w3c(0, 6, id="urn:uuid:same")
    last = w3c(7, 16, id="urn:uuid:same")
    result = read_import(json.dumps([first, w3c(17, 20, id="x"), last]))
    assert result.duplicates == 1
    assert [(a.id, a.start) for a in result.annotations] == [("x", 17), ("same", 7)]
    with AnnotationStore.open(db_path) as store:
        code, out, err = run_import(store, tmp_path, json.dumps([first, last]))
        assert code == 0 and "1 row dropped" in err and "the last one is kept" in err
        assert store.get("same").start == 7  # type: ignore[union-attr]


def test_parse_import_stays_all_or_nothing() -> None:
    with pytest.raises(ImportFormatError, match="row 1"):
        parse_import(json.dumps([w3c(9, 6)]))


def test_page_items_of_the_wrong_type_are_a_format_error() -> None:
    for data in (
        {"type": "AnnotationPage", "items": 5},
        {"type": "AnnotationCollection", "first": {"items": "ab"}},
    ):
        with pytest.raises(ImportFormatError):
            read_import(json.dumps(data))


def test_full_disk_while_taking_the_lock_is_one_line_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legreader.cli import program as cli

    db = tmp_path / "data" / "annotations.json"
    source = tmp_path / "import.json"
    source.write_text(json.dumps([w3c()]), encoding="utf-8")
    real_open = os.open

    def full(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(["import-annotations", str(source), "--db", str(db)])
    assert code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0], err.getvalue()


def test_full_disk_while_saving_the_import_is_one_line_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legreader.cli import program as cli

    db = tmp_path / "annotations.json"
    with AnnotationStore.open(db) as store:
        store.add(ann())
    before = db.read_bytes()
    source = tmp_path / "import.json"
    source.write_text(json.dumps([w3c(7, 16)]), encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _enospc)
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(["import-annotations", str(source), "--db", str(db)])
    assert code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0], err.getvalue()
    assert db.read_bytes() == before


def _enospc(*args: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# -- item 9: round trips lose nothing ------------------------------------------------------------


def test_json_export_brings_article_notes_and_verdicts_back(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "one.json") as one:
        one.add(ann(verdict="false", note="wrong"))
        one.set_article_note(ArticleNote("art", note="overall", verdict="misleading"))
        one.set_article_note(ArticleNote("other", verdict="accurate"))
        text = export("json", one.all(), {}, one.article_notes())
        notes = {n.article_id: n for n in one.article_notes()}
    with AnnotationStore.open(tmp_path / "two.json") as two:
        two.set_article_note(ArticleNote("other", note="newer here", verdict="false"))
        code, out, err = run_import(two, tmp_path, text)
        assert code == 0, err
        assert "Imported 2 article notes: 1 added, 0 updated, 1 unchanged or older" in out
        assert two.article_note("art") == notes["art"]
        assert two.article_note("other").note == "newer here"  # type: ignore[union-attr]
        code, out, _ = run_import(two, tmp_path, text)  # idempotent
        assert "0 added, 0 updated" in out
    # An older local note is replaced by a newer imported one.
    with AnnotationStore.open(tmp_path / "three.json") as three:
        three.set_article_note(ArticleNote("art", note="old"))
        newer = json.loads(text)
        newer["article_notes"][0]["modified"] = "2999-01-01T00:00:00.000Z"
        run_import(three, tmp_path, json.dumps(newer))
        assert three.article_note("art").note == "overall"  # type: ignore[union-attr]
    with AnnotationStore.open(tmp_path / "two.json") as reopened:  # it was saved
        assert reopened.article_note("art") == notes["art"]


def test_bad_article_note_rows_are_refused_the_rest_imported(tmp_path: Path) -> None:
    data = {
        "format": "legreader-annotations",
        "annotations": [],
        "article_notes": [
            {"article_id": "a", "note": "fine", "modified": "2024-01-01T00:00:00.000Z"},
            {"article_id": 5},
            {"article_id": "b", "verdict": "meh"},
            "nope",
        ],
    }
    result = read_import(json.dumps(data))
    assert [n.article_id for n in result.article_notes] == ["a"]
    assert [r.split(":")[0] for r in result.refused] == [
        "article note 2",
        "article note 3",
        "article note 4",
    ]


def test_w3c_without_an_id_gets_a_stable_id_and_is_not_duplicated(
    tmp_path: Path, db_path: Path
) -> None:
    items = [w3c(0, 6), w3c(7, 16), w3c(0, 6, id=5), w3c(0, 6, id="")]
    first = read_import(json.dumps(items))
    second = read_import(json.dumps(items))
    assert [a.id for a in first.annotations] == [a.id for a in second.annotations]
    # Same content (a number or empty id counts as none): one annotation, counted as duplicates.
    assert len(first.annotations) == 2 and first.duplicates == 2
    # The body as a single object or a list of one is the same annotation.
    plain = read_import(json.dumps(w3c(0, 6))).annotations[0].id
    assert plain in {a.id for a in first.annotations}
    single = w3c(0, 6) | {"body": {"type": "TextualBody", "purpose": "tagging", "value": "t"}}
    assert read_import(json.dumps(single)).annotations[0].id == plain
    changed = w3c(0, 6) | {"body": []}
    assert read_import(json.dumps(changed)).annotations[0].id != plain
    with AnnotationStore.open(db_path) as store:
        run_import(store, tmp_path, json.dumps(items))
        code, out, _ = run_import(store, tmp_path, json.dumps(items))
        assert code == 0 and "0 added, 0 updated, 2 unchanged" in out
        assert len(store.all()) == 2


def test_max_offset_is_accepted_one_past_is_not() -> None:
    ok = Annotation.from_dict(doc(start=MAX_OFFSET - 1, end=MAX_OFFSET))
    assert ok.end == MAX_OFFSET
    with pytest.raises(ValueError):
        Annotation.from_dict(doc(end=MAX_OFFSET + 1))


def test_read_only_open_past_a_damaged_journal_reports_damage(db_path: Path) -> None:
    """A partial state (the changes before a damaged journal record) must not pass for the
    database: `store.damage` says so, and an export refuses it."""
    import io

    from legreader.cli.annotations import run_export
    from legreader.store.journal import encode_header, encode_record

    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    generation = json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["generation"]
    journal = db_path.with_name(db_path.name + ".journal")
    bad = encode_record([JOURNAL_OPS["put on an unknown table"]])
    journal.write_bytes(encode_header(generation) + bad + bad)
    store = AnnotationStore.open(db_path, mode="read_only")
    try:
        assert store.damage is not None and store.damage.path == journal
        out, err = io.StringIO(), io.StringIO()
        assert run_export(store, None, "json", None, out, err) == 1
        assert out.getvalue() == "" and "damaged" in err.getvalue()
    finally:
        store.close()
