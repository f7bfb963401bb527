"""Mapping annotations whose article id no longer names an article onto the right file.

Two reasons an id goes missing: the database was written before issue 13 (ids were the title
and text opening, with ``-2``, ``-3`` added in load order: :attr:`Article.legacy_id`), or a
file without front-matter id or URL was renamed or moved (its ``<text>.<path>`` id changed in
its path part) or its opening was edited (the text part changed). An unknown id is mapped only
when exactly one article fits:

1. an old-scheme id: the articles whose old id, before load-order suffixes, is its base;
2. a ``<text>.<path>`` id: the articles whose id has the same text part (a renamed file), else
   those whose id has the same path part (the same file, edited: re-anchoring then shows
   which passages changed, so a stealth edit is seen, never hidden);
3. among several, those whose text holds every stored quote of the annotations; if that still
   leaves several (identical copies), nothing is guessed: the id is reported as unresolved and
   its annotations stay in the database, shown on no article (exports keep them).

No Textual, no TinyDB: the app applies the result with ``AnnotationStore.move_article``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from legreader.corpus.loader import Article, ArticleUnavailable, Corpus

_NEW_ID = re.compile(r"([0-9a-f]{12})\.([0-9a-f]{6})(?:~[0-9a-f]{8})?\Z")
_LEGACY_SUFFIX = re.compile(r"(.+)-[0-9]+\Z")


@dataclass(slots=True)
class IdResolution:
    """What :func:`resolve_missing_ids` found."""

    moves: dict[str, str] = field(default_factory=dict)
    """Unknown stored id -> the id of the article its annotations belong to."""
    unresolved: list[str] = field(default_factory=list)
    """Unknown ids with no single matching article (none, or several equally good)."""


def resolve_missing_ids(corpus: Corpus, quotes: Mapping[str, Sequence[str]]) -> IdResolution:
    """Map each stored article id that ``corpus`` does not have (``quotes``: stored article id
    -> the exact quotes of its annotations) to one article, where exactly one fits."""
    articles = corpus.all_articles()
    known = {a.id for a in articles}
    by_legacy: dict[str, list[Article]] = {}
    by_legacy_base: dict[str, list[Article]] = {}
    by_text: dict[str, list[Article]] = {}
    by_path: dict[str, list[Article]] = {}
    for article in articles:
        by_legacy.setdefault(article.legacy_id, []).append(article)
        by_legacy_base.setdefault(article.legacy_base, []).append(article)
        match = _NEW_ID.match(article.id)
        if match:
            by_text.setdefault(match.group(1), []).append(article)
            by_path.setdefault(match.group(2), []).append(article)
    result = IdResolution()
    for old_id in sorted(quotes):
        if old_id in known:
            continue
        candidates = _candidates(old_id, by_legacy, by_legacy_base, by_text, by_path)
        chosen = _single(candidates, quotes[old_id])
        if chosen is None:
            result.unresolved.append(old_id)
        else:
            result.moves[old_id] = chosen.id
    return result


def _candidates(
    old_id: str,
    by_legacy: dict[str, list[Article]],
    by_legacy_base: dict[str, list[Article]],
    by_text: dict[str, list[Article]],
    by_path: dict[str, list[Article]],
) -> list[Article]:
    match = _NEW_ID.match(old_id)
    if match:
        return by_text.get(match.group(1)) or by_path.get(match.group(2), [])
    if old_id in by_legacy_base:
        return by_legacy_base[old_id]
    suffixed = _LEGACY_SUFFIX.match(old_id)
    if suffixed and suffixed.group(1) in by_legacy_base:
        return by_legacy_base[suffixed.group(1)]
    return by_legacy.get(old_id, [])


def _single(candidates: list[Article], quotes: Sequence[str]) -> Article | None:
    if len(candidates) == 1:
        return candidates[0]
    if not candidates or not quotes:
        return None
    holding = [a for a in candidates if _holds(a, quotes)]
    return holding[0] if len(holding) == 1 else None


def _holds(article: Article, quotes: Sequence[str]) -> bool:
    try:
        body = article.body
    except ArticleUnavailable:
        return False
    return all(q in body for q in quotes)
