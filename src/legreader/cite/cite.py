"""`cite_quote`: a quoted passage with its source, in one of the styles a reader picks."""

from __future__ import annotations

from enum import StrEnum

from legreader.cite import machine, styles
from legreader.cite.quote import paragraph_number, quote_from_body
from legreader.cite.source import SourceInfo


class QuoteStyle(StrEnum):
    """The cited-quote styles, in picker order."""

    PLAIN = "plain"
    MARKDOWN = "markdown"
    APA = "apa"
    MLA = "mla"
    CHICAGO = "chicago"
    CSL_JSON = "csl-json"
    BIBTEX = "bibtex"

    @property
    def label(self) -> str:
        """Name to show in a style picker."""
        return STYLE_LABELS[self]


STYLE_LABELS: dict[QuoteStyle, str] = {
    QuoteStyle.PLAIN: "Plain text",
    QuoteStyle.MARKDOWN: "Markdown",
    QuoteStyle.APA: "APA 7",
    QuoteStyle.MLA: "MLA 9",
    QuoteStyle.CHICAGO: "Chicago (notes)",
    QuoteStyle.CSL_JSON: "CSL-JSON",
    QuoteStyle.BIBTEX: "BibTeX (biblatex)",
}


def format_reference(
    src: SourceInfo, style: QuoteStyle | str, *, accessed: str | None = None
) -> str:
    """The source alone: a reference entry (APA, MLA), a note (Chicago), a source line."""
    style = QuoteStyle(style)
    if style is QuoteStyle.APA:
        return styles.apa_reference(src, accessed)
    if style is QuoteStyle.MLA:
        return styles.mla_reference(src, accessed)
    if style is QuoteStyle.CHICAGO:
        return styles.chicago_note(src, accessed)
    if style is QuoteStyle.MARKDOWN:
        return _markdown_source(src)
    if style is QuoteStyle.CSL_JSON:
        return machine.csl_json([machine.csl_item(src, accessed=accessed)])
    if style is QuoteStyle.BIBTEX:
        return machine.biblatex_entry(src, accessed=accessed)
    return styles.plain_source(src)


def cite_quote(
    quote: str,
    src: SourceInfo,
    style: QuoteStyle | str,
    *,
    study: SourceInfo | None = None,
    accessed: str | None = None,
    paragraph: int | None = None,
) -> str:
    """The quote (as made by `quote_from_body`) with its source, in `style`.

    `study`: the primary study the article reports; when given, its citation (with DOI)
    follows on a line of its own. `accessed`: ISO date, used where a style wants an
    access date for an undated page (APA, MLA, Chicago). `paragraph`: the quote's paragraph
    in an article (`paragraph_number`): APA cites a quote from a page without page numbers
    by it, `(Smiechowski, 2018, para. 4)`; the study's record (an abstract) is not cited so.
    """
    style = QuoteStyle(style)
    if style is QuoteStyle.CSL_JSON:
        items = [machine.csl_item(src, quote=quote, accessed=accessed)]
        if study:
            items.append(machine.csl_item(study))
        return machine.csl_json(items)
    if style is QuoteStyle.BIBTEX:
        entries = [machine.biblatex_entry(src, quote=quote, accessed=accessed)]
        if study:
            entries.append(machine.biblatex_entry(study))
        return "\n\n".join(entries)
    if style is QuoteStyle.MARKDOWN:
        lines = [f"> {quote}", ">", f"> — {_markdown_source(src)}"]
        if study:
            lines.append(f"> Study: {_markdown_source(study)}")
        return "\n".join(lines)
    if style is QuoteStyle.PLAIN:
        source = styles.plain_source(src)
        text = f"“{quote}” — {source}" if source else f"“{quote}”"
        if study:
            text += f"\nStudy: {styles.plain_source(study)}"
        return text
    if style is QuoteStyle.CHICAGO:
        text = f"“{quote}”\n\n{styles.chicago_note(src, accessed)}"
        if study:
            text += f"\nStudy: {styles.chicago_note(study)}"
        return text
    intext = (
        styles.apa_intext(src, None if src.is_journal else paragraph)
        if style is QuoteStyle.APA
        else styles.mla_intext(src)
    )
    reference = (
        styles.apa_reference(src, accessed)
        if style is QuoteStyle.APA
        else styles.mla_reference(src, accessed)
    )
    text = f"{_run_in(quote, intext)}\n\n{reference}"
    if study:
        text += "\n" + format_reference(study, style)
    return text


def cite_passage(
    body: str,
    start: int,
    end: int,
    src: SourceInfo,
    style: QuoteStyle | str,
    *,
    study: SourceInfo | None = None,
    accessed: str | None = None,
) -> str:
    """`cite_quote` of `body[start:end]`, with the paragraph it starts in."""
    lead = len(body[start:end]) - len(body[start:end].lstrip())
    return cite_quote(
        quote_from_body(body, start, end),
        src,
        style,
        study=study,
        accessed=accessed,
        paragraph=paragraph_number(body, start + lead, src.title),
    )


def _run_in(quote: str, citation: str) -> str:
    """`“text” (Author, 2018).`: a closing period moves after the citation (APA, MLA)."""
    if quote.endswith(".") and not quote.endswith("..."):
        quote = quote[:-1]
    return f"“{quote}” {citation}."


def _markdown_source(src: SourceInfo) -> str:
    names = src.names
    parts = []
    if names:
        parts.append(
            f"{_md_escape(names[0].display)} et al."
            if len(names) > 2
            else " and ".join(_md_escape(n.display) for n in names)
        )
    title = src.real_title
    link = src.link
    if title:
        parts.append(
            f"[{_md_escape(title)}]({_md_url(link)})" if link else f"“{_md_escape(title)}”"
        )
    if src.outlet:
        parts.append(f"*{_md_escape(src.outlet)}*")
    if src.issued:
        parts.append(("updated " if src.only_updated else "") + styles.date_dmy(src.issued))
    if link and not title:
        parts.append(f"<{_md_url(link)}>")
    return ", ".join(parts) if parts else "unknown source"


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>" else ch for ch in text)


def _md_url(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )
