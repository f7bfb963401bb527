"""Issue 14, launch rows: a database of 10,000 annotations must not slow the first article.

Printed, never asserted (medians of ``--runs`` interleaved runs, the real executable in a
tmux pane, 120x40, sample corpus):

* launch → first article text, legreader with an empty database and with ``--count``
  annotations, against the minimal Textual app (``minimal_app.py``): the ratio (target ≤ 1.4×);
* launch → the first article's annotations on screen (its gutter marks ``▌``), with 1
  annotation and with ``--count`` (``--first`` of them on the first article, the rest spread
  over the others), and the gap after the text (target ≤ 0.1 s);
* ``--against SRC`` times another checkout's ``src`` in the same rounds (A B A B ...).

Run with bytecode cached (``env -u PYTHONDONTWRITEBYTECODE``): otherwise every launch
recompiles the sources.

Run: python benchmarks/bench_launch_annotated.py [--runs 9] [--count 10000] [--first 40]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
SAMPLE = ROOT / "sample_corpus"
SRC = ROOT / "src"
#: The first article's text (newest first) starts with this paragraph.
TEXT_MARKER = "Ground-breaking research"
#: A gutter mark: an annotated paragraph of the body (just right of the body's border).
MARK = re.compile("│ ▌ ")
VERDICTS = ["accurate", "misleading", "overstated", "unsupported", "false"]


def _tmux(sock: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout


def first_article_and_others() -> tuple[tuple[str, str], list[tuple[str, str]]]:
    sys.path.insert(0, str(SRC))
    from legreader.corpus.loader import load_corpus

    corpus = load_corpus([SAMPLE])
    articles = [(a.id, a.body) for a in corpus.all_articles()]
    first = next(a for a in articles if TEXT_MARKER in a[1])
    return first, [a for a in articles if a is not first]


def make_db(path: Path, count: int, on_first: int) -> None:
    """``count`` annotations on sentences of the sample corpus, ``on_first`` of them on the
    first article (the one open at launch), in the store's own snapshot format."""
    from legreader.claims import sentences
    from legreader.store.model import make_annotation
    from legreader.store.schema import SCHEMA_VERSION, serialise_snapshot

    rng = random.Random(14)
    first, others = first_article_and_others()
    docs = []
    for n in range(count):
        article_id, body = first if n < on_first else others[n % len(others)]
        spans = sentences(body)
        start, end = spans[rng.randrange(len(spans))]
        if n == 0:  # on the paragraph the reader sees first
            start, end = next(s for s in spans if TEXT_MARKER in body[s[0] : s[1]])
        ann = make_annotation(
            article_id, body, start, end, verdict=rng.choice(VERDICTS), id=f"b{n:07d}"
        )
        docs.append(ann.to_dict())
    tables = {"annotations": {str(i): d for i, d in enumerate(docs, 1)}, "article_notes": {}}
    meta = {"schema_version": SCHEMA_VERSION, "generation": uuid.uuid4().hex}
    path.write_bytes(serialise_snapshot(tables, meta))  # type: ignore[arg-type]


def launch(command: str, wants_marks: bool, timeout: float = 60.0) -> tuple[float, float]:
    """(launch → the first article's text, launch → its annotation marks) in seconds."""
    sock = "launch-" + uuid.uuid4().hex[:8]
    start = time.perf_counter()
    _tmux(sock, "-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", command)
    text = marks = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            screen = _tmux(sock, "capture-pane", "-p", "-t", "b")
            now = time.perf_counter() - start
            if text != text and (TEXT_MARKER in screen or "MINIMAL READY" in screen):
                text = now
            if wants_marks and marks != marks and MARK.search(screen):
                marks = now
            if text == text and (marks == marks or not wants_marks):
                break
            time.sleep(0.005)
    finally:
        _tmux(sock, "kill-server")
    return text, marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=40, help="annotations on the first article")
    parser.add_argument("--against", type=Path, help="another checkout's src, interleaved")
    args = parser.parse_args()
    srcs = {"this": SRC}
    if args.against:
        srcs["against"] = args.against.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dbs = {"empty": folder / "empty.json", "one": folder / "one.json"}
        dbs["many"] = folder / "many.json"
        make_db(dbs["one"], 1, 1)
        make_db(dbs["many"], args.count, args.first)
        print(
            f"databases: 1 annotation; {args.count:,} annotations, {args.first} on the first "
            f"article ({dbs['many'].stat().st_size / (1 << 20):.1f} MB)"
        )
        minimal = f"{sys.executable} {HERE / 'minimal_app.py'}"
        series: dict[str, list[float]] = {}

        def add(name: str, value: float) -> None:
            series.setdefault(name, []).append(value)

        for _ in range(args.runs):
            add("minimal", launch(minimal, False)[0])
            for which, src in srcs.items():
                for case, db in dbs.items():
                    work = folder / f"run-{case}.json"
                    if db.exists():
                        work.write_bytes(db.read_bytes())
                    cmd = f"env PYTHONPATH={src} {sys.executable} -m legreader {SAMPLE} --db {work}"
                    text, marks = launch(cmd, case != "empty")
                    add(f"{which}/{case}/text", text)
                    add(f"{which}/{case}/marks", marks)
                    add(f"{which}/{case}/gap", marks - text)
                    for leftover in folder.glob(work.name + "*"):
                        leftover.unlink()

        def med(name: str) -> float:
            values = [v for v in series.get(name, []) if v == v]
            return statistics.median(values) if values else float("nan")

        base = med("minimal")
        print(f"medians of {args.runs} runs, tmux 120x40:")
        print(f"  minimal Textual app, launch → text        {base * 1000:6.0f} ms")
        for which, src in srcs.items():
            print(f"  legreader [{which}: {src}]")
            for case in dbs:
                text = med(f"{which}/{case}/text")
                print(
                    f"    {case:5s} db: launch → first text     {text * 1000:6.0f} ms  "
                    f"{text / base:4.2f}x minimal (target <= 1.4x)"
                )
                if case != "empty":
                    print(
                        f"              launch → its annotations {med(f'{which}/{case}/marks') * 1000:6.0f} ms  "
                        f"gap after the text {med(f'{which}/{case}/gap') * 1000:5.0f} ms (target <= 100 ms)"
                    )


if __name__ == "__main__":
    main()
