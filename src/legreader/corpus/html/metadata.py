"""A page's metadata from its own tags: ``<meta>``, OpenGraph, JSON-LD,
``<link rel=canonical>``, ``<html lang>``, ``<time>``. No Textual import.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from legreader.corpus.bylines import authors_from_meta
from legreader.corpus.html.page import MAX_META_CHARS
from legreader.text.clean import clean_line

# ---------------------------------------------------------------------- metadata

_ARTICLE_TYPES = (
    "newsarticle",
    "article",
    "blogposting",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "webpage",
)


def _page_metadata(tree: Any) -> dict[str, Any]:
    """title, author, outlet, published, url, language from the page's own tags."""
    metas: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        key = key or (m.get("http-equiv") or "").strip().lower()
        value = m.get("content")
        if key and value and key not in metas:
            metas[key] = value
    ld = _json_ld(tree)
    article = next((o for t in _ARTICLE_TYPES for o in ld if t in _types(o)), {})
    website = next((o for o in ld if "website" in _types(o)), {})

    def first(*values: Any) -> str | None:
        for v in values:
            text = _as_text(v)
            if text:
                return clean_line(text)[:MAX_META_CHARS] or None
        return None

    page_title = tree.findtext(".//title")
    outlet = first(
        metas.get("og:site_name"),
        _as_text(article.get("publisher")),
        website.get("name"),
        metas.get("application-name"),
    )
    title = first(
        article.get("headline"),
        metas.get("og:title"),
        metas.get("twitter:title"),
        metas.get("citation_title"),
        metas.get("dc.title"),
        _strip_site_suffix(page_title, outlet),
    )
    citation_authors = [
        m.get("content")
        for m in tree.iter("meta")
        if (m.get("name") or "").lower() in ("citation_author", "dc.creator")
    ]
    bylines_found = next(
        (
            found
            for found in (
                _authors(article.get("author")),
                [metas.get("author")],
                [metas.get("parsely-author")],
                citation_authors,
                [_non_url(metas.get("article:author"))],
            )
            if any(found)
        ),
        [],
    )
    authors = list(
        authors_from_meta([clean_line(b)[:MAX_META_CHARS] for b in bylines_found if b], outlet)
    )
    published = _iso_date(
        article.get("datePublished"),
        metas.get("article:published_time"),
        metas.get("og:published_time"),
        metas.get("citation_publication_date"),
        metas.get("dc.date"),
        metas.get("date"),
        metas.get("pubdate"),
        metas.get("parsely-pub-date"),
        *_time_tags(tree),
    )
    canonical = next(
        (
            link.get("href")
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    og_url = metas.get("og:url")
    url = first(
        _http_url(canonical, og_url),
        _http_url(og_url),
        _http_url(_as_text(article.get("url"))),
        _http_url(_main_entity(article.get("mainEntityOfPage"))),
    )
    language = first(
        tree.get("lang"),
        tree.get("xml:lang"),
        article.get("inLanguage"),
        metas.get("og:locale"),
        metas.get("content-language"),
        metas.get("dc.language"),
    )
    found = {
        "title": title,
        "authors": authors,
        "outlet": outlet,
        "published": published,
        "url": url,
        "language": language.replace("_", "-") if language else None,
    }
    return {k: v for k, v in found.items() if v}


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(objects) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {v.lower() for v in values if isinstance(v, str)}


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    if isinstance(value, list) and value:
        return _as_text(value[0])
    return None


def _authors(value: Any) -> list[str]:
    """JSON-LD ``author``: one or several Person/Organization objects or names."""
    items = value if isinstance(value, list) else [value]
    names = [n for n in (_as_text(v) for v in items[:50]) if n and not _looks_like_url(n)]
    return list(dict.fromkeys(names))


def _looks_like_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "/"))


def _non_url(value: str | None) -> str | None:
    return None if value is None or _looks_like_url(value.strip()) else value


def _main_entity(value: Any) -> str | None:
    if isinstance(value, dict):
        return _as_text(value.get("@id")) or _as_text(value.get("url"))
    return _as_text(value)


def _http_url(value: str | None, base: str | None = None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        if base and not urlsplit(value).scheme:
            value = urljoin(base, value)
        parts = urlsplit(value)
    except ValueError:  # "http://[oops/": Invalid IPv6 URL. A bad URL is dropped, not fatal.
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def _strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, found, tail = title.rpartition(sep)
        if found and head and (outlet is None or tail.strip().casefold() == outlet.casefold()):
            return head
    return title


def _time_tags(tree: Any) -> list[str]:
    tags = [t for t in tree.iter("time") if t.get("datetime")]
    preferred = [
        t
        for t in tags
        if t.get("itemprop") == "datePublished"
        or "published" in (t.get("class") or "")
        or t.get("pubdate") is not None
    ]
    return [t.get("datetime") for t in preferred + tags[:1]]


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y")


def _iso_date(*values: Any) -> str | None:
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        text = value.strip()
        try:
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
        for fmt in _DATE_FORMATS:
            try:
                return _dt.datetime.strptime(text[:40], fmt).date().isoformat()
            except ValueError:
                continue
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if match:
            try:
                return _dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                continue
    return None
