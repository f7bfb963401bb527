"""The append-only journal: one fsynced line per saved change, replayed at open.

A journal file is a header line naming the snapshot generation it extends, then one record
per save. Each line is ``<crc32 hex> <json>``; a bad or unfinished *last* line is the trace of a
write that was killed before it was acknowledged and is dropped. A bad line followed by good
ones means real damage.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from legreader.store.schema import Op

JOURNAL_VERSION = 1


class JournalError(ValueError):
    """The journal is damaged before its last line."""

    def __init__(self, reason: str, records: list[list[Op]], generation: str | None) -> None:
        super().__init__(reason)
        self.records = records
        """The good records before the damage (what a read-only open can still show)."""
        self.generation = generation


@dataclass(slots=True)
class JournalContent:
    """What a journal file holds."""

    generation: str | None
    """The snapshot generation the journal extends."""
    records: list[list[Op]] = field(default_factory=list)
    """One list of operations per acknowledged save, in order."""
    torn: bool = False
    """True when an unfinished last line (a killed write) was dropped."""


def _line(obj: Any) -> bytes:
    payload = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    data = payload.encode("utf-8")
    return b"%08x " % zlib.crc32(data) + data + b"\n"


def encode_header(generation: str | None) -> bytes:
    """The first line of a journal extending snapshot ``generation``."""
    return _line({"journal": JOURNAL_VERSION, "generation": generation})


def encode_record(ops: list[Op]) -> bytes:
    """One record line holding ``ops``."""
    return _line({"ops": ops})


def _decode(line: bytes) -> Any:
    """The JSON of one line; ``ValueError`` (bad checksum, JSON or UTF-8) or ``RecursionError``."""
    crc, sep, data = line.partition(b" ")
    if not sep or len(crc) != 8 or int(crc, 16) != zlib.crc32(data):
        raise ValueError("checksum mismatch")
    return json.loads(data.decode("utf-8"))


def read_journal(raw: bytes) -> JournalContent:
    """Parse a journal. Raises :class:`JournalError` for damage before the last line."""
    lines = raw.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    content = JournalContent(generation=None, torn=bool(tail))
    for number, line in enumerate(complete, 1):
        try:
            obj = _decode(line)
            if number == 1:
                if obj.get("journal") != JOURNAL_VERSION:
                    raise ValueError("unknown journal version")
                content.generation = obj.get("generation")
            else:
                ops = obj["ops"]
                if not isinstance(ops, list):
                    raise ValueError("bad record")
                content.records.append(ops)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            if number == len(complete) and not tail:
                content.torn = True  # last line written but damaged: never acknowledged
                break
            raise JournalError(
                f"journal line {number} is damaged ({exc})", content.records, content.generation
            ) from None
    return content
