"""The annotation store: W3C-style annotations, re-anchoring, crash-safe persistence.

Pure domain code: never imports Textual. This package is the only place that imports TinyDB.
"""

from typing import TYPE_CHECKING

from legreader.store.anchoring import Anchor, Candidate, reanchor, reanchor_all
from legreader.store.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseNotAFile,
    ReadOnlyStore,
    StoreError,
    StoreWriteError,
)
from legreader.store.model import (
    SEVERITY_ORDER,
    VERDICTS,
    Annotation,
    ArticleNote,
    make_annotation,
    worst_verdict,
)

if TYPE_CHECKING:
    from legreader.store.annotation_store import AnnotationStore, MergeCounts, PendingChange


def __getattr__(name: str) -> object:
    """The store class (and TinyDB with it) loads only when asked for: the data model and
    re-anchoring are usable without TinyDB (exports, the compare engine)."""
    if name in ("AnnotationStore", "MergeCounts", "PendingChange"):
        from legreader.store import annotation_store

        return getattr(annotation_store, name)
    raise AttributeError(f"module 'legreader.store' has no attribute {name!r}")


__all__ = [
    "Anchor",
    "Annotation",
    "AnnotationStore",
    "ArticleNote",
    "Candidate",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseNotAFile",
    "MergeCounts",
    "PendingChange",
    "ReadOnlyStore",
    "SEVERITY_ORDER",
    "StoreError",
    "StoreWriteError",
    "VERDICTS",
    "make_annotation",
    "reanchor",
    "reanchor_all",
    "worst_verdict",
]
