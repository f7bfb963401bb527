"""BibTeX and biblatex (Zotero, Better BibTeX, Mendeley, journal sites), read with
**bibtexparser** 2 and decoded from LaTeX with **pylatexenc** (bibtexparser's own dependency).

Why bibtexparser 2: the maintained BibTeX reader on PyPI; its splitter is written for bad
input (a broken entry becomes a "failed block", the others are still read), it resolves
``@string`` macros, and its name splitter follows BibTeX's rules (``von Last, Jr, First``,
braced group names). pybtex reads well-formed files as well but stops at the first error of a
library. On 2,000 entries (2.7 MB; ``benchmarks/bench_study_formats.py``, medians, three
runs on a loaded 2-core machine) bibtexparser 2 took 568 to 916 ms, pybtex 1,188 to 2,393 ms.

LaTeX is decoded field by field (accents ``{\\'e}``, ``\\&``, dashes, braces that protect
capitals), never in ``url``, ``doi``, ``eprint`` or ``file`` (a ``%`` there is not a comment).
pylatexenc costs about 1 ms per 100 characters, so it only sees values that hold a macro,
math, a tie, dashes or TeX quotes (others just lose their braces: 2,000 entries went from
17.5 s to 1.8 s), and values over :data:`MAX_DECODED_CHARS` get a rough decoding instead.

Fields used: title, author (a braced name such as ``{ENIGMA Consortium}`` is a group),
journaltitle/journal, shortjournal, volume, number/issue, pages, eid (the article number),
date (biblatex, ``2018-05-23``) or year/month/day, doi, url, pmid (or eprint with
eprinttype pubmed), pmcid, abstract, keywords, affiliation(s), issn, publisher,
langid/language, and ``PMID: n`` in a note or annotation. No Textual import.
"""

from __future__ import annotations

import re
from typing import Any

from legreader.study.dates import iso_date, parse_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    one_line_reason,
    split_inline_abstract,
    with_note,
)
from legreader.study.record import PersonName, StudyRecord

_VERBATIM = frozenset({"url", "doi", "eprint", "file", "pmid", "pmcid", "issn"})
_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,12})\b", re.IGNORECASE)
_ENTRY_START = re.compile(r"@\s*[A-Za-z]+\s*[{(]")


def looks_like_bibtex(text: str) -> bool:
    """True when the text holds a ``@type{`` entry."""
    return _ENTRY_START.search(text[:200_000]) is not None


def parse_bibtex(text: str, source_name: str | None = None) -> list[StudyRecord]:
    """Every entry with a title. Raises FormatError when there is none."""
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares import (
        RemoveEnclosingMiddleware,
        ResolveStringReferencesMiddleware,
    )

    _quiet_bibtexparser()
    try:
        library = parse_string(
            text,
            parse_stack=[ResolveStringReferencesMiddleware(True), RemoveEnclosingMiddleware(True)],
        )
    except RecursionError:
        raise FormatError("BibTeX nested too deeply") from None
    except Exception as exc:
        raise FormatError(f"not a readable BibTeX file ({one_line_reason(exc)})") from None
    records = []
    for entry in library.entries[:MAX_RECORDS]:
        fields = {f.key.lower(): f.value for f in entry.fields if isinstance(f.value, str)}
        record = _record(fields, source_name)
        if record is not None:
            records.append(record)
    failed = len(library.failed_blocks)
    broken = f"{failed} broken entr{'y' if failed == 1 else 'ies'}" if failed else ""
    if not records:
        raise FormatError("no BibTeX entry with a title" + (f" ({broken})" if broken else ""))
    records = capped(records, len(library.entries))
    return with_note(records, f"{broken} in the file skipped" if broken else None)


def _quiet_bibtexparser() -> None:
    """bibtexparser logs a warning (with the broken text) for each broken entry; with no
    logging set up, Python prints it on stderr. The failed entries are counted instead."""
    import logging

    logger = logging.getLogger("bibtexparser")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


_DECODER: Any = None


#: What makes a value need the LaTeX decoder: a macro, math, a tie, dashes, TeX quotes.
_NEEDS_DECODER = re.compile(r"[\\$~]|--|``|''")
#: Longer values are not handed to pylatexenc (about 1 ms per 100 characters): their
#: braces are removed and the common accent macros replaced, nothing else.
MAX_DECODED_CHARS = 20_000


def decode_latex(value: str) -> str:
    """LaTeX text as Unicode ("Garc{\\'\\i}a" -> "García"); braces removed."""
    global _DECODER
    if not _NEEDS_DECODER.search(value):
        return value.replace("{", "").replace("}", "") if "{" in value else value
    if len(value) > MAX_DECODED_CHARS:
        return _plain_latex(value)
    if _DECODER is None:
        from pylatexenc.latex2text import LatexNodes2Text

        _DECODER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
    try:
        return str(_DECODER.latex_to_text(value))
    except (RecursionError, Exception):
        # A value pylatexenc cannot read (deep nesting, a broken macro): plain text.
        return _plain_latex(value)


_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "c": "\u0327",
}
_ACCENT_MACRO = re.compile(r"\\([`'^\"~c])\s*\{?\\?([A-Za-z])\}?")


def _plain_latex(value: str) -> str:
    """A rough decoding for values pylatexenc is not given: accents, escaped specials."""
    import unicodedata

    text = _ACCENT_MACRO.sub(
        lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]),
        value,
    )
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    return re.sub(r"[{}]", "", text)


def _get(fields: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = fields.get(key)
        if value is not None and value.strip():
            return value.strip() if key in _VERBATIM else decode_latex(value).strip()
    return None


def _record(fields: dict[str, str], source_name: str | None) -> StudyRecord | None:
    title = _get(fields, "title")
    if not title:
        return None
    pmid = _get(fields, "pmid")
    if pmid is None and (fields.get("eprinttype", "").strip().lower() in ("pubmed", "pmid")):
        pmid = _get(fields, "eprint")
    if pmid is None:
        for key in ("note", "annote", "annotation", "extra"):
            match = _PMID_NOTE.search(fields.get(key, ""))
            if match:
                pmid = match.group(1)
                break
    date = parse_date(fields.get("date")) if fields.get("date") else None
    if date is None:
        date = iso_date(_get(fields, "year"), _get(fields, "month"), _get(fields, "day"))
    pages = _get(fields, "pages")
    if pages:
        pages = re.sub(r"\s*[-–—]+\s*", "-", pages)
    affiliations = [
        clean_affiliation(a)
        for key in ("affiliation", "affiliations")
        for a in re.split(r"\s*;\s*|\s+and\s+", _get(fields, key) or "")
        if a.strip()
    ]
    return StudyRecord(
        title=title,
        authors=tuple(_names(fields.get("author", ""))),
        other_affiliations=tuple(affiliations),
        journal=_get(fields, "journaltitle", "journal"),
        journal_abbrev=_get(fields, "shortjournal", "journal-abbreviation"),
        volume=_get(fields, "volume"),
        issue=_get(fields, "number", "issue"),
        pages=pages,
        article_number=_get(fields, "eid", "articleno", "article-number"),
        published_online=date,
        doi=_get(fields, "doi"),
        pmid=pmid,
        pmcid=_get(fields, "pmcid"),
        url=_get(fields, "url"),
        publisher=_get(fields, "publisher"),
        issn=_get(fields, "issn"),
        language=_get(fields, "langid", "language"),
        keywords=tuple(
            k.strip() for k in re.split(r"[;,]", _get(fields, "keywords") or "") if k.strip()
        ),
        abstract=split_inline_abstract(_get(fields, "abstract") or ""),
        source_format="bibtex",
        source_name=source_name,
    )


def _names(value: str) -> list[PersonName]:
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    people = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw or raw.lower() == "others":
            continue
        if raw.startswith("{") and raw.endswith("}") and _one_group(raw):
            people.append(PersonName(literal=decode_latex(raw)))
            continue
        try:
            parts = parse_single_name_into_parts(raw)
        except (InvalidNameError, ValueError, IndexError):
            people.append(PersonName.parse(decode_latex(raw)))
            continue
        family = " ".join(parts.von + parts.last)
        people.append(
            PersonName(
                family=decode_latex(family),
                given=decode_latex(" ".join(parts.first)),
                suffix=decode_latex(" ".join(parts.jr)),
            )
        )
    return people


def _one_group(text: str) -> bool:
    """True when the whole text is one braced group ("{ENIGMA Consortium}")."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and i < len(text) - 1:
            return False
    return True
