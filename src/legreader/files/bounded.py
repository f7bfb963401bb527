"""A cache folder: entries written atomically, kept within bounds (the least recently written
entries go first). Used by the claim analysis cache and the front-matter cache (both in the
user cache folder)."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

#: A temp file older than this was left by a killed writer.
STALE_TEMP_SECONDS = 3600


def write_entry(path: Path, raw: bytes) -> bool:
    """Write one cache entry atomically (a temp file renamed over it: a reader sees the old
    entry or the new one, a killed writer leaves a ``.tmp`` that :func:`prune` clears). No
    fsync: a lost entry is computed again. False when it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            with open(tmp, "xb") as fh:
                fh.write(raw)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except OSError:
        return False
    return True


def prune(folder: Path, *, max_bytes: int, max_entries: int, suffix: str = ".json") -> int:
    """Delete the oldest ``*suffix`` entries of ``folder`` (and stray ``*.tmp`` files) past the
    bounds, down to 80 % of them so the next writes do not prune again at once.

    Returns how many files were deleted. Never raises.
    """
    entries: list[tuple[float, int, str]] = []
    removed = 0
    try:
        with os.scandir(folder) as it:
            for entry in it:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                    if st.st_mtime < time.time() - STALE_TEMP_SECONDS:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                            removed += 1
                    continue
                if entry.name.endswith(suffix):
                    entries.append((st.st_mtime, st.st_size, entry.path))
    except OSError:
        return removed
    total = sum(size for _, size, _ in entries)
    if total <= max_bytes and len(entries) <= max_entries:
        return removed
    entries.sort()  # oldest first
    count = len(entries)
    for _mtime, size, path in entries:
        if total <= max_bytes * 0.8 and count <= max_entries * 0.8:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        count -= 1
        removed += 1
    return removed
