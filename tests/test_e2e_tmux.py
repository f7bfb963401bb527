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
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", f"env -u DISPLAY -u WAYLAND_DISPLAY {env_prefix} {command}")
        self.tmux("set-option", "-g", "set-clipboard", "on")
        self.tmux("set-option", "-s", "escape-time", "0")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True, timeout=10).stdout

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

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def alive(self) -> bool:
        """The program is still running (the session ends when it exits)."""
        done = subprocess.run(["tmux", "-L", self.sock, "has-session", "-t", "t"], capture_output=True, timeout=10)
        return done.returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


def test_copy_quote_reaches_the_terminal_clipboard(tmp_path: Path) -> None:
    env = {
        "LEGREADER_DB": str(tmp_path / "db.json"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LEGREADER_CONFIG": str(tmp_path / "config.toml"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    pane = Pane(f"{sys.executable} -m legreader", env)
    try:
        pane.wait("Articles")
        pane.wait("Ground-breaking research")
        pane.keys("Enter")  # open the highlighted article (the body takes the keys)
        time.sleep(0.5)
        pane.keys("j", "j", "j", "j")  # the "Ground-breaking research ..." sentence
        pane.keys("y")
        pane.wait("Copied the quote")
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
        "LEGREADER_CONFIG": str(tmp_path / "config.toml"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = f"{sys.executable} -m legreader --db {db}"
    pane = Pane(command, env)
    try:
        pane.wait("Ground-breaking research")
        pane.keys("Enter", "j", "j", "j", "j", "3")
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
        screen = pane.wait("overstated")  # the sidebar shows the worst verdict
        assert "✎1" in screen
    finally:
        pane.close()
