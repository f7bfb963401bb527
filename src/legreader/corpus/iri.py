"""The IRI that names an article in a W3C Web Annotation (``target.source``), and back.

Other annotation tools match ``target.source`` against the page they show, so an article is
named by its URL when it has a usable one (absolute ``http``/``https``, no spaces or control
characters), else by ``urn:legreader:<id>`` (the id percent-encoded). Reading a source back:

1. ``urn:legreader:<id>``: the id;
2. an ``http``/``https`` URL: the article of the corpus with that canonical URL (when exactly
   one has it), else the id legreader gives an article with that URL and no front-matter id
   (:func:`legreader.corpus.loader.url_id`);
3. anything else: the text as it is (exports before issue 16 wrote the bare id).

When a URL alone would not lead back to the article's id (a front-matter ``id``, or two files
claiming one URL), the export adds the id as the extension property :data:`ARTICLE_PROPERTY`
on the target, and reading prefers it. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol
from urllib.parse import quote, unquote

from legreader.corpus.loader import url_id

URN_PREFIX = "urn:legreader:"
#: Target extension property holding the article id when the source IRI is a URL that does
#: not by itself give that id back.
ARTICLE_PROPERTY = "legreader:article"
#: Characters left as they are in the id part of the URN (RFC 8141 ``pchar`` and ``/``).
_URN_SAFE = "-._~!$&'()*+,;=:@/"
_WEB_IRI = re.compile(r"https?://[^\s\"<>\\^`{|}\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def web_url(url: object) -> str | None:
    """``url`` stripped when it is an absolute http(s) IRI safe to put in JSON-LD, else None."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    return text if _WEB_IRI.fullmatch(text) else None


def article_urn(article_id: str) -> str:
    """``urn:legreader:`` and the id, percent-encoded where a URN needs it."""
    return URN_PREFIX + quote(article_id, safe=_URN_SAFE)


def article_source(article_id: str, article: object | None) -> tuple[str, bool]:
    """The source IRI for an article's annotations, and whether the id must ride along
    (:data:`ARTICLE_PROPERTY`) because the IRI alone does not lead back to it."""
    url = web_url(getattr(article, "url", None)) if article is not None else None
    if url is None:
        return article_urn(article_id), False
    return url, url_id(url) != article_id


class Identified(Protocol):
    """An article as the exports and imports read it: an id (and maybe a ``url``)."""

    @property
    def id(self) -> str: ...


def urls_to_ids(articles: Iterable[Identified]) -> dict[str, str]:
    """Canonical URL key -> article id, for the URLs exactly one article has."""
    seen: dict[str, str | None] = {}
    for article in articles:
        url = web_url(getattr(article, "url", None))
        if url is None:
            continue
        key = url_id(url)
        seen[key] = None if key in seen else article.id
    return {k: v for k, v in seen.items() if v is not None}


def article_id_from_target(target: Mapping[str, Any], urls: Mapping[str, str] | None = None) -> str:
    """The article id a W3C target names (rules in the module doc); ``urls`` from
    :func:`urls_to_ids` over the corpus being imported into, when there is one."""
    given = target.get(ARTICLE_PROPERTY)
    if isinstance(given, str) and given:
        return given
    source = str(target.get("source", ""))
    if source[: len(URN_PREFIX)].lower() == URN_PREFIX:
        return unquote(source[len(URN_PREFIX) :])
    url = web_url(source)
    if url is not None:
        key = url_id(url)
        return (urls or {}).get(key, key)
    return source


__all__ = [
    "ARTICLE_PROPERTY",
    "URN_PREFIX",
    "article_id_from_target",
    "article_source",
    "article_urn",
    "urls_to_ids",
    "web_url",
]
