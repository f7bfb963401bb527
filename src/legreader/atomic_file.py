"""Write a text file so that readers only ever see the old or the new content. No Textual.

A temp file in the same folder is written, flushed and fsynced, then renamed over the
target (or hard-linked to it, when an existing file must never be overwritten), and the
folder is fsynced so the rename itself survives a crash.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def write_text_atomic(target: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` as UTF-8 (LF line ends) to ``target`` atomically.

    With ``overwrite=False`` an existing ``target`` raises FileExistsError and is left as is.
    """
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # FileExistsError when taken: never overwrites
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                with open(target, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    fsync_dir(folder)
