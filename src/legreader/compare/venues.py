"""Where an article says the study was published ("published in Frontiers in Neuroscience")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from legreader.compare.model import Item, Mention

if TYPE_CHECKING:
    from legreader.compare.mentions import Source

_CAP = r"[A-Z][\w.&’'-]*"
_VENUE = rf"{_CAP}(?:\s+(?:of|in|for|and|&|the|on)?\s*{_CAP})*"
_VENUE_RE = re.compile(
    r"\b(?:published|publishes|appeared|appears|reported|research|study|paper|article|results)\b"
    r"[^.;:!?\n]{0,70}?\bin\s+(?:the\s+)?(?:(?:[\w-]+\s+)?journal\s+)?[\"“‘']?"
    rf"(?P<venue>{_VENUE})"
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_TRAILING = frozenset(
    "of in for and & the on monday tuesday wednesday thursday friday saturday sunday".split()
)
_OTHER_STUDY_RE = re.compile(
    r"\b(?:another|other|previous|earlier|separate|prior)\s+(?:stud|research|paper)", re.I
)
_JOURNAL_WORDS = re.compile(
    r"journal|review|letters|proceedings|annals|frontiers|nature|science|medicine|lancet|plos|"
    r"bulletin|archives|reports|\.com|\.org|\.net|\.edu",
    re.IGNORECASE,
)


#: A full stop after a whole word, then a capital: the venue's sentence ended there
#: ("Journal of Applied Physiology. Researchers ..."); "Proc. Natl." are abbreviations.
_SENTENCE_END_RE = re.compile(r"(?<=[a-z]{4})\.\s+(?=[A-Z])")


def _trim(venue: str) -> str:
    venue = _SENTENCE_END_RE.split(venue, maxsplit=1)[0]
    parts = venue.split()
    while parts and (parts[-1].lower().strip(".,") in _MONTHS | _TRAILING or parts[-1].isdigit()):
        parts.pop()
    return " ".join(parts).rstrip(".,’'\"”")


def venue_mentions(src: Source) -> list[Mention]:
    """Venue claims in ``src``: a named journal or site after "published in" and the like."""

    out: list[Mention] = []
    for m in _VENUE_RE.finditer(src.body):
        venue = _trim(m.group("venue"))
        if not venue or not (_JOURNAL_WORDS.search(venue) or len(venue.split()) >= 3):
            continue
        sentence = src.sentence_at(m.start())
        if _OTHER_STUDY_RE.search(src.body[sentence[0] : m.start("venue")]):
            continue
        start = m.start("venue")
        item = Item(
            article=src.id, start=start, end=start + len(venue), text=venue, role="venue",
            label=venue, sentence=sentence,
        )  # fmt: skip
        out.append(Mention(item, {}, {}))
    return out


def find_name(src: Source, name: str) -> list[Mention]:
    """Mentions of a known venue name anywhere in ``src`` (e.g. in a reference list)."""

    if not name.strip():
        return []
    out = []
    for m in re.finditer(re.escape(name), src.body, re.IGNORECASE):
        item = Item(
            article=src.id, start=m.start(), end=m.end(), text=m.group(), role="venue",
            label=m.group(), sentence=src.sentence_at(m.start()),
        )  # fmt: skip
        out.append(Mention(item, {}, {}))
    return out


def same_venue(a: str, b: str) -> bool:
    """True when two venue names name the same journal or site."""
    a, b = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return fuzz.ratio(a, b) >= 85 or (min(len(a), len(b)) >= 12 and fuzz.partial_ratio(a, b) >= 95)
