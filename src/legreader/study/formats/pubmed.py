"""PubMed XML (``<PubmedArticleSet>``, what E-utilities ``efetch`` and PubMed's XML export
give): one record per ``<PubmedArticle>``.

PubMed's conventions are undone so every format gives the same record: the period PubMed
adds to every title is removed, the NLM journal title ("Frontiers in neuroscience") is put
in title case (``_common.nlm_journal_title``), affiliations lose their final period and
e-mail note. Dates: ``ArticleDate[@DateType="Electronic"]`` is the online date, the issue's
``PubDate`` (or its ``MedlineDate`` text) the print one; ``History`` gives received and
accepted. The article number is the ``pii`` location id when it is the whole pagination (or
there is none and it is short): online-only journals number their articles that way.
``subjects`` and ``study_type`` come from MeSH organism headings and publication types
(``_common``), only when PubMed states them. No Textual import.
"""

from __future__ import annotations

import re

from lxml import etree

from legreader.study.dates import iso_date, parse_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    heading_case,
    nlm_journal_title,
    pubmed_title,
    study_type_from_pubmed,
    subjects_from_mesh,
)
from legreader.study.formats.xmlsafe import child, children, descendants, local, parse_xml, text_of
from legreader.study.record import PersonName, Section, StudyRecord

_SHORT_ID = re.compile(r"^[A-Za-z]?\d{1,9}$")


def parse_pubmed_xml(data: bytes | str, source_name: str | None = None) -> list[StudyRecord]:
    """Every ``<PubmedArticle>`` in the document. Raises FormatError when there is none."""
    root = parse_xml(data)
    if local(root) == "PubmedArticle":
        items = [root]
    else:
        items = list(descendants(root, "PubmedArticle"))
    if not items:
        raise FormatError(f"no <PubmedArticle> element (the root is <{local(root)}>)")
    return capped([_record(item, source_name) for item in items[:MAX_RECORDS]], len(items))


def article_number(pagination: str | None, pii: str | None) -> str | None:
    """The article number: a short ``pii`` that is the whole pagination, or stands alone."""
    if not pii or not _SHORT_ID.match(pii):
        return None
    if pagination is None or pagination == pii:
        return pii
    return None


def _record(item: etree._Element, source_name: str | None) -> StudyRecord:
    citation = child(item, "MedlineCitation")
    article = child(citation, "Article")
    if citation is None or article is None:
        raise FormatError("PubmedArticle without MedlineCitation/Article")
    title = pubmed_title(text_of(child(article, "ArticleTitle")))
    if not title:
        title = pubmed_title(text_of(child(article, "VernacularTitle")))
    if not title:
        raise FormatError("PubmedArticle without a title")
    journal = child(article, "Journal")
    issue = child(journal, "JournalIssue")
    pub_date = child(issue, "PubDate")
    printed = _date(pub_date)
    if printed is None and pub_date is not None:
        printed = parse_date(text_of(child(pub_date, "MedlineDate")))
    online = None
    for el in children(article, "ArticleDate"):
        if (el.get("DateType") or "Electronic") == "Electronic":
            online = _date(el)
            break
    history = {
        (d.get("PubStatus") or "").lower(): _date(d) for d in descendants(item, "PubMedPubDate")
    }
    ids = {
        (el.get("IdType") or "").lower(): text_of(el)
        for el in descendants(item, "ArticleId")
        if _under(el, "PubmedData")
    }
    locations = {
        (el.get("EIdType") or "").lower(): text_of(el) for el in children(article, "ELocationID")
    }
    pagination = text_of(child(article, "Pagination", "MedlinePgn")) or None
    number = article_number(pagination, locations.get("pii"))
    mesh = tuple(_mesh(citation))
    types = tuple(text_of(t) for t in descendants(article, "PublicationType"))
    return StudyRecord(
        title=title,
        authors=tuple(_authors(article)),
        journal=nlm_journal_title(text_of(child(journal, "Title"))) or None,
        journal_abbrev=text_of(child(journal, "ISOAbbreviation"))
        or text_of(child(citation, "MedlineJournalInfo", "MedlineTA"))
        or None,
        volume=text_of(child(issue, "Volume")) or None,
        issue=text_of(child(issue, "Issue")) or None,
        pages=None if number else pagination,
        article_number=number,
        published_online=online,
        published_print=printed,
        received=history.get("received"),
        accepted=history.get("accepted"),
        doi=locations.get("doi") or ids.get("doi"),
        pmid=text_of(child(citation, "PMID")) or ids.get("pubmed"),
        pmcid=ids.get("pmc"),
        issn=text_of(child(journal, "ISSN")) or None,
        language=text_of(child(article, "Language")) or None,
        keywords=tuple(text_of(k) for k in descendants(citation, "Keyword")),
        mesh_terms=mesh,
        publication_types=types,
        subjects=subjects_from_mesh(mesh),
        study_type=study_type_from_pubmed(types, mesh),
        abstract=_abstract(child(article, "Abstract")),
        source_format="pubmed-xml",
        source_name=source_name,
    )


def _under(el: etree._Element, name: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if local(parent) == name:
            return True
        if local(parent) in ("ReferenceList", "Reference"):
            return False  # ids of cited papers, not of this one
        parent = parent.getparent()
    return False


def _date(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return iso_date(
        text_of(child(el, "Year")), text_of(child(el, "Month")) or None, text_of(child(el, "Day"))
    )


def _authors(article: etree._Element) -> list[PersonName]:
    people = []
    for author in descendants(article, "Author"):
        if author.get("ValidYN", "Y") != "Y":
            continue
        affiliations = tuple(
            clean_affiliation(text_of(a)) for a in descendants(author, "Affiliation")
        )
        orcid = next(
            (text_of(i) for i in children(author, "Identifier") if i.get("Source") == "ORCID"),
            None,
        )
        collective = text_of(child(author, "CollectiveName"))
        if collective:
            people.append(PersonName(literal=collective, affiliations=affiliations))
            continue
        given = text_of(child(author, "ForeName")) or _dotted(text_of(child(author, "Initials")))
        people.append(
            PersonName(
                family=text_of(child(author, "LastName")),
                given=given,
                suffix=text_of(child(author, "Suffix")),
                orcid=orcid,
                affiliations=affiliations,
            )
        )
    return people


def _dotted(initials: str) -> str:
    """PubMed's initials ("RJ") as given-name initials ("R. J.")."""
    return " ".join(f"{c}." for c in initials if c.isalpha())


def _mesh(citation: etree._Element) -> list[str]:
    terms = []
    for heading in descendants(citation, "MeshHeading"):
        descriptor = child(heading, "DescriptorName")
        if descriptor is None:
            continue
        term = text_of(descriptor)
        if descriptor.get("MajorTopicYN") == "Y":
            term = "*" + term
        quals = [text_of(q) for q in children(heading, "QualifierName")]
        terms.append("/".join([term, *quals]) if quals else term)
    return terms


def _abstract(abstract: etree._Element | None) -> tuple[Section, ...]:
    if abstract is None:
        return ()
    sections = []
    for part in children(abstract, "AbstractText"):
        label = part.get("Label") or ""
        if label.strip().upper() in ("UNLABELLED", "UNLABELED"):
            label = ""
        text = text_of(part)
        if text or label:
            sections.append(Section(heading_case(label), (text,) if text else ()))
    return tuple(sections)
