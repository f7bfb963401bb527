"""Import a saved web page (HTML) as a corpus article: main text, metadata, debris aside.

One concern a module, in the order a page goes through them:

- :mod:`.page`: the imported page (:class:`ImportedPage`), :class:`PageImportError`, limits;
- :mod:`.decode`: bytes to text (BOM, HTTP and meta charsets, UTF-8, detection);
- :mod:`.extract`: the main text (trafilatura) and the debris around it;
- :mod:`.metadata`: title, authors, outlet, date, URL, language from the page's own tags;
- :mod:`.write`: ``<slug>.md`` and its debris sidecar, never overwriting; the report line;
- :mod:`.dedupe`: is the page already in the corpus (same URL, or nearly the same text).

This package's names are the API the importer (:mod:`legreader.corpus.importing`), the corpus
loader and the tests use. No Textual import.
"""

from legreader.corpus.html.decode import decode_page
from legreader.corpus.html.dedupe import (
    TEXT_DUPLICATE_THRESHOLD,
    DuplicateIndex,
    DuplicateMatch,
    find_duplicate,
    normalise_url,
    shingles,
    text_similarity,
)
from legreader.corpus.html.extract import DEBRIS_KINDS, MENU_WORDS, debris_kinds, import_html
from legreader.corpus.html.page import (
    MAX_DEBRIS_CHARS,
    MAX_META_CHARS,
    MAX_PAGE_BYTES,
    MIN_WORDS,
    ImportedPage,
    PageImportError,
    slugify,
)
from legreader.corpus.html.write import debris_path, import_summary, write_import

__all__ = [
    "DEBRIS_KINDS",
    "MAX_DEBRIS_CHARS",
    "MAX_META_CHARS",
    "MAX_PAGE_BYTES",
    "MENU_WORDS",
    "MIN_WORDS",
    "TEXT_DUPLICATE_THRESHOLD",
    "DuplicateIndex",
    "DuplicateMatch",
    "ImportedPage",
    "PageImportError",
    "debris_kinds",
    "debris_path",
    "decode_page",
    "find_duplicate",
    "import_html",
    "import_summary",
    "normalise_url",
    "shingles",
    "slugify",
    "text_similarity",
    "write_import",
]
