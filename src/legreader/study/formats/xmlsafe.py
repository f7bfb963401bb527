"""XML from untrusted files, parsed with lxml in a safe configuration, and its text.

Why lxml (and not the standard library's ElementTree through defusedxml): it is already
installed (trafilatura needs it), it parsed a 13 MB PubMed set of 2,000 records in 204 to
359 ms against 1,167 to 1,529 ms for ElementTree and 1,016 to 1,435 ms for defusedxml
(``benchmarks/bench_study_formats.py``, medians, three runs on a loaded 2-core machine), and
its parser can be told, per call, never to do the dangerous things, with no monkey-patching:

- ``resolve_entities=False``: no entity is expanded, internal or external. "Billion laughs"
  is refused by libxml2's amplification check (or stays one unexpanded reference);
  ``<!ENTITY x SYSTEM "file:///etc/passwd">`` is never read;
- ``no_network=True`` and ``load_dtd=False``: the DTD a PubMed or PMC file names (a URL) is
  never fetched, nothing else either;
- ``huge_tree=False``: libxml2's limits stay on (nesting 256 deep, 10 MB per text node);
- comments and processing instructions dropped.

PMC files use HTML entity names their DTD would define (``&nbsp;``, ``&ndash;``): without
the DTD those are undefined, so before parsing each such reference is replaced by its
character's number (a fixed table, :data:`html.entities.html5`: one character each, nothing
recursive). Entity references left in the tree (declared in the file itself) are dropped
from the text.

No Textual import.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable, Iterable

from lxml import etree

from legreader.study.formats._common import FormatError

_PREDEFINED = {"lt", "gt", "amp", "quot", "apos"}
_NAMED_REF = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")


def _numeric(match: re.Match[bytes]) -> bytes:
    name = match.group(1).decode("ascii")
    if name in _PREDEFINED:
        return match.group(0)
    char = html.entities.html5.get(name + ";")
    if char is None or len(char) != 1:
        return match.group(0)
    return f"&#{ord(char)};".encode("ascii")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def parse_xml(data: bytes | str) -> etree._Element:
    """The root element of an XML document; raises :class:`FormatError` (one line)."""
    if isinstance(data, str):
        # lxml refuses a str with an encoding declaration: hand it UTF-8 bytes instead.
        data = re.sub(r"^\s*<\?xml[^>]*\?>", "", data, count=1).encode("utf-8")
    data = _NAMED_REF.sub(_numeric, data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"not well-formed XML ({exc})") from None
    except (ValueError, MemoryError) as exc:
        raise FormatError(f"XML could not be read ({type(exc).__name__})") from None
    if root is None:
        raise FormatError("empty XML document")
    return root


def local(el: etree._Element) -> str:
    """The element's name without its namespace ("" for an entity or comment node)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _any_ns(names: tuple[str, ...]) -> list[str]:
    return [f"{{*}}{name}" for name in names]


def children(el: etree._Element | None, *names: str) -> list[etree._Element]:
    """Child elements with one of these local names (any namespace, or none)."""
    if el is None:
        return []
    return list(el.iterchildren(*_any_ns(names)))


def child(el: etree._Element | None, *path: str) -> etree._Element | None:
    """The first element down a path of local names, or None."""
    for name in path:
        if el is None:
            return None
        el = next(el.iterchildren(f"{{*}}{name}"), None)
    return el


def descendants(el: etree._Element, *names: str) -> Iterable[etree._Element]:
    """Every element below ``el`` with one of these local names, in document order."""
    for node in el.iter(*_any_ns(names)):
        if node is not el:
            yield node


def text_of(
    el: etree._Element | None,
    skip: Callable[[etree._Element], bool] | None = None,
) -> str:
    """The element's text, children's text included (in order), whitespace folded.

    ``skip(child)`` True leaves a child's text out (its tail is kept). Entity references
    that survived parsing are dropped.
    """
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, parts, skip)
    return " ".join("".join(parts).split())


def _collect(
    el: etree._Element, parts: list[str], skip: Callable[[etree._Element], bool] | None
) -> None:
    # Iterative, so a deep (but within libxml2's 256 levels) tree costs no recursion.
    stack: list[tuple[etree._Element, bool]] = [(el, True)]
    while stack:
        node, is_root = stack.pop()
        if isinstance(node, str):  # a tail pushed for later
            parts.append(node)
            continue
        if not is_root and node.tail:
            stack.append((node.tail, False))
        if not isinstance(node.tag, str):
            continue  # entity, comment: no text of its own
        if not is_root and skip is not None and skip(node):
            continue
        if node.text:
            parts.append(node.text)
        stack.extend((c, False) for c in reversed(list(node)))
