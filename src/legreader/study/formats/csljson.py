"""CSL-JSON (Zotero, pandoc, citeproc, and Crossref's ``application/vnd.citationstyles.csl+json``):
a list of items, or one item. Read with the standard library's ``json`` (no third-party
parser is needed; its C decoder refuses absurd nesting with a RecursionError, caught).

Fields used: title, author (family/given/suffix, particles folded into the family name,
``literal`` for groups, ``affiliation`` [{name}] and ``ORCID`` as Crossref gives them),
container-title (a string, or Crossref's list), container-title-short/journalAbbreviation,
volume, issue, page, article-number (Crossref) or number (an article's number in Zotero),
issued / published-online / published-print (``date-parts``, ``raw`` or ``literal``),
DOI, PMID, PMCID, URL, abstract (plain text, or Crossref's JATS markup: sections kept),
keyword ("a, b" or a list), subject (Crossref), ISSN, publisher, language, license, and
``PMID: n`` in a ``note`` (Zotero's "Extra"). No Textual import.
"""

from __future__ import annotations

import json
import re
from typing import Any

from legreader.study.dates import from_date_parts, parse_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    license_name,
    split_inline_abstract,
)
from legreader.study.record import PersonName, Section, StudyRecord

_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,12})\b", re.IGNORECASE)
_PMCID_NOTE = re.compile(r"\bPMCID:?\s*(PMC\d{1,12})\b", re.IGNORECASE)


def looks_like_csl_json(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return head in ("[", "{")


def parse_csl_json(text: str, source_name: str | None = None) -> list[StudyRecord]:
    """Every CSL item with a title. Raises FormatError when there is none."""
    text = text.lstrip("\ufeff")
    try:
        data = json.loads(text)
    except RecursionError:
        raise FormatError("JSON nested too deeply") from None
    except ValueError as exc:
        raise FormatError(f"not valid JSON ({str(exc)[:100]})") from None
    if isinstance(data, dict) and isinstance(data.get("message"), dict):
        data = data["message"]  # a Crossref API envelope
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    items = data if isinstance(data, list) else [data]
    records = [_record(i, source_name) for i in items[:MAX_RECORDS] if isinstance(i, dict)]
    found = [r for r in records if r is not None]
    if not found:
        raise FormatError("no CSL-JSON item with a title")
    return capped(found, len(items))


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int) and str(v).strip()), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        text = str(value).strip()
        return text or None
    return None


def _date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return parse_date(value) if isinstance(value, str) else None
    return (
        from_date_parts(value.get("date-parts"))
        or parse_date(value.get("raw"))
        or parse_date(value.get("literal"))
    )


def _record(item: dict[str, Any], source_name: str | None) -> StudyRecord | None:
    title = _str(item.get("title"))
    if not title:
        return None
    note = _str(item.get("note")) or ""
    pmid = _str(item.get("PMID"))
    if pmid is None:
        match = _PMID_NOTE.search(note)
        pmid = match.group(1) if match else None
    pmcid = _str(item.get("PMCID"))
    if pmcid is None:
        match = _PMCID_NOTE.search(note)
        pmcid = match.group(1) if match else None
    online = _date(item.get("published-online"))
    printed = _date(item.get("published-print"))
    issued = _date(item.get("issued"))
    if not online and not printed:
        online = issued
    number = _str(item.get("article-number"))
    if number is None and item.get("type") == "article-journal" and item.get("issue"):
        number = None  # "number" is ambiguous next to an issue
    elif number is None and item.get("type") == "article-journal":
        number = _str(item.get("number"))
    keywords = item.get("keyword")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in re.split(r"[;,]", keywords)]
    elif not isinstance(keywords, list):
        keywords = []
    licence = item.get("license")
    if isinstance(licence, list):  # Crossref: [{"URL": ..., "content-version": ...}]
        first = next((x for x in licence if isinstance(x, dict) and x.get("URL")), None)
        licence = license_name(str(first["URL"])) if first else None
    elif isinstance(licence, str):
        licence = license_name(licence if licence.startswith("http") else None, licence)
    else:
        licence = None
    return StudyRecord(
        title=_strip_tags(title),
        authors=tuple(_names(item.get("author"))),
        journal=_str(item.get("container-title")),
        journal_abbrev=_str(item.get("container-title-short"))
        or _str(item.get("journalAbbreviation")),
        volume=_str(item.get("volume")),
        issue=_str(item.get("issue")),
        pages=_str(item.get("page")),
        article_number=number,
        published_online=online,
        published_print=printed,
        doi=_str(item.get("DOI")),
        pmid=pmid,
        pmcid=pmcid,
        url=_str(item.get("URL")),
        publisher=_str(item.get("publisher")),
        issn=_str(item.get("ISSN")),
        language=_str(item.get("language")),
        license=licence,
        keywords=tuple(str(k) for k in keywords if isinstance(k, str | int)),
        abstract=_abstract(_str(item.get("abstract"))),
        source_format="csl-json",
        source_name=source_name,
    )


def _strip_tags(text: str) -> str:
    """Crossref titles may carry inline markup (``<i>``, ``<sub>``): the text only."""
    return re.sub(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>", "", text) if "<" in text else text


def _abstract(text: str | None) -> tuple[Section, ...]:
    if not text:
        return ()
    if re.search(r"<(?:jats:)?(?:p|sec|title)\b", text):
        from legreader.study.formats.jats import sections_from_fragment

        try:
            return sections_from_fragment(text)
        except FormatError:
            return split_inline_abstract(_strip_tags(text))
    return split_inline_abstract(text)


def _names(value: Any) -> list[PersonName]:
    if not isinstance(value, list):
        return []
    people = []
    for person in value:
        if not isinstance(person, dict):
            continue
        affiliations = []
        for aff in person.get("affiliation") or []:
            name = aff.get("name") if isinstance(aff, dict) else aff
            if isinstance(name, str) and name.strip():
                affiliations.append(clean_affiliation(name))
        literal = _str(person.get("literal")) or _str(person.get("name"))
        family = _str(person.get("family")) or ""
        if literal and not family:
            people.append(PersonName(literal=literal, affiliations=tuple(affiliations)))
            continue
        particle = " ".join(
            p
            for p in (
                _str(person.get("dropping-particle")),
                _str(person.get("non-dropping-particle")),
            )
            if p
        )
        people.append(
            PersonName(
                family=f"{particle} {family}".strip(),
                given=_str(person.get("given")) or "",
                suffix=_str(person.get("suffix")) or "",
                orcid=_str(person.get("ORCID")),
                affiliations=tuple(affiliations),
            )
        )
    return people
