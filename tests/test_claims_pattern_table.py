"""The table of compiled claim-engine patterns kept across runs (legreader.claims.pattern_table).

A pattern rebuilt from the table must equal what ``re.compile`` makes (``re.Pattern``
compares flags, source and compiled code); a damaged table is ignored and written anew.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from legreader.claims import pattern_table
from legreader.claims.cues import Cue
from legreader.claims.pattern_table import PatternTable, read_table, table_path, write_table

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_corpus"

PATTERNS: list[tuple[str, int]] = [
    (r"\b(?:may|might|could)\b", re.IGNORECASE),
    (r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|per\s?cent)", 0),
    (r"(?<![\w-])(?:caus|lead)(?:es|ed|ing)?\b", re.IGNORECASE | re.MULTILINE),
    (
        r"""
        (?P<approx>about|nearly)?\s*   # verbose layout
        (?P<n>\d+)
    """,
        re.VERBOSE | re.IGNORECASE,
    ),
    (r"[“\"][^”\"]{12,}[.?!][”\"]", 0),
    (r"(?i:Study)|(?-i:MAY)|é+ß", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
]


def _same(table: PatternTable) -> None:
    for source, flags in PATTERNS:
        assert table.compile(source, flags) == re.compile(source, flags)


def test_round_trip_equals_re_compile(tmp_path: Path) -> None:
    path = tmp_path / "patterns-x.bin"
    first = PatternTable(path)
    _same(first)
    assert first.recorded == len(PATTERNS)
    assert first.save()
    assert path.exists()
    second = PatternTable(path)
    _same(second)
    assert second.hits == len(PATTERNS)
    assert second.recorded == 0
    assert not second.save()  # nothing new: not written again


def test_str_subclass_source_is_kept(tmp_path: Path) -> None:
    """The engine's Cue sources (a str subclass) are keyed by their text; the pattern keeps
    the very object it was given as its ``pattern``, as ``re.compile`` does."""
    cue = Cue(r"\b", ["suggests", "shows"], r"\b")
    path = tmp_path / "patterns-x.bin"
    table = PatternTable(path)
    table.compile(cue, re.IGNORECASE)
    assert table.save()
    again = PatternTable(path).compile(cue, re.IGNORECASE)
    assert again == re.compile(cue, re.IGNORECASE)
    assert again.pattern is cue


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "patterns-x.bin"
    table = PatternTable(path)
    _same(table)
    assert table.save()
    return path


def _with_digest(payload: bytes) -> bytes:
    digest = hashlib.blake2b(payload, digest_size=32).digest()
    return pattern_table._MAGIC + digest + payload


def _damages(good: bytes) -> dict[str, bytes]:
    head = len(pattern_table._MAGIC) + 32
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0xFF
    rows = marshal.loads(good[head:])
    bad_code = [(p, f, ff, b"\xff\xff\xff\x7f" * 4, *rest) for p, f, ff, _c, *rest in rows]
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "one byte flipped": bytes(flipped),
        "other magic": b"legreader-patterns 0\n" + good[len(pattern_table._MAGIC) :],
        "garbage": os.urandom(4096),
        "nuls": b"\x00" * 1000,
        "wrong shape, right digest": _with_digest(marshal.dumps({"a": 1})),
        "short rows, right digest": _with_digest(marshal.dumps([("x", 0, 0)])),
        "code _sre refuses, right digest": _with_digest(marshal.dumps(bad_code)),
        "ragged code, right digest": _with_digest(
            marshal.dumps([(p, f, ff, c[:-1], *rest) for p, f, ff, c, *rest in rows])
        ),
    }


@pytest.mark.parametrize(
    "damage",
    [
        "empty",
        "truncated",
        "one byte flipped",
        "other magic",
        "garbage",
        "nuls",
        "wrong shape, right digest",
        "short rows, right digest",
        "code _sre refuses, right digest",
        "ragged code, right digest",
    ],
)
def test_damaged_table_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    path = _saved(tmp_path)
    path.write_bytes(_damages(path.read_bytes())[damage])
    table = PatternTable(path)
    _same(table)  # every pattern still right: compiled as usual
    assert table.recorded == len(PATTERNS)
    assert table.save()  # written anew...
    rebuilt = read_table(path)
    assert rebuilt is not None and len(rebuilt) == len(PATTERNS)  # ...and readable
    fresh = PatternTable(path)
    _same(fresh)
    assert fresh.hits == len(PATTERNS)


def test_unreadable_or_unwritable_folder_means_no_table(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    table = PatternTable(blocker / "patterns-x.bin")
    _same(table)
    assert not table.save()  # never raises


def test_other_versions_tables_are_deleted(tmp_path: Path) -> None:
    old = tmp_path / "patterns-old.bin"
    old.write_bytes(b"old")
    entry = tmp_path / "entry.json"  # an analysis cache entry: kept
    entry.write_text("{}", encoding="utf-8")
    assert write_table({}, tmp_path / "patterns-new.bin")
    assert not old.exists() and entry.exists()
    assert read_table(tmp_path / "patterns-new.bin") == {}


_RUN = """
import json, re, sys
from pathlib import Path
import legreader.claims as claims
from legreader.claims import pattern_table
engine = claims.load_engine()
from legreader.claims import causal, cues, quantities
differ = []
count = 0
for module in (cues, quantities, causal, engine):
    for name, value in vars(module).items():
        for item in value if isinstance(value, (tuple, list)) else [value]:
            for rx in item if isinstance(item, tuple) else (item,):
                if isinstance(rx, re.Pattern):
                    count += 1
                    if re.compile(rx.pattern, rx.flags) != rx:
                        differ.append(name)
claims_out = [
    [c.to_json() for c in engine.analyze(p.read_text(encoding="utf-8"))]
    for p in sorted(Path(sys.argv[1]).glob("*.md"))
]
print(json.dumps({
    "hits": pattern_table._default.hits,
    "count": count,
    "differ": differ,
    "claims": claims_out,
    "table": pattern_table.table_path().exists(),
}))
"""


def _engine_run(cache: Path) -> dict[str, object]:
    env = dict(os.environ, LEGREADER_CACHE=str(cache), PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_engine_loads_from_its_table_with_the_same_claims(tmp_path: Path) -> None:
    """First run: patterns compiled and the table written. Second run: every pattern comes
    from the table, each equals ``re.compile``'s, and the claims are the same."""
    first = _engine_run(tmp_path)
    assert first["table"] is True
    second = _engine_run(tmp_path)
    assert second["differ"] == [] and first["differ"] == []
    assert isinstance(second["hits"], int) and second["hits"] >= 100
    assert second["claims"] == first["claims"]
    claims = first["claims"]
    assert isinstance(claims, list) and any(claims)  # (the sample corpus has claims)


def test_background_build_writes_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGREADER_CACHE", str(tmp_path))
    monkeypatch.setattr(pattern_table, "_spawner", None)
    monkeypatch.setattr(pattern_table, "_waited", False)
    path = table_path()
    assert not path.exists()
    pattern_table.start_background_build()
    pattern_table.wait_for_background_build(timeout=120)
    assert path.exists()
    table = read_table(path)
    assert table is not None and len(table) >= 100
    monkeypatch.setattr(pattern_table, "_spawner", None)
    pattern_table.start_background_build()  # the table is there: nothing started
    assert pattern_table._spawner is None


# The forked build (the `legreader` command's first run): each case runs in a fresh
# interpreter, as the command does (a fork of the test process would copy pytest).
_FORKED = """
import json, os, signal, sys, threading
from pathlib import Path
from legreader.claims import build_pattern_table as build
from legreader.claims import pattern_table as pt
pt.FORK_WAIT_SECONDS = 120  # (a busy test machine: the result, not the timing, is tested)
case = sys.argv[1]
path = pt.table_path()
stale = path.with_name(".patterns-killed.tmp")
if case == "damaged":  # the child says it wrote the table, and what it wrote is garbage
    def build():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"legreader-patterns 1\\n" + os.urandom(64))
        return True
elif case == "killed":  # the child dies while writing, before its rename
    def build():
        path.parent.mkdir(parents=True, exist_ok=True)
        stale.write_bytes(b"legreader-patterns 1\\n" + b"x" * 100)
        os.utime(stale, (0, 0))  # (as if left by a run long ago)
        os.kill(os.getpid(), signal.SIGKILL)
assert pt._can_fork()
pt.start_background_build(fork=build)
assert pt._forked is not None and pt._spawner is None
child = pt._forked[0]
pt.wait_for_background_build()
after_wait = {"forked": pt._forked, "table": pt.read_table(path) is not None}
import legreader.claims as claims
engine = claims.load_engine()
text = Path(sys.argv[2]).read_text(encoding="utf-8")
try:
    os.waitpid(child, os.WNOHANG)
    reaped = False
except ChildProcessError:
    reaped = True
table = pt.read_table(path)
print(json.dumps({
    **after_wait,
    "reaped": reaped,
    "hits": pt._default.hits,
    "saved": table is not None and len(table) >= 100,
    "stale": stale.exists(),
    "claims": [c.to_json() for c in engine.analyze(text)],
}))
"""


def _forked_run(tmp_path: Path, case: str) -> dict[str, object]:
    env = dict(os.environ, LEGREADER_CACHE=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    article = sorted(SAMPLE.glob("*.md"))[0]
    out = subprocess.run(
        [sys.executable, "-c", _FORKED, case, str(article)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


@pytest.mark.skipif(not pattern_table._can_fork(), reason="no fork here")
def test_forked_build_hands_over_its_table(tmp_path: Path) -> None:
    """The child forked at launch writes the table; the engine is then rebuilt from it
    (nothing compiled here) and the child is reaped."""
    run = _forked_run(tmp_path, "ok")
    assert run["forked"] is None and run["table"] is True and run["reaped"] is True
    assert isinstance(run["hits"], int) and run["hits"] >= 100
    assert run["claims"] == _forked_run(tmp_path / "other", "damaged")["claims"]


@pytest.mark.skipif(not pattern_table._can_fork(), reason="no fork here")
def test_forked_build_with_a_damaged_table_is_ignored(tmp_path: Path) -> None:
    """The child says it is done but its table is damaged: the engine compiles its patterns
    itself (the same claims) and writes a good table over it."""
    run = _forked_run(tmp_path, "damaged")
    assert run["table"] is False and run["reaped"] is True
    assert run["hits"] == 0 or (isinstance(run["hits"], int) and run["hits"] < 100)
    assert run["saved"] is True
    assert run["claims"] and run["claims"] == _forked_run(tmp_path / "ok", "ok")["claims"]


@pytest.mark.skipif(not pattern_table._can_fork(), reason="no fork here")
def test_killed_build_leaves_no_partial_table(tmp_path: Path) -> None:
    """A child killed mid-write: the wait ends at once (its pipe closes), there is no table
    (it is renamed into place only when complete), the engine compiles and writes one, and
    the dead writer's temp file is deleted by that write."""
    run = _forked_run(tmp_path, "killed")
    assert run["forked"] is None and run["table"] is False and run["reaped"] is True
    assert run["saved"] is True and run["stale"] is False
    assert run["claims"]


def test_no_fork_while_other_threads_run() -> None:
    """A fork copies only the calling thread: with another thread running, the build is
    spawned instead (no lock it held stays held in the child)."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pattern_table._can_fork()
    finally:
        stop.set()
        thread.join()


def test_patterns_another_process_wrote_meanwhile_are_not_written_again(tmp_path: Path) -> None:
    """Patterns compiled here before the launch's build wrote its table (the sentence
    splitter's, at the first text) are in that table: reading it again leaves nothing to
    write."""
    path = tmp_path / "patterns-x.bin"
    here = PatternTable(path)
    _same(here)  # no table yet: compiled and recorded
    other = PatternTable(path)
    _same(other)
    assert other.save()  # the build in the other process
    before = path.stat().st_mtime_ns
    here.reload()
    assert not here.save()
    assert path.stat().st_mtime_ns == before
    _same(here)


_TWO_WAITERS = """
import json, threading
from legreader.claims import build_pattern_table
from legreader.claims import pattern_table as pt
pt.FORK_WAIT_SECONDS = 120  # (a busy test machine: the result, not the timing, is tested)
pt.start_background_build(fork=build_pattern_table)
assert pt._forked is not None
first = threading.Thread(target=pt.wait_for_background_build)
first.start()  # (the analysis worker, waiting for the build)
import legreader.claims as claims
claims.load_engine()  # another thread needing the engine meanwhile: waits too
first.join()
print(json.dumps({"hits": pt._default.hits, "forked": pt._forked is not None}))
"""


@pytest.mark.skipif(not pattern_table._can_fork(), reason="no fork here")
def test_every_thread_needing_the_engine_waits_for_the_forked_build(tmp_path: Path) -> None:
    """A second thread loading the engine while the first waits for the build does not
    compile the patterns itself: it waits for the same build and reads its table."""
    env = dict(os.environ, LEGREADER_CACHE=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", _TWO_WAITERS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    run = json.loads(out.stdout)
    assert run["forked"] is False and run["hits"] >= 100


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX modes, not root")
def test_no_build_started_for_a_read_only_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be written: no child at all (it would build at every
    launch, and the engine would wait for it before compiling anyway)."""
    monkeypatch.setenv("LEGREADER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pattern_table, "_spawner", None)
    monkeypatch.setattr(pattern_table, "_forked", None)
    tmp_path.chmod(0o500)
    try:
        pattern_table.start_background_build()
        assert pattern_table._spawner is None and pattern_table._forked is None
    finally:
        tmp_path.chmod(0o700)


def test_no_build_started_where_no_folder_can_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LEGREADER_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(pattern_table, "_spawner", None)
    monkeypatch.setattr(pattern_table, "_forked", None)
    pattern_table.start_background_build()
    assert pattern_table._spawner is None and pattern_table._forked is None
