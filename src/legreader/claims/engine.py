"""The claim engine: article text in, sorted :class:`ClaimSpan` list out. Pure Python.

Spans are cue-sized where a cue is a word (hedge, attribution, study, statistic, quote) and
sentence-sized where the claim is the sentence (causal, advice, promotional).

One module over 500 lines because it is the engine's one pass over a text: cues, quotes, causal
and promotional sentences and reference blocks share the fast path's scan and one order of
precedence.
"""

from __future__ import annotations

import gc
import hashlib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from itertools import chain
from operator import attrgetter

from . import cues
from . import regex as re  # re, with compile() served from the compiled-pattern table
from .causal import CausalReading, classify
from .model import Category, ClaimSpan, Strength, make_span
from .quantities import Quantity, parse_quantities
from .sentences import sentences

__all__ = ["analyze", "analyze_cached", "find_quotes"]

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[bytes, bool], tuple[ClaimSpan, ...]] = OrderedDict()

_QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "‹": "›", "「": "」", "『": "』"}
_MAX_QUOTE = 3000


def find_quotes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of quoted passages, marks included; never across a blank line.

    Curly and guillemet quotes pair by shape; an opening “ with no ” before the next “ is closed
    by a straight " (texts that mix both kinds). A straight " is read by what is around it: after
    a space and before a word it opens, after a word and before a space or punctuation it closes;
    it never opens a quote when it can only close one, so the words between two quotes
    (``," says X. "``) are not a quote. Single quotes only when they cannot be apostrophes.
    Unclosed marks are ignored.

    Only the paragraphs that hold an opening mark are read (one search of :data:`_OPEN_RE` over
    the whole text finds the next one; a mark always lies inside a paragraph).
    """
    m = _OPEN_RE.search(text)
    if m is None:
        return
    at = m.start()
    for para in _PARAGRAPH_RE.finditer(text):
        end = para.end()
        if end <= at:
            continue
        yield from _quotes_in(text, para.start(), end)
        m = _OPEN_RE.search(text, end)
        if m is None:
            return
        at = m.start()


_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


_OPENS_AFTER = frozenset("([{—–-/‘'“„«")
_CLOSES_BEFORE = frozenset(".,;:!?)]}—–-…’'”»")
_SPEECH_AFTER_RE = re.compile(
    r"\s*(?:(?:[A-Z][\w.'’-]*|he|she|they|we|I)\s+){0,4}"
    r"(?:says|said|adds|added|explains|explained|notes|noted|continues|continued|told|asks|asked"
    r"|writes|wrote|states|stated|warns|warned|argues|argued|concludes|concluded)\b"
)
"""An attribution right after a closing mark ("…," says Adami. "…"): the mark closes a quote."""


def _straight_kind(text: str, pos: int, start: int, end: int) -> str:
    """ "open", "close" or "either" for the straight double quote at ``pos``."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    opens = (before.isspace() or before in _OPENS_AFTER) and not after.isspace()
    closes = (not before.isspace() and before not in "([{") and (
        after.isspace() or after in _CLOSES_BEFORE
    )
    if opens == closes:
        return "either"
    return "open" if opens else "close"


def _quotes_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    kind_at, kind = -1, ""  # the kind of the last straight mark seen as a closer
    while pos < end:
        m = _OPEN_RE.search(text, pos, end)
        if m is None:
            return
        mark = m.group()
        open_at = m.start()
        limit = min(end, open_at + _MAX_QUOTE)
        if mark in _QUOTE_PAIRS:
            close = _curly_close(text, mark, open_at, start, limit, end)
        elif mark == '"':
            opening = kind if kind_at == open_at else _straight_kind(text, open_at, start, end)
            close = -1
            if opening != "close":
                n = _STRAIGHT_NEXT_RE.search(text, open_at + 1, limit)
                if n is not None:
                    close = n.start()
                    if n.group() == '"':
                        kind_at, kind = close, _straight_kind(text, close, start, end)
                        if kind == "open" or (
                            opening == kind == "either"
                            and _SPEECH_AFTER_RE.match(text, open_at + 1)
                        ):
                            # the next mark opens a quote of its own, or the two enclose
                            # ' " says X " ' (the words between two quotes): not closed here
                            pos = close
                            continue
        else:  # ‘ or ' opening a word
            closer = _SINGLE_CLOSE_RE.search(text, open_at + 2, min(end, open_at + 400))
            close = closer.start() if closer else -1
        if close < 0 or close - open_at < 2:
            pos = open_at + 1
            continue
        yield open_at, close + 1
        pos = close + 1


def _curly_close(text: str, mark: str, open_at: int, start: int, limit: int, end: int) -> int:
    """Where the curly quote opened at ``open_at`` closes, or -1.

    The closing shape before the next opening mark of the same shape; failing that (or when a
    straight " followed by "says X" comes first), a straight " that can close."""
    again = text.find(mark, open_at + 1, limit)
    window = limit if again < 0 else again
    close = text.find(_QUOTE_PAIRS[mark], open_at + 1, window)
    if mark == "„":
        other = text.find("”", open_at + 1, window)
        if other >= 0 and (close < 0 or other < close):
            close = other
    straight = text.find('"', open_at + 1, close if close >= 0 else window)
    if straight >= 0 and _straight_kind(text, straight, start, end) != "open":
        if close < 0 or _SPEECH_AFTER_RE.match(text, straight + 1):
            return straight
    return close


_OPEN_RE = re.compile(r"[“„«‹「『\"‘'](?:(?<=[“„«‹「『\"])|(?<![\w’'][‘'])(?=\w))")
"""An opening mark: a double or curly one, or ‘ or ' before a word and not after one
(``[“„«‹「『"]|(?<![\\w’'])[‘'](?=\\w)``, written to start with one character class, so ``re``
skips from one mark to the next instead of trying every position)."""
_STRAIGHT_NEXT_RE = re.compile(r'["”]')
_SINGLE_CLOSE_RE = re.compile(r"(?<=[\w.,!?])[’'](?!\w)")


def quote_reason(quote: str) -> str:
    """ "quoted title" for a quoted passage written in Title Case (an article or journal title),
    else "quotation marks"."""
    words = [w.strip("\"“”„«»‘’'.,:;!?()") for w in quote.split()]
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 2 or not words[0][:1].isupper():
        return "quotation marks"
    capital = sum(1 for w in long_words if w[:1].isupper())
    return "quoted title" if capital >= 0.7 * len(long_words) else "quotation marks"


def _causal(text: str, s: int, e: int, c: _Cues) -> CausalReading | None:
    """The causal reading of the sentence ``text[s:e]`` whose cues are ``c``.

    A sentence without any direct or correlational cue is never read; otherwise
    :func:`causal.classify` weighs every cue the scanner found in it (nothing is searched again)."""
    if c.direct is None and c.corr is None:
        return None
    found = [(a - s, b - s, "direct") for a, b in c.directs]
    if c.direct is not None and (not c.directs or c.direct != c.directs[0]):
        found.append((c.direct[0] - s, c.direct[1] - s, "opening"))  # "Without X, ..."
    found.extend((a - s, b - s, "correlational") for a, b in c.corrs)
    return classify(text[s:e], found, [(a - s, b - s) for a, b in c.chedges], c.agenda)


def _quantity_reason(q: Quantity) -> str:
    if q.kind is not None:
        return q.kind  # "ratio" (one in three), "multiplier" (twice as), "approximate count"
    if q.unit in ("%", "percentage points"):
        return "percentage"
    if q.unit in ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"):
        return "duration"
    if q.unit == "participants":
        return "sample size"
    if q.unit == "times":
        return "ratio"
    return "quantity"


class _Cues:
    """The cues found in one sentence; spans are absolute offsets into the text."""

    __slots__ = (
        "attribution",
        "study",
        "hedge",
        "advice",
        "direct",
        "corr",
        "promo",
        "directs",
        "corrs",
        "chedges",
        "agenda",
    )

    def __init__(
        self,
        attribution: tuple[int, int, str] | None = None,
        study: list[tuple[int, int]] | None = None,
        hedge: list[tuple[int, int]] | None = None,
        advice: str | None = None,
        direct: tuple[int, int] | None = None,
        corr: tuple[int, int] | None = None,
        promo: str | None = None,
        directs: list[tuple[int, int]] | None = None,
        corrs: list[tuple[int, int]] | None = None,
        chedges: list[tuple[int, int]] | None = None,
        agenda: bool = False,
    ) -> None:
        self.attribution = attribution
        self.study = study or []
        self.hedge = hedge or []
        self.advice = advice
        self.direct = direct
        self.corr = corr
        self.promo = promo
        self.directs = directs or []
        """Every direct cue (finditer's rule); ``direct`` is the first, or an opening "Without"."""
        self.corrs = corrs or []
        """Every correlational cue, word cues then quantity cues ("13% more")."""
        self.chedges = chedges or []
        """Every hedge of a causal verb (:data:`cues.HEDGE_WORDS`), "May" included."""
        self.agenda = agenda
        """The sentence calls for more research (:data:`cues.RESEARCH_AGENDA`)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Cues) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__
        )


def _first(rx: re.Pattern[str], sent: str, s: int) -> tuple[int, int] | None:
    m = rx.search(sent)
    return None if m is None else (s + m.start(), s + m.end())


def _earliest(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or (b is not None and b[0] < a[0]):
        return b
    return a


def _without(sent: str, s: int) -> tuple[int, int] | None:
    m = cues.WITHOUT_RE.match(sent)
    return None if m is None else (s + m.start(1), s + m.end(1))


def _cues_slow(text: str, s: int, e: int) -> _Cues:
    """The cues of one sentence, pattern by pattern on the sentence alone: the reference.

    :func:`_cues_fast` must give the same answer; it falls back on this for the rare sentence
    where a cue seen over the whole text runs past the sentence end."""
    sent = text[s:e]
    out = _Cues()
    for rx, reason in cues.ATTRIBUTION_RES:
        m = rx.search(sent)
        if m is not None:
            out.attribution = (s + m.start(), s + m.end(), reason)
            break
    out.study = [(s + m.start(), s + m.end()) for m in cues.STUDY_RE.finditer(sent)]
    out.hedge = [
        (s + m.start(), s + m.end())
        for m in cues.HEDGE_RE.finditer(sent)
        if m.end() - m.start() != 3 or not cues.month_may(text, s + m.start(), s + m.end())
    ]
    out.advice = next((reason for rx, reason in cues.ADVICE_RES if rx.search(sent)), None)
    out.directs = [(s + m.start(), s + m.end()) for m in cues.DIRECT_RE.finditer(sent)]
    out.direct = _without(sent, s) or (out.directs[0] if out.directs else None)
    corr = [(s + m.start(), s + m.end()) for m in cues.CORRELATIONAL_RE.finditer(sent)]
    corr_q = [(s + m.start(), s + m.end()) for m in cues.CORR_QUANTITY_RES[1].finditer(sent)]
    out.corr = _earliest(corr[0] if corr else None, corr_q[0] if corr_q else None)
    out.corrs = corr + corr_q
    out.chedges = [(s + m.start(), s + m.end()) for m in cues.CAUSAL_HEDGE_RE.finditer(sent)]
    out.agenda = cues.RESEARCH_AGENDA_RE.search(sent) is not None
    out.promo = next((reason for rx, reason in cues.PROMO_RES if rx.search(sent)), None)
    return out


_ATTR_ORDER = ("attr0", "attr1", "attr2", "attr3", "attr4", "attr5")
_ATTR_REASON = dict(zip(_ATTR_ORDER, (reason for _, reason in cues.ATTRIBUTION_RES), strict=True))
_PROMO_ORDER = ("promo0", "promo1", "promo2", "promo3", "promo4", "promo5")
_ATTR_NAMES = frozenset(_ATTR_ORDER)
_PROMO_NAMES = frozenset(_PROMO_ORDER)
_PROMO_REASON = dict(zip(_PROMO_ORDER, (reason for _, reason in cues.PROMO_RES), strict=True))
_FINDITER = frozenset(("study", "hedge"))
_SPAN_ORDER = attrgetter("start", "end", "category")


def _cues_fast(text: str, sents: list[tuple[int, int]], low: str | None = None) -> list[_Cues]:
    """The cues of every sentence from one pass of :data:`cues.SCAN_RES` over the whole text.

    Each hit is given to the sentence it starts in; per category the hits keep ``finditer``'s
    rule (no overlap), so the result equals :func:`_cues_slow` sentence by sentence. A cue at the
    very start of a sentence is matched on the sentence alone (its look-behinds must not see the
    sentence before). A sentence where a hit runs past its end, or whose edges are not whitespace
    (a hard cut of an overlong run), is redone by :func:`_cues_slow`. ``low``: ``text.lower()``
    where the caller has it already.
    """
    n = len(sents)
    if low is None:
        low = text.lower()
    variant = 0 if len(low) == len(text) else 1
    hay = low if variant == 0 else text
    found: dict[int, dict[str, list[tuple[int, int]]]] = {}
    dirty: set[int] = set()
    starts = [s for s, _ in sents]
    ends = [e for _, e in sents]
    dispatch = cues.SCAN_DISPATCH[variant]
    everything = dispatch[None]
    spaced: dict[str, tuple[cues._ScanEntry, ...]] = {}  # prefixes read with other whitespace
    i = -1
    start = end = -1
    hits: dict[str, list[tuple[int, int]]] = {}
    gate = _WORD_GATE_RES[variant]
    first = cues.SCAN_GATE_RES[variant].match(hay)  # the text's first word
    for m in chain(() if first is None else (first,), gate.finditer(hay)):
        pos = m.start(1)
        if pos >= end:
            i = bisect_right(ends, pos, i + 1)
            if i == n:
                break
            start, end = starts[i], ends[i]
            hits = found.setdefault(i, {})
        if pos < start:
            continue
        prefix = m.group(1) if variant == 0 else m.group(1).lower()
        entries = dispatch.get(prefix)
        if entries is None:  # a newline, or spaces, where the gate's prefix has one space
            entries = spaced.get(prefix)
            if entries is None:
                entries = spaced[prefix] = dispatch.get(_SPACE_RE.sub(" ", prefix), everything)
        for name, match, every in entries:
            if not every and name in hits:
                continue  # only the first cue of this kind counts in a sentence
            if pos == start:  # look-behinds must not see the previous sentence ("the |Results")
                cue = match(hay[start:end])
                b = -1 if cue is None else start + cue.end()
            else:
                cue = match(hay, pos)
                b = -1 if cue is None else cue.end()
            if cue is None:
                continue
            if b > end:
                dirty.add(i)
            elif (
                name == "hedge"
                and b - pos == 3
                and (text[pos:b] != "may" or cues.month_may(text, pos, b))
            ):
                continue  # "May", "MAY", "in may 2018": the month or a shout, not the hedge
            elif name not in hits:
                hits[name] = [(pos, b)]
            elif pos >= hits[name][-1][1]:
                hits[name].append((pos, b))
    extra = [
        *((rx, hay, "advice1") for rx in _ADVICE_PUNCT_SPLIT[variant]),
        (cues.CORR_QUANTITY_RES[variant], hay, "corr_q"),
    ]
    if _PERCENT_OFF_RES[variant].search(hay) is not None:  # "%" is rare: a quick search first
        extra.insert(1, (cues.PROMO_OFF_RES[variant], hay, "promo1"))
    if variant or "%s" in hay:
        extra.append((cues.PERCENT_S_RES[variant], hay, "promo5"))
    for rx, where, name in extra:
        for m in rx.finditer(where):
            pos = m.start()
            i = bisect_right(ends, pos)
            if i < n and pos >= starts[i] and m.end() <= ends[i]:
                hits = found.setdefault(i, {})
                if name in hits:
                    if name == "corr_q":  # every one counts (finditer's rule)
                        hits[name].append((pos, m.end()))
                else:
                    hits[name] = [(pos, m.end())]

    size = len(text)
    # the sentence-start shapes over the lower-cased sentence where that is the same search
    folded = variant == 0 and "ſ" not in low and "ı" not in low
    anchored_any = (_ANCHORED_ANY_FOLDED if folded else cues.ANCHORED_ANY_RE).match
    attr3 = cues.ATTRIBUTION_RES[3][0].match
    advice0 = cues.ADVICE_RES[0][0].match
    advice2 = cues.ADVICE_RES[2][0].match
    out: list[_Cues] = []
    for i, (s, e) in enumerate(sents):
        if (
            i in dirty
            or (s > 0 and not text[s - 1].isspace())
            or (e < size and not text[e].isspace())
        ):
            out.append(_cues_slow(text, s, e))
            continue
        hits = found.get(i, _NO_HITS)
        sent = text[s:e]
        anchored = anchored_any(low[s:e] if folded else sent) is not None
        if not hits and not anchored:
            out.append(_NO_CUES)
            continue
        attribution = None
        for name in _ATTR_ORDER if anchored or not _ATTR_NAMES.isdisjoint(hits) else ():
            if name == "attr3":
                m3 = attr3(sent) if anchored else None
                if m3 is not None:
                    attribution = (s + m3.start(), s + m3.end(), _ATTR_REASON[name])
                    break
            elif name in hits:
                a, b = hits[name][0]
                attribution = (a, b, _ATTR_REASON[name])
                break
        advice = None
        if "advice_if" in hits or "advice1" in hits or anchored and advice0(sent):
            advice = cues.ADVICE_RES[0][1]
        elif anchored and advice2(sent):
            advice = cues.ADVICE_RES[2][1]
        elif "advice3" in hits:
            advice = cues.ADVICE_RES[3][1]
        if anchored:
            for rx, name in cues.PROMO_LINE_RES:
                if name not in hits and rx.match(sent):
                    hits = {**hits, name: _NONE}
        promo = None
        for name in _PROMO_ORDER if not _PROMO_NAMES.isdisjoint(hits) else ():
            if name in hits:
                promo = _PROMO_REASON[name]
                break
        directs = hits.get("direct", _NONE)
        direct = directs
        if anchored:
            opening = _without(sent, s)
            if opening is not None:
                direct = [opening]
        corr = hits.get("corr", _NONE)
        corr_q = hits.get("corr_q")
        corrs = corr
        if corr_q:
            corrs = corr + corr_q
            if not corr or corr_q[0][0] < corr[0][0]:
                corr = corr_q
        out.append(
            _Cues(
                attribution,
                hits.get("study", _NONE),
                hits.get("hedge", _NONE),
                advice,
                direct[0] if direct else None,
                corr[0] if corr else None,
                promo,
                directs,
                corrs,
                hits.get("chedge", _NONE),
                "agenda" in hits,
            )
        )
    return out


_SPACE_RE = re.compile(r"\s+")
_ANCHORED_ANY_FOLDED = re.compile(cues.ANCHORED_ANY_RE.pattern)
""":data:`cues.ANCHORED_ANY_RE` without IGNORECASE, for the lower-cased sentence (faster). Its
letters are all lower case, so over ``text.lower()`` of the same length it matches where the
IGNORECASE pattern matches over the text, but for "ſ" and "ı", which IGNORECASE also reads as
"s" and "i" (lower-casing keeps them): a text with either uses the IGNORECASE pattern."""
assert cues.ANCHORED_ANY_RE.flags & re.IGNORECASE
assert not any(c.isupper() for c in "".join(re.split(r"\\.", cues.ANCHORED_ANY_RE.pattern)))
_GATE_AHEAD = cues.SCAN_GATE_RES[0].pattern.removeprefix("(?<!\\w)")
assert _GATE_AHEAD.startswith("(?=("), "the gate is (?<!\\w) and a look-ahead"
_WORD_GATE_RES = (re.compile(r"\W" + _GATE_AHEAD), re.compile(r"\W" + _GATE_AHEAD, re.IGNORECASE))
""":data:`cues.SCAN_GATE_RES` after the first character of the text: its look-behind turned into
the non-word character that the match starts with, so ``re`` skips over word characters instead
of trying every position (the word starts at group 1)."""
_ADVICE_PUNCT_SPLIT = tuple(
    tuple(re.compile(mark + rx.pattern.removeprefix("[:;,]"), rx.flags) for mark in ":;,")
    for rx in cues.ADVICE_PUNCT_RES
)
""":data:`cues.ADVICE_PUNCT_RES` once per punctuation mark: ``re`` skips to a literal much faster
than to a character class. Only whether a sentence has such a match is read, and no match can
hold another mark: the three searches find what the one finds."""
assert all(rx.pattern.startswith("[:;,]") for rx in cues.ADVICE_PUNCT_RES)
_PERCENT_OFF_RES = (re.compile(r"%\soff\b"), re.compile(r"%\soff\b", re.IGNORECASE))
"""The end of every match of :data:`cues.PROMO_OFF_RES` ("20% off"), led by a literal."""
_NONE: list[tuple[int, int]] = []
_NO_HITS: dict[str, list[tuple[int, int]]] = {}
_NO_CUES = _Cues()
"""Shared by every sentence without cues (read only)."""


def _promo_sentences(
    text: str, sents: list[tuple[int, int]], sent_cues: list[_Cues]
) -> dict[int, str]:
    """Index of each debris sentence and the reason it counts as debris."""
    promo: dict[int, str] = {}
    thread_from: int | None = None
    line_debris = -1  # end of the line of the last related-content line seen
    for i, (s, e) in enumerate(sents):
        reason = sent_cues[i].promo
        if reason is None and s < line_debris:
            reason = "related-content line"  # the rest of the teaser ("Read also: X? Y")
        if reason is not None:
            promo[i] = reason
            if reason == "related-content line":
                nl = text.find("\n", e)
                line_debris = len(text) if nl < 0 else nl
            elif thread_from is None and cues.COMMENT_COUNT_RE.match(text[s:e]):
                thread_from = i + 1
        elif text[e - 1] == "!" and cues.AD_SHOUT_RE.match(text[s:e]):
            promo[i] = "slogan"
        elif thread_from is None:
            # a line that opens the sentence starts at it (no list marker before it); then only
            # a sentence that opens with a digit can be "1. Name"
            at = s if s == 0 or text[s - 1] == "\n" else _line_start(text, s)
            if (at != s or text[s].isdigit()) and cues.COMMENT_AUTHOR_RE.match(text[at:e]):
                thread_from = i
    if thread_from is not None:  # a comment thread runs to the next long paragraph
        for i in range(thread_from, len(sents)):
            s, e = sents[i]
            if e - s > 300:
                break
            promo.setdefault(i, "comment thread")
    # runs of short "Label:" lines are a widget
    labels = {i for i, (s, e) in enumerate(sents) if e - s < 60 and text[e - 1] == ":"}
    for i in sorted(labels):
        if (i - 1 in labels or i + 1 in labels) and (
            i - 2 in labels or i + 2 in labels or i + 1 in labels and i + 2 in labels
        ):
            promo.setdefault(i, "widget labels")
    # a short name line right above debris (a product name, a widget title) is debris too
    for i in sorted(promo):
        if i > 0 and i - 1 not in promo:
            s, e = sents[i - 1]
            prev = text[s:e]
            if (
                len(prev.split()) <= 4
                and not prev.endswith((".", "?", "!", ":"))
                and _line_alone(text, s, e)
            ):
                promo[i - 1] = "title of debris"
    return promo


def _line_start(text: str, start: int) -> int:
    """Where the line of ``start`` begins, if only a short list marker ("1. ") stands before
    ``start`` on it; else ``start``."""
    line_start = text.rfind("\n", max(0, start - 8), start) + 1
    if line_start == 0 and start > 8:
        return start
    return line_start if text[line_start:start].strip()[:1].isdigit() else start


def _line_alone(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _reference_blocks(text: str) -> list[tuple[int, int]]:
    """Lines shaped like entries of a reference list (at most 600 characters long).

    A quick gate per shape runs once over the whole text (:data:`cues.REFERENCE_GATES`); only
    the lines it hits are searched for the shape (:data:`cues.REFERENCE_RES`), so the answer is
    that of searching every line, at a fraction of the cost."""
    size = len(text)
    lines: dict[int, int] = {}
    for gate, shapes in cues.REFERENCE_GATES:
        for m in gate.finditer(text):
            pos = text.rfind("\n", 0, m.start()) + 1
            if pos in lines:
                continue
            nl = text.find("\n", m.start())
            end = size if nl < 0 else nl
            if end - pos <= 600 and any(rx.search(text, pos, end) for rx in shapes):
                lines[pos] = end
    return sorted(lines.items())


def analyze(text: str, *, animal_study: bool = False) -> list[ClaimSpan]:
    """Claim spans of an article body, sorted by (start, end).

    ``animal_study``: the primary record says the study was on animals or cells; causal claims
    about people then carry the flag ``"animal-to-human"``.

    The cyclic garbage collector is paused while it runs: the pass allocates many small
    containers and makes no reference cycles, and the collections they would trigger walk the
    whole live heap (measured: 7-17% of the time with an app-sized heap). A collector already
    paused by the caller stays paused.
    """
    if not gc.isenabled():
        return _analyze(text, animal_study)
    gc.disable()
    try:
        return _analyze(text, animal_study)
    finally:
        gc.enable()


def _analyze(text: str, animal_study: bool) -> list[ClaimSpan]:
    sents = sentences(text)
    low = text.lower()
    sent_cues = _cues_fast(text, sents, low)
    promo = _promo_sentences(text, sents, sent_cues)
    # (start, end, category) -> (reason, strength, value, unit, flags[, negated]); a later cue of
    # the same span and category replaces an earlier one
    found: dict[
        tuple[int, int, Category],
        tuple[str, Strength | None, float | None, str | None, tuple[str, ...]]
        | tuple[str, Strength | None, float | None, str | None, tuple[str, ...], bool],
    ] = {}

    for q in parse_quantities(text, with_unit_only=True, lowered=low):
        found[q.start, q.end, "statistic"] = (_quantity_reason(q), None, q.value, q.unit, ())
    for start, end in find_quotes(text):
        reason = quote_reason(text[start:end])
        found[start, end, "quote"] = _QUOTE if reason == _QUOTE[0] else _TITLE
    references = _reference_blocks(text)
    for start, end in references:
        found[start, end, "study"] = _REFERENCE
    for m in cues.DOI_RE.finditer(text):
        found[m.start(), m.end(), "study"] = _DOI

    for i, (s, e) in enumerate(sents):
        if i in promo:
            found[s, e, "promotional"] = (promo[i], None, None, None, ())
            continue
        c = sent_cues[i]
        if c is _NO_CUES:
            continue
        if c.attribution is not None:
            a, b, reason = c.attribution
            found[a, b, "attribution"] = (reason, None, None, None, ())
        for a, b in c.study:
            found[a, b, "study"] = (f"study cue '{text[a:b]}'", None, None, None, ())
        for a, b in c.hedge:
            found[a, b, "hedge"] = (f"hedge '{text[a:b]}'", None, None, None, ())
        if c.advice is not None:
            found[s, e, "advice"] = (c.advice, None, None, None, ())
        causal = _causal(text, s, e, c)
        if causal is not None and not (references and _in_blocks(s, e, references)):
            flags: tuple[str, ...] = ()
            if animal_study:
                sent = text[s:e]
                if cues.HUMAN_RE.search(sent) and not cues.ANIMAL_RE.search(sent):
                    flags = ("animal-to-human",)
            found[s, e, "causal"] = (
                causal.reason,
                causal.strength,
                None,
                None,
                flags,
                causal.negated,
            )

    return [
        make_span(start, end, text[start:end], category, *rest)
        for (start, end, category), rest in sorted(found.items())
        if end > start
    ]


def _in_blocks(s: int, e: int, blocks: list[tuple[int, int]]) -> bool:
    """The sentence ``s:e`` lies inside one of ``blocks`` (a reference-list entry)."""
    i = bisect_right(blocks, (s, len(blocks) and blocks[-1][1] + 1)) - 1
    return i >= 0 and blocks[i][0] <= s and e <= blocks[i][1]


_QUOTE = ("quotation marks", None, None, None, ())
_TITLE = ("quoted title", None, None, None, ())
_REFERENCE = ("reference line", None, None, None, ())
_DOI = ("DOI", None, None, None, ())


def analyze_cached(text: str, *, animal_study: bool = False) -> tuple[ClaimSpan, ...]:
    """:func:`analyze`, remembered per content hash (a small LRU): re-opening costs a hash."""
    key = (
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
        animal_study,
    )
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    result = tuple(analyze(text, animal_study=animal_study))
    _cache[key] = result
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return result
