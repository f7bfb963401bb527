"""Where the files that ship with legreader live: styles and the sample corpus.

In a wheel they sit inside the package (``legreader/styles``); in a source checkout
(editable install, tests) they are the top-level ``styles/`` and ``sample_corpus/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # legreader/ (this is legreader/files/)


def _shipped(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent.parent / name


def styles_dir() -> Path:
    """The folder of ``.tcss`` files."""
    return _shipped("styles")


def sample_corpus_dir() -> Path:
    """The bundled sample corpus."""
    return _shipped("sample_corpus")
