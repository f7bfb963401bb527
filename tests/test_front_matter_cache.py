"""Front matter kept across runs (legreader.corpus.front_matter_cache): a launch over files read
before parses no YAML; a damaged or foreign entry is a miss; odd values are never kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import legreader.corpus.loader as corpus
from legreader.corpus import front_matter_cache as fmc
from legreader.corpus.loader import read_article_head

FRONT = """---
title: "A study: mice"
published: 2018-05-23
volume: 12
ratio: 0.5
open: yes
authors:
  - A. One
  - B. Two
design: >-
  Folded
  text
---
Body text here.
"""


def _no_yaml(*_args: object) -> None:
    raise AssertionError("YAML parsed although the block was kept")


def test_second_read_comes_from_the_cache_and_is_the_same(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(FRONT, encoding="utf-8")
    first = read_article_head(path)
    assert list((fmc.cache_folder()).glob("*.json"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(corpus, "_loaders", _no_yaml)
        second = read_article_head(path)
    assert isinstance(first, corpus.Article) and isinstance(second, corpus.Article)
    assert second.meta == first.meta
    assert (second.id, second.title, second.published, second.author) == (
        first.id,
        first.title,
        first.published,
        first.author,
    )
    assert first.meta["published"] == "2018-05-23" and first.meta["volume"] == 12
    assert first.meta["open"] is True and first.meta["ratio"] == 0.5


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"format": 1, "key": "x", "meta": {}}', b"[]"]
)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_text(FRONT, encoding="utf-8")
    first = read_article_head(path)
    (entry,) = fmc.cache_folder().glob("*.json")
    entry.write_bytes(damage)
    again = read_article_head(path)
    assert isinstance(again, corpus.Article) and isinstance(first, corpus.Article)
    assert again.meta == first.meta
    assert fmc.load(FRONT.split("---\n")[1]) == first.meta  # rewritten


@pytest.mark.parametrize(
    "meta", [{"a": {1, 2}}, {"a": b"x"}, {"a": (1, 2)}, {"a": float("nan")}, {"a": [1, (2,)]}]
)
def test_values_json_would_change_are_not_kept(tmp_path: Path, meta: dict[str, object]) -> None:
    assert not fmc.store("x: 1\n", meta, folder=tmp_path)
    assert fmc.load("x: 1\n", folder=tmp_path) is None


def test_broken_front_matter_is_never_kept(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\nx: &x [*x]\n---\nBody\n", encoding="utf-8")
    for _ in range(2):
        skipped = read_article_head(path)
        assert isinstance(skipped, corpus.SkippedFile) and "aliases" in skipped.reason
    assert not list(fmc.cache_folder().glob("*.json"))


def test_an_unwritable_cache_folder_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(fmc, "cache_folder", lambda: blocker / "front-matter")
    path = tmp_path / "a.md"
    path.write_text(FRONT, encoding="utf-8")
    article = read_article_head(path)
    assert isinstance(article, corpus.Article) and article.title == "A study: mice"


def test_the_reader_version_hashes_the_parsing_code() -> None:
    """The files named as the parsing code exist (a move that left a stale name would make
    every version the package version: a code change would keep stale entries)."""
    package = Path(fmc.__file__).resolve().parents[1]
    assert all((package / name).exists() for name in fmc._SOURCES)
    assert not fmc.reader_version().startswith("v")
