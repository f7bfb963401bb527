"""The quoted passage: exact article text, whitespace normalised, ends marked, quotes nested.

Also the integrity check: a passage is quoted only when it still matches the article text;
otherwise the caller gets a word diff to show. No Textual import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legreader.text.diff import word_diff as diff_pieces

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_TRAILING_JOINERS = ",;:–—-"
_STRAIGHT_DOUBLE = re.compile(r'"')


def normalise_whitespace(text: str) -> str:
    """Runs of whitespace (newlines, tabs, no-break spaces) become one space; ends trimmed."""
    return " ".join(text.split())


def nest_quotes(text: str) -> str:
    """Inner double quotes become single ones, for a quote set in outer “…”.

    Curly “…” become ‘…’; straight "…" are paired in order (opening, closing). Existing
    single quotes and apostrophes are left alone.
    """
    text = text.replace("“", "‘").replace("”", "’")
    count = 0

    def swap(_match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "‘" if count % 2 else "’"

    return _STRAIGHT_DOUBLE.sub(swap, text)


def starts_mid_sentence(body: str, start: int) -> bool:
    """True when the text before `start` (same paragraph) does not end a sentence."""
    before = body[:start]
    line_start = before.rfind("\n") + 1
    head = before[line_start:].rstrip(" \t")
    if not head:
        return False
    if (
        not before[len(before) - 1 :].isspace()
        and body[start : start + 1].isalnum()
        and head[-1:].isalnum()
    ):
        return True  # the selection cuts a word
    return not _SENTENCE_END.search(head) and not _is_list_marker(head)


def ends_mid_sentence(body: str, end: int, selected: str) -> bool:
    """True when the selection stops before its sentence (or its line) ends."""
    text = selected.rstrip()
    if not text:
        return False
    after = body[end:]
    rest_of_line = after.split("\n", 1)[0]
    if not rest_of_line.strip():
        return False  # ends at the end of a line or of the text
    return not _SENTENCE_END.search(text)


def _is_list_marker(head: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:[•*\-–]|\d+[.)])", head))


def quote_from_body(body: str, start: int, end: int, *, nest: bool = True) -> str:
    """The passage `body[start:end]` ready to put in quotation marks.

    Whitespace is normalised; an ellipsis marks an end cut mid-sentence (a dangling comma
    or dash before it is dropped); inner double quotes become single ones, unless ``nest``
    is False (a quote set apart without quotation marks, as in a Markdown blockquote, keeps
    its quotation marks verbatim).
    """
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    selected = body[start:end]
    text = normalise_whitespace(selected)
    if not text:
        return ""
    lead = len(selected) - len(selected.lstrip())
    trail = len(selected) - len(selected.rstrip())
    if starts_mid_sentence(body, start + lead):
        text = f"{ELLIPSIS} {text.lstrip(_TRAILING_JOINERS + ' ')}"
    if ends_mid_sentence(body, end - trail, selected):
        text = f"{text.rstrip(_TRAILING_JOINERS + ' ')} {ELLIPSIS}"
    return nest_quotes(text) if nest else text


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraph_number(body: str, offset: int, title: str | None = None) -> int | None:
    """Which paragraph of `body` holds `offset` (1-based), for APA's "para." locator.

    Paragraphs are blocks between blank lines (each line, in a text without blank lines).
    Headings (`# ...`) and a block that repeats the title (saved pages often start with
    it) are not counted, as a reader counting paragraphs on the page would not count them.
    None when the offset is in such a block or outside the text.
    """
    if not 0 <= offset < len(body):
        return None
    splitter = _BLANK_LINE if _BLANK_LINE.search(body) else re.compile(r"\n")
    folded_title = " ".join((title or "").casefold().split())
    number = 0
    pos = 0
    for match in [*splitter.finditer(body), None]:
        stop = match.start() if match else len(body)
        block = body[pos:stop].strip()
        counted = bool(block) and not block.startswith("#")
        if counted and folded_title and " ".join(block.casefold().split()) == folded_title:
            counted = False
        number += counted
        if pos <= offset < (match.end() if match else len(body)):
            return number if counted and offset < stop else None
        pos = match.end() if match else len(body)
    return None


@dataclass(frozen=True, slots=True)
class IntegrityResult:
    """Whether a stored quote still matches the article, and if not, how it differs."""

    ok: bool
    diff_text: str = ""
    """Word diff, stored quote -> current text: `[-old-]{+new+}`; empty when ok."""
    start: int | None = None
    """Where the quote is now (may differ from the stored offsets); None when not ok."""
    end: int | None = None


def quote_integrity(exact: str, body: str, start: int, end: int) -> IntegrityResult:
    """Check that `exact` re-anchors exactly in `body`.

    Exact at the stored offsets, or differing from them only in whitespace: ok. Found
    elsewhere verbatim (the text moved): ok, with the nearest position. Otherwise not ok,
    with a word diff between the stored quote and the text now at the stored offsets.
    """
    if not exact:
        return IntegrityResult(False, "(empty quote)")
    n = len(body)
    s, e = max(0, min(start, n)), max(0, min(end, n))
    current = body[s:e]
    if current == exact or (
        current and normalise_whitespace(current) == normalise_whitespace(exact)
    ):
        return IntegrityResult(True, "", s, e)
    found = _nearest(body, exact, s)
    if found is not None:
        return IntegrityResult(True, "", found, found + len(exact))
    return IntegrityResult(False, word_diff(exact, current))


def _nearest(body: str, exact: str, near: int) -> int | None:
    best: int | None = None
    i = body.find(exact)
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = body.find(exact, i + 1)
    return best


def word_diff(old: str, new: str, context: int = 6) -> str:
    """Word-level diff: unchanged words, `[-removed-]`, `{+added+}`; long runs elided.

    The diff itself is :func:`legreader.text.diff.word_diff`; this is its rendering for quotes.
    """
    if not new.split():
        return "[-" + " ".join(old.split()) + "-] (the text at this place is gone)"
    out: list[str] = []
    for piece in diff_pieces(old, new):
        if piece.op == "same":
            words = piece.text.split()
            if len(words) > 2 * context:
                words = words[:context] + [ELLIPSIS] + words[-context:]
            out.append(" ".join(words))
        elif piece.op == "removed":
            out.append("[-" + piece.text + "-]")
        else:
            out.append("{+" + piece.text + "+}")
    return " ".join(out)
