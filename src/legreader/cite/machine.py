"""Machine-readable citations: CSL-JSON items and biblatex entries. No Textual import."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from legreader.cite.source import Name, PartialDate, SourceInfo

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))
_STOP_WORDS = {"a", "an", "the", "on", "of", "in", "and", "for", "to"}


def csl_type(src: SourceInfo) -> str:
    if src.is_journal:
        return "article-journal"
    if src.kind == "blog":
        return "post-weblog"
    return "article-newspaper" if src.outlet else "webpage"


def csl_item(
    src: SourceInfo,
    *,
    item_id: str | None = None,
    quote: str | None = None,
    accessed: str | None = None,
) -> dict[str, Any]:
    """One CSL-JSON item; the quoted passage, if any, goes in `annote`."""
    item: dict[str, Any] = {"id": item_id or src.id or citation_key(src), "type": csl_type(src)}
    if src.real_title:
        item["title"] = src.real_title
    if src.outlet:
        item["container-title"] = src.outlet
    if src.names:
        item["author"] = [_csl_name(n) for n in src.names]
    if src.issued:
        item["issued"] = {"date-parts": [src.issued.parts()]}
    stamp = PartialDate.parse(accessed)
    if stamp:
        item["accessed"] = {"date-parts": [stamp.parts()]}
    for key, value in (
        ("volume", src.volume),
        ("number", src.number),
        ("DOI", src.doi),
        ("PMID", src.pmid),
        ("URL", src.url),
    ):
        if value:
            item[key] = value
    if quote:
        item["annote"] = quote
    return item


def _csl_name(n: Name) -> dict[str, str]:
    if n.literal:
        return {"literal": n.literal}
    out = {"family": n.family, "given": n.given}
    if n.suffix:
        out["suffix"] = n.suffix
    return {k: v for k, v in out.items() if v}


def _bib_name(n: Name) -> str:
    """biblatex's 'von Last, Jr, First': 'King, Jr., Martin Luther'."""
    if n.suffix:
        return f"{n.family}, {n.suffix}, {n.given}" if n.given else f"{n.family}, {n.suffix},"
    return n.inverted


def csl_json(items: Iterable[dict[str, Any]]) -> str:
    """A CSL-JSON array, pretty-printed, UTF-8 kept."""
    return json.dumps(list(items), ensure_ascii=False, indent=2)


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters (biblatex with biber reads UTF-8 as it is)."""
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], text)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def citation_key(src: SourceInfo) -> str:
    """`smiechowski2018why`: first author, year, first significant title word."""
    words = [_ascii_word(w) for w in (src.real_title or "").split()]
    words = [w for w in words if w]
    significant = [w for w in words if w not in _STOP_WORDS] or words
    names = src.names
    head = _ascii_word(names[0].short) if names else ""
    year = str(src.issued.year) if src.issued else ""
    if head:
        key = head + year + (significant[0] if significant else "")
    elif significant:
        key = "".join(significant[:2]) + year
    else:
        key = "source" + year
    return key or "source"


def biblatex_entry(
    src: SourceInfo,
    *,
    key: str | None = None,
    quote: str | None = None,
    accessed: str | None = None,
    note: str | None = None,
) -> str:
    """A biblatex `@online` entry (`@misc` without a URL, `@article` for the primary study)."""
    fields: list[tuple[str, str]] = []
    if src.names:
        people = [("{" + n.literal + "}") if n.literal else _bib_name(n) for n in src.names]
        fields.append(
            (
                "author",
                " and ".join(
                    latex_escape(p) if not p.startswith("{") else "{" + latex_escape(p[1:-1]) + "}"
                    for p in people
                ),
            )
        )
    if src.real_title:
        fields.append(("title", latex_escape(src.real_title)))
    if src.outlet:
        fields.append(
            ("journaltitle" if src.is_journal else "organization", latex_escape(src.outlet))
        )
    if src.volume:
        fields.append(("volume", latex_escape(src.volume)))
    if src.number:
        fields.append(("eid", latex_escape(src.number)))
    if src.issued:
        fields.append(("date", src.issued.iso()))
    if src.doi:
        fields.append(("doi", _verbatim(src.doi)))
    if src.pmid:
        fields.extend([("eprint", _verbatim(src.pmid)), ("eprinttype", "pubmed")])
    if src.url:
        fields.append(("url", _verbatim(src.url)))
    stamp = PartialDate.parse(accessed)
    if stamp and src.url:
        fields.append(("urldate", stamp.iso()))
    if note:
        fields.append(("note", latex_escape(note)))
    if quote:
        fields.append(("annotation", latex_escape(quote)))
    # biblatex's @online requires a url: a page known without one is a @misc.
    entry_type = "article" if src.is_journal else ("online" if src.url else "misc")
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields).removesuffix(",\n")
    return (
        f"@{entry_type}{{{key or citation_key(src)},\n{body}\n}}"
        if body
        else (f"@{entry_type}{{{key or citation_key(src)},\n}}")
    )


def _verbatim(text: str) -> str:
    """Verbatim fields (url, doi) need only balanced braces: percent-encode them."""
    return text.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
