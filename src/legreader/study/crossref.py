"""Crossref's REST API (``GET /works/{doi}``) made a :class:`StudyRecord`.

The answer is ``{"status": "ok", "message-type": "work", "message": {...}}``; the work's
fields (https://api.crossref.org/swagger-ui/index.html, "Work" schema) used here: ``title``
and ``subtitle`` (lists), ``author`` (``given``, ``family``, ``suffix``, ``name`` for a
group, ``ORCID``, ``affiliation[].name``), ``container-title``, ``short-container-title``,
``volume``, ``issue``, ``page``, ``article-number``, ``published-online``,
``published-print``, ``issued`` (``date-parts``), ``assertion`` (``received``,
``accepted``), ``DOI``, ``URL``, ``publisher``, ``ISSN``, ``language``, ``license[].URL``,
``type``, ``abstract`` (JATS). Wrong shapes are skipped field by field; a message that is
not a work raises :class:`BadPayload`. No Textual import.
"""

from __future__ import annotations

from typing import Any

from legreader.net.errors import BadPayload
from legreader.study.dates import from_date_parts, parse_date
from legreader.study.formats._common import license_name
from legreader.study.markup import inline_text, sections_from_jats
from legreader.study.record import PersonName, StudyRecord


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _str(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(work: dict[str, Any], key: str) -> str | None:
    value = work.get(key)
    return from_date_parts(value.get("date-parts")) if isinstance(value, dict) else None


def _authors(value: Any) -> tuple[PersonName, ...]:
    out: list[PersonName] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        affiliations = tuple(
            a["name"]
            for a in item.get("affiliation") or []
            if isinstance(a, dict) and isinstance(a.get("name"), str)
        )
        orcid = _str(item.get("ORCID"))
        if _str(item.get("family")) or _str(item.get("given")):
            out.append(
                PersonName(
                    family=_str(item.get("family")) or "",
                    given=_str(item.get("given")) or "",
                    suffix=_str(item.get("suffix")) or "",
                    orcid=orcid,
                    affiliations=affiliations,
                )
            )
        elif _str(item.get("name")):
            out.append(PersonName(literal=item["name"], affiliations=affiliations))
    return tuple(out)


def _assertion(work: dict[str, Any], name: str) -> str | None:
    for item in work.get("assertion") or []:
        if isinstance(item, dict) and item.get("name") == name:
            return parse_date(item.get("value"))
    return None


def record_from_crossref(answer: Any, source_name: str | None = None) -> StudyRecord:
    """The record in a ``/works/{doi}`` answer; :class:`BadPayload` if it holds no work."""
    work = answer.get("message") if isinstance(answer, dict) else None
    if not isinstance(work, dict) or (
        answer.get("message-type") not in (None, "work") and "DOI" not in work
    ):
        raise BadPayload("Crossref's answer holds no work record")
    title = inline_text(_first(work.get("title")))
    subtitle = inline_text(_first(work.get("subtitle")))
    if subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}" if title else subtitle
    if not title:
        raise BadPayload("Crossref's record has no title")
    licence = next(
        (
            item["URL"]
            for item in work.get("license") or []
            if isinstance(item, dict) and isinstance(item.get("URL"), str)
        ),
        None,
    )
    abstract = work.get("abstract")
    kind = _str(work.get("type"))
    return StudyRecord(
        title=title,
        authors=_authors(work.get("author")),
        journal=inline_text(_first(work.get("container-title"))) or None,
        journal_abbrev=_first(work.get("short-container-title")),
        volume=_str(work.get("volume")),
        issue=_str(work.get("issue")),
        pages=_str(work.get("page")),
        article_number=_str(work.get("article-number")),
        published_online=_date(work, "published-online"),
        published_print=_date(work, "published-print")
        or (None if _date(work, "published-online") else _date(work, "issued")),
        received=_assertion(work, "received"),
        accepted=_assertion(work, "accepted") or _date(work, "accepted"),
        doi=_str(work.get("DOI")),
        url=_str(work.get("resource", {}).get("primary", {}).get("URL"))
        if isinstance(work.get("resource"), dict)
        and isinstance(work["resource"].get("primary"), dict)
        else _str(work.get("URL")),
        publisher=_str(work.get("publisher")),
        issn=_first(work.get("ISSN")),
        language=_str(work.get("language")),
        license=license_name(licence),
        publication_types=(kind.replace("-", " "),) if kind else (),
        abstract=sections_from_jats(abstract) if isinstance(abstract, str) else (),
        source_format="crossref",
        source_name=source_name,
    )
