"""Article-level signals for the scorecard. Each is ``{"value": ..., "evidence": [...]}``: what counted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from legreader.compare.model import PrimaryInput, Signal, SignalValue
from legreader.work.cancel import checkpoint

if TYPE_CHECKING:
    from legreader.compare.engine import CompareResult
    from legreader.compare.mentions import Source

_DOI_RE = re.compile(r"\b10\.\d{4,9}/[^\s\"<>)\]]+")
_DOMAIN_RE = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|ac\.uk|co\.uk)\b", re.I)
#: A top-level domain: lines without one hold no site (a domain never spans lines).
_TLD_RE = re.compile(r"\.(?:com|org|net|edu|gov|ac\.uk|co\.uk)\b", re.I)


def _domains(body: str) -> Iterator[re.Match[str]]:
    """:data:`_DOMAIN_RE` matches of ``body``, in order, read only on lines that hold a
    top-level domain (scanning a 1 MB article word by word is slow)."""
    for line in body.split("\n"):
        if _TLD_RE.search(line):
            yield from _DOMAIN_RE.finditer(line)


_CAPS = r"(?:the\s+)?[A-Z][\w&.-]*(?:\s+(?:of|for|and|&)?\s*[A-Z][\w&.-]*){0,4}"
_SOURCE_RE = re.compile(
    rf"\b(?:according\s+to|reported\s+by|reports?\s+(?:in|from)|read\s+(?:in|from)|via|source:|"
    rf"press\s+release\s+(?:from|by))\s+(?P<name>{_CAPS})"
)
_REFERENCE_RE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?[A-Z][\w’'-]+,?\s+(?:[A-Z]\.|et\s+al)[^\n]{0,200}\(?(?:19|20)\d\d\)?",
    re.M,
)
_PRESS_RELEASE_RE = re.compile(r"press release|news release", re.I)


def _signal(value: SignalValue, evidence: list[str]) -> Signal:
    return {"value": value, "evidence": evidence}


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _cites_primary(body: str, primary: PrimaryInput | None) -> Signal:
    if primary is None:
        return _signal(None, ["no primary record"])
    evidence: list[str] = []
    lowered = body.lower()
    if primary.doi and primary.doi.lower() in lowered:
        evidence.append(f"doi {primary.doi}")
    dois = [
        d for d in _DOI_RE.findall(body) if not primary.doi or primary.doi.lower() not in d.lower()
    ]
    if primary.journal and primary.journal.lower() in lowered:
        evidence.append(f"journal {primary.journal}")
    if (
        primary.title
        and len(primary.title) > 15
        and fuzz.partial_ratio(primary.title.lower(), lowered) >= 90
    ):
        evidence.append(f"title “{_short(primary.title, 50)}”")
    surnames = [a.split()[-1] for a in primary.authors if a.split()]
    named = [
        s  # the substring test first: a regex scan of a 1 MB article per author is slow
        for s in dict.fromkeys(surnames)
        if s in body and re.search(rf"\b{re.escape(s)}\b", body)
    ]
    if named:
        evidence.append(f"authors {', '.join(named)} ({len(named)} of {len(surnames)})")
    value = any(e.startswith(("doi", "title")) for e in evidence) or (
        any(e.startswith("journal") for e in evidence) and bool(named)
    )
    evidence += [f"other doi {d}" for d in dois]
    return _signal(value, evidence)


def _names_sources(src: Source) -> Signal:
    evidence: list[str] = []
    evidence += [f"venue {m.item.label}" for m in src.venues]
    evidence += [f"according to {m.group('name')}" for m in _SOURCE_RE.finditer(src.body)]
    evidence += [f"site {m.group()}" for m in _domains(src.body)]
    evidence += [f"reference {_short(m.group(), 50)}" for m in _REFERENCE_RE.finditer(src.body)]
    if _PRESS_RELEASE_RE.search(src.body):
        evidence.append("mentions a press release")
    evidence = list(dict.fromkeys(evidence))
    return _signal(bool(evidence), evidence)


def _quotes(src: Source, primary: PrimaryInput | None) -> Signal:
    authors = {a.split()[-1] for a in (primary.authors if primary else ()) if a.split()}
    evidence = []
    for m in src.quotes:
        who = m.item.speaker or "unattributed"
        role = " (study author)" if m.item.speaker in authors else ""
        evidence.append(f"{who}{role}: “{_short(m.item.text, 50)}”")
    return _signal(len(src.quotes), evidence)


def _promotional(src: Source) -> Signal:
    spans = [s for s in src.spans if s.category == "promotional"]
    covered = sum(s.end - s.start for s in spans)
    share = round(covered / len(src.body), 3) if src.body else 0.0
    return _signal(share, [f"{s.reason}: “{_short(s.text, 50)}”" for s in spans])


def article_signals(
    src: Source, result: CompareResult, primary: PrimaryInput | None
) -> dict[str, Signal]:
    """All scorecard signals of one article."""
    internal: list[str] = []
    majority: list[str] = []
    against_primary: list[str] = []
    agrees: list[str] = []
    for group in result.groups:
        checkpoint()
        cell = group.cells.get(src.id)
        if cell is None or not cell.items:
            continue
        if src.id in group.internal:
            labels = " vs ".join(
                dict.fromkeys(
                    it.label if group.kind != "quote" else _short(it.text, 30) for it in cell.items
                )
            )
            internal.append(f"{group.id} {group.label or group.measure}: {labels}")
        if cell.state == "differs":
            line = f"{group.id} {group.label or group.measure}: {cell.note or 'differs'}"
            (against_primary if group.reference_source == "primary" else majority).append(line)
        elif cell.state == "agrees" and len(group.articles) > 1:
            agrees.append(
                f"{group.id} {group.label or group.measure}: {group.reference or ''}".rstrip(": ")
            )
    return {
        "cites_primary": _cites_primary(src.body, primary),
        "names_sources": _names_sources(src),
        "quotes_researchers": _quotes(src, primary),
        "promotional_share": _promotional(src),
        "internal_contradictions": _signal(len(internal), internal),
        "differs_from_majority": _signal(len(majority), majority),
        "differs_from_primary": _signal(len(against_primary), against_primary),
        "agrees_with_others": _signal(len(agrees), agrees),
    }
