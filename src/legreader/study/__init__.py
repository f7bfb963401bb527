"""Studies in: a paper's record from the files people have (RIS, BibTeX, CSL-JSON, PubMed,
JATS) or from an identifier, written as the corpus's ``kind: primary`` article.

- :mod:`legreader.study.record`: :class:`StudyRecord`, :class:`PersonName`, :class:`Section`;
- :mod:`legreader.study.write`: :func:`render_primary`, :func:`write_primary`;
- :mod:`legreader.study.formats`: one parser per format, and format detection.

No Textual import.
"""

from legreader.study.record import PersonName, Section, SourceFormat, StudyRecord
from legreader.study.write import (
    PrimaryExists,
    StudyWriteError,
    WrittenRecord,
    render_primary,
    write_primary,
)

__all__ = [
    "PersonName",
    "PrimaryExists",
    "Section",
    "SourceFormat",
    "StudyRecord",
    "StudyWriteError",
    "WrittenRecord",
    "render_primary",
    "write_primary",
]
