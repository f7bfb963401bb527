"""A study's record from its DOI, PMID or PMCID, through the public scholarly APIs.

- **DOI**: Crossref (``/works/{doi}``: the bibliographic record) and Europe PMC (``/search``:
  PMID, PMCID, MeSH, publication types, the abstract with its section headings) are asked
  at once; if Europe PMC fails (not: finds nothing), PubMed's E-utilities are asked instead
  (``esearch`` the DOI, ``efetch`` the PMID).
- **PMID**: PubMed ``efetch`` (the structured abstract as PubMed labels it), then Crossref
  for the DOI it names; Europe PMC if PubMed fails.
- **PMCID**: Europe PMC, then Crossref for the DOI.

The records are merged (:func:`merge`): Crossref's wins for the bibliographic fields (title,
authors, journal, volume, pages, dates, URL, licence), PubMed's / Europe PMC's for the
abstract, ids, MeSH, publication types, subjects and study type; authors get affiliations
and ORCID iDs from the other record when the lists agree. A source that fails while another
answered is named in the record's ``notes``; when none answered, the error says why in one
line (:class:`~legreader.net.errors.NotFound` for an identifier nobody knows).

Base URLs come from :class:`Endpoints` (``$LEGREADER_CROSSREF_URL``,
``$LEGREADER_EUTILS_URL``, ``$LEGREADER_EUROPEPMC_URL``): tests point them at a local
server. No Textual import.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from legreader.net.client import HttpClient
from legreader.net.errors import Cancelled, NetError, NotFound
from legreader.study import crossref, europepmc, eutils
from legreader.study.identifiers import Identifier
from legreader.study.record import PersonName, StudyRecord

T = TypeVar("T")

JSON_TYPES = ("application/json", "+json", "text/plain")
XML_TYPES = ("text/xml", "application/xml", "+xml")
#: A record's JSON is small; larger answers are refused.
MAX_JSON_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Base URLs of the APIs (no trailing slash)."""

    crossref: str = "https://api.crossref.org"
    eutils: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    europepmc: str = "https://www.ebi.ac.uk/europepmc/webservices/rest"

    @classmethod
    def from_env(cls) -> Endpoints:
        """The defaults, each overridden by its environment variable when set."""
        default = cls()
        return cls(
            crossref=_base("LEGREADER_CROSSREF_URL", default.crossref),
            eutils=_base("LEGREADER_EUTILS_URL", default.eutils),
            europepmc=_base("LEGREADER_EUROPEPMC_URL", default.europepmc),
        )


def _base(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return (value or default).rstrip("/")


# ------------------------------------------------------------------- one API each


def fetch_crossref(client: HttpClient, ep: Endpoints, doi: str) -> StudyRecord:
    url = f"{ep.crossref}/works/{quote(doi, safe='/:;()')}"
    got = client.get(url, accept=JSON_TYPES, max_bytes=MAX_JSON_BYTES)
    return crossref.record_from_crossref(got.json(), source_name=f"https://doi.org/{doi}")


def fetch_europepmc(client: HttpClient, ep: Endpoints, identifier: Identifier) -> StudyRecord:
    params = {
        "query": europepmc.query_for(identifier),
        "resultType": "core",
        "format": "json",
        "pageSize": "1",
    }
    got = client.get(f"{ep.europepmc}/search", params=params, accept=JSON_TYPES)
    result = europepmc.first_result(got.json())
    if result is None:
        raise NotFound(f"Europe PMC does not know {identifier}", got.url)
    return europepmc.record_from_europepmc(result, source_name=str(identifier))


def fetch_pubmed(client: HttpClient, ep: Endpoints, pmid: str) -> StudyRecord:
    params = {"db": "pubmed", "id": pmid, "retmode": "xml", **eutils.common_params()}
    got = client.get(
        f"{ep.eutils}/efetch.fcgi",
        params=params,
        accept=XML_TYPES,
        max_bytes=eutils.MAX_EFETCH_BYTES,
    )
    record = eutils.parse_pubmed_xml(got.body, source_name=f"PMID {pmid}")
    if record is None:
        raise NotFound(f"PubMed does not know PMID {pmid}", got.url)
    return record


def pmid_for_doi(client: HttpClient, ep: Endpoints, doi: str) -> str:
    params = {"db": "pubmed", "term": f"{doi}[doi]", "retmode": "json", **eutils.common_params()}
    got = client.get(f"{ep.eutils}/esearch.fcgi", params=params, accept=JSON_TYPES)
    pmid = eutils.pmid_from_esearch(got.json())
    if pmid is None:
        raise NotFound(f"PubMed does not know DOI {doi}", got.url)
    return pmid


# ------------------------------------------------------------------------ look-up


def look_up(
    identifier: Identifier,
    *,
    client: HttpClient | None = None,
    endpoints: Endpoints | None = None,
) -> StudyRecord:
    """The study's record; see the module docstring. Raises :class:`NetError`."""
    ep = endpoints or Endpoints.from_env()
    own = client is None
    http = client or HttpClient()
    try:
        if identifier.kind == "doi":
            return _by_doi(http, ep, identifier)
        if identifier.kind == "pmid":
            return _by_pmid(http, ep, identifier)
        return _by_pmcid(http, ep, identifier)
    finally:
        if own:
            http.close()


class _Outcome:
    """A source's record, or the error it gave."""

    def __init__(self, name: str, call: Callable[[], StudyRecord]) -> None:
        self.name = name
        self.record: StudyRecord | None = None
        self.error: NetError | None = None
        try:
            self.record = call()
        except Cancelled:
            raise
        except NetError as exc:
            self.error = exc

    @property
    def not_found(self) -> bool:
        return isinstance(self.error, NotFound)

    def note(self) -> str | None:
        if self.error is None or self.not_found:
            return None
        return f"{self.name} could not be asked: {self.error}"


def _together(*calls: tuple[str, Callable[[], StudyRecord]]) -> list[_Outcome]:
    with ThreadPoolExecutor(max_workers=len(calls), thread_name_prefix="study") as pool:
        futures: list[Future[_Outcome]] = [
            pool.submit(_Outcome, name, call) for name, call in calls
        ]
        return [f.result() for f in futures]


def _by_doi(http: HttpClient, ep: Endpoints, ident: Identifier) -> StudyRecord:
    doi = ident.value
    biblio, medical = _together(
        ("Crossref", lambda: fetch_crossref(http, ep, doi)),
        ("Europe PMC", lambda: fetch_europepmc(http, ep, ident)),
    )
    if medical.error is not None and not medical.not_found:
        fallback = _Outcome("PubMed", lambda: fetch_pubmed(http, ep, pmid_for_doi(http, ep, doi)))
        if fallback.record is not None:
            medical = fallback
    return _result(ident, biblio, medical, "Crossref or Europe PMC")


def _by_pmid(http: HttpClient, ep: Endpoints, ident: Identifier) -> StudyRecord:
    medical = _Outcome("PubMed", lambda: fetch_pubmed(http, ep, ident.value))
    if medical.record is None and not medical.not_found:
        fallback = _Outcome("Europe PMC", lambda: fetch_europepmc(http, ep, ident))
        if fallback.record is not None or fallback.not_found:
            medical = fallback
    return _with_crossref(http, ep, ident, medical, "PubMed")


def _by_pmcid(http: HttpClient, ep: Endpoints, ident: Identifier) -> StudyRecord:
    medical = _Outcome("Europe PMC", lambda: fetch_europepmc(http, ep, ident))
    return _with_crossref(http, ep, ident, medical, "Europe PMC")


def _with_crossref(
    http: HttpClient, ep: Endpoints, ident: Identifier, medical: _Outcome, where: str
) -> StudyRecord:
    doi = medical.record.doi if medical.record is not None else None
    biblio = (
        _Outcome("Crossref", lambda: fetch_crossref(http, ep, doi))
        if doi
        else _Outcome("Crossref", _nothing)
    )
    return _result(ident, biblio, medical, where)


def _nothing() -> StudyRecord:
    raise NotFound("no DOI to ask Crossref about")


def _result(ident: Identifier, biblio: _Outcome, medical: _Outcome, where: str) -> StudyRecord:
    if biblio.record is None and medical.record is None:
        errors = [o.error for o in (biblio, medical) if o.error is not None]
        real = [e for e in errors if not isinstance(e, NotFound)]
        if real:
            raise real[0]
        raise NotFound(f"{ident} not found in {where}", _link(ident))
    record = merge(biblio.record, medical.record)
    sources = [o.name for o in (biblio, medical) if o.record is not None]
    notes = tuple(n for n in (biblio.note(), medical.note()) if n)
    return dataclasses.replace(
        record,
        source_name=f"{ident} via {' and '.join(sources)}",
        notes=record.notes + notes,
    )


def _link(ident: Identifier) -> str:
    if ident.kind == "doi":
        return f"https://doi.org/{ident.value}"
    if ident.kind == "pmid":
        return f"https://pubmed.ncbi.nlm.nih.gov/{ident.value}/"
    return f"https://europepmc.org/article/PMC/{ident.value}"


# -------------------------------------------------------------------------- merge

#: Fields where the bibliographic record (Crossref) wins.
BIBLIOGRAPHIC = (
    "title",
    "journal",
    "volume",
    "issue",
    "pages",
    "article_number",
    "published_online",
    "published_print",
    "doi",
    "url",
    "publisher",
    "issn",
    "license",
    "language",
)


def merge(biblio: StudyRecord | None, medical: StudyRecord | None) -> StudyRecord:
    """One record from Crossref's (``biblio``) and PubMed's or Europe PMC's (``medical``)."""
    if biblio is None or medical is None:
        record = biblio or medical
        assert record is not None
        return record
    changes: dict[str, object] = {}
    for f in dataclasses.fields(StudyRecord):
        name = f.name
        if name in ("authors", "source_format", "source_name", "notes"):
            continue
        first, second = (biblio, medical) if name in BIBLIOGRAPHIC else (medical, biblio)
        changes[name] = getattr(first, name) or getattr(second, name)
    changes["authors"] = _merge_authors(biblio.authors, medical.authors)
    changes["notes"] = biblio.notes + medical.notes
    return dataclasses.replace(biblio, **changes)  # type: ignore[arg-type]


def _merge_authors(
    first: tuple[PersonName, ...], second: tuple[PersonName, ...]
) -> tuple[PersonName, ...]:
    if not first:
        return second
    if len(first) != len(second):
        return first
    out = []
    for a, b in zip(first, second, strict=True):
        same = (a.family or a.literal).casefold() == (b.family or b.literal).casefold()
        if not same:
            return first
        out.append(
            dataclasses.replace(
                a, orcid=a.orcid or b.orcid, affiliations=a.affiliations or b.affiliations
            )
        )
    return tuple(out)
