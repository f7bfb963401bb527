"""HTML import benchmark: ``legreader import`` against trafilatura alone on the same pages.

Run: ``.venv/bin/python benchmarks/bench_import.py [--sizes 50,200,1000] [--runs 3]``.

1. Batch: for 50, 200 and 1,000 generated news pages (``import_pages.py``: varied outlet
   layouts of realistic weight, about 13 % near-duplicates and same-URL copies), one run of
   ``python -m legreader import PAGES... --into EMPTY_DIR`` (extraction in worker processes,
   one per core, above 20 pages), one with ``--jobs 1`` (all in one process), and one run of
   a script that calls ``trafilatura.bare_extraction`` (the options legreader uses) on each
   page's bytes. All are whole processes (interpreter start, imports, reading the files);
   legreader also decodes, reads metadata and debris, checks duplicates and writes two files
   a page. Runs alternate; medians are printed with the ratios to trafilatura. Target: ratio
   <= 1.5 at 1,000 pages. CPU time (user + system of the child processes) is printed too: on
   a shared, loaded machine the wall-clock ratio swings, the CPU one less; CPU counts the
   work of every worker. The duplicates reported are checked against those generated.
2. Duplicate index alone: the bodies of the 1,000 pages through :class:`DuplicateIndex`
   (look up, then add), against the pairwise check it replaced (:func:`find_duplicate` against
   every earlier body) on the first 200.
3. Per page: fixture pages plus generated ones through :func:`import_html` (target >= 20/s).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_pages import generate_pages  # noqa: E402

from legreader.corpus.html import (  # noqa: E402
    DuplicateIndex,
    ImportedPage,
    PageImportError,
    find_duplicate,
    import_html,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "html"

PEER = """
import sys
import trafilatura
found = 0
for name in sys.argv[1:]:
    with open(name, "rb") as fh:
        doc = trafilatura.bare_extraction(
            fh.read(), include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=False,
        )
    found += doc is not None
print(found)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_legreader(files: list[Path], into: Path, *extra: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stderr) of one ``legreader import`` process."""
    cmd = [sys.executable, "-m", "legreader", "import", *map(str, files), "--into", str(into)]
    cmd += extra
    t0, c0 = time.perf_counter(), _cpu()
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    if done.returncode not in (0, 1):
        raise SystemExit(f"legreader import failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed, cpu, done.stderr


def _run_peer(files: list[Path]) -> tuple[float, float]:
    cmd = [sys.executable, "-c", PEER, *map(str, files)]
    t0, c0 = time.perf_counter(), _cpu()
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, _cpu() - c0


def batch(sizes: list[int], runs: int, work: Path) -> None:
    print("1. batch import, whole processes, medians of interleaved runs (seconds)")
    print(
        f"{'pages':>6} {'legreader':>10} {'--jobs 1':>9} {'trafilatura':>12} {'ratio':>6}"
        f" {'jobs 1':>6} | CPU: {'legreader':>9} {'--jobs 1':>9} {'trafilatura':>12}"
        f" {'ratio':>6} {'jobs 1':>6} | duplicates"
    )
    for size in sizes:
        files, dups = generate_pages(work / f"pages{size}", size)
        ours: list[tuple[float, float]] = []
        serial: list[tuple[float, float]] = []
        peer: list[tuple[float, float]] = []
        reported = 0
        for run in range(runs):
            elapsed, cpu, err = _run_legreader(files, work / f"into{size}-{run}")
            ours.append((elapsed, cpu))
            reported = sum(
                any(w in line for w in ("same page as", "same article as", "already imported as"))
                for line in err.splitlines()
            )
            peer.append(_run_peer(files))
            elapsed, cpu, err = _run_legreader(files, work / f"into{size}-{run}-1", "--jobs", "1")
            serial.append((elapsed, cpu))

        def med(rows: list[tuple[float, float]], i: int) -> float:
            return statistics.median(r[i] for r in rows)

        a, s1, b = med(ours, 0), med(serial, 0), med(peer, 0)
        ca, cs, cb = med(ours, 1), med(serial, 1), med(peer, 1)
        print(
            f"{size:>6} {a:>10.2f} {s1:>9.2f} {b:>12.2f} {a / b:>5.2f}x {s1 / b:>5.2f}x |"
            f"      {ca:>9.2f} {cs:>9.2f} {cb:>12.2f} {ca / cb:>5.2f}x {cs / cb:>5.2f}x |"
            f" {reported} reported / {len(dups)} generated"
        )


def index_alone(work: Path) -> None:
    files, _dups = generate_pages(work / "pages1000", 1000)
    pages: list[ImportedPage] = []
    for f in files:
        try:
            pages.append(import_html(f.read_bytes(), f.name))
        except PageImportError:
            pass
    print(f"2. duplicate index alone ({len(pages)} bodies)")
    t0 = time.perf_counter()
    index = DuplicateIndex()
    found = 0
    for n, page in enumerate(pages):
        if index.find(page.url, page.body) is not None:
            found += 1
        else:
            index.add(str(n), page.url, page.body)
    t_index = time.perf_counter() - t0
    print(f"   DuplicateIndex (MinHash LSH, rensa): {t_index:.2f} s, {found} duplicates")
    sub = pages[:200]
    t0 = time.perf_counter()
    rows: list[tuple[str, str | None, str]] = []
    found_pairwise = 0
    for n, page in enumerate(sub):
        if find_duplicate(page, rows) is not None:
            found_pairwise += 1
        else:
            rows.append((str(n), page.url, page.body))
    t_pair = time.perf_counter() - t0
    print(
        f"   pairwise against every earlier body, first 200 pages: {t_pair:.2f} s "
        f"({found_pairwise} duplicates; grows with the square of the count)"
    )


def per_page(work: Path) -> None:
    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    files, _ = generate_pages(work / "pages50", 50)
    pages += [f.read_bytes() for f in files]
    sizes = [len(p) for p in pages]
    per: list[float] = []
    failures = 0
    t_all = time.perf_counter()
    for page in pages:
        t0 = time.perf_counter()
        try:
            import_html(page, "bench.html")
        except PageImportError:
            failures += 1
        per.append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all
    median = statistics.median(per)
    print(
        f"3. per page: {len(pages)} pages, median size {statistics.median(sizes) / 1024:.0f} KB; "
        f"median {median * 1000:.1f} ms = {1 / median:.0f} pages/s; "
        f"overall {len(pages) / total:.0f} pages/s (target >= 20/s); {failures} refused"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        batch(sizes, args.runs, work)
        index_alone(work)
        per_page(work)


if __name__ == "__main__":
    main()
