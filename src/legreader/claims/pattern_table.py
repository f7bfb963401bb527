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
  there is none yet (a first run, a new version), so that the table is there by the first
  frame and the first article's highlights come with its text, as on any later run. On
  POSIX the child is forked, the first thing the ``legreader`` command does once it knows it
  runs the reader (before Textual is imported, while the process has one thread): no
  interpreter start, no imports to repeat, so it is done in about 150 ms of CPU on the
  second core, well before the text (about 300 ms). It runs at the normal priority until
  then: niced, on a busy machine it was starved and the highlights waited for it. Where it
  cannot fork (other threads running, macOS, Windows) a fresh interpreter is spawned from a
  thread, at the lowest priority, as before. Either way, if it is not done when the first
  article is analysed, the engine waits for it a while (:data:`FORK_WAIT_SECONDS`,
  :data:`BUILD_WAIT_SECONDS`), then compiles its patterns itself, as it would without it.
- The child never touches the terminal (its own session, standard streams on /dev/null)
  and always ends with ``os._exit``. It says it is done through a pipe: one byte after the
  table is written; end-of-file without it (a failure, a killed child) means no table,
  which the engine then compiles itself. A child killed while writing leaves no table (the
  rename is atomic); its temp file is deleted by the next write.

Plain Python, no Textual.

One module over 500 lines because it is one cache: building, writing, reading and checking the
table share one format that must change in one place.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Format of the table file; a change makes every table a miss.
FORMAT = 1
_MAGIC = b"legreader-patterns %d\n" % FORMAT
_DIGEST_BYTES = 32
#: A table larger than this is not read (the engine's is about 1 MB).
MAX_BYTES = 16 * 1024 * 1024
#: How long the engine waits for a background build still running before compiling itself
#: (the build runs at the lowest priority: on a busy machine it may be far from done).
BUILD_WAIT_SECONDS = 0.05
#: The same for a forked build: it started with the process, at the normal priority, so it
#: is always nearer the end than a compile started here would be (waiting for it costs this
#: process nothing; a failed or killed child ends the wait at once).
FORK_WAIT_SECONDS = 1.0
#: Temp files of a killed writer older than this are deleted by the next write.
STALE_TMP_SECONDS = 60.0

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""(flags, code words, groups - 1, group index, index group): ``_sre.compile``'s arguments."""

_CODE_WORD = array("I")
"""Code words are kept as the bytes of an array of 32-bit words (``_sre.CODESIZE``): a
tenth of the reading time of a marshalled list of ints."""

_mirror_ok: bool | None = None
_builder: subprocess.Popen[bytes] | None = None
_spawner: threading.Thread | None = None
_waited = False
_forked: tuple[int, int] | None = None
"""A forked build still running: (its pid, the read end of its pipe)."""
_fork_deadline: float | None = None
"""Until when threads that need the engine wait for the forked build (set by the first)."""
_fork_lock = threading.Lock()
"""Held while a thread looks at (or waits for) the forked build."""


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
                with self._lock:
                    self._entries().pop(key, None)
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
            entries = self._entries()
            # (Patterns compiled before a build in another process wrote its table, e.g. the
            # sentence splitter's at the first text: that table holds them already.)
            fresh = {key: entry for key, entry in self._recorded.items() if key not in entries}
            self._recorded.clear()
            _parsed.clear()
            if not fresh:
                return False
            table = {**entries, **fresh}
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
    if _forked is not None and _forked_done(0, blocking=False) is None:
        return False  # a build started at launch, still running (its table not read yet)
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


def _record(pattern: str, flags: int, *, share: bool = True) -> Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` (the same steps, kept).

    The engine compiles most of its patterns twice, as they are and with ``IGNORECASE``
    (for lower-cased text and for text whose length changes when lower-cased). Parsing is
    the slower half of compiling and does not depend on ``IGNORECASE`` (only the code
    generated from the parsed pattern does: ``_code`` takes the flags), so the second
    compile reuses the first one's parse (about a tenth of the engine's compile time; checked
    on the probe pattern by :func:`_mirror_works`, and on every engine pattern by the
    tests). ``share``: False parses afresh."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    key = (str(pattern), flags & ~_IGNORECASE)  # (plain ints: an enum flag slows every test)
    parsed = _parsed.get(key) if share else None
    if parsed is None:
        parsed = _parser.parse(pattern, key[1])
        if share:
            _parsed[key] = parsed
    code = _compiler._code(parsed, flags)
    try:  # opcodes are int subclasses: plain ints for marshal (the array converts in C)
        words = array(_CODE_WORD.typecode, code).tolist()
    except (OverflowError, TypeError):
        words = [int(word) for word in code]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        words,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


_IGNORECASE = int(re.IGNORECASE)
_parsed: dict[tuple[str, int], Any] = {}
"""Parsed patterns by source and flags less ``IGNORECASE`` (emptied by :func:`save`: the
engine compiles a pattern's two forms while it loads)."""

_PROBE = (r"(?P<word>[a-z]+)\s+(?:\d{1,3}(?:,\d{3})*|(?i:x)+)(?=\.)|(?P=word)?$", re.IGNORECASE)
_PROBE_SHARED = r"[A-Zß]+(?-i:K)\bé(?=[ſs])|[^a-z]"
"""Cased classes and literals whose code differs with ``IGNORECASE``: compiled both ways
from one parse, each must equal ``re.compile``'s."""


def _mirror_works() -> bool:
    """Whether :func:`_record` and :func:`_build` give what ``re.compile`` gives here (also
    from a parse shared between a pattern's forms with and without ``IGNORECASE``)."""
    global _mirror_ok
    if _mirror_ok is None:
        try:
            pattern, flags = _PROBE
            ok = _build(pattern, _record(pattern, flags, share=False)) == re.compile(pattern, flags)
            multiline = int(re.MULTILINE)
            for shared_flags in (0, _IGNORECASE, _IGNORECASE | multiline, multiline):
                shared = _build(_PROBE_SHARED, _record(_PROBE_SHARED, shared_flags))
                ok = ok and shared == re.compile(_PROBE_SHARED, shared_flags)
            _parsed.pop((_PROBE_SHARED, 0), None)
            _parsed.pop((_PROBE_SHARED, multiline), None)
            _mirror_ok = ok
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
        _delete_stale_temp_files(path.parent)
    except OSError:
        return False
    return True


def _delete_stale_temp_files(folder: Path) -> None:
    """Temp files left by a writer killed before its rename (not a live writer's: old ones)."""
    import time

    now = time.time()
    for tmp in folder.glob(".patterns-*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                tmp.unlink()


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


def start_background_build(*, fork: Callable[[], bool] | None = None) -> None:
    """At launch: compile the table in a child process when there is none for this engine,
    so the first article's analysis finds it ready. Never raises; does nothing when the
    table exists, the cache folder cannot be written, or a build has been started already.

    ``fork``: given by the ``legreader`` command at its start (not a library call in someone
    else's process), the build to run in a forked child (load the engine, then :func:`save`:
    :func:`legreader.claims.build_pattern_table`; handed in, as the engine imports this
    module): forked where that is safe (:func:`_can_fork`). Else spawned
    from a thread: starting a process waits for it to run (until its ``exec``), which on a
    busy machine held the app's start for tens of milliseconds."""
    global _spawner
    if _spawner is not None or _forked is not None:
        return
    try:
        path = table_path()
        if path.exists() or not _writable(path.parent):
            return
    except OSError:
        return
    if fork is not None and _can_fork() and _fork_builder(fork):
        return
    _spawner = threading.Thread(target=_spawn_builder, name="legreader-patterns", daemon=True)
    _spawner.start()


def _writable(folder: Path) -> bool:
    """Whether a table could be written in ``folder`` (or its nearest existing parent, where
    it would be made): a read-only cache would have a build at every launch, for nothing."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return os.access(candidate, os.W_OK | os.X_OK)
    return False


def _can_fork() -> bool:
    """Fork only a process with one thread (a fork copies no other thread: a lock another
    thread held stays held in the child for ever), on Linux and the BSDs (macOS's system
    libraries are not safe to use after a fork without exec)."""
    return (
        hasattr(os, "fork")
        and hasattr(os, "setsid")
        and sys.platform != "darwin"
        and threading.active_count() == 1
    )


def _fork_builder(build: Callable[[], bool]) -> bool:
    """Fork the build; False when the fork failed (then a process is spawned instead)."""
    global _forked
    try:
        read_end, write_end = os.pipe()  # (not inherited by later children: close-on-exec)
    except OSError:
        return False
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return False
    if pid == 0:  # the child: never returns
        _run_forked_build(read_end, write_end, build)
    os.close(write_end)
    _forked = (pid, read_end)
    return True


def _run_forked_build(read_end: int, write_end: int, build: Callable[[], bool]) -> None:
    """The forked child: build the table, say so on the pipe, and end (``os._exit``: no
    cleanup of the parent's, no return into its code)."""
    code = 1
    try:
        os.close(read_end)
        os.setsid()  # the terminal's ^C and hang-up are the app's, not its
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        if build():
            os.write(write_end, b"1")
        code = 0
    except BaseException:  # (SystemExit, KeyboardInterrupt: this process ends here all the same)
        pass
    finally:
        os._exit(code)


def _forked_done(timeout: float, *, blocking: bool = True) -> bool | None:
    """Whether the forked build has ended within ``timeout`` seconds: True (table written,
    and to be read again), False (ended without it), None (still running, or another thread
    is waiting for it and ``blocking`` is false). Reaps the child once it has ended."""
    global _forked
    import time

    deadline = time.monotonic() + max(timeout, 0.0)
    if not (_fork_lock.acquire(True, max(timeout, 0.0)) if blocking else _fork_lock.acquire(False)):
        return None
    try:
        forked = _forked
        if forked is None:
            return False
        pid, read_end = forked
        import select

        try:
            ready, _, _ = select.select([read_end], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                return None
            said = os.read(read_end, 1)
        except (OSError, ValueError):
            said = b""
        _forked = None
        with contextlib.suppress(OSError):
            os.close(read_end)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)  # (it has written its byte or closed the pipe: it is ending)
        if said == b"1":
            _default.reload()  # the child has just written it
            return True
        return False
    finally:
        _fork_lock.release()


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


def wait_for_background_build(timeout: float | None = None) -> None:
    """Before the engine loads: give a build still running a moment to finish (compiling
    here competes with the interface for the interpreter), then read its table."""
    global _waited, _fork_deadline
    if _forked is not None:
        # Every thread that needs the engine meanwhile waits, up to the same moment.
        import time

        if _fork_deadline is None:
            wait = FORK_WAIT_SECONDS if timeout is None else timeout
            _fork_deadline = time.monotonic() + wait
        _forked_done(_fork_deadline - time.monotonic())
        return
    if _waited or _spawner is None:
        return
    _waited = True
    timeout = BUILD_WAIT_SECONDS if timeout is None else timeout
    spawner = _spawner
    assert spawner is not None
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
