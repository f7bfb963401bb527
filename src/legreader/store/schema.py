"""The on-disk snapshot format: parsing, validation, migrations, stable serialisation, replay.

The snapshot is a TinyDB-shaped JSON object ``{table: {doc_id: document}}`` plus a ``_meta``
table holding ``schema_version`` and a ``generation`` id that ties the journal to it. It is
written sorted, indented and with a final newline so it diffs well under version control.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from legreader.store import jsonparse
from legreader.store.jsonparse import PAUSE_EVERY
from legreader.store.model import Annotation, ArticleNote
from legreader.work.pacing import pause

SCHEMA_VERSION = 1
"""Version written by this code. Files from a newer legreader are refused, never overwritten."""
META_TABLE = "_meta"
ANNOTATIONS = "annotations"
ARTICLE_NOTES = "article_notes"
#: Field that identifies a document across files (used to merge and replay by meaning, not doc id).
NATURAL_KEYS: dict[str, str] = {ANNOTATIONS: "id", ARTICLE_NOTES: "article_id"}

#: Deepest nesting accepted in a table the store does not know (its own documents nest 2 deep);
#: deeper data would make writing the snapshot back fail on Python's recursion limit.
MAX_FOREIGN_DEPTH = 32
#: A document id: canonical decimal (no sign, no leading zero, ASCII digits only; ``"01"`` and
#: ``"²"`` are refused), at most 18 digits so it always fits a 64-bit integer.
_DOC_ID = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")

Tables = dict[str, dict[str, dict[str, Any]]]
Op = list[Any]
"""A journal operation: ``["put", table, doc_id, document]`` or ``["del", table, doc_id, key]``."""


class SchemaError(ValueError):
    """The bytes are not a usable snapshot; the message says why in plain words."""


#: ``id(document) -> (document, its Annotation)``, filled by :func:`parse_snapshot` when asked:
#: each annotation is parsed once to check it; the store reuses that object instead of parsing
#: the canonical document again (a third of the time of opening a large database).
Parsed = dict[int, tuple[dict[str, Any], Annotation]]


def parse_snapshot(
    raw: bytes, *, parsed: Parsed | None = None
) -> tuple[Tables, dict[str, Any], int | None]:
    """``(tables, meta, migrated_from)`` from the file's bytes. Empty bytes mean an empty store.

    Raises :class:`SchemaError` for anything else that is not a valid snapshot. ``parsed``
    receives the :class:`Annotation` of each annotation document (see :data:`Parsed`).
    """
    if not raw:
        return {}, {}, None
    if b"\x00" in raw:
        raise SchemaError("the file contains NUL bytes (zeroed or binary data)")
    try:
        text = jsonparse.decode_utf8(raw)
    except UnicodeDecodeError as exc:
        raise SchemaError(f"the file is not UTF-8 text (byte {exc.start})") from None
    if text.isspace():  # (not text.strip(): that copies a 200 MB text)
        raise SchemaError("the file holds only whitespace")
    data = _loads(text)
    if not isinstance(data, dict):
        raise SchemaError(f"the top level is a JSON {_kind(data)}, expected an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SchemaError(f"table {name!r} is a JSON {_kind(table)}, expected an object")
        for doc_id, doc in table.items():
            check_doc_id(name, doc_id)
            if not isinstance(doc, dict):
                raise SchemaError(
                    f"document {name}/{doc_id} is a JSON {_kind(doc)}, expected an object"
                )
        if name not in NATURAL_KEYS and _too_deep(table, MAX_FOREIGN_DEPTH):
            raise SchemaError(f"table {name!r} is nested more than {MAX_FOREIGN_DEPTH} levels deep")
    meta_table = data.pop(META_TABLE, {})
    meta = dict(next(iter(meta_table.values()), {})) if meta_table else {}
    version = meta.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SchemaError(f"unreadable schema_version {_short(version)}")
    for key in ("generation", "previous_generation"):
        if not isinstance(meta.get(key), str | None):
            raise SchemaError(f"unreadable {key} {_short(meta.get(key))}")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"written by a newer legreader (schema {_short(version)}, "
            f"this one reads up to {SCHEMA_VERSION})"
        )
    migrated_from = None
    while version < SCHEMA_VERSION:
        migrated_from = version if migrated_from is None else migrated_from
        data = MIGRATIONS[version](data)
        version += 1
    meta["schema_version"] = SCHEMA_VERSION
    return _validated(data, parsed), meta, migrated_from


def _loads(text: str) -> Any:
    """``json.loads`` with every way it can fail turned into a :class:`SchemaError`."""
    try:
        return jsonparse.loads(text)  # large files in small steps (a UI thread runs beside)
    except json.JSONDecodeError as exc:
        hint = " (it looks truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise SchemaError(
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
        ) from None
    except RecursionError:
        raise SchemaError("the JSON is nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer longer than Python's int/str digit limit
        raise SchemaError(f"not valid JSON: {_cut(str(exc))}") from None


def check_doc_id(table: str, doc_id: Any) -> None:
    """Raise :class:`SchemaError` unless ``doc_id`` is a canonical document id string."""
    if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
        raise SchemaError(f"table {table!r} has an invalid document id {_short(doc_id)}")


def _too_deep(value: Any, limit: int) -> bool:
    """True when ``value`` nests lists/objects more than ``limit`` levels (checked iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _cut(text: str, limit: int = 160) -> str:
    """``text`` cut to ``limit`` characters (a reason quoting a value from a hostile file)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (ids and values from a hostile file)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return _cut(text, limit)


def serialise_snapshot(tables: Tables, meta: dict[str, Any]) -> bytes:
    """Stable, sorted, pretty UTF-8 JSON with a trailing newline."""
    out: dict[str, Any] = {
        name: table for name, table in tables.items() if table or name in NATURAL_KEYS
    }
    out[META_TABLE] = {"1": meta}
    text = json.dumps(out, sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


#: Parse-and-rewrite of the documents of each known table (``ValueError`` when invalid).
_CHECKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    ANNOTATIONS: lambda d: Annotation.from_dict(d).to_dict(),
    ARTICLE_NOTES: lambda d: ArticleNote.from_dict(d).to_dict(),
}


def _validated(data: dict[str, Any], parsed: Parsed | None = None) -> Tables:
    """Every known document parsed and written back in canonical form; duplicates refused."""
    tables: Tables = {}
    for name, table in data.items():
        check = _CHECKS.get(name)
        keep = parsed is not None and name == ANNOTATIONS
        out: dict[str, dict[str, Any]] = {}
        seen: set[str] = set()
        for n, (doc_id, doc) in enumerate(table.items(), 1):
            if n % PAUSE_EVERY == 0:
                pause()  # a worker opening a large database lets a busy UI go first
            if check is not None:
                try:
                    if keep:
                        ann = Annotation.from_dict(doc)
                        doc = ann.to_dict()
                        parsed[id(doc)] = (doc, ann)  # type: ignore[index]
                    else:
                        doc = check(doc)
                except (ValueError, TypeError) as exc:
                    raise SchemaError(
                        f"document {name}/{doc_id} is invalid: {_cut(str(exc))}"
                    ) from None
                key = doc[NATURAL_KEYS[name]]
                if key in seen:
                    raise SchemaError(f"table {name!r} holds {_short(key)} twice")
                seen.add(key)
            out[doc_id] = doc
        tables[name] = out
    for name in NATURAL_KEYS:
        tables.setdefault(name, {})
    return tables


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0: a plain TinyDB file (no ``_meta``). Annotations left in ``_default`` move to
    ``annotations``; missing optional fields get defaults when validated."""
    default = data.pop("_default", {})
    annotations = data.setdefault(ANNOTATIONS, {})
    next_id = max((int(k) for k in annotations), default=0) + 1
    for doc in default.values():
        if "exact" in doc:
            annotations[str(next_id)] = doc
            next_id += 1
    return data


#: ``MIGRATIONS[v]`` turns schema ``v`` data into schema ``v + 1`` data.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def replay(tables: Tables, ops: Iterable[Op]) -> Tables:
    """Apply journal operations to ``tables`` (in place, also returned).

    Documents are matched by their natural key (annotation id, article id), so the same
    operations can be replayed onto a file another program rewrote with other doc ids.
    Each operation is checked first (:func:`checked_op`); a bad one raises :class:`SchemaError`.
    """
    index: dict[str, dict[str, str]] = {}

    def key_index(name: str) -> dict[str, str]:
        if name not in index:
            field = NATURAL_KEYS[name]
            index[name] = {doc[field]: did for did, doc in tables.get(name, {}).items()}
        return index[name]

    for op in ops:
        kind, name, doc_id, payload = checked_op(op)
        table = tables.setdefault(name, {})
        keys = key_index(name)
        if kind == "put":
            target = keys.get(payload[NATURAL_KEYS[name]])
            if target is None:
                target = doc_id if doc_id not in table else str(max(map(int, table)) + 1)
            table[target] = payload
            keys[payload[NATURAL_KEYS[name]]] = target
        else:
            target = keys.pop(payload, None)
            if target is not None:
                table.pop(target, None)
    return tables


def checked_op(op: Any) -> Op:
    """A journal operation in canonical form, or :class:`SchemaError` saying what is wrong.

    Only the store's own tables are written through the journal; a ``put`` document is
    validated like a snapshot document, a ``del`` key must be a string.
    """
    if not isinstance(op, list) or len(op) != 4:
        raise SchemaError(f"journal operation {_short(op)} is not a 4-item list")
    kind, name, doc_id, payload = op
    if name not in NATURAL_KEYS:
        raise SchemaError(f"journal operation on unknown table {_short(name)}")
    check_doc_id(name, doc_id)
    if kind == "put":
        if not isinstance(payload, dict):
            raise SchemaError(f"journal document {name}/{doc_id} is not an object")
        try:
            payload = _CHECKS[name](payload)
        except (ValueError, TypeError) as exc:
            raise SchemaError(
                f"journal document {name}/{doc_id} is invalid: {_cut(str(exc))}"
            ) from None
    elif kind == "del":
        if not isinstance(payload, str):
            raise SchemaError(f"journal deletion {name}/{doc_id} has no key")
    else:
        raise SchemaError(f"unknown journal operation {_short(kind)}")
    return [kind, name, doc_id, payload]


def _kind(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null" if value is None else "object"
    )
