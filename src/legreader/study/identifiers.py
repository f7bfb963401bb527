"""What ``legreader study`` was given: a DOI, a PubMed id, a PMC id, or (anything else) a file.

Recognised forms: ``10.3389/fnins.2018.00336``, ``doi:10.…``, ``https://doi.org/10.…``
(``dx.doi.org`` too); ``29875623``, ``PMID: 29875623``, ``https://pubmed.ncbi.nlm.nih.gov/
29875623/``; ``PMC5974248``. An existing file wins over a look-alike identifier (a file
named ``12345``). No Textual import.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

from legreader.study.record import normalise_doi

IdKind = Literal["doi", "pmid", "pmcid"]

_DOI_FORM = re.compile(
    r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|doi\.org/)?10\.\d{4,9}/\S+$", re.IGNORECASE
)
_PMID_FORM = re.compile(
    r"^(?:pmid:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)?"
    r"(\d{1,10})/?$",
    re.IGNORECASE,
)
_PMCID_FORM = re.compile(r"^(?:pmcid:?\s*)?(PMC\d{1,10})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdKind
    value: str
    """Bare: ``10.x/y``, digits, ``PMC`` and digits."""

    def __str__(self) -> str:
        return {"doi": "DOI ", "pmid": "PMID ", "pmcid": ""}[self.kind] + self.value


def parse_identifier(text: str) -> Identifier | None:
    """The identifier ``text`` is, or None (then it is a file name)."""
    text = text.strip()
    if not text or len(text) > 400:
        return None
    if _DOI_FORM.match(text):
        doi = normalise_doi(text)
        if doi:
            return Identifier("doi", doi)
    match = _PMID_FORM.match(text)
    if match and match.group(1).lstrip("0"):
        return Identifier("pmid", match.group(1).lstrip("0"))
    match = _PMCID_FORM.match(text)
    if match:
        return Identifier("pmcid", match.group(1).upper())
    return None


def identifier_or_file(text: str) -> Identifier | None:
    """:func:`parse_identifier`, unless a file of that name exists (then None)."""
    if os.path.lexists(text):
        return None
    return parse_identifier(text)
