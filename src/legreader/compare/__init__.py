"""Cross-article comparison: which articles say the same thing, and where they differ.

Pure domain code (no Textual). Entry points::

    result = compare_articles([ArticleInput(id, title, body), ...], PrimaryInput(...))
    grid = result.grid("discrepancies")        # columns + rows of cells
    print(render_compare(result, "text"))

Adapters from the corpus loader: :func:`inputs_from_corpus`.
"""

from legreader.compare.adapters import inputs_from_corpus, primary_from_article
from legreader.compare.engine import (
    FILTERS,
    Column,
    CompareResult,
    Grid,
    Row,
    compare_articles,
    discrepant_articles,
)
from legreader.compare.model import (
    CELL_STATES,
    KINDS,
    PRIMARY_ID,
    ArticleInput,
    Cell,
    ClaimGroup,
    Item,
    PrimaryInput,
)
from legreader.compare.render import render_compare

__all__ = [
    "CELL_STATES",
    "FILTERS",
    "KINDS",
    "PRIMARY_ID",
    "ArticleInput",
    "Cell",
    "ClaimGroup",
    "Column",
    "CompareResult",
    "Grid",
    "Item",
    "PrimaryInput",
    "Row",
    "compare_articles",
    "discrepant_articles",
    "inputs_from_corpus",
    "primary_from_article",
    "render_compare",
]
