"""The offline formats a study record is read from, and which one a file is.

Each module has one ``parse_X(text or bytes, source_name=None) -> list[StudyRecord]`` that
raises :class:`FormatError` (one line) and nothing else for bad input:

========== =============================== ===================================
format     files                           module / parser
========== =============================== ===================================
ris        ``.ris`` (Zotero, EndNote...)   :mod:`.ris` (rispy)
bibtex     ``.bib``, ``.bibtex``           :mod:`.bibtex` (bibtexparser 2)
csl-json   ``.json``, ``.csljson``         :mod:`.csljson` (json)
pubmed-xml ``.xml`` <PubmedArticleSet>     :mod:`.pubmed` (lxml, safe config)
jats       ``.xml``, ``.nxml`` <article>   :mod:`.jats` (lxml, safe config)
medline    ``.nbib``, ``.txt``, ``.medline`` :mod:`.medline` (own reader)
========== =============================== ===================================

:func:`detect_format` looks at the content first (a RIS file named ``.txt`` is RIS) and the
extension second; :func:`read_source` reads a file safely (a regular file, at most
:data:`MAX_SOURCE_BYTES`, decoded in layers) and parses it.

Error classes met and handled (each has a test in ``tests/test_study_formats.py`` or
``tests/test_study_hostile.py``):

- source conventions that made formats disagree: PubMed's final period on titles and
  sentence-case NLM journal titles with place qualifiers; the article number written as a
  one-page range (SP/pages/MedlinePgn = pii/eid/elocation-id); a print date less precise
  than the online one (2018 vs 2018-05-23); affiliations with a final period or an e-mail
  note; abbreviations, ISSNs and language codes each source writes its own way (not written);
- names: particles (von, van der), compound family names, suffixes, group authors (braced in
  BibTeX, ``CollectiveName``, ``collab``, CSL ``literal``), initials only (PubMed ``AU``);
- structured abstracts: PubMed ``Label``, JATS ``sec``, Crossref ``jats:`` markup, inline
  capitalised labels in plain text (only when the abstract opens with one, so "Note:" in a
  plain abstract stays text);
- parser habits: rispy dropping a last reference without ``ER``, keeping one value of a
  repeated tag, joining continuation lines in quadratic time; bibtexparser printing
  warnings; pylatexenc reading the backslash of an ``ESC \\`` terminator and its cost on
  long values; LaTeX decoding of URLs and DOIs (``%`` is a comment);
- hostile input: entities (XXE, billion laughs), DTDs and entities over the network,
  undefined HTML entity names in PMC files, deep nesting (XML, JSON), binary and empty
  files, FIFOs and folders, oversized files, escape sequences and C1 controls in fields,
  YAML and Markdown structure in fields, thousands of authors (the corpus's front-matter cap).

No Textual import.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import get_args

from legreader.study.formats._common import FormatError
from legreader.study.record import SourceFormat, StudyRecord

__all__ = [
    "FILE_FORMATS",
    "MAX_SOURCE_BYTES",
    "FormatError",
    "detect_format",
    "parse_source",
    "read_source",
]

#: The formats a file can be in (``--format``).
FILE_FORMATS: tuple[SourceFormat, ...] = (
    "ris",
    "bibtex",
    "csl-json",
    "pubmed-xml",
    "medline",
    "jats",
)
#: A larger source file is refused (a whole Zotero library exported as BibTeX with
#: abstracts is a few MB; PMC's largest full-text articles are under 10 MB).
MAX_SOURCE_BYTES = 50 * 1024 * 1024

_EXTENSIONS: dict[str, SourceFormat] = {
    ".ris": "ris",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".nbib": "medline",
    ".medline": "medline",
    ".nxml": "jats",
}
_XML_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.:-]*)")


def _xml_format(data: bytes) -> SourceFormat | None:
    """The XML format from the first element's name (after the prolog and DOCTYPE)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    head = re.sub(rb"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", b"", head, flags=re.DOTALL)
    match = _XML_ROOT.search(head)
    if match is None:
        return None
    root = match.group(1).rpartition(b":")[2]
    if root in (b"PubmedArticleSet", b"PubmedArticle", b"PubmedBookArticle"):
        return "pubmed-xml"
    if root in (b"article", b"pmc-articleset", b"articles"):
        return "jats"
    return None


def detect_format(data: bytes, name: str = "") -> SourceFormat | None:
    """The format of a source from its content, then its file name; None when unknown."""
    from legreader.study.formats.bibtex import looks_like_bibtex
    from legreader.study.formats.medline import looks_like_medline
    from legreader.study.formats.ris import looks_like_ris

    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    text_head = head.decode("utf-8", "ignore")
    if head.startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        found = _xml_format(data)
        if found:
            return found
    if looks_like_ris(text_head):
        return "ris"
    if looks_like_medline(text_head):
        return "medline"
    if head[:1] in (b"[", b"{"):
        return "csl-json"
    suffix = Path(name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if looks_like_bibtex(text_head) or looks_like_bibtex(data[:200_000].decode("utf-8", "ignore")):
        return "bibtex"
    return None


def parse_source(
    data: bytes, fmt: SourceFormat | None = None, source_name: str | None = None
) -> list[StudyRecord]:
    """The records in a source's bytes, in format ``fmt`` (detected when None).

        Text formats are decoded in layers (BOM, strict UTF-8, then detection: see
        :mod:`legreader.corpus.decoding`); XML is handed to the parser as bytes (its declaration names
        the encoding). Text is cleaned of escape sequences and control characters before it is
    parsed (and every record cleans its fields again). Raises :class:`FormatError` for unknown
    formats and unreadable content.
    """
    name = source_name or ""
    if fmt is None:
        fmt = detect_format(data, name)
        if fmt is None:
            raise FormatError(
                "unknown format (expected RIS, BibTeX, CSL-JSON, PubMed XML, MEDLINE or JATS; "
                "--format names it)"
            )
    if fmt not in get_args(SourceFormat) or fmt not in FILE_FORMATS:
        raise FormatError(f"not a file format: {fmt}")
    if fmt == "pubmed-xml":
        from legreader.study.formats.pubmed import parse_pubmed_xml

        return parse_pubmed_xml(data, source_name)
    if fmt == "jats":
        from legreader.study.formats.jats import parse_jats

        return parse_jats(data, source_name)
    text = _decode(data)
    if fmt == "ris":
        from legreader.study.formats.ris import parse_ris

        return parse_ris(text, source_name)
    if fmt == "bibtex":
        from legreader.study.formats.bibtex import parse_bibtex

        return parse_bibtex(text, source_name)
    if fmt == "csl-json":
        from legreader.study.formats.csljson import parse_csl_json

        return parse_csl_json(text, source_name)
    from legreader.study.formats.medline import parse_medline

    return parse_medline(text, source_name)


def _decode(data: bytes) -> str:
    from legreader.corpus.decoding import BinaryContent, decode_bytes
    from legreader.text.clean import clean_text

    try:
        text = decode_bytes(data).text
    except BinaryContent:
        raise FormatError("binary file, not text") from None
    # Escape sequences go before any parser sees the text: LaTeX decoding would read the
    # backslash of an ``ESC \\`` terminator as a macro and leave half a sequence behind.
    return clean_text(text)


def read_source(path: Path, fmt: SourceFormat | None = None) -> list[StudyRecord]:
    """Read and parse a source file. Raises :class:`FormatError` for what is not a readable
    regular file of at most :data:`MAX_SOURCE_BYTES` in a known format (FIFOs, devices and
    folders are refused before they are opened for reading)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FormatError("no such file") from None
    except OSError as exc:
        raise FormatError(f"cannot read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise FormatError("is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise FormatError("not a regular file (FIFO, socket or device)")
    if st.st_size > MAX_SOURCE_BYTES:
        raise FormatError(
            f"too large ({st.st_size / 2**20:.1f} MB; the cap is {MAX_SOURCE_BYTES // 2**20} MB)"
        )
    if st.st_size == 0:
        raise FormatError("empty file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise FormatError("not a regular file")
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise FormatError(f"cannot read ({exc.strerror or type(exc).__name__})") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise FormatError(f"too large (the cap is {MAX_SOURCE_BYTES // 2**20} MB)")
    return parse_source(data, fmt, Path(path).name)
