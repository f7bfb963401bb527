"""``loads``: :func:`json.loads` for snapshots, in small steps when the text is large
(and :func:`decode_utf8`, the same for ``bytes.decode``).

``json.loads`` is one native call: on a 200 MB snapshot it holds the interpreter for seconds,
and a UI thread running beside the worker that opens the database cannot answer a key. A
snapshot is ``{table: {doc_id: document}}``, so a large one is read two levels by hand and
each document with one short native call, with a pause every :data:`PAUSE_EVERY` documents.

Same result as ``json.loads`` for every input: anything unexpected (another shape, a syntax
error, a nesting bomb) is handed to ``json.loads`` itself, which returns or raises exactly what
it always did.
"""

from __future__ import annotations

import codecs
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from legreader.work.pacing import pause

#: Texts up to this many characters are parsed by one ``json.loads`` call (milliseconds).
COOPERATIVE_CHARS = 2 << 20
#: Documents parsed between two pauses (each pause lets other threads run).
PAUSE_EVERY = 200

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


#: Bytes decoded between two pauses by :func:`decode_utf8`.
DECODE_CHUNK = 1 << 20


def decode_utf8(raw: bytes) -> str:
    """``raw.decode("utf-8")``, a megabyte at a time when large (same result, same error)."""
    if len(raw) <= COOPERATIVE_CHARS:
        return raw.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[str] = []
    view = memoryview(raw)
    try:
        for at in range(0, len(raw), DECODE_CHUNK):
            parts.append(decoder.decode(view[at : at + DECODE_CHUNK]))
            pause()
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return raw.decode("utf-8")  # raises the error with its offset in the whole file
    return "".join(parts)


class _Unexpected(Exception):
    """Not the simple shape: let ``json.loads`` decide."""


def loads(text: str) -> Any:
    """Parse JSON ``text`` like ``json.loads``, pausing now and then if it is large."""
    if len(text) <= COOPERATIVE_CHARS:
        return json.loads(text)
    try:
        return _tables(text)
    except (_Unexpected, ValueError, RecursionError):
        return json.loads(text)


def _skip(text: str, at: int) -> int:
    """The index of the first non-space character from ``at``."""
    found = _WS.match(text, at)
    return found.end() if found else at


def _tables(text: str) -> dict[str, Any]:
    pos = _skip(text, 0)
    out: dict[str, Any] = {}
    count = 0

    def expect(char: str, at: int) -> int:
        if text[at : at + 1] != char:
            raise _Unexpected
        return _skip(text, at + 1)

    def key(at: int) -> tuple[str, int]:
        if text[at : at + 1] != '"':
            raise _Unexpected
        name, end = scanstring(text, at + 1, True)
        return name, expect(":", _skip(text, end))

    pos = expect("{", pos)
    if text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            name, pos = key(pos)
            table: dict[str, Any] = {}
            pos = expect("{", pos)
            if text[pos : pos + 1] == "}":
                pos += 1
            else:
                while True:
                    doc_id, pos = key(pos)
                    table[doc_id], end = _DECODER.raw_decode(text, pos)
                    count += 1
                    if count % PAUSE_EVERY == 0:
                        pause()
                    pos = _skip(text, end)
                    if text[pos : pos + 1] == "}":
                        pos += 1
                        break
                    pos = expect(",", pos)
            out[name] = table
            pos = _skip(text, pos)
            if text[pos : pos + 1] == "}":
                pos += 1
                break
            pos = expect(",", pos)
    if _skip(text, pos) != len(text):
        raise _Unexpected
    return out
