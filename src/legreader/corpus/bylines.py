"""Bylines into authors: people (family, given, suffix) and group authors, or nobody.

A byline as pages print it ("By Dr. Jane Doe, Health Editor, and Joe Bloggs") becomes a list of
authors: ``["Jane Doe", "Joe Bloggs"]``. What is handled, in order:

- lead-ins ("By", "Written by", "Words:"), and tails that are not names (e-mail addresses,
  @handles, links, "in London", "| Updated 3 June");
- several authors: "A and B", "A & B", "A, B and C", "A, B, and C", "A; B", "A with B";
- roles, after a comma ("Jane Doe, Science Correspondent"), before the name ("Health Editor
  Jane Doe") or after it with desk words ("Jane Doe Health Editor"): dropped;
- honorifics (Dr., Prof., Sir, Rev., ...) dropped; credentials (PhD, MD, RN, ...) dropped;
  generational suffixes (Jr., Sr., II, III) kept, as every citation style keeps them;
- inverted names ("Adami, Raffaella") put back in order;
- staff bylines: generic ones ("Staff writer", "Press Office", "Editorial team", "Redazione")
  give no author; ones naming an organisation become that group author ("Reuters Staff" ->
  "Reuters", "MedScope Newswire staff" -> "MedScope Newswire"; "NHS Choices", "Frontiers Press
  Office" stay as they are).

A person's name is split by ``nameparser`` (HumanName). Why, measured with
``benchmarks/bylines_eval.py`` on the 94 real-looking bylines of ``tests/fixtures/bylines.tsv``
(names invented; the shapes news, blog and press pages print), under the same segmentation:
nameparser gets 94 of 94 right, the splitter legreader had before (last word the family name)
82: it kept honorifics as given names ("Adami, D. R." in APA) and read "Jr.", "Sr" and "III"
as family names. (The list was written while building this module, so 94 of 94 is a floor
for regressions, not an accuracy on unseen bylines.) nameparser is pure Python with no
dependencies, maintained since 2010, and knows ~600 titles, suffixes and particles; the
segmentation above (roles, staff credits, several authors) is legreader's own: no library
does it. nameparser is LGPL-2.1-or-later, used unmodified as a dependency, which LGPL allows
from MIT code.

Group authors and people are both plain strings in the list; :func:`classify` tells them
apart again (a group is one word, has an acronym or an organisation word, or is the outlet).
No Textual import.

One module over 500 lines because it is one parser: every helper is a step of the one byline
grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nameparser import HumanName

# Error classes handled (each has a case in tests/test_bylines.py):
#  1. "By"/"Written by" lead-ins kept in the name          5. credentials as family names
#  2. a role read as a person ("writer, S.")               6. inverted "Family, Given" read as two people
#  3. an honorific read as an initial ("Adami, D. R.")     7. several authors read as one name
#  4. a staff byline read as a person ("Office, P.")       8. a suffix (Jr., III) read as a family name

_LEAD_IN = re.compile(
    r"^(?:(?:written|words|text|reporting|reported|posted|story|article|compiled|edited)\s+)?"
    r"(?:by|from)\b\s*:?\s*|^(?:author|authors|byline|words|text)\s*:\s*",
    re.IGNORECASE,
)
#: Authors kept from one front matter value or byline (a study can have hundreds; citations
#: show at most 20, and each name costs ~0.1 ms to split).
MAX_AUTHORS = 100
#: Longest byline read.
MAX_BYLINE_CHARS = 4_000
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_LINK = re.compile(r"https?://\S+|www\.\S+")
_DATE_TAIL = re.compile(
    r"\s*(?:[|·•—–-]\s*)?(?:published|updated|posted|last\s+updated|modified)\b.*$"
    r"|\s*[|·•]\s*\d.*$",
    re.IGNORECASE,
)
_PLACE_TAIL = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*$")
_SEPARATORS = re.compile(r"\s*(?:;|\|| / |\s&\s|\band\b|\bwith\b|,)\s*", re.IGNORECASE)

#: Last word of a role ("Science Correspondent", "Senior Health Reporter").
ROLE_HEADS = frozenset(
    "correspondent correspondents editor editors reporter reporters writer writers columnist "
    "columnists contributor contributors journalist journalists producer producers analyst "
    "commentator critic blogger intern freelancer freelance photographer photographers "
    "presenter host anchor researcher".split()
)
#: Words a role may start with besides desk names ("Senior", "Chief", "Staff").
ROLE_WORDS = frozenset(
    "senior chief deputy associate assistant managing executive contributing special staff "
    "guest freelance news science health medical medicine technology tech environment climate "
    "political politics business economics economy education consumer social home foreign "
    "international world national local sports sport arts culture features lifestyle wellness "
    "fitness nutrition food diet data digital investigations investigative global us uk "
    "europe europa africa asia america americas north south east west affairs research "
    "fashion beauty travel opinion wire general the our a an of and de".split()
)
#: Whole bylines that name nobody: generic staff credits (case-insensitive, after cleaning).
GENERIC_STAFF = frozenset(
    [
        "staff",
        "staff writer",
        "staff writers",
        "staff reporter",
        "staff reporters",
        "news staff",
        "press office",
        "press release",
        "press team",
        "news office",
        "news desk",
        "newsdesk",
        "web desk",
        "newsroom",
        "news team",
        "editorial team",
        "editorial staff",
        "editorial board",
        "editorial",
        "the editors",
        "editors",
        "editor",
        "admin",
        "administrator",
        "anonymous",
        "unknown",
        "guest author",
        "guest contributor",
        "contributor",
        "redazione",
        "redaktion",
        "rédaction",
        "la rédaction",
        "redacción",
        "redaccion",
        "our reporter",
        "our correspondent",
        "correspondent",
        "reporter",
        "wire services",
        "wire service",
        "agencies",
        "agency",
    ]
)
#: Words at the end of a staff byline that name the organisation's people, not a person
#: ("Reuters Staff", "Heilpraxis Redaktion"): dropped, the rest is the group author.
STAFF_TAILS = (
    "staff writers",
    "staff writer",
    "staff reporters",
    "staff reporter",
    "news staff",
    "staff",
    "editorial team",
    "editorial staff",
    "editors",
    "reporters",
    "newsroom",
    "news desk",
    "newsdesk",
    "web desk",
    "desk",
    "redaktion",
    "redazione",
    "rédaction",
    "redacción",
)
ORG_WORDS = frozenset(
    "press office agency news newswire wire wires media group team staff desk newsroom "
    "university institute college school hospital clinic clinics centre center foundation "
    "association society council department ministry service services inc inc. ltd ltd. llc "
    "plc gmbh corp corp. company co. publishing publications magazine journal choices "
    "institutes laboratory laboratories organization organisation committee commission "
    "bureau authority editorial redaktion redazione rédaction newsletter blog podcast "
    "television academy federation alliance coalition reuters bloomberg xinhua kyodo "
    "healthday sciencedaily eurekalert".split()
)
"""Words that make a name an organisation. Newspaper words that are also surnames (Daily,
Times, Herald, Post, Trust) are left out: such a group is found as the outlet or by "The"."""
_ACRONYM = re.compile(r"^[A-Z]{2,}[A-Z0-9&]*$")
_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII)$")
#: Generational suffixes, kept in the name.
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v".split())
#: Credentials and post-nominals, dropped from the name.
CREDENTIALS = frozenset(
    "phd ph.d ph.d. md m.d m.d. rn mph msc ma mba bsc ba dphil frcp frcs facp dds dvm do "
    "pharmd mbbs bm mrcp frs obe mbe cbe kbe dbe rd ms ms. cnm np pa-c lcsw psyd edd jd esq "
    "esq. ccn cscs".split()
)


def _human_name(text: str) -> HumanName:
    """nameparser's HumanName (imported on first use: it costs ~15 ms, kept off start-up)."""
    from nameparser import HumanName

    return HumanName(text)


@cache
def _titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.titles)


@dataclass(frozen=True, slots=True)
class Author:
    """One author: a person (``family``, ``given``, ``suffix``) or a group (``literal``)."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.literal)

    @property
    def display(self) -> str:
        """As a byline prints it: 'Martin Luther King Jr.', 'Reuters'."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)


def authors_from_meta(value: Any, outlet: str | None = None) -> tuple[str, ...]:
    """Front matter's ``author``/``authors`` (a byline string, or a list) as author strings.

    A string is read as a byline (several authors, roles, staff credits); each item of a list
    is one byline too. Mappings in CSL style (``{family, given}``, ``{literal}``, ``{name}``)
    are accepted. Repeated authors are kept once.
    """
    if value is None or value == "":
        return ()
    items: Iterable[Any] = (
        [value] if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable) else value
    )
    out: list[str] = []
    for item in items:
        if len(out) >= MAX_AUTHORS:
            break
        if isinstance(item, Mapping):
            literal = _text(item.get("literal") or item.get("name"))
            if literal:
                out.append(literal)
                continue
            item = " ".join(
                p
                for p in (
                    _text(item.get("given")),
                    _text(item.get("family")),
                    _text(item.get("suffix")),
                )
                if p
            )
        text = _text(item)
        if text:
            out.extend(_written(a, outlet) for a in parse_byline(text, outlet))
    return tuple(dict.fromkeys(out))[:MAX_AUTHORS]


def _written(author: Author, outlet: str | None) -> str:
    """The author as a string that parses back to it: 'Study Finds' (a group found by its
    'Staff' credit) is written 'Study Finds Staff', or it would read back as a person."""
    text = author.display
    if author.is_group and parse_byline(text, outlet) != [author]:
        return f"{text} Staff"
    return text


def parse_byline(text: str, outlet: str | None = None) -> list[Author]:
    """The authors a byline names (see the module docstring); ``[]`` for a staff credit."""
    return list(_parse_byline(text[:MAX_BYLINE_CHARS], outlet))


@lru_cache(maxsize=4096)
def _parse_byline(text: str, outlet: str | None) -> tuple[Author, ...]:
    """`parse_byline`, cached: a citation asks for the same few names many times, and
    nameparser takes ~0.1 ms a name."""
    return tuple(_parse_byline_uncached(text, outlet))


def _parse_byline_uncached(text: str, outlet: str | None) -> list[Author]:
    text = _clean(text)
    if not text:
        return []
    if _is_generic_staff(text):
        return []
    group = _staff_group(text, outlet)
    if group:
        return [Author(literal=group)]
    inverted = _inverted(text)
    if inverted is not None:
        return [inverted]
    authors: list[Author] = []
    for piece in _SEPARATORS.split(text, maxsplit=MAX_AUTHORS):
        piece = piece.strip(" .,:;-–—()[]")
        if not piece:
            continue
        lower = piece.lower().replace(" ", "")
        if lower.rstrip(".") + "." in SUFFIXES or lower in SUFFIXES or _ROMAN.match(piece):
            if authors and not authors[-1].is_group and not authors[-1].suffix:
                last = authors[-1]
                authors[-1] = Author(last.family, last.given, _suffix(piece), "")
            continue
        if _is_credential_run(piece) or _is_role(piece) or _is_generic_staff(piece):
            continue
        group = _staff_group(piece, outlet)
        if group:
            authors.append(Author(literal=group))
            continue
        person = _strip_roles(_affiliation_head(piece) or piece)
        if not person:
            continue
        authors.append(classify(person, outlet))
    seen: dict[str, Author] = {}
    for a in authors:
        seen.setdefault(a.display.casefold(), a)
    return list(seen.values())


def classify(text: str, outlet: str | None = None) -> Author:
    """One author string as a person or a group (no roles or staff words handled here)."""
    text = " ".join(text.split()).strip(" ,;")
    if is_group_name(text, outlet):
        return Author(literal=text)
    return person_name(text)


def is_group_name(text: str, outlet: str | None = None) -> bool:
    """True for an organisation: one word, an acronym, an organisation word, the outlet."""
    words = text.split()
    if not words:
        return False
    if len(words) == 1 and not re.fullmatch(r"\w+,", words[0]):
        return True
    if outlet and text.casefold() == " ".join(outlet.split()).casefold():
        return True
    if words[0].lower() == "the" or any(ch.isdigit() for ch in text):
        return True
    for word in words:
        bare = word.strip(".,;:()")
        if _ACRONYM.match(bare) and not _ROMAN.match(bare):
            return True
        if bare.lower() in ORG_WORDS:
            return True
    return False


def person_name(text: str) -> Author:
    """A person's name split by nameparser: honorifics and credentials dropped."""
    text = " ".join(text.split())
    if "," in text:
        family, _, given = text.partition(",")
        given_words = [w for w in given.split() if not _is_credential(w)]
        suffix = ""
        if given_words and _is_suffix(given_words[-1]):
            suffix = _suffix(given_words.pop())
        if family.strip() and given_words:
            text = " ".join(given_words) + " " + family.strip() + (" " + suffix if suffix else "")
    words = [w for w in text.split() if not _is_credential(w)]
    name = _human_name(" ".join(words))
    family = name.last
    given = " ".join(p for p in (name.first, name.middle) if p)
    suffix = ", ".join(_suffix(s) for s in name.suffix_list if _is_suffix(s))
    if not family and given:  # nameparser put a lone word in "first"
        family, given = given, ""
    if not family:
        return Author(literal=text)
    return Author(family=family, given=given, suffix=suffix)


# ----------------------------------------------------------------------------- helpers


def _text(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if len(text.split()) > 1 and text.isupper():  # "BY JANE DOE"
        text = text.title()
    text = _LINK.sub(" ", _EMAIL.sub(" ", text))
    text = _HANDLE.sub(" ", text)
    text = _DATE_TAIL.sub("", text)
    for _ in range(2):
        text = _LEAD_IN.sub("", text.strip(" :|-–—")).strip()
    text = _PLACE_TAIL.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    return " ".join(text.split()).strip(" ,;:|-–—")


def _is_generic_staff(text: str) -> bool:
    bare = re.sub(r"[^\w\s'’]", " ", text).lower()
    bare = " ".join(bare.split())
    bare = re.sub(r"^(?:the|our|by)\s+", "", bare)
    return bare in GENERIC_STAFF or bare.removeprefix("the ") in GENERIC_STAFF


def _staff_group(text: str, outlet: str | None) -> str | None:
    """'Reuters Staff' -> 'Reuters'; an organisation's own credit ('NHS Choices') as it is."""
    lower = text.lower()
    if "," in text or ";" in text or " and " in lower or " & " in text or _affiliation_head(text):
        return None  # several names, or "Jane Doe, staff writer": a role after a person
    for tail in STAFF_TAILS:
        if lower.endswith(" " + tail):
            head = text[: -len(tail)].strip(" :-–—")
            if head and not _is_generic_staff(head):
                return head
    words = text.split()
    if len(words) >= 2 and _is_role(text):
        return None
    return text if is_group_name(text, outlet) and not _looks_like_person(text) else None


_AFFILIATION = re.compile(r"^(.*?\S)\s+(?:of|at|from)\s+(?:the\s+)?[A-Z].*$")


def _affiliation_head(text: str) -> str | None:
    """'Jane Doe of the University of Pavia' -> 'Jane Doe' (None when no person leads)."""
    match = _AFFILIATION.match(text)
    if not match:
        return None
    head = match.group(1)
    words = [w.strip(".,").lower() for w in head.split()]
    if len(words) < 2 or any(w in ORG_WORDS for w in words) or _is_role(head):
        return None
    return head


def _looks_like_person(text: str) -> bool:
    """'Dr. Jane Doe' with an honorific, or 'J. Doe' with initials: a person, not a group."""
    words = text.split()
    if not words:
        return False
    first = _human_name(text)
    if first.title and len(words) > 1:
        return not any(w.lower().strip(".,") in ORG_WORDS for w in words)
    return False


def _inverted(text: str) -> Author | None:
    """'Adami, Raffaella' or 'King, Martin Luther, Jr.': one person, family name first."""
    if re.search(r"\band\b|&|;", text, re.IGNORECASE):
        return None
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 3 and _is_suffix(parts[2]):
        family, given, suffix = parts[0], parts[1], _suffix(parts[2])
    elif len(parts) == 2:
        family, given, suffix = parts[0], parts[1], ""
    else:
        return None
    if not family or not given:
        return None
    fam_words = family.split()
    given_names = [w for w in given.split() if not re.fullmatch(r"(?:[A-Z]\.?-?)+", w)]
    if (
        len(fam_words) > 1
        and fam_words[0].lower() not in {"van", "von", "de", "del", "da", "di"}
        and len(given_names) != 1
    ):
        # "Hannah Oduya, Jane Smith": two full names. A compound family name before one
        # given name ("García Márquez, Gabriel") stays one person, family name first.
        return None
    if _is_role(given) or _is_credential_run(given) or _is_suffix(given):
        return None
    if is_group_name(family) and len(fam_words) == 1 and _ACRONYM.match(family):
        return None
    given_words = given.split()
    if len(given_words) > 3 or not all(w[:1].isupper() for w in given_words):
        return None
    given = " ".join(w for w in given_words if not _is_honorific(w) and not _is_credential(w))
    return Author(family=family, given=given, suffix=suffix) if given else None


def _is_honorific(word: str) -> bool:
    return word.lower().strip(".") in _titles()


def _is_role(text: str) -> bool:
    """'Science Correspondent', 'Senior Health Reporter', 'Staff writer'."""
    words = [w.strip(".,:;()").lower() for w in text.split()]
    words = [w for w in words if w]
    if not words or words[-1] not in ROLE_HEADS:
        return False
    return all(w in ROLE_WORDS or w in ROLE_HEADS for w in words[:-1])


def _strip_roles(text: str) -> str:
    """'Health Editor Jane Doe' -> 'Jane Doe'; 'Jane Doe Science Correspondent' -> 'Jane Doe'."""
    words = text.split()
    lowered = [w.strip(".,:;()").lower() for w in words]
    # A role in front: everything up to its last head word goes, when a name follows.
    for i in range(len(words) - 2, -1, -1):
        if lowered[i] in ROLE_HEADS and all(
            w in ROLE_WORDS or w in ROLE_HEADS for w in lowered[:i]
        ):
            words, lowered = words[i + 1 :], lowered[i + 1 :]
            break
    # A role behind the name: a head word last, with desk words before it.
    if len(words) > 2 and lowered[-1] in ROLE_HEADS:
        j = len(words) - 1
        while j > 2 and lowered[j - 1] in ROLE_WORDS:
            j -= 1
        if j >= 2:
            words = words[:j]
    words = [w for w in words if not _is_credential(w)]
    return " ".join(words)


def _is_credential(word: str) -> bool:
    return word.strip(",;()").lower() in CREDENTIALS


def _is_credential_run(text: str) -> bool:
    words = text.replace(",", " ").split()
    return bool(words) and all(_is_credential(w) for w in words)


def _is_suffix(text: str) -> bool:
    bare = text.strip(" ,").lower()
    return bare in SUFFIXES or bool(_ROMAN.match(text.strip(" ,")))


def _suffix(text: str) -> str:
    """'jr' -> 'Jr.', 'iii' -> 'III'."""
    bare = text.strip(" ,.")
    if bare.lower() in ("jr", "sr"):
        return bare[0].upper() + bare[1:].lower() + "."
    return bare.upper()
