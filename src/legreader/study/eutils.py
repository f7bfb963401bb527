"""PubMed through NCBI's E-utilities: ``esearch`` (a DOI to a PMID) and ``efetch`` (a PMID to
its PubMed XML), the XML made a :class:`StudyRecord`.

``efetch.fcgi?db=pubmed&id=…&retmode=xml`` answers a ``<PubmedArticleSet>`` (DTD
https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd); an unknown PMID gives an empty
set (or an ``<ERROR>``). ``esearch.fcgi?db=pubmed&term=<doi>[doi]&retmode=json`` answers
``{"esearchresult": {"count": "1", "idlist": ["…"]}}``. Requests carry ``tool=legreader``
and, when set, ``email`` (``$LEGREADER_MAILTO``) and ``api_key`` (``$NCBI_API_KEY``), as
NCBI's usage policy asks.

:func:`parse_pubmed_xml` reads the XML with the offline formats' PubMed parser. No Textual
import.
"""

from __future__ import annotations

import os
from typing import Any

from legreader.net.errors import BadPayload
from legreader.study.record import StudyRecord

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
    """The first article of an efetch answer; None when it holds none (an unknown PMID);
    :class:`BadPayload` when it is not a PubMed article set.

    The offline formats' PubMed XML parser (:mod:`legreader.study.formats.pubmed`) reads
    it, so a record looked up and one read from a saved file are the same.
    """
    from legreader.study.formats import FormatError
    from legreader.study.formats.pubmed import parse_pubmed_xml as parse_articles
    from legreader.study.formats.xmlsafe import descendants, local, parse_xml

    try:
        root = parse_xml(data)
    except FormatError as exc:
        raise BadPayload(f"PubMed's answer could not be read: {exc}") from None
    name = local(root)
    if name != "PubmedArticle" and next(iter(descendants(root, "PubmedArticle")), None) is None:
        if name in ("PubmedArticleSet", "eFetchResult", "ERROR"):
            return None  # what efetch answers for an id it does not know
        raise BadPayload(f"PubMed's answer is not a PubMed article set (<{name[:40]}>)")
    try:
        records = parse_articles(data, source_name)
    except FormatError as exc:
        raise BadPayload(f"PubMed's answer could not be read: {exc}") from None
    return records[0] if records else None
