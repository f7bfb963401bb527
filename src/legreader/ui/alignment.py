"""What the side-by-side mode shows for a claim: read off the compare engine's result.

For one article, every passage the comparison put in a claim group (:class:`AlignedClaim`):
its verdict against the study (agrees / differs / not in the study), the study's sentences
it was lined up with (offsets into the primary record's text as the engine compared it), and
the discrepancy in words ("article 70 %, study: not stated"). Plain data, no Textual: the
screen draws it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legreader.compare import ClaimGroup, CompareResult, Item
    from legreader.compare.model import Verdict

#: Verdict -> (mark, words). The marks are the compare grid's; colours: ``compare--<verdict>``.
VERDICT_LOOK: dict[str, tuple[str, str]] = {
    "agrees": ("✓", "agrees with the study"),
    "differs": ("✗", "differs from the study"),
    "not_in_study": ("○", "not in the study"),
    "no_reference": ("·", "no reference to check against"),
}

#: How causal wording reads (the compare engine's labels for a causal item).
CAUSAL_WORDS = {
    "direct": "a direct cause",
    "correlational": "a link, not a cause",
    "conditional": "a hedged cause (may, could)",
    "none": "no causal wording",
}

DIRECTION_WORDS = {
    "stronger": "stronger than the study",
    "weaker": "weaker than the study",
    "negation dropped": "the study's “not” dropped",
    "negation added": "a “not” the study does not have",
}

PRIMARY = "primary"
"""The compare engine's id of the primary record (``legreader.compare.PRIMARY_ID``, not
imported: importing the engine costs a moment the screen does not need to spend)."""


@dataclass(frozen=True)
class AlignedClaim:
    """One passage of the article that the comparison lined up with the study (or not)."""

    start: int
    end: int
    """The passage, in the article's body."""
    group: ClaimGroup
    item: Item
    verdict: Verdict
    primary_spans: tuple[tuple[int, int], ...]
    """The study's sentences in this claim group, in the primary text the engine compared."""

    @property
    def what(self) -> str:
        """What the claim group is about ("sample size", "neural stem cells")."""
        return " ".join((self.group.label or self.group.measure or self.group.kind).split())

    def article_words(self) -> str:
        return _words(self.item)

    def study_words(self) -> str:
        """The study's value or wording, or "not stated"."""
        said = [it for it in self.group.items if it.article == PRIMARY]
        if said:
            words = list(dict.fromkeys(_words(it) for it in said))
            return " / ".join(words[:2])
        group = self.group
        if group.reference_source == "primary" and group.reference:
            return f"not stated (its design allows at most: {group.reference})"
        return "not stated"

    def discrepancy(self) -> str:
        """``"article: 70 % · study: not stated"``."""
        text = f"article: {self.article_words()} · study: {self.study_words()}"
        if self.item.direction:
            text += f" ({DIRECTION_WORDS.get(self.item.direction, self.item.direction)})"
        return text

    def others(self, article_id: str) -> str:
        """What the other articles say, when the study is silent: how many say it too, and
        the value most articles give (and whether this article differs from it)."""
        group = self.group
        others = [a for a in group.articles if a not in (article_id, PRIMARY)]
        if self.verdict != "not_in_study" or not others:
            return ""
        n = len(others)
        line = f"{n} other article{'s' if n != 1 else ''} report{'s' if n == 1 else ''} it too"
        if group.reference_source == "majority" and group.reference:
            reference = " ".join(group.reference.split())
            if group.kind == "causal":
                reference = CAUSAL_WORDS.get(reference, reference)
            if len(reference) > 80:
                reference = reference[:79] + "…"
            line += f"; most articles say {reference}"
            cell = group.cells.get(article_id)
            if cell is not None and cell.state == "differs":
                line += " (this article differs)"
        return line


def _words(item: Item) -> str:
    if item.role == "causal":
        words = CAUSAL_WORDS.get(item.label, item.label or "causal wording")
        return f"denies it ({words})" if item.negated else words
    if item.role == "quote":
        who = f"quotes {item.speaker}" if item.speaker else "quotes"
        return f"{who} “{_short(item.label or item.text, 60)}”"
    return _short(item.label or item.text, 60)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def aligned_claims(result: CompareResult, article_id: str) -> list[AlignedClaim]:
    """Every passage of ``article_id`` in a claim group, in text order (one per passage and
    group)."""
    out: list[AlignedClaim] = []
    seen: set[tuple[int, int, str]] = set()
    for group in result.groups:
        spans = tuple(
            sorted(
                {
                    _sentence(it)
                    for it in group.items
                    if it.article == PRIMARY and _sentence(it)[1] > _sentence(it)[0]
                }
            )
        )
        for item in group.items:
            if item.article != article_id or item.end <= item.start:
                continue
            key = (item.start, item.end, group.id)
            if key in seen:
                continue
            seen.add(key)
            verdict = item.verdict if item.verdict in VERDICT_LOOK else "no_reference"
            out.append(AlignedClaim(item.start, item.end, group, item, verdict, spans))
    out.sort(key=lambda c: (c.start, c.end, _VERDICT_ORDER.index(c.verdict)))
    return out


#: Several claims on one passage: the one that matters most first.
_VERDICT_ORDER = ("differs", "not_in_study", "agrees", "no_reference")


def _sentence(item: Item) -> tuple[int, int]:
    start, end = item.sentence
    return (start, end) if end > start else (item.start, item.end)


def claims_in(claims: list[AlignedClaim], start: int, end: int) -> list[AlignedClaim]:
    """The aligned claims overlapping ``[start, end)`` (claims in text order)."""
    reach = max((c.end - c.start for c in claims), default=0)
    lo = bisect_left([c.start for c in claims], start - reach)
    return [c for c in claims[lo:] if c.start < end and c.end > start]


def stops(claims: list[AlignedClaim]) -> list[int]:
    """Indexes of the claims ``[``/``]`` stop at: one per distinct start offset."""
    out: list[int] = []
    last = -1
    for index, claim in enumerate(claims):
        if claim.start != last:
            out.append(index)
            last = claim.start
    return out


def counts(claims: list[AlignedClaim]) -> dict[str, int]:
    """Passages per verdict (a passage in several groups counts once, by its first verdict)."""
    seen: set[int] = set()
    out: dict[str, int] = {}
    for claim in claims:
        if claim.start in seen:
            continue
        seen.add(claim.start)
        out[claim.verdict] = out.get(claim.verdict, 0) + 1
    return out
