"""Readable row labels: a short noun phrase a person can read ("sample size", "nuts and heart disease").

A label is a noun-phrase chunk of a sentence, found by general rules of English word classes,
never a bag of keywords. The chunker knows the closed classes (determiners, pronouns,
prepositions, conjunctions, auxiliaries, common adverbs) and a hand-written list of common
verbs; it reads ``-ly`` words as adverbs, a participle (``-ed``) as an adjective only before a
noun, and an ``-ing`` word as a verb when an object follows it ("producing healthy cells").

- A quantity is named by the noun phrase the number belongs to ("a 70% decrease in neural stem
  cells" -> "decrease in neural stem cells"), else by the phrase before it.
- A count names the counted noun as written, with its "with ..." qualifier ("400 adults with
  diabetes" -> "number of adults with diabetes").
- A causal claim is named by its cause and its effect, the noun phrases on either side of the
  cue ("Nut consumption was associated with a lower risk of coronary heart disease" -> "nut
  consumption and coronary heart disease").
- A finding without a cue is named by its first two noun phrases.

Label error classes fixed (issue 12): docs/compare-error-classes.md, "Labels" (L1-L9: verbs,
adverbs and frames at a label's edges, verb phrases as effects, a number's noun phrase, counts
and their nouns, lone words for causal rows); tests in tests/test_compare_labels.py.
"""

from __future__ import annotations

import re

_DETERMINERS = frozenset(
    """a an the this that these those its their his her our your my some any each every all
    both such another no either neither several many much few fewer more most less least
    which what whose other two three four five six seven eight nine ten eleven twelve
    dozen dozens hundreds thousands millions""".split()
)
_PRONOUNS = frozenset(
    """it they them we us he she i you him me who whom itself themselves ourselves one
    something anything nothing everything someone anyone everyone""".split()
)
_PREPOSITIONS = frozenset(
    """of in on at to for from by with into onto over under about around after before during
    between among through within without against toward towards across per than via upon
    like despite throughout beyond along amid unlike versus vs since until till off up down
    out away back""".split()
)
_CONJUNCTIONS = frozenset(
    """and or but nor so yet if because although though while when where whereas whether
    that as unless once""".split()
)
_AUXILIARIES = frozenset(
    """is are was were be been being am has have had having do does did will would could
    should may might can must shall cannot won't don't doesn't didn't isn't aren't wasn't
    weren't can't couldn't wouldn't shouldn't haven't hasn't hadn't""".split()
)
#: Adverbs that do not end in -ly.
_ADVERBS = frozenset(
    """not never even also too very just still yet already always often sometimes soon then
    now here there thus therefore however moreover furthermore indeed rather quite almost
    perhaps maybe again further instead otherwise meanwhile afterwards else ever hence
    only how why asleep awake alive alone afraid aware faster slower higher lower greater
    smaller larger bigger longer shorter better worse earlier later stronger weaker heavier
    lighter fewer""".split()
)
#: Words in -ly that are not adverbs.
_LY_NOT_ADVERBS = frozenset(
    """family supply assembly anomaly italy july fly belly ally rally reply apply monopoly
    jelly bully holy lily daily early elderly likely friendly lonely ugly oily silly weekly
    monthly yearly hourly nightly costly deadly lively lovely underbelly""".split()
)
#: Common English verbs (base forms); their inflections are built below. Nouns that are also
#: verbs ("increase", "use", "exercise") are not here: word order decides for them.
_VERB_BASES = """
    become make give take show find help keep get seem appear remain need allow enable cause
    lead mean suggest indicate reveal prove say tell ask think believe know see look go come
    put set let begin start stop try want like feel leave bring hold turn provide include
    involve affect produce send receive create develop explain describe emphasize emphasise
    support limit reduce lower raise boost prevent protect improve worsen impair alter
    depress stimulate trigger promote inhibit suppress induce determine confirm demonstrate
    identify detect lose gain grow fall rise drop decline double halve adapt assist handle
    exacerbate depend contribute relate associate link tie predict influence impact damage
    harm benefit slow halt reverse restore deplete enhance weaken strengthen expose
    receive recruit enroll enrol assign compare measure assess follow track monitor survey
    study publish report conclude state add note warn argue claim insist acknowledge
    caution admit advise recommend urge encourage discourage mature insulate sit walk run
    lift crouch move exert experience consist tend fail manage continue seem result swim
    sleep eat drink smoke drive play work live die spend stay wake read write speak talk
    hear buy pay choose
""".split()
_IRREGULAR = frozenset(
    """became made gave given took taken shown found kept got gotten meant led said told
    thought known seen saw went gone came put set let began begun felt left brought held
    lost grew grown fell fallen rose risen sent proven ran sat swam swum slept ate eaten
    drank drunk drove driven spent woke woken wrote written spoke spoken heard bought paid
    chose chosen""".split()
)


def _inflections(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    out = {base, base + "s", stem + "ed", stem + "ing", base + "d"}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        out.add(base + "es")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if len(base) <= 4 and base[-1] not in "aeiouwy" and base[-2:-1] in "aeiou":
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # stop -> stopped
    return out


_VERBS = frozenset(w for b in _VERB_BASES for w in _inflections(b)) | _IRREGULAR
#: Words that name how something is measured rather than what: dropped at a phrase's edges
#: ("a lower risk of heart disease" -> "heart disease").
_MEASURE_WORDS = frozenset(
    """risk risks chance odds likelihood rate rates level levels number amount amounts
    percent per cent times fold lower higher greater smaller larger bigger reduced increased
    decreased fewer more less likely unlikely average""".split()
)
#: Measure words dropped at a phrase's end too ("cellular level" keeps its noun).
_TRAILING_MEASURE = frozenset(
    "percent per cent times fold lower higher greater smaller larger fewer more less".split()
)
#: Prepositions that may join two noun phrases into one label ("fall in blood pressure",
#: "people with diabetes", "health of mitochondria").
_LINKS = frozenset({"of", "in", "with", "on"})
#: Nouns of people: a count of them is a count of people ("number of adults with diabetes").
_MAX_WORDS = 6
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d[\d.,]*%?|[^\w\s]")

#: Determiners that open a noun phrase (a verb never follows one).
_OPENERS = frozenset(
    "a an the this these those its their his her our your my some any each every no".split()
)

# word classes
_N, _J, _V, _D, _P, _C, _A, _X = "N", "J", "V", "D", "P", "C", "A", "X"


def tokens(text: str) -> list[str]:
    """Words, numbers and punctuation marks of ``text``, in order."""
    return _WORD_RE.findall(text)


def _base_class(tok: str) -> str:
    low = tok.lower().replace("’", "'")
    if not tok[0].isalpha():
        return _X
    if low in _DETERMINERS:
        return _D
    if low in _PRONOUNS:
        return _D
    if low in _PREPOSITIONS:
        return _P
    if low in _CONJUNCTIONS:
        return _C
    if low in _AUXILIARIES or low.endswith("n't"):
        return _V
    if low in _ADVERBS or (low.endswith("ly") and len(low) > 4 and low not in _LY_NOT_ADVERBS):
        return _A
    if low in _VERBS:
        return _V
    if len(low) >= 4 and low.endswith("ed") and not low.endswith("eed"):
        return _J  # a participle: an adjective before a noun, else a verb (decided below)
    return _N


def tag(toks: list[str]) -> list[str]:
    """A word class for each token: N noun (or adjective), J participle before a noun, V verb,
    D determiner or pronoun, P preposition, C conjunction, A adverb, X number or punctuation."""
    tags = [_base_class(t) for t in toks]
    lows = [t.lower() for t in toks]
    for i in range(1, len(toks)):
        if lows[i] in ("average", "least", "most", "total", "all") and lows[i - 1] in (
            "on",
            "at",
            "in",
        ):
            tags[i - 1] = tags[i] = _A  # "on average", "at least": adverbials
    for i, low in enumerate(lows):
        prev = lows[i - 1] if i else ""
        after = lows[i + 1] if i + 1 < len(lows) else ""
        nxt = tags[i + 1] if i + 1 < len(tags) else _X
        opened = prev in _OPENERS or (tags[i - 1] == _P and prev != "to") if i else False
        if (
            tags[i] == _N
            and low.endswith("ing")
            and len(low) > 5
            and (
                after in _OPENERS
                or (nxt == _N and after.endswith("s") and not after.endswith("ss"))
            )
        ):
            tags[i] = _V  # "producing healthy cells", "exercising legs"
        elif low.endswith("ing") and low in _VERBS and i and tags[i - 1] == _P and nxt in (_N, _D):
            pass  # "for producing healthy cells": a verb with its object
        elif low.endswith("ing") and low in _VERBS and nxt == _N and prev not in _OPENERS:
            tags[i] = _J  # "walking speed", "drinking water": the -ing word names a kind
        elif (
            tags[i] == _V
            and low.endswith("ed")
            and low in _VERBS
            and nxt == _N
            and (i == 0 or tags[i - 1] in (_C, _X))
        ):
            tags[i] = _J  # "Reduced proliferation ..." opening a sentence
        elif (
            tags[i] == _V
            and low in _VERBS
            and low not in _IRREGULAR
            and not low.endswith(("s", "ed", "ing"))
            and (i == 0 or tags[i - 1] in (_C, _X))
            and nxt == _N
        ):
            tags[i] = _N  # "Sleep efficiency was higher": a sentence opens with a noun
        elif tags[i] == _V and low in _VERBS and (opened or (i and tags[i - 1] == _J)):
            # "the study", "in rapid decline", "the reduced production": a noun after an opener
            tags[i] = _J if low.endswith(("ed", "ing")) and nxt in (_N, _V) else _N
        elif tags[i] == _V and low in _VERBS and i and tags[i - 1] == _N and nxt in (_X, _C):
            if not low.endswith(("ed", "s")) and low not in _IRREGULAR and not after[:1].isdigit():
                tags[i] = _N  # "rapid decline when": a base form closing a noun run
        elif tags[i] == _J and (nxt not in (_N, _J) or (i and tags[i - 1] in (_N, _V))):
            tags[i] = _V  # "mice aged 4 months", "cells produced", "researchers observed mice"
        elif tags[i] == _N and after in _OPENERS:
            tags[i] = _V  # "increase your strength": a noun is not followed by "your"
        if tags[i] == _J and i + 1 < len(tags) and tags[i + 1] == _V and lows[i + 1] in _VERBS:
            if not lows[i + 1].endswith(("ed", "s")) or lows[i + 1] in _OPENERS:
                tags[i + 1] = _N
    return tags


def chunks(text: str) -> list[list[str]]:
    """Noun-phrase chunks of ``text``: runs of nouns and adjectives, two of them joined by
    "of"/"in"/"with"/"on" (and a determiner) into one; each trimmed of measure words."""
    toks = tokens(text)
    tags = tag(toks)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if tags[i] in (_N, _J):
            j = i
            while j < len(toks) and tags[j] in (_N, _J):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    out: list[list[str]] = []
    k = 0
    while k < len(runs):
        start, end = runs[k]
        words = toks[start:end]
        if k + 1 < len(runs):
            nstart, nend = runs[k + 1]
            gap = toks[end:nstart]
            if (
                gap
                and gap[0].lower() in _LINKS
                and all(tags[g] == _D for g in range(end + 1, nstart))
                and len(gap) <= 2
                and end - start + nend - nstart < _MAX_WORDS
            ):
                words = [*words, gap[0], *toks[nstart:nend]]
                k += 1
        words = _trim(words)
        if words:
            out.append(words)
        k += 1
    return out


def _trim(words: list[str]) -> list[str]:
    """Drop measure words and participles at the edges, links left hanging, then cut to size."""
    changed = True
    while changed and words:
        changed = False
        if words[0].lower() in _MEASURE_WORDS or words[0].lower() in _LINKS:
            words, changed = words[1:], True
        elif words and (words[-1].lower() in _TRAILING_MEASURE or words[-1].lower() in _LINKS):
            words, changed = words[:-1], True
    if len(words) > _MAX_WORDS:
        link = next((i for i, w in enumerate(words) if w.lower() in _LINKS), -1)
        words = words[-_MAX_WORDS:] if link < 0 or link > _MAX_WORDS else words[:_MAX_WORDS]
        words = _trim(words) if words and words[-1].lower() in _LINKS else words
    return words


def _phrase(words: list[str]) -> str:
    def shown(w: str, first: bool) -> str:
        if w.isupper() and len(w) > 1:
            return w  # an abbreviation
        if w[:1].isupper() and not first and w[1:].islower():
            return w  # a name inside the phrase ("Americans", "Alzheimer")
        return w.lower()

    return " ".join(shown(w, i == 0) for i, w in enumerate(words))


def _clause(text: str, backwards: bool) -> str:
    """The part of ``text`` in the same clause as its end (``backwards``) or its start."""
    parts = re.split(r"[;:,–—()\[\]“”\"]|\s-\s", text)
    return parts[-1] if backwards else parts[0]


#: A number followed by one of these is placed by what follows ("12 % in the walking group"):
#: what it measures stands before it ("walking speed rose by 12 %").
_PLACE_WORDS = frozenset(
    "in at for among on to by with from after during over than within across per".split()
)


def quantity_phrase(body: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The noun phrase a number belongs to: what follows it ("70% decrease in neural stem
    cells"), else what precedes it ("reduced the number of neural stem cells by 70 percent")."""
    after = _clause(body[end : sentence[1]], backwards=False)
    toks = tokens(after)
    if toks and toks[0].lower() not in _PLACE_WORDS:
        # a number opens a noun phrase as a determiner does ("a 30% drop in memory")
        tags = tag(["a", *toks[:2]])[1:]
        low = toks[0].lower()
        comparative = tags[0] == _A and len(tags) > 1 and tags[1] == _N
        if (
            tags[0] in (_N, _J)
            or comparative
            or (tags[0] != _A and low in _MEASURE_WORDS)
            or low == "of"
        ):
            found = chunks("a " + after)
            if found:
                return _phrase(found[0])
    before = chunks(_clause(body[sentence[0] : start], backwards=True))
    return _phrase(before[-1]) if before else ""


def count_phrase(body: str, sentence: tuple[int, int], end: int, noun: str) -> str:
    """ "number of <counted noun>" plus its "with ..." qualifier ("400 adults with diabetes" ->
    "number of adults with diabetes"); a name keeps its capital ("38 million Americans")."""
    last = noun.split()[-1]
    single = last[:-1] if last.endswith("s") else last
    window = body[max(sentence[0], end - 80) : end]
    written = list(re.finditer(rf"\b{re.escape(single)}s?\b", window, re.I))
    name = noun.lower()
    if (
        written
        and written[-1].group()[:1].isupper()
        and written[-1].start() + max(sentence[0], end - 80) > sentence[0]
    ):
        name = " ".join([*name.split()[:-1], last[:1].upper() + last[1:].lower()])
    m = re.match(r"\s+(?:with|who\s+(?:had|have|has))\s+([^,.;:()]{3,60})", body[end : sentence[1]])
    if m:
        found = chunks(m.group(1))
        if found and m.group(1).lstrip().lower().startswith(found[0][0].lower()):
            return f"number of {name} with {_phrase(found[0])}"
    return f"number of {name}"


def causal_phrase(body: str, sentence: tuple[int, int], cue_start: int, cue_end: int) -> str:
    """ "<cause> and <effect>": the last noun phrase before the cue (in its clause) and the
    first one after it."""
    before = chunks(_clause(body[sentence[0] : cue_start], backwards=True))
    cue_words = tokens(body[cue_start:cue_end])
    lead = cue_words[-1] if cue_words and cue_words[-1].lower() in _PREPOSITIONS else ""
    # the cue's preposition tags what follows as its object ("vital for | producing cells")
    after = chunks(f"{lead} {_clause(body[cue_end : sentence[1]], backwards=False)}")
    cause = _phrase(before[-1][-4:]) if before else ""
    effect = _phrase(after[0][:5]) if after else ""
    if cause and effect and cause != effect:
        return f"{cause} and {effect}"
    if not cause and len(after) >= 2:
        # the cue opens the sentence ("Reduced proliferation and an altered cell cycle ...")
        return f"{effect} and {_phrase(after[1][:5])}"
    return cause or effect


#: Sentence frames before a finding ("Researchers found that", "According to the study,").
_FRAME_RE = re.compile(
    r"^.{0,80}?\b(?:found|find|finds|show|shows|showed|shown|suggest|suggests|suggested|"
    r"reveal|reveals|revealed|conclude|concluded|indicate|indicates|indicated|report|reports|"
    r"reported|demonstrate|demonstrates|demonstrated|notion)(?:\s+that)?\b|^\s*according\s+to\b[^,]*,",
    re.I,
)


def finding_phrase(body: str, sentence: tuple[int, int]) -> str:
    """A finding without a causal cue: its first two noun phrases, after any frame."""
    text = body[sentence[0] : sentence[1]]
    frame = _FRAME_RE.search(text)
    if frame:
        text = text[frame.end() :]
    found = chunks(text)
    if len(found) >= 2:
        return f"{_phrase(found[0][-4:])} and {_phrase(found[1][:5])}"
    return _phrase(found[0]) if found else ""


def is_phrase(label: str) -> bool:
    """True when ``label`` is noun phrases (joined by "and"): nouns and adjectives, linked by
    "of"/"in"/"with"/"on", never starting or ending with a verb, adverb, determiner or
    preposition. Read as after a determiner ("drop in memory" is a noun phrase)."""
    parts = [p for p in re.split(r"\s+and\s+", label) if p]
    if not parts or len(parts) > 2:
        return False
    for part in parts:
        toks = tokens(part)
        if not toks:
            return False
        tags = tag(["a", *toks])[1:]
        if tags[0] not in (_N, _J) or tags[-1] not in (_N, _J):
            return False
        for i, t in enumerate(tags):
            linked = i and toks[i - 1].lower() in _LINKS and toks[i].lower() in _OPENERS
            if t not in (_N, _J) and toks[i].lower() not in _LINKS and not linked:
                return False  # "length of the study" keeps its article after the link
    return True
