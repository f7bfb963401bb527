"""The command line's basics: --version, --help, exit code 2 when there is nothing to read.

The app itself is never started here: ``legreader.ui.app`` is replaced by a stub module,
so these tests neither import Textual nor open a terminal UI.
"""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from legreader import __version__
from legreader.cli.program import check_corpus_paths, main


class _StubApp:
    """Stands in for LegreaderApp / make_app's result: records how it was built, never runs a UI."""

    instances: list[_StubApp] = []

    def __init__(self, corpus_paths: Any, db_path: Any, config: Any = None) -> None:
        self.corpus_paths = list(corpus_paths)
        self.db_path = db_path
        _StubApp.instances.append(self)

    def run(self) -> int:
        return 0


def _make_stub_app(paths: Any = None, db_path: Any = None, *, config: Any = None) -> _StubApp:
    return _StubApp(paths or [], db_path, config=config)


@pytest.fixture
def stub_app(monkeypatch: pytest.MonkeyPatch) -> type[_StubApp]:
    module = types.ModuleType("legreader.ui.app")
    module.LegreaderApp = _StubApp  # type: ignore[attr-defined]
    module.make_app = _make_stub_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "legreader.ui.app", module)
    _StubApp.instances = []
    return _StubApp


# ---------------------------------------------------------------------------
# --version / --help
# ---------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.strip() == f"legreader {__version__}"


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "usage: legreader" in out
    assert "PATH" in out
    assert "--db" in out
    for sub in ("claims", "compare", "export", "import"):
        assert f"legreader {sub}" in out


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-such-option"])
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Exit code 2: nothing to read
# ---------------------------------------------------------------------------


def test_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    missing = tmp_path / "no-such-folder"
    assert main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err
    assert str(missing) in err
    assert stub_app.instances == []  # the app never started


def test_empty_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty)]) == 2
    err = capsys.readouterr().err
    assert "no articles" in err
    assert stub_app.instances == []


def test_folder_without_article_files_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    folder = tmp_path / "other-files"
    folder.mkdir()
    (folder / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.md").write_text("hidden", encoding="utf-8")
    (folder / "x.debris.txt").write_text("debris", encoding="utf-8")
    assert main([str(folder)]) == 2
    assert "no articles" in capsys.readouterr().err


def test_one_missing_among_several_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    good = tmp_path / "a.md"
    good.write_text("# A\n\nbody\n", encoding="utf-8")
    assert main([str(good), str(tmp_path / "missing.md")]) == 2
    assert "missing.md" in capsys.readouterr().err
    assert stub_app.instances == []


def test_missing_path_with_escape_bytes_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    missing = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J.md"
    assert main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b" in err


def test_valid_folder_starts_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stub_app: type[_StubApp]
) -> None:
    (tmp_path / "a.md").write_text("# A\n\nbody\n", encoding="utf-8")
    db = tmp_path / "db.json"
    assert main([str(tmp_path), "--db", str(db)]) == 0
    (app,) = stub_app.instances
    assert app.corpus_paths == [tmp_path]
    assert app.db_path == db


def test_no_path_opens_the_sample_corpus(stub_app: type[_StubApp], sample_corpus: Path) -> None:
    assert main([]) == 0
    (app,) = stub_app.instances
    assert [p.resolve() for p in app.corpus_paths] == [sample_corpus.resolve()]
    # Default database lives in the (isolated) user data folder, never the real one.
    assert "legreader" in str(app.db_path)


@pytest.mark.parametrize("sub", ["claims", "compare"])
def test_subcommand_missing_path_exits_2(
    sub: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([sub, str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("sub", ["claims", "compare"])
def test_subcommand_empty_folder_exits_2(
    sub: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([sub, str(tmp_path)]) == 2
    assert "no articles" in capsys.readouterr().err


def test_subcommand_folder_of_only_unusable_files_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["claims", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "image.md: binary file" in err
    assert "empty.txt: empty file" in err
    assert "no article could be loaded" in err


# ---------------------------------------------------------------------------
# check_corpus_paths
# ---------------------------------------------------------------------------


def test_check_corpus_paths_ok(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A\n", encoding="utf-8")
    err = io.StringIO()
    assert check_corpus_paths([tmp_path], err) is True
    assert err.getvalue() == ""


def test_check_corpus_paths_single_file(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("x", encoding="utf-8")
    assert check_corpus_paths([f], io.StringIO()) is True


def test_check_corpus_paths_missing(tmp_path: Path) -> None:
    err = io.StringIO()
    assert check_corpus_paths([tmp_path / "nope"], err) is False
    assert err.getvalue().startswith("legreader: no such file or folder:")
    assert err.getvalue().count("\n") == 1


def test_check_corpus_paths_reports_every_missing_path(tmp_path: Path) -> None:
    err = io.StringIO()
    assert check_corpus_paths([tmp_path / "one", tmp_path / "two"], err) is False
    assert "one" in err.getvalue() and "two" in err.getvalue()


def test_check_corpus_paths_empty_folder(tmp_path: Path) -> None:
    err = io.StringIO()
    assert check_corpus_paths([tmp_path], err) is False
    assert "no articles" in err.getvalue()


def test_check_corpus_paths_broken_symlink_exists_as_a_path(tmp_path: Path) -> None:
    # A dangling link is "there" (lexists); the loader skips it with a reason later.
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "gone.md")
    assert check_corpus_paths([link], io.StringIO()) is True


def test_windows_is_refused_at_start_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """POSIX only (README "Platforms"): on Windows one line and exit 1, before anything runs;
    --version and --help still answer."""
    from legreader.cli import program as cli

    monkeypatch.setattr(sys, "platform", "win32")  # (as the cli module sees it)
    assert cli.main(["claims", "sample_corpus"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("legreader: Windows is not supported")
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
