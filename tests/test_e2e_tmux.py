"""End to end in a real terminal: legreader in a tmux pane, real keys, the clipboard via OSC 52.

tmux with ``set-clipboard on`` stores what an application sends with OSC 52 in its paste
buffer, so ``show-buffer`` shows exactly what a reader's terminal would have received.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Pane:
    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.sock = "lr-test-" + uuid.uuid4().hex[:8]
        env_prefix = " ".join(f"{k}={v}" for k, v in env.items())
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "120",
            "-y",
            "40",
            f"env -u DISPLAY -u WAYLAND_DISPLAY {env_prefix} {command}",
        )
        self.tmux("set-option", "-g", "set-clipboard", "on")
        self.tmux("set-option", "-s", "escape-time", "0")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.sock, *args], capture_output=True, text=True, timeout=10
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_analysed(self, timeout: float = 30.0) -> None:
        """Until the legend counts the claims: sentences are known, so `j` moves by sentence
        (before that it moves by paragraph; on a busy machine the analysis takes a while)."""
        import re

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(r"causal [1-9]", self.screen()):
                return
            time.sleep(0.1)
        raise AssertionError(f"the claims were never counted; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def alive(self) -> bool:
        """The program is still running (the session ends when it exits)."""
        done = subprocess.run(
            ["tmux", "-L", self.sock, "has-session", "-t", "t"], capture_output=True, timeout=10
        )
        return done.returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


def test_copy_quote_reaches_the_terminal_clipboard(tmp_path: Path) -> None:
    env = {
        "LEGREADER_DB": str(tmp_path / "db.json"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # the session state (last article)
        "LEGREADER_CONFIG": str(tmp_path / "config.toml"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    pane = Pane(f"{sys.executable} -m legreader", env)
    try:
        pane.wait("Articles")
        pane.wait("Ground-breaking research")
        pane.keys("Enter")  # open the highlighted article (the body takes the keys)
        pane.wait("j/k Sentence")  # the body's keys in the footer: it has the focus
        pane.wait_analysed()
        pane.keys("j", "j", "j", "j")  # the "Ground-breaking research ..." sentence
        pane.keys("y")
        pane.wait("Copied plain quote")
        clip = pane.tmux("show-buffer")
        assert "Ground-breaking research in Frontiers in Neuroscience" in clip
        assert "Leg Exercise Critical to Brain and Nervous System Health" in clip
        assert "\x1b" not in clip
        pane.keys("q")
    finally:
        pane.close()


def test_verdict_survives_restart_in_a_real_terminal(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # the session state (last article)
        "LEGREADER_CONFIG": str(tmp_path / "config.toml"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = f"{sys.executable} -m legreader --db {db}"
    pane = Pane(command, env)
    try:
        pane.wait("Ground-breaking research")
        pane.keys("Enter")
        pane.wait_analysed()
        pane.keys("j", "j", "j", "j", "3")
        pane.wait("Marked overstated")
        pane.keys("q")
        deadline = time.monotonic() + 10
        while pane.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        pane.close()
    assert db.exists()
    pane = Pane(command, env)
    try:
        # the sidebar shows the count and the worst verdict (cut short in a narrow sidebar)
        pane.wait("✎1")
        screen = pane.wait("↑")  # the verdicts' line can follow the count by a frame
        lines = screen.splitlines()
        at = next(i for i, line in enumerate(lines) if "✎1" in line)
        # the verdicts' line under the date ("worst passage ↑ overstated", shortened when
        # narrow, down to the glyph), in the sidebar's column
        sidebar = [line.split("│")[1] for line in lines[at : at + 3] if "│" in line]
        assert any("↑" in cell or "over" in cell for cell in sidebar), sidebar
    finally:
        pane.close()


def test_hostile_annotations_never_reach_the_raw_terminal_output(tmp_path: Path) -> None:
    """Issue 15, finding 1, in a real pane: every byte the app wrote is captured with
    ``pipe-pane``; no OSC (clipboard, title, link) or screen-clearing sequence from a note or
    tag may be among them, the clipboard stays empty and the window keeps its title."""
    import json

    from legreader.corpus.loader import load_corpus
    from legreader.files.resources import sample_corpus_dir
    from legreader.store import AnnotationStore, ArticleNote, make_annotation

    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # the clipboard would read "rm -rf ~"
    retitle = "\x1b]0;pwned\x07"
    article = load_corpus([sample_corpus_dir()]).articles[0]
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        store.add(make_annotation(article.id, article.body, 0, 20, note="n", tags=["t"]))
        store.set_article_note(ArticleNote(article.id, note="x"))
    data = json.loads(db.read_text(encoding="utf-8"))
    (row,) = data["annotations"].values()
    row["note"] = f"zebranote {osc52} {retitle} \x1b[2J \x9b2J \u202e end"
    row["tags"] = [f"zebratag {osc52}{retitle}"]
    db.write_text(json.dumps(data), encoding="utf-8")

    raw = tmp_path / "raw-output"
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # the session state (last article)
        "LEGREADER_CONFIG": str(tmp_path / "config.toml"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    pane = Pane(f"{sys.executable} -m legreader --db {db}", env)
    try:
        pane.tmux("pipe-pane", "-o", "-t", "t", f"cat >> {raw}")
        pane.wait("Articles")
        pane.keys("Enter", "a")  # the annotations panel of the first article
        pane.wait("zebranote")
        pane.keys("C-f")
        pane.wait("Search the corpus")
        for ch in "zebratag":
            pane.keys(ch)
        pane.wait("· tag")
        title = pane.tmux("display-message", "-p", "-t", "t", "#{pane_title}")
        clip = pane.tmux("show-buffer")
        pane.keys("Escape", "q")
        deadline = time.monotonic() + 10
        while pane.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        pane.close()
    written = raw.read_bytes().decode("utf-8", "replace")
    assert "zebranote" in written  # the capture worked
    import re

    # Textual's own OSC is 22 (the pointer shape); nothing else may appear, 8-bit forms neither.
    assert set(re.findall(r"\x1b\](\d*)", written)) <= {"22"}
    assert "\x9d" not in written and "\x9b" not in written
    assert "cm0gLXJmIH4" not in written and "pwned" not in written
    assert "\x1b[2J" not in written.split("\x1b[?1049h", 1)[-1]  # nothing cleared the screen
    assert "\u202e" not in written
    assert "rm -rf" not in clip and "pwned" not in title
