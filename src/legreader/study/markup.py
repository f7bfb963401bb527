"""Abstracts written in markup, made sections: Crossref's JATS (``<jats:sec>``,
``<jats:title>``, ``<jats:p>``) and Europe PMC's HTML (``<h4>Background</h4>text…``).

Inline markup (italics, sub/superscripts, links) keeps its text; a heading "Abstract"
(Crossref often starts with it) is dropped. Parsed with lxml's recovering parsers, entities
not resolved and nothing fetched. No Textual import.
"""

from __future__ import annotations

import re
from typing import Any

from legreader.study.record import Section

_NS = re.compile(r"<(/?)[A-Za-z][\w.-]*:")
_WS = re.compile(r"\s+")


def _text(elem: Any) -> str:
    return _WS.sub(" ", "".join(elem.itertext())).strip()


def _is_abstract_heading(text: str) -> bool:
    return text.rstrip(":. ").casefold() in ("abstract", "summary")


def sections_from_jats(markup: str) -> tuple[Section, ...]:
    """Sections of a JATS abstract (Crossref's ``abstract`` field)."""
    import lxml.etree as etree

    # Namespace prefixes (jats:, mml:) dropped: the fragment declares none of them.
    xml = "<abstract>" + _NS.sub(r"<\1", markup) + "</abstract>"
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return _plain(markup)
    sections: list[Section] = []
    loose: list[str] = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "sec":
            if loose:
                sections.append(Section("", tuple(loose)))
                loose = []
            title = child.find("title")
            heading = _text(title) if title is not None else ""
            paras = [_text(p) for p in child if isinstance(p.tag, str) and p.tag.lower() != "title"]
            sections.append(Section("" if _is_abstract_heading(heading) else heading, tuple(paras)))
        elif tag == "title":
            heading = _text(child)
            if heading and not _is_abstract_heading(heading):
                if loose:
                    sections.append(Section("", tuple(loose)))
                    loose = []
                sections.append(Section(heading, ()))
        else:
            loose.append(_text(child))
    if root.text and root.text.strip():
        loose.insert(0, root.text.strip())
    if loose:
        if sections and sections[-1].heading and not sections[-1].paragraphs:
            sections[-1] = Section(sections[-1].heading, tuple(loose))
        else:
            sections.append(Section("", tuple(loose)))
    return tuple(s for s in sections if s.paragraphs)


def sections_from_html(markup: str) -> tuple[Section, ...]:
    """Sections of an HTML abstract (Europe PMC's ``abstractText``: ``<h4>`` headings)."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, TypeError):
        return _plain(markup)
    sections: list[Section] = []
    heading = ""
    paras: list[str] = []
    current: list[str] = []

    def flush_text() -> None:
        text = _WS.sub(" ", "".join(current)).strip()
        current.clear()
        if text:
            paras.append(text)

    def flush_section() -> None:
        flush_text()
        if paras:
            sections.append(Section(heading, tuple(paras)))
        paras.clear()

    if root.text:
        current.append(root.text)
    for child in root:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong") and _looks_heading(child):
            flush_section()
            text = _text(child).rstrip(":")
            heading = "" if _is_abstract_heading(text) else text
        elif tag in ("p", "div", "br"):
            flush_text()
            if tag != "br":
                current.append("".join(child.itertext()))
                flush_text()
        else:
            current.append("".join(child.itertext()) if isinstance(child.tag, str) else "")
        if child.tail:
            current.append(child.tail)
    flush_section()
    return tuple(sections)


def _looks_heading(elem: Any) -> bool:
    if elem.tag.lower().startswith("h"):
        return True
    text = _text(elem)
    return bool(text) and len(text) < 60 and text.rstrip().endswith(":")


def _plain(markup: str) -> tuple[Section, ...]:
    text = _WS.sub(" ", re.sub(r"<[^>]*>", " ", markup)).strip()
    return (Section("", (text,)),) if text else ()


def inline_text(markup: str | None) -> str:
    """A title written with inline markup (``<i>``, ``<sub>``), as plain text."""
    import html

    if not markup:
        return ""
    return _WS.sub(" ", html.unescape(re.sub(r"<[^>]{0,200}>", "", markup))).strip()
