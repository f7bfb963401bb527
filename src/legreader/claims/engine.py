"""The claim engine: article text in, sorted :class:`ClaimSpan` list out. Pure Python.

Spans are cue-sized where a cue is a word (hedge, attribution, study, statistic, quote) and
sentence-sized where the claim is the sentence (causal, advice, promotional).
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator

from . import cues
from .model import ClaimSpan
from .quantities import Quantity, parse_quantities
from .sentences import sentences

__all__ = ["analyze", "analyze_cached", "find_quotes"]

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[bytes, bool], tuple[ClaimSpan, ...]] = OrderedDict()

_QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "‹": "›", "「": "」", "『": "』"}
_MAX_QUOTE = 3000


def find_quotes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of quoted passages, marks included; never across a blank line.

    Curly and guillemet quotes pair by shape; straight double quotes pair in order within a
    paragraph; single quotes only when they cannot be apostrophes. Unclosed marks are ignored.
    """
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        yield from _quotes_in(text, para.start(), para.end())


def _quotes_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        m = _OPEN_RE.search(text, pos, end)
        if m is None:
            return
        mark = m.group()
        open_at = m.start()
        if mark in _QUOTE_PAIRS:
            close = text.find(_QUOTE_PAIRS[mark], open_at + 1, min(end, open_at + _MAX_QUOTE))
        elif mark == '"':
            close = text.find('"', open_at + 1, min(end, open_at + _MAX_QUOTE))
        else:  # ‘ or ' opening a word
            closer = _SINGLE_CLOSE_RE.search(text, open_at + 2, min(end, open_at + 400))
            close = closer.start() if closer else -1
        if close < 0 or close - open_at < 2:
            pos = open_at + 1
            continue
        yield open_at, close + 1
        pos = close + 1


_OPEN_RE = re.compile(r"[“„«‹「『\"]|(?<![\w’'])[‘'](?=\w)")
_SINGLE_CLOSE_RE = re.compile(r"(?<=[\w.,!?])[’'](?!\w)")


def _sentence_strength(sentence: str) -> tuple[str, str] | None:
    """(strength, reason) of the causal claim in a sentence, or None."""
    direct = cues.DIRECT_RE.search(sentence)
    corr = cues.CORRELATIONAL_RE.search(sentence)
    if corr is not None and (direct is None or corr.start() < direct.start()):
        return "correlational", f"correlation '{corr.group()}'"
    if direct is not None:
        cue = direct.group().strip()
        before = sentence[max(0, direct.start() - 40) : direct.start()]
        if cues.MODAL_RE.search(before) or cues.HEDGE_RE.search(sentence):
            return "conditional", f"hedged causal '{cue}'"
        return "direct", f"causal '{cue}'"
    return None


def _quantity_reason(q: Quantity) -> str:
    if q.unit in ("%", "percentage points"):
        return "percentage"
    if q.unit in ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"):
        return "duration"
    if q.unit == "participants":
        return "sample size"
    if q.unit == "times":
        return "ratio"
    return "quantity"


def _promo_sentences(text: str, sents: list[tuple[int, int]]) -> dict[int, str]:
    """Index of each debris sentence and the reason it counts as debris."""
    promo: dict[int, str] = {}
    thread_from: int | None = None
    for i, (s, e) in enumerate(sents):
        sent = text[s:e]
        for rx, reason in cues.PROMO_RES:
            if rx.search(sent):
                promo[i] = reason
                break
        else:
            if cues.AD_SHOUT_RE.match(sent):
                promo[i] = "slogan"
            elif cues.COMMENT_AUTHOR_RE.match(sent) and thread_from is None:
                thread_from = i
    if thread_from is not None:  # a comment thread runs to the next long paragraph
        for i in range(thread_from, len(sents)):
            s, e = sents[i]
            if e - s > 300:
                break
            promo.setdefault(i, "comment thread")
    # runs of short "Label:" lines are a widget
    labels = [i for i, (s, e) in enumerate(sents) if e - s < 60 and text[s:e].endswith(":")]
    for i in labels:
        if (i - 1 in labels or i + 1 in labels) and (i - 2 in labels or i + 2 in labels or i + 1 in labels and i + 2 in labels):
            promo.setdefault(i, "widget labels")
    # a short name line right above debris (a product name, a widget title) is debris too
    for i in sorted(promo):
        if i > 0 and i - 1 not in promo:
            s, e = sents[i - 1]
            prev = text[s:e]
            if len(prev.split()) <= 4 and not prev.endswith((".", "?", "!", ":")) and _line_alone(text, s, e):
                promo[i - 1] = "title of debris"
    return promo


def _line_alone(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _reference_blocks(text: str) -> list[tuple[int, int]]:
    """Lines shaped like entries of a reference list."""
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        if len(body) > 600:
            continue
        if any(rx.search(body) for rx in cues.REFERENCE_RES):
            out.append((line.start(), line.end()))
    return out


def analyze(text: str, *, animal_study: bool = False) -> list[ClaimSpan]:
    """Claim spans of an article body, sorted by (start, end).

    ``animal_study``: the primary record says the study was on animals or cells; causal claims
    about people then carry the flag ``"animal-to-human"``.
    """
    spans: list[ClaimSpan] = []
    sents = sentences(text)
    promo = _promo_sentences(text, sents)

    def add(start: int, end: int, category: str, reason: str, **extra: object) -> None:
        spans.append(ClaimSpan(start, end, text[start:end], category, reason, **extra))  # type: ignore[arg-type]

    for q in parse_quantities(text, with_unit_only=True):
        add(q.start, q.end, "statistic", _quantity_reason(q), value=q.value, unit=q.unit)
    for start, end in find_quotes(text):
        add(start, end, "quote", "quotation marks")
    for start, end in _reference_blocks(text):
        add(start, end, "study", "reference line")
    for m in cues.DOI_RE.finditer(text):
        add(m.start(), m.end(), "study", "DOI")

    for i, (s, e) in enumerate(sents):
        sent = text[s:e]
        if i in promo:
            add(s, e, "promotional", promo[i])
            continue
        for rx, reason in cues.ATTRIBUTION_RES:
            m = rx.search(sent)
            if m is not None:
                add(s + m.start(), s + m.end(), "attribution", reason)
                break
        for m in cues.STUDY_RE.finditer(sent):
            add(s + m.start(), s + m.end(), "study", f"study cue '{m.group()}'")
        for m in cues.HEDGE_RE.finditer(sent):
            add(s + m.start(), s + m.end(), "hedge", f"hedge '{m.group()}'")
        for rx, reason in cues.ADVICE_RES:
            if rx.search(sent):
                add(s, e, "advice", reason)
                break
        causal = _sentence_strength(sent)
        if causal is not None:
            strength, reason = causal
            flags: tuple[str, ...] = ()
            if animal_study and cues.HUMAN_RE.search(sent) and not cues.ANIMAL_RE.search(sent):
                flags = ("animal-to-human",)
            add(s, e, "causal", reason, strength=strength, flags=flags)

    unique = {(sp.start, sp.end, sp.category): sp for sp in spans if sp.end > sp.start}
    return sorted(unique.values(), key=lambda sp: (sp.start, sp.end, sp.category))


def analyze_cached(text: str, *, animal_study: bool = False) -> tuple[ClaimSpan, ...]:
    """:func:`analyze`, remembered per content hash (a small LRU): re-opening costs a hash."""
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), animal_study)
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    result = tuple(analyze(text, animal_study=animal_study))
    _cache[key] = result
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return result
