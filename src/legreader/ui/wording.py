"""Small helpers for the words of notices: one short, plain line per event."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 file``, ``3 files``, ``1,200 passages`` (``many``: the plural when it is not
    noun + s)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
