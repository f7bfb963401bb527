"""JATS XML (PubMed Central full text, publishers' XML): one ``<article>`` or many.

Read: title, contributors (``<name>`` or ``<collab>``, ORCID from ``<contrib-id>``,
affiliations through ``<xref ref-type="aff">`` or inside the ``<contrib>``; an ``<aff>`` no
author points to belongs to all authors when none points to any, else it is kept apart),
journal title, volume, issue, pages, ``elocation-id`` (the article number), publication dates
(``pub-type`` epub/ppub/collection, or JATS 1.1+ ``publication-format``), history dates, DOI,
PMID, PMCID, licence, keywords, the abstract (sections kept; graphical abstracts and teasers
skipped) and the body: sections and sub-sections with their titles, paragraphs, list items.
Figures, tables, formulas, footnotes and the reference list are left out of the text.

:func:`sections_from_fragment` also reads the JATS abstracts Crossref returns
(``<jats:p>``, ``<jats:sec>``): the online look-up uses it. No Textual import.
"""

from __future__ import annotations

from lxml import etree

from legreader.study.dates import iso_date
from legreader.study.formats._common import (
    MAX_RECORDS,
    FormatError,
    capped,
    clean_affiliation,
    heading_case,
    license_name,
)
from legreader.study.formats.xmlsafe import child, children, descendants, local, parse_xml, text_of
from legreader.study.record import PersonName, Section, StudyRecord

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Elements whose text is not part of the running text.
_FLOATS = frozenset(
    {
        "fig",
        "fig-group",
        "table-wrap",
        "table-wrap-group",
        "disp-formula",
        "disp-formula-group",
        "supplementary-material",
        "graphic",
        "media",
        "alternatives",
        "fn",
        "fn-group",
        "ref-list",
        "object-id",
        "label",
    }
)
#: Inside a paragraph, these are left out too (a list is written as its own items).
_SKIP_IN_PARAGRAPH = _FLOATS | {"list"}
_SECTION_DEPTH = 4


def parse_jats(data: bytes | str, source_name: str | None = None) -> list[StudyRecord]:
    """Every ``<article>`` in the document (the root, or below a wrapper such as PMC's
    ``<pmc-articleset>``). Raises FormatError when there is none or the XML is broken."""
    root = parse_xml(data)
    articles = [root] if local(root) == "article" else list(descendants(root, "article"))
    if not articles:
        raise FormatError(f"no JATS <article> element (the root is <{local(root)}>)")
    return capped([_article(a, source_name) for a in articles[:MAX_RECORDS]], len(articles))


def _article(article: etree._Element, source_name: str | None) -> StudyRecord:
    front = child(article, "front")
    meta = child(front, "article-meta")
    if meta is None:
        raise FormatError("JATS article without <front>/<article-meta>")
    journal_meta = child(front, "journal-meta")
    title = text_of(child(meta, "title-group", "article-title"), _skip_notes)
    if not title:
        raise FormatError("JATS article without a title")
    ids = {
        (el.get("pub-id-type") or "").lower(): text_of(el) for el in children(meta, "article-id")
    }
    authors, unassigned = _contributors(article, meta)
    online, printed = _pub_dates(meta)
    history = {
        (d.get("date-type") or "").lower(): _date(d)
        for d in descendants(meta, "date")
        if d.get("date-type")
    }
    lic = child(meta, "permissions", "license")
    licence = None
    if lic is not None:
        href = lic.get(_XLINK_HREF) or text_of(child(lic, "license_ref")) or None
        licence = license_name(href, lic.get("license-type"))
    fpage, lpage = text_of(child(meta, "fpage")), text_of(child(meta, "lpage"))
    pages = f"{fpage}-{lpage}" if fpage and lpage and lpage != fpage else fpage or None
    abstract = _abstract(meta)
    body = child(article, "body")
    return StudyRecord(
        title=title,
        authors=authors,
        other_affiliations=unassigned,
        journal=text_of(child(journal_meta, "journal-title-group", "journal-title"))
        or text_of(child(journal_meta, "journal-title"))
        or None,
        journal_abbrev=_journal_abbrev(journal_meta),
        volume=text_of(child(meta, "volume")) or None,
        issue=text_of(child(meta, "issue")) or None,
        pages=pages,
        article_number=text_of(child(meta, "elocation-id")) or None,
        published_online=online,
        published_print=printed,
        received=history.get("received"),
        accepted=history.get("accepted"),
        doi=ids.get("doi"),
        pmid=ids.get("pmid"),
        pmcid=ids.get("pmcid") or ids.get("pmc"),
        publisher=text_of(child(journal_meta, "publisher", "publisher-name")) or None,
        issn=next((text_of(i) for i in children(journal_meta, "issn")), None)
        if journal_meta is not None
        else None,
        language=article.get("{http://www.w3.org/XML/1998/namespace}lang"),
        license=licence,
        keywords=tuple(text_of(k) for g in children(meta, "kwd-group") for k in children(g, "kwd")),
        abstract=abstract,
        full_text=_body_sections(body) if body is not None else (),
        source_format="jats",
        source_name=source_name,
    )


def _skip_notes(el: etree._Element) -> bool:
    return local(el) in ("xref", "fn") and el.get("ref-type") in ("fn", "author-notes", None)


def _journal_abbrev(journal_meta: etree._Element | None) -> str | None:
    if journal_meta is None:
        return None
    ids = {
        (j.get("journal-id-type") or ""): text_of(j) for j in children(journal_meta, "journal-id")
    }
    abbrev = text_of(child(journal_meta, "journal-title-group", "abbrev-journal-title"))
    return abbrev or ids.get("iso-abbrev") or ids.get("nlm-ta") or None


def _date(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    iso = el.get("iso-8601-date")
    if iso:
        from legreader.study.dates import parse_date

        parsed = parse_date(iso)
        if parsed:
            return parsed
    return iso_date(
        text_of(child(el, "year")), text_of(child(el, "month")) or None, text_of(child(el, "day"))
    )


def _pub_dates(meta: etree._Element) -> tuple[str | None, str | None]:
    online: str | None = None
    printed: str | None = None
    for el in children(meta, "pub-date"):
        kind = (el.get("pub-type") or el.get("date-type") or "").lower()
        fmt = (el.get("publication-format") or "").lower()
        date = _date(el)
        if not date:
            continue
        if kind in ("epub", "epub-ppub") or fmt == "electronic":
            online = online or date
        if kind in ("ppub", "epub-ppub", "collection") or fmt == "print":
            printed = printed or date
        if kind == "pub" and not fmt:
            online = online or date
    return online, printed


def _contributors(
    article: etree._Element, meta: etree._Element
) -> tuple[tuple[PersonName, ...], tuple[str, ...]]:
    affs: dict[str, str] = {}
    order: list[str] = []
    for aff in descendants(article, "aff"):
        if _in_back_or_body(aff, article):
            continue
        text = clean_affiliation(text_of(aff, _skip_aff_part))
        if not text:
            continue
        key = aff.get("id") or f"#{len(order)}"
        if key not in affs:
            affs[key] = text
            order.append(key)
    contribs = [
        c
        for group in children(meta, "contrib-group")
        for c in children(group, "contrib")
        if (c.get("contrib-type") or "author") == "author"
    ]
    people: list[PersonName] = []
    pointed: set[str] = set()
    raw: list[tuple[etree._Element, list[str]]] = []
    for contrib in contribs:
        keys: list[str] = []
        for xref in descendants(contrib, "xref"):
            if xref.get("ref-type") == "aff":
                keys += [k for k in (xref.get("rid") or "").split() if k in affs]
        inline = [clean_affiliation(text_of(a, _skip_aff_part)) for a in children(contrib, "aff")]
        pointed.update(keys)
        raw.append((contrib, [affs[k] for k in keys] + [a for a in inline if a]))
    nobody_points = not pointed and not any(own for _c, own in raw)
    everyone = tuple(affs[k] for k in order) if nobody_points else ()
    for contrib, own in raw:
        name = _name(contrib, tuple(own) or everyone)
        if name is not None:
            people.append(name)
    unassigned = () if nobody_points else tuple(affs[k] for k in order if k not in pointed)
    # An aff inside a contrib was collected above as well: only ids nobody points to are left.
    inside = {a for _c, own in raw for a in own}
    return tuple(people), tuple(a for a in unassigned if a not in inside)


def _in_back_or_body(el: etree._Element, article: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not article:
        if local(parent) in ("back", "body", "ref-list", "sub-article"):
            return True
        parent = parent.getparent()
    return False


def _skip_aff_part(el: etree._Element) -> bool:
    return local(el) in ("label", "sup") and el.getprevious() is None


def _name(contrib: etree._Element, affiliations: tuple[str, ...]) -> PersonName | None:
    orcid = next(
        (
            text_of(c)
            for c in descendants(contrib, "contrib-id")
            if (c.get("contrib-id-type") or "").lower() == "orcid"
        ),
        None,
    )
    name = child(contrib, "name")
    if name is None:
        name = child(contrib, "name-alternatives", "name")
    if name is not None:
        return PersonName(
            family=text_of(child(name, "surname")),
            given=text_of(child(name, "given-names")),
            suffix=text_of(child(name, "suffix")),
            orcid=orcid,
            affiliations=affiliations,
        )
    collab = child(contrib, "collab")
    if collab is not None:
        return PersonName(
            literal=text_of(collab, lambda e: local(e) == "contrib-group"),
            affiliations=affiliations,
        )
    string_name = child(contrib, "string-name")
    if string_name is not None:
        return PersonName.parse(text_of(string_name))
    return None


def _abstract(meta: etree._Element) -> tuple[Section, ...]:
    abstracts = children(meta, "abstract")
    plain = [
        a for a in abstracts if (a.get("abstract-type") or "") in ("", "structured", "summary")
    ]
    chosen = plain[0] if plain else (abstracts[0] if abstracts else None)
    if chosen is None:
        return ()
    return _sections(chosen, level=1)


def _body_sections(body: etree._Element) -> tuple[Section, ...]:
    return _sections(body, level=1)


def _sections(container: etree._Element, *, level: int) -> tuple[Section, ...]:
    """The container's own paragraphs (its title is not a heading: "Abstract") as a section without heading, then each ``<sec>`` (and
    its sub-sections, down to :data:`_SECTION_DEPTH` levels; deeper ones are folded in)."""
    out: list[Section] = []
    stack: list[tuple[etree._Element, int, bool]] = [(container, level, True)]
    while stack:
        el, depth, is_container = stack.pop()
        heading = "" if is_container else text_of(child(el, "title"), _skip_notes)
        if heading and heading.isupper() and len(heading) > 3:
            heading = heading_case(heading)
        paragraphs: list[str] = []
        subs: list[etree._Element] = []
        for node in el:
            name = local(node)
            if name == "sec":
                if depth < _SECTION_DEPTH:
                    subs.append(node)
                else:
                    paragraphs += _flat_paragraphs(node)
            elif name in ("p", "disp-quote", "statement", "boxed-text", "def-list"):
                paragraphs += _paragraph(node)
            elif name == "list":
                paragraphs += _list_items(node)
        if heading or paragraphs:
            out.append(Section(heading, tuple(paragraphs), depth if not is_container else level))
        stack.extend((s, depth + 1 if not is_container else depth, False) for s in reversed(subs))
    return tuple(out)


def _paragraph(p: etree._Element) -> list[str]:
    text = text_of(p, lambda e: local(e) in _SKIP_IN_PARAGRAPH)
    items = [item for lst in descendants(p, "list") for item in _list_items(lst)]
    return ([text] if text else []) + items


def _list_items(lst: etree._Element) -> list[str]:
    items = []
    for item in children(lst, "list-item"):
        text = text_of(item, lambda e: local(e) in _FLOATS or local(e) == "list")
        if text:
            items.append(f"- {text}")
    return items


def _flat_paragraphs(sec: etree._Element) -> list[str]:
    out = []
    title = text_of(child(sec, "title"))
    if title:
        out.append(title)
    for p in descendants(sec, "p"):
        text = text_of(p, lambda e: local(e) in _SKIP_IN_PARAGRAPH)
        if text:
            out.append(text)
    return out


_FRAGMENT_WRAPPER = (
    '<abstract xmlns:jats="http://www.ncbi.nlm.nih.gov/JATS1" '
    'xmlns:mml="http://www.w3.org/1998/Math/MathML" '
    'xmlns:xlink="http://www.w3.org/1999/xlink">{}</abstract>'
)


def sections_from_fragment(fragment: str) -> tuple[Section, ...]:
    """The sections of a JATS abstract given as a fragment (Crossref's ``abstract``:
    ``<jats:p>``, ``<jats:sec><jats:title>``...). Plain text (no ``<``) is one section.
    Raises FormatError when the markup is broken."""
    if "<" not in fragment:
        from legreader.study.formats._common import split_inline_abstract

        return split_inline_abstract(fragment)
    root = parse_xml(_FRAGMENT_WRAPPER.format(fragment))
    sections = _sections(root, level=1)
    # Crossref often opens with <jats:title>Abstract</jats:title>: not a heading of its own.
    return tuple(
        s for s in sections if not (s.heading.casefold() == "abstract" and not s.paragraphs)
    )
