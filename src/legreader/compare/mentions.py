"""What one source says that can be compared: quantities, quotes, causal claims, venues.

Built on the claim engine (:mod:`legreader.claims`): its sentences, its quantity parser and its
claim spans. This module only adds what comparing needs: the words around a number (what is
measured), who is quoted, and where the study is said to be published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legreader.claims import ClaimSpan, analyze
from legreader.claims.quantities import Quantity, parse_quantities
from legreader.claims.sentences import sentences as split_sentences
from legreader.compare.model import Item
from legreader.compare.text import STOPWORDS, stem, words
from legreader.compare.values import dimension, label


@dataclass(slots=True)
class Mention:
    """An item plus what alignment needs to know about it."""

    item: Item
    terms: dict[str, float] = field(default_factory=dict)
    """Stem -> closeness weight of the words around the claim (what is measured)."""
    shown: dict[str, str] = field(default_factory=dict)
    """Stem -> a word as written, for naming the group."""


@dataclass(slots=True)
class Source:
    """One article (or the primary record) cut up for comparing."""

    id: str
    title: str
    body: str
    sentences: list[tuple[int, int]]
    quantities: list[Mention] = field(default_factory=list)
    quotes: list[Mention] = field(default_factory=list)
    causal: list[Mention] = field(default_factory=list)
    venues: list[Mention] = field(default_factory=list)
    spans: list[ClaimSpan] = field(default_factory=list)
    """The claim engine's spans."""

    def sentence_at(self, offset: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return offset, offset


#: Words this far from a claim (in words) count half as much as the nearest ones.
CLOSENESS = 3.0

_PEOPLE = frozenset(
    "participants people persons patients subjects volunteers adults individuals respondents men "
    "women children adult participant patient volunteer person".split()
)
_SKIP_BEFORE_NOUN = frozenset("older younger healthy elderly adult new more male female".split())
_DEGREES_RE = re.compile(r"\s*(?:°\s*|degrees?\s+)(?P<scale>C|F|Celsius|Fahrenheit)\b")


def _plural_like(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _count_unit(body: str, q: Quantity) -> str | None:
    unit, _ = _count_unit_end(body, q)
    return unit


def _count_unit_end(body: str, q: Quantity) -> tuple[str | None, int]:
    """The counted noun after a number, read again from the text ("a gene involved" -> "genes")."""
    if q.unit is None:
        begin = q.end
    else:
        first = re.match(r"\S+(?:[\s-]+(?:hundred|thousand|million|billion))?", q.text, re.I)
        begin = q.start + (first.end() if first else 0)
    run: list[str] = []
    run_end = q.end
    for m in re.finditer(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", body[begin : begin + 60]):
        word = m.group().lower()
        if not word[0].isalpha():
            break
        if not run and word in _SKIP_BEFORE_NOUN:
            continue
        if word in STOPWORDS or word.endswith(("ed", "ing", "ly")):
            break
        run.append(word)
        run_end = begin + m.end()
        if _plural_like(word) or word in _PEOPLE or len(run) == 2:
            break
    if not run:
        return None, q.end
    if run[-1] in _PEOPLE or run[0] in _PEOPLE:
        return "participants", max(run_end, q.end)
    head = run[-1] if _plural_like(run[-1]) else run[-1] + "s"
    return " ".join([*run[:-1], head]), max(run_end, q.end)


def _unit(body: str, q: Quantity) -> str | None:
    """The claim engine's unit, corrected for degrees and for count nouns."""
    degrees = _DEGREES_RE.match(body, q.end) if q.unit in (None, "degrees") else None
    if degrees is None and q.unit == "degrees":
        degrees = _DEGREES_RE.match(body, q.end - len("degrees") - 1)
    if degrees:
        return "°F" if degrees.group("scale")[0] == "F" else "°C"
    if q.unit is None or (q.unit not in ("%", "percentage points", "times") and q.unit.isalpha()
                          and not _is_known_unit(q.unit)):  # fmt: skip
        if q.unit is None and q.low is not None:
            return None  # "60 to 80": an unlabelled range says nothing comparable
        return _count_unit(body, q)
    return q.unit


def _is_known_unit(unit: str) -> bool:
    from legreader.compare.values import dimension

    return dimension(unit) not in (None, "count") or unit == "participants"


def _context(body: str, sentence: tuple[int, int], start: int, end: int,
             others: list[tuple[int, int]]) -> tuple[dict[str, float], dict[str, str]]:  # fmt: skip
    """Content words of the sentence weighted by closeness to ``start:end`` (in words)."""
    toks = words(body[sentence[0] : sentence[1]])
    base = sentence[0]
    inside = [i for i, (s, e, _) in enumerate(toks) if base + s < end and base + e > start]
    if not inside:
        before = [i for i, (s, _, _) in enumerate(toks) if base + s < start]
        inside = [before[-1] if before else 0]
    first, last = inside[0], inside[-1]
    terms: dict[str, float] = {}
    shown: dict[str, str] = {}
    for i, (s, _e, w) in enumerate(toks):
        if first <= i <= last or w.lower() in STOPWORDS or len(w) < 3:
            continue
        distance = first - i if i < first else i - last
        weight = 1.0 / (1.0 + distance / CLOSENESS)
        if any(o_start <= base + s < o_end for o_start, o_end in others):
            continue
        pos = base + s
        if any(pos < o_start < start or end <= o_start < pos for o_start, _ in others):
            weight *= 0.4  # another claim of the sentence stands between this word and ours
        key = stem(w)
        if weight > terms.get(key, 0.0):
            terms[key] = weight
            shown.setdefault(key, w)
    return terms, shown


def _quantity_mentions(src: Source) -> list[Mention]:
    parsed = parse_quantities(src.body)
    out: list[Mention] = []
    kept = [(q, _unit(src.body, q)) for q in parsed]
    kept = [(q, u) for q, u in kept if u is not None]
    ends = {}
    for q, unit in kept:
        ends[q.start] = q.end
        if dimension(unit) == "count":
            ends[q.start] = _count_unit_end(src.body, q)[1]
        elif unit in ("°C", "°F") and (degrees := _DEGREES_RE.match(src.body, q.end)):
            ends[q.start] = degrees.end()
        elif unit in ("°C", "°F") and q.unit == "degrees":
            degrees = _DEGREES_RE.match(src.body, q.end - len("degrees") - 1)
            ends[q.start] = degrees.end() if degrees else q.end
    spans = [(q.start, ends[q.start]) for q, _ in kept]
    for q, unit in kept:
        end = ends[q.start]
        sentence = src.sentence_at(q.start)
        others = [
            span
            for span in spans
            if span != (q.start, end) and sentence[0] <= span[0] < sentence[1]
        ]
        terms, shown = _context(src.body, sentence, q.start, end, others)
        item = Item(
            article=src.id, start=q.start, end=end, text=src.body[q.start : end], role="quantity",
            value=q.value, unit=unit, low=q.low, high=q.high, approx=q.approx, bound=q.bound,
            label=label(q.value, unit, q.low, q.high, q.approx, q.bound), sentence=sentence,
        )  # fmt: skip
        out.append(Mention(item, terms, shown))
    return out


def backfill_counts(src: Source, nouns: set[str]) -> None:
    """Add "a stress hormone" / "one gene" when other sources count that noun ("three stress hormones")."""
    if not nouns:
        return
    taken = [(m.item.start, m.item.end) for m in src.quantities]
    singulars = sorted({n[:-1] if n.endswith("s") else n for n in nouns}, key=len, reverse=True)
    pattern = re.compile(
        r"\b(?P<num>an?|one|a single)\s+(?P<noun>" + "|".join(map(re.escape, singulars)) + r")\b",
        re.IGNORECASE,
    )
    for m in pattern.finditer(src.body):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if re.match(r"\s+of\b", src.body[m.end() :]):
            continue  # "one gene of ..." is partitive, not a count
        noun = m.group("noun").lower()
        unit = noun + "s"
        sentence = src.sentence_at(m.start())
        terms, shown = _context(src.body, sentence, m.start(), m.end(), [])
        item = Item(
            article=src.id, start=m.start(), end=m.end(), text=m.group(), role="quantity",
            value=1.0, unit=unit, label=label(1.0, unit), sentence=sentence,
        )  # fmt: skip
        src.quantities.append(Mention(item, terms, shown))
    src.quantities.sort(key=lambda mention: mention.item.start)


def build_source(source_id: str, title: str, body: str) -> Source:
    """Cut ``body`` into comparable mentions."""
    src = Source(source_id, title, body, split_sentences(body))
    src.quantities = _quantity_mentions(src)
    src.spans = list(analyze(body))
    from legreader.compare.quotes import quote_mentions
    from legreader.compare.venues import venue_mentions

    src.quotes = quote_mentions(src)
    src.causal = _causal_mentions(src)
    src.venues = venue_mentions(src)
    return src


def _causal_mentions(src: Source) -> list[Mention]:
    out: list[Mention] = []
    for span in src.spans:
        if span.category != "causal" or not span.strength:
            continue
        sentence = src.sentence_at(span.start)
        cue = re.search(r"'([^']+)'", span.reason or "")
        at = span.text.find(cue.group(1)) if cue else -1
        cue_start = span.start + at if at >= 0 else span.start
        cue_end = cue_start + len(cue.group(1)) if cue and at >= 0 else span.end
        terms, shown = _context(src.body, sentence, cue_start, cue_end, [])
        item = Item(
            article=src.id, start=span.start, end=span.end, text=span.text, role="causal",
            label=span.strength, sentence=sentence,
        )  # fmt: skip
        out.append(Mention(item, terms, shown))
    return out
