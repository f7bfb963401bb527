"""Copy text to the clipboard, by whatever way works, and say which way (or why none did).

Order: the system clipboard through pyperclip (in a thread, so a hanging `xclip` costs at
most `timeout` seconds), then the terminal's OSC 52 through a callable the app passes
(Textual's `App.copy_to_clipboard`). When neither works the result says so and carries the
cleaned text, so the UI can show it for copying by hand. Never raises. No Textual import.

`copy_text` blocks for up to `timeout` seconds: call it from a thread worker, and pass an
OSC 52 callable that is safe from that thread, e.g.
`lambda s: app.call_from_thread(app.copy_to_clipboard, s)`.

pyperclip picks the mechanism, but xclip, xsel and wl-copy are run here, not by pyperclip:
its copy functions let the tool inherit the terminal's stderr (Textual draws the screen on
that stream, so "Error: Can't open display" landed over the UI) and wait without a limit.
Here the tool's stdout goes to /dev/null and its stderr to a temp file (a pipe would hang:
xclip and wl-copy leave a child behind, holding the pipe open, to serve the selection), we
wait at most `TOOL_TIMEOUT` seconds, and the first line of its stderr becomes the reason.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass

from legreader.text.clean import clean_line, clean_text, strip_bidi

#: Passages larger than this (UTF-8 bytes) are refused, not truncated: a cut quote misleads.
MAX_COPY_BYTES = 100_000
#: Some terminals drop OSC 52 payloads beyond a few KB.
OSC52_WARN_BYTES = 8_000
#: Seconds to wait for the system clipboard tool.
DEFAULT_TIMEOUT = 2.0
#: Mechanisms that can fail without an error; the copy is read back to check.
_VERIFY = frozenset({"xclip", "xsel", "wl"})
#: Seconds a clipboard tool may run before it is killed (frees the slot for the next copy).
TOOL_TIMEOUT = 5.0
#: The command lines (copy, paste) run here for pyperclip's command-line mechanisms.
_TOOLS: dict[str, tuple[list[str], list[str]]] = {
    "xclip": (["xclip", "-selection", "c"], ["xclip", "-selection", "c", "-o"]),
    "xsel": (["xsel", "-b", "-i"], ["xsel", "-b", "-o"]),
    "wl": (["wl-copy"], ["wl-paste", "-n", "-t", "text"]),
}

METHOD_SYSTEM = "system clipboard (pyperclip: {mechanism})"
METHOD_OSC52 = "terminal (OSC 52)"


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What happened to a copy request."""

    ok: bool
    method: str = ""
    """'system clipboard (pyperclip: xclip)', 'terminal (OSC 52)', or '' when nothing worked."""
    message: str = ""
    """One line for the user: what was copied how, or why not."""
    text: str = ""
    """The cleaned text (shown for copying by hand when `ok` is False and not `refused`)."""
    refused: bool = False
    """True when the text was not tried at all (empty or too large)."""
    via: str = ""
    """The path used, in a word or two, for a one-line notice: ``xclip``, ``OSC 52``."""
    caution: str = ""
    """What may still go wrong with a copy that was sent (a large OSC 52 payload), or ''."""


class SystemClipboard:
    """pyperclip behind a small interface (tests pass fakes with the same two methods)."""

    def copy(self, text: str) -> str:
        """Copy; return the mechanism's name. Raises whatever the mechanism raises."""
        import pyperclip

        copy, paste = pyperclip.determine_clipboard()
        mechanism = _mechanism_name(copy)
        if mechanism in _TOOLS and getattr(copy, "__module__", "") == pyperclip.__name__:
            copy_args, paste_args = _TOOLS[mechanism]
            copy = lambda t: _run_tool(copy_args, t.encode("utf-8"))  # noqa: E731
            paste = lambda: _run_tool(paste_args, None).decode("utf-8", "replace")  # noqa: E731
        copy(text)
        if mechanism in _VERIFY:
            back = paste()
            if _comparable(back) != _comparable(text):
                raise RuntimeError(f"{mechanism} did not take the text")
        return mechanism


def _run_tool(args: list[str], data: bytes | None, timeout: float = TOOL_TIMEOUT) -> bytes:
    """Run a clipboard tool quietly: stdin `data`, stderr captured, never the terminal's.

    Returns its stdout (for a paste; a copy's goes to /dev/null). Raises RuntimeError naming
    the tool's first stderr line when it fails, TimeoutExpired (after killing it) when slow.
    """
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=out if data is None else subprocess.DEVNULL,
            stderr=err,
            close_fds=True,
            start_new_session=True,  # no terminal signals (Ctrl-C) or tty reads
        )
        try:
            proc.communicate(data, timeout=timeout)  # the input write is bounded too
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read(4096).decode("utf-8", "replace").strip().splitlines()
            why = clean_line(lines[0]) if lines else f"exit status {proc.returncode}"
            raise RuntimeError(f"{args[0]} failed: {why}")
        out.seek(0)
        return out.read()


def _mechanism_name(func: object) -> str:
    name = getattr(func, "__name__", None) or type(func).__name__
    return name.removeprefix("copy_")


def _comparable(text: str) -> str:
    return text.replace("\r\n", "\n").rstrip("\n")


def clean_for_clipboard(text: str) -> str:
    """Remove escape sequences, control characters (but LF and TAB) and bidi controls."""
    return strip_bidi(clean_text(text))


_busy_lock = threading.Lock()
_busy: threading.Thread | None = None


def copy_text(
    text: str,
    *,
    osc52: Callable[[str], None] | None,
    system: SystemClipboard | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_COPY_BYTES,
) -> CopyResult:
    """Copy cleaned `text`: system clipboard, else OSC 52, else report failure."""
    try:
        return _copy(text, osc52, system or SystemClipboard(), timeout, max_bytes)
    except Exception as exc:  # the promise is "never raises"; say what went wrong
        return CopyResult(False, "", f"Could not copy: {_describe(exc)}", str(text))


def _copy(
    text: str,
    osc52: Callable[[str], None] | None,
    system: SystemClipboard,
    timeout: float,
    max_bytes: int,
) -> CopyResult:
    cleaned = clean_for_clipboard(str(text))
    if not cleaned.strip():
        return CopyResult(False, "", "Nothing to copy.", "", refused=True)
    size = len(cleaned.encode("utf-8"))
    if size > max_bytes:
        return CopyResult(
            False,
            "",
            f"Not copied: the passage is {_kb(size)}, over the {_kb(max_bytes)} limit. "
            "Select a shorter passage.",
            "",
            refused=True,
        )
    chars = f"{len(cleaned):,} characters"
    mechanism, why = _system_copy(cleaned, system, timeout)
    if mechanism:
        method = METHOD_SYSTEM.format(mechanism=mechanism)
        return CopyResult(True, method, f"Copied {chars} to the {method}.", cleaned, via=mechanism)
    if osc52 is not None:
        try:
            osc52(cleaned)
        except Exception as exc:
            why += f"; OSC 52 failed: {_describe(exc)}"
        else:
            message = f"Copied {chars} through the {METHOD_OSC52}; {why}."
            caution = ""
            if size > OSC52_WARN_BYTES:
                caution = f"{_kb(size)}: some terminals cut OSC 52 at a few KB"
                message += (
                    f" At {_kb(size)} some terminals may cut it: they cap OSC 52 at a few KB."
                )
            return CopyResult(True, METHOD_OSC52, message, cleaned, via="OSC 52", caution=caution)
    return CopyResult(False, "", f"Could not copy: {why}. Copy the text by hand.", cleaned)


def _system_copy(text: str, system: SystemClipboard, timeout: float) -> tuple[str, str]:
    """(mechanism, '') on success, else ('', why). Waits at most `timeout` seconds."""
    global _busy
    with _busy_lock:
        if _busy is not None and _busy.is_alive():
            return "", "the system clipboard tool is still busy with an earlier copy"
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["mechanism"] = system.copy(text)
            except BaseException as exc:  # noqa: B036 - reported to the caller
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="legreader-clipboard", daemon=True)
        _busy = worker
        worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return "", f"the system clipboard did not answer within {timeout:g} s"
    if "error" in outcome:
        return "", f"no system clipboard: {_describe(outcome['error'])}"
    return str(outcome.get("mechanism") or "unknown"), ""


def _describe(exc: object) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"tool not found ({exc.filename or exc})"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    if "could not find a copy/paste mechanism" in text:
        return "no copy/paste mechanism (no display, or xclip/xsel/wl-clipboard missing)"
    return f"{name}: {text}" if text else name


def _kb(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"
