"""The study record: what ``legreader study`` knows about one paper, whatever its source.

A :class:`StudyRecord` is built by a format parser (:mod:`legreader.study.formats`) or by an
online look-up, and written as the corpus's ``kind: primary`` article by
:mod:`legreader.study.write`. It is frozen and typed; every string in it is **cleaned when
the record is made** (:meth:`StudyRecord.__post_init__`): escape sequences and control
characters removed (:func:`legreader.text.clean.clean_text`), one-line fields folded to one
line, sizes capped. So a record is safe to show and to write, whoever built it.

Contract for builders:

- names are structured (:class:`PersonName`): family and given parts, or a ``literal`` group
  name ("ENIGMA Consortium"); never a byline string to be split later;
- dates are ISO partial dates, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
  (:func:`legreader.study.dates.iso_date` makes them); anything else is dropped;
- the DOI is bare (``10.3389/...``, no ``https://doi.org/`` or ``doi:``), the PMID digits
  only, the PMCID ``PMC`` and digits; :func:`normalise_doi` and friends do it;
- the abstract and full text are sections of paragraphs (:class:`Section`): a structured
  abstract keeps its headings ("Background", "Methods", ...), an unstructured one is one
  section without a heading.

No Textual import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Literal

from legreader.text.clean import clean_field_line, clean_text

#: The formats a record can come from (``source_format``).
SourceFormat = Literal[
    "ris", "bibtex", "csl-json", "pubmed-xml", "medline", "jats", "crossref", "europepmc", "manual"
]

#: One-line fields (title, journal, a name, a keyword...) are cut to this many characters.
MAX_LINE_CHARS = 2_000
#: At most this many authors, keywords, affiliations... are kept (large collaborations
#: list a few thousand authors; more than this is not a real paper).
MAX_LIST_ITEMS = 10_000
#: The abstract and the full text together are cut to this many characters (the corpus
#: reads articles up to 5 MB; a paper's full text is rarely over 200 KB).
MAX_TEXT_CHARS = 2_000_000

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*|info:doi/)", re.IGNORECASE
)
_PMCID = re.compile(r"^(?:PMC)?(\d{1,12})$", re.IGNORECASE)
_PMID = re.compile(r"^(?:PMID:?\s*)?(\d{1,12})$", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)


def normalise_doi(value: str | None) -> str | None:
    """A bare DOI (``10.x/y``) from a DOI, a ``doi:`` or ``https://doi.org/`` form; else None."""
    if not value:
        return None
    text = _DOI_PREFIX.sub("", clean_field_line(value)).strip()
    match = _DOI.search(text)
    if match is None:
        return None
    return match.group(0).rstrip(".,;")


def normalise_pmid(value: str | int | None) -> str | None:
    """Digits of a PubMed id (``29875623``, ``PMID: 29875623``); else None."""
    if value is None:
        return None
    match = _PMID.match(clean_field_line(str(value)))
    return match.group(1).lstrip("0") or None if match else None


def normalise_pmcid(value: str | int | None) -> str | None:
    """``PMC`` and digits (``PMC5974248``) from ``PMC5974248`` or ``5974248``; else None."""
    if value is None:
        return None
    match = _PMCID.match(clean_field_line(str(value)))
    return f"PMC{match.group(1)}" if match else None


def normalise_orcid(value: str | None) -> str | None:
    """The 16-character ORCID iD (``0000-0002-1825-0097``) from an iD or its URL; else None."""
    if not value:
        return None
    match = _ORCID.search(value)
    return match.group(1).upper() if match else None


def _line(value: object) -> str:
    return clean_field_line(str(value))[:MAX_LINE_CHARS] if value is not None else ""


def _opt_line(value: object) -> str | None:
    text = _line(value)
    return text or None


def _lines(values: object) -> tuple[str, ...]:
    """Cleaned, non-empty, de-duplicated (first kept) one-line strings."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    out: list[str] = []
    seen: set[str] = set()
    for value in values:  # type: ignore[attr-defined]
        text = _line(value)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
        if len(out) >= MAX_LIST_ITEMS:
            break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PersonName:
    """One author: a person (``family``, ``given``, ``suffix``) or a group (``literal``).

    ``family`` holds its particles as written ("van der Berg", "De Luca"); ``given`` is the
    given names or initials ("Raffaella", "R. J."); ``suffix`` is "Jr.", "III"...
    """

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""
    """A group or organisation author ("ENIGMA Consortium"); family and given are empty."""
    orcid: str | None = None
    affiliations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("family", "given", "suffix", "literal"):
            object.__setattr__(self, name, _line(getattr(self, name)))
        object.__setattr__(self, "orcid", normalise_orcid(self.orcid))
        object.__setattr__(self, "affiliations", _lines(self.affiliations))
        if self.literal and (self.family or self.given):
            object.__setattr__(self, "literal", "")
        if not self.family and self.given and not self.literal:
            # A single name ("Plato", a mononym): the family name, the way CSL keeps it.
            object.__setattr__(self, "family", self.given)
            object.__setattr__(self, "given", "")

    @classmethod
    def parse(cls, text: str) -> PersonName:
        """A name written as text: "Family, Given", "Family, Given, Jr." or "Given Family".

        For sources that only have strings (RIS, BibTeX, MEDLINE ``FAU``). A text without a
        comma and with one word is a family name only.
        """
        text = _line(text)
        if "," in text:
            parts = [p.strip() for p in text.split(",")]
            family, given = parts[0], parts[1] if len(parts) > 1 else ""
            suffix = ", ".join(p for p in parts[2:] if p)
            return cls(family=family, given=given, suffix=suffix)
        words = text.split()
        if len(words) < 2:
            return cls(family=text)
        i = len(words) - 1
        while i > 1 and words[i - 1].islower():
            i -= 1  # lower-case particles belong to the family name: "Ludwig van Beethoven"
        return cls(family=" ".join(words[i:]), given=" ".join(words[:i]))

    @property
    def is_empty(self) -> bool:
        return not (self.family or self.given or self.literal)

    @property
    def display(self) -> str:
        """Given names first: "Raffaella Adami", "Martin Luther King Jr.", "ENIGMA Consortium"."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)

    @property
    def inverted(self) -> str:
        """Family name first: "Adami, Raffaella", "King, Martin Luther, Jr."."""
        if self.literal:
            return self.literal
        return ", ".join(p for p in (self.family, self.given, self.suffix) if p)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the abstract or the full text: a heading (may be empty) and its paragraphs.

    ``level`` 1 is a top-level section (written ``##``), 2 a sub-section (``###``)...
    """

    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    level: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "heading", _line(self.heading))
        paras = []
        for para in self.paragraphs:
            text = " ".join(clean_text(str(para)).split())
            if text:
                paras.append(text)
        object.__setattr__(self, "paragraphs", tuple(paras))
        object.__setattr__(self, "level", max(1, min(int(self.level), 4)))

    @property
    def chars(self) -> int:
        return len(self.heading) + sum(len(p) + 2 for p in self.paragraphs)


def _cap_sections(sections: tuple[Section, ...], budget: int) -> tuple[tuple[Section, ...], int]:
    """Sections with empty ones dropped, cut to ``budget`` characters; the budget left."""
    kept: list[Section] = []
    for section in sections:
        if not section.paragraphs and not section.heading:
            continue
        if section.chars > budget:
            paras: list[str] = []
            left = budget - len(section.heading)
            for para in section.paragraphs:
                if left <= 0:
                    break
                paras.append(para[:left])
                left -= len(para) + 2
            if paras:
                kept.append(Section(section.heading, tuple(paras), section.level))
            return tuple(kept), 0
        kept.append(section)
        budget -= section.chars
    return tuple(kept), budget


@dataclass(frozen=True, slots=True)
class StudyRecord:
    """One paper's metadata and text. Every field but ``title`` may be missing."""

    title: str
    authors: tuple[PersonName, ...] = ()
    other_affiliations: tuple[str, ...] = ()
    """Affiliations the source does not tie to an author (RIS ``AD``, a JATS ``aff`` that no
    author points to); :attr:`affiliations` lists them after the authors' own."""
    journal: str | None = None
    journal_abbrev: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    """Page range as printed ("101-109"); None for an online-only article with a number."""
    article_number: str | None = None
    """Electronic location id / article number ("336", "e0123456")."""
    published_online: str | None = None
    """ISO partial date of the online (electronic) publication."""
    published_print: str | None = None
    """ISO partial date of the issue (print) publication."""
    received: str | None = None
    accepted: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    """The landing page the source gave (the DOI link is derived from ``doi``)."""
    publisher: str | None = None
    issn: str | None = None
    language: str | None = None
    license: str | None = None
    keywords: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    subjects: str | None = None
    """Who or what was studied, as the source states it ("mice", "humans")."""
    study_type: str | None = None
    """The kind of study, as the source states it ("animal", "randomized controlled trial")."""
    abstract: tuple[Section, ...] = ()
    full_text: tuple[Section, ...] = ()
    """The article's body (JATS full text), after the abstract."""
    source_format: SourceFormat = "manual"
    source_name: str | None = None
    """Where the record came from: a file name, a DOI, an API URL (for ``imported_from``)."""
    notes: tuple[str, ...] = field(default=())
    """What the parser had to drop or guess, one line each (shown by the CLI)."""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "title", _line(self.title).rstrip() or "(untitled)")
        authors = tuple(a for a in self.authors if not a.is_empty)[:MAX_LIST_ITEMS]
        set_(self, "authors", authors)
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("title", "source_format"):
                continue
            if f.type in ("str | None",):
                set_(self, f.name, _opt_line(value))
            elif f.type == "tuple[str, ...]":
                set_(self, f.name, _lines(value))
        set_(self, "doi", normalise_doi(self.doi))
        set_(self, "pmid", normalise_pmid(self.pmid))
        set_(self, "pmcid", normalise_pmcid(self.pmcid))
        abstract, left = _cap_sections(tuple(self.abstract), MAX_TEXT_CHARS)
        full_text, _ = _cap_sections(tuple(self.full_text), left)
        set_(self, "abstract", abstract)
        set_(self, "full_text", full_text)

    @property
    def published(self) -> str | None:
        """The first publication date: the online one, unless the print date is earlier.

        When the two agree as far as the less precise goes ("2018" and "2018-05-23"), the
        more precise is kept.
        """
        online, printed = self.published_online, self.published_print
        if not online or not printed:
            return online or printed
        shared = min(len(online), len(printed))
        if online[:shared] == printed[:shared]:
            return online if len(online) >= len(printed) else printed
        return min(online, printed)

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def affiliations(self) -> tuple[str, ...]:
        """Every author's affiliations, each once, in the order they first appear."""
        own = [a for author in self.authors for a in author.affiliations]
        return _lines(own + list(self.other_affiliations))
