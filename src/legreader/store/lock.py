"""One writer per database: a ``<db>.lock`` file holding the owner's pid and host.

The exclusion is an ``flock`` on that file: the kernel drops it when the owner dies, even by
SIGKILL, so a stale lock is simply taken over. legreader runs on POSIX systems only (Linux,
macOS; see the README): without ``fcntl`` there is no lock and :meth:`LockFile.acquire` says
so. (The pid check this replaced called ``os.kill(pid, 0)``, which on Windows does not test a
process but sends it Ctrl+C.)
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import socket
from pathlib import Path

from legreader.store.errors import DatabaseLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX (Windows)
    fcntl = None  # type: ignore[assignment]

#: What :meth:`LockFile.acquire` says where there is no ``fcntl`` (not a POSIX system).
NO_LOCKING = "file locking needs a POSIX system (Linux, macOS): legreader does not run here"


def lock_path(db_path: Path) -> Path:
    """Where the lock file of ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".lock")


def read_owner(path: Path) -> tuple[int | None, str | None]:
    """``(pid, host)`` written in a lock file, or ``(None, None)`` if unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return int(lines[0]), (lines[1] if len(lines) > 1 else None)
    except (OSError, ValueError, IndexError):
        return None, None


def holder(db_path: Path) -> int | None:
    """Pid of a live process holding the lock on ``db_path``, else ``None`` (never takes it)."""
    path = lock_path(db_path)
    if not path.exists():
        return None
    if fcntl is not None:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return read_owner(path)[0] or -1
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)
    return None


class LockFile:
    """The writer lock of one database. ``acquire()`` raises :class:`DatabaseLocked` if taken."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock. Raises ``DatabaseLocked``, or ``OSError`` if the folder is unwritable
        or the system has no ``fcntl`` (not POSIX)."""
        if self._fd is not None:
            return
        if fcntl is None:
            raise OSError(errno.ENOTSUP, NO_LOCKING, str(self.path))
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    pid, host = read_owner(self.path)
                    raise DatabaseLocked(self.db_path, pid, host) from None
                raise
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the previous owner removed the file between our open and flock
                os.close(fd)
                continue
            self._fd = fd
            with contextlib.suppress(OSError):  # the flock is the lock; who holds it is a courtesy
                self._write_owner(fd)
            self._release_at_exit()
            return
        raise DatabaseLocked(self.db_path, None)

    def _release_at_exit(self) -> None:
        """An interpreter that exits without closing the store (a crash in the app) still
        removes its lock file; only SIGKILL or a power cut leave one (taken over next time)."""
        atexit.register(self.release)

    def _write_owner(self, fd: int) -> None:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())

    def release(self) -> None:
        """Give the lock up and remove the file."""
        if self._fd is None:
            return
        atexit.unregister(self.release)
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None
