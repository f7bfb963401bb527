"""``compare_articles``: align claims across articles, judge them, and keep the result for the grid."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from legreader.compare.align import (
    Cluster,
    align_findings,
    cluster_by_context,
    cluster_quotes,
    several_periods,
)
from legreader.compare.judge import judge
from legreader.compare.meaning import defined_abbreviations
from legreader.compare.mentions import (
    DROP_OUT,
    SAMPLE_SIZE,
    STUDY_DURATION,
    Source,
    backfill_counts,
    build_source,
    design_ceiling,
)
from legreader.compare.model import (
    PRIMARY_ID,
    ArticleInput,
    Cell,
    ClaimGroup,
    Item,
    PrimaryInput,
    Signal,
)
from legreader.compare.text import TermWeights
from legreader.compare.values import dimension
from legreader.compare.venues import find_name
from legreader.work.cancel import cancellable, checkpoint
from legreader.work.progress import ProgressCallback, report, reporting

CompareFilter = Literal["all", "discrepancies", "quantities", "quotes"]
"""Which claim groups the grid shows (the compare screen's ``f`` cycles through them)."""

#: Grid filters: name -> test on a group.
FILTERS: dict[CompareFilter, Callable[[ClaimGroup], bool]] = {
    "all": lambda g: True,
    "discrepancies": lambda g: g.discrepancy,
    "quantities": lambda g: g.kind == "quantity",
    "quotes": lambda g: g.kind == "quote",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One grid column: an article, or the primary record."""

    id: str
    title: str
    is_primary: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One grid row: a claim group and its cells, in column order."""

    group: ClaimGroup
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(slots=True)
class CompareResult:
    """Everything the compare screen and the CLI show."""

    columns: list[Column]
    groups: list[ClaimGroup]
    """Discrepancies first, then groups several sources share, then single-source extras."""
    signals: dict[str, dict[str, Signal]] = field(default_factory=dict)
    """Article id -> signal name -> ``{"value": ..., "evidence": [...]}``."""
    bodies: dict[str, str] = field(default_factory=dict)
    """Column id -> the text item offsets point into."""

    def grid(self, filter: CompareFilter = "all") -> Grid:
        """Rows for the given filter (see :data:`FILTERS`), cells in column order."""
        keep = FILTERS[filter]
        rows = tuple(
            Row(g, tuple(g.cells[c.id] for c in self.columns)) for g in self.groups if keep(g)
        )
        return Grid(tuple(self.columns), rows)

    def group(self, group_id: str) -> ClaimGroup | None:
        return next((g for g in self.groups if g.id == group_id), None)

    @property
    def discrepancies(self) -> list[ClaimGroup]:
        return [g for g in self.groups if g.discrepancy]

    def to_json(self) -> dict[str, Any]:  # a JSON document
        return {
            "groups": [g.to_json() for g in self.groups],
            "articles": [
                {"id": c.id, "title": c.title, "signals": self.signals.get(c.id, {})}
                for c in self.columns
                if not c.is_primary
            ],
        }


def _primary_body(primary: PrimaryInput) -> str:
    return primary.text or ""


def compare_articles(
    articles: list[ArticleInput],
    primary: PrimaryInput | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: ProgressCallback | None = None,
) -> CompareResult:
    """Align and judge the claims of ``articles`` (and the primary record, when given).

    ``cancelled`` is asked between articles, sentences, mentions and clusters (every few
    milliseconds of work); once it returns true the comparison stops by raising
    :class:`~legreader.work.cancel.Cancelled`. ``progress`` is handed a
    :class:`~legreader.work.progress.Progress` as each stage goes (in this thread, spaced out).
    """
    with cancellable(cancelled), reporting(progress):
        return _compare(articles, primary)


def discrepant_articles(
    articles: list[ArticleInput],
    primary: PrimaryInput | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> set[str]:
    """The ids of the articles with a claim in at least one discrepancy (the sidebar's
    filter): :func:`compare_articles`, reduced to what is worth sending between processes."""
    result = compare_articles(articles, primary, cancelled=cancelled)
    return {item.article for group in result.discrepancies for item in group.items}


def _terms(sources: list[Source]) -> Iterator[list[str]]:
    for s in sources:
        yield from s.sentence_terms()


def _compare(articles: list[ArticleInput], primary: PrimaryInput | None) -> CompareResult:
    sources: list[Source] = []
    findings = primary is not None
    defined: dict[str, str] = {}
    for text in ([_primary_body(primary)] if primary is not None else []) + [
        a.body for a in articles
    ]:
        checkpoint()
        defined.update(defined_abbreviations(text))
    reading = len(articles) + (primary is not None)
    report("reading", 0, reading)
    if primary is not None:
        body = _primary_body(primary)
        sources.append(build_source(PRIMARY_ID, primary.title, body, findings, defined))
        report("reading", 1, reading)
    for a in articles:
        checkpoint()
        sources.append(build_source(a.id, a.title, a.body, findings, defined))
        report("reading", len(sources), reading)
    columns = [Column(s.id, s.title, s.id == PRIMARY_ID) for s in sources]
    weights = TermWeights(_terms(sources))

    nouns = {m.item.unit for s in sources for m in s.quantities
             if m.item.unit and dimension(m.item.unit) == "count" and m.item.unit != "participants"
             and (m.item.value or 0) > 1}  # fmt: skip
    for src in sources:
        backfill_counts(src, nouns)

    clusters: list[Cluster] = []
    report("aligning", 0, 3)
    quantities = [m for s in sources for m in s.quantities]
    single = frozenset(
        m for m in (STUDY_DURATION, SAMPLE_SIZE, DROP_OUT) if not several_periods(quantities, m)
    )
    clusters += cluster_by_context(quantities, weights, "quantity", measures=single)
    report("aligning", 1, 3)
    clusters += cluster_quotes(sources, weights)
    report("aligning", 2, 3)
    causal = [m for s in sources if s.id != PRIMARY_ID for m in s.causal]
    # the articles' causal claims lined up with each other, then each group (and each sentence
    # that states a result without a causal cue) beside the study's finding it states
    units = cluster_by_context((m for m in causal if not m.finding), weights, "causal")
    if primary is not None:
        study = next(s for s in sources if s.id == PRIMARY_ID).causal
        loose = [Cluster("causal", "causal", [m]) for m in causal if m.finding]
        found = align_findings(study, units + loose)
        used = {id(m) for c in found for m in c.mentions}
        clusters += found
        units = [u for u in units if not any(id(m) in used for m in u.mentions)]
    clusters += units
    venue = _venue_cluster(sources, primary)
    if venue is not None:
        clusters.append(venue)

    order = [c.id for c in columns]
    ceiling = (
        design_ceiling(_primary_body(primary), primary.study_type) if primary is not None else None
    )
    groups: list[ClaimGroup] = []
    for judged, cluster in enumerate(clusters):
        checkpoint()
        report("judging", judged, len(clusters))
        if cluster.sources <= {PRIMARY_ID}:
            continue  # the study says it, nobody reports it: not a row
        if (
            cluster.kind == "causal"
            and len(cluster.sources - {PRIMARY_ID}) < 2
            and PRIMARY_ID not in cluster.sources
        ):
            continue  # one article's causal wording: the reader's highlights show it already
        primary_value = None
        if cluster.kind == "claim" and primary is not None and primary.journal:
            primary_value = Item(PRIMARY_ID, 0, 0, primary.journal, "venue", label=primary.journal)
        groups.append(
            judge(
                f"g{len(groups) + 1}",
                cluster,
                order,
                weights,
                primary_value,
                primary is not None,
                ceiling,
            )  # fmt: skip
        )
    groups.sort(key=_rank)
    from legreader.compare.signals import article_signals

    result = CompareResult(columns, groups, bodies={s.id: s.body for s in sources})
    for scored, s in enumerate(sources):
        checkpoint()
        report("scoring", scored, len(sources))
        if s.id != PRIMARY_ID:
            result.signals[s.id] = article_signals(s, result, primary)
    report("scoring", len(sources), len(sources))
    return result


def _rank(group: ClaimGroup) -> tuple[int, int, int]:
    shared = len(group.articles) > 1
    kind = ("quantity", "quote", "causal", "claim").index(group.kind)
    return (0 if group.discrepancy else 1 if shared else 2, kind, int(group.id[1:]))


def _venue_cluster(sources: list[Source], primary: PrimaryInput | None) -> Cluster | None:
    cluster = Cluster("claim", "claim")
    for src in sources:
        found = list(src.venues)
        if primary is not None and primary.journal:
            covered = [(m.item.start, m.item.end) for m in found]
            found += [m for m in find_name(src, primary.journal)
                      if not any(s <= m.item.start < e for s, e in covered)]  # fmt: skip
        seen: set[str] = set()
        for mention in sorted(found, key=lambda m: m.item.start):
            key = mention.item.label.lower()
            if key not in seen:
                seen.add(key)
                cluster.add(mention)
    return cluster if cluster.mentions else None
