"""MEDLINE text (PubMed's "Save" as "PubMed" format, ``.nbib`` / ``.txt``): ``TAG - value``
lines, a tag in the first four columns, continuation lines indented by six spaces, records
separated by blank lines.

There is no maintained parser on PyPI for it that keeps author-affiliation pairing (Biopython
has one, far too large a dependency for this), and the format is a few lines of rules, so it
is read here. Tags used: PMID, TI, AB (inline labels "BACKGROUND: ..." split into sections),
FAU/AU (an ``AD`` or ``AUID``, ORCID, after an author belongs to that author), CN (group
author), JT/TA, VI, IP, PG, LID/AID (``[doi]``, ``[pii]``), DP (print date), DEP (online),
PHST (received, accepted), MH, OT, PT, PMC, IS, LA. PubMed's conventions are undone as for
PubMed XML (:mod:`legreader.study.formats.pubmed`). No Textual import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legreader.study.dates import iso_date, parse_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    nlm_journal_title,
    pubmed_title,
    split_inline_abstract,
    study_type_from_pubmed,
    subjects_from_mesh,
)
from legreader.study.formats.pubmed import article_number
from legreader.study.record import PersonName, StudyRecord

_LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*-\s?(.*)$")
_TAGGED_ID = re.compile(r"^(.*?)\s*\[([a-z]+)\]\s*$")


def looks_like_medline(text: str) -> bool:
    """True when the text opens (after blank lines) with a ``PMID- `` line."""
    return re.match(r"^\s*PMID-\s*\d", text) is not None


def parse_medline(text: str, source_name: str | None = None) -> list[StudyRecord]:
    """Every record in a MEDLINE text. Raises FormatError when there is none."""
    split = _split_records(text)
    records = [_record(fields, source_name) for fields in split[:MAX_RECORDS]]
    if not records:
        raise FormatError("no MEDLINE record (no 'PMID- ' line)")
    return capped(records, len(split))


def _split_records(text: str) -> list[list[tuple[str, str]]]:
    """Each record's (tag, value) pairs; continuation lines joined (in linear time)."""
    records: list[list[tuple[str, list[str]]]] = []
    current: list[tuple[str, list[str]]] = []
    has_pmid = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            if current:
                records.append(current)
                current, has_pmid = [], False
            continue
        match = _LINE.match(raw) if raw[:1] != " " else None
        if match and raw[4:5] in ("-", " ") and "-" in raw[:6]:
            tag, value = match.group(1), match.group(2).strip()
            if tag == "PMID" and has_pmid:
                records.append(current)
                current = []
            has_pmid = has_pmid or tag == "PMID"
            current.append((tag, [value]))
        elif current:
            current[-1][1].append(raw.strip())
    if current:
        records.append(current)
    return [
        [(tag, " ".join(parts)) for tag, parts in record]
        for record in records
        if any(tag in ("PMID", "TI") for tag, _ in record)
    ]


def _record(fields: list[tuple[str, str]], source_name: str | None) -> StudyRecord:
    first: dict[str, str] = {}
    many: dict[str, list[str]] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
        many.setdefault(tag, []).append(value)
    title = pubmed_title(first.get("TI", ""))
    if not title:
        raise FormatError("MEDLINE record without a title (TI)")
    ids: dict[str, str] = {}
    for value in many.get("LID", []) + many.get("AID", []):
        match = _TAGGED_ID.match(value)
        if match:
            ids.setdefault(match.group(2), match.group(1).strip())
        elif value.strip():
            ids.setdefault("pii", value.strip())
    history: dict[str, str | None] = {}
    for value in many.get("PHST", []):
        match = _TAGGED_ID.match(value)
        if match:
            history.setdefault(match.group(2), parse_date(match.group(1)))
    pages = first.get("PG")
    number = article_number(pages, ids.get("pii"))
    mesh = tuple(many.get("MH", []))
    types = tuple(many.get("PT", []))
    return StudyRecord(
        title=title,
        authors=tuple(_authors(fields)),
        journal=nlm_journal_title(first.get("JT", "")) or None,
        journal_abbrev=first.get("TA"),
        volume=first.get("VI"),
        issue=first.get("IP"),
        pages=None if number else pages,
        article_number=number,
        published_online=_compact_date(first.get("DEP")),
        published_print=parse_date(first.get("DP")),
        received=history.get("received"),
        accepted=history.get("accepted"),
        doi=ids.get("doi"),
        pmid=first.get("PMID"),
        pmcid=first.get("PMC"),
        issn=re.sub(r"\s*\(.*\)$", "", first.get("IS", "")) or None,
        language=first.get("LA"),
        keywords=tuple(many.get("OT", [])),
        mesh_terms=mesh,
        publication_types=types,
        subjects=subjects_from_mesh(mesh),
        study_type=study_type_from_pubmed(types, mesh),
        abstract=split_inline_abstract(first.get("AB", "")),
        source_format="medline",
        source_name=source_name,
    )


def _compact_date(value: str | None) -> str | None:
    """``DEP - 20180523``."""
    if not value:
        return None
    digits = value.strip()
    if re.fullmatch(r"\d{8}", digits):
        return iso_date(digits[:4], digits[4:6], digits[6:])
    return parse_date(digits)


@dataclass
class _Author:
    full: str = ""
    short: str = ""
    group: str = ""
    orcid: str = ""
    affs: list[str] = field(default_factory=list)


def _authors(fields: list[tuple[str, str]]) -> list[PersonName]:
    """Authors in order: FAU (full) with its AU (short), AD and AUID lines; CN groups."""
    people: list[_Author] = []
    for tag, value in fields:
        if tag == "FAU":
            people.append(_Author(full=value))
        elif tag == "AU":
            if people and people[-1].full and not people[-1].short:
                people[-1].short = value
            else:
                people.append(_Author(short=value))
        elif tag == "CN":
            people.append(_Author(group=value))
        elif tag == "AD" and people:
            people[-1].affs.append(clean_affiliation(value))
        elif tag == "AUID" and people:
            people[-1].orcid = value
    out = []
    for person in people:
        affs = tuple(person.affs)
        if person.group:
            out.append(PersonName(literal=person.group, affiliations=affs))
            continue
        if person.full:
            name = PersonName.parse(person.full)
        else:
            family, _, initials = person.short.rpartition(" ")
            if not family:
                family, initials = initials, ""
            name = PersonName(family=family, given=" ".join(f"{c}." for c in initials))
        out.append(
            PersonName(
                family=name.family,
                given=name.given,
                suffix=name.suffix,
                orcid=person.orcid or None,
                affiliations=affs,
            )
        )
    return out
