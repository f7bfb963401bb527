"""A :class:`StudyRecord` written as the corpus's primary record (``kind: primary`` Markdown).

The front matter carries the keys the corpus, the citations and the compare engine read
(``title``, ``authors`` as a list, ``journal``, ``volume``, ``issue``, ``pages``,
``article_number``, ``published``, ``doi``, ``pmid``, ``url``, ``subjects``,
``study_type``...), in the order of the hand-written sample, then where it came from
(``source_format``, ``imported_from``, ``imported_at``). The body is the title as a ``#``
heading, then the abstract (a structured abstract keeps its headings as ``##`` sections; an
unstructured one is under ``## Abstract``), then the full text when the source had it (the
abstract then goes under ``## Abstract`` with its parts as ``###``).

Authors are written as text the citation code reads back to the same name: "Given Family"
when :class:`legreader.cite.source.Name` splits it that way, else "Family, Given"
(particles, compound family names, suffixes); a group author as its name.

The front matter is kept under the corpus's cap (:data:`legreader.corpus.loader.MAX_FRONT_MATTER_CHARS`):
a paper with hundreds of authors first has its affiliations, MeSH terms and keywords moved to
the body, then its author list cut to the first 19 and the last (what APA 7 prints), with
``authors_total`` saying how many there are.

Writing (:func:`write_primary`) is atomic (:func:`legreader.files.atomic.write_text_atomic`)
and never overwrites: a folder that already holds a primary record is refused unless
``force`` (then that file is replaced in place, and when it is the same study its article id
is kept, written as ``id`` if the new URL would give another: :func:`kept_article_id`, so
the annotations stay); the new file is ``primary.md``, else ``<slug>.md`` (``-2``, ``-3``...
when taken). No Textual import.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from legreader.study.record import (
    PersonName,
    Section,
    StudyRecord,
    normalise_doi,
    normalise_pmid,
)

#: The file name a new primary record gets when it is free.
PRIMARY_NAME = "primary.md"
#: APA 7 lists the first 19 authors and the last: what is kept of a list too long for the
#: front matter.
KEEP_FIRST_AUTHORS = 19

_INT = re.compile(r"^[1-9]\d{0,17}$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StudyWriteError(Exception):
    """The record could not be written; ``str(err)`` is one line, ``path`` the file concerned."""

    def __init__(self, what: str, path: Path | None = None) -> None:
        super().__init__(what)
        self.path = path


class PrimaryExists(StudyWriteError):
    """The folder already holds a primary record and ``force`` was not given."""


@dataclass(frozen=True, slots=True)
class WrittenRecord:
    """What :func:`write_primary` did."""

    path: Path
    replaced: bool
    """True when an existing primary record was replaced (``force``)."""


def author_text(name: PersonName) -> str:
    """The author as written in the front matter (read back by the citation code)."""
    from legreader.cite.source import Name

    if name.literal:
        return name.literal
    if not name.suffix and name.given and "," not in name.display:
        parsed = Name.parse(name.display)
        if (parsed.family, parsed.given) == (name.family, name.given):
            return name.display
    return name.inverted


def _scalar(value: str | None) -> Any:
    """Digits without a leading zero as an int, a full date as a date (how a person writes
    them in YAML, and how the sample record reads back), anything else as text."""
    if value is None:
        return None
    if _INT.match(value):
        return int(value)
    if _FULL_DATE.match(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def front_matter(
    record: StudyRecord,
    *,
    imported_at: str | None = None,
    move_to_body: bool = False,
    article_id: str | None = None,
) -> dict[str, Any]:
    """The front matter mapping (keys with values only, in the written order).

    The journal's abbreviation, ISSN, publisher, language and PubMed's publication types stay
    in the record but are not written: nothing in legreader reads them, and each source
    writes them its own way ("Front Neurosci", "Front. Neurosci."; "eng", "en").
    """
    authors = [author_text(a) for a in record.authors]
    pages = record.pages if record.pages != record.article_number else None
    items: dict[str, Any] = {
        "id": article_id,
        "kind": "primary",
        "title": record.title,
        "authors": authors or None,
        "affiliations": None if move_to_body else list(record.affiliations) or None,
        "journal": record.journal,
        "volume": _scalar(record.volume),
        "issue": _scalar(record.issue),
        "pages": _scalar(pages),
        "article_number": _scalar(record.article_number),
        "published": _scalar(record.published),
        "received": _scalar(record.received),
        "accepted": _scalar(record.accepted),
        "doi": record.doi,
        "pmid": _scalar(record.pmid),
        "pmcid": record.pmcid,
        "url": record.doi_url or record.url,
        "license": record.license,
        "subjects": record.subjects,
        "study_type": record.study_type,
        "keywords": None if move_to_body else list(record.keywords) or None,
        "mesh_terms": None if move_to_body else list(record.mesh_terms) or None,
        "source_format": record.source_format,
        "imported_from": record.source_name,
        "imported_at": imported_at,
    }
    return {k: v for k, v in items.items() if v is not None}


def _dump(mapping: dict[str, Any]) -> str:
    # PyYAML's pure emitter: it writes astral characters (emoji) as themselves, libyaml's
    # escapes them. Front matter is small, speed does not matter here.
    text: str = yaml.dump(
        mapping, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    return text


def _section_lines(sections: Iterable[Section], shift: int) -> list[str]:
    lines: list[str] = []
    for section in sections:
        if section.heading:
            lines += ["#" * min(6, section.level + 1 + shift) + " " + section.heading, ""]
        for para in section.paragraphs:
            if para.startswith("- ") and len(lines) >= 2 and lines[-2].startswith("- "):
                lines.pop()  # list items of one list: one line each, no blank line between
            lines += [_safe_paragraph(para), ""]
    return lines


def _safe_paragraph(text: str) -> str:
    """A paragraph that starts like Markdown structure ("# ", "---") is escaped, so it stays
    a paragraph of the body."""
    if text.startswith(("#", "---", "===")):
        return "\\" + text
    return text


def body(record: StudyRecord, *, moved: dict[str, list[str]] | None = None) -> str:
    """The Markdown body: title, abstract (headings kept), full text, moved lists."""
    lines = [f"# {record.title}", ""]
    structured = any(s.heading for s in record.abstract)
    if record.full_text:
        if record.abstract:
            lines += ["## Abstract", ""]
            lines += _section_lines(record.abstract, shift=1 if structured else 0)
        full_text = record.full_text
        if full_text and not full_text[0].heading and record.abstract:
            # Paragraphs before the first section: under a heading of their own, or they
            # would read as the end of the abstract.
            first = full_text[0]
            full_text = (Section("Main text", first.paragraphs, first.level), *full_text[1:])
        lines += _section_lines(full_text, shift=0)
    elif record.abstract:
        if not structured:
            lines += ["## Abstract", ""]
        lines += _section_lines(record.abstract, shift=0)
    else:
        lines += ["(The source gave no abstract.)", ""]
    for heading, items in (moved or {}).items():
        if items:
            lines += [f"## {heading}", ""] + [f"- {item}" for item in items] + [""]
    return "\n".join(lines).rstrip() + "\n"


def render_primary(
    record: StudyRecord, *, imported_at: str | None = None, article_id: str | None = None
) -> str:
    """The whole file: ``---`` front matter ``---``, a blank line, the body.

    ``article_id`` is written as the front matter's ``id`` (to keep the id of a record this
    one replaces). Front matter that would pass the corpus's cap is made smaller (module
    docstring).
    """
    from legreader.corpus.loader import MAX_FRONT_MATTER_CHARS

    limit = MAX_FRONT_MATTER_CHARS - 512  # room for a hand edit or two
    meta = _dump(front_matter(record, imported_at=imported_at, article_id=article_id))
    moved: dict[str, list[str]] = {}
    if len(meta) > limit:
        moved = {
            "Affiliations": list(record.affiliations),
            "Keywords": list(record.keywords),
            "MeSH terms": list(record.mesh_terms),
        }
        fm = front_matter(record, imported_at=imported_at, move_to_body=True, article_id=article_id)
        meta = _dump(fm)
        if len(meta) > limit and len(record.authors) > KEEP_FIRST_AUTHORS + 1:
            authors = list(fm["authors"])
            fm["authors"] = authors[:KEEP_FIRST_AUTHORS] + authors[-1:]
            fm = _insert_after(fm, "authors", "authors_total", len(authors))
            moved = {"Authors": authors, **moved}
            meta = _dump(fm)
        while len(meta) > limit and len(fm.get("title", "")) > 200:
            fm["title"] = fm["title"][:200].rstrip() + "…"
            meta = _dump(fm)
    return f"---\n{meta}---\n\n{body(record, moved=moved)}"


def _insert_after(mapping: dict[str, Any], key: str, new: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in mapping.items():
        out[k] = v
        if k == key:
            out[new] = value
    return out


def slug(title: str, max_len: int = 60) -> str:
    """A safe file-name stem from a title: ASCII letters and digits, hyphens, lower case."""
    from legreader.corpus.html import slugify

    return slugify(title, max_len) or "study"


def find_primary(folder: Path) -> Path | None:
    """The primary record (``kind: primary``) already in ``folder`` or below, if any.

    Only Markdown and text files are looked at (a saved page is never a primary record).
    """
    from legreader.corpus.loader import HTML_SUFFIXES, read_article_head, walk_candidates

    if not folder.is_dir():
        return None
    for path, root in walk_candidates([folder]):
        if path.suffix.lower() in HTML_SUFFIXES:
            continue
        item = read_article_head(path, root)
        if getattr(item, "kind", None) == "primary":
            return path
    return None


def write_primary(
    record: StudyRecord,
    into: Path,
    *,
    force: bool = False,
    imported_at: str | None = None,
) -> WrittenRecord:
    """Write the record into the folder ``into`` (created if missing); see the module doc.

    ``imported_at`` defaults to now (UTC, seconds). Raises :class:`PrimaryExists` when the
    folder holds a primary record and not ``force``; :class:`StudyWriteError` when ``into``
    is not a folder or no file can be written there (the reason in one line).
    """
    into = Path(into)
    if os.path.lexists(into) and not into.is_dir():
        raise StudyWriteError("not a folder", into)
    if imported_at is None:
        imported_at = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    from legreader.files.atomic import write_text_atomic

    try:
        existing = find_primary(into)
        if existing is not None:
            if not force:
                raise PrimaryExists(
                    "the folder already holds a primary record; --force replaces it", existing
                )
            kept = kept_article_id(existing, into.resolve(), record)
            text = render_primary(record, imported_at=imported_at, article_id=kept)
            write_text_atomic(existing, text, overwrite=True)
            return WrittenRecord(existing, replaced=True)
        text = render_primary(record, imported_at=imported_at)
        into.mkdir(parents=True, exist_ok=True)
        for name in _candidate_names(slug(record.title)):
            target = into / name
            if os.path.lexists(target):
                continue
            try:
                write_text_atomic(target, text, overwrite=False)
            except FileExistsError:
                continue
            return WrittenRecord(target, replaced=False)
    except StudyWriteError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        where = Path(exc.filename) if exc.filename else into
        raise StudyWriteError(f"cannot write the primary record: {reason}", where) from exc
    raise StudyWriteError("no free file name", into)  # pragma: no cover - 1,000 names taken


def kept_article_id(old_path: Path, root: Path, record: StudyRecord) -> str | None:
    """The id to write into a record that replaces the one at ``old_path``, so the study's
    annotations stay with it: the old record's id when it is the same study (same DOI or
    PMID, or the old one names neither) and the new file would otherwise get another id;
    None when the new file gets the same id anyway (same URL) or it is another study."""
    from legreader.corpus.loader import Article, article_id, read_article_head

    old = read_article_head(old_path, root)
    if not isinstance(old, Article):
        return None
    meta = old.meta
    old_doi = normalise_doi(str(meta.get("doi") or "")) or None
    old_pmid = normalise_pmid(meta.get("pmid")) if meta.get("pmid") else None
    if old_doi and record.doi and old_doi.casefold() != record.doi.casefold():
        return None
    if old_pmid and record.pmid and old_pmid != record.pmid:
        return None
    new_url = record.doi_url or record.url
    if new_url and article_id(None, new_url, "", old_path, root) == old.id:
        return None
    return str(old.id)


def _candidate_names(stem: str) -> Iterable[str]:
    yield PRIMARY_NAME
    yield f"{stem}.md"
    for n in range(2, 1000):
        yield f"{stem}-{n}.md"
