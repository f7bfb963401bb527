"""Finding an annotation again after the article text changed.

The order of attempts follows the W3C selectors an annotation stores:

1. **position**: ``text[start:end]`` still equals the quote and its context still looks right;
2. **exact**: the quote occurs elsewhere; prefix/suffix similarity breaks ties;
3. **fuzzy**: rapidfuzz alignment of the quote around seed positions (pieces of the quote or
   its context found in the text, plus the old position), scored on quote, prefix and suffix,
   accepted only above :data:`MIN_QUOTE_SIMILARITY` and :data:`MIN_SCORE`.

A runner-up within :data:`AMBIGUITY_MARGIN` of the best makes the result ``"ambiguous"``
(position never breaks such a tie: it only picks which candidate is suggested). Nothing
acceptable makes it ``"orphaned"``.

A passage found only fuzzily, whose words differ from the stored quote, is ``"changed"``,
never ``"anchored"``: the article was edited where the reader gave a verdict, and the verdict
was on the old words (a silent "84" to "48" must be seen). Its ``start..end`` point at the new
words; the quote stays the old one until the reader accepts the new text. Differences in
whitespace alone are not a change. An annotation the reader kept orphaned (``detached``) is
only attached again where its exact quote is found. Pure Python plus rapidfuzz: no Textual,
no TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from legreader.store.model import Annotation, Status
from legreader.work.pacing import pause

#: Weight of the quote similarity in a candidate's score; the rest is split between prefix and suffix.
QUOTE_WEIGHT = 0.7
CONTEXT_WEIGHT = (1.0 - QUOTE_WEIGHT) / 2
#: A fuzzy candidate needs at least this similarity (0..1, Indel) between quote and found text.
MIN_QUOTE_SIMILARITY = 0.75
#: ...and at least this overall score.
MIN_SCORE = 0.7
#: A runner-up this close to the best score makes the anchor ambiguous.
AMBIGUITY_MARGIN = 0.03
#: Position-first needs the context around the old position to be at least this similar.
POSITION_CONTEXT_MIN = 0.5
#: A fuzzy match near the expected place at least this good skips the whole-text search.
NEAR_ENOUGH = 0.85
_MAX_EXACT = 64
_MAX_SEED_HITS = 24
_MAX_CLUSTERS = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place the passage may now be."""

    start: int
    end: int
    score: float
    """0..1: weighted quote, prefix and suffix similarity."""
    quote_score: float
    """0..1: similarity of ``text[start:end]`` to the stored quote."""


AnchorMethod = Literal["position", "exact", "fuzzy", "none"]
"""How an anchor was found: at its old place, by its exact quote, by a close match, or not."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits in the new text, and how sure we are."""

    status: Status
    """``"anchored"``, ``"changed"``, ``"ambiguous"`` or ``"orphaned"`` (see the module docstring)."""
    start: int
    """Best (or suggested) start; for an orphan, the old start."""
    end: int
    score: float
    """Score of the chosen candidate (1.0 for an unchanged position; 0.0 for an orphan)."""
    method: AnchorMethod
    """``"position"``, ``"exact"``, ``"fuzzy"`` or ``"none"``."""
    candidates: tuple[Candidate, ...] = ()
    """Acceptable places, best first (several when ambiguous)."""

    def moved(self, annotation: Annotation) -> bool:
        """True when applying this anchor would change the annotation's stored position or status."""
        return (self.start, self.end, self.status) != (
            annotation.start,
            annotation.end,
            annotation.status,
        )


def reanchor(annotation: Annotation, text: str, *, shift: int = 0) -> Anchor:
    """Find ``annotation`` in ``text`` (see the module docstring for the method).

    ``shift`` is a hint: how far other passages of the article moved (``reanchor_all`` passes the
    last one found). The old position moved by ``shift`` is tried like the old position itself.
    """
    exact, start, end = annotation.exact, annotation.start, annotation.end
    if not exact:
        return Anchor("orphaned", start, end, 0.0, "none")
    n = len(text)
    for delta in (0, shift) if shift else (0,):
        s, e = start + delta, end + delta
        if 0 <= s and e <= n and text[s:e] == exact:
            if _context(annotation, text, s, e) >= POSITION_CONTEXT_MIN or text.count(exact) == 1:
                cand = Candidate(s, e, 1.0, 1.0)
                return Anchor("anchored", s, e, 1.0, "position", (cand,))

    candidates = _exact_candidates(annotation, text)
    if annotation.detached and not candidates:
        return Anchor("orphaned", start, end, 0.0, "none")
    method: AnchorMethod = "exact"
    weak = not candidates or max(c.score for c in candidates) < QUOTE_WEIGHT + CONTEXT_WEIGHT
    if weak and not annotation.detached:
        # Look near the expected place first; search the whole text only if that fails.
        m = len(exact)
        near = (max(0, start + shift - 2 * m - 256), min(n, end + shift + 2 * m + 256))
        fuzzy = _fuzzy_candidates(annotation, text, near)
        if not fuzzy or fuzzy[0].score < NEAR_ENOUGH:
            fuzzy = _dedupe(fuzzy + _fuzzy_candidates(annotation, text, (0, n)))
        if fuzzy and (not candidates or fuzzy[0].score > max(c.score for c in candidates)):
            method = "fuzzy"
        candidates = _dedupe(candidates + fuzzy)
    if not candidates:
        return Anchor("orphaned", start, end, 0.0, "none")
    candidates = _dedupe(candidates)
    best = candidates[0]
    close = [c for c in candidates if best.score - c.score <= AMBIGUITY_MARGIN]
    if len(close) > 1:
        chosen = min(close, key=lambda c: abs(c.start - start))
        method = "exact" if chosen.quote_score == 1.0 else "fuzzy"
        return Anchor("ambiguous", chosen.start, chosen.end, chosen.score, method, tuple(close))
    method = "exact" if best.quote_score == 1.0 else "fuzzy"
    status: Status = "anchored"
    if method == "fuzzy" and text[best.start : best.end].split() != exact.split():
        status = "changed"
    return Anchor(status, best.start, best.end, best.score, method, tuple(candidates))


def reanchor_all(annotations: Iterable[Annotation], text: str) -> list[Anchor]:
    """:func:`reanchor` for each annotation, in order, passing on how far passages moved."""
    out: list[Anchor] = []
    shift = 0
    for n, ann in enumerate(annotations, 1):
        if n % 128 == 0:
            pause()  # (thousands of them, in a worker: a busy UI goes first)
        anchor = reanchor(ann, text, shift=shift)
        if anchor.status in ("anchored", "changed"):
            shift = anchor.start - ann.start
        out.append(anchor)
    return out


# -- scoring ------------------------------------------------------------------------------------


def _similar(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel  # loaded on the first fuzzy search, not at start-up

    return Indel.normalized_similarity(a, b)


def _context(annotation: Annotation, text: str, start: int, end: int) -> float:
    """Mean similarity of the stored prefix and suffix to the text around ``start..end`` (0..1)."""
    prefix, suffix = annotation.prefix, annotation.suffix
    if prefix:
        p = _similar(prefix, text[max(0, start - len(prefix)) : start])
    else:
        p = 1.0 if start == 0 else 0.5
    if suffix:
        s = _similar(suffix, text[end : end + len(suffix)])
    else:
        s = 1.0 if end == len(text) else 0.5
    return (p + s) / 2


def _score(annotation: Annotation, text: str, start: int, end: int, quote: float) -> Candidate:
    ctx = _context(annotation, text, start, end)
    return Candidate(start, end, QUOTE_WEIGHT * quote + 2 * CONTEXT_WEIGHT * ctx, quote)


def _exact_candidates(annotation: Annotation, text: str) -> list[Candidate]:
    exact = annotation.exact
    hits: list[int] = []
    pos = text.find(exact)
    while pos != -1:
        hits.append(pos)
        pos = text.find(exact, pos + 1)
    if len(hits) > _MAX_EXACT:
        hits = sorted(hits, key=lambda h: abs(h - annotation.start))[:_MAX_EXACT]
    return [_score(annotation, text, h, h + len(exact), 1.0) for h in hits]


def _fuzzy_candidates(
    annotation: Annotation, text: str, region: tuple[int, int]
) -> list[Candidate]:
    exact, n, m = annotation.exact, len(text), len(annotation.exact)
    if n == 0:
        return []
    votes = _seed_votes(annotation, text, region)
    radius = max(8, m // 4)
    clusters: list[tuple[int, int]] = []  # (votes, centre)
    votes.sort()
    i = 0
    while i < len(votes):
        j = i
        while j + 1 < len(votes) and votes[j + 1] - votes[i] <= radius:
            j += 1
        group = votes[i : j + 1]
        clusters.append((len(group), group[len(group) // 2]))
        i = j + 1
    clusters.sort(reverse=True)
    centres = [c for _, c in clusters[:_MAX_CLUSTERS]]
    centres.append(min(max(annotation.start, 0), n))
    slack = max(16, m // 2)
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for centre in centres:
        lo, hi = max(0, centre - slack), min(n, centre + m + slack)
        span = _align(exact, text[lo:hi])
        if span is None:
            continue
        s, e = lo + span[0], lo + span[1]
        if (s, e) in seen:
            continue
        seen.add((s, e))
        s, e, quote = _refine(exact, text, s, e)
        if quote < MIN_QUOTE_SIMILARITY:
            continue
        cand = _score(annotation, text, s, e, quote)
        if cand.score >= MIN_SCORE:
            found.append(cand)
    return _dedupe(found)


def _seed_votes(annotation: Annotation, text: str, region: tuple[int, int]) -> list[int]:
    """Likely start offsets: where pieces of the quote, or the ends of its context, occur."""
    exact, m = annotation.exact, len(annotation.exact)
    votes: list[int] = []
    size = max(4, min(24, m // 6))
    if m >= size:
        offsets = list(range(0, m - size + 1, size))
        if offsets[-1] != m - size:
            offsets.append(m - size)
        for off in offsets:
            votes.extend(h - off for h in _hits(text, region, exact[off : off + size]))
    tail = annotation.prefix[-16:]
    if len(tail) >= 6:
        votes.extend(h + len(tail) for h in _hits(text, region, tail))
    head = annotation.suffix[:16]
    if len(head) >= 6:
        votes.extend(h - m for h in _hits(text, region, head))
    return votes


def _hits(text: str, region: tuple[int, int], needle: str) -> list[int]:
    lo, hi = region
    out: list[int] = []
    pos = text.find(needle, lo, hi)
    while pos != -1 and len(out) < _MAX_SEED_HITS:
        out.append(pos)
        pos = text.find(needle, pos + 1, hi)
    return out


def _align(exact: str, window: str) -> tuple[int, int] | None:
    """The span of ``window`` that the quote aligns to, stray single-character matches trimmed."""
    from rapidfuzz.distance import Indel

    blocks = [b for b in Indel.opcodes(exact, window).as_matching_blocks() if b.size]
    if not blocks:
        return None
    # Drop small matches at either end that sit far from the rest (slack noise).
    while (
        len(blocks) > 1 and blocks[0].size < 4 and blocks[1].b - (blocks[0].b + blocks[0].size) > 2
    ):
        blocks.pop(0)
    while (
        len(blocks) > 1
        and blocks[-1].size < 4
        and blocks[-1].b - (blocks[-2].b + blocks[-2].size) > 2
    ):
        blocks.pop()
    first, last = blocks[0], blocks[-1]
    # Grow the span over characters the alignment matched elsewhere (LCS ties at the edges).
    a, b = first.a, first.b
    while a > 0 and b > 0 and exact[a - 1] == window[b - 1]:
        a, b = a - 1, b - 1
    a_end, b_end = last.a + last.size, last.b + last.size
    while a_end < len(exact) and b_end < len(window) and exact[a_end] == window[b_end]:
        a_end, b_end = a_end + 1, b_end + 1
    return b, b_end


def _refine(exact: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move the span's edges (in shrinking steps) while that makes it more like the quote."""
    best = _similar(exact, text[start:end])
    if best < MIN_QUOTE_SIMILARITY - 0.2:
        return start, end, best
    n = len(text)
    for _ in range(8):
        improved = False
        for step in (16, 8, 4, 2, 1):
            for ds, de in ((step, 0), (-step, 0), (0, -step), (0, step)):
                s, e = start + ds, end + de
                if 0 <= s < e <= n:
                    value = _similar(exact, text[s:e])
                    if value > best + 1e-9:
                        best, start, end, improved = value, s, e, True
        if not improved:
            break
    return start, end, best


def _dedupe(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Best first; a candidate overlapping a better one is dropped."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return kept
