"""``legreader study SOURCE [--into DIR] [--force] [--pick N] [--format F] [--print]``.

SOURCE is a file in one of the offline formats (:mod:`legreader.study.formats`), or ``-``
for standard input. The file's
record is written as the primary record of the folder DIR (:func:`legreader.study.write.write_primary`):
one line on ``out`` says where. A file holding several records needs ``--pick N`` (1-based)
or ``--pick DOI/PMID``; without it the records are listed on ``err`` and the exit code is 2.

Failures are :class:`legreader.cli.errors.CliFailure` (one line ``legreader: <what> (<where>)``, exit
1, from :func:`legreader.cli.program.main`): a file that cannot be read or parsed, a folder that
already holds a primary record (``--force`` replaces it), a folder that cannot be written.
No Textual import.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from legreader.study.record import StudyRecord, normalise_doi, normalise_pmid


def looks_like_identifier(source: str) -> bool:
    """A DOI (``10.x/y``, ``doi:``, ``https://doi.org/``), a PMID (digits, ``PMID:``, a
    PubMed URL) or a PMCID (:func:`legreader.study.identifiers.parse_identifier`)."""
    from legreader.study.identifiers import parse_identifier

    return parse_identifier(source) is not None


def records_from_identifier(source: str) -> list[StudyRecord]:
    """The record of a DOI, PMID or PMCID, looked up online (:mod:`legreader.study.online`)."""
    from legreader.cli.errors import CliFailure
    from legreader.net.errors import NetError
    from legreader.study.identifiers import parse_identifier
    from legreader.study.online import look_up

    identifier = parse_identifier(source)
    if identifier is None:
        raise CliFailure("not a DOI, PMID or PMCID", source)
    try:
        return [look_up(identifier)]
    except NetError as exc:
        raise CliFailure(exc.what, exc.url) from None


def load_records(source: str, fmt: str | None) -> list[StudyRecord]:
    """The records of SOURCE: a file when one exists at that path, else an identifier."""
    from legreader.cli.errors import CliFailure
    from legreader.study.formats import FILE_FORMATS, FormatError, read_source

    if source == "-":
        return _records_from_stdin(fmt)
    if os.path.lexists(source):
        try:
            return read_source(Path(source), fmt)  # type: ignore[arg-type]
        except FormatError as exc:
            raise CliFailure(f"cannot read the study: {exc}", source) from None
    if fmt is not None and fmt in FILE_FORMATS:
        raise CliFailure("no such file", source)
    if looks_like_identifier(source):
        return records_from_identifier(source)
    raise CliFailure("no such file, and not a DOI or PMID", source)


def _records_from_stdin(fmt: str | None) -> list[StudyRecord]:
    """The records of what is piped in (``legreader study - < file``), capped like a file."""
    import sys

    from legreader.cli.errors import CliFailure
    from legreader.study.formats import MAX_SOURCE_BYTES, FormatError, parse_source

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise CliFailure("no standard input to read")
    data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise CliFailure(f"too large (the cap is {MAX_SOURCE_BYTES // 2**20} MB)", "stdin")
    if not data.strip():
        raise CliFailure("nothing on standard input", "stdin")
    try:
        return parse_source(data, fmt, "stdin")  # type: ignore[arg-type]
    except FormatError as exc:
        raise CliFailure(f"cannot read the study: {exc}", "stdin") from None


def choose(records: list[StudyRecord], pick: str | None, err: TextIO) -> StudyRecord | None:
    """The record to write: the only one, or the one ``pick`` names (a 1-based number, a DOI
    or a PMID). None (the records listed on ``err``) when several and no pick."""
    from legreader.cli.errors import CliFailure

    if pick is None:
        if len(records) == 1:
            return records[0]
        err.write(f"legreader: the source holds {len(records)} records; choose one with --pick N\n")
        for number, record in enumerate(records[:50], 1):
            err.write(f"  {number}. {_summary(record)}\n")
        if len(records) > 50:
            err.write(f"  ... and {len(records) - 50} more\n")
        return None
    text = pick.strip()
    if text.isdigit() and len(text) < 6:
        number = int(text)
        if not 1 <= number <= len(records):
            raise CliFailure(f"--pick {number}: the source holds {len(records)} records")
        return records[number - 1]
    doi, pmid = normalise_doi(text), normalise_pmid(text)
    for record in records:
        if (doi and record.doi and record.doi.casefold() == doi.casefold()) or (
            pmid and record.pmid == pmid
        ):
            return record
    raise CliFailure(f"--pick: no record with that DOI or PMID ({text[:80]})")


def _summary(record: StudyRecord) -> str:
    parts = [record.title[:90]]
    if record.published:
        parts.append(record.published[:4])
    if record.doi:
        parts.append(f"doi:{record.doi}")
    elif record.pmid:
        parts.append(f"PMID {record.pmid}")
    return " · ".join(parts)


def run_study(
    source: str,
    into: Path,
    *,
    force: bool = False,
    pick: str | None = None,
    fmt: str | None = None,
    print_only: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """Read SOURCE and write its primary record into ``into``; the exit code."""
    from legreader.cli.errors import CliFailure
    from legreader.corpus.loader import display_path
    from legreader.study.write import StudyWriteError, render_primary, write_primary

    record = choose(load_records(source, fmt), pick, err)
    if record is None:
        return 2
    for note in record.notes:
        err.write(f"legreader: note: {note}\n")
    if print_only:
        out.write(render_primary(record))
        return 0
    try:
        written = write_primary(record, into, force=force)
    except StudyWriteError as exc:
        raise CliFailure(str(exc), exc.path) from None
    verb = "replaced" if written.replaced else "wrote"
    out.write(
        f"{verb} the primary record {display_path(written.path)} "
        f"({record.source_format}: {record.title[:80]})\n"
    )
    return 0
