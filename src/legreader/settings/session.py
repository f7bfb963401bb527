"""What the reader was doing, kept across restarts: the last article of each corpus and the
place in it, and the copy style last chosen with `Y`. No Textual.

It lives in the user state folder (``session.json``; ``~/.local/state/legreader/`` on
Linux), never in the annotation file: losing it loses nothing but a place. The file is
untrusted like any other: a damaged, foreign or oversized one reads as an empty state (and is
replaced at the next save); every value is checked for its type and range before use.
Saves are atomic (:func:`legreader.files.atomic.write_text_atomic`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from legreader.files.atomic import write_text_atomic

STATE_FILE = "session.json"
#: A state file larger than this is not read (it is ours, and a few KB).
MAX_STATE_BYTES = 256 * 1024
#: The places of at most this many corpora are kept (the most recent).
MAX_CORPORA = 50
_MAX_ID = 500
_MAX_OFFSET = 1 << 40


def default_state_path() -> Path:
    from legreader.files.paths import state_dir

    return state_dir() / STATE_FILE


def corpus_key(paths: Iterable[Path]) -> str:
    """The same corpus whatever the order its folders were given in, or the working folder."""
    resolved = []
    for path in paths:
        try:
            resolved.append(str(Path(path).resolve()))
        except (OSError, RuntimeError):
            resolved.append(os.path.abspath(path))
    return "\n".join(sorted(resolved))


@dataclass(frozen=True)
class ReadingPlace:
    """Where the reader was in an article (body offsets)."""

    article_id: str
    top: int = 0
    """The first character shown at the top of the view."""
    selection: tuple[int, int] | None = None


@dataclass
class SessionState:
    places: dict[str, ReadingPlace] = field(default_factory=dict)
    """By :func:`corpus_key`, the most recent last."""
    copy_style: str | None = None
    """The style chosen with `Y` last."""
    copy_with_study: bool | None = None
    config_style: str | None = None
    """The config file's copy style when `Y` was used: if the config says something else now,
    the config (edited since) wins."""

    def remember(self, key: str, place: ReadingPlace) -> None:
        self.places.pop(key, None)
        self.places[key] = place
        while len(self.places) > MAX_CORPORA:
            del self.places[next(iter(self.places))]

    def to_json(self) -> str:
        places = {
            key: {
                "article": place.article_id,
                "top": place.top,
                **({"selection": list(place.selection)} if place.selection else {}),
            }
            for key, place in self.places.items()
        }
        data: dict[str, object] = {"version": 1, "places": places}
        if self.copy_style:
            data["copy"] = {
                "style": self.copy_style,
                "with_study": bool(self.copy_with_study),
                "config_style": self.config_style,
            }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _offset(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _MAX_OFFSET:
        return value
    return None


def _place(raw: object) -> ReadingPlace | None:
    if not isinstance(raw, dict):
        return None
    article = raw.get("article")
    if not isinstance(article, str) or not article or len(article) > _MAX_ID:
        return None
    top = _offset(raw.get("top")) or 0
    selection = None
    sel = raw.get("selection")
    if isinstance(sel, list) and len(sel) == 2:
        start, end = _offset(sel[0]), _offset(sel[1])
        if start is not None and end is not None and start < end:
            selection = (start, end)
    return ReadingPlace(article, top, selection)


def load_state(path: Path) -> SessionState:
    """The state in ``path``; an empty one if it is missing, damaged or not ours."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_STATE_BYTES:
            return SessionState()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return SessionState()
    state = SessionState()
    if not isinstance(data, dict):
        return state
    places = data.get("places")
    if isinstance(places, dict):
        for key, raw in list(places.items())[-MAX_CORPORA:]:
            place = _place(raw)
            if isinstance(key, str) and place is not None:
                state.places[key] = place
    copy = data.get("copy")
    if isinstance(copy, dict) and isinstance(copy.get("style"), str):
        state.copy_style = copy["style"][:40]
        state.copy_with_study = bool(copy.get("with_study"))
        config_style = copy.get("config_style")
        state.config_style = config_style[:40] if isinstance(config_style, str) else None
    return state


def save_state(path: Path, state: SessionState) -> None:
    """Write the state atomically (creating the folder). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, state.to_json())
