"""Timings the tests used to assert, measured here instead (tests keep only hang watchdogs).

Run: ``PYTHONPATH=src python benchmarks/bench_guards.py [--runs 5]``. Prints medians of:

- formatting one quote citation (every style), per call; target < 5 ms;
- listing a generated corpus of 2,000 files (front matter and head only); target < 10 s
  (about 1 s on a laptop);
- skipping a sparse file over the size cap, a 10 MB one-line file, and listing a 4 MB
  one-line article from its head; target < 1 s each;
- how soon a long comparison stops once its ``cancelled`` flag is set; target < 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from legreader.cite import QuoteStyle, SourceInfo, cite_quote
from legreader.compare import compare_articles, inputs_from_corpus
from legreader.corpus.loader import MAX_FILE_BYTES, load_corpus
from legreader.files.resources import sample_corpus_dir
from legreader.work.cancel import Cancelled

SOURCE = SourceInfo(
    title="A press article",
    outlet="An outlet",
    authors=("Ann Author",),
    date="2018-06-10",
    url="https://example.org/a",
)
STUDY = SourceInfo(
    title="A study",
    outlet="A journal",
    authors=("Bea Researcher", "Carl Scientist"),
    date="2021-06-24",
    url="https://doi.org/10.0000/x",
)


def median_of(runs: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(runs))


def quote_formatting() -> float:
    start = time.perf_counter()
    for _ in range(200):
        for style in QuoteStyle:
            cite_quote("Leg use matters.", SOURCE, style, study=STUDY)
    return (time.perf_counter() - start) / (200 * len(QuoteStyle))


def generated_listing(root: Path) -> Callable[[], float]:
    for i in range(2000):
        sub = root / f"d{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:05d}.md").write_text(
            f"---\ntitle: Article {i}\npublished: 2020-01-{i % 28 + 1:02d}\n---\nBody {i}.\n",
            encoding="utf-8",
        )

    def run() -> float:
        start = time.perf_counter()
        corpus = load_corpus([root])
        assert len(corpus.articles) == 2000
        return time.perf_counter() - start

    return run


def listing_of(folder: Path) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        load_corpus([folder])
        return time.perf_counter() - start

    return run


def cancel_latency() -> float:
    articles, primary = inputs_from_corpus(load_corpus([sample_corpus_dir()]))
    big = articles[0]
    text = "\n\n".join(a.body for a in articles) * 10
    articles[0] = type(big)(big.id, big.title, text)
    flag, checks, asked = threading.Event(), [0], [0.0]

    def cancelled() -> bool:
        checks[0] += 1
        if checks[0] == 2000:
            asked[0] = time.perf_counter()
            flag.set()
        return flag.is_set()

    try:
        compare_articles(articles, primary, cancelled=cancelled)
    except Cancelled:
        return time.perf_counter() - asked[0]
    return float("nan")  # finished before 2,000 checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"quote citation, per call: {median_of(runs, quote_formatting) * 1000:.3f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"listing 2,000 files: {median_of(runs, generated_listing(root / 'gen')):.3f} s")
        for name, make in (
            ("sparse file over the cap", lambda p: _sparse(p / "huge.md")),
            ("10 MB on one line", lambda p: (p / "one.txt").write_bytes(b"x" * 10 * 2**20)),
            (
                "4 MB one-line article",
                lambda p: (p / "l.txt").write_text("word " * 800 * 1024, encoding="utf-8"),
            ),
        ):
            folder = root / name.replace(" ", "-")
            folder.mkdir()
            make(folder)
            print(f"listing, {name}: {median_of(runs, listing_of(folder)):.3f} s")
    print(f"compare stops after the flag: {median_of(runs, cancel_latency) * 1000:.1f} ms")


def _sparse(path: Path) -> None:
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)


if __name__ == "__main__":
    main()
