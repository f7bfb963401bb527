"""Adapters from the corpus loader's objects to the plain compare inputs (duck-typed, no import)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legreader.compare.model import ArticleInput, PrimaryInput

if TYPE_CHECKING:
    from legreader.corpus.loader import Corpus


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(f"- {_text(v)}" for v in value)
    return str(value)


def primary_from_article(article: object) -> PrimaryInput:
    """A :class:`PrimaryInput` from an article with ``kind: primary`` (its meta and body)."""
    meta: dict[str, Any] = dict(  # front matter: parsed YAML values
        getattr(article, "meta", {}) or {}
    )
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.split(",") if a.strip()]
    parts = [getattr(article, "body", "") or ""]
    body = " ".join(parts[0].split()).lower()
    for key in ("design", "findings"):
        text = _text(meta.get(key))
        if text and " ".join(text.split()).lower()[:60].lstrip("- ") not in body:
            parts.append(f"{key.title()}:\n{text}")
    return PrimaryInput(
        title=str(meta.get("title") or getattr(article, "title", "") or ""),
        authors=tuple(str(a) for a in authors),
        journal=str(meta.get("journal") or ""),
        doi=str(meta.get("doi") or ""),
        text="\n\n".join(p for p in parts if p),
        published=str(meta.get("published") or getattr(article, "published", "") or ""),
        subjects=_text(meta.get("subjects")),
        study_type=_text(meta.get("study_type")),
    )


def inputs_from_corpus(corpus: Corpus) -> tuple[list[ArticleInput], PrimaryInput | None]:
    """``(articles, primary)`` from a loaded corpus (``.articles`` and ``.primary``)."""
    primary_article = getattr(corpus, "primary", None)
    articles = [
        ArticleInput(str(a.id), str(a.title or a.id), a.body)
        for a in corpus.articles
        if a is not primary_article and getattr(a, "kind", "article") != "primary"
    ]
    primary = primary_from_article(primary_article) if primary_article is not None else None
    return articles, primary
