"""``AnnotationStore``: the reader's annotations and article notes, on TinyDB over a crash-safe storage.

The UI owns one store, opened with :meth:`AnnotationStore.open`. Reads come from an in-memory
index (fast, no disk access); every change is saved before the method returns, or raises
:class:`StoreWriteError` with the change kept in memory and queued in :attr:`pending`.

One module over 500 lines because it is one class: the store's reads, changes, undo and merge
all keep one in-memory index in step.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import operator
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from tinydb import TinyDB

from legreader.store import fileio, lock
from legreader.store.anchoring import Anchor, reanchor_all
from legreader.store.errors import DatabaseDamaged, DatabaseNotAFile, ReadOnlyStore, StoreError
from legreader.store.model import (
    Annotation,
    ArticleNote,
    article_text_hash,
    normalise_tags,
    now_iso,
    quote_selector,
    worst_verdict,
)
from legreader.store.schema import ANNOTATIONS, ARTICLE_NOTES
from legreader.store.storage import JournalStorage, TrackedTable, describe
from legreader.work.pacing import pause

StoreMode = Literal["normal", "read_only", "fresh"]
"""How :meth:`AnnotationStore.open` opens a database (see there)."""
MODES: tuple[StoreMode, ...] = get_args(StoreMode)
#: Permissions of a database folder the store creates (the reader's notes are private).
FOLDER_MODE = 0o700
_UNWRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True, slots=True)
class PendingChange:
    """A change applied in memory but not yet saved to disk."""

    action: str
    """``"save"`` or ``"delete"``."""
    kind: str
    """``"annotation"`` or ``"article_note"``."""
    key: str
    """Annotation id or article id."""


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """What :meth:`AnnotationStore.merge_import` changed."""

    added: int
    """Annotations that were new."""
    updated: int
    """Known annotations replaced by a newer, different copy."""
    notes_added: int = 0
    """Article notes (and verdicts) for articles that had none."""
    notes_updated: int = 0
    """Article notes replaced by a newer, different copy."""


def _content(item: Annotation | ArticleNote) -> dict[str, Any]:
    """What an import compares: everything but the timestamps (a W3C annotation without
    them gets "now" each time it is read, and must not count as changed)."""
    data = item.to_dict()
    data.pop("created", None)
    data.pop("modified", None)
    return data


_FIELDS = tuple(f.name for f in dataclasses.fields(Annotation))
_field_values = operator.attrgetter(*_FIELDS)


def _clone(a: Annotation) -> Annotation:
    """A copy the caller may change. Field by field, not through ``dataclasses.replace``
    (which checks and cleans every field again: the stored one is clean already) nor
    ``copy.copy`` (slow on slots): a read of an article's annotations copies each."""
    copied: Annotation = object.__new__(Annotation)
    for name, value in zip(_FIELDS, _field_values(a), strict=True):
        setattr(copied, name, value)
    copied.tags = list(a.tags)
    return copied


class _TinyDB(TinyDB):
    """TinyDB whose tables journal only the documents each change touches."""

    table_class = TrackedTable


class AnnotationStore:
    """Annotations and article notes of one database file. Use :meth:`open` to make one."""

    def __init__(
        self,
        path: Path,
        storage: JournalStorage,
        writer_lock: lock.LockFile | None,
        *,
        read_only_reason: str | None = None,
        damage: DatabaseDamaged | None = None,
        locked_by: int | None = None,
    ) -> None:
        self.path = path
        """The database file."""
        self.read_only_reason = read_only_reason
        """Why the store is read-only (``None`` when it is writable)."""
        self.damage = damage
        """In read-only mode: the damage found at open, if any (the file was left untouched)."""
        self.locked_by = locked_by
        """Pid of another instance holding the writer lock when this one opened read-only."""
        self._storage = storage
        self._lock = writer_lock
        self._closed = False
        self._rebuild()

    # -- opening --------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        mode: StoreMode = "normal",
        *,
        max_journal_bytes: int = 4 << 20,
    ) -> AnnotationStore:
        """Open the database at ``path`` (the file itself appears on the first save).

        A symlink is followed to its target first: the lock, temp files and backups live next
        to the target, and saves replace the target (the link stays).
        ``mode="normal"``: creates the folder if needed (mode 0700) and takes the writer lock
        before anything is read, so a second instance is always told; raises
        :class:`DatabaseDamaged` (a copy of the damaged file is kept; :class:`DatabaseNotAFile`
        for a folder, FIFO or device) or :class:`DatabaseLocked`; falls back to read-only, with
        :attr:`read_only_reason` set, when the folder or file is not writable or the lock cannot
        be written (a full disk). Stale temp files of a dead writer are removed once locked.
        ``mode="read_only"``: never writes; a damaged file gives the last good copy or nothing.
        ``mode="fresh"``: like normal, but a damaged file is moved aside and the store starts
        empty (a path that is not a file raises :class:`StoreError` instead: it is not ours).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        db = Path(os.path.realpath(Path(path).expanduser()))
        if mode == "read_only":
            return cls._open_read_only(db, "opened read-only", max_journal_bytes)
        unwritable = cls._unwritable_reason(db)
        if unwritable:
            return cls._open_read_only(db, unwritable, max_journal_bytes)
        writer_lock = lock.LockFile(db)
        try:
            db.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            writer_lock.acquire()  # DatabaseLocked propagates to the caller
        except OSError as exc:
            why = (
                "the folder is not writable"
                if exc.errno in _UNWRITABLE
                else "the writer lock could not be taken"
            )
            return cls._open_read_only(db, f"{why} ({describe(exc)})", max_journal_bytes)
        try:
            return cls._open_locked(db, mode, writer_lock, max_journal_bytes)
        except BaseException:
            writer_lock.release()
            raise

    @classmethod
    def _open_locked(
        cls, db: Path, mode: str, writer_lock: lock.LockFile, max_journal_bytes: int
    ) -> AnnotationStore:
        fileio.remove_stale_temps(db)

        def make_storage() -> JournalStorage:
            return JournalStorage(db, max_journal_bytes=max_journal_bytes)

        storage = make_storage()
        try:
            storage.load()
        except DatabaseNotAFile as exc:
            if mode == "fresh":
                raise StoreError(
                    f"{exc.path} is {exc.kind}, not a file; it is left alone: "
                    "choose another database path"
                ) from None
            raise
        except DatabaseDamaged as exc:
            if mode != "fresh":
                raise DatabaseDamaged(
                    exc.path, exc.reason, fileio.keep_copy(exc.path, "damaged")
                ) from None
            moved = [fileio.move_aside(exc.path, "damaged")]
            if exc.path == db and storage.journal_path.exists():
                moved.append(fileio.move_aside(storage.journal_path, "orphan"))
            storage = make_storage()
            storage.load()
            storage.notices.append(
                f"the damaged file was moved aside to {', '.join(p.name for p in moved)}; starting fresh"
            )
        return cls(db, storage, writer_lock)

    @staticmethod
    def _unwritable_reason(db: Path) -> str | None:
        if db.exists() and not os.access(db, os.W_OK):
            return "the database file is not writable"
        if db.parent.is_dir() and not os.access(db.parent, os.W_OK):
            return "the folder holding the database is not writable"
        return None

    @classmethod
    def _open_read_only(cls, db: Path, reason: str, max_journal_bytes: int) -> AnnotationStore:
        storage = JournalStorage(db, read_only=True, max_journal_bytes=max_journal_bytes)
        damage: DatabaseDamaged | None = None
        try:
            storage.load()
        except DatabaseDamaged as exc:
            damage = exc
            storage = JournalStorage(db, read_only=True)
            try:
                if not storage.backup_path.exists():
                    raise DatabaseDamaged(storage.backup_path, "no earlier copy")
                storage.load(source=storage.backup_path, journal=False)
                storage.notices.append(
                    f"{db.name} is damaged ({exc.reason}); showing the last good copy "
                    f"({storage.backup_path.name})"
                )
            except DatabaseDamaged:
                storage.load_empty()
                storage.notices.append(
                    f"{db.name} is damaged ({exc.reason}); showing no annotations"
                )
        if damage is None and storage.journal_damage is not None:
            damage = DatabaseDamaged(storage.journal_path, storage.journal_damage)
        return cls(
            db, storage, None, read_only_reason=reason, damage=damage, locked_by=lock.holder(db)
        )

    # -- state ----------------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """True when changes are refused (see :attr:`read_only_reason`)."""
        return self.read_only_reason is not None

    @property
    def notices(self) -> list[str]:
        """Things worth telling the reader (recovered writes, reloads, moved files...)."""
        return list(self._storage.notices)

    @property
    def pending(self) -> tuple[PendingChange, ...]:
        """Changes kept in memory that are not on disk yet (empty when all is saved)."""
        out = []
        for kind, table, _doc_id, payload in self._storage.pending:
            what = "annotation" if table == ANNOTATIONS else "article_note"
            if kind == "put":
                field = "id" if table == ANNOTATIONS else "article_id"
                out.append(PendingChange("save", what, str(payload.get(field))))
            else:
                out.append(PendingChange("delete", what, str(payload)))
        return tuple(out)

    def _rebuild(self) -> None:
        self._seen_reloads = self._storage.reloads
        self._db = _TinyDB(storage=lambda: self._storage)
        self._table = self._db.table(ANNOTATIONS)
        self._notes_table = self._db.table(ARTICLE_NOTES)
        tables = self._storage.tables
        self._ann: dict[str, Annotation] = {}
        self._doc: dict[str, int] = {}
        self._by_article: dict[str, dict[str, None]] = defaultdict(dict)
        parsed = self._storage.take_parsed()  # checked at load: not parsed a second time
        for n, (doc_id, doc) in enumerate(tables.get(ANNOTATIONS, {}).items(), 1):
            if n % 256 == 0:
                pause()  # (in a worker opening a large database; nothing on the UI thread)
            hit = parsed.get(id(doc))
            ann = hit[1] if hit is not None and hit[0] is doc else Annotation.from_dict(doc)
            self._index(ann, int(doc_id))
        self._notes: dict[str, ArticleNote] = {}
        self._note_doc: dict[str, int] = {}
        for doc_id, doc in tables.get(ARTICLE_NOTES, {}).items():
            note = ArticleNote.from_dict(doc)
            self._notes[note.article_id] = note
            self._note_doc[note.article_id] = int(doc_id)

    def _index(self, ann: Annotation, doc_id: int) -> None:
        old = self._ann.get(ann.id)
        if old is not None and old.article_id != ann.article_id:
            self._by_article[old.article_id].pop(ann.id, None)
        self._ann[ann.id] = ann
        self._doc[ann.id] = doc_id
        self._by_article[ann.article_id][ann.id] = None

    def _unindex(self, ann_id: str) -> None:
        ann = self._ann.pop(ann_id)
        self._doc.pop(ann_id)
        self._by_article[ann.article_id].pop(ann_id, None)

    def _write(self, change: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        """Run TinyDB ``change`` as one saved batch; ``apply`` its result to the index even if
        saving failed (the change is then pending)."""
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is read-only: {self.read_only_reason}")
        if self._closed:
            raise ReadOnlyStore(f"{self.path} is closed")
        done, result = False, None
        try:
            with self._storage.batch():
                result = change()
                done = True
        finally:
            if self._storage.reloads != self._seen_reloads:
                self._rebuild()
            elif done:
                apply(result)

    # -- reading --------------------------------------------------------------------------------
    def all(self) -> list[Annotation]:
        """Every annotation (copies), oldest first."""
        return sorted((_clone(a) for a in self._ann.values()), key=lambda a: a.created)

    def as_stored(self) -> list[Annotation]:
        """Every annotation as stored, not copied, in no order: for read-only summaries of a
        large store (never change them). Taken in one step, so another thread may call it while
        this one saves."""
        return list(self._ann.values())

    def get(self, ann_id: str) -> Annotation | None:
        """The annotation with this id (a copy), or ``None``."""
        ann = self._ann.get(ann_id)
        return _clone(ann) if ann else None

    def annotations_for(self, article_id: str) -> list[Annotation]:
        """Annotations of one article (copies), in text order."""
        found = [_clone(self._ann[i]) for i in self._by_article.get(article_id, {})]
        return sorted(found, key=lambda a: (a.start, a.end, a.created))

    def unanchored(self, article_id: str | None = None) -> list[Annotation]:
        """Changed, ambiguous and orphaned annotations (of one article, or all), never dropped."""
        pool = self.annotations_for(article_id) if article_id is not None else self.all()
        return [a for a in pool if a.status != "anchored"]

    def article_note(self, article_id: str) -> ArticleNote | None:
        """The article-level note and verdict, or ``None``."""
        note = self._notes.get(article_id)
        return dataclasses.replace(note) if note else None

    def article_notes(self) -> list[ArticleNote]:
        """Every article-level note (copies), by article id."""
        return [dataclasses.replace(self._notes[key]) for key in sorted(self._notes)]

    def tags_with_counts(self) -> dict[str, int]:
        """Every tag in use with the number of annotations carrying it, sorted by tag."""
        counts: dict[str, int] = defaultdict(int)
        for ann in self._ann.values():
            for tag in ann.tags:
                counts[tag] += 1
        return dict(sorted(counts.items(), key=lambda kv: (kv[0].casefold(), kv[0])))

    def counts_by_article(self) -> dict[str, tuple[int, str | None]]:
        """``{article_id: (number of annotations, worst verdict among them or None)}``."""
        out: dict[str, tuple[int, str | None]] = {}
        for article_id, ids in self._by_article.items():
            if ids:
                out[article_id] = (len(ids), worst_verdict(self._ann[i].verdict for i in ids))
        return out

    # -- changing -------------------------------------------------------------------------------
    def add(self, ann: Annotation) -> Annotation:
        """Save a new annotation. ``ValueError`` if its id already exists."""
        if ann.id in self._ann:
            raise ValueError(f"annotation {ann.id} already exists")
        stored = _clone(ann)
        self._write(
            lambda: self._table.insert(stored.to_dict()), lambda doc_id: self._index(stored, doc_id)
        )
        return _clone(stored)

    def update(self, ann: Annotation, *, touch: bool = True) -> Annotation:
        """Save a changed annotation (``modified`` set to now unless ``touch=False``)."""
        if ann.id not in self._ann:
            raise KeyError(ann.id)
        stored = ann.touched() if touch else _clone(ann)
        doc_id = self._doc[ann.id]
        self._write(
            lambda: self._table.update(stored.to_dict(), doc_ids=[doc_id]),
            lambda _: self._index(stored, doc_id),
        )
        return _clone(stored)

    def delete(self, ann_id: str) -> Annotation:
        """Remove an annotation and return it (re-:meth:`add` it to undo)."""
        ann = self._ann[ann_id]
        doc_id = self._doc[ann_id]
        self._write(lambda: self._table.remove(doc_ids=[doc_id]), lambda _: self._unindex(ann_id))
        return _clone(ann)

    def set_article_note(self, note: ArticleNote) -> ArticleNote:
        """Save the article-level note/verdict (an empty one removes it)."""
        stored = dataclasses.replace(note, modified=now_iso())
        doc_id = self._note_doc.get(note.article_id)
        if stored.is_empty():
            if doc_id is not None:

                def forget(_: Any) -> None:
                    self._notes.pop(note.article_id)
                    self._note_doc.pop(note.article_id)

                self._write(lambda: self._notes_table.remove(doc_ids=[doc_id]), forget)
            return stored

        def apply(new_id: Any) -> None:
            self._notes[stored.article_id] = stored
            self._note_doc[stored.article_id] = doc_id if doc_id is not None else new_id

        if doc_id is None:
            self._write(lambda: self._notes_table.insert(stored.to_dict()), apply)
        else:
            self._write(lambda: self._notes_table.update(stored.to_dict(), doc_ids=[doc_id]), apply)
        return dataclasses.replace(stored)

    def _replace_many(self, changed: list[Annotation]) -> None:
        """Save several changed annotations in one write (one journal record)."""
        if not changed:
            return
        by_id = {a.id: a.to_dict() for a in changed}
        doc_ids = [self._doc[a.id] for a in changed]

        def apply(_: Any) -> None:
            for ann in changed:
                self._index(ann, self._doc[ann.id])

        self._write(
            lambda: self._table.update(lambda doc: doc.update(by_id[doc["id"]]), doc_ids=doc_ids),
            apply,
        )

    def rename_tag(self, old: str, new: str) -> int:
        """Rename (or merge into an existing) tag everywhere; returns how many annotations changed."""
        new = new.strip()
        if not new:
            raise ValueError("the new tag name is empty")
        changed = [
            a.touched(tags=normalise_tags(new if t == old else t for t in a.tags))
            for a in self._ann.values()
            if old in a.tags and old != new
        ]
        self._replace_many(changed)
        return len(changed)

    def merge(self, annotations: Iterable[Annotation]) -> tuple[int, int]:
        """Import by id in one write: new ids are added; known ones replaced when the incoming
        copy differs and is at least as recent. Returns ``(added, updated)``."""
        counts = self.merge_import(annotations, ())
        return counts.added, counts.updated

    def merge_import(
        self, annotations: Iterable[Annotation], article_notes: Iterable[ArticleNote]
    ) -> MergeCounts:
        """Import annotations (by id) and article notes (by article id) in one write.

        A new id or article is added; a known one is replaced when the incoming copy differs
        (in more than its timestamps) and its ``modified`` is at least as recent (the newest
        wins); empty notes are skipped.
        Raises :class:`StoreWriteError` (the changes are then pending) or :class:`ReadOnlyStore`.
        """
        new: dict[str, Annotation] = {}
        changed: dict[str, Annotation] = {}
        for ann in annotations:
            mine = self._ann.get(ann.id)
            if mine is None:
                new[ann.id] = _clone(ann)
            elif _content(ann) != _content(mine) and ann.modified >= mine.modified:
                changed[ann.id] = _clone(ann)
        new_notes: dict[str, ArticleNote] = {}
        changed_notes: dict[str, ArticleNote] = {}
        for note in article_notes:
            theirs = self._notes.get(note.article_id)
            if note.is_empty():
                continue
            if theirs is None:
                new_notes[note.article_id] = dataclasses.replace(note)
            elif _content(note) != _content(theirs) and note.modified >= theirs.modified:
                changed_notes[note.article_id] = dataclasses.replace(note)
        counts = MergeCounts(len(new), len(changed), len(new_notes), len(changed_notes))
        if not (new or changed or new_notes or changed_notes):
            return counts
        docs = [a.to_dict() for a in new.values()]
        by_id = {a.id: a.to_dict() for a in changed.values()}
        doc_ids = [self._doc[i] for i in changed]
        note_docs = [n.to_dict() for n in new_notes.values()]

        def change() -> tuple[list[int], list[int]]:
            ids = self._table.insert_multiple(docs) if docs else []
            if by_id:
                self._table.update(lambda doc: doc.update(by_id[doc["id"]]), doc_ids=doc_ids)
            note_ids = self._notes_table.insert_multiple(note_docs) if note_docs else []
            for note in changed_notes.values():
                self._notes_table.update(note.to_dict(), doc_ids=[self._note_doc[note.article_id]])
            return ids, note_ids

        def apply(result: tuple[list[int], list[int]]) -> None:
            ids, note_ids = result
            for ann, doc_id in zip(new.values(), ids, strict=True):
                self._index(ann, doc_id)
            for ann in changed.values():
                self._index(ann, self._doc[ann.id])
            for note, doc_id in zip(new_notes.values(), note_ids, strict=True):
                self._notes[note.article_id] = note
                self._note_doc[note.article_id] = doc_id
            for note in changed_notes.values():
                self._notes[note.article_id] = note

        self._write(change, apply)
        return counts

    def article_ids(self) -> set[str]:
        """Every article id that annotations or article notes refer to."""
        return {i for i, ids in self._by_article.items() if ids} | set(self._notes)

    def move_article(self, moves: dict[str, str]) -> int:
        """Give the annotations and article notes of each old article id (key) the new id
        (value), in one write; returns how many annotations moved. A note is not moved onto
        an article that has one already (it stays under its old id). ``modified`` is kept."""
        changed = [
            dataclasses.replace(_clone(a), article_id=moves[a.article_id])
            for a in self._ann.values()
            if a.article_id in moves
        ]
        notes = [
            (self._note_doc[key], key, dataclasses.replace(n, article_id=moves[key]))
            for key, n in self._notes.items()
            if key in moves and moves[key] not in self._notes
        ]
        if not changed and not notes:
            return 0
        by_id = {a.id: a.to_dict() for a in changed}
        doc_ids = [self._doc[a.id] for a in changed]

        def change() -> None:
            if by_id:
                self._table.update(lambda doc: doc.update(by_id[doc["id"]]), doc_ids=doc_ids)
            for doc_id, _old, note in notes:
                self._notes_table.update(note.to_dict(), doc_ids=[doc_id])

        def apply(_: Any) -> None:
            for ann in changed:
                self._index(ann, self._doc[ann.id])
            for doc_id, old, note in notes:
                self._notes.pop(old, None)
                self._note_doc.pop(old, None)
                self._notes[note.article_id] = note
                self._note_doc[note.article_id] = doc_id

        self._write(change, apply)
        return len(changed)

    def reanchor_article(self, article_id: str, text: str) -> list[tuple[Annotation, Anchor]]:
        """Find the article's annotations in its (possibly changed) ``text``.

        Positions and statuses that moved are saved in one write (the quote, the text hash and
        ``modified`` are kept: a ``"changed"`` annotation keeps its old words until
        :meth:`accept_change`). In a read-only store nothing is saved; the returned copies still
        carry the result.
        """
        anns = self.annotations_for(article_id)
        anchors = reanchor_all(anns, text)
        result: list[tuple[Annotation, Anchor]] = []
        moved: list[Annotation] = []
        for ann, anchor in zip(anns, anchors, strict=True):
            # Found by its exact words again: a "kept orphaned" choice has nothing left to keep.
            detached = ann.detached and anchor.status != "anchored"
            if anchor.moved(ann) or detached != ann.detached:
                ann = dataclasses.replace(
                    ann,
                    start=anchor.start,
                    end=anchor.end,
                    status=anchor.status,
                    detached=detached,
                )
                moved.append(ann)
            result.append((ann, anchor))
        if moved and not self.read_only:
            self._replace_many(moved)
        return result

    def reattach(self, ann_id: str, text: str, start: int, end: int) -> Annotation:
        """Attach an (orphaned, ambiguous or changed) annotation to the selection
        ``text[start:end]``; its text hash becomes that of ``text``."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"bad selection {start}..{end}")
        ann = self._ann[ann_id]
        exact, prefix, suffix = quote_selector(text, start, end)
        return self.update(
            dataclasses.replace(
                ann,
                exact=exact,
                prefix=prefix,
                suffix=suffix,
                start=start,
                end=end,
                status="anchored",
                text_hash=article_text_hash(text),
                detached=False,
            )
        )

    def accept_change(self, ann_id: str, text: str) -> Annotation:
        """The reader accepts the edited passage of a ``"changed"`` annotation: its quote becomes
        ``text[start:end]`` (the new words), its text hash that of ``text``; it is anchored.

        ``ValueError`` when the annotation is not ``"changed"`` or its place is out of ``text``.
        """
        ann = self._ann[ann_id]
        if ann.status != "changed":
            raise ValueError(f"annotation {ann_id} is {ann.status}, not changed")
        return self.reattach(ann_id, text, ann.start, ann.end)

    def keep_orphaned(self, ann_id: str) -> Annotation:
        """The reader keeps an annotation off its changed passage: it becomes ``"orphaned"``
        and ``detached`` (re-anchoring attaches it again only where its exact quote is)."""
        ann = self._ann[ann_id]
        return self.update(dataclasses.replace(ann, status="orphaned", detached=True))

    def text_changed_since(
        self, article_id: str, text: str, annotations: list[Annotation] | None = None
    ) -> Annotation | None:
        """The article's most recently changed annotation that recorded a text hash, when
        ``text`` is not the text it was made on (``None``: unchanged, or nothing to compare).
        ``annotations``: the article's annotations, when the caller has them already."""
        if annotations is None:
            annotations = self.annotations_for(article_id)
        hashed = [a for a in annotations if a.text_hash]
        if not hashed:
            return None
        last = max(hashed, key=lambda a: (a.modified, a.created))
        return None if last.text_hash == article_text_hash(text) else last

    # -- disk -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def unwritten(self) -> Iterator[None]:
        """Changes made inside are applied (reads see them at once) and queued in
        :attr:`pending` instead of being written before each method returns; the next
        :meth:`retry_pending` writes them all in one journal record (as does any later save,
        or :meth:`close`). For a UI that shows a change first and fsyncs it right after."""
        with self._storage.hold():
            yield

    @property
    def reloads(self) -> int:
        """How many times the content was replaced from disk (another program rewrote the
        database and our changes were merged onto it): a caller showing it redraws all."""
        return self._storage.reloads

    def retry_pending(self) -> int:
        """Try again to save the pending changes; returns how many were saved.

        Raises :class:`StoreWriteError` if it still fails (they stay pending).
        """
        count = len(self._storage.pending)
        try:
            self._storage.flush()
        finally:
            if self._storage.reloads != self._seen_reloads:
                self._rebuild()
        return count

    def refresh(self) -> bool:
        """Notice a replacement of the database by another program; True if content changed."""
        changed = self._storage.sync()
        if changed or self._storage.reloads != self._seen_reloads:
            self._rebuild()
        return changed

    def close(self, *, force: bool = False) -> None:
        """Save what is pending, fold the journal into the file, release the lock.

        Raises :class:`StoreWriteError` (and stays open) if pending changes cannot be saved,
        unless ``force=True`` (they are then lost: tell the reader first).
        """
        if self._closed:
            return
        if not self.read_only:
            try:
                self._storage.flush()
                self._storage.compact()
            except Exception:
                if not force:
                    raise
        if self._lock is not None:
            self._lock.release()
        self._closed = True

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
