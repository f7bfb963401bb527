"""Clipboard: system clipboard, OSC 52 fallback, timeouts, cleaning, size cap (cases 10-12, 20)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pyperclip
import pytest
from hang_guard import within

from legreader.cite import clipboard
from legreader.cite.clipboard import METHOD_OSC52, CopyResult, SystemClipboard, copy_text


class FakeSystem(SystemClipboard):
    def __init__(
        self, *, error: BaseException | None = None, hang: float = 0.0, mechanism: str = "xclip"
    ) -> None:
        self.error, self.hang, self.mechanism = error, hang, mechanism
        self.copied: list[str] = []
        self.release = threading.Event()
        self.calls = 0

    def copy(self, text: str) -> str:
        self.calls += 1
        if self.hang:
            self.release.wait(self.hang)
        if self.error is not None:
            raise self.error
        self.copied.append(text)
        return self.mechanism


@pytest.fixture(autouse=True)
def _no_leftover_busy_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "_busy", None)


def test_system_clipboard_first_and_named() -> None:
    system, osc = FakeSystem(), list[str]()
    result = copy_text("a quote", osc52=osc.append, system=system)
    assert result.ok and result.method == "system clipboard (pyperclip: xclip)"
    assert system.copied == ["a quote"] and osc == []
    assert "Copied 7 characters" in result.message


@pytest.mark.parametrize(
    "error",
    [
        pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system."
        ),
        FileNotFoundError(2, "No such file or directory", "clip.exe"),
        RuntimeError("xclip did not take the text"),
    ],
)
def test_falls_back_to_osc52_and_says_why(error: BaseException) -> None:
    osc: list[str] = []
    result = copy_text("a quote", osc52=osc.append, system=FakeSystem(error=error))
    assert result == CopyResult(True, METHOD_OSC52, result.message, "a quote", via="OSC 52")
    assert osc == ["a quote"]
    assert "terminal (OSC 52)" in result.message
    if isinstance(error, FileNotFoundError):
        assert "clip.exe" in result.message


def test_nothing_works_gives_the_text_to_copy_by_hand() -> None:
    def broken_osc52(_text: str) -> None:
        raise OSError("driver gone")

    result = copy_text(
        "a quote", osc52=broken_osc52, system=FakeSystem(error=pyperclip.PyperclipException("no"))
    )
    assert not result.ok and not result.refused and result.method == ""
    assert result.text == "a quote" and "by hand" in result.message
    assert "driver gone" in result.message
    assert not copy_text("x", osc52=None, system=FakeSystem(error=OSError("x"))).ok


def test_hanging_tool_times_out_and_next_copy_does_not_pile_up() -> None:
    system, osc = FakeSystem(hang=30), list[str]()
    # The tool hangs for 30 s: a copy that waited for it would trip the watchdog.
    result = within(10, lambda: copy_text("q", osc52=osc.append, system=system, timeout=0.3))
    assert result.ok and result.method == METHOD_OSC52 and "did not answer" in result.message
    again = within(10, lambda: copy_text("q", osc52=osc.append, system=system, timeout=0.3))
    assert "still busy" in again.message and system.calls == 1  # no second copy piled up
    system.release.set()


def test_default_timeout_is_about_two_seconds() -> None:
    assert 1.0 <= clipboard.DEFAULT_TIMEOUT <= 2.0


def test_escape_and_bidi_characters_are_cleaned() -> None:
    system = FakeSystem()
    text = "safe\x1b]52;c;ZXZpbA==\x07 text\x1b[2J\u202eevil\u2066 \x00end\x9b31m\ttab\r\nline"
    result = copy_text(text, osc52=None, system=system)
    assert system.copied == ["safe textevil end\ttab\nline"]
    assert result.text == system.copied[0]


def test_one_megabyte_passage_is_refused_with_a_message() -> None:
    system, osc = FakeSystem(), list[str]()
    result = copy_text("word " * 200_000, osc52=osc.append, system=system)
    assert not result.ok and result.refused and result.text == ""
    assert "1.0 MB" in result.message and "100 KB" in result.message
    assert system.copied == [] and osc == []


def test_large_osc52_copy_warns_about_terminal_caps() -> None:
    result = copy_text(
        "x" * 20_000,
        osc52=lambda _t: None,
        system=FakeSystem(error=pyperclip.PyperclipException("no")),
    )
    assert result.ok and "20 KB" in result.message and "few KB" in result.message


def test_empty_text_is_refused() -> None:
    assert copy_text(" \x1b[0m ", osc52=lambda _t: None, system=FakeSystem()).refused


def test_never_raises_even_on_odd_input() -> None:
    class Exploding(SystemClipboard):
        def copy(self, text: str) -> str:
            raise KeyboardInterrupt  # even BaseException from the tool thread is reported

    result = copy_text("q", osc52=None, system=Exploding())
    assert not result.ok
    assert isinstance(copy_text(None, osc52=None), CopyResult)  # type: ignore[arg-type]


def test_no_display_uses_real_pyperclip_then_osc52() -> None:
    """Case 10, end to end in a clean process: no DISPLAY/WAYLAND_DISPLAY, real pyperclip."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    code = (
        "from legreader.cite.clipboard import copy_text\n"
        "got = []\n"
        "r = copy_text('quote', osc52=got.append)\n"
        "print(r.ok, r.method, got)\n"
        "r = copy_text('quote', osc52=None)\n"
        "print(r.ok, r.method == '', r.text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    if "system clipboard" in out.stdout:
        pytest.skip("this machine has a clipboard mechanism without a display")
    assert out.stdout.splitlines() == ["True terminal (OSC 52) ['quote']", "False True quote"]


def test_mechanism_name_and_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    store: dict[str, str] = {}

    def copy_xclip(text: str) -> None:
        store["v"] = text

    def paste_xclip() -> str:
        return store.get("v", "") + "\n"

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy_xclip, paste_xclip))
    assert SystemClipboard().copy("hi") == "xclip"

    def silent_failure(text: str) -> None:
        return None  # a failing xclip that reports nothing

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (silent_failure, lambda: ""))
    monkeypatch.setattr(clipboard, "_VERIFY", frozenset({"silent_failure"}))
    with pytest.raises(RuntimeError):
        SystemClipboard().copy("hi")
