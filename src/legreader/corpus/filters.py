"""Which articles the sidebar shows: a quick title filter plus facet filters. No Textual."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from legreader.corpus.loader import Article


@dataclass
class ArticleFacts:
    """What the reader and the compare engine know about one article."""

    count: int = 0
    worst: str | None = None
    """The worst verdict of all: the article's own and its passages'."""
    article_verdict: str | None = None
    """The verdict given to the article as a whole (``N``), if any."""
    worst_passage: str | None = None
    """The worst verdict among its passages, if any."""
    verdicts: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    has_notes: bool = False
    has_discrepancy: bool = False


@dataclass
class FilterCriteria:
    """Every field narrows the list; the defaults show everything."""

    text: str = ""
    verdict: str | None = None
    tag: str | None = None
    outlet: str | None = None
    has_notes: bool = False
    has_discrepancy: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.text.strip()
            or self.verdict
            or self.tag
            or self.outlet
            or self.has_notes
            or self.has_discrepancy
        )

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f"“{self.text.strip()}”")
        if self.verdict:
            parts.append(f"verdict {self.verdict}")
        if self.tag:
            parts.append(f"tag {self.tag}")
        if self.outlet:
            parts.append(f"outlet {self.outlet}")
        if self.has_notes:
            parts.append("has notes")
        if self.has_discrepancy:
            parts.append("has discrepancy")
        return ", ".join(parts)


def matches(article: Article, facts: ArticleFacts | None, criteria: FilterCriteria) -> bool:
    """Whether the article passes every active criterion (title words match in any order)."""
    facts = facts or ArticleFacts()
    words = criteria.text.casefold().split()
    if words:
        haystack = f"{article.title} {article.outlet or ''} {article.author or ''}".casefold()
        if not all(word in haystack for word in words):
            return False
    if criteria.verdict and criteria.verdict not in facts.verdicts:
        return False
    if criteria.tag and criteria.tag.casefold() not in {t.casefold() for t in facts.tags}:
        return False
    if criteria.outlet and (article.outlet or "").casefold() != criteria.outlet.casefold():
        return False
    if criteria.has_notes and not facts.has_notes:
        return False
    return not (criteria.has_discrepancy and not facts.has_discrepancy)


def filter_articles(
    articles: Iterable[Article], facts: dict[str, ArticleFacts], criteria: FilterCriteria
) -> list[Article]:
    if not criteria.active:
        return list(articles)
    return [a for a in articles if matches(a, facts.get(a.id), criteria)]
