"""The claim analysis cache: hit, miss, damaged entries, engine version, bounds, location."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from legreader.claims import ClaimSpan, analyze, cache, sentences
from legreader.files.paths import cache_dir

TEXT = (
    "Researchers found that mice kept from using their hind legs for 28 days had 70% fewer "
    "neural stem cells. The study, published in Frontiers in Neuroscience, suggests that "
    'exercise may protect the brain.\n\n"Leg day matters," said Dr. Adami.'
)


def analysis(text: str = TEXT) -> tuple[list[ClaimSpan], list[tuple[int, int]]]:
    return analyze(text), sentences(text)


def entry_of(folder: Path) -> Path:
    (entry,) = folder.glob("*.json")
    return entry


def test_miss_then_hit_gives_the_same_analysis(tmp_path: Path) -> None:
    assert cache.load(TEXT, folder=tmp_path) is None
    claims, found = analysis()
    assert claims  # the text has claims worth keeping
    assert cache.store(TEXT, claims, found, folder=tmp_path)
    hit = cache.load(TEXT, folder=tmp_path)
    assert hit is not None
    assert hit[0] == claims and hit[1] == found
    assert all(c.text == TEXT[c.start : c.end] for c in hit[0])


def test_key_depends_on_text_and_animal_study(tmp_path: Path) -> None:
    claims, found = analysis()
    cache.store(TEXT, claims, found, folder=tmp_path)
    assert cache.load(TEXT + " ", folder=tmp_path) is None
    assert cache.load(TEXT, animal_study=True, folder=tmp_path) is None
    assert cache.load(TEXT, folder=tmp_path) is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",  # empty (a crash before anything was written)
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00\xff garbage",
        lambda raw: b"[]",
        lambda raw: b'{"format": 1}',
        lambda raw: raw.replace(b'"claims":[[', b'"claims":[[99999,'),  # row of ten fields
    ],
)
def test_damaged_entry_is_a_miss_and_is_rebuilt(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    claims, found = analysis()
    cache.store(TEXT, claims, found, folder=tmp_path)
    entry = entry_of(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.load(TEXT, folder=tmp_path) is None
    assert cache.store(TEXT, claims, found, folder=tmp_path)  # rebuilt over it
    assert cache.load(TEXT, folder=tmp_path) == (claims, found)


@pytest.mark.parametrize(
    "field, bad",
    [
        (0, -1),  # start before the text
        (1, 10_000),  # end past it
        (2, "gossip"),  # not a category
        (4, "very strong"),  # not a strength
        (5, "70"),  # value not a number
        (7, "flag"),  # flags not a list
        (8, "yes"),  # negated not a bool
    ],
)
def test_entry_with_an_impossible_span_is_a_miss(tmp_path: Path, field: int, bad: object) -> None:
    claims, found = analysis()
    cache.store(TEXT, claims, found, folder=tmp_path)
    entry = entry_of(tmp_path)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["claims"][0][field] = bad
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.load(TEXT, folder=tmp_path) is None


def test_entry_for_another_text_of_the_same_name_is_a_miss(tmp_path: Path) -> None:
    claims, found = analysis()
    cache.store(TEXT, claims, found, folder=tmp_path)
    entry = entry_of(tmp_path)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["length"] += 1  # e.g. a file copied in from elsewhere
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.load(TEXT, folder=tmp_path) is None


def test_engine_version_change_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims, found = analysis()
    cache.store(TEXT, claims, found, folder=tmp_path)
    assert cache.load(TEXT, folder=tmp_path) is not None
    monkeypatch.setattr(cache, "engine_version", lambda: "a-newer-engine")
    assert cache.load(TEXT, folder=tmp_path) is None
    # and an entry claiming another engine under the current key is refused too
    cache.store(TEXT, claims, found, folder=tmp_path)
    for entry in tmp_path.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["engine"] = "an-older-engine"
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.load(TEXT, folder=tmp_path) is None


def test_engine_version_follows_the_engine_sources() -> None:
    version = cache.engine_version()
    assert version == cache.engine_version() and len(version) >= 8
    assert not version.startswith("v")  # the sources were read, not the package version


def test_every_module_the_analysis_runs_is_hashed() -> None:
    """A module of the claims package that the engine imports (directly or through another)
    and that decides what it finds is one of the hashed sources: editing it misses the cache."""
    import ast

    folder = Path(cache.__file__).parent
    hashed = set(cache._ENGINE_FILES)
    plumbing = {"regex.py", "pattern_table.py", "cache.py", "__init__.py"}  # how, not what
    todo, seen = ["engine.py"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((folder / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 and node.module:
                    todo.append(node.module.split(".")[0] + ".py")
                elif node.level == 1:
                    todo.extend(f"{alias.name}.py" for alias in node.names)
                elif (node.module or "").startswith("legreader.claims."):
                    todo.append((node.module or "").split(".")[2] + ".py")
    assert seen - plumbing <= hashed, sorted(seen - plumbing - hashed)
    assert all((folder / name).exists() for name in hashed)


def test_writes_are_atomic_and_leave_no_temp_file(tmp_path: Path) -> None:
    claims, found = analysis()
    for _ in range(3):
        assert cache.store(TEXT, claims, found, folder=tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]


def test_unwritable_cache_is_no_cache_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    claims, found = analysis()
    assert cache.store(TEXT, claims, found, folder=blocked / "claims") is False
    assert cache.load(TEXT, folder=blocked / "claims") is None


def test_prune_keeps_the_cache_bounded_dropping_the_least_recently_used(tmp_path: Path) -> None:
    for n in range(10):
        text = f"{TEXT} {n}"
        cache.store(text, *analysis(text), folder=tmp_path)
        path = tmp_path / f"{cache.content_key(text, False)}.json"
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    # a hit makes the oldest entry the most recently used
    assert cache.load(f"{TEXT} 0", folder=tmp_path) is not None
    removed = cache.prune(tmp_path, max_entries=5)
    assert removed == 6  # down to 80 % of the bound
    assert cache.load(f"{TEXT} 0", folder=tmp_path) is not None
    assert cache.load(f"{TEXT} 9", folder=tmp_path) is not None
    assert cache.load(f"{TEXT} 1", folder=tmp_path) is None
    size = sum(p.stat().st_size for p in tmp_path.glob("*.json"))
    cache.prune(tmp_path, max_bytes=size // 2)
    assert sum(p.stat().st_size for p in tmp_path.glob("*.json")) <= size // 2


def test_oversized_result_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 100)
    assert cache.store(TEXT, *analysis(), folder=tmp_path) is False
    assert not list(tmp_path.glob("*.json"))


def test_folder_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "legreader"
    monkeypatch.setenv("LEGREADER_CACHE", str(tmp_path / "mine"))
    assert cache.cache_folder() == tmp_path / "mine" / "claims"
    cache.store(TEXT, *analysis())  # the default folder is the environment's
    assert list((tmp_path / "mine" / "claims").glob("*.json"))
