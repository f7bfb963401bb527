"""Front matter read before, kept across runs, keyed by the block's content hash.

Listing a corpus parses every Markdown file's YAML front matter; PyYAML alone takes about
8 ms to import, before the first article can be drawn. A block read before (the usual case at
launch) is read back from here instead: a small JSON file, no YAML.

- What is kept: the front matter as :func:`legreader.corpus.loader.read_article_head` uses it (after
  ``_plain_meta``: dates as ISO text, text cleaned, keys as text), only when JSON gives the
  very same value back (same types all the way down); anything else is parsed every time.
  Broken or refused front matter is never kept: the parser names the problem every time.
- Key: BLAKE2b of :func:`reader_version` (this format, the sources that turn YAML into that
  value, the installed PyYAML) and the block's text. A change to any of them makes new keys;
  old entries age out.
- Where: ``front-matter/`` in the user cache folder (:func:`legreader.files.paths.cache_dir`), one
  JSON file an entry, written atomically, bounded like the claims cache (least recently
  written first).
- Safe against corruption: an entry that is unreadable, truncated, of another key or not a
  mapping of text keys is a miss, and the fresh value is written over it. Never raises.

Plain Python, no Textual, no YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from legreader.files.bounded import prune, write_entry

#: Format of an entry; a change makes every entry a miss.
FORMAT = 1
#: Entries above this size are not kept (front matter is capped far below it anyway).
MAX_ENTRY_BYTES = 256 * 1024
MAX_ENTRIES = 20_000
MAX_BYTES = 64 * 1024 * 1024
#: The size check runs after this many writes in a process (and at the first).
PRUNE_EVERY = 200

#: The sources whose code decides the kept value (YAML loader, cleaning, ``_plain_meta``),
#: relative to the package folder (a test checks each exists).
_SOURCES = ("corpus/loader.py", "text/clean.py")


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A hash of what turns a block into the kept value: changes whenever that code does."""
    import importlib.util

    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"format {FORMAT}".encode())
    package = Path(__file__).resolve().parents[1]
    try:
        for name in _SOURCES:
            digest.update(name.encode())
            digest.update((package / name).read_bytes())
        spec = importlib.util.find_spec("yaml")  # found, not imported
        origin = spec.origin if spec is not None else None
        if origin:
            st = os.stat(origin)
            digest.update(f"yaml {origin} {st.st_size} {st.st_mtime_ns}".encode())
    except (OSError, ImportError, ValueError):
        from legreader import __version__

        return f"v{__version__}"
    return digest.hexdigest()


def cache_folder() -> Path:
    from legreader.files.paths import cache_dir

    return cache_dir() / "front-matter"


def block_key(block: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(reader_version().encode())
    digest.update(block.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry_path(key: str, folder: Path | None) -> Path:
    return (folder or cache_folder()) / f"{key}.json"


def load(block: str, *, folder: Path | None = None) -> dict[str, Any] | None:
    """The value kept for this front matter block, or None (missing, stale or damaged)."""
    try:
        key = block_key(block)
        with open(_entry_path(key, folder), "rb") as fh:
            raw = fh.read(MAX_ENTRY_BYTES + 1)
    except (OSError, UnicodeError):
        return None
    if len(raw) > MAX_ENTRY_BYTES:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    meta = data.get("meta")
    if not isinstance(meta, dict) or not all(isinstance(k, str) for k in meta):
        return None
    return meta


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def store(block: str, meta: dict[str, Any], *, folder: Path | None = None) -> bool:
    """Keep ``meta`` for this block if JSON gives it back unchanged; True if written."""
    try:
        raw = json.dumps(
            {"format": FORMAT, "key": block_key(block), "meta": meta},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        ).encode("utf-8", "surrogatepass")
        if len(raw) > MAX_ENTRY_BYTES or not _same(json.loads(raw)["meta"], meta):
            return False
    except (TypeError, ValueError, RecursionError, UnicodeError):
        return False  # a set, bytes, NaN...: parsed every time
    path = _entry_path(block_key(block), folder)
    if not write_entry(path, raw):
        return False
    _after_write(path.parent)
    return True


_writes = 0


def _after_write(folder: Path) -> None:
    global _writes
    _writes += 1
    if _writes == 1 or _writes % PRUNE_EVERY == 0:
        prune(folder, max_bytes=MAX_BYTES, max_entries=MAX_ENTRIES)
