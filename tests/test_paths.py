"""Paths shown to the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from legreader.files.paths import tilde_path


def test_a_path_under_home_is_written_with_a_tilde(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert tilde_path(tmp_path / ".config" / "legreader" / "config.toml") == (
        "~/.config/legreader/config.toml"
    )


def test_a_path_elsewhere_is_written_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    other = tmp_path / "elsewhere" / "config.toml"
    assert tilde_path(other) == str(other)
