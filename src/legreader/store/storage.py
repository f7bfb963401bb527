"""``JournalStorage``: a crash-safe TinyDB storage (snapshot + fsynced append-only journal).

* The snapshot ``<db>`` is only ever replaced atomically (temp file, fsync, ``os.replace``,
  fsync of the folder); the previous one is kept as ``<db>.bak`` (last good state).
* Each save appends one checksummed record to ``<db>.journal`` and fsyncs it: a save costs
  one small write, not a rewrite of every document. The journal is replayed at open and folded
  into the snapshot ("compaction") at open, at close and when it grows past a size.
* A failed write leaves the change applied in memory, queued in :attr:`pending`, and raises
  :class:`StoreWriteError`; :meth:`flush` retries.
* A save costs what it changes, whatever the database size: TinyDB's tables are
  :class:`TrackedTable`, which hands each operation the live documents (no copy of the table)
  and tells the storage which document ids it touched (:meth:`JournalStorage.record`); only
  those become journal operations. Nothing diffs the whole database.
* Before writing, the snapshot's identity (inode, size, mtime) is compared with the one we
  wrote: if another program replaced it, it is re-read and our journal's changes are replayed
  onto it (by annotation id), then written as a new snapshot; nothing goes to a deleted file.

One module over 500 lines because it is one storage engine: snapshot, journal and compaction,
whose crash-safety rules have to be read together to be trusted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage
from tinydb.table import Table

from legreader.store import fileio
from legreader.store.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseNotAFile,
    ReadOnlyStore,
    StoreWriteError,
)
from legreader.store.journal import JournalError, encode_header, encode_record, read_journal
from legreader.store.schema import (
    NATURAL_KEYS,
    Op,
    Parsed,
    SchemaError,
    Tables,
    parse_snapshot,
    replay,
    serialise_snapshot,
)

Ident = tuple[int, int, int, int]


def _ident(st: os.stat_result) -> Ident:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _stat(path: Path) -> Ident | None:
    """Identity of ``path``; ``None`` when it is missing or cannot be reached (a symlink loop)."""
    try:
        return _ident(os.stat(path))
    except OSError:
        return None


def describe(exc: OSError) -> str:
    """Plain words for a write error."""
    words = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EIO: "an input/output error occurred",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }
    return words.get(exc.errno or 0, exc.strerror or str(exc))


def read_or_damaged(path: Path) -> bytes | None:
    """:func:`fileio.read_regular`, with every way it fails as :class:`DatabaseDamaged`."""
    try:
        return fileio.read_regular(path)
    except fileio.NotAFile as exc:
        raise DatabaseNotAFile(path, exc.kind) from None
    except OSError as exc:
        raise DatabaseDamaged(path, f"it cannot be read ({describe(exc)})") from None


class JournalStorage(Storage):
    """TinyDB storage over a snapshot file and its journal. See the module docstring."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        max_journal_bytes: int = 4 << 20,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        """The snapshot file (the database the reader chose)."""
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.read_only = read_only
        self.max_journal_bytes = max_journal_bytes
        """Compact once the journal is larger than this."""
        self.notices: list[str] = []
        self.journal_damage: str | None = None
        """Read-only opens show the changes before a damaged journal record; this says why
        (an export must not pass such a partial state off as the database)."""
        """Things worth telling the reader (torn write dropped, file reloaded, ...)."""
        self.reloads = 0
        """Incremented each time the content was replaced from disk (so indexes can rebuild)."""
        self.migrated_from: int | None = None
        self._before_write = before_write
        self._live: Tables = {}
        self._meta: dict[str, Any] = {}
        self._generation: str | None = None
        self._snap_ident: Ident | None = None
        self._journal_ident: Ident | None = None
        self._journal_ops: list[Op] = []
        self._journal_size = 0
        self._force_snapshot = False
        self._pending: list[Op] = []
        self._batch_depth = 0
        self._parsed: Parsed = {}

    # -- TinyDB interface -----------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        return dict(self._live)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's whole-database write: only its rare paths call it (``drop_tables``);
        :class:`TrackedTable` saves through :meth:`rows` and :meth:`record` instead. A table
        that is not the live one is journaled as replaced (its old documents deleted by key,
        the new ones put)."""
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is open read-only")
        ops: list[Op] = []
        puts: list[Op] = []
        for name in [*self._live, *(n for n in data if n not in self._live)]:
            old, new = self._live.get(name, {}), data.get(name, {})
            if old is new:
                continue
            field = NATURAL_KEYS.get(name)
            ops.extend(
                ["del", name, doc_id, doc.get(field) if field else None]
                for doc_id, doc in old.items()
            )
            puts.extend(["put", name, doc_id, dict(doc)] for doc_id, doc in new.items())
        self._live = dict(data)
        self._queue([*ops, *puts])

    def close(self) -> None:
        """Nothing to release here; :class:`AnnotationStore` compacts and unlocks."""

    # -- state ----------------------------------------------------------------------------------
    @property
    def tables(self) -> Tables:
        """The current content (do not mutate)."""
        return self._live

    def take_parsed(self) -> Parsed:
        """The annotations parsed by the last :meth:`load` (see
        :data:`~legreader.store.schema.Parsed`), handed over once and then forgotten."""
        parsed, self._parsed = self._parsed, {}
        return parsed

    @property
    def pending(self) -> list[Op]:
        """Operations applied in memory but not yet on disk."""
        return list(self._pending)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB calls into one journal record (one fsync, all or nothing)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self.flush()

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Changes made inside are applied in memory and queued in :attr:`pending`, not
        written: the next :meth:`flush` (or save outside a hold) writes them in one record."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1

    def rows(self, name: str) -> dict[str, dict[str, Any]]:
        """The live documents of table ``name`` (created empty if missing), for
        :class:`TrackedTable` to change in place and then :meth:`record`."""
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is open read-only")
        return self._live.setdefault(name, {})

    def record(self, name: str, touched: dict[str, Any]) -> None:
        """Journal the documents of ``name`` that an operation touched: ``touched`` maps each
        document id to its natural key before the change (:data:`ABSENT` for a new one).

        A document gone, or whose natural key changed, gets a ``del`` of the old key; every
        present one a ``put`` of its (copied) content. Deletions come first, so documents that
        swapped keys replay right. The cost is that of the touched documents alone.
        """
        rows = self._live.get(name, {})
        field = NATURAL_KEYS.get(name)
        dels: list[Op] = []
        puts: list[Op] = []
        for doc_id, old_key in touched.items():
            doc = rows.get(doc_id)
            if old_key is not ABSENT and (
                doc is None or (field is not None and doc.get(field) != old_key)
            ):
                dels.append(["del", name, doc_id, old_key])
            if doc is not None:
                puts.append(["put", name, doc_id, dict(doc)])
        self._queue([*dels, *puts])

    def _queue(self, ops: list[Op]) -> None:
        self._pending.extend(ops)
        if self._batch_depth == 0:
            self.flush()

    def _adopt(self, tables: Tables) -> None:
        self._live = tables

    # -- loading --------------------------------------------------------------------------------
    def load(self, *, source: Path | None = None, journal: bool = True) -> None:
        """Read the snapshot (or ``source``) and replay the journal. Raises ``DatabaseDamaged``.

        In write mode a stale journal is deleted or moved aside and a non-empty journal is
        compacted into the snapshot at once.
        """
        source = source or self.path
        raw = read_or_damaged(source)
        try:
            self._parsed = {}
            tables, meta, migrated = parse_snapshot(raw or b"", parsed=self._parsed)
        except SchemaError as exc:
            raise DatabaseDamaged(source, str(exc)) from None
        self.migrated_from = migrated
        self._meta = meta
        self._generation = meta.get("generation") if raw else None
        self._snap_ident = _stat(source) if raw is not None else None
        if raw == b"":
            self.notices.append(f"{source.name} was empty; starting with no annotations")
        self._journal_ops, self._journal_ident, self._journal_size = [], None, 0
        if journal:
            self._load_journal(tables, meta)
        self._adopt(tables)
        if not self.read_only and (
            self._journal_ops or self._force_snapshot or migrated is not None
        ):
            if migrated is not None and raw:
                fileio.keep_copy(self.path, f"schema{migrated}")
            try:
                self._write_snapshot()
            except OSError as exc:
                self._force_snapshot = True
                self.notices.append(f"could not compact the journal: {describe(exc)}")

    def _load_journal(self, tables: Tables, meta: dict[str, Any]) -> None:
        raw = read_or_damaged(self.journal_path)
        if raw is None:
            return
        try:
            content = read_journal(raw)
        except JournalError as exc:
            if not self.read_only:
                raise DatabaseDamaged(self.journal_path, str(exc)) from None
            self.journal_damage = str(exc)
            self.notices.append(f"{exc}; showing the changes before it")
            if exc.generation == self._generation:
                try:
                    replay(tables, [op for record in exc.records for op in record])
                except SchemaError as bad:
                    raise DatabaseDamaged(
                        self.journal_path, f"bad journal operation ({bad})"
                    ) from None
            return
        if content.generation is not None and content.generation == self._generation:
            ops = [op for record in content.records for op in record]
            try:
                replay(tables, ops)
            except (SchemaError, KeyError, TypeError, ValueError) as exc:
                raise DatabaseDamaged(self.journal_path, f"bad journal operation ({exc})") from None
            self._journal_ops = ops
            self._journal_ident = _stat(self.journal_path)
            self._journal_size = len(raw)
            if content.torn:
                self.notices.append(
                    "an unfinished save (interrupted before it was confirmed) was dropped"
                )
                self._force_snapshot = True
        elif self.read_only:
            if content.records:
                self.notices.append(
                    f"{self.journal_path.name} does not belong to this database; ignored"
                )
        elif content.generation is not None and content.generation == meta.get(
            "previous_generation"
        ):
            with contextlib.suppress(OSError):
                os.unlink(self.journal_path)  # already folded into the snapshot
        elif content.records:
            kept = fileio.move_aside(self.journal_path, "orphan")
            self.notices.append(
                f"{self.journal_path.name} did not match the database; kept as {kept.name}"
            )
        else:
            with contextlib.suppress(OSError):
                os.unlink(self.journal_path)

    def load_empty(self) -> None:
        """Start from nothing (after a damaged file, in read-only mode)."""
        self._adopt({name: {} for name in NATURAL_KEYS})
        self._generation = None
        self._snap_ident = _stat(self.path)

    def changed_on_disk(self) -> bool:
        """True when the snapshot or journal no longer is what this storage last read or wrote."""
        if _stat(self.path) != self._snap_ident:
            return True
        journal = _stat(self.journal_path)
        return journal is not None and journal != self._journal_ident

    # -- writing --------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write the pending operations. Raises ``StoreWriteError`` (they then stay pending)."""
        if not self._pending:
            return
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is open read-only")
        try:
            if self._before_write is not None:
                self._before_write()
            self._follow_external_changes()
            if self._needs_snapshot():
                self._write_snapshot()
            else:
                self._append(self._pending)
        except OSError as exc:
            fileio.remove_stale_temps(self.path)  # ours (we hold the lock): none may stay behind
            raise StoreWriteError(self.path, describe(exc), len(self._pending)) from exc
        except DatabaseLocked as exc:
            raise StoreWriteError(self.path, str(exc), len(self._pending)) from exc
        except DatabaseDamaged as exc:
            raise StoreWriteError(
                self.path,
                f"another program replaced the database with a damaged file ({exc.reason}); "
                "not writing over it",
                len(self._pending),
            ) from exc
        self._pending.clear()

    def sync(self) -> bool:
        """Pick up a replacement of the database by another program. True if content changed.

        Our own changes since the last snapshot are replayed onto the new file and written back.
        """
        if self.read_only:
            if not self.changed_on_disk():
                return False
            self.load()
            self.reloads += 1
            return True
        before = self.reloads
        self._follow_external_changes()
        if self.reloads != before and not self._pending:
            with contextlib.suppress(OSError):
                self._write_snapshot()
        return self.reloads != before

    def compact(self) -> None:
        """Fold the journal into a new snapshot now (no-op when there is nothing to fold)."""
        if self.read_only or self._pending:
            return
        if self._journal_ops or self._force_snapshot or _stat(self.journal_path) is not None:
            if (
                self._generation is None
                and not any(self._live.values())
                and self._snap_ident is None
            ):
                return  # nothing was ever saved: do not create the file
            try:
                self._follow_external_changes()
                self._write_snapshot()
            except OSError as exc:
                fileio.remove_stale_temps(self.path)
                raise StoreWriteError(self.path, describe(exc), 0) from exc

    def _needs_snapshot(self) -> bool:
        if self._force_snapshot or self._generation is None:
            return True
        if self._journal_size > self.max_journal_bytes:
            return True
        return _stat(self.journal_path) != self._journal_ident

    def _follow_external_changes(self) -> None:
        current = _stat(self.path)
        if current == self._snap_ident:
            return
        if current is None or current[2] == 0:
            self.notices.append(
                f"{self.path.name} was deleted or emptied by another program; writing it again"
            )
            self._force_snapshot = True
            self._generation = None
            self._snap_ident = None
            return
        raw = read_or_damaged(self.path) or b""
        try:
            tables, meta, _ = parse_snapshot(raw)
        except SchemaError as exc:
            raise DatabaseDamaged(self.path, str(exc)) from None
        if raw and meta.get("generation") == self._generation:
            self._snap_ident = current  # same content (touched or copied back)
            return
        merged = replay(tables, [*self._journal_ops, *self._pending])
        self._adopt(merged)
        self._meta = meta
        self._generation = meta.get("generation") if raw else None
        self._snap_ident = current
        self._force_snapshot = True
        self.reloads += 1
        self.notices.append(
            f"{self.path.name} was changed by another program; reloaded and merged our changes"
        )

    def _append(self, ops: list[Op]) -> None:
        try:
            st = fileio.append_durably(
                self.journal_path, encode_record(ops), header=encode_header(self._generation)
            )
        except OSError as exc:
            if getattr(exc, "truncate_failed", False):
                self._force_snapshot = True
            raise
        self._journal_ident = _ident(st)
        self._journal_size = st.st_size
        self._journal_ops.extend(ops)

    def _write_snapshot(self) -> None:
        """Fold everything into a new snapshot (atomic) and drop the journal."""
        generation = uuid.uuid4().hex
        meta = {**self._meta, "generation": generation, "previous_generation": self._generation}
        meta["schema_version"] = meta.get("schema_version", 1)
        data = serialise_snapshot(self._live, meta)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._snap_ident is not None and self._generation is not None:
            self._keep_last_good()
        fileio.atomic_write(self.path, data)
        self._meta, self._generation = meta, generation
        self._snap_ident = _stat(self.path)
        self._journal_ops, self._journal_ident, self._journal_size = [], None, 0
        try:
            os.unlink(self.journal_path)
            fileio.fsync_dir(self.path.parent)
        except FileNotFoundError:
            pass
        except OSError:
            self._force_snapshot = True  # the old journal must never receive new records
            return
        self._force_snapshot = False

    def _keep_last_good(self) -> None:
        """Hard-link the current snapshot as ``<db>.bak`` (through a temp name, then replace).

        When ``.bak`` already is that file (a retry after a failed snapshot write), ``rename``
        between two links of one file does nothing and would leave the temp link behind: so
        that case is skipped, and the temp name is removed whatever happens.
        """
        tmp = self.backup_path.with_name(fileio.temp_prefix(self.path) + "bak")
        try:
            if _stat(self.backup_path) is not None and os.path.samefile(
                self.path, self.backup_path
            ):
                return
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.link(self.path, tmp)
            os.replace(tmp, self.backup_path)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class _Absent:
    """Marks a document that did not exist before an operation."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


class _TouchedRows(MutableMapping[int, dict[str, Any]]):
    """The live documents of one table as TinyDB's updaters see them (integer ids), noting
    every document they may change, with its natural key before the change."""

    __slots__ = ("_field", "_rows", "touched")

    def __init__(self, rows: dict[str, dict[str, Any]], field: str | None) -> None:
        self._rows = rows
        self._field = field
        self.touched: dict[str, Any] = {}

    def _touch(self, key: str) -> None:
        if key not in self.touched:
            doc = self._rows.get(key)
            if doc is None:
                self.touched[key] = ABSENT
            else:
                self.touched[key] = doc.get(self._field) if self._field else None

    def __getitem__(self, doc_id: int) -> dict[str, Any]:
        key = str(doc_id)
        doc = self._rows[key]
        self._touch(key)  # handed out: it may be changed in place
        return doc

    def __setitem__(self, doc_id: int, doc: dict[str, Any]) -> None:
        key = str(doc_id)
        self._touch(key)
        self._rows[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self._touch(key)
        del self._rows[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter([int(key) for key in self._rows])

    def __len__(self) -> int:
        return len(self._rows)


class TrackedTable(Table):
    """A TinyDB table whose every change costs what it touches: TinyDB's own
    ``_update_table`` copies the whole table twice and hands the storage the whole database.

    Requires a :class:`JournalStorage`. Documents are changed in place in the storage's live
    tables; the touched ids go to :meth:`JournalStorage.record` (even when the operation
    raised half-way, so that what is in memory is also what is saved).
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        assert isinstance(storage, JournalStorage)
        view = _TouchedRows(storage.rows(self.name), NATURAL_KEYS.get(self.name))
        try:
            updater(view)  # type: ignore[arg-type]
        finally:
            self.clear_cache()
            if view.touched:
                storage.record(self.name, view.touched)
