"""The claim engine's compiled regular expressions, kept across runs.

The engine compiles about 130 patterns when it loads (cue tables, quantities, causal
shapes). CPython's ``re`` parses and compiles in pure Python: about 100 ms, spent on the
thread that analyses the first article, so its highlights came a visible beat after the
text on a first opening. A compiled pattern cannot be pickled (pickling keeps the source and
compiles again), so this table keeps what the compiler produces instead: each pattern's
flags, code words and groups, from which ``_sre.compile`` (the constructor ``re.compile``
itself ends with) rebuilds the same pattern object in microseconds.

- Use: the engine's modules import :mod:`legreader.claims.regex` as ``re``; its
  ``compile`` is :func:`compile_pattern`. A pattern found in the table is rebuilt from it;
  any other is compiled, recorded, and written by :func:`save` once the engine is loaded.
- Key: one file per engine version (:func:`legreader.claims.cache.engine_version`) and
  Python build (the version and ``_sre.MAGIC``: the code words are CPython's own format),
  in ``claims/`` of the user cache folder; within it, entries are keyed by the pattern's
  source and flags, so a pattern edited in place is simply missed and recorded again.
- Safe against corruption: the file is a magic line, a BLAKE2b digest and a ``marshal``
  payload. A wrong magic, digest or shape makes the whole table a miss, and an entry whose
  code ``_sre`` refuses (it validates the code) that entry: such patterns are compiled as
  usual and the file is rewritten.
- Never wrong: the record path mirrors ``re._compiler.compile``; before it records anything
  in a process it checks that mirror against ``re.compile`` on a probe pattern (named
  groups, flags, inline flags) and compares equal, else nothing is read or recorded and
  every pattern is compiled by ``re`` (as on a Python whose ``re`` internals differ).
- Writes are atomic (a temp file renamed over the table); other versions' tables are
  deleted when a new one is written. Never raises: no cache folder means no table.
- :func:`loads_fast` says whether the engine is loaded or would load from a readable table
  (about 10 ms): the app then analyses a new article's visible part with its text.
- :func:`start_background_build` compiles the table in a child process at launch, when
  there is none yet (a first run, a new version): on a machine with a spare core the table
  is then there by the first frame. The child runs at the lowest CPU priority (on a machine
  busy with other work it still delayed that first launch's text by 40-110 ms); if it is not
  done when the first article is analysed, the engine compiles its patterns itself, as it
  would without the child.

Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import shutil
import subprocess
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

#: Format of the table file; a change makes every table a miss.
FORMAT = 1
_MAGIC = b"legreader-patterns %d\n" % FORMAT
_DIGEST_BYTES = 32
#: A table larger than this is not read (the engine's is about 0.5 MB).
MAX_BYTES = 16 * 1024 * 1024
#: How long the engine waits for a background build still running before compiling itself
#: (the build runs at the lowest priority: on a busy machine it may be far from done).
BUILD_WAIT_SECONDS = 0.05

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""(flags, code words, groups - 1, group index, index group): ``_sre.compile``'s arguments."""

_CODE_WORD = array("I")
"""Code words are kept as the bytes of an array of 32-bit words (``_sre.CODESIZE``): a
tenth of the reading time of a marshalled list of ints."""

_mirror_ok: bool | None = None
_builder: subprocess.Popen[bytes] | None = None
_spawner: threading.Thread | None = None
_waited = False


def table_path(folder: Path | None = None) -> Path:
    """The table file for this engine and this Python."""
    from .cache import cache_folder, engine_version

    digest = hashlib.blake2b(digest_size=10)
    digest.update(engine_version().encode())
    digest.update(sys.version.encode())
    digest.update(str(_sre_magic()).encode())
    return (folder or cache_folder()) / f"patterns-{digest.hexdigest()}.bin"


def _sre_magic() -> int:
    import _sre

    return int(getattr(_sre, "MAGIC", 0))


class PatternTable:
    """Compiled patterns read from one table file, and those compiled since (thread-safe)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        """The file (None: :func:`table_path`, looked up on first use)."""
        self._lock = threading.Lock()
        self._read: dict[tuple[str, int], Entry] | None = None
        """The entries read from the file (None: not read yet)."""
        self._recorded: dict[tuple[str, int], Entry] = {}
        """Entries compiled here that the file does not hold."""
        self.hits = 0
        """Patterns rebuilt from the file."""

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = table_path()
        return self._path

    @property
    def recorded(self) -> int:
        """Patterns compiled here that :meth:`save` would write."""
        return len(self._recorded)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, rebuilt from the table when it holds the pattern."""
        flags = int(flags)
        if not isinstance(pattern, str) or flags & re.DEBUG or not _mirror_works():
            return re.compile(pattern, flags)
        key = (str(pattern), flags)  # (a str subclass is kept as its text: marshal takes str)
        with self._lock:
            entry = self._entries().get(key) or self._recorded.get(key)
        if entry is not None:
            try:
                compiled = _build(pattern, entry)
            except Exception:  # refused by _sre (a damaged entry): compiled, recorded anew
                pass
            else:
                self.hits += 1
                return compiled
        entry = _record(pattern, flags)
        with self._lock:
            self._recorded[key] = entry
        return _build(pattern, entry)

    def _entries(self) -> dict[tuple[str, int], Entry]:
        if self._read is None:
            self._read = read_table(self.path) or {}
        return self._read

    def has_entries(self) -> bool:
        """The file was read and holds patterns (reads it now if not read yet)."""
        with self._lock:
            return bool(self._entries())

    def reload(self) -> None:
        """Read the file again at the next pattern (another process has just written it)."""
        with self._lock:
            self._read = None

    def save(self) -> bool:
        """Write the table when patterns were compiled here that it did not hold (the first
        run of an engine version, or a damaged table). False when nothing was written.
        Never raises."""
        with self._lock:
            if not self._recorded:
                return False
            table = {**self._entries(), **self._recorded}
            self._recorded.clear()
            self._read = table
        return write_table(table, self.path)


_default = PatternTable()
"""The engine's table (in the user cache folder)."""


def loads_fast() -> bool:
    """Whether the engine is loaded, or would load from a readable table (about 10 ms, not
    100): the app then analyses the visible part of a new article with its text."""
    engine = sys.modules.get("legreader.claims.engine")
    if engine is not None:  # loaded, unless another thread is loading it right now
        return not getattr(engine.__spec__, "_initializing", False)
    return _mirror_works() and _default.has_entries()


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for the engine's modules: rebuilt from the table kept across runs."""
    return _default.compile(pattern, flags)


def save() -> bool:
    """Write the engine's table if this process compiled patterns it lacked."""
    return _default.save()


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled


def _record(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` (the same steps, kept)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        [int(word) for word in code],  # opcodes are int subclasses: plain ints for marshal
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


_PROBE = (r"(?P<word>[a-z]+)\s+(?:\d{1,3}(?:,\d{3})*|(?i:x)+)(?=\.)|(?P=word)?$", re.IGNORECASE)


def _mirror_works() -> bool:
    """Whether :func:`_record` and :func:`_build` give what ``re.compile`` gives here."""
    global _mirror_ok
    if _mirror_ok is None:
        try:
            pattern, flags = _PROBE
            _mirror_ok = _build(pattern, _record(pattern, flags)) == re.compile(pattern, flags)
        except Exception:
            _mirror_ok = False
    return _mirror_ok


def read_table(path: Path) -> dict[tuple[str, int], Entry] | None:
    """The entries of a table file, or None (missing, damaged or of another format)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST_BYTES
    if len(raw) > MAX_BYTES or len(raw) < head or not raw.startswith(_MAGIC):
        return None
    payload = raw[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest() != raw[len(_MAGIC) : head]:
        return None
    try:
        rows = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return _checked(rows)


def _checked(rows: Any) -> dict[tuple[str, int], Entry] | None:
    if not isinstance(rows, list):
        return None
    table: dict[tuple[str, int], Entry] = {}
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 7):
            return None
        pattern, flags, final_flags, code, groups, groupindex, indexgroup = row
        if not (
            isinstance(pattern, str)
            and type(flags) is int
            and type(final_flags) is int
            and type(code) is bytes
            and len(code) % _CODE_WORD.itemsize == 0
            and type(groups) is int
            and type(groupindex) is dict
            and type(indexgroup) is tuple
            and len(indexgroup) == groups + 1
        ):
            return None
        words = array(_CODE_WORD.typecode)
        words.frombytes(code)  # (the words are checked by _sre.compile, which refuses bad code)
        table[(pattern, flags)] = (final_flags, words.tolist(), groups, groupindex, indexgroup)
    return table


def write_table(table: dict[tuple[str, int], Entry], path: Path) -> bool:
    """Write a table file atomically, and delete other versions' tables beside it."""
    try:
        rows = [
            (p, f, flags, array(_CODE_WORD.typecode, code).tobytes(), *groups)
            for (p, f), (flags, code, *groups) in table.items()
        ]
        payload = marshal.dumps(rows)
    except (ValueError, OverflowError, TypeError):
        return False
    digest = hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            with open(tmp, "xb") as fh:
                fh.write(_MAGIC + digest + payload)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for old in path.parent.glob("patterns-*.bin"):  # other versions' tables
            if old.name != path.name:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        return False
    return True


_BUILD_SCRIPT = """
import os
try:
    os.nice(19)  # a spare core's work: never the app's
except (AttributeError, OSError):
    pass
# Loading the engine compiles its patterns (those the table lacks are recorded); then the
# table is written. The engine is imported here, not by this module: it imports this one.
import legreader.claims.engine
from legreader.claims import pattern_table
pattern_table.save()
"""


def start_background_build() -> None:
    """At launch: compile the table in a child process when there is none for this engine,
    so the first article's analysis finds it ready. Never raises; does nothing when the
    table exists, the cache folder cannot be written, or a build has been started already.

    The child is started from a thread: starting a process waits for it to run (until its
    ``exec``), which on a busy machine held the app's start for tens of milliseconds."""
    global _spawner
    if _spawner is not None:
        return
    try:
        if table_path().exists():
            return
    except OSError:
        return
    _spawner = threading.Thread(target=_spawn_builder, name="legreader-patterns", daemon=True)
    _spawner.start()


def _spawn_builder() -> None:
    global _builder
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    # Niced from its first instruction (the interpreter's start is 20 ms of CPU).
    nice = shutil.which("nice")
    command = [sys.executable, "-c", _BUILD_SCRIPT]
    try:
        _builder = subprocess.Popen(
            [nice, "-n", "19", *command] if nice else command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # the terminal's ^C and hang-up are the app's, not its
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        _builder = None


def wait_for_background_build(timeout: float = BUILD_WAIT_SECONDS) -> None:
    """Before the engine loads: give a build still running a moment to finish (compiling
    here competes with the interface for the interpreter), then read its table."""
    global _waited
    spawner = _spawner
    if spawner is None or _waited:
        return
    _waited = True
    spawner.join(timeout)
    builder = _builder
    if builder is None or spawner.is_alive():
        return
    try:
        builder.wait(timeout)
    except subprocess.TimeoutExpired:
        return  # compiled here instead; the child finishes on its own
    if builder.returncode == 0:
        _default.reload()  # the child has just written it
