"""Alignment: put mentions from different sources that are about the same thing into clusters.

No all-pairs comparison: every mention looks up candidate clusters through an inverted index keyed
by (dimension, key term), scores only those, and joins the best one or starts its own. The number
of clusters grows with the number of distinct things reported, not with the number of articles,
so the cost stays close to linear in the number of mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from legreader.compare.mentions import Source
from legreader.compare.model import GroupKind, Item, Mention
from legreader.compare.quotes import make_quote_mention
from legreader.compare.text import TermWeights, norm_words
from legreader.compare.values import _factor, agree, count_noun, dimension
from legreader.work.cancel import checkpoint

#: Context overlap needed to join a quantity cluster.
JOIN = 0.25
#: Extra overlap needed when the cluster already holds a different value from the same article.
SELF_CONFLICT = 0.15
#: Bonus when the value agrees with a member (the same number said about similar words).
SAME_VALUE = 0.15
#: Bonus when counted nouns match ("two genes" and "a gene").
SAME_NOUN = 0.25
#: Quote similarity (0..100) to join: any speaker / same speaker.
QUOTE_JOIN, QUOTE_JOIN_SPEAKER = 75.0, 55.0
#: Sentence similarity to count as a reproduction of a quote: verbatim / attributed paraphrase.
QUOTE_COPY, QUOTE_PARAPHRASE = 86.0, 58.0
CAUSAL_JOIN = 0.35
#: Weight two findings must share to be one when one of them is the study's (about one rare
#: word, or several common ones: see :func:`shared_mass`).
FINDING_JOIN = 0.32
#: Largest ratio between two values of one measure (1,200 vs 12,000 is a typo, not a new measure).
MAX_RATIO = 50.0
_KEYS = 8
#: Measurement dimensions rare enough in one study's coverage that sharing one is itself evidence.
_PHYSICAL = frozenset({"temperature", "temperature_f", "mass", "length", "volume", "energy"})
#: Members a newcomer is compared with (the first ones; keeps the cost per mention bounded).
MEMBERS = 12
#: Bonus when mention and cluster carry the same cue-recognised measure (the study's length is
#: one measure however it is worded: "lasted 6 weeks" and "followed for six months").
SAME_MEASURE = JOIN + 0.05


@dataclass(slots=True)
class Cluster:
    """Mentions believed to be about the same thing."""

    kind: GroupKind
    dim: str
    mentions: list[Mention] = field(default_factory=list)
    measures: set[str] = field(default_factory=set)
    """Cue-recognised measures of its members (:attr:`Mention.measure`)."""
    profile: dict[str, float] = field(default_factory=dict)
    nouns: set[str] = field(default_factory=set)
    frames: set[str] = field(default_factory=set)
    """Frames of its members (:attr:`Mention.frame`): a number of another frame never joins."""
    articles: set[str] = field(default_factory=set)
    """The sources of its members (kept as they join: asked for every candidate)."""

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.articles.add(mention.item.article)
        if mention.frame:
            self.frames.add(mention.frame)
        for term, weight in mention.terms.items():
            if weight > self.profile.get(term, 0.0):
                self.profile[term] = weight
        self.nouns |= count_noun(mention.item.unit) if self.dim == "count" else set()
        if mention.measure:
            self.measures.add(mention.measure)

    @property
    def sources(self) -> set[str]:
        return {m.item.article for m in self.mentions}

    def clear(self) -> None:
        """Empty the cluster (its members moved elsewhere)."""
        self.mentions.clear()
        self.articles.clear()


def _keys(mention: Mention, weights: TermWeights) -> list[str]:
    ranked = sorted(mention.terms, key=lambda t: (-mention.terms[t] * weights.idf(t), t))
    return ranked[:_KEYS]


def _comparable_size(a: Item, b: Item) -> bool:
    """Numbers a hundred times apart ("18 minutes", "twelve months") measure different things."""
    if a.value is None or b.value is None or dimension(a.unit) in ("percent", "points"):
        return True
    x, y = a.value * _factor(a.unit), b.value * _factor(b.unit)
    return max(x, y) <= MAX_RATIO * max(min(x, y), 1e-9)


def shared_mass(a: dict[str, float], b: dict[str, float]) -> float:
    """Weight the two term profiles share (each term at its smaller weight)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(min(w, b[t]) for t, w in a.items() if t in b)


def finding_score(a: dict[str, float], b: dict[str, float]) -> float:
    """:func:`shared_mass` over the square root of the shorter profile's weight: a long sentence
    shares more words by chance, a short one (a headline) is all topic."""
    shorter = min(sum(a.values()), sum(b.values()))
    return shared_mass(a, b) / float(max(shorter, 1.0) ** 0.5)


def _similarity(a: dict[str, float], b: dict[str, float], weights: TermWeights) -> float:
    """Shared context both ways (geometric mean): a vague mention does not match everything."""
    # the shared weight is the same both ways: each overlap is it over one side's mass
    mass = weights.mass(a) * weights.mass(b)
    if mass <= 0:
        return 0.0
    return weights.shared(a, b) / float(mass**0.5)


def _score(mention: Mention, cluster: Cluster, kind: str, weights: TermWeights,
           measures: bool | frozenset[str] = True) -> float:  # fmt: skip
    """How well ``mention`` fits ``cluster``; -1 when it must not join."""
    item = mention.item
    nouns = count_noun(item.unit) if cluster.dim == "count" else set()
    if cluster.dim == "count" and not nouns & cluster.nouns:
        return -1.0
    if kind == "causal" and item.article in cluster.articles:
        return -1.0  # one causal claim per article and group; else groups snowball
    if mention.frame and cluster.frames and mention.frame not in cluster.frames:
        return -1.0  # "12 % faster" and "12 % dropped out" are different measures
    need = JOIN if kind == "quantity" else CAUSAL_JOIN
    if kind == "quantity" and not _comparable_size(item, cluster.mentions[0].item):
        return -1.0
    self_conflict = False
    if kind == "quantity":
        for other in cluster.mentions:
            if other.item.article == item.article and not agree(other.item, item):
                if other.item.sentence == item.sentence:
                    return -1.0  # two numbers of one sentence are two different things
                need += SELF_CONFLICT
                self_conflict = True
                break
    # the refusals above are cheap; the shared context is what costs
    score = max(_similarity(mention.terms, m.terms, weights) for m in cluster.mentions[:MEMBERS])
    if kind == "quantity":
        if any(agree(m.item, item) for m in cluster.mentions[:8]):
            score += SAME_VALUE
        if nouns or cluster.dim in _PHYSICAL:
            score += SAME_NOUN
        if (
            mention.measure in cluster.measures
            and not self_conflict
            and (
                (measures if isinstance(measures, bool) else mention.measure in measures)
                or all(
                    agree(m.item, item) for m in cluster.mentions if m.measure == mention.measure
                )
            )
        ):
            # One source giving two different study lengths describes two periods (a 12-week
            # trial, a 2-year follow-up) more often than it contradicts itself: context decides,
            # and once a source names several periods, the measure only joins equal values.
            score += SAME_MEASURE
    return score - need


def several_periods(mentions: Iterable[Mention], measure: str) -> bool:
    """True when one source gives two different values of ``measure`` in different sentences
    ("a 12-week trial" and "two years of follow-up"): the study has several periods, so the
    measure alone no longer says which period a mention is about."""
    seen: dict[str, list[Item]] = defaultdict(list)
    for mention in mentions:
        if mention.measure != measure:
            continue
        item = mention.item
        own = seen[item.article]
        if any(o.sentence != item.sentence and not agree(o, item) for o in own):
            return True
        own.append(item)
    return False


def cluster_by_context(
    mentions: Iterable[Mention],
    weights: TermWeights,
    kind: GroupKind,
    measures: bool | frozenset[str] = True,
) -> list[Cluster]:
    """Greedy, index-driven clustering of quantity (or causal) mentions, then a second chance for
    mentions left alone (an early mention only saw the clusters that existed before it).

    With ``measures`` (True, or the set of measures it holds for), mentions of one cue-recognised
    measure (:attr:`Mention.measure`) join each other whatever their context words; without,
    only when their values are equal (a different value needs shared context to join)."""
    clusters: list[Cluster] = []
    if kind == "causal":
        mentions = list(mentions)
        if len({m.item.article for m in mentions}) < 2:
            # one causal claim per article and group: one article's claims are one group each
            # (a 1 MB article has thousands; trying them against each other is all waste)
            for mention in mentions:
                clusters.append(Cluster(kind, kind))
                clusters[-1].add(mention)
            return clusters
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys_of: dict[int, list[str]] = {}

    def best_for(mention: Mention, dim: str, keys: list[str], skip: int = -1) -> int | None:
        best, best_score = None, -1e9
        for cid in sorted({cid for key in keys for cid in index.get((dim, key), ())}):
            if cid == skip or not clusters[cid].mentions:
                continue
            if kind == "causal" and mention.item.article in clusters[cid].articles:
                continue  # one causal claim per article and group (see _score)
            score = _score(mention, clusters[cid], kind, weights, measures)
            if score >= 0 and score > best_score:
                best, best_score = cid, score
        return best

    for mention in mentions:
        checkpoint()
        item = mention.item
        dim = (dimension(item.unit) or "?") if kind == "quantity" else kind
        keys = _keys(mention, weights) + [
            f"noun:{n}" for n in count_noun(item.unit) if dim == "count"
        ]
        if mention.measure:
            keys.append(f"measure:{mention.measure}")
        keys_of[id(mention)] = keys
        best = best_for(mention, dim, keys)
        if best is None:
            best = len(clusters)
            clusters.append(Cluster(kind, dim))
        clusters[best].add(mention)
        for key in keys:
            if best not in index[(dim, key)][-1:]:
                index[(dim, key)].append(best)
    for cid, cluster in enumerate(clusters):
        if len(cluster.mentions) != 1:
            continue
        checkpoint()
        mention = cluster.mentions[0]
        target = best_for(mention, cluster.dim, keys_of[id(mention)], skip=cid)
        if target is not None and len(clusters[target].mentions) > 1:
            clusters[target].add(mention)
            cluster.clear()
    return [c for c in clusters if c.mentions]


def align_findings(study: list[Mention], units: list[Cluster]) -> list[Cluster]:
    """Each finding of the study with the articles' claims that state it.

    ``units`` are the articles' causal claims already lined up with each other, and their
    sentences that state a result without a causal cue (one mention each). A unit meets a finding
    of the study when a member shares :data:`FINDING_JOIN` of weight with it (:func:`shared_mass`;
    candidates share a meaning key). Pairs are taken best first: one finding of the study per
    unit, one claim of an article per finding (an article's nearest sentence wins, not its
    first). Returns the study's findings that met something, each merged with what it met."""
    index: dict[str, list[int]] = defaultdict(list)
    for si, finding in enumerate(study):
        for term in finding.terms:
            index[term].append(si)
    pairs: list[tuple[float, int, int]] = []
    for ui, unit in enumerate(units):
        checkpoint()
        members = unit.mentions[:MEMBERS]
        candidates = {si for m in members for term in m.terms for si in index.get(term, ())}
        for si in sorted(candidates):
            score = max(finding_score(m.terms, study[si].terms) for m in members)
            if score >= FINDING_JOIN:
                pairs.append((score, ui, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    merged: dict[int, Cluster] = {}
    taken: set[int] = set()
    for _score, ui, si in pairs:
        checkpoint()
        if ui in taken:
            continue
        cluster = merged.get(si)
        unit = units[ui]
        if cluster is not None and unit.sources & cluster.sources:
            continue
        if cluster is None:
            cluster = merged[si] = Cluster("causal", "causal")
            cluster.add(study[si])
        for mention in unit.mentions:
            cluster.add(mention)
        taken.add(ui)
    return [merged[si] for si in sorted(merged)]


def cluster_quotes(sources: list[Source], weights: TermWeights) -> list[Cluster]:
    """Quotes that render the same statement, then copies of them in other sources' sentences."""
    clusters: list[Cluster] = []
    index: dict[str, list[int]] = defaultdict(list)
    for src in sources:
        for mention in src.quotes:
            checkpoint()
            text = " ".join(norm_words(mention.item.text))
            keys = weights.top(mention.terms, 6)
            best, best_score = None, 0.0
            for cid in sorted({c for k in keys for c in index.get(k, ())}):
                cluster = clusters[cid]
                for other in cluster.mentions[:3]:
                    score = fuzz.token_set_ratio(text, " ".join(norm_words(other.item.text)))
                    speaker = mention.item.speaker and mention.item.speaker == other.item.speaker
                    need = QUOTE_JOIN_SPEAKER if speaker else QUOTE_JOIN
                    if score >= need and score > best_score:
                        best, best_score = cid, score
            if best is None:
                best = len(clusters)
                clusters.append(Cluster("quote", "quote"))
            clusters[best].add(mention)
            for key in keys:
                index[key].append(best)
    _reproductions(sources, clusters, weights)
    return clusters


def _reproductions(sources: list[Source], clusters: list[Cluster], weights: TermWeights) -> None:
    """Add sentences that reproduce a cluster's quote without quotation marks (or paraphrase it)."""
    sentence_index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for si, src in enumerate(sources):
        for ti, sentence_terms in enumerate(src.sentence_terms()):
            checkpoint()
            for term in set(sentence_terms):
                sentence_index[term].append((si, ti))
    for cluster in clusters:
        checkpoint()
        first = cluster.mentions[0].item
        quote = first.text
        speakers = {m.item.speaker for m in cluster.mentions if m.item.speaker}
        keys = weights.top(cluster.profile, 6)
        hits: dict[tuple[int, int], int] = defaultdict(int)
        for key in keys:
            for ref in sentence_index.get(key, ()):
                hits[ref] += 1
        for (si, ti), count in sorted(hits.items()):
            src = sources[si]
            start, end = src.sentences[ti]
            if count < 2 or src.id == "primary":
                continue
            if any(
                m.item.article == src.id and m.item.start < end and start < m.item.end
                for m in cluster.mentions
            ):
                continue
            sentence = src.body[start:end]
            copy = fuzz.partial_ratio(quote.lower(), sentence.lower())
            near = src.body[max(0, start - 200) : end + 200]
            attributed = any(s in near for s in speakers)
            if copy >= QUOTE_COPY or (
                attributed
                and fuzz.token_set_ratio(quote.lower(), sentence.lower()) >= QUOTE_PARAPHRASE
            ):
                speaker = next((s for s in speakers if s in near), None)
                cluster.add(
                    make_quote_mention(src, start, _trim_end(src.body, start, end), speaker)
                )


def _trim_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " \n\t":
        end -= 1
    return end
