"""Benchmark the annotation store against stock TinyDB, and re-anchoring.

Run: .venv/bin/python benchmarks/bench_store.py [--n 10000] [--reps 40]

Prints medians only; nothing here asserts on time. Targets (issue 4): saving a verdict, tag or
note <= 16 ms median with 10,000 annotations in the database; re-anchoring an article with 500
annotations <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from legreader.store import AnnotationStore, make_annotation, reanchor_all

WORDS = (
    "study coffee mice risk cancer patients trial effect data researchers found linked "
    "higher lower significant sample group control dose weeks participants results suggest"
).split()


def article(n_words: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 99)) for _ in range(n_words)) + "."


def median_ms(fn: Callable[[int], object], reps: int) -> float:
    times = []
    for i in range(reps):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_saves(n: int, reps: int, folder: Path) -> None:
    text = article(4000, 1)
    anns = []
    for i in range(n):
        start = (i * 37) % (len(text) - 80)
        anns.append(make_annotation(f"art{i % 200}", text, start, start + 60, verdict="accurate"))

    stock_path = folder / "stock.json"
    with TinyDB(stock_path, storage=JSONStorage) as stock:
        stock.insert_multiple(a.to_dict() for a in anns)
        extra = [make_annotation("artX", text, 5, 50).to_dict() for _ in range(reps)]
        stock_ms = median_ms(lambda i: stock.insert(extra[i]), reps)

    store = AnnotationStore.open(folder / "mine.json")
    t0 = time.perf_counter()
    store.merge(anns)
    load_ms = (time.perf_counter() - t0) * 1000
    store.close()
    t0 = time.perf_counter()
    store = AnnotationStore.open(folder / "mine.json")
    open_ms = (time.perf_counter() - t0) * 1000
    ids = [a.id for a in anns]

    def set_verdict(i: int) -> None:
        a = store.get(ids[i])
        assert a is not None
        a.verdict = "overstated" if i % 2 else "misleading"
        store.update(a)

    def add_tag(i: int) -> None:
        a = store.get(ids[(i + n // 3) % n])
        assert a is not None
        a.tags = [*a.tags, f"tag{i % 5}"]
        store.update(a)

    def set_note(i: int) -> None:
        a = store.get(ids[(i + 2 * n // 3) % n])
        assert a is not None
        a.note = f"Note {i}: the headline überstates a mouse study ✓"
        store.update(a)

    new = [make_annotation("artY", text, 10, 70, verdict="false") for _ in range(reps)]
    rows = [
        ("stock TinyDB JSONStorage insert", stock_ms),
        ("AnnotationStore.add (journal, fsync)", median_ms(lambda i: store.add(new[i]), reps)),
        ("AnnotationStore.update verdict", median_ms(set_verdict, reps)),
        ("AnnotationStore.update tag", median_ms(add_tag, reps)),
        ("AnnotationStore.update note", median_ms(set_note, reps)),
    ]
    t0 = time.perf_counter()
    store.close()
    close_ms = (time.perf_counter() - t0) * 1000
    print(f"\nSaving with {n} annotations in the database (median of {reps}):")
    for label, ms in rows:
        print(f"  {label:<40} {ms:8.2f} ms")
    print(
        f"  (bulk import of {n}: {load_ms:.0f} ms; open: {open_ms:.0f} ms; close+compact: {close_ms:.0f} ms)"
    )


def bench_reanchor(reps: int) -> None:
    text = article(12000, 2)
    rng = random.Random(3)
    anns = []
    for _ in range(500):
        start = rng.randrange(0, len(text) - 200)
        anns.append(make_annotation("a", text, start, start + rng.randint(20, 160)))
    shifted = "A new opening paragraph was added by the editor. " * 3 + text
    edited = shifted
    for a in rng.sample(anns, 50):  # edit inside 10% of the passages
        mid = a.start + (a.end - a.start) // 2
        edited = edited[: mid + 150] + " (updated) " + edited[mid + 150 :]
    print(
        f"\nRe-anchoring 500 annotations in a {len(text):,}-character article (median of {reps}):"
    )
    for label, body in (
        ("unchanged", text),
        ("text inserted at the top", shifted),
        ("plus 50 edits", edited),
    ):
        ms = median_ms(partial(lambda b, _i: reanchor_all(anns, b), body), reps)
        statuses: dict[str, int] = {}
        for anchor in reanchor_all(anns, body):
            statuses[anchor.status] = statuses.get(anchor.status, 0) + 1
        print(f"  {label:<28} {ms:8.2f} ms   {statuses}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_saves(args.n, args.reps, Path(tmp))
    bench_reanchor(max(5, args.reps // 4))


if __name__ == "__main__":
    main()
