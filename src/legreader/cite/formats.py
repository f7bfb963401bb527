"""Export annotations (md, json, csv, w3c, bibtex) and read the json and w3c exports back.

`export(fmt, annotations, articles_by_id, article_notes) -> str` is deterministic: the
same data gives the same bytes (order: article id, then start, then annotation id; the
Markdown report orders by article title and position, :mod:`legreader.cite.report`,
and shows the export date it is given). `read_import(text) -> ImportResult` detects the
format and sorts the rows into good ones and refused ones (with reasons); merging into the
store (by id, no duplicates) is the store's job. No Textual import.

The CSV has the JSON's columns, then the article's verdict and note, outlet, URL and file,
and the claim categories of the passage (:mod:`legreader.cite.passage_claims`). A W3C target's
``source`` is an IRI: the article's URL, else ``urn:legreader:<id>``
(:mod:`legreader.corpus.iri`), read back to the article id on import.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, get_args

from legreader.cite import SourceInfo
from legreader.cite.machine import biblatex_entry, citation_key
from legreader.cite.passage_claims import article_body, passage_categories
from legreader.cite.quote import quote_from_body
from legreader.cite.report import markdown_report
from legreader.corpus.iri import ARTICLE_PROPERTY, article_id_from_target, article_source
from legreader.corpus.loader import display_path
from legreader.store.model import W3C_CONTEXT, Annotation, ArticleNote

ExportFormat = Literal["md", "json", "csv", "w3c", "bibtex"]
"""An export format: the Markdown report, JSON, CSV, W3C Web Annotation JSON-LD, BibTeX. The one
definition: the CLI's ``--format`` choices, the palette's export commands and
:mod:`legreader.cite.transfer` all read it."""
#: The export formats, in the order the CLI and the palette list them.
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
COLUMNS: tuple[str, ...] = (
    "id",
    "article",
    "title",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "verdict",
    "tags",
    "note",
    "status",
    "text_hash",
    "detached",
    "created",
    "modified",
)
#: The CSV's columns: :data:`COLUMNS`, then facts about the article and the passage's claims.
CSV_COLUMNS: tuple[str, ...] = (
    *COLUMNS,
    "article_verdict",
    "article_note",
    "outlet",
    "url",
    "path",
    "claims",
)
JSON_FORMAT = "legreader-annotations"
_ID_NAMESPACE = uuid.UUID("8f0c8a52-54a8-4d8e-9a52-6c2f3e1b9d11")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class ImportFormatError(ValueError):
    """The text is neither a legreader JSON export nor W3C Web Annotations."""


def sort_key(ann: Annotation) -> tuple[str, int, str]:
    return (ann.article_id, ann.start, ann.id)


def export(
    fmt: ExportFormat,
    annotations: Iterable[Annotation],
    articles_by_id: Mapping[str, object],
    article_notes: Mapping[str, ArticleNote] | Iterable[ArticleNote] = (),
    *,
    study: object | None = None,
    exported_on: str | None = None,
) -> str:
    """Everything as one text in `fmt` (one of FORMATS). Raises ValueError for another.

    The Markdown report also takes ``study`` (the primary record whose citation heads it;
    default: the first article of ``articles_by_id`` of kind ``primary``) and
    ``exported_on`` (ISO date; default: today).
    """
    anns = sorted(annotations, key=sort_key)
    notes = _notes_by_article(article_notes)
    if fmt == "md":
        if study is None:
            study = next(
                (a for a in articles_by_id.values() if getattr(a, "kind", None) == "primary"),
                None,
            )
        return markdown_report(
            anns,
            articles_by_id,
            notes,
            study=study,
            exported_on=exported_on or date.today().isoformat(),
        )
    if fmt == "json":
        return _json(anns, articles_by_id, notes)
    if fmt == "csv":
        return _csv(anns, articles_by_id, notes)
    if fmt == "w3c":
        collection = w3c_collection(anns, articles_by_id)
        return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        return _bibtex(anns, articles_by_id, notes)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _notes_by_article(
    notes: Mapping[str, ArticleNote] | Iterable[ArticleNote],
) -> dict[str, ArticleNote]:
    items = notes.values() if isinstance(notes, Mapping) else notes
    return {n.article_id: n for n in items if not n.is_empty()}


def _title(articles: Mapping[str, object], article_id: str) -> str | None:
    article = articles.get(article_id)
    return getattr(article, "title", None) if article is not None else None


def _source(articles: Mapping[str, object], article_id: str) -> SourceInfo:
    article = articles.get(article_id)
    if article is None:
        return SourceInfo(title=f"Unknown article {article_id}", id=article_id)
    return SourceInfo.from_article(article)


def display_quote(ann: Annotation) -> str:
    """The passage as a quote: whitespace normalised, ellipses from its stored context."""
    context = ann.prefix + ann.exact + ann.suffix
    return quote_from_body(context, len(ann.prefix), len(ann.prefix) + len(ann.exact))


# ---------------------------------------------------------------- flat forms (json, csv)


def flat_record(ann: Annotation, articles: Mapping[str, object]) -> dict[str, Any]:
    """One annotation in the JSON/CSV column layout."""
    return {
        "id": ann.id,
        "article": ann.article_id,
        "title": _title(articles, ann.article_id),
        "exact": ann.exact,
        "prefix": ann.prefix,
        "suffix": ann.suffix,
        "start": ann.start,
        "end": ann.end,
        "verdict": ann.verdict,
        "tags": list(ann.tags),
        "note": ann.note,
        "status": ann.status,
        "text_hash": ann.text_hash,
        "detached": ann.detached,
        "created": ann.created,
        "modified": ann.modified,
    }


def _json(
    anns: list[Annotation], articles: Mapping[str, object], notes: dict[str, ArticleNote]
) -> str:
    data = {
        "format": JSON_FORMAT,
        "version": 1,
        "annotations": [flat_record(a, articles) for a in anns],
        "article_notes": [notes[k].to_dict() for k in sorted(notes)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv(
    anns: list[Annotation], articles: Mapping[str, object], notes: Mapping[str, ArticleNote]
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    bodies: dict[str, str | None] = {}
    for ann in anns:
        row = flat_record(ann, articles)
        row["tags"] = "; ".join(row["tags"])
        article = articles.get(ann.article_id)
        note = notes.get(ann.article_id)
        if ann.article_id not in bodies:
            bodies[ann.article_id] = article_body(article)
        path = getattr(article, "path", None)
        row.update(
            article_verdict=note.verdict if note is not None else None,
            article_note=note.note if note is not None else None,
            outlet=getattr(article, "outlet", None),
            url=getattr(article, "url", None),
            path=display_path(path) if path is not None else None,
            claims="; ".join(passage_categories(ann, bodies[ann.article_id])),
        )
        writer.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_CSV_FORMULA) else text


# ---------------------------------------------------------------- W3C Web Annotation


def w3c_collection(
    anns: list[Annotation], articles: Mapping[str, object] | None = None
) -> dict[str, Any]:
    """An AnnotationCollection with one embedded AnnotationPage holding every annotation.

    Each target's ``source`` is the article's IRI (:func:`legreader.corpus.iri.article_source`).
    """
    articles = articles or {}
    ids = ",".join(a.id for a in anns)
    collection_id = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'collection:' + ids)}"
    page_id = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'page:' + ids)}"
    items = []
    for ann in anns:
        item = ann.to_w3c()
        item.pop("@context", None)  # given once, on the collection
        source, with_id = article_source(ann.article_id, articles.get(ann.article_id))
        item["target"]["source"] = source
        if with_id:
            item["target"][ARTICLE_PROPERTY] = ann.article_id
        item["motivation"] = _motivation(ann)
        items.append(item)
    data: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "legreader annotations",
        "total": len(items),
    }
    if items:
        data["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
        data["last"] = page_id
    return data


def _motivation(ann: Annotation) -> str:
    if ann.verdict is not None:
        return "assessing"
    if ann.note:
        return "commenting"
    if ann.tags:
        return "tagging"
    return "highlighting"


# ---------------------------------------------------------------- BibTeX


def _bibtex(
    anns: list[Annotation], articles: Mapping[str, object], notes: dict[str, ArticleNote]
) -> str:
    by_article: dict[str, list[Annotation]] = {}
    for ann in anns:
        by_article.setdefault(ann.article_id, []).append(ann)
    used: set[str] = set()
    entries = []
    for article_id in sorted(set(by_article) | set(notes)):
        src = _source(articles, article_id)
        key = base = citation_key(src)
        suffix = 0
        while key in used:
            suffix += 1
            key = f"{base}{_letters(suffix)}"
        used.add(key)
        note = notes.get(article_id)
        note_text = None
        if note is not None:
            note_text = "; ".join(
                p
                for p in (
                    f"verdict: {note.verdict}" if note.verdict else "",
                    (note.note or "").strip(),
                )
                if p
            )
        quotes = [_bib_passage(a) for a in by_article.get(article_id, [])]
        entries.append(
            biblatex_entry(src, key=key, note=note_text, quote="\n\n".join(quotes) or None)
        )
    return "\n\n".join(entries) + ("\n" if entries else "")


def _bib_passage(ann: Annotation) -> str:
    facts = [f for f in (ann.verdict, "; ".join(ann.tags)) if f]
    text = f"“{display_quote(ann)}”"
    if facts:
        text += f" [{' | '.join(facts)}]"
    if ann.note:
        text += " " + " ".join(ann.note.split())
    return text


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


# ---------------------------------------------------------------- import


@dataclass(slots=True)
class ImportResult:
    """What an import file holds: the good rows, and why the others were refused."""

    annotations: list[Annotation] = field(default_factory=list)
    """Valid annotations; within the file the last one with a given id wins."""
    article_notes: list[ArticleNote] = field(default_factory=list)
    """Valid article notes and verdicts (JSON export only); the last per article wins."""
    refused: list[str] = field(default_factory=list)
    """One ``"row N: reason"`` (or ``"article note N: reason"``) per refused row."""
    duplicates: int = 0
    """Rows dropped because a later row of the file had the same id (or article)."""


#: Everything parsing one row of a hostile file can raise.
_ROW_ERRORS = (ValueError, TypeError, KeyError, OverflowError, RecursionError)


def read_import(text: str, urls: Mapping[str, str] | None = None) -> ImportResult:
    """The annotations (and article notes) of a legreader JSON export or W3C JSON-LD.

    A W3C target's ``source`` is read back to an article id by
    :func:`legreader.corpus.iri.article_id_from_target`; ``urls`` (from
    :func:`legreader.corpus.iri.urls_to_ids` over the corpus) maps a URL to its article.

    Accepts the JSON export, an AnnotationCollection (embedded pages), an AnnotationPage,
    one Annotation, or a list of annotations of either kind. A bad row (wrong types, a
    position that is not a whole number from 0 to ``MAX_OFFSET``, start after end) is
    refused with its reason; the others are kept. Raises ImportFormatError only when the
    file as a whole is unusable (not JSON, nested too deeply, neither format).
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ImportFormatError("not JSON: nested too deeply to read") from None
    except (ValueError, TypeError) as exc:
        raise ImportFormatError(f"not JSON: {exc}") from exc
    result = ImportResult()
    found: dict[str, Annotation] = {}
    for n, item in enumerate(_raw_items(data), 1):
        try:
            ann = _one(item, urls)
        except _ROW_ERRORS as exc:
            result.refused.append(f"row {n}: {_reason(exc)}")
            continue
        if found.pop(ann.id, None) is not None:
            result.duplicates += 1
        found[ann.id] = ann
    notes: dict[str, ArticleNote] = {}
    raw_notes = data.get("article_notes") if isinstance(data, Mapping) else None
    for n, item in enumerate(raw_notes if isinstance(raw_notes, list) else [], 1):
        try:
            if not isinstance(item, Mapping):
                raise ValueError("not a JSON object")
            note = ArticleNote.from_dict(item)
        except _ROW_ERRORS as exc:
            result.refused.append(f"article note {n}: {_reason(exc)}")
            continue
        if notes.pop(note.article_id, None) is not None:
            result.duplicates += 1
        notes[note.article_id] = note
    result.annotations = list(found.values())
    result.article_notes = list(notes.values())
    return result


def parse_import(text: str) -> list[Annotation]:
    """The annotations of :func:`read_import`, all or nothing: the first refused row raises
    ImportFormatError naming it."""
    result = read_import(text)
    if result.refused:
        raise ImportFormatError(result.refused[0])
    return result.annotations


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _types(data: Mapping[str, Any]) -> set[str]:
    kind = data.get("type", data.get("@type"))
    return set(kind) if isinstance(kind, list) else {str(kind)}


def _raw_items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, Mapping):
        raise ImportFormatError("expected a JSON object or list")
    if isinstance(data.get("annotations"), list):
        return list(data["annotations"])
    kinds = _types(data)
    if "AnnotationCollection" in kinds:
        items: list[Any] = []
        page = data.get("first")
        if page is None and isinstance(data.get("items"), list):
            return list(data["items"])
        while isinstance(page, Mapping):
            items.extend(_item_list(page.get("items")))
            page = page.get("next")
        if isinstance(page, str):
            raise ImportFormatError(
                "the collection links to pages elsewhere; only embedded pages can be imported"
            )
        return items
    if "AnnotationPage" in kinds:
        return _item_list(data.get("items"))
    if "Annotation" in kinds:
        return [data]
    raise ImportFormatError("neither a legreader JSON export nor W3C Web Annotations")


def _item_list(items: Any) -> list[Any]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise ImportFormatError(f"a page's items are a JSON {type(items).__name__}, not a list")
    return items


def _one(item: Any, urls: Mapping[str, str] | None = None) -> Annotation:
    if not isinstance(item, Mapping):
        raise ValueError("not a JSON object")
    if "target" in item:
        ann = Annotation.from_w3c(item)
        target = item["target"]
        if isinstance(target, list):
            target = target[0]
        article_id = article_id_from_target(target, urls)
        if not article_id.strip():
            raise ValueError("the target source names no article")
        if article_id != ann.article_id:
            ann = replace(ann, article_id=article_id)
        return ann
    flat = dict(item)
    if "article_id" not in flat and "article" in flat:
        flat["article_id"] = flat["article"]
    if isinstance(flat.get("tags"), str):
        flat["tags"] = [t for t in (p.strip() for p in flat["tags"].split(";")) if t]
    return Annotation.from_dict(flat)
