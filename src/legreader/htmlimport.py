"""Import a saved web page (HTML) as a corpus article: main text, metadata, debris aside.

The main text is found by trafilatura (measured against readability-lxml on our fixture pages:
see the lead's notes / ``benchmarks/bench_import.py``). Metadata comes from the page's own tags:
``<meta>``, OpenGraph, JSON-LD, ``<link rel=canonical>``, ``<html lang>``. Everything that leaves
this module has been through :func:`legreader.textclean.clean_text`. No Textual import.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import yaml

from legreader.atomic_file import write_text_atomic
from legreader.bylines import authors_from_meta
from legreader.decoding import BinaryContent, Decoded, decode_bytes
from legreader.textclean import clean_line, clean_text

#: Pages larger than this are refused.
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: A page whose main text has fewer words than this has "no main text".
MIN_WORDS = 25
#: Debris kept aside is capped at this many characters.
MAX_DEBRIS_CHARS = 2_000_000
#: Metadata values are cut to this many characters.
MAX_META_CHARS = 300


class PageImportError(ValueError):
    """A page could not be imported; ``str(err)`` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class ImportedPage:
    """The article found in one HTML page."""

    source_name: str
    """Where the page came from (a file name), for ``imported_from``."""
    title: str
    body: str
    """Main text: paragraphs separated by blank lines, ``#`` headings, ``- `` list items."""
    debris: str = ""
    """Page text outside the main content (menus, comments, ads), one block a line."""
    authors: tuple[str, ...] = ()
    """The authors the page names (`legreader.bylines`): people and groups, in byline order;
    roles, honorifics and staff credits ("Staff writer") dropped."""
    outlet: str | None = None
    published: str | None = None
    """ISO date (``YYYY-MM-DD``)."""
    url: str | None = None
    language: str | None = None
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    """True when no BOM, meta charset or valid UTF-8 told the encoding."""
    imported_at: str = ""
    """ISO timestamp (UTC, seconds) of the import."""
    id: str | None = None
    """Article id to keep (an update of an imported article keeps its annotations)."""

    @property
    def author(self) -> str | None:
        """The authors as one line ("Ana Ruiz, Bo Chen"), or None."""
        return ", ".join(self.authors) or None

    def front_matter(self) -> dict[str, str | list[str]]:
        """The YAML front matter keys that have values, in a fixed order; ``author`` a list."""
        items: dict[str, str | list[str] | None] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "author": list(self.authors),
            "published": self.published,
            "url": self.url,
            "language": self.language,
            "kind": "article",
            "imported_from": self.source_name,
            "imported_at": self.imported_at,
        }
        return {k: v for k, v in items.items() if v}

    def to_markdown(self) -> str:
        """A Markdown file: YAML front matter between ``---`` lines, then the body."""
        front = self.front_matter()
        # libyaml's emitter (C) writes the same YAML as PyYAML's for printable text in the
        # Basic Multilingual Plane; beyond it (emoji) it writes escapes, so PyYAML's is used.
        texts = [t for v in front.values() for t in ([v] if isinstance(v, str) else v)]
        plain = all(t.isprintable() and max(t) < "\U00010000" for t in texts)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if plain else yaml.SafeDumper
        meta = yaml.dump(front, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{meta}---\n\n{self.body.strip()}\n"

    @property
    def slug(self) -> str:
        """A file-name stem made from the title (ASCII, lower case, hyphens)."""
        return slugify(self.title) or slugify(Path(self.source_name).stem) or "article"


# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
#: Labels that browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}


def decode_page(data: bytes, charset: str | None = None) -> Decoded:
    """Decode page bytes: BOM, then the charset of the HTTP ``Content-Type`` (``charset``),
    then the page's meta charset, then strict UTF-8, then detection (the HTML standard's
    order)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_fail(data)
    declared = _charset_label(charset, in_page=False) if charset else None
    declared = declared or _declared_charset(data[:4096])
    if declared:
        try:
            return Decoded(data.decode(declared), declared, False)
        except UnicodeDecodeError:
            if declared != "utf-8":
                return Decoded(data.decode(declared, errors="replace"), declared, False)
    decoded = _decode_or_fail(data)
    if decoded.guessed and decoded.encoding.replace("-", "_") in _LATIN_GUESSES:
        # Detection often confuses the Latin code pages on short text; unless the page says
        # it is in a Central European language, windows-1252 is by far the likeliest.
        lang = _LANG_ATTR.search(data[:4096])
        if not (lang and lang.group(1).decode("ascii").lower() in _CENTRAL_EUROPEAN):
            return Decoded(data.decode("cp1252", errors="replace"), "cp1252", True)
    return decoded


_LATIN_GUESSES = {"cp1250", "cp1252", "iso8859_2", "latin_1", "iso8859_1", "iso8859_15", "cp1257"}
_CENTRAL_EUROPEAN = {"pl", "cs", "sk", "hu", "sl", "hr", "ro", "sq", "bs", "sr", "lt", "lv", "et"}
_LANG_ATTR = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    return _charset_label(match.group(1).decode("ascii", "replace"))


def _charset_label(label: str, *, in_page: bool = True) -> str | None:
    """The codec for a charset label, or None for an unknown label or a non-text codec.
    ``in_page``: declared in the page itself (then UTF-16/32 cannot be right)."""
    import codecs

    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # hex, base64, rot13, zlib... are codecs too, but not text encodings: ignored, and the
    # page is decoded as if it declared nothing (then "encoding guessed" unless UTF-8).
    if not getattr(info, "_is_text_encoding", True):
        return None
    name = info.name
    if in_page and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that can declare it in ASCII is not UTF-16 (WHATWG)
    return name


def _decode_or_fail(data: bytes) -> Decoded:
    try:
        return decode_bytes(data)
    except BinaryContent as exc:
        raise PageImportError("not an HTML page (binary data)") from exc


# ------------------------------------------------------------------------ import

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# Numeric references to C0 controls and DEL become the character, so clean_text removes the
# whole escape sequence they start (``&#27;[2J``), not just the ESC.
_CONTROL_REF = re.compile(r"&#(?:0*(\d{1,3})|[xX]0*([0-9a-fA-F]{1,2}));")


def _control_ref(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if code < 0x20 and code not in (9, 10, 13) or code == 0x7F:
        return chr(code)
    return match.group(0)


def import_html(
    data: bytes,
    source_name: str,
    *,
    now: _dt.datetime | None = None,
    charset: str | None = None,
) -> ImportedPage:
    """Extract the article of an HTML page. Raises :class:`PageImportError`, never crashes.

    ``charset``: the one the HTTP headers declared, for a fetched page.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise PageImportError(
            f"page too large ({len(data) / 1e6:.1f} MB, limit {MAX_PAGE_BYTES // 2**20} MB)"
        )
    if not data.strip():
        raise PageImportError("empty page")
    decoded = decode_page(data, charset)
    html = _XML_DECL.sub("", decoded.text, count=1)
    html = clean_text(_CONTROL_REF.sub(_control_ref, html))
    try:
        # One parse, by trafilatura's own loader: metadata is read from the tree, trafilatura
        # extracts the main text from its own copy, then the page's lines are read (and the
        # tree altered on the way: it is not used after).
        tree = _parse(html)
        meta = _page_metadata(tree)
        body = _extract_main_text(tree)
        if body is None or len(body.split()) < MIN_WORDS:
            raise PageImportError("no article text found on the page")
        debris = _debris(_page_lines(tree), body)
    except PageImportError:
        raise
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError) as exc:
        raise PageImportError(f"could not read the HTML ({type(exc).__name__})") from exc
    title = meta.get("title") or _first_heading(body) or Path(source_name).stem
    stamp = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC).replace(microsecond=0)
    return ImportedPage(
        source_name=clean_line(source_name),
        title=clean_line(title)[:MAX_META_CHARS],
        body=body,
        debris=debris,
        authors=tuple(meta.get("authors") or ()),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        url=meta.get("url"),
        language=meta.get("language"),
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
        imported_at=stamp.isoformat().replace("+00:00", "Z"),
    )


def _parse(html: str) -> Any:
    import lxml.etree
    from trafilatura import load_html

    try:
        tree = load_html(html)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError) as exc:
        raise PageImportError(f"could not parse the HTML ({exc})") from exc
    if tree is None:
        raise PageImportError("could not parse the HTML")
    return tree


def _extract_main_text(tree: Any) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
    )
    main = getattr(doc, "body", None)
    if main is None:
        return None
    blocks = list(_render_blocks(main))
    text = "\n\n".join(b for b in blocks if b)
    return clean_text(text).strip() or None


_SPACES = re.compile(r"[ \t\u00a0]+")


def _inline_text(elem: Any) -> str:
    """Text of an element, ``<lb/>`` as a line break, spaces collapsed."""
    if not len(elem):  # no child element: most paragraphs
        text = elem.text or ""
        if "\n" not in text:
            return _SPACES.sub(" ", text).strip()
    parts: list[str] = []

    def walk(e: Any) -> None:
        if e.tag == "lb":
            parts.append("\n")
        elif e.tag == "list":
            return  # nested lists are rendered as their own lines
        elif e.text:
            parts.append(e.text)
        if e.tag not in ("lb", "list"):
            for child in e:
                walk(child)
        if e.tail and e is not elem:
            parts.append(e.tail)

    walk(elem)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _render_blocks(body: Any) -> Iterator[str]:
    for elem in body:
        tag = elem.tag
        if tag == "head":
            rend = str(elem.get("rend") or "h2")
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            text = " ".join(_inline_text(elem).split())
            if text:
                yield f"{'#' * max(1, min(level, 6))} {text}"
        elif tag == "list":
            yield "\n".join(_list_lines(elem, 0))
        elif tag == "table":
            rows = []
            for row in elem.iter("row"):
                cells = [" ".join(_inline_text(c).split()) for c in row if c.tag == "cell"]
                if any(cells):
                    rows.append(" | ".join(cells))
            yield "\n".join(rows)
        elif tag in ("graphic", "ref"):
            continue
        else:  # p, quote, code, div and anything trafilatura may add
            yield _inline_text(elem)
            for nested in elem.findall("list"):
                yield "\n".join(_list_lines(nested, 0))


def _list_lines(lst: Any, depth: int) -> Iterator[str]:
    for item in lst:
        if item.tag != "item":
            continue
        text = " ".join(_inline_text(item).split())
        if text:
            yield f"{'  ' * depth}- {text}"
        for nested in item.findall("list"):
            yield from _list_lines(nested, depth + 1)


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
    return None


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


# ------------------------------------------------------------------------ debris

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul "
    "option select button label".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe"))


def _page_lines(tree: Any) -> list[str]:
    """The page's visible text, one line per block element (scripts, styles... left out).

    Alters ``tree``: a line break is put before and after each block element (its text and
    tail), elements that show nothing are removed (their tail kept), then lxml serialises the
    text at C speed.
    """
    import lxml.etree

    root = tree.find("body")
    if root is None:
        root = tree
    lxml.etree.strip_elements(root, *_SKIP_TAGS, lxml.etree.Comment, lxml.etree.PI, with_tail=False)
    for e in root.iter(*_BLOCK_TAGS):
        e.text = "\n" + e.text if e.text else "\n"
        e.tail = "\n" + e.tail if e.tail else "\n"
    if root.tag in _SKIP_TAGS:
        return []
    text = lxml.etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    return [" ".join(line.split()) for line in text.split("\n")]


def _debris(page_lines: list[str], body: str) -> str:
    """Page text lines that are not part of the main text, in page order."""
    main_lines = {" ".join(line.lstrip("#- ").split()) for line in body.splitlines()}
    main_flat = " ".join(body.split())
    budget = 200_000_000  # characters of substring search allowed
    out: list[str] = []
    size = 0
    for line in page_lines:
        if not line or line in main_lines:
            continue
        if budget > 0 and len(line) < 2000:
            budget -= len(main_flat)
            if line in main_flat:
                continue
        if out and out[-1] == line:
            continue
        out.append(line)
        size += len(line) + 1
        if size > MAX_DEBRIS_CHARS:
            break
    return clean_text("\n".join(out))


#: What page debris is, line by line, for the one-line import report: the first kind whose
#: pattern a line matches (case-insensitive), else a short line is a menu item, else "other
#: text". Error classes this names (issue 16: the report said nothing of where debris went):
#: navigation, share and print buttons, sign-up and log-in prompts, cookie notices, comments,
#: ads, related-article lists, copyright footers, the title and byline repeated.
DEBRIS_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share buttons",
        re.compile(
            r"\b(share|tweet|facebook|linkedin|pinterest|whatsapp|email (a|this)|print this|"
            r"download pdf)\b",
            re.I,
        ),
    ),
    ("cookie notices", re.compile(r"\b(cookies?|consent)\b", re.I)),
    (
        "sign-up and log-in prompts",
        re.compile(r"\b(subscribe|newsletter|sign (in|up)|log ?(in|out)|register|account)\b", re.I),
    ),
    ("comments", re.compile(r"\b(comments?|commenting|reply|replies)\b", re.I)),
    ("ads", re.compile(r"\b(sponsored|advertisement|advert|promoted|shop|order now|buy)\b", re.I)),
    (
        "related links",
        re.compile(
            r"\b(you may also like|most read|recent posts|related|recommended|read more|"
            r"popular)\b",
            re.I,
        ),
    ),
    (
        "copyright lines",
        re.compile(r"©|\(c\)|\ball rights reserved\b|\bimpressum\b|\bdatenschutz\b", re.I),
    ),
    (
        "title and byline",
        re.compile(r"^(by|posted (on|in)|published|updated|von)\b|\b\d{4}\b.*\bby\b", re.I),
    ),
)
#: A debris line of at most this many words, matching no kind above, is counted as a menu.
MENU_WORDS = 4


def debris_kinds(debris: str, title: str = "") -> list[tuple[str, int]]:
    """The kinds of text in ``debris`` (one block a line), most lines first: ``[("menus",
    5), ("share buttons", 2)]``. "Other text" comes last. The page's title repeated counts with the byline."""
    counts: dict[str, int] = {}
    folded_title = " ".join(title.split()).casefold()
    for line in debris.splitlines():
        line = line.strip()
        if not line:
            continue
        kind = next((name for name, pattern in DEBRIS_KINDS if pattern.search(line)), None)
        if kind is None and folded_title and " ".join(line.split()).casefold() == folded_title:
            kind = "title and byline"
        if kind is None:
            words = len(line.split())
            separated = re.search(r"\s[|·•/]\s", line) is not None
            kind = "menus" if words <= MENU_WORDS or separated else "other text"
        counts[kind] = counts.get(kind, 0) + 1
    return sorted(counts.items(), key=lambda kv: (kv[0] == "other text", -kv[1], kv[0]))


def import_summary(page: ImportedPage, written: Path | None) -> str:
    """What the import kept and where the rest went, for its report line: ``kept 12
    paragraphs; 5 lines of page debris (menus, share buttons) in x.debris.txt``."""
    paragraphs = sum(1 for block in page.body.split("\n\n") if block.strip())
    kept = f"kept {paragraphs} paragraph{'' if paragraphs == 1 else 's'}"
    lines = [line for line in page.debris.splitlines() if line.strip()]
    if not lines:
        return f"{kept}, no page debris"
    found = debris_kinds(page.debris, page.title)
    kinds = [name for name, _ in found if name != "other text"][:3] or ["other text"]
    where = f" in {debris_path(written).name}" if written is not None else ""
    count = len(lines)
    return (
        f"{kept}; {count} line{'' if count == 1 else 's'} of page debris "
        f"({', '.join(kinds)}) set aside{where}"
    )


# ------------------------------------------------------------------------ writing


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII, lower-case, hyphen-separated; cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug


def debris_path(md_path: Path) -> Path:
    """The sidecar that holds a page's debris: ``<name>.debris.txt`` beside ``<name>.md``."""
    return md_path.with_name(md_path.stem + ".debris.txt")


def write_import(
    page: ImportedPage, into_dir: Path, *, replace: Path | None = None, sync_folder: bool = True
) -> Path:
    """Write ``<slug>.md`` (and its debris sidecar) into ``into_dir``; return the .md path.

    Never overwrites a file: a taken name gets ``-2``, ``-3``... With ``replace=`` (an existing
    article the page is a newer copy of) that file is replaced atomically instead.
    ``sync_folder=False``: the caller fsyncs the folder once after a batch.
    """
    into_dir = Path(into_dir)
    into_dir.mkdir(parents=True, exist_ok=True)
    text = page.to_markdown()
    if replace is not None:
        write_text_atomic(replace, text, overwrite=True, sync_folder=sync_folder)
        sidecar = debris_path(replace)
        if page.debris:
            write_text_atomic(sidecar, page.debris + "\n", overwrite=True, sync_folder=sync_folder)
        elif sidecar.is_file() and not sidecar.is_symlink():
            sidecar.unlink()
        return replace
    for name in _candidate_names(page.slug):
        target = into_dir / f"{name}.md"
        sidecar = debris_path(target)
        if os.path.lexists(target) or os.path.lexists(sidecar):
            continue
        try:
            write_text_atomic(target, text, overwrite=False, sync_folder=sync_folder)
        except FileExistsError:
            continue
        if page.debris:
            try:
                write_text_atomic(
                    sidecar, page.debris + "\n", overwrite=False, sync_folder=sync_folder
                )
            except FileExistsError:
                pass  # lost a race for the sidecar name: the article matters, debris does not
        return target
    raise PageImportError("no free file name")  # pragma: no cover - 10,000 names taken


def _candidate_names(slug: str) -> Iterable[str]:
    yield slug
    for n in range(2, 10_000):
        yield f"{slug}-{n}"


# --------------------------------------------------------------------- duplicates

_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "_ga")


def normalise_url(url: str | None) -> str | None:
    """A comparable form: no scheme, no ``www.``, no trailing slash, fragment or utm params."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PARAMS)
    )
    path = re.sub(r"/+$", "", parts.path) or ""
    path = re.sub(r"/index\.html?$", "", path)
    return urlunsplit(("", host, path, urlencode(query), "")).lstrip("/")


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """An existing article the imported page is a copy of."""

    article_id: str
    reason: str
    """``"same URL"`` or ``"near-identical text"``."""
    score: float
    """1.0 for the same URL; the share of shared word 5-grams for text."""


#: Share of shared word 5-grams from which two texts are "near-identical".
TEXT_DUPLICATE_THRESHOLD = 0.85
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 5) -> set[int]:
    """Hashes of the text's overlapping k-word sequences (case and punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {hash(tuple(words))} if words else set()
    return {hash(gram) for gram in zip(*(words[i:] for i in range(k)), strict=False)}


def text_similarity(a: AbstractSet[int], b: AbstractSet[int]) -> float:
    """Containment of the smaller shingle set in the larger, if their sizes are comparable."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) < 0.5 * len(large):
        return len(a & b) / len(a | b)  # very different lengths: plain Jaccard
    return len(small & large) / len(small)


#: MinHash size and LSH banding: 64 bands of 2 rows. Two texts become candidates with
#: probability 1 - (1 - J**2)**64 (J their Jaccard similarity): > 0.9999 from J = 0.35, the
#: lowest Jaccard at which :func:`text_similarity` can reach the threshold (containment 0.85
#: of a text half the size of the other); 0.47 at J = 0.1, and next to nothing for unrelated
#: articles (J < 0.02). Candidates are then scored exactly, so the index only saves work.
_NUM_PERM = 128
#: The lowest Jaccard similarity of two texts that :func:`text_similarity` can call duplicates:
#: containment 0.85 of a text half the size of the other (0.85 * 0.5 / (1 + 0.5 - 0.425)).
_MIN_DUPLICATE_JACCARD = 0.395
_NUM_BANDS = 64
_MINHASH_SEED = 14


class DuplicateIndex:
    """Articles indexed for the duplicate check: each new page costs about the same however
    many articles are indexed (no pairwise comparison with every article).

    URLs go in a dict (normalised form). Texts go in a MinHash LSH index (``rensa``) of their
    word 5-grams; only the candidates it returns are scored with :func:`text_similarity`.

    rensa (Rust, no dependencies) rather than datasketch, measured on 1,000 page bodies with
    their shingles made: MinHash + LSH insert and query 0.09 s against 3.0 s, and the import
    1.5 ms against 0.87 s (datasketch brings numpy and scipy), which alone would have cost a
    50-page import more than trafilatura's own time.
    """

    def __init__(self) -> None:
        import rensa

        self._rensa = rensa
        self._by_url: dict[str, str] = {}
        self._lsh = rensa.RMinHashLSH(0.35, _NUM_PERM, _NUM_BANDS)
        self._ids: list[str] = []
        self._shingles: list[AbstractSet[int]] = []
        self._sketches: list[Any] = []
        self._last: tuple[str, AbstractSet[int], Any] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def _sketch(self, body: str) -> tuple[AbstractSet[int], Any]:
        """The text's shingles and their MinHash (shingle hashes fed as 8-byte tokens).

        The last one is kept: a page is looked up, then added, with the same text.
        """
        if self._last is not None and self._last[0] is body:
            return self._last[1], self._last[2]
        grams = shingles(body)  # kept as is, never changed
        mh = self._rensa.RMinHash(_NUM_PERM, _MINHASH_SEED)
        mh.update([g.to_bytes(8, "little", signed=True) for g in grams])
        self._last = (body, grams, mh)
        return grams, mh

    def add(self, article_id: str, url: str | None, body: str) -> None:
        """Index an article (for a URL indexed twice, the first article is kept)."""
        key = normalise_url(url)
        if key:
            self._by_url.setdefault(key, article_id)
        if not body:
            return
        grams, mh = self._sketch(body)
        if not grams:
            return
        self._lsh.insert(len(self._ids), mh)
        self._ids.append(article_id)
        self._shingles.append(grams)
        self._sketches.append(mh)

    def find(self, url: str | None, body: str) -> DuplicateMatch | None:
        """The indexed article that a page with this URL and text duplicates, if any.

        The same URL wins at once; otherwise the most similar text at or above
        :data:`TEXT_DUPLICATE_THRESHOLD` (the earliest indexed among equals).
        """
        key = normalise_url(url)
        if key and key in self._by_url:
            return DuplicateMatch(self._by_url[key], "same URL", 1.0)
        if not body or not self._ids:
            return None
        grams, mh = self._sketch(body)
        if not grams:
            return None
        best: DuplicateMatch | None = None
        for n in sorted(self._lsh.query(mh)):
            other = self._shingles[n]
            # Cheap refusals before the exact score (texts written from a shared pool of
            # sentences are all LSH candidates of each other): a pair can only reach the
            # threshold with sizes within 2:1, and then its Jaccard is >= 0.39
            # (:data:`_MIN_DUPLICATE_JACCARD`), which the MinHash estimate misses by more
            # than 0.19 with odds of about 1 in 100,000 (128 permutations).
            if min(len(grams), len(other)) < 0.5 * max(len(grams), len(other)):
                continue
            if mh.jaccard(self._sketches[n]) < _MIN_DUPLICATE_JACCARD - 0.19:
                continue
            score = text_similarity(grams, other)
            if score >= TEXT_DUPLICATE_THRESHOLD and (best is None or score > best.score):
                best = DuplicateMatch(self._ids[n], "near-identical text", round(score, 3))
        return best


def find_duplicate(
    page: ImportedPage, existing: Iterable[tuple[str, str | None, str]]
) -> DuplicateMatch | None:
    """The existing article ``(article_id, url, body)`` that ``page`` duplicates, if any.

    The same canonical URL wins at once; otherwise the most similar text above
    :data:`TEXT_DUPLICATE_THRESHOLD`. Compares with every article (the reference the index is
    tested against); for many pages, use one :class:`DuplicateIndex`.
    """
    page_url = normalise_url(page.url)
    page_shingles = shingles(page.body)
    best: DuplicateMatch | None = None
    for article_id, url, body in existing:
        if page_url and normalise_url(url) == page_url:
            return DuplicateMatch(article_id, "same URL", 1.0)
        if not body:
            continue
        score = text_similarity(page_shingles, shingles(body))
        if score >= TEXT_DUPLICATE_THRESHOLD and (best is None or score > best.score):
            best = DuplicateMatch(article_id, "near-identical text", round(score, 3))
    return best
