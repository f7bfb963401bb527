"""Issue 2 speed figures, printed (never asserted):

1. Launch to the first article readable on screen, sample corpus, in a real terminal
   (tmux), side by side with a minimal Textual app showing one static text.
2. A generated 10,000-article corpus: first frame, sidebar filled, peak RSS.
3. Moving through the sidebar of that corpus: time per keypress.
4. Highlights with the text (issue 14): in one launch, the time to the first article's text
   and to its claim highlights and legend (a legend count above 0), and the gap between them,
   three ways: "first run", an empty cache folder (the engine compiles its patterns: the
   first launch of a new version); "cold", the article never analysed but the engine's
   compiled-pattern table kept from an earlier run (the first opening of an article: the
   engine loads and analyses); "warm", the analysis cached by an earlier run (read with the
   text). Target: gap <= 50 ms.

With ``--against SRC`` the launch and highlights figures are taken A B A B in the same rounds
for this checkout's ``src`` and another (``env PYTHONPATH=SRC python -m legreader``), so a
busy machine weighs on both alike; both medians are printed. Give the children compiled
bytecode (e.g. ``PYTHONPYCACHEPREFIX=/tmp/pyc`` without ``PYTHONDONTWRITEBYTECODE``), or each
launch also times compiling the sources.

5. ``--article-kb 100``: one article of 100 KB (the sample corpus's bodies repeated), never
   analysed: its first highlights after its text (issue 11: within 100 ms of opening it).

Run: python benchmarks/bench_startup.py [--runs 5] [--against ../main/src] [--article-kb 100]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402


def _tmux(*args: str, sock: str) -> str:
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout


def _pane_cpu(sock: str) -> float:
    """CPU seconds used so far by the pane's process, all its threads (Linux schedstat, in
    ns): unlike the wall clock, not inflated by other work on a busy machine (nan without
    /proc)."""
    pid = _tmux("list-panes", "-t", "b", "-F", "#{pane_pid}", sock=sock).strip()
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return total / 1e9


def time_to_screen(command: str, marker: str, timeout: float = 30.0) -> float:
    """Seconds from starting ``command`` in a fresh tmux pane until ``marker`` is on screen."""
    return time_and_cpu_to_screen(command, marker, timeout)[0]


def time_and_cpu_to_screen(command: str, marker: str, timeout: float = 30.0) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the app) from starting ``command`` in a fresh tmux pane
    until ``marker`` is on screen."""
    sock = "bench-" + uuid.uuid4().hex[:8]
    start = time.perf_counter()
    _tmux(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "b",
        "-x",
        "120",
        "-y",
        "40",
        command,
        sock=sock,
    )
    try:
        while time.perf_counter() - start < timeout:
            if marker in _tmux("capture-pane", "-p", "-t", "b", sock=sock):
                return time.perf_counter() - start, _pane_cpu(sock)
            time.sleep(0.01)
        return float("nan"), float("nan")
    finally:
        _tmux("kill-server", sock=sock)


def launch_side_by_side(runs: int, db: Path, exe: str | None = None) -> None:
    exe = exe or shutil.which("legreader") or f"{sys.executable} -m legreader"
    minimal = f"{sys.executable} {HERE / 'minimal_app.py'}"
    reader = f"{exe} --db {db}"
    # The first article of the sample corpus (newest first) starts with this paragraph.
    marker = "Ground-breaking research"
    mins, reads = [], []
    for _ in range(runs):
        mins.append(time_and_cpu_to_screen(minimal, "MINIMAL READY"))
        reads.append(time_and_cpu_to_screen(reader, marker))
    m, r = statistics.median(w for w, _ in mins), statistics.median(w for w, _ in reads)
    mc, rc = statistics.median(c for _, c in mins), statistics.median(c for _, c in reads)
    print(f"launch to first text, median of {runs} (tmux 120x40):")
    print(f"  minimal Textual app      {m * 1000:7.0f} ms   CPU {mc * 1000:4.0f} ms")
    print(
        f"  legreader, first article {r * 1000:7.0f} ms   CPU {rc * 1000:4.0f} ms"
        f"   ratio {r / m:.2f}x, CPU {rc / mc:.2f}x (target <= 1.4x)"
    )


_LEGEND = re.compile(r"(?:statistic|causal|quote|attribution|study|hedge|advice|promotional) [1-9]")


def text_and_highlights(
    command: str, marker: str, timeout: float = 30.0, linger: float = 0.0
) -> tuple[float, float, float]:
    """(seconds to ``marker`` on screen, seconds to a legend count above 0, the app's CPU
    seconds when the marker was seen) in one launch; the app runs ``linger`` seconds more
    before it is stopped."""
    sock = "bench-" + uuid.uuid4().hex[:8]
    start = time.perf_counter()
    size = ("-x", "120", "-y", "40")
    _tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", *size, command, sock=sock)
    text_at = cpu_at = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            screen = _tmux("capture-pane", "-p", "-t", "b", sock=sock)
            now = time.perf_counter() - start
            if text_at != text_at and marker in screen:  # (nan: not seen yet)
                text_at, cpu_at = now, _pane_cpu(sock)
            if _LEGEND.search(screen):
                time.sleep(linger)
                return (now if text_at != text_at else text_at), now, cpu_at
            time.sleep(0.005)
        return text_at, float("nan"), cpu_at
    finally:
        _tmux("kill-server", sock=sock)


def _cache_folders(tmp: Path, warm: Path, name: str, n: int) -> dict[str, Path]:
    """Per run: an empty cache folder, one holding only the engine's pattern table (copied
    from ``warm``), and ``warm`` itself."""
    cold = tmp / f"cold-{name}-{n}"
    (cold / "claims").mkdir(parents=True)
    for table in (warm / "claims").glob("patterns-*.bin"):
        shutil.copy(table, cold / "claims" / table.name)
    return {"first run": tmp / f"first-{name}-{n}", "cold": cold, "warm": warm}


def _print_gaps(
    rows: dict[str, list[tuple[float, float, float]]], label: str = "", target_ms: int = 50
) -> None:
    for kind, runs in rows.items():
        text = statistics.median(t for t, _, _ in runs)
        lit = statistics.median(h for _, h, _ in runs)
        gap = statistics.median(h - t for t, h, _ in runs)
        cpu = statistics.median(c for _, _, c in runs)
        print(
            f"  {label}{kind:>9}: first text {text * 1000:5.0f} ms (CPU {cpu * 1000:4.0f} ms)"
            f"   highlights {lit * 1000:5.0f} ms   gap {gap * 1000:4.0f} ms (target <= {target_ms} ms)"
        )


def highlights_gap(runs: int, db: Path, tmp: Path, exe: str | None = None) -> None:
    exe = exe or shutil.which("legreader") or f"{sys.executable} -m legreader"
    marker = "Ground-breaking research"
    warm = tmp / "warm-cache"
    # Fill the warm cache: one launch that analyses the first article and writes the entry.
    text_and_highlights(f"env LEGREADER_CACHE={warm} {exe} --db {db}", marker, linger=1.0)
    rows: dict[str, list[tuple[float, float, float]]] = {}
    for n in range(runs):
        for kind, folder in _cache_folders(tmp, warm, "", n).items():
            command = f"env LEGREADER_CACHE={folder} {exe} --db {db}"
            rows.setdefault(kind, []).append(text_and_highlights(command, marker))
    print(f"highlights with the text, median of {runs} (tmux 120x40):")
    _print_gaps(rows)


def large_article(folder: Path, kb: int) -> tuple[Path, str]:
    """A corpus of one article of ``kb`` kilobytes made of the sample corpus's article bodies
    (repeated; front matter of its own), and a marker from its first paragraph."""
    bodies = []
    for path in sorted((HERE.parent / "sample_corpus").glob("0*.md")):
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split("---", 2)[2].strip() if text.startswith("---") else text)
    body = "\n\n".join(bodies)
    body = (body + "\n\n") * (kb * 1000 // len(body.encode()) + 1)
    body = body.encode()[: kb * 1000].decode(errors="ignore").rsplit("\n\n", 1)[0]
    folder.mkdir(parents=True, exist_ok=True)
    front = "---\ntitle: One long article\nupdated: 2021-06-24\n---\n"
    (folder / "long.md").write_text(front + body + "\n", encoding="utf-8")
    return folder, "Ground-breaking research"


def large_article_gap(runs: int, kb: int, db: Path, tmp: Path, exe: str | None = None) -> None:
    """The first highlight of a large article, never analysed, after its text (issue 11:
    a 100 KB article within 100 ms of opening it)."""
    exe = exe or shutil.which("legreader") or f"{sys.executable} -m legreader"
    folder, marker = large_article(tmp / f"long-{kb}", kb)
    warm = tmp / "warm-long"
    text_and_highlights(f"env LEGREADER_CACHE={warm} {exe} --db {db} {folder}", marker, linger=1.0)
    rows: dict[str, list[tuple[float, float, float]]] = {}
    for n in range(runs):
        folders = _cache_folders(tmp, warm, f"long{kb}", n)
        command = f"env LEGREADER_CACHE={folders['cold']} {exe} --db {db} {folder}"
        rows.setdefault("cold", []).append(text_and_highlights(command, marker))
    size = (folder / "long.md").stat().st_size
    print(f"a {size / 1000:.0f} KB article never analysed, median of {runs} (tmux 120x40):")
    _print_gaps(rows, target_ms=100)


def interleaved(runs: int, db: Path, tmp: Path, srcs: dict[str, Path]) -> None:
    """Launch and highlights figures for several checkouts, A B A B in the same rounds."""
    marker = "Ground-breaking research"
    minimal = f"{sys.executable} {HERE / 'minimal_app.py'}"
    exes = {
        name: f"env PYTHONPATH={src} {sys.executable} -m legreader" for name, src in srcs.items()
    }
    warm = {name: tmp / f"warm-{name}" for name in srcs}
    for name, exe in exes.items():  # fill each warm cache (and compile the sources once)
        text_and_highlights(f"env LEGREADER_CACHE={warm[name]} {exe} --db {db}", marker, linger=1.0)
    mins: list[tuple[float, float]] = []
    rows: dict[str, dict[str, list[tuple[float, float, float]]]] = {name: {} for name in srcs}
    for n in range(runs):
        mins.append(time_and_cpu_to_screen(minimal, "MINIMAL READY"))
        for name, exe in exes.items():
            for kind, folder in _cache_folders(tmp, warm[name], name, n).items():
                command = f"env LEGREADER_CACHE={folder} {exe} --db {db}"
                rows[name].setdefault(kind, []).append(text_and_highlights(command, marker))
    m = statistics.median(w for w, _ in mins)
    mc = statistics.median(c for _, c in mins)
    print(
        f"interleaved, median of {runs} (tmux 120x40); minimal Textual app {m * 1000:.0f} ms"
        f" (CPU {mc * 1000:.0f} ms)"
    )
    for name, src in srcs.items():
        text = statistics.median(t for t, _, _ in rows[name]["warm"])
        cpu = statistics.median(c for _, _, c in rows[name]["warm"])
        print(
            f"{name} ({src}): launch to first text {text * 1000:.0f} ms = {text / m:.2f}x minimal;"
            f" CPU {cpu * 1000:.0f} ms = {cpu / mc:.2f}x (the CPU ratio holds on a busy machine)"
        )
        _print_gaps(rows[name])


def large_corpus_in_tmux(folder: Path, db: Path, runs: int) -> None:
    exe = shutil.which("legreader") or f"{sys.executable} -m legreader"
    cmd = f"{exe} {folder} --db {db}"
    firsts = [time_to_screen(cmd, "Articles") for _ in range(runs)]
    filled = [time_to_screen(cmd, "10000 · by") for _ in range(runs)]
    print("10,000 articles, in tmux:")
    print(
        f"  first frame (sidebar drawn)   median {statistics.median(firsts) * 1000:6.0f} ms (target <= 1000 ms)"
    )
    print(f"  sidebar filled with 10,000    median {statistics.median(filled) * 1000:6.0f} ms")


async def _sidebar_cpu(folder: Path, db: Path, count: int) -> tuple[float, float]:
    """(listing seconds, CPU ms per sidebar keypress) for a corpus of ``count`` articles."""
    import legreader.ui.flows.corpus as app_module
    from legreader.ui.app import make_app
    from legreader.ui.article_list import ArticleList

    app_module.BACKGROUND_DELAY = 3600  # measure the keys alone, not indexing beside them
    app = make_app([folder], db)
    async with app.run_test(size=(120, 40)) as pilot:
        t0 = time.perf_counter()
        while app.corpus is None or len(app.main_query_one(ArticleList).ordered) < count:
            await pilot.pause(0.01)
        loaded = time.perf_counter() - t0
        app.main_query_one(ArticleList).focus()
        await pilot.pause(0.2)
        cpu = []
        for _ in range(100):
            c = time.process_time()
            await pilot.press("j")
            cpu.append(time.process_time() - c)
    return loaded, statistics.median(cpu) * 1000


async def _pilot_large(folder: Path, small: Path, db: Path) -> None:
    loaded, cpu_large = await _sidebar_cpu(folder, db, 10_000)
    _, cpu_small = await _sidebar_cpu(small, db, 300)
    print("in-process (Pilot, headless):")
    print(f"  10,000 articles listed after mount  {loaded * 1000:6.0f} ms")
    print("  sidebar j, CPU per keypress (render included), median of 100:")
    print(
        f"      300 articles {cpu_small:5.1f} ms   10,000 articles {cpu_large:5.1f} ms  (same cost: no full re-render)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process            {peak:6.0f} MB (target < 200 MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--exe",
        help="the legreader command to time (default: the one on PATH). An editable install "
        "under PYTHONDONTWRITEBYTECODE recompiles its sources at every start; time a regular "
        "install (pip install .) for the figure a user sees",
    )
    parser.add_argument(
        "--launch-only", action="store_true", help="only the side-by-side launch figure"
    )
    parser.add_argument(
        "--highlights-only", action="store_true", help="only the highlights-with-the-text figure"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout's src: launch and highlights figures of this checkout's src and "
        "that one, interleaved (A B A B), then stop",
    )
    parser.add_argument(
        "--article-kb",
        type=int,
        help="only the highlights of one article of this many KB, never analysed (issue 11: "
        "100 KB, target: highlights within 100 ms of the text)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        db = tmp_path / "bench.json"
        if args.article_kb:
            if shutil.which("tmux"):
                large_article_gap(args.runs, args.article_kb, db, tmp_path, args.exe)
            else:
                print("tmux not found: terminal launch figures skipped")
            return
        if args.against and shutil.which("tmux"):
            srcs = {"this": HERE.parent / "src", "against": args.against.resolve()}
            interleaved(args.runs, db, tmp_path, srcs)
            return
        if not shutil.which("tmux"):
            print("tmux not found: terminal launch figures skipped")
        elif args.highlights_only:
            highlights_gap(args.runs, db, tmp_path, args.exe)
            return
        else:
            launch_side_by_side(args.runs, db, args.exe)
            highlights_gap(args.runs, db, tmp_path, args.exe)
        if args.launch_only:
            return
        folder = generate(tmp_path / "corpus", 10_000)
        if shutil.which("tmux"):
            large_corpus_in_tmux(folder, db, max(1, args.runs // 2))
        small = generate(tmp_path / "small", 300)
        asyncio.run(_pilot_large(folder, small, db))


if __name__ == "__main__":
    main()
