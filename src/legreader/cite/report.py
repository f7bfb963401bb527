"""The Markdown report: what a checker hands over (``legreader export --format md``).

Layout: a header with the study's citation (APA, from the corpus's ``kind: primary`` record)
and the export date; a table of the articles with their verdicts and passage counts; then,
per article, its passages as cited quotes with their tags and notes. Articles are ordered by
title (annotations of ids no article has come last, by id), passages by their position in
the text (then id), so the report reads like the articles, whatever order they were marked in.

Untrusted text (titles, quotes, tags, notes) is escaped so it can never change the report's
structure: Markdown's inline marks are backslash-escaped, a line never starts a heading, list,
quote, fence or code block, and a note's line breaks stay inside its paragraph. Quotation
marks are left exactly as the article has them. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from legreader.cite import QuoteStyle, SourceInfo, cite_quote, format_reference
from legreader.cite.quote import quote_from_body
from legreader.store.model import SEVERITY_ORDER, Annotation, ArticleNote

TITLE = "# legreader report"
#: Characters escaped wherever they are: they start inline Markdown (emphasis, code, links,
#: HTML, entities, strikethrough, tables) or headings. Quotation marks are not among them.
_INLINE = frozenset("\\`*_[]<>#|~&")
#: What would start a block (list item, setext underline, ordered list) at a line's start.
_BLOCK_START = re.compile(r"([-+=])|(\d{1,9})([.)])")
_STATUS_NOTES = {
    "orphaned": " (the passage no longer matches the text exactly)",
    "changed": " (the passage was edited since this verdict: the quote is the old text)",
}


def md_line(text: str) -> str:
    """One line of untrusted text, safe anywhere a line of Markdown text can go."""
    text = " ".join(text.split())
    out = "".join("\\" + ch if ch in _INLINE else ch for ch in text)
    match = _BLOCK_START.match(out)
    if match is None:
        return out
    if match.group(1):
        return "\\" + out
    return f"{match.group(2)}\\{out[match.end(2) :]}"


def md_paragraphs(text: str) -> list[str]:
    """Untrusted multi-line text as Markdown paragraphs; its line breaks kept as hard breaks."""
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [md_line(line) for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append("\\\n".join(lines))
    return paragraphs


def report_quote(ann: Annotation) -> str:
    """The passage as set in the report's blockquote: whitespace normalised, ellipses from
    its stored context, quotation marks verbatim (a blockquote needs no outer quotes)."""
    context = ann.prefix + ann.exact + ann.suffix
    return quote_from_body(context, len(ann.prefix), len(ann.prefix) + len(ann.exact), nest=False)


def markdown_report(
    anns: list[Annotation],
    articles: Mapping[str, object],
    notes: Mapping[str, ArticleNote],
    *,
    study: object | None,
    exported_on: str,
) -> str:
    """The report of ``anns`` and ``notes`` (see the module doc). ``study``: the primary
    record (an Article or a SourceInfo), or None; ``exported_on``: the ISO date shown."""
    by_article: dict[str, list[Annotation]] = {}
    for ann in anns:
        by_article.setdefault(ann.article_id, []).append(ann)
    for passages in by_article.values():
        passages.sort(key=lambda a: (a.start, a.end, a.id))
    order = _article_order(set(by_article) | set(notes), articles)
    lines = [TITLE, "", *_header(study, exported_on), ""]
    if not order:
        return "\n".join([*lines, "No annotations.", ""])
    lines += _table(order, articles, by_article, notes)
    for article_id in order:
        lines += _article_section(
            _source(articles, article_id),
            by_article.get(article_id, []),
            notes.get(article_id),
            known=article_id in articles,
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def _article_order(ids: set[str], articles: Mapping[str, object]) -> list[str]:
    known = [i for i in ids if i in articles]
    known.sort(key=lambda i: (_title_of(articles[i]).casefold(), _title_of(articles[i]), i))
    return known + sorted(i for i in ids if i not in articles)


def _title_of(article: object) -> str:
    return str(getattr(article, "title", None) or "")


def _source(articles: Mapping[str, object], article_id: str) -> SourceInfo:
    article = articles.get(article_id)
    if article is None:
        return SourceInfo(title=f"Unknown article {article_id}", id=article_id)
    return SourceInfo.from_article(article)


def _header(study: object | None, exported_on: str) -> list[str]:
    if study is None:
        cited = "not in the corpus (no article has `kind: primary`)"
    else:
        src = study if isinstance(study, SourceInfo) else SourceInfo.from_article(study)
        cited = md_line(format_reference(src, QuoteStyle.APA))
    return [f"- **Study:** {cited}", f"- **Exported:** {md_line(exported_on)}"]


def _table(
    order: list[str],
    articles: Mapping[str, object],
    by_article: Mapping[str, list[Annotation]],
    notes: Mapping[str, ArticleNote],
) -> list[str]:
    lines = [
        "## Articles",
        "",
        "| Article | Outlet | Verdict | Passages | Passage verdicts |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for article_id in order:
        src = _source(articles, article_id)
        passages = by_article.get(article_id, [])
        note = notes.get(article_id)
        cells = [
            md_line(src.title or "Untitled article"),
            md_line(src.outlet or "") or "—",
            (note.verdict if note is not None else None) or "—",
            str(len(passages)),
            _verdict_counts(passages) or "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _verdict_counts(passages: list[Annotation]) -> str:
    """``"2 overstated, 1 misleading, 1 no verdict"``: worst first."""
    counts: dict[str, int] = {}
    for ann in passages:
        key = ann.verdict or ""
        counts[key] = counts.get(key, 0) + 1
    parts = [f"{counts[v]} {v}" for v in SEVERITY_ORDER if v in counts]
    if "" in counts:
        parts.append(f"{counts['']} no verdict")
    return ", ".join(parts)


def _article_section(
    src: SourceInfo, passages: list[Annotation], note: ArticleNote | None, *, known: bool
) -> list[str]:
    lines = [f"## {md_line(src.title or 'Untitled article')}", ""]
    if known:
        lines += [f"Source: {format_reference(src, QuoteStyle.MARKDOWN)}", ""]
    else:
        lines += [f"Source: no file of the corpus has the article id {md_line(src.id or '')}", ""]
    if note is not None:
        if note.verdict:
            lines += [f"**Article verdict:** {note.verdict}", ""]
        if note.note:
            for paragraph in md_paragraphs(note.note):
                lines += [paragraph, ""]
    if passages:
        lines += [f"### Passages ({len(passages)})", ""]
    for n, ann in enumerate(passages, 1):
        lines += [f"#### {n}. {ann.verdict or 'no verdict'}", ""]
        lines += [cite_quote(md_line(report_quote(ann)), src, QuoteStyle.MARKDOWN), ""]
        facts = []
        if ann.tags:
            facts.append(f"- Tags: {md_line('; '.join(ann.tags))}")
        if ann.status != "anchored":
            facts.append(f"- Status: {ann.status}{_STATUS_NOTES.get(ann.status, '')}")
        facts.append(f"- Position: characters {ann.start}–{ann.end}")
        lines += [*facts, ""]
        if ann.note:
            paragraphs = md_paragraphs(ann.note)
            if paragraphs:
                paragraphs[0] = f"**Note:** {paragraphs[0]}"
            for paragraph in paragraphs:
                lines += [paragraph, ""]
    return lines


__all__ = ["TITLE", "markdown_report", "md_line", "md_paragraphs", "report_quote"]
