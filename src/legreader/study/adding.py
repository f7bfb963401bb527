"""Adding to a corpus from the app: the study (a DOI, PMID, PMCID or a reference file) and
web pages (URLs). The work behind the palette's "study: add from DOI/PMID/file" and
"import: add from URL", run in a worker thread; every failure is an :class:`AddFailed`
with one line to show. No Textual import.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from legreader.study.record import StudyRecord
from legreader.study.write import WrittenRecord


class AddFailed(Exception):
    """Nothing was added; ``str(err)`` says why in one line."""


class PrimaryExists(AddFailed):
    """The folder already holds a primary record (the caller may ask, then force)."""

    def __init__(self, what: str, path: Path | None) -> None:
        super().__init__(what)
        self.path = path


def find_study(source: str, *, cancel: threading.Event | None = None) -> StudyRecord:
    """The record of ``source``: a reference file (RIS, BibTeX, CSL-JSON, PubMed XML,
    MEDLINE, JATS) when one exists at that path, else a DOI, PMID or PMCID looked up online.
    A file holding several records gives its first (the command's ``--pick`` chooses)."""
    from legreader.net.client import HttpClient
    from legreader.net.errors import NetError
    from legreader.study.formats import FormatError, read_source
    from legreader.study.identifiers import identifier_or_file
    from legreader.study.online import look_up

    text = source.strip()
    path = Path(text).expanduser()
    identifier = identifier_or_file(text)
    if identifier is None:
        if not path.exists():
            raise AddFailed(f"not a DOI, PMID or PMCID, and no such file: {text[:200]}")
        try:
            records = read_source(path)
        except FormatError as exc:
            raise AddFailed(f"cannot read the study from {path.name}: {exc}") from None
        except OSError as exc:
            raise AddFailed(f"cannot read {path.name}: {exc.strerror or exc}") from None
        if not records:
            raise AddFailed(f"no study record in {path.name}")
        if len(records) > 1:
            note = (
                f"{path.name} holds {len(records)} records: the first was added "
                f"(legreader study FILE --pick N chooses another)"
            )
            return dataclasses.replace(records[0], notes=(*records[0].notes, note))
        return records[0]
    try:
        with HttpClient(cancel=cancel) as client:
            return look_up(identifier, client=client)
    except NetError as exc:
        raise AddFailed(str(exc)) from None


def save_study(record: StudyRecord, into: Path, *, force: bool = False) -> WrittenRecord:
    """Write the record as the folder's primary record (``force``: replace the one there)."""
    from legreader.study.write import PrimaryExists as Exists
    from legreader.study.write import StudyWriteError, write_primary

    try:
        return write_primary(record, into, force=force)
    except Exists as exc:
        raise PrimaryExists(str(exc), exc.path) from None
    except StudyWriteError as exc:
        raise AddFailed(str(exc)) from None


@dataclass(frozen=True, slots=True)
class PagesImported:
    written: list[Path]
    """The articles written (new or updated)."""
    skipped: list[str]
    """One line per page not imported (``skipped <url>: <reason>``)."""


def split_urls(text: str) -> list[str]:
    """The addresses in what the user typed (separated by spaces, commas or newlines)."""
    parts = text.replace(",", " ").split()
    return [p for p in parts if p]


def import_pages(
    urls: list[str],
    into: Path,
    *,
    update: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> PagesImported:
    """Fetch and import each page (:func:`legreader.corpus.importing.import_pages`); a page
    imported before is updated in place (its id kept) unless ``update`` is False."""
    from legreader.corpus.html.fetch import is_url
    from legreader.corpus.importing import ImportTargetError
    from legreader.corpus.importing import import_pages as import_into

    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise AddFailed(f"not an http(s) address: {bad[0][:200]}")
    if not urls:
        raise AddFailed("no address given")
    try:
        run = import_into(
            list(urls),
            into,
            update=update,
            progress=progress,
            cancel=cancel,
            jobs=1,  # never fork worker processes from inside the app's threads
        )
    except ImportTargetError as exc:
        raise AddFailed(str(exc)) from None
    return PagesImported(run.written, [o.line() for o in run.failures])
