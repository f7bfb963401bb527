"""Issue 13: `q` while background work runs exits within 0.2 s (printed, never asserted).

Launches the real app in a fresh tmux pane on the sample corpus plus a ~700 KB article, waits
until the first article is on screen and the background compare and indexing have started
(BACKGROUND_DELAY after the first frame), presses `q`, and times how long the process takes to
end (the shell in the pane writes a time stamp the moment the app returns). Prints the median
of the runs, and the same for a `q` pressed while the compare screen computes, and while the
side-by-side mode (`p`) computes.

Run: python benchmarks/bench_quit.py [--runs 20] [--exe "python -m legreader"]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"


def _tmux(*args: str, sock: str) -> str:
    done = subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True)
    return done.stdout


def make_corpus(folder: Path, size: int = 700_000) -> Path:
    """The sample corpus and one article of about ``size`` characters (sample texts repeated)."""
    corpus = folder / "corpus"
    shutil.copytree(SAMPLE, corpus)
    texts = [
        p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in sorted(SAMPLE.glob("*.md"))
    ]
    body = ""
    while len(body) < size:
        body += "\n\n".join(texts) + "\n\n"
    (corpus / "999-huge.md").write_text(
        "---\ntitle: A very long article\noutlet: Bench\n---\n" + body, encoding="utf-8"
    )
    return corpus


def quit_once(exe: str, corpus: Path, db: Path, *, compare: str, settle: float) -> float:
    """Seconds from pressing `q` to the app's process returning."""
    sock = "quit-" + uuid.uuid4().hex[:8]
    stamp = db.parent / f"exit-{sock}"
    command = (
        f"{exe} {shlex.quote(str(corpus))} --db {shlex.quote(str(db))}; "
        f"date +%s.%N > {shlex.quote(str(stamp))}; sleep 30"
    )
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
        deadline = time.time() + 60
        while "Articles" not in _tmux("capture-pane", "-p", "-t", "b", sock=sock):
            if time.time() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        time.sleep(settle)  # background work starts BACKGROUND_DELAY (1 s) after the first frame
        if compare:  # "c" (the compare screen) or "p" (side by side): it compares meanwhile
            _tmux("send-keys", "-t", "b", compare, sock=sock)
            time.sleep(0.5)
        pressed = time.time()
        _tmux("send-keys", "-t", "b", "q", sock=sock)
        if compare:
            _tmux("send-keys", "-t", "b", "q", sock=sock)
        while not stamp.exists() or not stamp.read_text().strip():
            if time.time() > pressed + 60:
                raise RuntimeError("the app did not exit")
            time.sleep(0.005)
        return float(stamp.read_text()) - pressed
    finally:
        _tmux("kill-server", sock=sock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--exe", default=f"{shlex.quote(sys.executable)} -m legreader")
    parser.add_argument("--settle", type=float, default=1.6, help="seconds after the first frame")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp))
        size = sum(p.stat().st_size for p in corpus.glob("*.md"))
        print(f"corpus: {len(list(corpus.glob('*.md')))} files, {size // 1024} KB")
        for compare in ("", "c", "p"):
            times = [
                quit_once(
                    args.exe,
                    corpus,
                    Path(tmp) / f"db-{i}.json",
                    compare=compare,
                    settle=args.settle,
                )
                for i in range(args.runs)
            ]
            what = {
                "": "q during background compare + index",
                "c": "q during the compare screen",
                "p": "q during the side-by-side mode",
            }[compare]
            print(
                f"{what}: median {statistics.median(times) * 1000:.0f} ms, "
                f"max {max(times) * 1000:.0f} ms over {len(times)} runs (target < 200 ms)"
            )


if __name__ == "__main__":
    main()
