"""RELIABILITY cases 4 and 19: kill the writer at random; every acknowledged save survives."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legreader.store import AnnotationStore

CHILD = r"""
import random, signal, sys
# The signals' default actions, whatever the runner set (`nohup` ignores SIGHUP, and children
# inherit that).
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from legreader.store import AnnotationStore, make_annotation

db, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
text = "Coffee drinkers lived longer, said a study of 1,200 adults in Leeds. " * 20
store = AnnotationStore.open(db, max_journal_bytes=6000)  # compacts often: kills land there too
ids = [a.id for a in store.all()]
print("OPEN", len(ids), flush=True)
for i in range(100000):
    roll = rng.random()
    if roll < 0.65 or not ids:
        start = rng.randrange(0, len(text) - 40)
        a = make_annotation("art", text, start, start + 30, verdict="accurate", note=f"n{seed}-{i} é")
        print("BEGIN", a.id, flush=True)
        store.add(a)
        ids.append(a.id)
        print("ACK add", a.id, "accurate", flush=True)
    elif roll < 0.9:
        a = store.get(rng.choice(ids))
        a.verdict = rng.choice(["false", "overstated", "misleading"])
        print("BEGIN", a.id, flush=True)
        store.update(a)
        print("ACK set", a.id, a.verdict, flush=True)
    else:
        victim = ids.pop(rng.randrange(len(ids)))
        print("BEGIN", victim, flush=True)
        store.delete(victim)
        print("ACK del", victim, "-", flush=True)
"""


def run_child(script: Path, db: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), str(db), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def apply_acks(out: str, expected: dict[str, str | None]) -> str | None:
    """Update ``expected`` (id -> verdict, None = deleted) from the child's ack lines; return the
    id of the operation in flight when it died (its state may be old or new)."""
    in_flight = None
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "BEGIN" and len(parts) > 1:
            in_flight = parts[1]
        elif parts[0] == "ACK" and len(parts) == 4:  # a line cut by the kill stays in flight
            _, kind, ann_id, verdict = parts
            expected[ann_id] = None if kind == "del" else verdict
            in_flight = None
    return in_flight


def check(db: Path, expected: dict[str, str | None], in_flight: str | None) -> None:
    if db.exists() and db.stat().st_size:
        json.loads(db.read_text(encoding="utf-8"))  # the snapshot always parses
    store = AnnotationStore.open(db, mode="read_only")
    assert store.damage is None, store.damage
    stored = {a.id: a.verdict for a in store.all()}
    for ann_id, verdict in expected.items():
        if ann_id == in_flight:
            continue
        if verdict is None:
            assert ann_id not in stored, f"deleted {ann_id} came back"
        else:
            assert stored.get(ann_id) == verdict, f"acknowledged save of {ann_id} lost"
    assert set(stored) - set(expected) <= {in_flight}


def test_case_4_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    db = tmp_path / "annotations.json"
    rng = random.Random(1234)
    expected: dict[str, str | None] = {}
    acked_total = 0
    for round_no in range(25):
        child = run_child(script, db, round_no)
        time.sleep(rng.uniform(0.15, 0.6))  # start-up (open, replay, compaction) or mid-save
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=20)
        assert child.returncode == -signal.SIGKILL, err
        in_flight = apply_acks(out, expected)
        acked_total += out.count("ACK")
        check(db, expected, in_flight)
        # The in-flight operation is whatever the file says now.
        if in_flight is not None:
            store = AnnotationStore.open(db, mode="read_only")
            got = store.get(in_flight)
            expected[in_flight] = got.verdict if got else None
    assert acked_total > 100, "the child barely wrote anything; the test proves little"
    with AnnotationStore.open(db) as store:  # a normal open recovers and compacts
        assert {a.id for a in store.all()} == {k for k, v in expected.items() if v}
    assert not list(tmp_path.glob(".annotations.json.tmp-*"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_case_19_sigterm_or_sighup_after_edits_keeps_everything_acknowledged(
    tmp_path: Path, sig: signal.Signals
) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    db = tmp_path / "annotations.json"
    child = run_child(script, db, 7)
    assert child.stdout is not None
    lines: list[str] = []
    while sum(line.startswith("ACK") for line in lines) < 30:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else ""
        lines.append(line)
    child.send_signal(sig)
    child.wait(timeout=20)
    rest = child.stdout.read()  # not communicate(): it would skip what readline() buffered
    assert child.returncode == -sig
    expected: dict[str, str | None] = {}
    in_flight = apply_acks("".join(lines) + rest, expected)
    check(db, expected, in_flight)
