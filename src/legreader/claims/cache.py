"""Claim analysis results kept across runs, keyed by the text's content hash.

Opening an article the reader has opened before (the usual case at launch) then costs one
small file read: no engine load, no analysis, and the highlights are drawn with the text.

- Key: BLAKE2b of the engine's version, the ``animal_study`` switch and the text. A new engine
  (any change to the engine's source files) makes new keys: old entries are never read again
  and age out.
- Where: ``claims/`` in the user cache folder (:func:`legreader.files.paths.cache_dir`, which honours
  ``$LEGREADER_CACHE`` and ``$XDG_CACHE_HOME``), one JSON file an entry.
- Safe against corruption: an entry is checked when read (format, key, engine, text length,
  every span inside the text, categories and strengths from the closed sets); anything wrong,
  unreadable or truncated is a miss, and the fresh result is written over it.
- Writes are atomic (a temp file in the same folder renamed over the entry): a reader sees an
  old entry, a new one or none. A cache needs no fsync: a lost entry is recomputed.
- Bounded: past :data:`MAX_BYTES` (or :data:`MAX_ENTRIES`) the least recently used entries
  (by modification time, refreshed on a hit) are deleted; a single result larger than
  :data:`MAX_ENTRY_BYTES` is not kept.
- Never raises: a read-only, full or missing cache folder means no cache, not an error.

Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from legreader.files.bounded import prune as prune_folder
from legreader.files.bounded import write_entry

from .model import CATEGORIES, STRENGTHS, ClaimSpan, make_span

#: Format of an entry; a change makes every entry a miss.
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
#: The size check runs after this many writes in a process (and at the first).
PRUNE_EVERY = 50

_ENGINE_FILES = (
    "causal.py",
    "cues.py",
    "engine.py",
    "model.py",
    "numbers.py",
    "quantities.py",
    "sentences.py",
    "subjects.py",
)

Analysis = tuple[list[ClaimSpan], list[tuple[int, int]]]
"""Claims and sentence offsets of one text."""


@lru_cache(maxsize=1)
def engine_version() -> str:
    """A hash of the engine's source files: changes whenever the engine does.

    Falls back to the package version where the sources cannot be read (a frozen build).
    """
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"format {FORMAT}".encode())
    here = Path(__file__).resolve().parent
    try:
        for name in _ENGINE_FILES:
            digest.update(name.encode())
            digest.update((here / name).read_bytes())
    except OSError:
        from legreader import __version__

        return f"v{__version__}"
    return digest.hexdigest()


def cache_folder() -> Path:
    from legreader.files.paths import cache_dir

    return cache_dir() / "claims"


def content_key(text: str, animal_study: bool) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(engine_version().encode())
    digest.update(b"\x01" if animal_study else b"\x00")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry_path(key: str, folder: Path | None = None) -> Path:
    return (folder or cache_folder()) / f"{key}.json"


def load(text: str, *, animal_study: bool = False, folder: Path | None = None) -> Analysis | None:
    """The analysis cached for this text, or None (missing, stale or damaged entry)."""
    key = content_key(text, animal_study)
    path = _entry_path(key, folder)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_ENTRY_BYTES:
        return None
    try:
        data = json.loads(raw)
        result = _decode(data, key, text)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        result = None
    if result is None:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return result


def _decode(data: Any, key: str, text: str) -> Analysis | None:
    if not isinstance(data, dict):
        return None
    if data.get("format") != FORMAT or data.get("key") != key:
        return None
    if data.get("engine") != engine_version() or data.get("length") != len(text):
        return None
    size = len(text)
    claims: list[ClaimSpan] = []
    for row in data["claims"]:
        start, end, category, reason, strength, value, unit, flags, negated = row
        if not (
            type(start) is int
            and type(end) is int
            and 0 <= start <= end <= size
            and category in CATEGORIES
            and isinstance(reason, str)
            and (strength is None or strength in STRENGTHS)
            and (value is None or (isinstance(value, int | float) and math.isfinite(value)))
            and (unit is None or isinstance(unit, str))
            and isinstance(flags, list)
            and all(isinstance(f, str) for f in flags)
            and isinstance(negated, bool)
        ):
            return None
        value = float(value) if value is not None else None
        claims.append(
            make_span(
                start,
                end,
                text[start:end],
                category,
                reason,
                strength,
                value,
                unit,
                tuple(flags),
                negated,
            )
        )
    found: list[tuple[int, int]] = []
    for pair in data["sentences"]:
        start, end = pair
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= size):
            return None
        found.append((start, end))
    return claims, found


def store(
    text: str,
    claims: list[ClaimSpan],
    sentences: list[tuple[int, int]],
    *,
    animal_study: bool = False,
    folder: Path | None = None,
) -> bool:
    """Keep the analysis of this text; False when it could not be written (never raises)."""
    key = content_key(text, animal_study)
    data = {
        "format": FORMAT,
        "engine": engine_version(),
        "key": key,
        "length": len(text),
        "claims": [
            [
                c.start,
                c.end,
                c.category,
                c.reason,
                c.strength,
                c.value,
                c.unit,
                list(c.flags),
                c.negated,
            ]
            for c in claims
        ],
        "sentences": [list(pair) for pair in sentences],
    }
    try:
        raw = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except ValueError:  # a NaN or infinite value: not worth keeping
        return False
    if len(raw) > MAX_ENTRY_BYTES:
        return False
    path = _entry_path(key, folder)
    if not write_entry(path, raw):
        return False
    _after_write(path.parent)
    return True


_writes = 0


def _after_write(folder: Path) -> None:
    global _writes
    _writes += 1
    if _writes == 1 or _writes % PRUNE_EVERY == 0:
        prune(folder)


def prune(
    folder: Path | None = None, *, max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES
) -> int:
    """Delete the least recently used entries (and stray temp files) past the bounds
    (:func:`legreader.files.bounded.prune`). Returns how many files were deleted. Never raises.
    """
    return prune_folder(folder or cache_folder(), max_bytes=max_bytes, max_entries=max_entries)
