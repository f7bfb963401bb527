"""Opening the annotation database, on the UI thread when it is small, in a worker when not.

:func:`open_database` does the whole opening (the fallbacks to read-only included) and returns
what the app must show; it touches no widget, so a worker thread can run it. For a large
database the worker also places the open article's annotations and counts every article's
(:class:`OpenedStore`), so the UI thread only shows the results.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from legreader.corpus.filters import ArticleFacts

if TYPE_CHECKING:
    from legreader.store import Anchor, Annotation, AnnotationStore, DatabaseDamaged
    from legreader.store.annotation_store import StoreMode

#: A database file up to this size is opened on the UI thread (parsing it takes a few
#: milliseconds, and a mark key pressed at once finds it open); a larger one is opened in a
#: worker thread while the app answers keys (400,000 annotations take tens of seconds).
SYNC_OPEN_BYTES = 1 << 20

Severity = Literal["information", "warning", "error"]
"""How a notification is shown (Textual's severity levels)."""


@dataclass
class OpenedStore:
    """What opening the database gave, for the UI thread to show."""

    store: AnnotationStore | None
    damaged: DatabaseDamaged | None = None
    """The database is damaged: the app asks what to do (nothing was opened)."""
    messages: list[tuple[str, Severity, float]] = field(default_factory=list)
    """``(text, severity, timeout)`` notifications."""
    anchored: tuple[str, list[tuple[Annotation, Anchor]]] | None = None
    """``(article id, re-anchoring results)`` of the article open when the worker started."""
    facts: dict[str, ArticleFacts] | None = None
    """Every article's annotation facts (see :func:`annotation_facts`)."""


def opens_in_background(db_path: Path) -> bool:
    """Whether the database is large enough to be opened in a worker thread."""
    try:
        return os.stat(db_path).st_size > SYNC_OPEN_BYTES
    except OSError:
        return False


def open_database(db_path: Path, mode: StoreMode) -> OpenedStore:
    """Open the database in ``mode``; locked or unreadable ones fall back to read-only."""
    from legreader.store import AnnotationStore, DatabaseDamaged, DatabaseLocked, StoreError

    messages: list[tuple[str, Severity, float]] = []
    try:
        store = AnnotationStore.open(db_path, mode=mode)
    except DatabaseDamaged as exc:
        return OpenedStore(None, damaged=exc)
    except DatabaseLocked as exc:
        messages.append((f"{exc}. Opened read-only: annotations will not be saved.", "warning", 12))
        store = AnnotationStore.open(db_path, mode="read_only")
    except (StoreError, OSError) as exc:
        messages.append(
            (f"Cannot open the annotation database: {exc}. Opened read-only.", "error", 12)
        )
        try:
            store = AnnotationStore.open(db_path, mode="read_only")
        except (StoreError, OSError):
            return OpenedStore(None, messages=messages)
    if store.read_only and mode == "normal" and store.locked_by is None:
        messages.append((f"Annotations are read-only: {store.read_only_reason}.", "warning", 10))
    for notice in store.notices:
        messages.append((notice, "warning", 10))
    return OpenedStore(store, messages=messages)


def preview_article(db_path: Path, article_id: str, text: str) -> list[tuple[Annotation, Anchor]]:
    """The open article's annotations read straight from the database file and placed in its
    ``text`` (see :mod:`legreader.store.preview`), or ``[]`` when there is nothing to preview
    safely. Never raises: a preview is a courtesy, the store's own opening decides."""
    from legreader.store.preview import preview_anchored

    try:
        return preview_anchored(db_path, article_id, text) or []
    except Exception:  # noqa: BLE001 - the store's opening reports any real problem
        return []
