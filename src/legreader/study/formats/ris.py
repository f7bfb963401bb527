"""RIS (Zotero, Mendeley, EndNote, journal sites), read with **rispy**.

Why rispy: it is the maintained RIS reader on PyPI (MIT, no dependencies, typed), it follows
the RIS tag list EndNote and Zotero write, keeps repeated tags as lists, and tolerates the
variants met in the wild (BOM, blank lines, multi-line values). Measured on 2,000 records
(2.7 MB; ``benchmarks/bench_study_formats.py``, medians, three runs on a loaded 2-core
machine) rispy took 107 to 197 ms against 69 to 113 ms for a minimal hand-written splitter: a
tenth of the whole read (1 to 1.5 s there, mostly building the records), so no reason to
keep our own. Three rispy habits are worked around here: a last reference without ``ER`` is dropped
(an ``ER`` is added); a repeated tag not on its list keeps only its first value (``AD`` is
put on the list; others become lists); continuation lines are joined in quadratic time
(they are joined here first, see :func:`_join_continuations`).

Tags used: TI/T1 (title), AU/A1 (authors, "Family, Given"), T2/JO/JF/JA (journal; T2 is
Zotero's), J2 (abbreviation), VL, IS, SP/EP (pages), C7 (EndNote's and Zotero's article
number), DA/PY/Y1 (dates: ``2018/05/23/``), DO, UR, AB/N2 (abstract; inline labels split into
sections), KW, AD (affiliations, not tied to an author), SN, PB, LA, AN with a PubMed
database (PMID), C2 (EndNote's PMCID), and ``PMID: n`` / ``PMCID: PMCn`` written in a note
(N1, M1, C1...: Zotero's "Extra"). No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from legreader.study.dates import parse_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    one_line_reason,
    split_inline_abstract,
)
from legreader.study.record import PersonName, StudyRecord

_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,12})\b", re.IGNORECASE)
_PMCID_NOTE = re.compile(r"\bPMCID:?\s*(PMC\d{1,12})\b", re.IGNORECASE)
#: Zotero writes the article number in C7 for journal articles, as EndNote does.
_ARTICLE_NUMBER_TAG = "custom7"


def looks_like_ris(text: str) -> bool:
    """True when a ``TY  - `` line opens the text (after blank lines and a BOM)."""
    return re.match(r"^\s*\ufeff?\s*TY  - ", text) is not None


def parse_ris(text: str, source_name: str | None = None) -> list[StudyRecord]:
    """Every reference in a RIS text. Raises FormatError when there is none."""
    import rispy

    text = _join_continuations(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    if not re.search(r"^ER  -", text.rsplit("TY  - ", 1)[-1], re.MULTILINE):
        text += "\nER  - \n"  # rispy drops a last reference that has no end tag
    try:
        entries = rispy.loads(
            text,
            skip_unknown_tags=True,
            list_tags=[*rispy.LIST_TYPE_TAGS, "AD"],
            enforce_list_tags=False,  # any other repeated tag: a list, not the last value
        )
    except Exception as exc:  # rispy raises IOError/ValueError/KeyError on broken files
        raise FormatError(f"not a readable RIS file ({one_line_reason(exc)})") from None
    records: list[StudyRecord] = []
    for entry in entries[:MAX_RECORDS]:
        record = _record(entry, source_name) if isinstance(entry, dict) else None
        if record is not None:
            records.append(record)
    if not records:
        raise FormatError("no RIS reference with a title ('TY  - ' ... 'ER  - ')")
    return capped(records, len(entries))


def _is_tag_line(line: str) -> bool:
    """rispy's own test for a tag line (``XX  - value``)."""
    return line[2:5] == "  -" and line[:2].isupper() and line[:1].isalpha()


def _join_continuations(text: str) -> str:
    """Continuation lines joined to their tag's line, in linear time.

    rispy joins them itself, one string concatenation per line (quadratic: a 4.5 MB abstract
    of short lines took two minutes), and fails with a TypeError on a continuation of a tag
    that was repeated. Blank lines go.
    """
    lines: list[list[str]] = []
    for line in text.split("\n"):
        if _is_tag_line(line) or not lines:
            lines.append([line])
        elif line.strip():
            lines[-1].append(line.strip())
    return "\n".join(" ".join(parts) for parts in lines)


def _first(entry: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((v for v in value if str(v).strip()), None)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _all(entry: dict[str, Any], *keys: str) -> list[str]:
    out: list[str] = []
    for key in keys:
        value = entry.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if str(item).strip():
                out.append(str(item).strip())
    return out


def _notes(entry: dict[str, Any]) -> Iterable[str]:
    for key in ("notes", "note", "custom1", "custom2", "custom3", "custom5", "custom6", "extra"):
        yield from _all(entry, key)


def _record(entry: dict[str, Any], source_name: str | None) -> StudyRecord | None:
    title = _first(entry, "title", "primary_title", "translated_title")
    if not title:
        return None
    notes = list(_notes(entry))
    pmid = next((m.group(1) for n in notes for m in [_PMID_NOTE.search(n)] if m), None)
    database = " ".join(_all(entry, "name_of_database", "database_provider")).casefold()
    if pmid is None and ("pubmed" in database or "nlm" in database):
        pmid = _first(entry, "accession_number")
    pmcid = next((m.group(1) for n in notes for m in [_PMCID_NOTE.search(n)] if m), None)
    if pmcid is None:
        c2 = _first(entry, "custom2")
        pmcid = c2 if c2 and c2.upper().startswith("PMC") else None
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    pages = f"{start}-{end}" if start and end and end != start else start
    number = _first(entry, _ARTICLE_NUMBER_TAG)
    dated = _first(entry, "date")
    year = _first(entry, "year", "publication_year")
    published = parse_date(dated) if dated else None
    if published is None or (year and not published.startswith(parse_date(year) or "")):
        published = parse_date(year) or published
    urls = [u for u in _all(entry, "urls") if u.lower().startswith(("http://", "https://"))]
    return StudyRecord(
        title=title,
        authors=tuple(
            PersonName.parse(a) for a in _all(entry, "authors", "first_authors") if a.strip()
        ),
        other_affiliations=tuple(clean_affiliation(a) for a in _all(entry, "author_address")),
        journal=_first(entry, "secondary_title", "journal_name", "alternate_title3")
        or _first(entry, "alternate_title2"),
        journal_abbrev=_first(entry, "alternate_title1", "alternate_title2"),
        volume=_first(entry, "volume"),
        issue=_first(entry, "number"),
        pages=pages,
        article_number=number,
        published_online=published,
        doi=_first(entry, "doi"),
        pmid=pmid,
        pmcid=pmcid,
        url=urls[0] if urls else None,
        publisher=_first(entry, "publisher"),
        issn=_first(entry, "issn"),
        language=_first(entry, "language"),
        keywords=tuple(_split_keywords(_all(entry, "keywords"))),
        abstract=split_inline_abstract(_first(entry, "abstract", "notes_abstract") or ""),
        source_format="ris",
        source_name=source_name,
    )


def _split_keywords(values: list[str]) -> list[str]:
    """One keyword per KW line; a line holding "a; b; c" is split."""
    out: list[str] = []
    for value in values:
        out += [v.strip() for v in value.split(";")] if ";" in value else [value]
    return out
