"""Durable file primitives: atomic replace, fsynced append, stale temp cleanup, backups.

Every write goes through ``os`` functions (``os.write``, ``os.fsync``, ``os.replace``) so tests can
simulate a full disk or an I/O error with ``monkeypatch``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

from legreader.files.atomic import fsync_dir as fsync_dir  # (re-exported for the store)


class NotAFile(Exception):
    """The path exists but is not a regular file (a folder, FIFO, socket or device)."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        """What it is instead, in plain words ("a folder", "a named pipe", ...)."""
        super().__init__(f"{path} is {kind}, not a file")


def file_kind(mode: int) -> str:
    """Plain words for the type in ``st_mode``."""
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return words
    return "not a regular file"


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path``, or ``None`` when it does not exist.

    Opened non-blocking and checked with ``fstat`` before reading, so a FIFO never hangs and
    a device never streams forever: anything but a regular file raises :class:`NotAFile`.
    Other ``OSError`` (permissions, I/O, a symlink loop) propagate.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise NotAFile(path, "a folder") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path, file_kind(st.st_mode))
        chunks: list[bytes] = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def temp_prefix(path: Path) -> str:
    """Name prefix of temp files written next to ``path`` (removed as stale at start-up)."""
    return f".{path.name}.tmp-"


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file in the same folder, fsync, ``os.replace``, fsync folder.

    On any error the temp file is removed and ``path`` is untouched.
    """
    tmp = path.with_name(f"{temp_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def append_durably(path: Path, data: bytes, header: bytes = b"") -> os.stat_result:
    """Append ``data`` to ``path`` and fsync; ``header`` is written first if the file is new/empty.

    On failure the file is cut back to its old length (so no half record stays); if even that
    fails the error is re-raised with ``truncate_failed = True`` set on it. Returns the new stat.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        old_size = os.fstat(fd).st_size
        payload = (header + data) if old_size == 0 else data
        try:
            write_all(fd, payload)
            os.fsync(fd)
        except OSError as exc:
            try:
                os.ftruncate(fd, old_size)
                os.fsync(fd)
            except OSError:
                exc.truncate_failed = True  # type: ignore[attr-defined]
            raise
        if old_size == 0:
            fsync_dir(path.parent)
        return os.fstat(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files left next to ``path`` by a killed writer; returns what was removed."""
    removed: list[Path] = []
    prefix = temp_prefix(path)
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(prefix):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def stamp() -> str:
    """A file-name-safe UTC timestamp, e.g. ``20240501T120000Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _same_content(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def aside_name(path: Path, label: str) -> Path:
    """``<name>.<label>-<timestamp>``, made unique with a counter if needed."""
    base = path.with_name(f"{path.name}.{label}-{stamp()}")
    candidate, n = base, 1
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate


def existing_copy(path: Path, label: str) -> Path | None:
    """An earlier ``<name>.<label>-*`` file with exactly the same bytes as ``path``, if any."""
    try:
        siblings = sorted(path.parent.glob(f"{path.name}.{label}-*"))
    except OSError:
        return None
    return next((s for s in siblings if _same_content(s, path)), None)


def keep_copy(path: Path, label: str) -> Path | None:
    """Copy ``path`` to a ``<name>.<label>-<timestamp>`` backup (reusing an identical one).

    Returns the backup, or ``None`` when it could not be made (e.g. a read-only folder).
    """
    found = existing_copy(path, label)
    if found:
        return found
    target = aside_name(path, label)
    try:
        shutil.copy2(path, target)
    except OSError:
        return None
    return target


def move_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to a ``<name>.<label>-<timestamp>`` backup and return it.

    If an identical backup already exists it is reused (the rename then replaces identical bytes).
    """
    target = existing_copy(path, label) or aside_name(path, label)
    os.replace(path, target)
    fsync_dir(path.parent)
    return target
