"""Issue 15, hostile and damaged input at the command line: every entry point fails closed
with one line and a non-zero exit, `-o` never replaces what it should not, a damaged
database is never exported, and clipboard tools never write over the terminal.

Every hostile input is made here (FIFOs, sockets, links, device nodes, damaged files).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import subprocess
import sys
import textwrap
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from legreader.cli import program as cli
from legreader.cli.program import main
from legreader.files.atomic import UnsafeTarget, check_target, write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
SAMPLE = ROOT / "sample_corpus"
HTML = Path(__file__).parent / "fixtures" / "html" / "blog_sidebar.html"
ESC_NAME = "x\x1b]0;pwned\x07y"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Crash reports land here, never in the real user state folder."""
    state = tmp_path / "state-home"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state / "legreader"


def run(
    *args: str, env: dict[str, str] | None = None, **kw: Any
) -> subprocess.CompletedProcess[str]:
    """``python -m legreader ARGS`` in a real process, with the test's (isolated) environment."""
    full = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "legreader", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        **kw,
    )


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert lines[0].startswith("legreader: ")
    return lines[0]


def good_db(path: Path) -> Path:
    """A database holding one annotation, saved twice so ``<db>.bak`` holds a good copy."""
    from legreader.store import AnnotationStore, make_annotation

    store = AnnotationStore.open(path)
    try:
        ann = store.add(make_annotation("a1", "Legs matter a lot.", 0, 4, note="first"))
        store.update(ann)
    finally:
        store.close()
    return path


def export_ok(tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(["export", str(SAMPLE), "--format", "json", *extra])
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


# -- 1. one place, one line, a non-zero exit ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", str(SAMPLE), "--db", "{db}"],
        ["import-annotations", "{file}", "--db", "{db}"],
        [str(SAMPLE), "--db", "{db}"],
    ],
    ids=["export", "import-annotations", "app"],
)
def test_database_path_that_is_a_folder(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    db.mkdir()
    imports = tmp_path / "in.json"
    imports.write_text('{"annotations": []}', encoding="utf-8")
    argv = [a.format(db=db, file=imports) for a in args]
    assert main(argv) == 1
    line = one_line(capsys.readouterr().err)
    assert line == f"legreader: the annotation database is a folder ({db})"


def test_database_folder_in_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.mkdir()
    done = run("export", str(SAMPLE), "--db", str(db))
    assert done.returncode == 1 and done.stdout == ""
    assert one_line(done.stderr).endswith("is a folder (" + str(db) + ")")


def test_database_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    os.mkfifo(db)
    done = run("export", str(SAMPLE), "--db", str(db))
    assert done.returncode == 1
    assert "not a regular file" in one_line(done.stderr)
    assert stat.S_ISFIFO(os.lstat(db).st_mode)


def test_database_under_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(SAMPLE), "--db", str(blocker / "db.json")]) == 1
    assert "Not a directory" in one_line(capsys.readouterr().err)


def test_damaged_database_when_writing_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(b'{"_default": {"1": ')
    imports = tmp_path / "in.json"
    imports.write_text('{"annotations": []}', encoding="utf-8")
    assert main(["import-annotations", str(imports), "--db", str(db)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("legreader: the annotation database is damaged: ")
    assert line.endswith(f"({db})")
    assert db.read_bytes() == b'{"_default": {"1": '


def test_names_with_escape_bytes_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / ESC_NAME
    db.mkdir()
    assert main(["export", str(SAMPLE), "--db", str(db)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "\\x1b]0;pwned\\x07y" in line


def _explode(*_: Any, **__: Any) -> int:
    raise RuntimeError("boom \x1b]52;c;cm0gLXJmIH4=\x07 here")


def test_unexpected_error_is_one_line_a_report_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], _state_dir: Path
) -> None:
    monkeypatch.setattr(cli, "_claims", _explode)
    assert main(["claims", str(SAMPLE)]) == 70
    line = one_line(capsys.readouterr().err)
    assert line.startswith("legreader: unexpected error: RuntimeError: boom")
    reports = list(_state_dir.glob("crash-*.txt"))
    assert len(reports) == 1 and f"(full report: {reports[0]})" in line
    text = reports[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "_explode" in text and "RuntimeError" in text
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600


def test_unexpected_error_without_a_state_folder_still_says_what(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], _state_dir: Path
) -> None:
    _state_dir.parent.mkdir(parents=True)
    _state_dir.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(cli, "_claims", _explode)
    assert main(["claims", str(SAMPLE)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("legreader: unexpected error at ")
    assert "RuntimeError: boom" in err
    assert "no report written" in err.splitlines()[0] and " at " in err.splitlines()[0]
    assert "Traceback" not in err and "\x1b" not in err and len(err.splitlines()) == 1


def _patched(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run main(args) in a real process after ``code`` patched something in legreader.cli.program."""
    program = f"import sys\nimport legreader.cli.program as cli\n{code}\nraise SystemExit(cli.main(sys.argv[1:]))\n"
    full = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_unexpected_error_exit_code_in_a_real_process(tmp_path: Path, _state_dir: Path) -> None:
    code = "def boom(*a, **k):\n    raise ZeroDivisionError('x')\ncli._claims = boom"
    done = _patched(code, "claims", str(SAMPLE))
    assert done.returncode == 70 and done.stdout == ""
    assert "full report: " in one_line(done.stderr)
    assert len(list(_state_dir.glob("crash-*.txt"))) == 1


def test_interrupt_exits_130_quietly(tmp_path: Path) -> None:
    code = "def stop(*a, **k):\n    raise KeyboardInterrupt\ncli._claims = stop"
    done = _patched(code, "claims", str(SAMPLE))
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


def test_interrupt_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stop(*_: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_compare", stop)
    assert main(["compare", str(SAMPLE)]) == 130
    assert capsys.readouterr().err == ""


def test_closed_stdout_is_a_quiet_exit() -> None:
    """`legreader claims | head`: the reader goes away before we write."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "legreader", "claims", str(SAMPLE), "--format", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == cli.EXIT_BROKEN_PIPE
    assert err == ""


def test_closed_stdout_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def pipe_gone(*_: Any) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_claims", pipe_gone)
    assert main(["claims", str(SAMPLE)]) == cli.EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""


@pytest.fixture
def crashing_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`make_app` builds a real Textual app whose mount raises (run headless)."""
    from textual.app import App

    class Crashing(App[None]):
        resume_gc_after_first_frame = False

        def on_mount(self) -> None:
            raise ValueError("crash while mounting")

        def run(self, **kw: Any) -> Any:
            return super().run(headless=True, size=(40, 10))

    module = types.ModuleType("legreader.ui.app")
    module.make_app = lambda *a, **k: Crashing()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "legreader.ui.app", module)
    yield


def test_app_crash_exits_non_zero(
    crashing_app: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SAMPLE), "--db", str(tmp_path / "db.json")]) == 1


# -- 2. a damaged database is never exported ------------------------------------------------


def test_export_of_damaged_database_keeps_the_old_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(b"\x00\x00garbage")
    target = tmp_path / "export.json"
    target.write_text("GOOD EXPORT", encoding="utf-8")
    code, out, err = export_ok(tmp_path, "--db", str(db), "-o", str(target))
    assert code == 1 and out == ""
    line = one_line(err)
    assert "damaged" in line and "nothing exported" in line and line.endswith(f"({db})")
    assert target.read_text(encoding="utf-8") == "GOOD EXPORT"
    assert db.read_bytes() == b"\x00\x00garbage"


def test_export_of_damaged_database_to_stdout_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text("[1, 2]", encoding="utf-8")
    done = run("export", str(SAMPLE), "--db", str(db), "--format", "json")
    assert done.returncode == 1 and done.stdout == ""
    assert "damaged" in one_line(done.stderr)


def test_export_never_uses_the_stale_backup_silently(tmp_path: Path) -> None:
    db = good_db(tmp_path / "db.json")
    backup = tmp_path / "db.json.bak"
    if not backup.exists():
        shutil.copyfile(db, backup)
    db.write_bytes(db.read_bytes()[:40])  # truncated
    code, out, err = export_ok(tmp_path, "--db", str(db))
    assert code == 1 and out == ""
    line = one_line(err)
    assert "damaged" in line and "db.json.bak" in line and line.endswith(f"({db})")


def test_in_app_export_of_a_read_only_damaged_store_is_refused(tmp_path: Path) -> None:
    """The app's export goes through run_export with the store it shows (last good copy)."""
    from legreader.cli.annotations import run_export
    from legreader.store import AnnotationStore

    db = good_db(tmp_path / "db.json")
    shutil.copyfile(db, tmp_path / "db.json.bak")
    db.write_bytes(b"{")
    store = AnnotationStore.open(db, mode="read_only")
    target = tmp_path / "out.json"
    out, err = io.StringIO(), io.StringIO()
    try:
        assert len(store.all()) == 1  # the stale copy is what the reader sees
        assert run_export(store, None, "json", target, out, err) == 1
    finally:
        store.close()
    assert not target.exists() and out.getvalue() == ""
    line = one_line(err.getvalue())
    assert "damaged" in line and "db.json.bak" in line


def test_export_of_a_good_database_still_works(tmp_path: Path) -> None:
    db = good_db(tmp_path / "db.json")
    code, out, err = export_ok(tmp_path, "--db", str(db))
    assert (code, err) == (0, "")
    assert '"first"' in out


# -- 3. -o never replaces what it should not --------------------------------------------------


def _export_to(tmp_path: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["export", str(SAMPLE), "--db", str(tmp_path / "db.json"), "-o", str(target)])
    return code, capsys.readouterr().err


def test_output_fifo_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    code, err = _export_to(tmp_path, fifo, capsys)
    assert code == 1 and "FIFO" in one_line(err) and err.rstrip().endswith(f"({fifo})")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temp file left


def test_output_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, err = _export_to(tmp_path, folder, capsys)
    assert code == 1 and "is a folder" in one_line(err)
    assert folder.is_dir() and not any(folder.iterdir())


def test_output_socket_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s"
    if len(str(path)) > 100:
        pytest.skip("path too long for a unix socket")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        code, err = _export_to(tmp_path, path, capsys)
    finally:
        sock.close()
    assert code == 1 and "socket" in one_line(err)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_output_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnsafeTarget, match="device"):
        check_target(Path(os.devnull))  # checked only: never try to write over /dev/null
    link = tmp_path / "null.md"
    link.symlink_to(os.devnull)
    code, err = _export_to(tmp_path, link, capsys)
    assert code == 1 and "device" in one_line(err)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    try:
        os.mknod(tmp_path / "dev", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError):
        return  # not root: the link above covered the device case
    code, err = _export_to(tmp_path, tmp_path / "dev", capsys)
    assert code == 1 and "device" in one_line(err)
    assert stat.S_ISCHR(os.lstat(tmp_path / "dev").st_mode)


def test_output_symlink_is_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "report.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    hop = tmp_path / "hop.md"
    hop.symlink_to(real)
    link = tmp_path / "link.md"
    link.symlink_to("hop.md")  # relative, and a chain of two
    code, err = _export_to(tmp_path, link, capsys)
    assert (code, err) == (0, "")
    assert link.is_symlink() and hop.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.md"]


def test_output_dangling_symlink_creates_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "new.md")
    code, _ = _export_to(tmp_path, link, capsys)
    assert code == 0 and link.is_symlink() and (tmp_path / "new.md").is_file()


def test_output_symlink_loop_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    code, err = _export_to(tmp_path, a, capsys)
    assert code == 1 and "loop" in one_line(err)
    assert a.is_symlink() and b.is_symlink()


def test_output_keeps_the_existing_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o604)
    assert _export_to(tmp_path, target, capsys)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.read_text(encoding="utf-8") != "old"


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_new_output_respects_the_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask: int
) -> None:
    target = tmp_path / "new.md"
    old = os.umask(umask)
    try:
        assert _export_to(tmp_path, target, capsys)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_output_with_hard_links_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.md"
    target.write_text("shared", encoding="utf-8")
    other = tmp_path / "other.md"
    os.link(target, other)
    code, err = _export_to(tmp_path, target, capsys)
    assert code == 1 and "2 hard links" in one_line(err)
    assert os.stat(target).st_ino == os.stat(other).st_ino
    assert other.read_text(encoding="utf-8") == "shared"


def test_output_in_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _export_to(tmp_path, tmp_path / "missing" / "out.md", capsys)
    assert code == 1 and "no such folder" in one_line(err)


def test_output_name_with_escape_bytes_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / ESC_NAME
    folder.mkdir()
    code, err = _export_to(tmp_path, folder, capsys)
    assert code == 1 and "\\x1b]0;pwned\\x07y" in one_line(err)


def test_output_swapped_while_writing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def swap(fd: int) -> None:
        real_fsync(fd)
        if target.is_file() and not target.is_symlink():
            target.unlink()
            os.mkfifo(target)

    monkeypatch.setattr(os, "fsync", swap)
    with pytest.raises(UnsafeTarget):
        write_text_atomic(target, "new")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_import_into_folder_respects_the_umask(tmp_path: Path) -> None:
    from legreader.cli.importing import run_import

    into = tmp_path / "corpus"
    old = os.umask(0o027)
    try:
        code = run_import([HTML], into, update=False, out=io.StringIO(), err=io.StringIO())
    finally:
        os.umask(old)
    assert code == 0
    written = list(into.glob("*.md"))
    assert written and all(stat.S_IMODE(p.stat().st_mode) == 0o640 for p in written)


def test_import_update_keeps_hard_links(tmp_path: Path) -> None:
    from legreader.cli.importing import run_import

    into = tmp_path / "corpus"
    assert run_import([HTML], into, update=False, out=io.StringIO(), err=io.StringIO()) == 0
    (article,) = into.glob("*.md")
    os.link(article, tmp_path / "elsewhere.md")
    before = article.read_text(encoding="utf-8")
    err = io.StringIO()
    assert run_import([HTML], into, update=True, out=io.StringIO(), err=err) == 2
    assert "hard links" in err.getvalue()
    assert os.stat(article).st_ino == os.stat(tmp_path / "elsewhere.md").st_ino
    assert article.read_text(encoding="utf-8") == before


# -- 4. clipboard tools never write over the terminal ----------------------------------------

_FAKE_XCLIP_FAILS = """\
#!/bin/sh
echo "Error: Can't open display: :99" >&2
exit 1
"""

_FAKE_XCLIP_WORKS = """\
#!/bin/sh
# Noise on stderr, a child left behind holding stderr open (as xclip does), and a store.
echo "xclip: warning: noise on stderr" >&2
case "$*" in
  *-o*) cat "$FAKE_CLIP" ;;
  *) cat > "$FAKE_CLIP"; sleep 20 & ;;
esac
"""

_COPY = textwrap.dedent(
    """\
    import time
    from legreader.cite.clipboard import copy_text
    t = time.monotonic()
    r = copy_text("a quote", osc52=None)
    print(r.ok, round(time.monotonic() - t, 1))
    print(r.message)
    """
)


def _copy_with_fake_xclip(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    xclip = bin_dir / "xclip"
    xclip.write_text(script, encoding="utf-8")
    xclip.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        DISPLAY=":99",
        FAKE_CLIP=str(tmp_path / "clip"),
        PYTHONPATH=str(SRC),
    )
    return subprocess.run(
        [sys.executable, "-c", _COPY], env=env, capture_output=True, text=True, timeout=60
    )


def test_failing_xclip_stderr_is_captured_and_reported(tmp_path: Path) -> None:
    done = _copy_with_fake_xclip(tmp_path, _FAKE_XCLIP_FAILS)
    assert done.stderr == ""  # nothing drawn over the terminal
    ok, message = done.stdout.splitlines()
    assert ok.startswith("False")
    assert "xclip failed: Error: Can't open display: :99" in message


def test_working_xclip_with_noise_and_a_lingering_child(tmp_path: Path) -> None:
    start = time.monotonic()
    done = _copy_with_fake_xclip(tmp_path, _FAKE_XCLIP_WORKS)
    assert done.stderr == ""
    ok, message = done.stdout.splitlines()
    assert ok.split()[0] == "True" and float(ok.split()[1]) < 2.0, done.stdout
    assert "pyperclip: xclip" in message
    assert (tmp_path / "clip").read_text(encoding="utf-8") == "a quote"
    assert time.monotonic() - start < 20  # never waited for the child holding stderr


def test_legreader_app_crash_is_one_line_a_report_and_exit_70(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    _state_dir: Path,
) -> None:
    """The real app, an unhandled exception in a handler: no traceback on the terminal (it
    would show local variables), one line naming the report, exit 70."""
    from legreader.ui.app import LegreaderApp, make_app

    def boom(self: Any, *_: Any, **__: Any) -> None:
        raise RuntimeError("boom \x1b]0;pwned\x07 here")

    monkeypatch.setattr(LegreaderApp, "open_article", boom)
    real_make_app = make_app

    def headless(*args: Any, **kwargs: Any) -> Any:
        app = real_make_app(*args, **kwargs)
        monkeypatch.setattr(app, "run", lambda: LegreaderApp.run(app, headless=True, size=(80, 24)))
        return app

    monkeypatch.setattr("legreader.ui.app.make_app", headless)
    assert main([str(SAMPLE), "--db", str(tmp_path / "db.json")]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\x1b]" not in err
    line = one_line(err)
    assert line.startswith("legreader: unexpected error: RuntimeError: boom")
    (report,) = _state_dir.glob("crash-*.txt")
    assert f"(full report: {report})" in line and "boom" in report.read_text(encoding="utf-8")
