"""Sentence offsets for article bodies: rule-based, linear, no dependencies.

Bodies are Markdown: a line's markers (heading "## ", bullet "- "/"* "/"+ "/"• ", numbered "1. "/"2) ",
blockquote "> ") are not part of its sentence; a heading line is one sentence, never split (so
"## 1. It was big" gives "1. It was big"); a list item is a sentence of its own; "---" is none.

Blocks first: a blank line always ends a sentence, and so does a line break after a heading,
a bullet, a short line or a line ending in terminal punctuation; other wrapped lines are joined.
Inside a block a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes/brackets)
followed by a space and something that can open a sentence, unless the word before the full stop
is an abbreviation ("Dr.", "et al.", "e.g.", "U.S.", an initial). Decimals never split because a
boundary needs a space after the stop. Sentences longer than :data:`MAX_SENTENCE` are cut at a space
so a single 1 MB line stays usable for a sentence cursor.

Why hand-written and not a library (measured; re-run the comparison with
``benchmarks/bench_claims.py --segmenters`` where nltk is installed):

* nltk's ``PunktSentenceTokenizer`` (nltk 3.10, well kept) was tried without downloaded models:
  ``PunktParameters.abbrev_types`` filled with the abbreviations below (plus "u.s", "u.k",
  "e.g", "i.e", "ph.d", "a.m", "p.m"), ``span_tokenize`` per block of the same block pre-split.
  On the gold sentences of ``tests/gold/claims_*.jsonl`` (259, sample corpus and own articles;
  a sentence counts when the segmenter returns it exactly) and 17 hard cases (Dr., et al., U.S.,
  Fig., p., No., St., e.g./i.e., initials, decimals, "p.m.", quotes, "...", "?"/"!"):

  ================  ==========  ==========  ========  ========  ========  =============
  segmenter         gold exact  hard cases  1 MB art  1 MB line 1 MB nums 1 MB mixed/quot
  ================  ==========  ==========  ========  ========  ========  =============
  this module       259/259     17/17       60 ms     29 ms     40 ms     90 / 104 ms
  Punkt + blocks    241/259     16/17       208 ms    4 ms      13 ms     683 / 810 ms
  ================  ==========  ==========  ========  ========  ========  =============

  Punkt's misses: untrained, it does not split after an abbreviation or an ellipsis before a
  capital ("etc. Not only", "Yes... Likely..."), splits reference lines at initials and years
  ("Anthony, S. S., Date, I." / "(2017)."), and cuts a list number from its item ("1." | "Gildea").
  A post-fix for those would re-create the rules below. It is also 3-8x slower (every regex in
  nltk 3.10 runs through its ReDoS guard on the ``regex`` module), and on the adversarial inputs
  (mixed scripts, unbalanced quotes) segmentation alone would take 0.7-0.8 s of the 1 s budget
  for 1 MB of analysis. So it was not adopted and nltk is not a dependency.
* Measured earlier on the same corpus: pysbd 0.19 MB/s and syntok 0.44 MB/s (too slow for the
  budget on their own); blingfire is unmaintained since 2021 and needs numpy undeclared.
"""

from __future__ import annotations

import re

__all__ = ["MAX_SENTENCE", "sentences"]

MAX_SENTENCE = 2000
"""Longest sentence returned, in code points; longer runs are cut at whitespace."""

_ABBREVIATIONS = frozenset(
    """dr mr mrs ms mx prof st sr jr mt vs etc al eg ie cf fig figs no nos vol pp p ed eds eq ref
    refs dept univ approx ca inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    gen gov sen rep rev col lt capt sgt est min max avg ph phd md""".split()
)
"""Words whose full stop does not end a sentence when something follows on the line."""
_ALWAYS_BEFORE_NAME = frozenset(
    "dr mr mrs ms mx prof st sr mt gen gov sen rep rev col lt capt sgt".split()
)

_BOUNDARY_RE = re.compile(r"[.!?…][.!?…]*[\"'”’»)\]]*(?:(?=\s+[^\s])|$)", re.MULTILINE)
"""``[.!?…]+[\\"'”’»)\\]]*(?=\\s+[^\\s])|[.!?…]+[\\"'”’»)\\]]*$`` with the common part first and
written to start with one character class, so ``re`` skips from one stop to the next (only the
longest run of stops and closers can be followed by a space or a line end: the same matches)."""
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_AUTHOR_LIST_END_RE = re.compile(
    r"[A-Z][\w'’-]+ [A-Z]{1,3}, (?:[A-Z][\w'’-]+ [A-Z]{1,3}, )*[A-Z][\w'’-]+ [A-Z]$"
)
"""The end of "Surname AB, Surname C, Surname D": at least two authors, initials without stops."""
_MARKER_START = frozenset("#>-*+•·▪◦‣0123456789")
_MARKER_RE = re.compile(
    r"(?P<quote>(?:>[ \t]?)+)?[ \t]*"
    r"(?:(?P<heading>#{1,6})[ \t]+|(?P<bullet>[-*+•·▪◦‣]|\d{1,3}[.)])[ \t]+)?"
)
"""Markdown line markers: blockquote "> " (nested too), then a heading "## " or a list marker
("- ", "* ", "+ ", "• ", "1. ", "2) "). They open a line but are not part of its sentence."""
_RULE_RE = re.compile(
    r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,}|`{3,}.*|~{3,}.*)$"
)
"""A thematic break ("---", "* * *"), a setext underline ("===") or a code fence: no sentence."""
_TERMINAL = tuple(".!?…:;\"'”’»)")


def _line_marker(line: str, first: int) -> tuple[int, str]:
    """(offset of the content after the line's Markdown markers, kind) for a stripped line whose
    first non-space character is at ``first``; kind is "heading", "bullet", "quote" or ""."""
    if line[first] not in _MARKER_START:
        return first, ""
    m = _MARKER_RE.match(line, first)
    if m is None or m.end() == first:
        return first, ""
    end = m.end()
    if end >= len(line.rstrip()):
        return first, ""  # a marker alone on its line ("-", "1.", ">"): keep it as text
    if m.group("heading"):
        return end, "heading"
    if m.group("bullet"):
        return end, "bullet"
    return end, "quote"


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Blocks: (start, end, is_heading); paragraphs of joined lines, never across a blank line.

    A block starts after the Markdown markers of its first line; a heading or a list item is a
    block of its own (a heading is never split into sentences)."""
    blocks: list[tuple[int, int, bool]] = []
    block_start = -1
    block_end = -1
    prev_line_closes = prev_terminal = True
    prev_kind = ""  # the marker of the line that opened the current block
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start = pos
        pos += len(line)
        body = line.rstrip()
        stripped = body.lstrip()
        if not stripped or (stripped[0] in "-*_=`~" and _RULE_RE.match(body)):
            if block_start >= 0:
                blocks.append((block_start, block_end, False))
                block_start = -1
            prev_line_closes = True
            continue
        content, kind = _line_marker(body, len(body) - len(stripped))
        if kind == "heading":
            if block_start >= 0:
                blocks.append((block_start, block_end, False))
                block_start = -1
            blocks.append((line_start + content, line_start + len(body), True))
            prev_line_closes = True
            continue
        first = line_start + content
        head = body[content]
        if block_start < 0 or kind == "bullet" or not (head.islower() or head.isdigit()):
            continues = False
        elif prev_kind:
            # a list item or a quote runs on over lines indented under it or quoted like it
            continues = not prev_terminal and (
                kind == "quote" if prev_kind == "quote" else body[:1].isspace()
            )
        else:
            continues = not prev_line_closes
        if not continues:
            if block_start >= 0:
                blocks.append((block_start, block_end, False))
            block_start = first
            prev_kind = kind
        block_end = line_start + len(body)
        # a line "closes" when it ends a sentence or is short (a heading, a widget label)
        prev_terminal = stripped.endswith(_TERMINAL)
        prev_line_closes = prev_terminal or len(stripped) < 60
    if block_start >= 0:
        blocks.append((block_start, block_end, False))
    return blocks


def _is_abbreviation(text: str, stop: int, block_start: int) -> bool:
    """True if the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    lo = max(block_start, stop - 20)
    if stop > lo and text[stop - 1] == "\n":
        before = _WORD_BEFORE_RE.search(text, lo, stop)  # "$" before a final newline too
        if before is None:
            return False
        word, word_start = before.group(1), before.start()
    else:
        # the run of word characters and full stops that ends at the stop (the search of
        # ``_WORD_BEFORE_RE`` in the window, without trying every position of it)
        word_start = stop
        while word_start > lo and (text[word_start - 1] in "._" or text[word_start - 1].isalnum()):
            word_start -= 1
        if word_start == stop:
            return False
        word = text[word_start:stop]
    if word.isdigit() and not text[block_start:word_start].strip():
        return True  # a list marker: "1. First point"
    bare = word.replace(".", "").lower()
    if "." in word.strip("."):
        return True  # "U.S", "e.g", "i.e"
    if len(word) == 1 and word.isalpha() and word.isupper():
        # an initial ("A. B. Carter"), unless it ends a Vancouver-style author list
        # ("Smith J, Jones AB, Lee K. Title of the paper."): the list is a sentence of its own
        return _AUTHOR_LIST_END_RE.search(text, max(block_start, stop - 80), stop) is None
    if bare in _ABBREVIATIONS:
        if bare in _ALWAYS_BEFORE_NAME:
            return True
        nxt = text[stop + 1 : stop + 4].lstrip()
        return not nxt[:1].isupper() or bare in ("al", "eg", "ie", "cf", "vs", "no", "fig", "figs")
    return False


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    sent_start = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        cut = m.end()
        nxt_pos = cut
        while nxt_pos < end and text[nxt_pos].isspace():
            nxt_pos += 1
        if nxt_pos < end:
            nxt = text[nxt_pos]
            if nxt.islower() or nxt in ",;:)]":
                continue
            if _is_abbreviation(text, m.start(), sent_start):
                continue
        _emit(text, sent_start, cut, out)
        sent_start = nxt_pos
    if sent_start < end:
        _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every sentence, in order, covering all non-blank text except
    Markdown line markers ("## ", "- ", "1. ", "> ") and thematic breaks ("---")."""
    out: list[tuple[int, int]] = []
    for start, end, heading in _blocks(text):
        if heading:
            _emit(text, start, end, out)
        else:
            _split_block(text, start, end, out)
    return out
