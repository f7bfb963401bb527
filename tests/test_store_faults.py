"""RELIABILITY cases 5-9: disk errors, a second instance, replacement, read-only folder, locale."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from legreader.store import (
    AnnotationStore,
    DatabaseLocked,
    ReadOnlyStore,
    StoreWriteError,
    make_annotation,
)
from legreader.store import lock as lockmod
from legreader.store.model import Annotation

TEXT = "Coffee drinkers lived longer, a study of 1,200 adults found, though it was observational."


def ann(start: int = 0, end: int = 6, **kw: Any) -> Annotation:
    return make_annotation("art", TEXT, start, end, **kw)


def fail(name: str, code: int = errno.ENOSPC) -> Callable[..., NoReturn]:
    def boom(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(code, os.strerror(code))

    boom.__name__ = name
    return boom


# -- case 5: ENOSPC / EIO ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_case_5_failed_snapshot_write_keeps_old_file_and_pending(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int
) -> None:
    store = AnnotationStore.open(db_path)
    first = store.add(ann())
    store.close()
    store = AnnotationStore.open(db_path)
    store._storage._force_snapshot = True  # the next save rewrites the snapshot
    before = db_path.read_bytes()
    monkeypatch.setattr(os, target, fail(target, code))
    second = ann(7, 15)
    with pytest.raises(StoreWriteError) as info:
        store.add(second)
    assert info.value.pending == 1 and info.value.reason
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob(".annotations.json.tmp-*"))
    assert store.get(second.id) is not None  # kept in memory
    assert [(p.action, p.key) for p in store.pending] == [("save", second.id)]
    monkeypatch.undo()
    assert store.retry_pending() == 1 and store.pending == ()
    store.close()
    with AnnotationStore.open(db_path) as again:
        assert {a.id for a in again.all()} == {first.id, second.id}


@pytest.mark.parametrize("target", ["write", "fsync"])
def test_case_5_failed_journal_append_leaves_no_half_record(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    store = AnnotationStore.open(db_path)
    store.add(ann())
    store.add(ann(7, 10))  # journal exists now
    journal = db_path.with_name(db_path.name + ".journal")
    journal_before, snap_before = journal.read_bytes(), db_path.read_bytes()
    real_write = os.write

    def partial_then_fail(fd: int, data: bytes) -> int:
        """Writes half a record, then the disk is full."""
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, target, partial_then_fail if target == "write" else fail(target))
    failed = [ann(11, 20, note="a"), ann(21, 30, note="b")]
    for a in failed:
        with pytest.raises(StoreWriteError):
            store.add(a)
    assert journal.read_bytes() == journal_before and db_path.read_bytes() == snap_before
    assert len(store.pending) == 2
    b = store.get(failed[0].id)
    assert b is not None
    b.verdict = "false"
    with pytest.raises(StoreWriteError):
        store.update(b)
    assert len(store.pending) == 3
    monkeypatch.undo()
    store.retry_pending()
    store._lock.release()  # crash: no close
    with AnnotationStore.open(db_path) as again:
        assert {a.id for a in failed} <= {a.id for a in again.all()}
        assert again.get(failed[0].id).verdict == "false"


def test_case_5_close_with_pending_changes_raises_and_keeps_them(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AnnotationStore.open(db_path)
    monkeypatch.setattr(os, "fsync", fail("fsync"))
    with pytest.raises(StoreWriteError):
        store.add(ann())
    with pytest.raises(StoreWriteError):
        store.close()
    assert len(store.pending) == 1
    monkeypatch.undo()
    store.close()
    with AnnotationStore.open(db_path) as again:
        assert len(again.all()) == 1


# -- case 6: a second instance -------------------------------------------------------------------


def test_case_6_second_instance_is_told_who_holds_the_lock(db_path: Path) -> None:
    first = AnnotationStore.open(db_path)
    with pytest.raises(DatabaseLocked) as info:
        AnnotationStore.open(db_path)
    assert info.value.pid == os.getpid() and "read-only" in str(info.value)
    first.add(ann())
    ro = AnnotationStore.open(db_path, mode="read_only")
    assert ro.locked_by == os.getpid() and len(ro.all()) == 1
    first.add(ann(7, 15))
    assert ro.refresh() and len(ro.all()) == 2  # sees the writer's journal
    first.close()
    AnnotationStore.open(db_path).close()  # free again


def test_case_6_lock_held_by_another_process(db_path: Path) -> None:
    code = (
        "import sys, time; from legreader.store import AnnotationStore;"
        f"s = AnnotationStore.open({str(db_path)!r}); print('ready', flush=True); time.sleep(30)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLocked) as info:
            AnnotationStore.open(db_path)
        assert info.value.pid == child.pid
    finally:
        child.kill()
        child.wait()
    store = AnnotationStore.open(db_path)  # the kernel dropped the dead child's lock
    store.close()


def test_case_6_stale_lock_from_a_dead_pid_is_taken_over(db_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    lock = db_path.with_name(db_path.name + ".lock")
    lock.write_text(f"{dead.stdout.strip()}\nsomehost\n", encoding="utf-8")
    store = AnnotationStore.open(db_path)
    assert lock.read_text(encoding="utf-8").split()[0] == str(os.getpid())
    store.close()


def test_case_6_without_fcntl_no_lock_and_no_signal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not POSIX (Windows): opening for writing fails with one clear reason, and no process
    is ever "checked" with ``os.kill(pid, 0)`` (on Windows that sends it Ctrl+C)."""
    monkeypatch.setattr(lockmod, "fcntl", None)

    def no_kill(*_args: object) -> None:
        raise AssertionError("os.kill called")

    monkeypatch.setattr(os, "kill", no_kill)
    lock = db_path.with_name(db_path.name + ".lock")
    lock.write_text(f"{os.getpid()}\n", encoding="utf-8")
    assert lockmod.holder(db_path) is None
    with pytest.raises(OSError, match="POSIX"):
        lockmod.LockFile(db_path).acquire()


# -- case 7: replaced while running ---------------------------------------------------------------


def test_case_7_replaced_database_is_reloaded_and_merged(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    kept = store.add(ann())
    mine = store.add(ann(7, 15))  # in the journal only
    # Another program (a sync tool, git) writes its own version of the file.
    theirs = ann(16, 20, note="from elsewhere")
    other = {"annotations": {"1": kept.to_dict(), "2": theirs.to_dict()}}
    tmp = db_path.with_name("other.json")
    tmp.write_text(json.dumps(other), encoding="utf-8")
    os.replace(tmp, db_path)
    late = store.add(ann(21, 30))
    ids = {a.id for a in store.all()}
    assert {kept.id, mine.id, theirs.id, late.id} == ids
    assert any("changed by another program" in n for n in store.notices)
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))["annotations"]
    assert {
        d["id"] for d in on_disk.values()
    } == ids  # written as a new snapshot, not a stale journal
    store.add(ann(31, 40))  # later saves keep working (no doc id clash)
    store.close()
    with AnnotationStore.open(db_path) as again:
        assert len(again.all()) == 5


def test_case_7_refresh_notices_replacement_without_a_save(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.add(ann())
    theirs = ann(16, 20)
    tmp = db_path.with_name("other.json")
    tmp.write_text(json.dumps({"annotations": {"1": theirs.to_dict()}}), encoding="utf-8")
    os.replace(tmp, db_path)
    assert store.refresh() is True
    assert theirs.id in {a.id for a in store.all()}
    store.close()


def test_case_7_deleted_database_is_written_again_not_into_the_void(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    a = store.add(ann())
    b = store.add(ann(7, 15))
    db_path.unlink()
    c = store.add(ann(16, 20))
    data = json.loads(db_path.read_text(encoding="utf-8"))
    assert {d["id"] for d in data["annotations"].values()} == {a.id, b.id, c.id}
    store.close()


def test_case_7_replacement_by_a_damaged_file_is_not_overwritten(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.add(ann())
    db_path.write_bytes(b"{ broken")
    with pytest.raises(StoreWriteError) as info:
        store.add(ann(7, 15))
    assert "damaged" in info.value.reason and db_path.read_bytes() == b"{ broken"
    assert len(store.pending) == 1
    store.close(force=True)


# -- case 8: read-only data folder ---------------------------------------------------------------


def test_case_8_read_only_folder_opens_read_only_and_reads(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(ann(note="kept"))
    before = sorted(p.name for p in db_path.parent.iterdir())
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw)
    )
    store = AnnotationStore.open(db_path)
    assert store.read_only and "not writable" in (store.read_only_reason or "")
    assert store.get(a.id) == a
    with pytest.raises(ReadOnlyStore):
        store.add(ann(7, 15))
    store.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_case_8_lock_refused_by_a_read_only_file_system(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add(ann())
    real_open = os.open

    def ro_open(path: str | os.PathLike[str], flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", ro_open)
    store = AnnotationStore.open(db_path)
    assert store.read_only and "read-only" in (store.read_only_reason or "")
    assert len(store.all()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_case_8_real_chmod_folder(tmp_path: Path) -> None:  # pragma: no cover - CI as non-root
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "annotations.json"
    with AnnotationStore.open(db) as store:
        store.add(ann())
    folder.chmod(0o555)
    try:
        store = AnnotationStore.open(db)
        assert store.read_only and len(store.all()) == 1
    finally:
        folder.chmod(0o755)


# -- case 9: non-ASCII under LC_ALL=C -------------------------------------------------------------


def test_case_9_non_ascii_round_trip_under_c_locale(db_path: Path, tmp_path: Path) -> None:
    note = "Überschrift «übertrieben» — 研究 🧪 \u200f ñ\n[/] \\"
    (tmp_path / "note.txt").write_bytes(note.encode("utf-8"))
    code = (
        "import sys, locale\n"
        "from pathlib import Path\n"
        "from legreader.store import AnnotationStore, make_annotation\n"
        "db, folder = sys.argv[1], Path(sys.argv[2])\n"
        "assert locale.getpreferredencoding(False).lower() in ('ansi_x3.4-1968', 'ascii', 'us-ascii')\n"
        "note = (folder / 'note.txt').read_bytes().decode('utf-8')\n"
        "s = AnnotationStore.open(db)\n"
        "s.add(make_annotation('\\u00e4rtikel', note, 0, 10, note=note, tags=['\\u00df']))\n"
        "s.close()\n"
        "a = AnnotationStore.open(db).all()[0]\n"
        "(folder / 'out.txt').write_bytes((a.note + '|' + a.exact + '|' + a.article_id).encode('utf-8'))\n"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    subprocess.run(
        [sys.executable, "-X", "utf8=0", "-c", code, str(db_path), str(tmp_path)],
        env=env,
        check=True,
    )
    got = (tmp_path / "out.txt").read_bytes().decode("utf-8").split("|")
    assert got == [note, note[:10], "\u00e4rtikel"]
    raw = db_path.read_text(encoding="utf-8")
    assert "研究 🧪" in raw  # stored as readable UTF-8, not \\u escapes
    assert json.loads(raw)["annotations"]["1"]["note"] == note
