"""PubMed through NCBI's E-utilities: ``esearch`` (a DOI to a PMID) and ``efetch`` (a PMID to
its PubMed XML), the XML made a :class:`StudyRecord`.

``efetch.fcgi?db=pubmed&id=…&retmode=xml`` answers a ``<PubmedArticleSet>`` (DTD
https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd); an unknown PMID gives an empty
set (or an ``<ERROR>``). ``esearch.fcgi?db=pubmed&term=<doi>[doi]&retmode=json`` answers
``{"esearchresult": {"count": "1", "idlist": ["…"]}}``. Requests carry ``tool=legreader``
and, when set, ``email`` (``$LEGREADER_MAILTO``) and ``api_key`` (``$NCBI_API_KEY``), as
NCBI's usage policy asks.

:func:`parse_pubmed_xml` is the one place the XML is read: it is the PubMed XML parser of
the offline ``study`` formats when that exists, this module's own otherwise. No Textual import.
"""

from __future__ import annotations

import os
from typing import Any

from legreader.net.errors import BadPayload
from legreader.study.classify import language_code, subjects_and_type
from legreader.study.dates import iso_date, parse_date
from legreader.study.record import PersonName, Section, StudyRecord

#: Larger efetch answers are refused (one article is a few tens of KB).
MAX_EFETCH_BYTES = 8 * 1024 * 1024


def common_params() -> dict[str, str]:
    """``tool``, and ``email`` / ``api_key`` when the user set them."""
    params = {"tool": "legreader"}
    email = os.environ.get("LEGREADER_MAILTO", "").strip()
    if "@" in email and email.isprintable():
        params["email"] = email
    key = os.environ.get("NCBI_API_KEY", "").strip()
    if key.isalnum():
        params["api_key"] = key
    return params


def pmid_from_esearch(answer: Any) -> str | None:
    """The single PMID an esearch answer found; None for none (or several: not one paper)."""
    result = answer.get("esearchresult") if isinstance(answer, dict) else None
    if not isinstance(result, dict):
        raise BadPayload("PubMed's search answer has no result")
    ids = result.get("idlist")
    if not isinstance(ids, list):
        raise BadPayload("PubMed's search answer has no id list")
    ids = [i for i in ids if isinstance(i, str) and i.isdigit()]
    return ids[0] if len(ids) == 1 else None


def parse_pubmed_xml(data: bytes, source_name: str | None = None) -> StudyRecord | None:
    """The first article of a PubMed XML document; None when it holds none.
    :class:`BadPayload` when it is not XML."""
    import lxml.etree as etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadPayload(f"PubMed's answer is not valid XML ({exc})") from None
    if root is None:
        raise BadPayload("PubMed's answer is empty")
    article = root if root.tag == "PubmedArticle" else root.find("PubmedArticle")
    if article is None:
        if root.tag not in ("PubmedArticleSet", "eFetchResult", "ERROR"):
            raise BadPayload(f"PubMed's answer is not a PubMed article set (<{root.tag}>)")
        return None
    return _record(article, source_name)


def _text(elem: Any) -> str:
    return " ".join("".join(elem.itertext()).split()) if elem is not None else ""


def _date(elem: Any) -> str | None:
    if elem is None:
        return None
    medline = elem.findtext("MedlineDate")
    if medline:
        return parse_date(medline)
    return iso_date(elem.findtext("Year"), elem.findtext("Month"), elem.findtext("Day"))


def _authors(article: Any) -> tuple[PersonName, ...]:
    out = []
    for author in article.iterfind("AuthorList/Author"):
        if author.get("ValidYN", "Y") != "Y":
            continue
        affiliations = tuple(_text(a) for a in author.iterfind("AffiliationInfo/Affiliation"))
        orcid = next(
            (_text(i) for i in author.iterfind("Identifier") if i.get("Source") == "ORCID"), None
        )
        family = _text(author.find("LastName"))
        if family:
            given = _text(author.find("ForeName")) or _text(author.find("Initials"))
            suffix = _text(author.find("Suffix"))
            out.append(PersonName(family, given, suffix, orcid=orcid, affiliations=affiliations))
        elif _text(author.find("CollectiveName")):
            out.append(
                PersonName(literal=_text(author.find("CollectiveName")), affiliations=affiliations)
            )
    return tuple(out)


def _abstract(article: Any) -> tuple[Section, ...]:
    sections = []
    for part in article.iterfind("Abstract/AbstractText"):
        text = _text(part)
        if text:
            label = (part.get("Label") or "").strip()
            heading = label.capitalize() if label.isupper() and len(label) > 3 else label
            sections.append(Section(heading, (text,)))
    return tuple(sections)


def _record(node: Any, source_name: str | None) -> StudyRecord:
    citation = node.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if article is None:
        raise BadPayload("PubMed's record has no article")
    journal = article.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    ids = {i.get("IdType"): _text(i) for i in node.iterfind("PubmedData/ArticleIdList/ArticleId")}
    elocations = {e.get("EIdType"): _text(e) for e in article.iterfind("ELocationID")}
    history = {
        d.get("PubStatus"): _date(d) for d in node.iterfind("PubmedData/History/PubMedPubDate")
    }
    mesh = [_text(d) for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")]
    pub_types = [_text(t) for t in article.iterfind("PublicationTypeList/PublicationType")]
    subjects, study_type = subjects_and_type(mesh, pub_types)
    electronic = next(
        (_date(d) for d in article.iterfind("ArticleDate") if d.get("DateType") == "Electronic"),
        None,
    )
    pages = _text(article.find("Pagination/MedlinePgn")) or None
    pii = elocations.get("pii")
    article_number = pii if pii and len(pii) <= 12 and "/" not in pii and pii == pages else None
    return StudyRecord(
        title=_text(article.find("ArticleTitle")).rstrip(".") or "(untitled)",
        authors=_authors(article),
        journal=_text(journal.find("Title")) if journal is not None else None,
        journal_abbrev=_text(journal.find("ISOAbbreviation")) if journal is not None else None,
        volume=_text(issue.find("Volume")) if issue is not None else None,
        issue=_text(issue.find("Issue")) if issue is not None else None,
        pages=None if article_number else pages,
        article_number=article_number,
        published_online=electronic,
        published_print=_date(issue.find("PubDate")) if issue is not None else None,
        received=history.get("received"),
        accepted=history.get("accepted"),
        doi=elocations.get("doi") or ids.get("doi"),
        pmid=_text(citation.find("PMID")),
        pmcid=ids.get("pmc"),
        issn=_text(journal.find("ISSN")) if journal is not None else None,
        language=language_code(_text(article.find("Language"))),
        keywords=tuple(_text(k) for k in citation.iterfind("KeywordList/Keyword")),
        mesh_terms=tuple(mesh),
        publication_types=tuple(pub_types),
        subjects=subjects,
        study_type=study_type,
        abstract=_abstract(article),
        source_format="pubmed-xml",
        source_name=source_name,
    )
