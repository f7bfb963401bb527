"""Small helpers for the words of notices: one short, plain line per event."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 file``, ``3 files``, ``1,200 passages`` (``many``: the plural when it is not
    noun + s)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def one_line(exc: BaseException) -> str:
    """An exception in one cleaned line, its detail cut at 200 characters (for a notice)."""
    from legreader.text.clean import clean_line

    detail = clean_line(str(exc))[:200]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
