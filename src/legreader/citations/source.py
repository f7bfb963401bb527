"""What a citation needs to know about a source, independent of the corpus loader.

`SourceInfo` is a small frozen record; `SourceInfo.from_article` adapts a corpus
`Article` (or anything with the same attributes). Names and dates are parsed here once,
so every style formats the same facts. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter"}
_SPLIT_AUTHORS = re.compile(r"\s*(?:;|\band\b|&)\s*")


@dataclass(frozen=True, slots=True)
class Name:
    """A personal name split into family and given parts, or an organisation (`literal`)."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @classmethod
    def parse(cls, text: str) -> Name:
        """'Jenny Smiechowski', 'Smiechowski, Jenny', 'Reuters' (one word: an organisation)."""
        text = " ".join(text.split())
        text = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
        if "," in text:
            family, _, given = text.partition(",")
            return cls(family=family.strip(), given=given.strip())
        words = text.split(" ")
        if len(words) < 2:
            return cls(literal=text)
        i = len(words) - 1
        while i > 1 and words[i - 1].lower() in _PARTICLES:
            i -= 1
        return cls(family=" ".join(words[i:]), given=" ".join(words[:i]))

    @property
    def display(self) -> str:
        """Given name first: 'Jenny Smiechowski'."""
        return self.literal or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """Family name first: 'Smiechowski, Jenny'."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def short(self) -> str:
        """The family name (or the organisation)."""
        return self.literal or self.family

    def initials(self) -> str:
        """APA initials of the given names: 'Jean-Luc Anne' -> 'J.-L. A.'."""
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(f"{p[0]}." for p in pieces))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with optional month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        """Read '2018', '2018-05', '2018-05-23' or an ISO datetime; anything else is None."""
        if not text:
            return None
        match = _DATE.match(str(text))
        if not match:
            return None
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) and month else None
        if month is not None and not 1 <= month <= 12:
            month, day = None, None
        if day is not None and not 1 <= day <= 31:
            day = None
        return cls(year, month, day)

    def parts(self) -> list[int]:
        """CSL `date-parts` row."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self) -> str:
        return "-".join(
            [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        )


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The facts about one source that citations use. Every field may be missing."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    """Publication date, ISO (`2018-05-23`, `2018-05`, `2018`)."""
    updated: str | None = None
    """Last-updated date, ISO; used when there is no publication date."""
    url: str | None = None
    kind: str = "article"
    """'article', 'blog', 'primary' (the study: a journal article), ..."""
    title_derived: bool = False
    """True when the title was taken from the first line: cited as untitled."""
    volume: str | None = None
    number: str | None = None
    """Issue or article number (for a journal article)."""
    doi: str | None = None
    pmid: str | None = None
    id: str | None = None

    @classmethod
    def from_article(cls, article: Any) -> SourceInfo:
        """Adapt a corpus Article (primary study records read their `meta`)."""
        meta: Mapping[str, Any] = getattr(article, "meta", None) or {}
        kind = str(getattr(article, "kind", None) or "article")
        if kind == "primary":
            return cls(
                title=_text(meta.get("title")) or _text(getattr(article, "title", None)),
                outlet=_text(meta.get("journal")) or _text(getattr(article, "outlet", None)),
                authors=_authors(meta.get("authors") or getattr(article, "author", None)),
                date=_text(meta.get("published")) or _text(getattr(article, "published", None)),
                url=_text(getattr(article, "url", None)),
                kind="primary",
                volume=_text(meta.get("volume")),
                number=_text(meta.get("article_number") or meta.get("issue")),
                doi=_doi(meta.get("doi")),
                pmid=_text(meta.get("pmid")),
                id=_text(getattr(article, "id", None)),
            )
        return cls(
            title=_text(getattr(article, "title", None)),
            outlet=_text(getattr(article, "outlet", None)),
            authors=_authors(getattr(article, "author", None) or meta.get("authors")),
            date=_text(getattr(article, "published", None)),
            updated=_text(getattr(article, "updated", None)),
            url=_text(getattr(article, "url", None)),
            kind=kind,
            title_derived=bool(getattr(article, "title_derived", False)),
            doi=_doi(meta.get("doi")),
            id=_text(getattr(article, "id", None)),
        )

    @property
    def real_title(self) -> str | None:
        """The title, unless it was derived from the first line."""
        return None if self.title_derived else self.title

    @property
    def names(self) -> list[Name]:
        return [Name.parse(a) for a in self.authors if a.strip()]

    @property
    def issued(self) -> PartialDate | None:
        """The date a citation shows: published, else last updated."""
        return PartialDate.parse(self.date) or PartialDate.parse(self.updated)

    @property
    def only_updated(self) -> bool:
        """True when the only date known is the last-updated one."""
        return PartialDate.parse(self.date) is None and PartialDate.parse(self.updated) is not None

    @property
    def link(self) -> str | None:
        """The DOI as a URL when there is one, else the URL."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def is_journal(self) -> bool:
        return self.kind == "primary"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _doi(value: Any) -> str | None:
    text = _text(value)
    if not text:
        return None
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)


def _authors(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = _SPLIT_AUTHORS.split(value)
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    out = []
    for item in items:
        if isinstance(item, Mapping):  # CSL-style {"family", "given"} or {"name"}
            item = item.get("name") or f"{item.get('given', '')} {item.get('family', '')}"
        text = _text(item)
        if text:
            out.append(text)
    return tuple(out)
