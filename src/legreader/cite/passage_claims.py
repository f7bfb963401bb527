"""Which kinds of claim an annotated passage makes: the claim engine's categories over its range.

The passage is looked for in the article's current text first (:func:`quote_integrity`: at
its stored place, or moved); a passage whose words are gone (orphaned, or edited since) has
no categories, rather than the categories of whatever text now sits at its old offsets.
No Textual import.
"""

from __future__ import annotations

from legreader.cite.quote import quote_integrity
from legreader.claims.model import CATEGORIES
from legreader.corpus.loader import ArticleUnavailable
from legreader.store.model import Annotation


def article_body(article: object) -> str | None:
    """The article's text, or None when it has none or it cannot be read now."""
    if article is None:
        return None
    try:
        body = getattr(article, "body", None)
    except (ArticleUnavailable, OSError):
        return None
    return body if isinstance(body, str) else None


def passage_categories(ann: Annotation, body: str | None) -> tuple[str, ...]:
    """The categories (in :data:`CATEGORIES` order) of the claims overlapping the passage."""
    if not body or not ann.exact:
        return ()
    found = quote_integrity(ann.exact, body, ann.start, ann.end)
    if not found.ok or found.start is None or found.end is None:
        return ()
    from legreader.claims import analyze_cached

    start, end = found.start, found.end
    hit = {s.category for s in analyze_cached(body) if s.start < end and s.end > start}
    return tuple(c for c in CATEGORIES if c in hit)


__all__ = ["article_body", "passage_categories"]
