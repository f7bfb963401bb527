"""The on-disk snapshot format: parsing, validation, migrations, stable serialisation, replay.

The snapshot is a TinyDB-shaped JSON object ``{table: {doc_id: document}}`` plus a ``_meta``
table holding ``schema_version`` and a ``generation`` id that ties the journal to it. It is
written sorted, indented and with a final newline so it diffs well under version control.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from legreader.store import jsonparse
from legreader.store.model import Annotation, ArticleNote

SCHEMA_VERSION = 1
"""Version written by this code. Files from a newer legreader are refused, never overwritten."""
META_TABLE = "_meta"
ANNOTATIONS = "annotations"
ARTICLE_NOTES = "article_notes"
#: Field that identifies a document across files (used to merge and replay by meaning, not doc id).
NATURAL_KEYS: dict[str, str] = {ANNOTATIONS: "id", ARTICLE_NOTES: "article_id"}

Tables = dict[str, dict[str, dict[str, Any]]]
Op = list[Any]
"""A journal operation: ``["put", table, doc_id, document]`` or ``["del", table, doc_id, key]``."""


class SchemaError(ValueError):
    """The bytes are not a usable snapshot; the message says why in plain words."""


def parse_snapshot(raw: bytes) -> tuple[Tables, dict[str, Any], int | None]:
    """``(tables, meta, migrated_from)`` from the file's bytes. Empty bytes mean an empty store.

    Raises :class:`SchemaError` for anything else that is not a valid snapshot.
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
    try:
        data = jsonparse.loads(text)  # large files in small steps (a UI thread runs beside)
    except json.JSONDecodeError as exc:
        hint = " (it looks truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise SchemaError(
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
        ) from None
    if not isinstance(data, dict):
        raise SchemaError(f"the top level is a JSON {_kind(data)}, expected an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SchemaError(f"table {name!r} is a JSON {_kind(table)}, expected an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit():
                raise SchemaError(f"table {name!r} has a non-numeric document id {doc_id!r}")
            if not isinstance(doc, dict):
                raise SchemaError(
                    f"document {name}/{doc_id} is a JSON {_kind(doc)}, expected an object"
                )
    meta_table = data.pop(META_TABLE, {})
    meta = dict(next(iter(meta_table.values()), {})) if meta_table else {}
    version = meta.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SchemaError(f"unreadable schema_version {version!r}")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"written by a newer legreader (schema {version}, this one reads up to {SCHEMA_VERSION})"
        )
    migrated_from = None
    while version < SCHEMA_VERSION:
        migrated_from = version if migrated_from is None else migrated_from
        data = MIGRATIONS[version](data)
        version += 1
    meta["schema_version"] = SCHEMA_VERSION
    return _validated(data), meta, migrated_from


def serialise_snapshot(tables: Tables, meta: dict[str, Any]) -> bytes:
    """Stable, sorted, pretty UTF-8 JSON with a trailing newline."""
    out: dict[str, Any] = {
        name: table for name, table in tables.items() if table or name in NATURAL_KEYS
    }
    out[META_TABLE] = {"1": meta}
    text = json.dumps(out, sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _validated(data: dict[str, Any]) -> Tables:
    """Every known document parsed and written back in canonical form; duplicates refused."""
    checks: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        ANNOTATIONS: lambda d: Annotation.from_dict(d).to_dict(),
        ARTICLE_NOTES: lambda d: ArticleNote.from_dict(d).to_dict(),
    }
    tables: Tables = {}
    for name, table in data.items():
        check = checks.get(name)
        out: dict[str, dict[str, Any]] = {}
        seen: set[str] = set()
        for doc_id, doc in table.items():
            if check is not None:
                try:
                    doc = check(doc)
                except ValueError as exc:
                    raise SchemaError(f"document {name}/{doc_id} is invalid: {exc}") from None
                key = doc[NATURAL_KEYS[name]]
                if key in seen:
                    raise SchemaError(f"table {name!r} holds {key!r} twice")
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
    """
    index: dict[str, dict[str, str]] = {}

    def key_index(name: str) -> dict[str, str]:
        if name not in index:
            field = NATURAL_KEYS.get(name)
            table = tables.get(name, {})
            index[name] = {doc[field]: did for did, doc in table.items()} if field else {}
        return index[name]

    for kind, name, doc_id, payload in ops:
        table = tables.setdefault(name, {})
        field = NATURAL_KEYS.get(name)
        keys = key_index(name)
        if kind == "put":
            target = keys.get(payload[field]) if field else (doc_id if doc_id in table else None)
            if target is None:
                target = doc_id if doc_id not in table else str(max(map(int, table)) + 1)
            table[target] = payload
            if field:
                keys[payload[field]] = target
        elif kind == "del":
            target = keys.pop(payload, None) if field else doc_id
            if target is not None:
                table.pop(target, None)
        else:
            raise SchemaError(f"unknown journal operation {kind!r}")
    return tables


def _kind(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null" if value is None else "object"
    )
