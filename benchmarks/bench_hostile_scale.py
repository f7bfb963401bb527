"""Issue 15, item 10: a large annotation database must not freeze the app.

Two valid databases are generated in a temp folder (never in the repository):

* ``many``: 400,000 annotations on the sample corpus's articles (about 200 MB of JSON);
* ``huge-note``: one annotation whose note is about 200 MB of words;
* ``baseline``: an empty database, for the app's own start-up on this machine.

Printed, never asserted (medians of ``--runs``):

* launch → first frame (the sidebar drawn) and launch → a key answered, with the real
  executable in tmux: ``?`` pressed as soon as the first frame shows (answered: the help
  screen drawn) and ``j`` (answered: the sidebar's cursor drawn on the next article), each
  also as "key sent → answered" and against the empty database (``baseline``);
* ``--against SRC`` times another checkout's ``src`` in the same rounds (A B A B ...) and
  prints the ratios; ``--keep DIR`` keeps the generated databases for the next run;
* peak RSS (VmHWM) of a headless run that waits until every background job is done (database
  open, sidebar counts, search index built), in a subprocess capped at ``--cap-gb`` of address
  space so a runaway build fails instead of taking the machine.

Targets: a key answered within 1 s of launch on ``many``; peak RSS under 1 GB on ``huge-note``.

Run with bytecode cached (``env -u PYTHONDONTWRITEBYTECODE``):
python benchmarks/bench_hostile_scale.py [--runs 3] [--only baseline --only many] [--keys ?,j]
    [--against ../main/src] [--keep /tmp/dbs] [--no-rss] [--profile]
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"
SRC = ROOT / "src"

VERDICTS = ["accurate", "misleading", "overstated", "unsupported", "false", None]
WORDS = "leg strength brain memory older adults study exercise cells neurons signal".split()


def _articles() -> list[tuple[str, str]]:
    sys.path.insert(0, str(SRC))
    from legreader.corpus.loader import load_corpus

    corpus = load_corpus([SAMPLE])
    return [(a.id, a.body) for a in corpus.all_articles()]


def _write_db(path: Path, docs: list[dict[str, object]]) -> None:
    """The store's own snapshot format (sorted, indented JSON with a ``_meta`` table)."""
    from legreader.store.schema import SCHEMA_VERSION, serialise_snapshot

    tables = {"annotations": {str(i): d for i, d in enumerate(docs, 1)}, "article_notes": {}}
    meta = {"schema_version": SCHEMA_VERSION, "generation": uuid.uuid4().hex}
    path.write_bytes(serialise_snapshot(tables, meta))  # type: ignore[arg-type]


def _annotation(
    article_id: str, body: str, start: int, end: int, n: int, rng: random.Random
) -> dict[str, object]:
    from legreader.store.model import make_annotation

    ann = make_annotation(
        article_id,
        body,
        start,
        end,
        verdict=rng.choice(VERDICTS),
        tags=[rng.choice(WORDS)] if n % 3 == 0 else [],
        note=" ".join(rng.choices(WORDS, k=6)) if n % 5 == 0 else None,
        id=f"a{n:07d}",
    )
    return ann.to_dict()


def make_many(path: Path, count: int) -> None:
    rng = random.Random(7)
    articles = _articles()
    docs = []
    for n in range(count):
        article_id, body = articles[n % len(articles)]
        start = rng.randrange(0, max(1, len(body) - 80))
        docs.append(_annotation(article_id, body, start, start + rng.randint(10, 80), n, rng))
    _write_db(path, docs)


def make_huge_note(path: Path, megabytes: int) -> None:
    rng = random.Random(11)
    article_id, body = _articles()[0]
    doc = _annotation(article_id, body, 0, 40, 1, rng)
    chunk = " ".join(rng.choices(WORDS + [f"w{i}" for i in range(5000)], k=200_000)) + "\n"
    doc["note"] = chunk * max(1, (megabytes << 20) // len(chunk))
    _write_db(path, [doc])


# ----------------------------------------------------------------------- tmux timings


def _tmux(sock: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout


_BG = re.compile(r"\x1b\[[0-9;]*?48;5;(\d+)m|\x1b\[48;5;(\d+)m")


def cursor_rows(screen: str) -> tuple[int, ...]:
    """The rows where the sidebar's cursor is (from a capture with escapes, ``-e``): the rows
    whose sidebar part (before its right border) uses a background other than the sidebar's."""
    parts = []
    for line in screen.splitlines():
        cut = [m.start() for m in re.finditer("│", line)]
        parts.append(line[: cut[1]] if len(cut) > 1 else "")
    counts: dict[str, int] = {}
    per_row = []
    for part in parts:
        codes = {a or b for a, b in _BG.findall(part)}
        per_row.append(codes)
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return ()
    usual = max(counts, key=lambda c: counts[c])
    return tuple(i for i, codes in enumerate(per_row) if codes - {usual})


def launch_timings(
    db: Path, cap_gb: float, key: str = "?", timeout: float = 120.0
) -> tuple[float, float, float]:
    """(launch → first frame, launch → ``key`` answered, ``key`` sent → answered) in seconds,
    real executable in tmux (its address space capped at ``cap_gb``, as in :func:`peak_rss`).

    ``?`` is answered when the help screen shows its title; ``j`` (the sidebar has the focus)
    when the sidebar's cursor has moved off the rows it held in the first frame."""
    sock = "scale-" + uuid.uuid4().hex[:8]
    cap_kb = int(cap_gb * (1 << 20))
    cmd = (
        f"ulimit -v {cap_kb}; env PYTHONPATH={SRC} {sys.executable} -m legreader {SAMPLE} --db {db}"
    )
    start = time.perf_counter()
    _tmux(sock, "-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", cmd)
    first = answered = sent = float("nan")
    rows: tuple[int, ...] = ()
    try:
        while time.perf_counter() - start < timeout:
            screen = _tmux(sock, "capture-pane", "-p", "-e", "-t", "b")
            if first != first and "Articles" in screen:
                rows = cursor_rows(screen)
                if key == "j" and not rows:  # the cursor is drawn a frame later: wait for it
                    time.sleep(0.01)
                    continue
                first = time.perf_counter() - start
                _tmux(sock, "send-keys", "-t", "b", key)
                sent = time.perf_counter() - start
            elif first == first:
                if key == "?" and "legreader keys" in screen:
                    answered = time.perf_counter() - start
                    break
                if key == "j" and cursor_rows(screen) not in ((), rows):
                    answered = time.perf_counter() - start
                    break
            time.sleep(0.01)
    finally:
        _tmux(sock, "send-keys", "-t", "b", "Escape")
        _tmux(sock, "kill-server")
    return first, answered, answered - sent


# ------------------------------------------------------------- headless peak memory

_HEADLESS = r"""
import asyncio, resource, sys, time
cap = int(float(sys.argv[3]) * (1 << 30))
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from legreader.ui.app import make_app

async def main():
    app = make_app([sys.argv[1]], sys.argv[2])
    t0 = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.corpus_index.ready.is_set() and app.store is not None
                   and getattr(app, "annotations_loaded", True)):
            await pilot.pause(0.05)
        done = time.perf_counter() - t0
    print("DONE", round(done, 2))

try:
    asyncio.run(main())
except MemoryError:
    print("MEMORYERROR")
for line in open("/proc/self/status"):
    if line.startswith("VmHWM"):
        print("HWM", int(line.split()[1]) // 1024)
"""


def peak_rss(db: Path, cap_gb: float, timeout: float = 300.0) -> tuple[str, str]:
    """(peak RSS in MB or why none, seconds until every background job finished)."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", _HEADLESS, str(SAMPLE), str(db), str(cap_gb)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired:
        return "?", f"> {timeout:.0f} s (timed out)"
    hwm = next((ln.split()[1] for ln in out.stdout.splitlines() if ln.startswith("HWM")), "?")
    done = next(
        (ln.split()[1] + " s" for ln in out.stdout.splitlines() if ln.startswith("DONE")), ""
    )
    if "MEMORYERROR" in out.stdout or "MemoryError" in out.stderr:
        done = f"MemoryError at the {cap_gb:g} GB cap"
    elif not done:
        done = "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1][:120]
    return hwm, done


# ----------------------------------------------------------------------------- profile


def profile_open(db: Path) -> None:
    """cProfile of what start-up does with the database, outside the UI."""
    import cProfile
    import pstats

    sys.path.insert(0, str(SRC))
    from legreader.corpus.loader import load_corpus
    from legreader.search.corpus_index import CorpusIndex
    from legreader.store import AnnotationStore

    corpus = load_corpus([SAMPLE])
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    store = AnnotationStore.open(db, mode="read_only")
    t_open = time.perf_counter() - t
    anns = store.all()
    for article in corpus.all_articles():
        store.reanchor_article(article.id, article.body)
    t_anchor = time.perf_counter() - t
    index = CorpusIndex()
    index.build(corpus, anns)
    prof.disable()
    t_all = time.perf_counter() - t
    print(
        f"  open {t_open:.1f} s · + all() and re-anchor every article {t_anchor:.1f} s · + index {t_all:.1f} s"
    )
    pstats.Stats(prof).sort_stats("cumulative").print_stats(18)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _make_cases(folder: Path, count: int, megabytes: int) -> dict[str, tuple[Path, Any, str]]:
    return {
        "baseline": (
            folder / "none.json",
            lambda p: p.write_bytes(b""),
            "no annotations (an empty file)",
        ),
        "many": (
            folder / f"many-{count}.json",
            lambda p: make_many(p, count),
            f"{count:,} annotations",
        ),
        "huge-note": (
            folder / f"huge-{megabytes}.json",
            lambda p: make_huge_note(p, megabytes),
            "one huge note",
        ),
    }


def main() -> None:
    global SRC
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["baseline", "many", "huge-note"], action="append")
    parser.add_argument("--count", type=int, default=400_000)
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--cap-gb", type=float, default=4.0)
    parser.add_argument("--keys", default="?,j", help="keys to time, comma-separated (? and j)")
    parser.add_argument("--profile", action="store_true", help="cProfile the open path instead")
    parser.add_argument("--src", type=Path, help="measure another checkout's src (e.g. before)")
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout's src, timed interleaved with --src (A B A B)",
    )
    parser.add_argument("--keep", type=Path, help="keep the generated databases in this folder")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-memory run")
    args = parser.parse_args()
    if args.src:
        SRC = args.src.resolve()
    sys.path.insert(0, str(SRC))
    keys = [k for k in args.keys.split(",") if k]
    srcs = {"this": SRC}
    if args.against:
        srcs["against"] = args.against.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        cases = _make_cases(folder, args.count, args.megabytes)
        answered: dict[tuple[str, str, str], list[float]] = {}
        for name, (path, make, label) in cases.items():
            if args.only and name not in args.only:
                continue
            t = time.perf_counter()
            if not path.exists():
                make(path)
            size = path.stat().st_size / (1 << 20)
            print(f"{name}: {label}, {size:.0f} MB (ready in {time.perf_counter() - t:.0f} s)")
            if args.profile:
                profile_open(path)
                continue
            for key in keys:
                runs: dict[str, tuple[list[float], list[float], list[float]]] = {
                    s: ([], [], []) for s in srcs
                }
                for _ in range(args.runs):
                    for which, src in srcs.items():  # interleaved: A B A B ...
                        SRC = src
                        # Each run opens it writable: keep the generated file, not a compacted copy.
                        work = path.with_name("run-" + path.name)
                        work.write_bytes(path.read_bytes())
                        for series, value in zip(
                            runs[which], launch_timings(work, args.cap_gb, key), strict=True
                        ):
                            series.append(value)
                        for leftover in work.parent.glob(work.name + "*"):
                            leftover.unlink()
                for which, (firsts, answers, lags) in runs.items():
                    answered[(name, key, which)] = answers
                    tag = f"[{which}: {srcs[which]}]" if len(srcs) > 1 else ""
                    print(f"  key {key!r} {tag}")
                    print(
                        f"    launch → first frame    median {_median(firsts):6.2f} s  {[round(x, 2) for x in firsts]}"
                    )
                    print(
                        f"    launch → key answered   median {_median(answers):6.2f} s  {[round(x, 2) for x in answers]}"
                        + ("  (target <= 1 s)" if name == "many" else "")
                    )
                    print(
                        f"    key sent → answered     median {_median(lags):6.2f} s  {[round(x, 2) for x in lags]}"
                    )
                    base = answered.get(("baseline", key, which))
                    if base and name != "baseline":
                        extra = _median(answers) - _median(base)
                        print(
                            f"    vs the empty database   {_median(answers) / _median(base):5.2f}x  "
                            f"(+{extra:.2f} s for the database)"
                        )
                SRC = srcs["this"]
                sys.stdout.flush()
            if args.no_rss:
                continue
            work = path.with_name("rss-" + path.name)
            work.write_bytes(path.read_bytes())
            hwm, done = peak_rss(work, args.cap_gb)
            work.unlink()
            print(
                f"  peak RSS (all background work done) {hwm} MB; done after {done} (target < 1024 MB on huge-note)"
            )
            sys.stdout.flush()
        if len(srcs) > 1:
            print("summary, median launch → key answered (this / against):")
            for (name, key, which), answers in answered.items():
                if which != "this":
                    continue
                other = answered.get((name, key, "against"), [])
                print(
                    f"  {name:9s} {key!r}  {_median(answers):5.2f} s / {_median(other):5.2f} s"
                    f"  ratio {_median(answers) / _median(other):.2f}"
                )


if __name__ == "__main__":
    main()
