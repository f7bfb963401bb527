"""Verdicts: within a claim group, which renderings agree, what the reference is, and each cell."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from legreader.compare.align import MEMBERS, Cluster
from legreader.compare.labels import is_phrase
from legreader.compare.meaning import key as meaning_key
from legreader.compare.model import PRIMARY_ID, Cell, ClaimGroup, Item, Mention
from legreader.compare.quotes import same_words, word_diff
from legreader.compare.text import TermWeights
from legreader.compare.values import agree
from legreader.compare.venues import same_venue


def _same_strength(a: Item, b: Item) -> bool:
    """Renderings split into "causes" and hedged ("linked to", "may cause")."""
    return (a.label == "direct") == (b.label == "direct")


def _causal_clash(items: list[Item]) -> bool:
    """Only "causes" against "linked to", from two different articles, is a discrepancy."""
    direct = {it.article for it in items if it.label == "direct"}
    linked = {it.article for it in items if it.label == "correlational"}
    return bool(
        direct and linked and (direct | linked) - (direct & linked) and len(direct | linked) > 1
    )


_AGREE: dict[str, Callable[[Item, Item], bool]] = {
    "quantity": agree,
    "quote": same_words,
    "causal": _same_strength,
    "claim": lambda a, b: same_venue(a.label, b.label),
}


def value_clusters(kind: str, items: list[Item]) -> list[list[Item]]:
    """Items split into renderings that agree with each other (compared with a representative)."""
    same = _AGREE[kind]
    clusters: list[list[Item]] = []
    for item in items:
        for cluster in clusters:
            if same(cluster[0], item) or (
                kind == "quantity" and any(same(o, item) for o in cluster[1:3])
            ):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    return clusters


def _reference(
    clusters: list[list[Item]], primary_value: Item | None
) -> tuple[int | None, str | None]:
    for i, cluster in enumerate(clusters):
        if any(item.article == PRIMARY_ID for item in cluster):
            return i, "primary"
    if primary_value is not None:
        for i, cluster in enumerate(clusters):
            if _AGREE["claim"](cluster[0], primary_value):
                return i, "primary"
        return None, "primary"
    support = sorted(
        ((len({it.article for it in c}), i) for i, c in enumerate(clusters)), reverse=True
    )
    if len(support) == 1 or (support and support[0][0] > support[1][0]):
        return support[0][1], "majority"
    return None, None


def _label(items: list[Item]) -> str:
    return Counter(item.label for item in items).most_common(1)[0][0]


def measure_name(cluster: Cluster, weights: TermWeights) -> str:
    if cluster.kind == "claim":
        return "where the study was published"
    if cluster.kind == "quote":
        speakers = [m.item.speaker for m in cluster.mentions if m.item.speaker]
        who = Counter(speakers).most_common(1)[0][0] if speakers else "unattributed"
        opening = " ".join(cluster.mentions[0].item.text.split()[:6])
        return f"quote ({who}): {opening}…"
    shown: dict[str, str] = {}
    score: dict[str, float] = {}
    for mention in cluster.mentions:
        for term, weight in mention.terms.items():
            score[term] = score.get(term, 0.0) + weight * weights.idf(term)
            shown.setdefault(term, mention.shown.get(term, term))
    top = [shown[t].lower() for t in sorted(score, key=lambda t: -score[t])[:4]]
    prefix = {"quantity": cluster.dim, "causal": "cause"}.get(cluster.kind, "")
    if cluster.kind == "quantity" and cluster.measures:
        prefix = sorted(cluster.measures)[0]
    elif cluster.kind == "quantity" and cluster.nouns:
        units = Counter(m.item.unit or "" for m in cluster.mentions)
        prefix = "number of " + units.most_common(1)[0][0]
    return f"{prefix}: {' '.join(top)}" if top else prefix


_RANK = {"correlational": 1, "conditional": 2, "direct": 3}
#: Directions that overstate the study (the others understate it).
EXAGGERATIONS = frozenset({"stronger", "negation dropped"})


def causal_direction(article: Item, study: Item) -> str | None:
    """How an article's causal wording departs from the study's: "negation dropped" (the study
    denies the relation, the article states it), "negation added", "stronger" ("linked to" ->
    "causes", "may help" -> "helps"), "weaker"; None when both say it alike."""
    if study.negated and not article.negated:
        return "negation dropped"
    if article.negated and not study.negated:
        return "negation added"
    a, b = _RANK.get(article.label, 0), _RANK.get(study.label, 0)
    if a > b:
        return "stronger"
    if a < b:
        return "weaker"
    return None


#: Readable names of cue-recognised measures.
MEASURE_LABELS = {"study duration": "length of the study", "drop-out": "drop-out rate"}


def group_label(cluster: Cluster) -> str:
    """A short phrase a person can read: the measure, the counted noun, or the phrase of the
    primary's mention (else of the most typical one)."""
    if cluster.kind == "claim":
        return "where the study was published"
    if cluster.kind == "quote":
        speakers = [m.item.speaker for m in cluster.mentions if m.item.speaker]
        who = Counter(speakers).most_common(1)[0][0] if speakers else "unattributed"
        opening = " ".join(cluster.mentions[0].item.text.split()[:5])
        return f"{who} quote: “{opening}…”"
    if cluster.kind == "quantity" and cluster.measures:
        name = sorted(cluster.measures)[0]
        return MEASURE_LABELS.get(name, name)
    if cluster.kind == "quantity" and cluster.nouns:
        counts = [p for m in cluster.mentions if (p := m.readable()).startswith("number of ")]
        if counts:
            return Counter(counts).most_common(1)[0][0]
        unit = Counter(m.item.unit or "" for m in cluster.mentions).most_common(1)[0][0]
        return f"number of {unit}"
    readable = [m for m in cluster.mentions if m.readable() and is_phrase(m.phrase)]
    study = [m.phrase for m in readable if m.item.article == PRIMARY_ID]
    if study:
        return study[0]
    phrases = list(dict.fromkeys(m.phrase for m in readable))
    if not phrases:
        return ""

    def typical(phrase: str) -> tuple[bool, float, int]:
        """How many of the group's mentions speak of the phrase's words (the most typical);
        for a causal group a phrase naming cause and effect comes first."""
        keys = {meaning_key(w) for w in phrase.split() if w != "and"}
        said = sum(len(keys & m.terms.keys()) / len(keys) for m in cluster.mentions[:MEMBERS])
        both = cluster.kind == "causal" and " and " in phrase
        return both, said * min(len(keys), 4) ** 0.5, -len(phrase)  # a phrase over a lone word

    return max(phrases, key=typical)


def judge(gid: str, cluster: Cluster, columns: list[str], weights: TermWeights,
          primary_value: Item | None = None, has_primary: bool = False,
          ceiling: str | None = None) -> ClaimGroup:  # fmt: skip
    """A :class:`ClaimGroup` with its verdict and one cell per column.

    With ``has_primary`` (a primary record is part of the comparison) the primary is the
    reference wherever it speaks; where it is silent every item is "not_in_study" and the
    majority of the articles only decides which of them differ from the others."""
    mentions: list[Mention] = sorted(
        cluster.mentions, key=lambda m: (columns.index(m.item.article), m.item.start)
    )
    items = [m.item for m in mentions]
    group = ClaimGroup(gid, cluster.kind,
                       measure_name(cluster, weights), items)  # fmt: skip
    group.label = group_label(cluster) or group.measure.split(":")[0]
    study_items = [it for it in items if it.article == PRIMARY_ID]
    if group.kind == "causal" and study_items:
        return _judge_causal_against_study(group, items, study_items[0], columns)
    if group.kind == "causal" and has_primary and ceiling is not None:
        # the study states none of these claims, but its design bounds them all
        design = Item(PRIMARY_ID, 0, 0, "", "causal", label=ceiling)
        return _judge_causal_against_study(group, items, design, columns, by_design=True)
    clusters = value_clusters(group.kind, items)
    ref, source = _reference(clusters, primary_value)
    speaks = source == "primary"
    silent = has_primary and not speaks
    group.study_silent = silent
    group.reference_source = source  # type: ignore[assignment]
    if ref is not None:
        group.reference = _label(clusters[ref])
    elif primary_value is not None:
        group.reference = primary_value.label
    group.discrepancy = len(clusters) > 1 or (speaks and ref is None)
    if group.kind == "causal":
        # against a given study only the study's wording counts; where it is silent the
        # articles' causal claims are "not in the study", whatever their strengths
        group.discrepancy = not silent and _causal_clash(items)
    group.reasons = [
        f"{_label(c)} ({', '.join(dict.fromkeys(it.article for it in c))})" for c in clusters
    ]
    if group.kind == "claim" and primary_value is not None and ref is None:
        group.reasons.append(f"primary record: {primary_value.label}")
    where = {id(item): i for i, c in enumerate(clusters) for item in c}

    def verdict(item: Item) -> str:
        if silent:
            return "not_in_study"
        if speaks:
            return "agrees" if ref is not None and where[id(item)] == ref else "differs"
        if ref is None:
            return "no_reference"
        return "agrees" if where[id(item)] == ref else "differs"

    judged = [replace(it, verdict=verdict(it)) for it in items]  # type: ignore[arg-type]
    where = {id(new): where[id(old)] for old, new in zip(items, judged, strict=True)}
    items = group.items = judged
    group.internal = [
        a for a in group.articles if len({where[id(it)] for it in items if it.article == a}) > 1
    ]
    if group.kind == "causal":
        group.internal = []  # wording shifts inside one article are shown by the reader, not here
    if group.kind == "quote" and len(clusters) > 1:
        firsts = {where[id(it)]: it for it in reversed(items)}
        base = firsts[ref if ref is not None else 0]
        group.diffs = [
            {"a": base.article, "b": first.article, "ops": word_diff(base, first)}
            for _, first in sorted(firsts.items())
            if first is not base
        ]
    sources = set(group.articles)
    only_one = len(sources) == 1
    agreeing: Literal["agrees", "not_in_study"] = "not_in_study" if silent else "agrees"
    where_said = "majority; the study states nothing comparable" if silent else source
    for column in columns:
        own = tuple(it for it in items if it.article == column)
        if not own:
            group.cells[column] = Cell("missing")
        elif silent and (
            group.kind == "causal" or ref is None or all(where[id(it)] == ref for it in own)
        ):
            note = "the study states nothing comparable"
            if ref is None and group.discrepancy:
                note += "; the articles disagree"
            group.cells[column] = Cell("not_in_study", own, note)
        elif only_one and not group.discrepancy:
            group.cells[column] = Cell("extra", own)
        elif ref is None:
            if group.discrepancy:
                group.cells[column] = Cell("differs", own, "no clear majority", differing=own)
            else:
                group.cells[column] = Cell("agrees", own)
        else:
            off = tuple(it for it in own if where[id(it)] != ref)
            on = tuple(it for it in own if where[id(it)] == ref)
            if not off:
                group.cells[column] = Cell("agrees", own)
                continue
            note = f"{', '.join(dict.fromkeys(it.label for it in off))} vs {group.reference} ({where_said})"
            if on:  # contradicts itself: say that it also gives the reference value
                note += f"; elsewhere it says {_label(list(on))} ({agreeing.replace('_', ' ')})"
            group.cells[column] = Cell("differs", off + on, note, differing=off, agreeing=agreeing)
    return group


def _judge_causal_against_study(group: ClaimGroup, items: list[Item], study: Item,
                                columns: list[str], by_design: bool = False) -> ClaimGroup:  # fmt: skip
    """A causal group the primary speaks in: each article's wording against the study's. With
    ``by_design`` the study states no such claim and ``study`` is what its design allows: a
    claim within it is "not in the study", a stronger one differs."""
    judged: list[Item] = []
    for it in items:
        if it.article == PRIMARY_ID:
            judged.append(replace(it, verdict="agrees"))
            continue
        direction = causal_direction(it, study)
        if by_design and direction != "stronger":
            judged.append(replace(it, verdict="not_in_study"))
            continue
        judged.append(
            replace(it, verdict="differs" if direction else "agrees", direction=direction)
        )
    group.items = judged
    group.reference_source = "primary"
    group.reference = _causal_label(study)
    group.study_silent = by_design
    off = [it for it in judged if it.verdict == "differs"]
    # an exaggeration is the discrepancy; a weaker wording is shown but does not flag the row
    group.discrepancy = any(it.direction in EXAGGERATIONS for it in off)
    group.reasons = [
        f"{_causal_label(it)}: {it.direction} than the study"
        + (" design allows" if by_design else "")
        + f" ({it.article})"
        if it.direction in ("stronger", "weaker")
        else f"{_causal_label(it)}: {it.direction} ({it.article})"
        for it in off
    ]
    for column in columns:
        own = tuple(it for it in judged if it.article == column)
        if not own:
            group.cells[column] = Cell("missing")
            continue
        differing = tuple(it for it in own if it.verdict == "differs")
        if not differing:
            silent = all(it.verdict == "not_in_study" for it in own)
            note = "the study's sentence has no causal wording" if silent else ""
            group.cells[column] = Cell("not_in_study" if silent else "agrees", own, note)
            continue
        note = ", ".join(dict.fromkeys(f"{it.direction}: {_causal_label(it)}" for it in differing))
        group.cells[column] = Cell(
            "differs", differing + tuple(it for it in own if it not in differing),
            f"{note} vs {group.reference} (primary)", differing=differing,
            agreeing="not_in_study" if by_design else "agrees",
        )  # fmt: skip
    return group


def _causal_label(item: Item) -> str:
    return ("not " if item.negated else "") + item.label
