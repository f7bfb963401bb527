"""One article's annotations, read straight from the snapshot before the store is open.

Opening a database of 10,000 annotations parses and checks every document (a large part of a
second on a slow machine); the reader looks at one article. :func:`article_preview` finds that
article's documents in the snapshot's text without parsing the rest, so the app can draw their
marks with the article's text and open the whole store behind them.

It reads only what the store itself writes (sorted JSON indented by two, see
:func:`~legreader.store.schema.serialise_snapshot`) and only when nothing else could change the
result: any other layout, a journal waiting to be replayed, a document that does not parse,
too many documents or too large a file give ``None`` ("no preview"), never a guess. A preview
is for display only: it is never written back, and the store opened afterwards replaces it
(a damaged file is then reported as usual).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from legreader.store import fileio
from legreader.store.anchoring import Anchor, reanchor_all
from legreader.store.model import Annotation

#: Files larger than this are not previewed (the preview reads and scans the whole file on the
#: UI thread: about 10 ms for 10 MB; the store reads it again).
PREVIEW_MAX_BYTES = 24 << 20
#: An article with more annotations than this is not previewed (placing them is the slow part).
PREVIEW_MAX_DOCS = 500

_TABLE = b'\n  "annotations": {'
_TABLE_END = b"\n  }"
_DOC_START = b'\n    "'
_DOC_END = b"\n    }"


def article_preview(path: Path, article_id: str) -> list[Annotation] | None:
    """The annotations of ``article_id`` in the snapshot at ``path`` (file order), ``[]`` when
    there is no database yet, or ``None`` when no preview can be given safely."""
    path = Path(os.path.realpath(path))  # as the store opens it (a symlink is followed)
    journal = path.with_name(path.name + ".journal")
    try:
        if journal.exists() and journal.stat().st_size > 0:
            return None  # changes wait to be replayed: only the store knows the result
        if os.stat(path).st_size > PREVIEW_MAX_BYTES:
            return None
        raw = fileio.read_regular(path)
    except FileNotFoundError:
        return []
    except (OSError, fileio.NotAFile):
        return None
    if not raw:
        return []  # no database yet, or an empty file: no annotations
    if not raw.startswith(b'{\n  "'):
        return None  # not the store's own layout (hand-written, compact, another tool)
    table = raw.find(_TABLE)
    if table < 0:
        return None
    first = table + len(_TABLE)
    if raw.startswith(b"}", first):
        return []
    end = raw.find(_TABLE_END, first)
    if end < 0:
        return None
    key = json.dumps(article_id, ensure_ascii=False).encode("utf-8")
    needle = b'\n      "article_id": ' + key
    found: list[Annotation] = []
    at = raw.find(needle, first, end)
    while at >= 0:
        after = raw[at + len(needle) : at + len(needle) + 1]
        if after in (b",", b"\n"):  # the whole value, not the start of a longer id
            if len(found) >= PREVIEW_MAX_DOCS:
                return None
            doc = _document(raw, first, at)
            if doc is None:
                return None
            found.append(doc)
        at = raw.find(needle, at + len(needle), end)
    if any(ann.article_id != article_id for ann in found):
        return None
    return found


def _document(raw: bytes, first: int, at: int) -> Annotation | None:
    """The annotation whose ``article_id`` line starts at ``at``."""
    start = raw.rfind(_DOC_START, first - 1, at)
    stop = raw.find(_DOC_END, at)
    if start < 0 or stop < 0:
        return None
    brace = raw.find(b": {", start, at)
    if brace < 0 or not raw[start + len(_DOC_START) : brace - 1].isdigit():
        return None
    try:
        data = json.loads(raw[brace + 2 : stop + len(_DOC_END)])
        return Annotation.from_dict(data) if isinstance(data, dict) else None
    except (ValueError, TypeError, RecursionError):
        return None


def preview_anchored(
    path: Path, article_id: str, text: str
) -> list[tuple[Annotation, Anchor]] | None:
    """:func:`article_preview`, placed in the article's current ``text`` the way
    :meth:`AnnotationStore.reanchor_article` places them (nothing is saved), in text order."""
    anns = article_preview(path, article_id)
    if anns is None:
        return None
    anns.sort(key=lambda a: (a.start, a.end, a.created))
    result: list[tuple[Annotation, Anchor]] = []
    for ann, anchor in zip(anns, reanchor_all(anns, text), strict=True):
        detached = ann.detached and anchor.status != "anchored"
        if anchor.moved(ann) or detached != ann.detached:
            ann = dataclasses.replace(
                ann, start=anchor.start, end=anchor.end, status=anchor.status, detached=detached
            )
        result.append((ann, anchor))
    return result
