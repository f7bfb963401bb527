"""Quantities in prose: "70%", "seventy percent", "1.2 million", "a 28-day period", "50 to 70 %".

Pure Python, no Textual. :func:`parse_quantities` is the one public entry point; the statistic
category of the claim engine and the cross-article comparison are both built on it.

Numbers that are not quantities are left out: bare years ("in 2018"), days of a date ("May 25,
2018"), ordinals ("23rd"), digits glued to letters or slashes (gene names), and numbers inside
URLs and DOIs ("doi:10.3389/...").

One module over 500 lines because it is one parser (:func:`parse_quantities`): every helper is a
step of one grammar of numbers and units.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from legreader.claims.numbers import ONES, SCALES, TENS, word_value

from . import regex as re  # re, with compile() served from the compiled-pattern table

__all__ = ["Quantity", "QuantityKind", "parse_quantities"]

#: What a quantity written as words of proportion is: "one in three", "three out of four", "a
#: quarter of" (ratio); "twice as likely", "tenfold", "three times" (multiplier); "a dozen",
#: "hundreds of", "five or more" (approximate count). None for a plain number.
QuantityKind = Literal["ratio", "multiplier", "approximate count"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text."""

    start: int
    """Offset of the first code point (the qualifier, if any, is not included)."""
    end: int
    """Offset one past the last code point (the unit, if any, is included)."""
    text: str
    """Exactly ``text[start:end]`` of the parsed string."""
    value: float
    """The number; the midpoint for a range ("50 to 70 %" -> 60.0)."""
    unit: str | None
    """Normalised unit: ``"%"``, ``"days"``, ``"participants"``, ``"kg"``, ``"°C"``/``"°F"``, a plural
    noun ("genes", "cell types"), or None."""
    low: float | None = None
    """Lower end of a range, else None."""
    high: float | None = None
    """Upper end of a range, else None."""
    approx: bool = False
    """True after "about", "roughly", "nearly", "around", "approximately", "~"..."""
    bound: str | None = None
    """``">"``, ``">="``, ``"<"`` or ``"<="`` after "more than", "at least", "less than", "up to"."""
    kind: QuantityKind | None = None
    """:data:`QuantityKind` of a ratio, multiplier or approximate count; None otherwise."""


# --- number words -------------------------------------------------------------------------------

_ONES = ONES
_TENS = TENS
_SCALES = SCALES

# Longest alternatives first so "seventeen" is not read as "seven".
_ONES_RE = "|".join(sorted(_ONES, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_SMALL = rf"(?:(?:{_TENS_RE})(?:[\s-]+(?:{_ONES_RE}))?|{_ONES_RE})"
_WORDNUM = rf"{_SMALL}(?:[\s-]+(?:and[\s-]+)?(?:hundred|thousand|million|billion)\b(?:[\s-]+(?:and[\s-]+)?{_SMALL}\b(?![\s-]+(?:hundred|thousand|million|billion)\b))?)*"

#: Nouns that make "a"/"an" a count of one ("a gene" = 1 gene, "a stress hormone" = 1 hormone):
#: countable things a study report counts, never a measure or a kind ("a form of"). One modifier
#: word may stand between the article and the noun ("a stress hormone", "a key enzyme").
_ONE_OF_NOUNS = (
    "gene|protein|mutation|variant|dose|serving|participant|patient|volunteer|hormone|enzyme"
    "|receptor|molecule|neuron|metabolite|biomarker|antibody|cell\\s+type|cell\\s+line"
)

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_NUM = rf"(?:{_DIGITS}|\b(?:{_WORDNUM})\b|\ban?(?=\s+(?:[a-z][a-z-]*\s+)?(?:{_ONE_OF_NOUNS})\b))"
_SCALE = r"(?:[\s-]*(?P<{name}>thousand|million|billion|trillion)\b)?"

_TIME_UNITS = r"(?:second|sec|minute|min|hour|hr|day|week|wk|month|year|yr|decade)s?"
_MEASURE_UNITS = r"(?:kg|mg|mcg|µg|μg|g|ml|km|cm|mm|m|mi|lbs?|oz|kcal|cal|mmhg|mmol/l|mg/dl|bpm|iu)"

_UNITS = rf"""
    (?:
        (?P<pct>\s?%|\s*per\s?cent\b|\s*percentage\ points?\b|\s*pp\b)
      | (?P<time>[\s-]{_TIME_UNITS}\b(?:[\s-]old\b)?)
      | (?P<fold>[\s-]?(?:fold|times)\b|x\b)
      | (?P<temp>\s?[°º˚]\s?(?:c|f|celsius|fahrenheit)\b|\s?[℃℉]
                 |[\s-]degrees?(?:\s+(?:celsius|centigrade|fahrenheit|c|f)\b)?\b)
      | (?P<measure>\s?{_MEASURE_UNITS}(?![\w/]))
      | (?=(?P<noun>\s+[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){{0,3}}))
    )?"""

# The patterns are written in lower case and run over the lower-cased text (faster than
# IGNORECASE); texts whose length changes when lower-cased use the IGNORECASE twins.
_CORE = rf"(?<![\w.,/\\-])(?P<n1>{_NUM}){_SCALE.format(name='s1')}"
_TAIL = (
    rf"(?:(?P<sep>\s*(?:-|–|—|to)\s*)(?:[$£€]\s?)?(?P<n2>{_DIGITS}|\b(?:{_WORDNUM})\b)"
    rf"{_SCALE.format(name='s2')})?{_UNITS}"
)
_TAIL_AND = _TAIL.replace("(?:-|–|—|to)", "and", 1)
_PREFIX = r"""
    (?P<approx>\b(?:about|roughly|nearly|around|approximately|almost|some|an\ estimated
        |close\ to|circa|ca\.)\s+|~\s*)?
    (?P<bound>\b(?:more\ than|over|at\ least|less\ than|fewer\ than|under|up\ to
        |as\ many\ as|as\ much\ as|as\ few\ as)\s+|[<>]=?\s*|[≤≥]\s*)?
    (?P<neq>\bn\s*=\s*)?
    (?P<between>\bbetween\s+)?
    (?P<cur>[$£€]\s?)?$"""


def _compile(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(pattern, re.VERBOSE), re.compile(pattern, re.VERBOSE | re.IGNORECASE)


_CORE_RE = _compile(_CORE)
_TAIL_RE = _compile(_TAIL)
_TAIL_AND_RE = _compile(_TAIL_AND)
_PREFIX_RE = _compile(_PREFIX)


def _first_letter_groups(words: list[str]) -> str:
    """``(?:w1|w2|...)`` with the words grouped by their first letter (``re`` rejects a word
    in one or two character tests)."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items()) + ")"


_NUMBER_AHEAD = rf"(?=\d|\.\d|an?\s|{_first_letter_groups([*_ONES, *_TENS])})"
_CORE_GATE_RES = (
    _compile(rf"\x20{_NUMBER_AHEAD}"),
    _compile(rf"[^\w\x20.,/\\-]{_NUMBER_AHEAD}"),
)
"""The character before a number: :data:`_CORE`'s look-behind turned into a character that a
match starts with, then a quick look at the first characters of :data:`_NUM` (a digit, "a "/"an ",
a number word), so ``re`` tries few positions. Two searches: one after a space (a literal:
``re`` skips to each), one after any other such character (rarer, so the look-ahead is tried
at few places)."""


def core_matches(lowered: str, variant: int, *, fast: bool = True) -> list[re.Match[str]]:
    """``list(_CORE_RE[variant].finditer(lowered))``, found from the characters before numbers.

    The plain search runs :data:`_CORE`'s look-behind and alternatives at every position of the
    text (the largest part of :func:`parse_quantities`). Every match starts at 0 or right after a
    hit of :data:`_CORE_GATE_RES`, so the pattern is matched only there, leftmost first, from the
    end of the last match (finditer's rule). ``fast=False``: the plain search
    (``tests/test_claims_quantities_fast.py`` checks the two agree)."""
    core = _CORE_RE[variant]
    if not fast:
        return list(core.finditer(lowered))
    match = core.match
    first = match(lowered, 0)
    out: list[re.Match[str]] = [] if first is None else [first]
    pos = 0 if first is None else first.end()
    after_space, after_other = _CORE_GATE_RES
    places = [hit.end() for hit in after_space[variant].finditer(lowered)]
    places += [hit.end() for hit in after_other[variant].finditer(lowered)]
    places.sort()
    for p in places:
        if p >= pos:
            m = match(lowered, p)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


_HALF_RE = re.compile(
    r"(?P<approx>\b(?:about|roughly|nearly|around|almost|some)\s+)?"
    r"\b(?P<what>(?:a|one)[\s-]+half|half|a\s+third|one[\s-]+third|a\s+quarter|one[\s-]+quarter|"
    r"two[\s-]+thirds|three[\s-]+quarters)\b(?=\s+(?:of|the|their|all|those|these)\b)",
    re.IGNORECASE,
)
_HALF_GATE_RE = re.compile(r"half|third|quarter")


def half_matches(
    text: str, lowered: str | None = None, positions: list[int] | None = None
) -> list[re.Match[str]]:
    """``list(_HALF_RE.finditer(text))``, found from the fraction words.

    The plain search tries the optional "about" at every position of the text (a third of
    ``parse_quantities`` on real sentences). Every match ends with a fraction word ("half",
    "third", "quarter") and starts at most two words before that word's start ("about two
    thirds"), however much whitespace stands between them; so for each fraction word in
    ``lowered`` (``text.lower()``, same length; None: not known, the plain search) the pattern
    is matched at those few word starts, leftmost first, after the end of the last match
    (finditer's rule). ``positions``: where the fraction words start in ``lowered``, if known.
    ``tests/test_claims_half_fast.py`` checks it equals the plain search."""
    if lowered is None:
        return list(_HALF_RE.finditer(text))
    if positions is None:
        positions = [hit.start() for hit in _HALF_GATE_RE.finditer(lowered)]
    out: list[re.Match[str]] = []
    last_end = 0
    for p in positions:
        if p < last_end:
            continue
        w = p
        while w > 0 and _word_char(text[w - 1]):
            w -= 1
        starts = [w]
        for _ in range(2):  # up to two words before: "about" and "two" (of "two thirds")
            k = starts[-1]
            while k > 0 and (text[k - 1].isspace() or text[k - 1] == "-"):
                k -= 1
            j = k
            while j > 0 and _word_char(text[j - 1]):
                j -= 1
            if j == k or k == starts[-1]:
                break
            starts.append(j)
        for c in reversed(starts):
            if c >= last_end:
                m = _HALF_RE.match(text, c)
                if m is not None and m.end() > p:
                    out.append(m)
                    last_end = m.end()
                    break
    return out


def _word_char(c: str) -> bool:
    """``c`` is a ``\\w`` character."""
    return c.isalnum() or c == "_"


_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "two thirds": 200 / 3,
              "three quarters": 75.0}  # fmt: skip

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s|,|$)", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)

#: Words that end a noun run after a number: function words (articles, prepositions, conjunctions,
#: pronouns, auxiliaries, adverbs of place and degree), comparatives. None of them is ever a unit.
_STOP = frozenset(
    """a an the of in on at to for from by with without and or but nor than as that which who
    whom whose this these those their its his her our your my was were is are be been being have
    has had do does did will would could should may might can must not no more less fewer
    higher lower greater smaller larger older younger after before during since until per each
    every all some any most many much other another such same so very also only just about into
    over under between among out up down off when where while if then there here it they we he
    she you i me us them him what how why ago later earlier old
    along alongside around across through throughout within toward towards upon onto beyond
    against despite near via amid amidst amongst above below behind beside besides inside outside
    past except like unlike versus vs whereas although though because whether yet still even
    already again ever never always often now too either neither both thus hence however
    therefore instead rather quite well back away apart together ahead alone overall own
    respectively altogether else get gets got nearly almost""".split()
)
#: Past participles and verb forms that do not end in -ed/-ing: they follow a counted noun
#: ("a hormone known as", "two genes found in"), never name it.
_VERB_FORMS = frozenset(
    """known shown found made given taken seen thought held kept left built grown drawn born done
    gone written chosen driven worn told said put set led fed bred hidden broken spoken frozen
    become came come went brought bought caught taught sought meant felt lost won spent sent
    tend tends show shows make makes take takes need needs seem seems appear appears""".split()
)
#: Adjectives that stand between a number and the counted noun ("12,000 older adults",
#: "20 adult mice", "two separate studies"): skipped when a noun follows them.
_PRE_NOUN = frozenset(
    """older younger old young healthy unhealthy obese overweight adult elderly male female
    pregnant sedentary active inactive new additional extra more fewer separate different
    distinct independent previous recent""".split()
)
_PEOPLE = frozenset(
    """participant participants people person persons patient patients subject subjects volunteer
    volunteers adult adults individual individuals respondent respondents men women man woman
    children child kids kid""".split()
)
_IRREGULAR_PLURAL = {"mouse": "mice", "person": "people", "child": "children", "man": "men",
                     "woman": "women", "foot": "feet", "tooth": "teeth"}  # fmt: skip
_PLURAL_FORMS = frozenset(_IRREGULAR_PLURAL.values())
_TIME_NORMAL = {"second": "seconds", "sec": "seconds", "minute": "minutes", "min": "minutes",
                "hour": "hours", "hr": "hours", "day": "days", "week": "weeks", "wk": "weeks",
                "month": "months", "year": "years", "yr": "years", "decade": "decades"}  # fmt: skip


_NOT_NOUN_ENDINGS = ("ly", "ed", "ing")
_ONE_OF = frozenset(
    (
        "gene protein mutation variant dose serving participant patient volunteer hormone "
        "enzyme receptor molecule neuron metabolite biomarker antibody"
    ).split()
)
"""The singular heads of :data:`_ONE_OF_NOUNS` (plus "cell", for "cell type"/"cell line")."""
_COUNT_NOUNS = _ONE_OF | {"mice", "cell", "group", "study", "trial"}
_COMPOUND_TAIL = frozenset("type types line lines".split())
"""Nouns that make one noun with a count noun before them ("cell type", "cell lines")."""
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|during|from|of|year|early|late|mid)\s+|[,(]\s*)$", re.IGNORECASE
)


_word_value = word_value


def _number(token: str, scale: str | None) -> float:
    if token[0].isdigit() or token[0] == ".":
        value = float(token.replace(",", ""))
    else:
        value = _word_value(token)
    if scale:
        value *= _SCALES[scale.lower()]
    return value


def _plural(noun: str) -> str:
    noun = noun.lower()
    if noun in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[noun]
    if noun.endswith("s") or noun in _PLURAL_FORMS:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    return noun + "s"


def _noun_like(word: str) -> bool:
    """True when ``word`` (lower case, stripped) can be part of a counted noun phrase."""
    return (
        (word.isalpha() or "-" in word and word.replace("-", "").isalpha())
        and word not in _STOP
        and word not in _VERB_FORMS
        and (not word.endswith(_NOT_NOUN_ENDINGS) or word in _ONE_OF)
    )


def _plural_like(word: str) -> bool:
    """A plural noun: "adults", "mice", "genes"; not "stress", "virus", "analysis"."""
    return (
        word in _PEOPLE
        or word in _PLURAL_FORMS
        or len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
    )


_TOKEN_RE = re.compile(r"\S+")
_LETTERS_RE = re.compile(r"[a-z]+")


def _noun_unit(run: str) -> tuple[str | None, int]:
    """The unit noun at the head of ``run`` and how many characters of ``run`` it covers.

    Adjectives before the noun are skipped ("older adults"), and so is a participle that stands
    before a plural noun ("12 trained athletes"); the run ends at the first plural or count noun,
    and before any function word, verb form or participle ("a gene involved in", "60 to 80 along").
    """
    tokens = [(m.group().lower().strip("'-"), m.end()) for m in _TOKEN_RE.finditer(run)]
    unit: str | None = None
    covered = 0
    for k, (word, end) in enumerate(tokens):
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if (
            unit is None
            and nxt
            and _noun_like(nxt)
            and (word in _PRE_NOUN or word.endswith(("ed", "ing")) and _plural_like(nxt))
        ):
            continue  # "older adults", "adult mice", "trained athletes"
        if not word or not _noun_like(word):
            break
        if word in _COMPOUND_TAIL and unit in _COUNT_NOUNS:
            unit = f"{unit} {_plural(word)}"  # "cell type" -> "cell types"
            covered = end
            break
        unit = word
        covered = end
        if word in _COUNT_NOUNS and nxt in _COMPOUND_TAIL:
            continue
        if word in _COUNT_NOUNS or _plural_like(word):
            break  # a plural or count noun ends the phrase ("stem cells", "genes", "a gene")
    if unit is None:
        return None, 0
    if unit in _PEOPLE:
        return "participants", covered
    return (unit if " " in unit else _plural(unit)), covered


def _temperature(raw: str) -> str:
    """ "°C" or "°F" for a temperature unit as written; "degrees" when no scale is given."""
    raw = raw.lower()
    if "℉" in raw or "f" in raw:
        return "°F"
    if "℃" in raw or "c" in raw.replace("degree", ""):
        return "°C"
    return "degrees"


_LINK_RES = (
    ("http", re.compile(r"https?://\S+")),
    ("www.", re.compile(r"www\.\S+")),
    ("doi", re.compile(r"doi:?\s*10\.\S+")),
    ("10.", re.compile(r"10\.(?<![\w.]10\.)\d{4,9}/\S+")),
)
"""URLs and DOIs (searched in the lower-cased text): numbers inside them are not quantities."""


def _link_spans(lowered: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for gate, rx in _LINK_RES:
        if gate in lowered:
            spans.extend(m.span() for m in rx.finditer(lowered))
    spans.sort()
    return spans


_BOUNDS = {"more than": ">", "over": ">", "at least": ">=", "less than": "<", "fewer than": "<",
           "under": "<", "up to": "<=", "as many as": "<=", "as much as": "<=", "as few as": ">=",
           ">": ">", ">=": ">=", "<": "<", "<=": "<=", "≤": "<=", "≥": ">="}  # fmt: skip


def _is_date_part(text: str, start: int, end: int, token: str) -> bool:
    """True for a year on its own, a day of a date or an ordinal."""
    if _ORDINAL_AFTER.match(text, end):
        return True
    if token.isdigit() and len(token) <= 2:
        window = text[max(0, start - 12) : start]
        if _MONTH_BEFORE.search(window) or _MONTH_AFTER.match(text, end, end + 16):
            return True
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100


_UNIT_GROUPS = ("pct", "time", "fold", "temp", "measure", "noun")
_SIGN_CHARS = frozenset("=$£€")
_PREFIX_LAST = ("about", "roughly", "nearly", "around", "approximately", "almost", "some",
                "estimated", "to", "circa", ".", "than", "over", "least", "under", "as", "between",
                "~", "<", ">", "=", "≤", "≥", "$", "£", "€")  # fmt: skip
"""Every way a :data:`_PREFIX_RE` group can end (before its trailing spaces)."""


def _prefix(window: str, variant: int) -> re.Match[str] | None:
    """:data:`_PREFIX_RE` searched in ``window``; None when no group can match (the common case).

    The all-optional pattern anchored at ``$`` is tried at every position of the window, which is
    slow; a window that does not end in one of :data:`_PREFIX_LAST` cannot match any group."""
    if not window:
        return None
    if variant == 0 and not window.rstrip().endswith(_PREFIX_LAST):
        return None
    return _PREFIX_RE[variant].search(window)


# --- words of proportion: ratios, multipliers, approximate counts --------------------------------

_LABEL_BEFORE_RE = _compile(
    r"\b(?:type|stage|grade|phase|class|category|level|step|wave|generation|version|cycle"
    r"|figure|fig\.|table|chapter|section|no\.|number|trisomy|apoe|covid|hpv|cyp)[\s-]*$"
)
"""A word that makes the number after it a name ("type 2", "phase 3", "stage IV")."""
_RATIO_AFTER_RE = _compile(
    rf"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:(?P<a>an?)\s+)?"
    rf"(?P<b>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORDNUM})|hundred|thousand|million|billion)\b"
    r"(?![.,]\d)"
)
"""After a number: " in 10", " out of four", " in every five", " in a million"."""
_OR_MORE_RE = _compile(
    r"\s+or\s+(?P<dir>more|greater|above|over|higher|fewer|less|below|under|lower)\b"
)
"""After a number: "or more", "or fewer" (an open count: "five or more cups")."""
_OR_BOUND = {"more": ">=", "greater": ">=", "above": ">=", "over": ">=", "higher": ">=",
             "fewer": "<=", "less": "<=", "below": "<=", "under": "<=", "lower": "<="}  # fmt: skip
_WORD_BEFORE = r"(?<![\w])"
"""What the reference patterns put where the fast ones check the character before in Python."""
_DOZEN = r"(?:(?P<n>a|one|two|three|four|five|six|half\sa)\s)?"
_DOZEN_TAIL = r"(?P<w>dozens?)\b(?P<of>\s+of\b)?"
_MANY_OF = {"tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_MANY_TAIL = r"\s+of\b"
_TIMES_WORD = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
_TIMES_TAIL = r"(?=\s+(?:as|the|that|this|those|these|its|their|his|her|our|your)\b)"
_FOLD_WORDS = "two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand"
_HALF_AS = r"half(?=\s+as\s+(?:likely|many|much|often|high|low|large|big|long|fast)\b)"
_BY_FRACTION = (
    r"by\s+(?P<what>(?:a|one)[\s-]+half|half|a\s+third|one[\s-]+third|a\s+quarter"
    r"|one[\s-]+quarter|two[\s-]+thirds|three[\s-]+quarters)\b"
)
_SHAPES_RE = _compile(
    rf"{_WORD_BEFORE}(?:{_DOZEN}{_DOZEN_TAIL}"
    rf"|(?P<many>{'|'.join(_MANY_OF)}){_MANY_TAIL}"
    rf"|(?P<times>{'|'.join(_TIMES_WORD)}){_TIMES_TAIL}"
    rf"|(?P<fold>{_FOLD_WORDS})[\s-]?fold\b"
    rf"|(?P<half>{_HALF_AS})"
    rf"|{_BY_FRACTION})"
)
"""Every shape of :func:`_words_of_proportion` in one pattern: the plain reference, slow (its
leading look-behind keeps ``re`` from jumping to a literal); the fast path searches each shape
from its literal word and must find the same (a property test checks it)."""
_FAST_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dozen", re.compile(_DOZEN_TAIL)),
    *((w, re.compile(w + _MANY_TAIL)) for w in _MANY_OF),
    *((w, re.compile(w + _TIMES_TAIL)) for w in _TIMES_WORD),
    ("fold", re.compile(r"fold\b")),
    ("half", re.compile(_HALF_AS)),
    ("by", re.compile(_BY_FRACTION)),
)
"""(literal, pattern led by it) for the fast path; the literal gates the search."""
_SHAPE_OF_WORD = dict(_FAST_SHAPES)
_FRACTION_WORDS = ("half", "third", "quarter")
"""The words :func:`half_matches` starts from (:data:`_HALF_GATE_RE`)."""
_PROPORTION_WORDS_RE = re.compile(
    _first_letter_groups(
        list(dict.fromkeys([*(word for word, _ in _FAST_SHAPES), *_FRACTION_WORDS]))
    )
)


_AFTER_NUMBER_STARTS = frozenset(("in", "ou", "or"))
_NOUN_RUN_RE = _compile(r"\s+[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3}")
"""The words after a count that may name what is counted (as the ``noun`` unit group reads)."""


def _noun_after(lowered: str, pos: int, variant: int) -> tuple[str | None, int]:
    """:func:`_noun_unit` of the words at ``pos`` ("hundreds of| people queued")."""
    run = _NOUN_RUN_RE[variant].match(lowered, pos)
    return _noun_unit(run.group()) if run is not None else (None, 0)


def _after_number(
    text: str, lowered: str, variant: int, m: re.Match[str], start: int, num_end: int
) -> Quantity | None:
    """A ratio ("one in three", "1 in 10", "three out of four": the share in per cent) or an open
    count ("five or more cups") that starts with the number ``m``; None for anything else."""
    n1 = m.group("n1")
    if m.group("s1") or n1 in ("a", "an"):
        return None
    r = _RATIO_AFTER_RE[variant].match(lowered, num_end)
    if r is not None:
        a = _number(n1, None)
        b = _number(r.group("b"), None)
        bare_year = r.group("b").isdigit() and len(r.group("b")) == 4 and 1800 <= b <= 2100
        if r.group("a") and r.group("b") not in _SCALES:
            return None  # "one in a hundred" yes; "one in a few" no
        if 0 < a < b and not bare_year and not (a == 1 and b == 1):
            prefix = _prefix(lowered[max(0, start - 24) : start], variant)
            return Quantity(
                start=start,
                end=r.end(),
                text=text[start : r.end()],
                value=round(100 * a / b, 2 if b <= 10_000 else 8),
                unit="%",
                approx=prefix is not None and prefix.group("approx") is not None,
                kind="ratio",
            )
        return None
    o = _OR_MORE_RE[variant].match(lowered, num_end)
    if o is None:
        return None
    noun, covered = _noun_after(lowered, o.end(), variant)
    if noun is None:
        return None
    end = o.end() + covered
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=_number(n1, None),
        unit=noun,
        bound=_OR_BOUND[o.group("dir")],
        kind="approximate count",
    )


def _proportion_words(lowered: str) -> list[tuple[int, str]]:
    """(start, word) of every occurrence of the literal words of :data:`_FAST_SHAPES` and of the
    fraction words, overlapping ones too, in one pass (no word is a prefix of another, so one
    word at most starts at a position)."""
    out: list[tuple[int, str]] = []
    search = _PROPORTION_WORDS_RE.search
    m = search(lowered)
    while m is not None:
        p = m.start()
        out.append((p, m.group()))
        m = search(lowered, p + 1)
    return out


def _words_of_proportion(
    text: str, lowered: str, variant: int, words: list[tuple[int, str]] | None = None
) -> list[Quantity]:
    """Quantities written without a number: "a dozen", "hundreds of", "twice as", "tenfold",
    "by a quarter"; the same as :func:`_words_of_proportion_reference`, faster.

    Each shape is matched only at the occurrences of its literal word (``words``, from
    :func:`_proportion_words`), with a pattern that starts with that word, from the end of its
    last match (finditer's rule); the word boundary before it and the number word before
    "dozen" or "fold" are checked here."""
    if variant:
        return _words_of_proportion_reference(text, lowered, variant)
    if words is None:
        words = _proportion_words(lowered)
    shapes = _SHAPES_RE[0].match
    hits: list[re.Match[str]] = []
    last_end: dict[str, int] = {}
    for pos, word in words:
        rx = _SHAPE_OF_WORD.get(word)
        if rx is None or pos < last_end.get(word, 0):
            continue
        m = rx.match(lowered, pos)
        if m is None:
            continue
        last_end[word] = m.end()
        # "dozen" and "fold" may have a number word before them ("a dozen", "tenfold"):
        # the leftmost start within reach where the plain pattern matches across the word
        first = pos - 10 if word in ("dozen", "fold") else pos
        for start in range(max(0, first), pos + 1):
            if _starts_word(lowered, start):
                hit = shapes(lowered, start)
                if hit is not None and hit.end() > pos:
                    hits.append(hit)
                    break
    hits.sort(key=lambda m: m.start())
    out: list[Quantity] = []
    end = -1
    for hit in hits:
        if hit.start() >= end:  # finditer's rule: no overlap, the leftmost first
            q = _shape(text, hit)
            end = hit.end()
            if q is not None:
                out.append(q)
    return out


def _starts_word(lowered: str, pos: int) -> bool:
    return pos == 0 or not (lowered[pos - 1].isalnum() or lowered[pos - 1] == "_")


def _words_of_proportion_reference(text: str, lowered: str, variant: int) -> list[Quantity]:
    """:func:`_words_of_proportion` as one plain search of :data:`_SHAPES_RE`."""
    out = [_shape(text, m) for m in _SHAPES_RE[variant].finditer(lowered)]
    return [q for q in out if q is not None]


def _shape(text: str, m: re.Match[str] | None) -> Quantity | None:
    """The quantity of one match of :data:`_SHAPES_RE`."""
    if m is None:
        return None
    lowered = m.string
    if m.group("w"):
        plural = m.group("w").lower().endswith("s")
        n = m.group("n")
        n = n.lower() if n else None
        count = 0.5 if n and n.startswith("half") else _number(n, None) if n and n != "a" else 1
        value = 12.0 * count * (2 if plural and not n else 1)
        return _count(text, lowered, m.start(), m.end(), value, plural and not n, m)
    if m.group("many"):
        value = _MANY_OF[m.group("many").lower()]
        return _count(text, lowered, m.start(), m.end(), value, True, m)
    a, b = m.start(), m.end()
    if m.group("times") or m.group("half"):
        word = (m.group("times") or m.group("half")).lower()
        value = _TIMES_WORD.get(word, 0.5)
        return Quantity(a, b, text[a:b], value, "times", kind="multiplier")
    if m.group("fold"):
        value = _number(m.group("fold"), None)
        return Quantity(a, b, text[a:b], value, "times", kind="multiplier")
    what = " ".join(m.group("what").lower().replace("-", " ").split())
    key = what.split()[-1] if what.split()[0] in ("a", "one", "half") else what
    value = _FRACTIONS.get(key, _FRACTIONS.get(what, 50.0))
    a, b = m.start("what"), m.end("what")
    return Quantity(a, b, text[a:b], round(value, 2), "%", kind="ratio")


def _count(
    text: str, lowered: str, start: int, end: int, value: float, open_: bool, m: re.Match[str]
) -> Quantity:
    """An approximate count from ``start`` to ``end`` ("a dozen", "hundreds of"), with the noun
    counted after it when there is one ("hundreds of people" -> participants)."""
    noun, covered = _noun_after(lowered, end, 1)  # any case: the text may be the original
    if noun is not None:
        end += covered
    elif "of" in m.group():
        end -= 3  # "hundreds of" with no noun after: the span is "hundreds"
    return Quantity(
        start,
        end,
        text[start:end],
        value,
        noun,
        approx=True,
        bound=">=" if open_ else None,
        kind="approximate count",
    )


def _merge(found: list[Quantity], extra: list[Quantity]) -> list[Quantity]:
    """``found`` and ``extra`` together; a quantity of ``found`` that overlaps one of ``extra``
    gives way to it ("three adults" inside "one in three adults")."""
    extra.sort(key=lambda q: (q.start, q.end))
    starts = [x.start for x in extra]
    ends = [x.end for x in extra]  # the shapes do not overlap: the ends are sorted too
    kept: list[Quantity] = []
    for q in found:
        i = bisect_left(starts, q.end) - 1  # the last of ``extra`` starting before q ends
        if i < 0 or ends[i] <= q.start:
            kept.append(q)
    return kept + extra


def parse_quantities(
    text: str, *, with_unit_only: bool = False, lowered: str | None = None
) -> list[Quantity]:
    """Every quantity in ``text``, ordered by (start, end).

    ``with_unit_only`` leaves out bare numbers ("124", "one") but keeps a count with a scale word
    ("32 million", "fifteen thousand"): faster on number-heavy text. ``lowered``:
    ``text.lower()`` where the caller has it already.
    """
    if lowered is None:
        lowered = text.lower()
    variant = 0 if len(lowered) == len(text) else 1
    if variant:
        lowered = text  # lower-casing changed offsets: match the original, ignoring case
    tail_re = _TAIL_RE[variant]
    found: list[Quantity] = []
    last_end = 0
    links = _link_spans(lowered) if ("/" in lowered or "doi" in lowered) else []
    link_at = 0
    for m in core_matches(lowered, variant):
        start = m.start()
        if start < last_end:
            continue  # the second number of a range already read
        if links:
            while link_at < len(links) and links[link_at][1] <= start:
                link_at += 1
            if link_at < len(links) and links[link_at][0] <= start:
                continue  # inside a URL or a DOI
        num_end = m.end()
        if lowered[num_end : num_end + 1].isspace() and (
            lowered[num_end + 1 : num_end + 3].lower() in _AFTER_NUMBER_STARTS
            or lowered[num_end + 1 : num_end + 2].isspace()
        ):  # " in 10", " out of 4", " or more": the only shapes _after_number reads
            ratio = _after_number(text, lowered, variant, m, start, num_end)
            if ratio is not None:
                found.append(ratio)
                last_end = ratio.end
                continue
        tail = tail_re.match(lowered, num_end)
        assert tail is not None  # every part of the tail is optional
        if (
            with_unit_only
            and tail.lastindex is None
            and not m.group("s1")
            and _SIGN_CHARS.isdisjoint(lowered[max(0, start - 4) : start])
        ):
            continue
        n1 = m.group("n1")
        s1 = m.group("s1")
        prefix_window = lowered[max(0, start - 24) : start]
        prefix = _prefix(prefix_window, variant)
        if prefix is not None and prefix.group("between"):
            tail_and = _TAIL_AND_RE[variant].match(lowered, num_end)
            if tail_and is not None and tail_and.group("n2") is not None:
                tail = tail_and
        n2 = tail.group("n2")
        s2 = tail.group("s2")
        end_offset = tail.end("s2") if s2 else tail.end("n2") if n2 is not None else num_end
        unit_group = next((g for g in _UNIT_GROUPS if tail.group(g) is not None), None)
        if unit_group in (None, "noun") and _LABEL_BEFORE_RE[variant].search(
            lowered, max(0, start - 12), start
        ):
            continue  # "type 2 diabetes", "phase 3 trial", "stage 4": a name, not a number
        unit: str | None = None
        kind: QuantityKind | None = None
        if unit_group == "pct":
            raw = tail.group("pct")
            unit = "percentage points" if ("point" in raw or raw.strip() == "pp") else "%"
            end_offset = tail.end("pct")
        elif unit_group == "time":
            word = _LETTERS_RE.search(tail.group("time").lower())
            assert word is not None
            base = word.group()
            unit = _TIME_NORMAL.get(base) or _TIME_NORMAL.get(base[:-1], base)
            end_offset = tail.end("time")
        elif unit_group == "fold":
            unit = "times"
            end_offset = tail.end("fold")
            kind = "multiplier"
        elif unit_group == "temp":
            unit = _temperature(tail.group("temp"))
            end_offset = tail.end("temp")
        elif unit_group == "measure":
            unit = text[tail.start("measure") : tail.end("measure")].strip()
            end_offset = tail.end("measure")
        elif unit_group == "noun":
            noun, covered = _noun_unit(tail.group("noun"))
            if noun is not None:
                unit = noun
                end_offset = tail.start("noun") + covered
        neq = prefix is not None and prefix.group("neq")
        cur = prefix.group("cur") if prefix is not None else None
        if neq:
            unit = "participants"
        if cur and unit is None:
            unit = {"$": "USD", "£": "GBP", "€": "EUR"}[cur.strip()]
        if unit is None and with_unit_only and not (s1 or s2):
            continue  # a bare number; "32 million", "fifteen thousand" count on their own
        if cur:
            start = prefix_window.rfind(cur.strip()) + max(0, start - 24)
        if n1[:1].isalpha() and n1 in ("a", "an") and unit is None:
            continue
        if unit is None and n2 is None and not s1 and not neq:
            if _is_date_part(lowered, m.start(), m.end("n1"), n1):
                continue
        if (
            unit_group == "noun"
            and n2 is None
            and _is_date_part(lowered, m.start(), m.end("n1"), n1)
            and _YEAR_BEFORE.search(lowered, max(0, start - 8), start)
        ):
            continue  # "in 2018 researchers found"
        if unit is None and n2 is not None and _is_date_part(lowered, start, m.end("n1"), n1):
            continue  # "2017-2018"
        low = high = None
        value = _number(n1, s1)
        if n2 is not None:
            if s2 and not s1:
                value = _number(n1, s2)  # "1 to 2 million"
            second = _number(n2, s2 or s1)
            low, high = min(value, second), max(value, second)
            value = (low + high) / 2
        bound_raw = prefix.group("bound") if prefix is not None else None
        last_end = end_offset
        found.append(
            Quantity(
                start=start,
                end=end_offset,
                text=text[start:end_offset],
                value=value,
                unit=unit,
                low=low,
                high=high,
                approx=prefix is not None and prefix.group("approx") is not None,
                bound=_BOUNDS.get(" ".join(bound_raw.split())) if bound_raw else None,
                kind=kind,
            )
        )
    if variant == 0:
        words = _proportion_words(lowered)
        extra = _words_of_proportion(text, lowered, variant, words)
        fractions = [p for p, word in words if word in _FRACTION_WORDS]
        halves = half_matches(text, lowered, fractions) if fractions else []
    else:
        extra = _words_of_proportion(text, lowered, variant)
        halves = (
            half_matches(text)
            if "half" in lowered or "third" in lowered or "quarter" in lowered
            else []
        )
    for m in halves:
        what = " ".join(m.group("what").lower().replace("-", " ").split())
        key = what.split()[-1] if what.split()[0] in ("a", "one", "half") else what
        value = _FRACTIONS.get(key, _FRACTIONS.get(what, 50.0))
        found.append(
            Quantity(
                start=m.start("what"),
                end=m.end("what"),
                text=m.group("what"),
                value=round(value, 2),
                unit="%",
                approx=m.group("approx") is not None,
                kind="ratio",
            )
        )
    if extra:
        found = _merge(found, extra)
    found.sort(key=lambda q: (q.start, q.end))
    return found
