"""An HTML page made an article (:func:`import_html`): the main text by trafilatura, the
metadata (:mod:`.metadata`), and the rest of the page's text set aside as debris, named by
kind for the import's report (:func:`debris_kinds`).

The main text is found by trafilatura (measured against readability-lxml on our fixture pages:
see ``benchmarks/bench_import.py``). Everything that leaves this module has been through
:func:`legreader.text.clean.clean_text`. No Textual import.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from legreader.corpus.html.decode import decode_page
from legreader.corpus.html.metadata import _page_metadata
from legreader.corpus.html.page import (
    MAX_DEBRIS_CHARS,
    MAX_META_CHARS,
    MAX_PAGE_BYTES,
    MIN_WORDS,
    ImportedPage,
    PageImportError,
)
from legreader.text.clean import clean_line, clean_text

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
