"""Reference entries and in-text citations in APA 7, MLA 9 and Chicago 17 (notes).

Hand-written for the few source types legreader cites (an online article or blog post,
and the primary study as a journal article); see the package docstring for why not CSL.
Output is plain text (no italics). Missing fields follow each style's own fallbacks:
"n.d." in APA, the title moved to the front when there is no author, a bracketed or plain
description when there is no title. No Textual import.
"""

from __future__ import annotations

import re

from legreader.cite.source import Name, PartialDate, SourceInfo

MONTHS = (
    "January February March April May June July August September October November December"
).split()
MLA_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split()
UNTITLED = "Untitled article"
_TERMINAL = (".", "?", "!", "…")
#: Lower case inside a title in headline style (MLA, Chicago; APA in-text): articles,
#: coordinating conjunctions, and every preposition, however long ("between", "without",
#: "through"), as MLA 9, CMOS 17 (8.159) and citeproc-js all do. A word the title
#: already capitalises is left alone (citeproc-js does the same).
MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs vs. v. from "
    "into onto over with than about above across after against along alongside amid amidst "
    "among amongst around aside astride atop barring before behind below beneath beside "
    "besides between beyond circa despite down during except given inside like near next "
    "notwithstanding out per plus since through throughout till toward towards under "
    "underneath until unto upon versus within without et al".split()
)
#: APA 7 (6.17) title case lowercases only minor words of three letters or fewer: "With",
#: "From", "Between" are capitalised (citeproc-js lowercases them: a known difference).
APA_MINOR_WORDS = frozenset(w for w in MINOR_WORDS if len(w.rstrip(".")) <= 3)


def end(text: str, mark: str = ".") -> str:
    """Close a sentence element with `mark` unless it already ends with a terminal mark."""
    text = text.rstrip()
    return text if text.endswith(_TERMINAL) else text + mark


def quoted(title: str, mark: str = "") -> str:
    """A title in double quotes, with US-style punctuation inside: “Title,”.

    A comma is kept after a title's own ? or ! (“Sleep?,”: citeproc-js prints it so in Chicago
    17 notes and APA 7 in-text citations); a period is not (“Sleep?”). Inner double quotes
    become single ones.
    """
    inner_close = title.endswith(('"', "”"))  # ends with a quotation: ‘Leg Day.’
    title = typographic(title)
    if mark == "." and title.endswith(_TERMINAL):
        return f"“{title}”"
    if mark and inner_close and not title[:-1].endswith(_TERMINAL):
        return f"“{title[:-1]}{mark}’”"
    return f"“{title}{mark}”"


def typographic(title: str) -> str:
    """Curly apostrophes and, inside the title, single quotes for double ones (as citeproc-js)."""
    title = re.sub(r"(?<=\w)'(?=\w)", "’", title)
    title = title.replace("“", "‘").replace("”", "’")
    count = 0

    def swap(_m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "‘" if count % 2 else "’"

    return re.sub(r'"', swap, title)


def short_title(title: str, words: int = 4) -> str:
    """The title up to its first colon, at most `words` words (for in-text citations)."""
    head = title.split(":", 1)[0].strip() or title
    parts = head.split()
    if len(parts) <= words:
        return head
    parts = parts[:words]
    while len(parts) > 1 and parts[-1].lower().strip(",;") in MINOR_WORDS:
        parts.pop()
    return " ".join(parts).rstrip(",;")


def headline_case(title: str, minor: frozenset[str] = MINOR_WORDS) -> str:
    """MLA/Chicago title case: capitalise every word but minor ones (never lowercases).

    Words with a capital or a digit or a dot inside (iPhone, mRNA, e.g.) are left alone;
    the first and last word and a word after a colon, ? or ! are always capitalised.
    """
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        first = i == 0 or words[i - 1].endswith((":", "—", "?", "!"))
        last = i == len(words) - 1
        bare = word.strip("“”‘’\"'()[],;:")
        if not bare or any(c.isupper() or c.isdigit() for c in bare[1:]) or "." in bare:
            out.append(word)
            continue
        if bare.lower() in minor and not (first or last):
            out.append(word)
            continue
        out.append("-".join(_cap(part) for part in word.split("-")))
    return " ".join(out)


def apa_title_case(title: str) -> str:
    """APA 7 title case (6.17): minor words of three letters or fewer stay lower case."""
    return headline_case(title, APA_MINOR_WORDS)


def _cap(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1 :]
    return word


def date_dmy(date: PartialDate, months: list[str] = MONTHS) -> str:
    """'10 June 2018', 'June 2018', '2018'."""
    bits = [str(date.day)] if date.day and date.month else []
    if date.month:
        bits.append(months[date.month - 1])
    return " ".join(bits + [str(date.year)])


def date_mdy(date: PartialDate) -> str:
    """'June 10, 2018', 'June 2018', '2018'."""
    if date.month and date.day:
        return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


# ---------------------------------------------------------------- APA 7


def apa_names(names: list[Name]) -> str:
    def one(n: Name) -> str:
        if n.literal:
            return n.literal
        return ", ".join(p for p in (n.family, n.initials(), n.suffix) if p)

    items = [one(n) for n in names]
    if len(items) > 20:
        return ", ".join(items[:19]) + ", . . . " + items[-1]
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]}, & {items[1]}"
    return ", ".join(items[:-1]) + ", & " + items[-1]


def apa_date(src: SourceInfo) -> str:
    date = src.issued
    if date is None:
        return "(n.d.)"
    if src.is_journal or not date.month:
        return f"({date.year})"
    if date.day:
        return f"({date.year}, {MONTHS[date.month - 1]} {date.day})"
    return f"({date.year}, {MONTHS[date.month - 1]})"


def apa_reference(src: SourceInfo, accessed: str | None = None) -> str:
    """Reference-list entry: `Smiechowski, J. (2018, June 10). Title. Outlet. URL`.

    An undated page with a URL gets its retrieval date, `Retrieved January 2, 2026, from
    URL` (APA 7, 9.16), when `accessed` is given.
    """
    title = typographic(src.real_title) if src.real_title else f"[{UNTITLED}]"
    names = src.names
    if names:
        parts = [end(apa_names(names)), apa_date(src) + ".", end(title)]
    else:
        parts = [end(title), apa_date(src) + "."]
    if src.is_journal and src.outlet:
        where = src.outlet
        if src.volume:
            where += f", {src.volume}"
        if src.number:
            where += f", Article {src.number}"
        parts.append(end(where))
    elif src.outlet:
        parts.append(end(src.outlet))
    stamp = PartialDate.parse(accessed)
    if src.link and src.issued is None and stamp and stamp.day and not src.doi:
        parts.append(f"Retrieved {date_mdy(stamp)}, from {src.link}")
    elif src.link:
        parts.append(src.link)
    return " ".join(parts)


def apa_intext(src: SourceInfo, paragraph: int | None = None) -> str:
    """Parenthetical citation: `(Smiechowski, 2018)`, `(“Short Title,” n.d.)`.

    `paragraph`: where a quote is in a source without page numbers (a web page): APA 7
    (8.28) wants its paragraph, `(Smiechowski, 2018, para. 4)`.
    """
    date = src.issued
    year = str(date.year) if date else "n.d."
    where = f", para. {paragraph}" if paragraph else ""
    names = src.names
    if not names:
        title = src.real_title and apa_title_case(short_title(src.real_title))
        if not title:
            return f"([{UNTITLED}], {year}{where})"
        if _standalone(src):  # a title in italics (plain text: none)
            return f"({typographic(title)}, {year}{where})"
        return f"({quoted(title, ',')} {year}{where})"
    if len(names) == 1:
        who = names[0].short
    elif len(names) == 2:
        who = f"{names[0].short} & {names[1].short}"
    else:
        who = f"{names[0].short} et al."
    return f"({who}, {year}{where})"


def _standalone(src: SourceInfo) -> bool:
    """A web page that is not part of a named site or journal: APA and MLA italicise its
    title (here: no quotation marks) instead of quoting it."""
    return not src.outlet and not src.is_journal


# ---------------------------------------------------------------- MLA 9


def mla_names(names: list[Name]) -> str:
    if len(names) == 1:
        return names[0].inverted
    if len(names) == 2:
        return f"{names[0].inverted}, and {names[1].display}"
    return f"{names[0].inverted}, et al."


def mla_reference(src: SourceInfo, accessed: str | None = None) -> str:
    """Works-cited entry: `Smiechowski, Jenny. “Title.” Outlet, 10 June 2018, URL.`"""
    head = []
    if src.names:
        head.append(end(mla_names(src.names)))
    title = src.real_title and headline_case(src.real_title)
    if not title:
        head.append(f"{UNTITLED}.")
    elif _standalone(src):
        head.append(end(typographic(title)))
    else:
        head.append(quoted(title, "."))
    container: list[str] = []
    if src.outlet:
        container.append(src.outlet)
    if src.is_journal and src.volume:
        container.append(f"vol. {src.volume}")
    date = src.issued
    if date:
        # A journal issue is dated by month (as citeproc-js prints it); a web page by day.
        shown = PartialDate(date.year, date.month) if src.is_journal else date
        container.append(date_dmy(shown, MLA_MONTHS))
    if src.is_journal and src.number:
        container.append(f"article {src.number}")
    if src.link:
        container.append(src.link)
    out = " ".join(head)
    if container:
        out += " " + end(", ".join(container))
    stamp = PartialDate.parse(accessed)
    if date is None and stamp and stamp.day:
        out += f" Accessed {date_dmy(stamp, MLA_MONTHS)}."
    return out


def mla_intext(src: SourceInfo) -> str:
    """Parenthetical citation: `(Smiechowski)`, `(“Short Title”)`."""
    names = src.names
    if not names:
        title = src.real_title and headline_case(short_title(src.real_title))
        if not title:
            return f"({UNTITLED})"
        return f"({typographic(title)})" if _standalone(src) else f"({quoted(title)})"
    if len(names) == 1:
        return f"({names[0].short})"
    if len(names) == 2:
        return f"({names[0].short} and {names[1].short})"
    return f"({names[0].short} et al.)"


# ---------------------------------------------------------------- Chicago 17, notes


def chicago_names(names: list[Name]) -> str:
    shown = [n.display for n in names]
    if len(shown) >= 4:
        return f"{shown[0]} et al."
    if len(shown) == 3:
        return f"{shown[0]}, {shown[1]}, and {shown[2]}"
    return " and ".join(shown)


def chicago_note(src: SourceInfo, accessed: str | None = None) -> str:
    """Full note: `Jenny Smiechowski, “Title,” Outlet, June 10, 2018, URL.`

    An undated article says "n.d." (a page of no named site does not), then its access
    date when it has a URL (CMOS 17; as citeproc-js prints it).
    """
    parts: list[str] = []
    if src.names:
        parts.append(chicago_names(src.names))
    title = src.real_title and headline_case(src.real_title)
    date = src.issued
    if src.is_journal:
        parts.append(quoted(title or UNTITLED, ","))
        journal = " ".join(p for p in (src.outlet, src.volume) if p)
        if date:
            when = f"{MONTHS[date.month - 1]} {date.year}" if date.month else str(date.year)
            journal = f"{journal} ({when})" if journal else f"({when})"
        if src.number:
            journal += f": {src.number}"
        parts.append(journal)
        if src.link:
            parts.append(src.link)
        return _join_note(parts)
    parts.append(quoted(title, ",") if title else UNTITLED)
    if src.outlet:
        parts.append(src.outlet)
    stamp = PartialDate.parse(accessed)
    if date:
        parts.append(("last modified " if src.only_updated else "") + date_mdy(date))
    else:
        if src.outlet or src.kind == "blog":
            parts.append("n.d.")  # a web page of no named site is dated by access alone
        if stamp and stamp.day and src.link:
            parts.append(f"accessed {date_mdy(stamp)}")
    if src.link:
        parts.append(src.link)
    return _join_note(parts)


def _join_note(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith((",”", ",’”")):
            out += " " + part
        else:
            out += ", " + part
    if out.endswith(",”"):  # the note ends with the title: “Title.”, “Title?”
        head = out[:-2]
        return head + ("”" if head.endswith(_TERMINAL) else ".”")
    if out.endswith(",’”"):  # … ‘Leg Day.’”
        return out[:-3] + ".’”"
    return end(out)


# ---------------------------------------------------------------- plain


def plain_source(src: SourceInfo) -> str:
    """`Jenny Smiechowski, “Title”, Outlet, 10 June 2018. URL` (what is known of it)."""
    names = src.names
    parts = []
    if names:
        parts.append(
            f"{names[0].display} et al."
            if len(names) > 2
            else " and ".join(n.display for n in names)
        )
    if src.real_title:
        parts.append(quoted(src.real_title))
    journal = src.outlet
    if journal and src.is_journal:
        journal = " ".join(p for p in (journal, src.volume) if p)
        if src.number:
            journal += f": {src.number}"
    if journal:
        parts.append(journal)
    date = src.issued
    if date:
        parts.append(("updated " if src.only_updated else "") + date_dmy(date))
    text = ", ".join(parts)
    if src.link:
        text = f"{end(text)} {src.link}" if text else src.link
    return text
