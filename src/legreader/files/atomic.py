"""Write a text file so that readers only ever see the old or the new content. No Textual.

A temp file in the same folder is written, flushed and fsynced, then renamed over the
target (or hard-linked to it, when an existing file must never be overwritten), and the
folder is fsynced so the rename itself survives a crash.

What is at the path decides what happens (:func:`check_target`):

- nothing: a new file, mode ``0o666 & ~umask`` (the kernel applies the umask; never 0600);
- a regular file: replaced atomically, its permission bits kept;
- a symlink: followed to its final target, which is written (atomically, as above); the link
  stays a link. A dangling link creates its target; a loop is refused;
- a folder, FIFO, socket or device node: refused with :class:`UnsafeTarget`, untouched;
- a regular file with more than one hard link: refused. Replacing it would split the links
  (the other names would keep the old content), and writing it in place cannot be atomic: a
  crash or a full disk half-way would leave every name holding a torn file. We choose the
  atomic guarantee and say why we refuse.

The checks run before the temp file is written and again just before the rename, so a swap
in between is caught unless it lands in that last instant.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class UnsafeTarget(OSError):
    """The path holds something a text write must not replace; nothing was written.

    An ``OSError`` (``errno`` EINVAL, ``strerror`` the reason, ``filename`` the path) so callers
    that report write errors report this one too.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))


def fsync_dir(folder: Path) -> None:
    """fsync a folder so a rename or unlink inside it is durable (no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the data itself was fsynced
    finally:
        os.close(fd)


def _kind(mode: int) -> str | None:
    """Why a file of this type must not be written over, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISLNK(mode):
        return "is a symlink that leads nowhere (a loop)"
    return "is not a regular file"


def check_target(target: Path) -> tuple[Path, os.stat_result | None]:
    """Where a write to ``target`` lands (symlinks followed) and what is there now.

    Returns ``(real path, its stat or None when absent)``. Raises :class:`UnsafeTarget` for a
    folder, FIFO, socket, device, symlink loop, or a file with several hard links.
    """
    real = Path(os.path.realpath(target)) if os.path.islink(target) else target
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        return real, None
    reason = _kind(st.st_mode)
    if reason is None and st.st_nlink > 1:
        reason = (
            f"has {st.st_nlink} hard links; replacing it would split them and writing it in "
            "place is not crash-safe (write to another name, or remove the other links)"
        )
    if reason:
        raise UnsafeTarget(target, reason)
    return real, st


def _same_file(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def write_text_atomic(
    target: Path, text: str, *, overwrite: bool = True, sync_folder: bool = True
) -> None:
    """Write ``text`` as UTF-8 (LF line ends) to ``target`` atomically (rules in the module doc).

    ``sync_folder=False`` leaves the folder's fsync to the caller (one :func:`fsync_dir` after
    a batch of files instead of one per file); the file's data is fsynced all the same.

    With ``overwrite=False`` anything at ``target`` (even a dangling symlink) raises
    FileExistsError and is left as is. Raises :class:`UnsafeTarget` (an ``OSError``) for what
    must not be replaced, and ``OSError`` for write errors; the old file is then intact.
    """
    target = Path(target)
    if overwrite:
        real, before = check_target(target)
    else:
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target))
        real, before = target, None
    folder = real.parent if str(real.parent) else Path(".")
    tmp = folder / f".{real.name}.{secrets.token_hex(4)}.tmp"
    # A new file gets 0o666 less the umask (the kernel applies it). Over an existing file the
    # temp starts private and then takes the old file's permission bits.
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if before else 0o666)
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            if before is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(before.st_mode))
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            again, now = check_target(target)
            if again != real or not _same_file(before, now):
                raise UnsafeTarget(target, "was changed by another program while writing")
            os.replace(tmp, real)
        else:
            try:
                os.link(tmp, real)  # FileExistsError when taken: never overwrites
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                with open(real, "x", encoding="utf-8", newline="\n") as out:
                    out.write(text)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    if sync_folder:
        fsync_dir(folder)
