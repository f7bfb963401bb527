"""What one source says that can be compared: quantities, quotes, causal claims, venues.

Built on the claim engine (:mod:`legreader.claims`): its sentences, its quantity parser and its
claim spans. This module only adds what comparing needs: the words around a number (what is
measured), who is quoted, and where the study is said to be published.

One module over 500 lines because it is one builder (:func:`build_source`): every helper
extracts one kind of mention from the same sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

from legreader.claims import ClaimSpan, analyze
from legreader.claims.quantities import Quantity, parse_quantities
from legreader.claims.sentences import sentences as split_sentences
from legreader.compare import meaning
from legreader.compare.labels import causal_phrase, count_phrase, finding_phrase, quantity_phrase
from legreader.compare.meaning import expand, generic
from legreader.compare.meaning import key as meaning_key
from legreader.compare.model import Item, Mention  # Mention: re-exported
from legreader.compare.text import STOPWORDS, words
from legreader.compare.values import dimension, label
from legreader.work.cancel import checkpoint


@dataclass(slots=True)
class Source:
    """One article (or the primary record) cut up for comparing."""

    id: str
    title: str
    body: str
    sentences: list[tuple[int, int]]
    quantities: list[Mention] = field(default_factory=list)
    quotes: list[Mention] = field(default_factory=list)
    causal: list[Mention] = field(default_factory=list)
    venues: list[Mention] = field(default_factory=list)
    spans: list[ClaimSpan] = field(default_factory=list)
    """The claim engine's spans."""
    defined: dict[str, str] = field(default_factory=dict)
    """Abbreviations the text defines ("cvd" -> "cardiovascular disease")."""

    _starts: list[int] = field(default_factory=list, repr=False)
    _terms: list[list[str]] | None = field(default=None, repr=False)

    def sentence_terms(self) -> list[list[str]]:
        """Meaning keys of each sentence's content words (:func:`meaning.terms`), in sentence
        order; computed once (term weights and quote reproductions both read them)."""
        if self._terms is None:
            out: list[list[str]] = []
            for start, end in self.sentences:
                checkpoint()
                out.append(meaning.terms(self.body[start:end], self.defined))
            self._terms = out
        return self._terms

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (sentences are in text order and do not overlap),
        or ``(offset, offset)``. A binary search: a 700 KB article has thousands."""
        if len(self._starts) != len(self.sentences):
            self._starts = [start for start, _ in self.sentences]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0:
            start, end = self.sentences[i]
            if start <= offset < end:
                return start, end
        return offset, offset


#: Words this far from a claim (in words) count half as much as the nearest ones.
CLOSENESS = 3.0
#: Weight of words every finding shares (:data:`legreader.compare.meaning.GENERIC`).
GENERIC_WEIGHT = 0.1
#: Weight of the words of a finding's reporting frame (:func:`meaning.frame_spans`).
FRAME_WEIGHT = 0.2

_PEOPLE = frozenset(
    "participants people persons patients subjects volunteers adults individuals respondents men "
    "women children adult participant patient volunteer person".split()
)
_SKIP_BEFORE_NOUN = frozenset("older younger healthy elderly adult new more male female".split())
_DEGREES_RE = re.compile(r"\s*(?:°\s*|degrees?\s+)(?P<scale>C|F|Celsius|Fahrenheit)\b")


def _plural_like(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _count_unit(body: str, q: Quantity) -> str | None:
    unit, _ = _count_unit_end(body, q)
    return unit


def _count_unit_end(body: str, q: Quantity) -> tuple[str | None, int]:
    """The counted noun after a number, read again from the text ("a gene involved" -> "genes")."""
    if q.unit is None:
        begin = q.end
    else:
        first = re.match(r"\S+(?:[\s-]+(?:hundred|thousand|million|billion))?", q.text, re.I)
        begin = q.start + (first.end() if first else 0)
    run: list[str] = []
    run_end = q.end
    for m in re.finditer(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", body[begin : begin + 60]):
        word = m.group().lower()
        if not word[0].isalpha():
            break
        if not run and word in _SKIP_BEFORE_NOUN:
            continue
        if word in STOPWORDS or word.endswith(("ed", "ing", "ly")):
            break
        run.append(word)
        run_end = begin + m.end()
        if _plural_like(word) or word in _PEOPLE or len(run) == 2:
            break
    if not run:
        return None, q.end
    if run[-1] in _PEOPLE or run[0] in _PEOPLE:
        return "participants", max(run_end, q.end)
    head = run[-1] if _plural_like(run[-1]) else run[-1] + "s"
    return " ".join([*run[:-1], head]), max(run_end, q.end)


#: "once their legs ...", "once it is": "once" as a conjunction (a clause follows), not a rate.
_ONCE_CONJUNCTION_RE = re.compile(
    r"once\s+(?:the|their|they|it|its|he|she|we|you|i|this|these|those|a|an|our|his|her)\b",
    re.I,
)
#: A number after one of these names a kind or a point in time, it counts nothing.
_NAMING_NUMBER_RE = re.compile(
    r"(?:\b(?P<before>\w+)\s+)?\b(?P<word>type|phase|stage|grade|class|level|wave|step|"
    r"version|day|week|month|year|figure|"
    r"table|chapter|section|group|arm|cohort|trial|model|generation|number|no\.?)\s+$",
    re.I,
)
_EVERY = frozenset("each every per a an one last this next that those these".split())
#: Clock times ("after 4pm", "at 10 p.m.", "by 9:30") are not counts of anything.
_CLOCK_RE = re.compile(r"\s?(?:[ap]\.?m\b\.?|:\d\d\b)", re.I)
#: "one causes the other", "one another", "one of them": "one" as a pronoun, not a count.
_PRONOUN_ONE_RE = re.compile(
    r"\s+(?:(?:[a-z]+\s+){0,2}(?:the\s+other|another)\b|another\b|of\b)", re.I
)


def _not_a_count(body: str, q: Quantity, unit: str) -> bool:
    """Numbers that the count reading gets wrong: clock times, the pronoun "one", and numbers
    that name a kind or a point ("type 2 diabetes", "phase 3", "stage 4 cancer", "week 12")."""
    if dimension(unit) != "count" or unit == "participants":
        return False
    naming = _NAMING_NUMBER_RE.search(body, max(0, q.start - 24), q.start)
    per = naming is not None and naming.group("word").lower() in ("day", "week", "month", "year")
    if naming and not (per and (naming.group("before") or "").lower() in _EVERY):
        return True  # "type 2", "week 12"; not "each year 12 million people"
    number = re.match(r"\S+", q.text)
    after = q.start + (number.end() if number else 0)  # the parser may have read a noun on
    if _CLOCK_RE.match(body, after):
        return True
    first = number.group().lower() if number else ""
    return first == "one" and _PRONOUN_ONE_RE.match(body, after) is not None


#: "37C", "37 C", "98.6F": a temperature written without a degree sign.
_BARE_DEGREES_RE = re.compile(r"\d+(?:[.,]\d+)?\s?(?P<scale>[CF])(?![\w°'’])")


def _unit(body: str, q: Quantity) -> str | None:
    """The claim engine's unit, corrected for degrees and for count nouns."""
    bare = _BARE_DEGREES_RE.match(body, q.start) if q.unit in (None, "cs", "fs") else None
    if bare:
        return "°F" if bare.group("scale") == "F" else "°C"
    degrees = _DEGREES_RE.match(body, q.end) if q.unit in (None, "degrees") else None
    if degrees is None and q.unit == "degrees":
        degrees = _DEGREES_RE.match(body, q.end - len("degrees") - 1)
    if degrees:
        return "°F" if degrees.group("scale")[0] == "F" else "°C"
    if q.unit is None or (q.unit not in ("%", "percentage points", "times") and q.unit.isalpha()
                          and not _is_known_unit(q.unit)):  # fmt: skip
        if q.unit is None and q.low is not None:
            return None  # "60 to 80": an unlabelled range says nothing comparable
        return _count_unit(body, q)
    return q.unit


def _is_known_unit(unit: str) -> bool:
    from legreader.compare.values import dimension

    return dimension(unit) not in (None, "count") or unit == "participants"


@lru_cache(maxsize=256)
def _sentence_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a sentence, kept for the next mention of the same sentence (a sentence
    with three numbers and a causal cue is read four times)."""
    return tuple(words(text))


#: Word -> its parts' (part, meaning key, weight in a finding), per abbreviation table: a word
#: is read once however many sentences and mentions hold it.
_PARTS: dict[int, tuple[dict[str, str], int, dict[str, list[tuple[str, str, float]]]]] = {}
_NO_ABBREVIATIONS: dict[str, str] = {}


def _parts(word: str, defined: dict[str, str]) -> list[tuple[str, str, float]]:
    """The parts of ``word`` (:func:`meaning.expand`) that carry meaning, with their meaning
    key and their weight in a finding (rarity, generic words and adverbs weighing little)."""
    table = _PARTS.get(id(defined))
    if (
        table is None
        or table[0] is not defined
        or table[1] != len(defined)  # the table grew: what a word stands for may have changed
        or len(table[2]) > 200_000
    ):
        _PARTS.clear()  # one table at a time: the abbreviations of the texts compared now
        table = _PARTS[id(defined)] = (defined, len(defined), {})
    known = table[2].get(word)
    if known is None:
        known = []
        for part in expand(word, defined):
            if part.lower() in STOPWORDS or len(part) < 2:
                continue
            key = meaning_key(part)
            common = generic(key) or meaning.adverb(part)
            known.append((part, key, meaning.rarity(part) * (GENERIC_WEIGHT if common else 1.0)))
        table[2][word] = known
    return known


def _context(body: str, sentence: tuple[int, int], start: int, end: int,
             others: list[tuple[int, int]], defined: dict[str, str] | None = None,
             flat: bool = False, role: str = "") -> tuple[dict[str, float], dict[str, str]]:  # fmt: skip
    """Content words of the sentence weighted by closeness to ``start:end`` (in words), as
    meaning keys (:func:`legreader.compare.meaning.key`; abbreviations stand for their words).
    ``flat``: every word of the sentence weighs the same (a finding without a cue word)."""
    toks = _sentence_words(body[sentence[0] : sentence[1]])
    base = sentence[0]
    inside = [i for i, (s, e, _) in enumerate(toks) if base + s < end and base + e > start]
    if flat or (meaning.FEATURES.topic and role == "causal"):
        inside = [-1]
        flat = True
    elif not inside:
        before = [i for i, (s, _, _) in enumerate(toks) if base + s < start]
        inside = [before[-1] if before else 0]
    first, last = inside[0], inside[-1]
    terms: dict[str, float] = {}
    shown: dict[str, str] = {}
    frames = meaning.frame_spans(body[sentence[0] : sentence[1]]) if flat else []
    for i, (s, _e, w) in enumerate(toks):
        if first <= i <= last or w.lower() in STOPWORDS or (len(w) < 3 and not w.isupper()):
            continue
        distance = first - i if i < first else i - last
        weight = 1.0 if flat else 1.0 / (1.0 + distance / CLOSENESS)
        if any(o_start <= base + s < o_end for o_start, o_end in others):
            continue
        pos = base + s
        if any(pos < o_start < start or end <= o_start < pos for o_start, _ in others):
            weight *= 0.4  # another claim of the sentence stands between this word and ours
        if any(f_start <= s < f_end for f_start, f_end in frames):
            weight *= FRAME_WEIGHT  # "according to a study in The BMJ": not what was found
        for part, key, rare in _parts(w, defined if defined is not None else _NO_ABBREVIATIONS):
            scaled = weight * rare if flat else weight  # a finding: its rare words first
            if scaled > terms.get(key, 0.0):
                terms[key] = scaled
                shown.setdefault(key, part)
    return terms, shown


#: Measure name of a duration that says how long the study ran ("followed for six months",
#: "the trial lasted 6 weeks", "a 28-day experiment", "after two years of follow-up").
STUDY_DURATION = "study duration"
_STUDY_UNITS = frozenset({"days", "weeks", "months", "years", "decades"})
_SHORT_UNITS = frozenset({"hours"})
#: Words that say a sentence is about how the study was run (subjects alone are not enough:
#: "participants wore trackers for 7 days" is a measurement window, not the study's length).
_STUDY_WORD_RE = re.compile(
    r"\b(?:stud(?:y|ies|ied)|trials?|experiments?|research|interventions?|cohorts?|follow(?:ed)?[- ]?up|"
    r"followed|following\s+(?:up\s+)?(?:them|participants|patients|people)|track(?:ed|ing)|"
    r"monitor(?:ed|ing)|observ(?:ed|ing)|enrol(?:l?ed|ling)|programmes?|programs?)\b",
    re.I,
)
_STUDY_NOUN_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|experiments?|interventions?|programmes?|programs?|project|"
    r"research|follow[- ]?up)\b",
    re.I,
)
_STUDY_SUBJECT_RE = re.compile(
    _STUDY_NOUN_RE.pattern + r"(?:\s*,[^,]{0,80},)?\s+(?:(?:itself|only|just|will|would|was\s+to|"
    r"had|has|eventually|ultimately|actually)\s+)*$",
    re.I,
)
#: Words between a cue and the number ("for about", "over a period of", "during the whole").
_QUALIFIER = (
    r"(?:about|around|roughly|nearly|almost|approximately|some|just|only|over|more\s+than|"
    r"less\s+than|fewer\s+than|up\s+to|at\s+least|a\s+(?:period|total|span|course)\s+of|"
    r"the\s+(?:period|course|span)\s+of|an?|the|full|whole|entire|total|period\s+of)\s+"
)
_QUALIFIERS = f"(?:{_QUALIFIER})*"
#: Cue before the number: "for", "over", "during", "lasted", "ran for", ... (then qualifiers).
_BEFORE_CUE_RE = re.compile(
    r"\b(?P<cue>for|over|during|throughout|across|lasted|lasting|lasts|"
    r"(?<=will\s)last|(?<=would\s)last|(?<=to\s)last|(?<=did\s)last|spann?(?:ed|ing|s)?|"
    r"ran(?:\s+for)?|running(?:\s+for)?|runs(?:\s+for)?)\s+" + _QUALIFIERS + r"$",
    re.I,
)
#: Cue after the number: "six-month trial", "12-week randomised study", "two years of follow-up".
_AFTER_CUE_RE = re.compile(
    r"^(?:[\s-]+(?:long|randomi[sz]ed|controlled|clinical|observational|prospective|dietary|"
    r"double-blind|placebo-controlled|pilot|feeding|exercise|weight-loss|intervention))*"
    r"[\s-]+(?:stud(?:y|ies)|trials?|experiments?|interventions?|follow[- ]?up|programmes?|"
    r"programs?|of\s+follow[- ]?up|of\s+(?:the\s+)?(?:study|trial|experiment|intervention|"
    r"treatment|observation|monitoring|tracking))\b",
    re.I,
)
#: Recall windows and plans are not the study's length ("over the past 12 months").
_NOT_STUDY_RE = re.compile(
    r"(?:\b(?:past|previous|preceding|prior|next|coming|first|initial|final|further|additional|"
    r"extra|another)|\b(?:the|its|their|his|her|our|in|over|during|for)\s+(?:last|following))"
    r"\s+" + _QUALIFIERS + "$",
    re.I,
)
#: Ages are not durations of anything ("aged 4 months", "6-month-old", "between 40 and 65 years").
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|age|ages|between|from)\s+" + _QUALIFIERS + r"$", re.I)
_AGE_AFTER_RE = re.compile(r"^[\s-]*(?:old|of\s+age|or\s+older|and\s+(?:older|over))\b", re.I)


def study_duration_cue(body: str, sentence: tuple[int, int], start: int, end: int,
                       unit: str | None) -> int:  # fmt: skip
    """How clearly the duration at ``start:end`` is the study's length: 0 (not), 1 ("for N" in a
    sentence about the study), 2 ("N-week trial", "N of follow-up", "the study lasted N")."""
    if unit not in _STUDY_UNITS and unit not in _SHORT_UNITS:
        return 0
    before = body[max(sentence[0], start - 80) : start]
    after = body[end : min(sentence[1], end + 60)]
    if _AGE_BEFORE_RE.search(before) or _AGE_AFTER_RE.match(after):
        return 0
    if _NOT_STUDY_RE.search(before):
        return 0
    cue = _BEFORE_CUE_RE.search(before)
    if _AFTER_CUE_RE.match(after):
        return 2
    if cue is None:
        return 0
    word = cue.group("cue").lower()
    head = body[sentence[0] : start - len(before) + cue.start()]
    if word.startswith(("last", "span", "ran", "run")):
        # the study must be what lasted ("the trial lasted", "the study, which ..., ran for"),
        # not something inside it ("each session lasted 2 hours")
        return 2 if _STUDY_SUBJECT_RE.search(head) else 0
    if unit in _SHORT_UNITS:
        return 0  # "for 2 hours" in a study is a task, not the study's length
    return 1 if _STUDY_WORD_RE.search(body[sentence[0] : sentence[1]]) else 0


#: "over N weeks" after these words means "more than N weeks" ("lasted over six months").
_OVER_MEANS_MORE = frozenset(
    "for lasted lasting lasts last ran run runs than just well of from to in at".split()
)


def _over_means_across(body: str, start: int) -> bool:
    """True for "tracked 12,000 adults over twelve weeks" (during), not "lasted over 6 weeks"."""
    m = re.search(
        r"(?:\b(?P<prev>[A-Za-z]+)[\s,]+)?\b[Oo]ver\s+$", body[max(0, start - 40) : start]
    )
    return m is not None and (m.group("prev") or "").lower() not in _OVER_MEANS_MORE


def _mark_study_durations(body: str, mentions: list[Mention]) -> None:
    """Tag durations that give the study's length; per sentence only the clearest ones."""
    strength: dict[int, int] = {}
    best: dict[tuple[int, int], int] = {}
    for i, mention in enumerate(mentions):
        item = mention.item
        if dimension(item.unit) != "duration":
            continue
        level = study_duration_cue(body, item.sentence, item.start, item.end, item.unit)
        if level:
            strength[i] = level
            best[item.sentence] = max(best.get(item.sentence, 0), level)
    for i, level in strength.items():
        item = mentions[i].item
        if level != best[item.sentence]:
            continue
        mentions[i].measure = STUDY_DURATION
        if item.bound == ">" and _over_means_across(body, item.start):
            # "tracked 12,000 adults over twelve weeks": "over" means during, not "more than"
            mentions[i].item = replace(
                item,
                bound=None,
                label=label(item.value or 0.0, item.unit, item.low, item.high, item.approx, None),
            )


#: "a day", "per week", "each month", "daily": the period a number is counted over.
_RATE_RE = re.compile(
    r"\s*(?:(?:a|an|per|each|every|/)\s*(?P<period>hour|day|night|week|month|year)\b|"
    r"(?P<adverb>hourly|daily|nightly|weekly|monthly|yearly|annually)\b)",
    re.I,
)
_ADVERB_PERIOD = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week",
                  "monthly": "month", "yearly": "year", "annually": "year"}  # fmt: skip
#: "once a week", "twice daily", "three times a day" (the claim engine reads no "twice").
_TIMES_RE = re.compile(r"\b(?P<word>once|twice|thrice)\b", re.I)
_TIMES_VALUE = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
#: "a decade" (ten years), not "a decade ago".
_DECADE_RE = re.compile(r"\b(?:a|one)\s+decade\b(?!\s+(?:ago|earlier|later|before))", re.I)


def _rate(body: str, end: int, unit: str | None) -> tuple[str | None, int]:
    """``unit`` with the period that follows it ("times" + " a week" -> "times/week")."""
    if unit is None or dimension(unit) in ("percent", "points", None) or "/" in unit:
        return unit, end
    m = _RATE_RE.match(body, end)
    if m is None:
        return unit, end
    period = (m.group("period") or _ADVERB_PERIOD[m.group("adverb").lower()]).lower()
    return f"{unit}/{'day' if period == 'night' else period}", m.end()


#: Verbs and nouns that say a count is of the study's subjects, whatever they are called
#: ("recruited 40 smokers", "a trial of 95 volunteers", "250 nurses took part").
_SAMPLE_BEFORE_RE = re.compile(
    r"(?:\b(?:enrol(?:l?ed|ling|s)?|recruit(?:ed|ing|s)?|includ(?:ed|ing|es)|involv(?:ed|ing|es)|"
    r"surveyed|interviewed|randomi[sz]ed|assigned|studied|examined|followed|tracked|analy[sz]ed|"
    r"(?:stud(?:y|ies)|trials?|survey|cohort|sample|analysis|experiment|group)\s+(?:of|with|"
    r"among|including|involving|on|in))\s+(?:data\s+(?:from|on)\s+)?"
    r"(?:a\s+total\s+of\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|over\s+|"
    r"more\s+than\s+|at\s+least\s+|approximately\s+|roughly\s+)?)$",
    re.I,
)
_SAMPLE_AFTER_RE = re.compile(
    r"^[\w\s-]{0,30}?\b(?:took\s+part|participated|were\s+(?:enrolled|recruited|randomi[sz]ed|"
    r"followed|studied|surveyed|interviewed|included|assigned|tracked|monitored))\b",
    re.I,
)
#: Counted things that are never the study's subjects.
_NOT_SUBJECTS = frozenset(
    "cells genes samples times years months weeks days hours minutes doses cups servings "
    "portions steps points studies trials papers articles questions items species".split()
)
#: Measure names beside :data:`STUDY_DURATION`.
SAMPLE_SIZE = "sample size"
DROP_OUT = "drop-out"
EFFECT = "effect size"
_DROP_OUT_RE = re.compile(
    r"\b(?:drop(?:ped)?[- ]?outs?|dropped\s+out|withdr[ae]w[n]?|withdrawals?|lost\s+to\s+"
    r"follow[- ]?up|discontinu\w*|attrition|did\s+not\s+complete|failed\s+to\s+complete)\b",
    re.I,
)
_EFFECT_RE = re.compile(
    r"\b(?:reduc\w*|lower\w*|high\w*|increas\w*|decreas\w*|rise|rose|risen|fell|fall|drop\w*|"
    r"declin\w*|cut|boost\w*|improv\w*|wors\w*|gain\w*|loss|lost|faster|slower|more|less|"
    r"fewer|greater|smaller|likely|risk|odds|times)\b",
    re.I,
)


def _frame(body: str, item: Item) -> str:
    """The measure a number belongs to when its words say so: the sample size (a count of the
    study's subjects), a drop-out share, an effect (a change or a difference); else ""."""
    sentence = body[item.sentence[0] : item.sentence[1]]
    near = body[max(item.sentence[0], item.start - 60) : min(item.sentence[1], item.end + 60)]
    if item.unit == "participants":
        before = body[max(item.sentence[0], item.start - 80) : item.start]
        after = body[item.end : min(item.sentence[1], item.end + 60)]
        if _SAMPLE_BEFORE_RE.search(before) or _SAMPLE_AFTER_RE.match(after):
            return SAMPLE_SIZE
        return ""
    if dimension(item.unit) in ("percent", "points", "times"):
        if _DROP_OUT_RE.search(near) or (
            _DROP_OUT_RE.search(sentence) and not _EFFECT_RE.search(near)
        ):
            return DROP_OUT
        if _EFFECT_RE.search(near):
            return EFFECT
    return ""


def _subject_count(body: str, q: Quantity, unit: str | None, end: int) -> str | None:
    """ "participants" for any counted noun in a study-size context ("recruited 40 smokers")."""
    if unit is None or dimension(unit) != "count" or unit == "participants":
        return unit
    if unit.split()[-1] in _NOT_SUBJECTS or (q.value or 0) < 2:
        return unit
    sentence = _sentence_span(body, q.start)
    before = body[max(sentence[0], q.start - 80) : q.start]
    after = body[end : min(sentence[1], end + 60)]
    if _SAMPLE_BEFORE_RE.search(before) or _SAMPLE_AFTER_RE.match(after):
        return "participants"
    return unit


def _sentence_span(body: str, offset: int) -> tuple[int, int]:
    start = max(body.rfind(". ", 0, offset) + 2, body.rfind("\n", 0, offset) + 1, 0)
    ends = [i for i in (body.find(". ", offset), body.find("\n", offset)) if i >= 0]
    return start, min(ends) if ends else len(body)


def _extra_quantities(body: str) -> list[Quantity]:
    """What the claim engine's parser leaves out: "twice a week", "a decade"."""
    out: list[Quantity] = []
    for m in _TIMES_RE.finditer(body):
        value = _TIMES_VALUE[m.group("word").lower()]
        out.append(Quantity(m.start(), m.end(), m.group(), value, "times"))
    for m in _DECADE_RE.finditer(body):
        out.append(Quantity(m.start(), m.end(), m.group(), 1.0, "decades"))
    return out


def _quantity_mentions(src: Source) -> list[Mention]:
    parsed = parse_quantities(src.body)
    extra = _extra_quantities(src.body)
    if extra:
        taken = [(q.start, q.end) for q in parsed]
        parsed = sorted(
            [*parsed, *(q for q in extra if not any(s < q.end and q.start < e for s, e in taken))],
            key=lambda q: (q.start, q.end),
        )
    out: list[Mention] = []
    kept = [(q, _unit(src.body, q)) for q in parsed]
    kept = [(q, u) for q, u in kept if u is not None and not _not_a_count(src.body, q, u)]
    kept = [(q, u) for q, u in kept if not _ONCE_CONJUNCTION_RE.match(src.body, q.start)]
    ends = {}
    for q, unit in kept:
        ends[q.start] = q.end
        if dimension(unit) == "count":
            ends[q.start] = _count_unit_end(src.body, q)[1]
        elif unit in ("°C", "°F") and (bare := _BARE_DEGREES_RE.match(src.body, q.start)):
            ends[q.start] = max(q.end, bare.end())
        elif unit in ("°C", "°F") and (degrees := _DEGREES_RE.match(src.body, q.end)):
            ends[q.start] = degrees.end()
        elif unit in ("°C", "°F") and q.unit == "degrees":
            degrees = _DEGREES_RE.match(src.body, q.end - len("degrees") - 1)
            ends[q.start] = degrees.end() if degrees else q.end
    framed: list[tuple[Quantity, str | None]] = []
    for q, unit in kept:
        unit = _subject_count(src.body, q, unit, ends[q.start])
        unit, ends[q.start] = _rate(src.body, ends[q.start], unit)
        framed.append((q, unit))
    kept = framed
    spans = sorted((q.start, ends[q.start]) for q, _ in kept)
    span_starts = [start for start, _ in spans]
    for q, unit in kept:
        checkpoint()
        end = ends[q.start]
        sentence = src.sentence_at(q.start)
        # the other numbers of the sentence (a binary search: a long article has thousands)
        lo = bisect_left(span_starts, sentence[0])
        hi = bisect_left(span_starts, sentence[1])
        others = [span for span in spans[lo:hi] if span != (q.start, end)]
        terms, shown = _context(src.body, sentence, q.start, end, others, src.defined)
        item = Item(
            article=src.id, start=q.start, end=end, text=src.body[q.start : end], role="quantity",
            value=q.value, unit=unit, low=q.low, high=q.high, approx=q.approx, bound=q.bound,
            label=label(q.value, unit, q.low, q.high, q.approx, q.bound), sentence=sentence,
        )  # fmt: skip
        phrase = (
            partial(count_phrase, src.body, sentence, end, unit)
            if unit and dimension(unit) == "count"
            else partial(quantity_phrase, src.body, sentence, q.start, end)
        )
        out.append(Mention(item, terms, shown, frame=_frame(src.body, item), phrase_of=phrase))
    _mark_study_durations(src.body, out)
    for mention in out:
        if mention.frame in (SAMPLE_SIZE, DROP_OUT) and not mention.measure:
            mention.measure = mention.frame  # one study has one sample size, one drop-out
    return out


def backfill_counts(src: Source, nouns: set[str]) -> None:
    """Add "a stress hormone" / "one gene" when other sources count that noun ("three stress hormones")."""
    if not nouns:
        return
    taken = [(m.item.start, m.item.end) for m in src.quantities]
    singulars = sorted({n[:-1] if n.endswith("s") else n for n in nouns}, key=len, reverse=True)
    pattern = re.compile(
        r"\b(?P<num>an?|one|a single)\s+(?P<noun>" + "|".join(map(re.escape, singulars)) + r")\b",
        re.IGNORECASE,
    )
    for m in pattern.finditer(src.body):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if re.match(r"\s+of\b", src.body[m.end() :]):
            continue  # "one gene of ..." is partitive, not a count
        noun = m.group("noun").lower()
        unit = noun + "s"
        sentence = src.sentence_at(m.start())
        terms, shown = _context(src.body, sentence, m.start(), m.end(), [], src.defined)
        item = Item(
            article=src.id, start=m.start(), end=m.end(), text=m.group(), role="quantity",
            value=1.0, unit=unit, label=label(1.0, unit), sentence=sentence,
        )  # fmt: skip
        phrase = partial(count_phrase, src.body, sentence, m.end(), m.group("noun"))
        src.quantities.append(Mention(item, terms, shown, phrase_of=phrase))
    src.quantities.sort(key=lambda mention: mention.item.start)


def build_source(source_id: str, title: str, body: str, findings: bool = False,
                 defined: dict[str, str] | None = None) -> Source:  # fmt: skip
    """Cut ``body`` into comparable mentions. With ``findings`` (a primary record is compared),
    sentences that report a result without a causal cue are findings too (strength "none")."""
    src = Source(source_id, title, body, split_sentences(body))
    # abbreviations this text defines, then those the other compared texts define (the study
    # writes "cardiovascular disease (CVD)" once, the article "CVD")
    src.defined = defined if defined is not None else meaning.defined_abbreviations(body)
    checkpoint()
    src.quantities = _quantity_mentions(src)
    checkpoint()
    src.spans = []
    for span in analyze(body):
        checkpoint()
        src.spans.append(span)
    from legreader.compare.quotes import quote_mentions
    from legreader.compare.venues import venue_mentions

    src.quotes = quote_mentions(src)
    checkpoint()
    src.causal = _causal_mentions(src)
    if findings and source_id == "primary":
        # the study's design is how it was run, not what it found
        src.causal = [m for m in src.causal if not _design_only(body, m.item.sentence)]
    if findings and meaning.FEATURES.findings:
        src.causal = sorted(
            src.causal + _finding_mentions(src, every=source_id == "primary"),
            key=lambda m: m.item.start,
        )
    checkpoint()
    src.venues = venue_mentions(src)
    return src


#: Claim categories that make an article's sentence a finding (with no causal cue in it).
_FINDING_CATEGORIES = frozenset({"statistic", "study", "hedge", "attribution"})
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
#: Fewest content words of a finding ("Results:" is none).
_FINDING_WORDS = 3
#: Words that make a sentence of the study state a result (a change, a difference, a relation,
#: its absence), not its title, authors or design.
_STUDY_RESULT_RE = re.compile(
    r"\b(?:reduc|increas|decreas|lower|higher|rais|rise|rose|fell|fall|more|less|fewer|better|"
    r"worse|improv|worsen|impair|enhanc|alter|affect|associat|link|correlat|predict|protect|"
    r"prevent|caus|lead|led|result|risk|likel|odds|effect|benefi|harm|differ|similar|compar|"
    r"signific|efficac|effective|safe|toxic|depend|relat|contribut|influenc|inhibit|activat|"
    r"promot|suppress|induc|mediat|modulat|regulat|identif|detect|show|found|demonstrat|"
    r"suggest|indicat|no\s+evidence|did\s+not|was\s+not|were\s+not|poor|weak|strong|support|"
    r"highlight|reveal|shap|elevat|distinguish|mitigat|confirm|evidence|possib|potential|role|"
    r"involv|responsib|activat|excit|feasib|useful|valuab|impact|accura|superior|inferior|"
    r"outperform|success|fail|abolish|restor|revers|deplet|accumulat|enrich|driv|determin|"
    r"relie|alleviat|cur(?:e|ed|es)\b|heal)\w*",
    re.I,
)
#: How the study was run, not what it found ("Mice were kept for 28 days ... compared with
#: controls", "We recruited 400 adults").
_DESIGN_RE = re.compile(
    r"\b(?:(?:were|was)\s+(?:kept|compared|randomi[sz]ed|assigned|followed|recruited|enrolled|"
    r"included|studied|taken|housed|exposed|given|allocated|measured|assessed|divided|split|"
    r"tracked|monitored|surveyed|interviewed|selected|matched|adjusted|stratified|weighted)|"
    r"(?:adjusted|adjusting|controlled|controlling)\s+for|(?:we|researchers|investigators)"
    r"\s+(?:studied|recruited|enrolled|compared|analy[sz]ed|followed|measured|tracked|surveyed)|"
    r"kept\s+for|followed\s+(?:up\s+)?for|compared\s+(?:with|to)\s+(?:the\s+|a\s+)?"
    r"(?:controls?|placebo|untreated)|(?:cohort|sample|trial|study|survey)\s+of\s+\d[\d,.]*"
    r")\b",
    re.I,
)
#: A finding stated in a sentence that also says how the study was run ("Following a cohort of
#: 1,000 children, we show that childhood self-control predicts ...").
_FINDING_CLAUSE_RE = re.compile(
    r"\b(?:show(?:s|ed|n)?|found|finds?|demonstrat\w*|reveal\w*|suggest\w*|conclude\w*|"
    r"indicat\w*|confirm\w*)\s+that\b|\b(?:associat|predict|correlat|linked\s+to)\w*",
    re.I,
)


def _design_only(body: str, sentence: tuple[int, int]) -> bool:
    """The sentence says how the study was run and states no finding."""
    return bool(_DESIGN_RE.search(body, *sentence)) and not _FINDING_CLAUSE_RE.search(
        body, *sentence
    )


#: Words that make a sentence state a result: a change, a comparison, an effect, a relation.
_RESULT_RE = re.compile(
    r"\b(?:\w+(?:es|s|ed)\b|more|less|fewer|better|worse|higher|lower|greater|smaller|likely|"
    r"risk|effect|benefit|harm|no\s+(?:effect|difference|link|evidence)|linked|tied|than|"
    r"reduce|increase|improve|lower|raise|cut|boost|prevent|cause|help|protect|relieve|ease|"
    r"treat|cure|harm|damage|worsen|slow|halt|reverse)\b",
    re.I,
)


def _finding_mentions(src: Source, every: bool) -> list[Mention]:
    """Sentences that state a result without a causal cue: every sentence of the primary record
    (``every``), the sentences of an article that hold a claim span of the claim engine."""
    causal = {src.sentence_at(m.item.start) for m in src.causal}
    wanted: set[tuple[int, int]] = set()
    if every:
        wanted = {
            sentence
            for sentence in src.sentences
            if _STUDY_RESULT_RE.search(src.body, sentence[0], sentence[1])
            and not _design_only(src.body, sentence)
            and src.body[sentence[0] : sentence[1]].rstrip()[-1:] in ".!?;:)\"”'’"
        }
    else:
        for span in src.spans:
            if span.category in _FINDING_CATEGORIES:
                wanted.add(src.sentence_at(span.start))
        for sentence in src.sentences:
            if _RESULT_RE.search(src.body, sentence[0], sentence[1]):
                wanted.add(sentence)
    hedges = {src.sentence_at(span.start) for span in src.spans if span.category == "hedge"}
    out: list[Mention] = []
    for sentence in sorted(wanted - causal):
        checkpoint()
        start, end = sentence
        text = src.body[start:end]
        if end <= start or len(_WORD_RE.findall(text)) < _FINDING_WORDS + 2:
            continue
        if _CAVEAT_RE.search(text):
            continue
        terms, shown = _context(src.body, sentence, start, start, [], src.defined, flat=True)
        end = start + len(text.rstrip())
        hedged = sentence in hedges
        item = Item(
            article=src.id, start=start, end=end, text=src.body[start:end], role="causal",
            label="conditional" if hedged else "none", sentence=sentence,
        )  # fmt: skip
        phrase = partial(finding_phrase, src.body, sentence)
        out.append(Mention(item, terms, shown, finding=True, phrase_of=phrase))
    return out


#: A caveat about what the study can show is not a finding ("it cannot show that swimming
#: improves sleep", "this does not prove that ...", "association, not causation").
_CAVEAT_RE = re.compile(
    r"\b(?:can(?:not|'t|’t)|could\s+not|couldn['’]t|does\s+not|doesn['’]t|do\s+not|don['’]t|"
    r"did\s+not|didn['’]t|is\s+not\s+able\s+to|unable\s+to)\s+(?:show|prove|establish|"
    r"demonstrate|tell|determine|confirm)\b|\bnot\s+(?:necessarily\s+)?causation\b|"
    r"\bcorrelation\s+(?:is\s+not|isn['’]t|does\s+not\s+(?:mean|imply))\b",
    re.I,
)


_OBSERVATIONAL_TYPES = re.compile(
    r"observational|cohort|cross[- ]sectional|case[- ]control|ecological|survey|correlational",
    re.I,
)
_OBSERVATIONAL_RE = re.compile(
    r"\b(?:this|our|the|a|an)\s+(?:[\w-]+\s+){0,2}(?:observational|cohort|cross-sectional|"
    r"case-control)\b",
    re.I,
)


def design_ceiling(text: str, study_type: str = "") -> str | None:
    """The strongest causal wording the study's design allows: "correlational" when the record
    says it is observational ("study_type: observational", "a prospective cohort of ...") or
    says it shows no causation ("an association, not causation"); None when it does not say."""
    if _OBSERVATIONAL_TYPES.search(study_type or ""):
        return "correlational"
    if _CAVEAT_RE.search(text) or _OBSERVATIONAL_RE.search(text):
        return "correlational"
    return None


def _causal_mentions(src: Source) -> list[Mention]:
    out: list[Mention] = []
    caveats: dict[tuple[int, int], bool] = {}  # a sentence holds several causal spans
    for span in src.spans:
        checkpoint()
        if span.category != "causal" or not span.strength:
            continue
        sentence = src.sentence_at(span.start)
        caveat = caveats.get(sentence)
        if caveat is None:
            caveat = caveats[sentence] = bool(_CAVEAT_RE.search(src.body, *sentence))
        if caveat:
            continue  # a caveat about the design, not a claim of a finding
        cue = re.search(r"'([^']+)'", span.reason or "")
        at = span.text.find(cue.group(1)) if cue else -1
        cue_start = span.start + at if at >= 0 else span.start
        cue_end = cue_start + len(cue.group(1)) if cue and at >= 0 else span.end
        terms, shown = _context(
            src.body, sentence, cue_start, cue_end, [], src.defined, role="causal"
        )
        item = Item(
            article=src.id, start=span.start, end=span.end, text=span.text, role="causal",
            label=span.strength, sentence=sentence, negated=span.negated,
        )  # fmt: skip
        phrase = partial(causal_phrase, src.body, sentence, cue_start, cue_end)
        out.append(Mention(item, terms, shown, phrase_of=phrase))
    return out
