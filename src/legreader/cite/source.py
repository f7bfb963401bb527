"""What a citation needs to know about a source, independent of the corpus loader.

`SourceInfo` is a small frozen record; `SourceInfo.from_article` adapts a corpus
`Article` (or anything with the same attributes). Names and dates are parsed here once,
so every style formats the same facts. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from legreader.corpus import bylines

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class Name:
    """A personal name split into family, given and suffix, or an organisation (`literal`)."""

    family: str = ""
    given: str = ""
    literal: str = ""
    suffix: str = ""
    """Generational suffix ('Jr.', 'III'): kept by every style."""

    @classmethod
    def parse(cls, text: str, outlet: str | None = None) -> Name:
        """One author string: 'Jenny Smiechowski', 'Smiechowski, Jenny', 'Dr. Ann Lee, PhD',
        'Martin Luther King Jr.', 'Reuters' (a group: see `legreader.corpus.bylines.classify`)."""
        text = " ".join(text.split())
        text = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
        found = bylines.parse_byline(text, outlet)
        author = found[0] if len(found) == 1 else bylines.classify(text, outlet)
        return cls(
            family=author.family, given=author.given, literal=author.literal, suffix=author.suffix
        )

    @property
    def display(self) -> str:
        """Given name first: 'Jenny Smiechowski', 'Martin Luther King Jr.'."""
        return self.literal or " ".join(p for p in (self.given, self.family, self.suffix) if p)

    @property
    def inverted(self) -> str:
        """Family name first: 'Smiechowski, Jenny', 'King, Martin Luther, Jr.'."""
        if self.literal:
            return self.literal
        return ", ".join(p for p in (self.family, self.given, self.suffix) if p)

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
    def from_article(cls, article: object) -> SourceInfo:
        """Adapt a corpus Article (primary study records read their `meta`). Read by
        ``getattr``: any object with some of an Article's attributes will do."""
        # Front matter: parsed YAML values.
        meta: Mapping[str, Any] = getattr(article, "meta", None) or {}
        kind = str(getattr(article, "kind", None) or "article")
        if kind == "primary":
            return cls(
                title=_text(meta.get("title")) or _text(getattr(article, "title", None)),
                outlet=_text(meta.get("journal")) or _text(getattr(article, "outlet", None)),
                authors=_article_authors(article, meta.get("authors")),
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
            authors=_article_authors(article, meta.get("authors")),
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
        """The authors as names (people and groups); staff credits name nobody."""
        out = []
        for text in self.authors:
            for author in bylines.parse_byline(text, self.outlet):
                out.append(Name(author.family, author.given, author.literal, author.suffix))
        return out

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


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _doi(value: object) -> str | None:
    text = _text(value)
    if not text:
        return None
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)


def _article_authors(article: object, meta_authors: object) -> tuple[str, ...]:
    """The corpus loader's parsed `authors`, else the byline or list it was given."""
    parsed = getattr(article, "authors", None)
    if parsed:
        return tuple(parsed)
    outlet = _text(getattr(article, "outlet", None))
    return bylines.authors_from_meta(getattr(article, "author", None) or meta_authors, outlet)


def _authors(value: object, outlet: str | None = None) -> tuple[str, ...]:
    """Author strings from a byline or a list (see `legreader.corpus.bylines.authors_from_meta`)."""
    return bylines.authors_from_meta(value, outlet)


def article_cites_primary(body: str, primary_meta: Mapping[str, object] | None) -> bool:
    """Whether an article's text names the study (the primary record's front matter): its
    DOI, its title or its journal, compared case- and spacing-blind; values of six characters
    or fewer are ignored (too likely to occur by chance)."""
    if not primary_meta:
        return False
    folded = " ".join(body.casefold().split())
    for key in ("doi", "title", "journal"):
        value = primary_meta.get(key)
        if (
            isinstance(value, str)
            and len(value) > 6
            and " ".join(value.casefold().split()) in folded
        ):
            return True
    return False
