"""Typed errors the UI catches to tell the reader what happened to their annotations."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class of every annotation-store error."""


class DatabaseDamaged(StoreError):
    """The database (or its journal) cannot be read; it was left untouched.

    The UI then offers ``AnnotationStore.open(path, mode="read_only")`` (last good state or empty,
    never writes) or ``mode="fresh"`` (moves the damaged file aside and starts over).
    """

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path = Path(path)
        """The damaged file."""
        self.reason = reason
        """What is wrong, in plain words."""
        self.backup = backup
        """A copy of the damaged file made next to it, or ``None`` if it could not be made."""
        kept = f"; a copy is kept at {backup.name}" if backup else ""
        super().__init__(f"annotation database {self.path} is damaged: {reason}{kept}")


class DatabaseNotAFile(DatabaseDamaged):
    """The database path (or its journal) is a folder, FIFO, socket or device, not a file.

    A :class:`DatabaseDamaged`, so every caller that handles damage handles this too; but
    ``mode="fresh"`` never moves it aside (it is not ours): it raises :class:`StoreError`.
    ``mode="read_only"`` opens with no annotations and this as :attr:`AnnotationStore.damage`.
    """

    def __init__(self, path: Path, kind: str) -> None:
        self.kind = kind
        """What is there instead, in plain words ("a folder", "a named pipe (FIFO)", ...)."""
        super().__init__(path, f"it is {kind}, not a file")


class DatabaseLocked(StoreError):
    """Another running legreader has this database open for writing."""

    def __init__(self, path: Path, pid: int | None, host: str | None = None) -> None:
        self.path = Path(path)
        """The database file."""
        self.pid = pid
        """Process id of the other instance, if known."""
        self.host = host
        """Host name the other instance runs on, if known."""
        who = f"process {pid}" if pid else "another process"
        if host:
            who += f" on {host}"
        super().__init__(
            f"annotation database {self.path} is in use by {who}; open it read-only or close the other legreader"
        )


class StoreWriteError(StoreError):
    """A change could not be saved to disk.

    The change IS applied in memory and queued in ``store.pending``; the file on disk is unchanged.
    Call ``store.retry_pending()`` once the cause (full disk, permissions, ...) is fixed.
    """

    def __init__(self, path: Path, reason: str, pending: int = 0) -> None:
        self.path = Path(path)
        """The database file."""
        self.reason = reason
        """Why the write failed, in plain words."""
        self.pending = pending
        """How many changes now wait in the pending queue."""
        super().__init__(
            f"could not save to {self.path}: {reason} ({pending} change(s) kept in memory, not yet on disk)"
        )


class ReadOnlyStore(StoreError):
    """A change was attempted on a store opened read-only (by choice, lock or folder permissions)."""
