"""Europe PMC's REST search (``GET /search?query=…&resultType=core&format=json``) made a
:class:`StudyRecord`.

The answer is ``{"hitCount": n, "resultList": {"result": [...]}}``; a ``core`` result
(https://europepmc.org/RestfulWebService, "search" module) has ``pmid``, ``pmcid``, ``doi``,
``title``, ``authorList.author[]`` (``firstName``, ``lastName``, ``initials``,
``collectiveName``, ``authorId`` {``type``: ORCID}, ``authorAffiliationDetailsList``),
``journalInfo`` (``volume``, ``issue``, ``dateOfPublication``, ``journal.title``,
``journal.isoabbreviation``, ``journal.issn``), ``pageInfo``, ``abstractText`` (HTML, a
structured abstract with ``<h4>`` headings), ``language``, ``pubTypeList.pubType``,
``keywordList.keyword``, ``meshHeadingList.meshHeading[].descriptorName``,
``electronicPublicationDate``, ``firstPublicationDate``, ``license``. No Textual import.
"""

from __future__ import annotations

from typing import Any

from legreader.net.errors import BadPayload
from legreader.study.dates import parse_date
from legreader.study.formats._common import (
    clean_affiliation,
    license_name,
    nlm_journal_title,
    pubmed_title,
    study_type_from_pubmed,
    subjects_from_mesh,
)
from legreader.study.identifiers import Identifier
from legreader.study.markup import inline_text, sections_from_html
from legreader.study.record import PersonName, StudyRecord


def query_for(identifier: Identifier) -> str:
    """The search query that finds exactly this paper."""
    if identifier.kind == "doi":
        return f'DOI:"{identifier.value}"'
    if identifier.kind == "pmid":
        return f"EXT_ID:{identifier.value} AND SRC:MED"
    return f"PMCID:{identifier.value}"


def first_result(answer: Any) -> dict[str, Any] | None:
    """The first hit of a search answer; None when there is none; :class:`BadPayload` when
    the answer is not a search answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("resultList"), dict):
        raise BadPayload("Europe PMC's answer is not a search result")
    results = answer["resultList"].get("result")
    if not isinstance(results, list):
        raise BadPayload("Europe PMC's answer is not a search result")
    return next((r for r in results if isinstance(r, dict)), None)


def _str(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(container: Any, key: str) -> list[Any]:
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, list) else []


def _authors(result: dict[str, Any]) -> tuple[PersonName, ...]:
    out = []
    for item in _list(result.get("authorList"), "author"):
        if not isinstance(item, dict):
            continue
        affiliations = tuple(
            clean_affiliation(a["affiliation"])
            for a in _list(item.get("authorAffiliationDetailsList"), "authorAffiliation")
            if isinstance(a, dict) and isinstance(a.get("affiliation"), str)
        )
        author_id = item.get("authorId")
        orcid = (
            _str(author_id.get("value"))
            if isinstance(author_id, dict) and author_id.get("type") == "ORCID"
            else None
        )
        if _str(item.get("lastName")):
            given = _str(item.get("firstName")) or _str(item.get("initials")) or ""
            out.append(
                PersonName(
                    family=item["lastName"], given=given, orcid=orcid, affiliations=affiliations
                )
            )
        elif _str(item.get("collectiveName")):
            out.append(PersonName(literal=item["collectiveName"], affiliations=affiliations))
        elif _str(item.get("fullName")):
            out.append(PersonName.parse(item["fullName"]))
    return tuple(out)


def record_from_europepmc(result: dict[str, Any], source_name: str | None = None) -> StudyRecord:
    """The record of one ``core`` search result."""
    journal_info = _dict(result.get("journalInfo"))
    journal = _dict(journal_info.get("journal"))
    mesh = [
        m["descriptorName"]
        for m in _list(result.get("meshHeadingList"), "meshHeading")
        if isinstance(m, dict) and isinstance(m.get("descriptorName"), str)
    ]
    pub_types = [t for t in _list(result.get("pubTypeList"), "pubType") if isinstance(t, str)]
    abstract = result.get("abstractText")
    title = pubmed_title(inline_text(_str(result.get("title"))))
    if not title:
        raise BadPayload("Europe PMC's record has no title")
    return StudyRecord(
        title=title,
        authors=_authors(result),
        journal=nlm_journal_title(_str(journal.get("title")) or "") or None,
        journal_abbrev=_str(journal.get("isoabbreviation"))
        or _str(journal.get("medlineAbbreviation")),
        volume=_str(journal_info.get("volume")),
        issue=_str(journal_info.get("issue")),
        pages=_str(result.get("pageInfo")),
        published_online=parse_date(result.get("electronicPublicationDate")),
        # "dateOfPublication" as the journal issue gives it ("2018", "2018 May 23");
        # "printPublicationDate" pads what it does not know ("2018-01-01"): not used.
        published_print=parse_date(journal_info.get("dateOfPublication"))
        or parse_date(result.get("firstPublicationDate")),
        doi=_str(result.get("doi")),
        pmid=_str(result.get("pmid")),
        pmcid=_str(result.get("pmcid")),
        issn=_str(journal.get("issn")) or _str(journal.get("essn")),
        language=_str(result.get("language")),
        license=license_name(None, _str(result.get("license"))),
        keywords=tuple(
            k for k in _list(result.get("keywordList"), "keyword") if isinstance(k, str)
        ),
        mesh_terms=tuple(mesh),
        publication_types=tuple(pub_types),
        subjects=subjects_from_mesh(mesh),
        study_type=study_type_from_pubmed(pub_types, mesh),
        abstract=sections_from_html(abstract) if isinstance(abstract, str) else (),
        source_format="europepmc",
        source_name=source_name,
    )
