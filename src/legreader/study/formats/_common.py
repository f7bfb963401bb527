"""What several format parsers share: the error they raise, inline abstract labels, PubMed's
conventions (titles with a final period, journal titles in sentence case, MeSH organisms).

No Textual import.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from legreader.study.record import Section, StudyRecord
from legreader.text.clean import clean_line

#: At most this many records are read from one file (a PubMed "Save" holds up to 10,000;
#: a whole reference library is not a study's record).
MAX_RECORDS = 10_000


def with_note(records: list[StudyRecord], note: str | None) -> list[StudyRecord]:
    """The records, each carrying ``note`` (something about the file as a whole)."""
    if not note:
        return records
    return [dataclasses.replace(r, notes=(*r.notes, note)) for r in records]


def capped(records: list[StudyRecord], total: int) -> list[StudyRecord]:
    """At most :data:`MAX_RECORDS` records, with a note when the file held more."""
    if total <= MAX_RECORDS:
        return records
    return with_note(
        records[:MAX_RECORDS],
        f"the file holds {total} records; only the first {MAX_RECORDS} were read",
    )


class FormatError(ValueError):
    """The source could not be read in that format; ``str(err)`` is one cleaned line."""

    def __init__(self, what: str) -> None:
        super().__init__(clean_line(what)[:300])


def one_line_reason(exc: BaseException) -> str:
    """A parser's exception as a short cleaned phrase (for a FormatError)."""
    text = clean_line(str(exc))[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ----------------------------------------------------------------- abstracts

#: An inline label of a structured abstract written as plain text ("BACKGROUND: ...",
#: "Methods and Findings: ..."): a capitalised phrase of up to six words and a colon.
_LABEL = re.compile(
    r"(?:^|(?<=[.?!)\]]\s)|(?<=\n))"
    r"((?:[A-Z][A-Za-z/&-]*)(?:[ ,]+(?:[A-Z][A-Za-z/&-]*|and|of|or|the|for|in|to)){0,5}):\s+"
)
#: Labels that make an abstract "structured" when they open it (so "Note: ..." in the middle
#: of a plain abstract is not taken for a heading).
_OPENING_LABELS = (
    "background",
    "introduction",
    "objective",
    "objectives",
    "aim",
    "aims",
    "purpose",
    "context",
    "importance",
    "rationale",
    "motivation",
    "question",
    "summary",
)


def heading_case(label: str) -> str:
    """A label in capitals ("METHODS AND RESULTS") as a heading ("Methods and results")."""
    label = " ".join(label.split()).strip(" :")
    if label.isupper():
        return label[:1] + label[1:].lower()
    return label


def split_inline_abstract(text: str) -> tuple[Section, ...]:
    """An abstract given as one text: sections when it opens with a known label and has at
    least two labels ("BACKGROUND: ... METHODS: ..."), else one section without a heading.

    Paragraph breaks (blank lines, or single newlines between sentences) are kept.
    """
    text = text.strip()
    if not text:
        return ()
    matches = list(_LABEL.finditer(text))
    first_ok = (
        matches
        and matches[0].start() == 0
        and matches[0].group(1).split()[0].casefold().strip(",") in _OPENING_LABELS
    )
    if not first_ok or len(matches) < 2:
        return (Section("", tuple(_paragraphs(text))),)
    sections = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        sections.append(Section(heading_case(match.group(1)), tuple(_paragraphs(body))))
    return tuple(sections)


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) == 1 and "\n" in text:
        # Single newlines: a paragraph break after a sentence end, a re-wrap otherwise.
        blocks = re.split(r"(?<=[.?!:])\s*\n(?=\s*[A-Z0-9])", text)
    return [" ".join(b.split()) for b in blocks if b.strip()]


# --------------------------------------------------------------------- PubMed

_SMALL_WORDS = frozenset(
    "a an and as at but by de del der des di du en et for from in into la le les nor of on "
    "or per the to und van via von with y".split()
)


def pubmed_title(title: str) -> str:
    """PubMed ends every title with a period; the paper's title has none (unless it ends
    with an ellipsis). "?" and "!" are the paper's own."""
    title = " ".join(title.split())
    if title.endswith(".") and not title.endswith("..."):
        title = title[:-1].rstrip()
    return title


def nlm_journal_title(title: str) -> str:
    """An NLM catalogue title ("Frontiers in neuroscience", "Lancet (London, England)",
    "The Journal of neuroscience : the official journal of the Society for Neuroscience")
    as a citation prints it: the place qualifier and the subtitle dropped, title case (words
    already holding a capital, such as "PLoS" or "mBio", kept as written)."""
    title = " ".join(title.split())
    title = re.sub(r"\s*\([^()]*\)\s*$", "", title)
    title = title.split(" : ")[0].strip()
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        if word.islower() and (i == 0 or word not in _SMALL_WORDS):
            word = "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        out.append(word)
    return " ".join(out)


#: MeSH organism headings (and their sub-headings' stems) -> what ``subjects`` says.
_ORGANISMS: tuple[tuple[str, str], ...] = (
    ("Humans", "humans"),
    ("Mice", "mice"),
    ("Rats", "rats"),
    ("Zebrafish", "zebrafish"),
    ("Drosophila", "fruit flies"),
    ("Caenorhabditis elegans", "nematodes (C. elegans)"),
    ("Macaca", "macaques"),
    ("Primates", "primates"),
    ("Swine", "pigs"),
    ("Dogs", "dogs"),
    ("Cats", "cats"),
    ("Sheep", "sheep"),
    ("Cattle", "cattle"),
    ("Rabbits", "rabbits"),
    ("Guinea Pigs", "guinea pigs"),
    ("Cricetinae", "hamsters"),
    ("Chickens", "chickens"),
    ("Xenopus", "frogs (Xenopus)"),
    ("Saccharomyces cerevisiae", "yeast"),
)

#: PubMed publication types -> ``study_type``, the most telling first.
_PUBLICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("Meta-Analysis", "meta-analysis"),
    ("Systematic Review", "systematic review"),
    ("Randomized Controlled Trial", "randomized controlled trial"),
    ("Controlled Clinical Trial", "clinical trial"),
    ("Clinical Trial", "clinical trial"),
    ("Observational Study", "observational"),
    ("Case Reports", "case report"),
    ("Review", "review"),
)


def subjects_from_mesh(mesh: Iterable[str]) -> str | None:
    """Who was studied, from MeSH headings ("mice"; "humans, mice"); None when not stated."""
    found: list[str] = []
    for term in mesh:
        stem = term.lstrip("*").split("/")[0].split(",")[0].strip()
        for heading, subject in _ORGANISMS:
            if (stem == heading or stem.startswith(heading + " ")) and subject not in found:
                found.append(subject)
    return ", ".join(found) or None


def study_type_from_pubmed(publication_types: Iterable[str], mesh: Iterable[str]) -> str | None:
    """The study type PubMed states: a telling publication type, else "animal" when the MeSH
    check tags say Animals and not Humans, "human" when Humans and not Animals."""
    types = {t.strip().casefold() for t in publication_types}
    for name, study_type in _PUBLICATION_TYPES:
        if name.casefold() in types:
            return study_type
    stems = {t.lstrip("*").split("/")[0].strip() for t in mesh}
    if "Animals" in stems and "Humans" not in stems:
        return "animal"
    if "Humans" in stems and "Animals" not in stems:
        return "human"
    return None


def clean_affiliation(text: str) -> str:
    """One affiliation: whitespace folded, a final period and an e-mail note dropped."""
    text = " ".join(text.split())
    text = re.sub(r"\s*Electronic address:\s*\S+@\S+\s*$", "", text)
    text = re.sub(r"\s*\S+@\S+\.\w+\.?$", "", text)
    return text.rstrip(" .;,")


_CC = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)", re.IGNORECASE)


def license_name(href: str | None, text: str | None = None) -> str | None:
    """ "CC BY 4.0" from a Creative Commons URL; else the URL; else the short text given."""
    if href:
        match = _CC.search(href)
        if match:
            kind, code, version = match.groups()
            if kind.lower() == "publicdomain":
                return "CC0 " + version if code.lower() == "zero" else "public domain"
            return f"CC {code.upper()} {version}"
        return href.strip()
    if text:
        text = " ".join(text.split())
        return text if len(text) <= 200 else None
    return None
