"""Causal strength of one sentence, after the coding used in science-communication research.

The scale (Sumner et al. 2014; Yu, Li & Wang 2019): **direct** (a causal verb, no hedge: "X reduces
Y"), **conditional** (a hedge and a causal verb: "X may reduce Y", "X appears to improve Y"),
**correlational** (a relation that does not claim a cause, verbs and nouns alike: "X is associated
with Y", "the association of X with Y", "X predicts Y", "a risk factor for", "higher in X than in
Y"), and none. A negated relation ("was not associated", "did not reduce", "no evidence that") is a
finding too: it keeps its kind and is marked ``negated``.

The vocabularies below are written by hand as families of word forms; nothing is learnt from a
data set. :func:`classify` is called by the engine for sentences where the single-pass scanner saw a
direct or correlational cue (``cues.SCAN_CUES``), so every cue that can decide here is also a
scanner cue (see :data:`legreader.claims.cues._CORRELATIONAL` and ``_DIRECT_VERBS``).

Error classes fixed (each has unit tests in ``tests/test_claims_causal.py``; the list is kept in
``docs/claims-error-classes.md``):

1. nominal and verbal correlation: "the association of X with Y", "associations between",
   "predicts", "a predictor of", "a risk factor for", "at higher risk of", "a marker of";
2. comparisons between groups read as correlational: "higher in men than in women";
3. "can" is ability, not a hedge: "X can reduce Y" is direct;
4. "appear(s) to", "seem(s) to", "potentially", "likely to" hedge a causal verb (conditional);
5. negated relations keep their kind and carry ``negated``;
6. purposes and recommendations are not claims: "measures to reduce", "should be promoted to
   reduce", "strategies for improving", "the need to prevent";
7. questions, indirect questions ("whether X reduces Y"), descriptions ("the zone that is
   responsible for") and Title Case headings are not claims;
8. change verbs used intransitively ("rates increased by 20% between 2000 and 2010") and
   noun uses of verb-like cues ("the impact of", "changes in") are not causal verbs;
9. "effective", "efficacious", "beneficial" state a direct effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .cues import _alts, month_may

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class CausalReading:
    """The causal claim of one sentence."""

    strength: str
    """``direct``, ``conditional`` or ``correlational``."""
    negated: bool
    reason: str
    """Names the decisive words: ``"conditional: 'may' + 'reduce'"``, ``"...; negated: 'not'"``."""


# --- vocabularies ------------------------------------------------------------------------------------

HEDGE_WORDS = r"""
    may | might | could | would | possibly | possible | perhaps | potential | potentially
  | appears?\s+to | appeared\s+to | seems?\s+to | seemed\s+to | suggests? | suggested | suggesting
  | likely(?<!more\slikely)(?<!less\slikely)(?<!as\slikely) | probably | presumably | plausibl[ey]
  | hypothesi[sz](?:e|es|ed) | speculate | conceivabl[ey]
"""
"""Hedges that make a causal verb conditional ("can" is ability, not a hedge)."""

NEGATORS = r"""
    not(?!\s+only\b)(?!\s+just\b) | n[’']t | no(?!\s+longer\b)(?!\s+more\s+than\b) | never | neither
  | nor | without | fail(?:s|ed)?\s+to | lack\s+of | absence\s+of | unable\s+to | cannot
  | non-?significant(?:ly)? | insignificant
"""
"""Words that deny the relation that follows them in the same clause."""

RAISERS = r"""
    help(?:s|ed|ing)? | shown | found | proven | proved? | known | thought | believed | said
  | appears? | appeared | seems? | seemed | likely | unlikely | tends? | tended | able | unable
  | expected | reported | estimated | predicted | serve[sd]? | continue[sd]? | fail(?:s|ed)?
  | go(?:es)? | went | ought | used | needed
"""
"""Words after which "to" + causal verb still states the effect ("shown to reduce",
"helps to prevent"); after any other word it is a purpose ("measures to reduce")."""

_AMBIGUOUS_NOUNS = r"""
    changes? | damages? | harms? | increases? | decreases? | limits? | cures? | triggers?
  | boosts? | rise | drops? | causes | limited
"""
"""Causal words that are nouns too; a following of/on/in/to/for makes them nouns ("changes in");
"effect"/"impact" nouns still state an effect ("had a negative impact on")."""

RESEARCH_AGENDA = r"""
    (?:further|future|additional|larger|longitudinal)\s+(?:[\w-]+\s+){0,3}?
      (?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | (?:is|are|be|remains?)\s+(?:still\s+)?(?:needed|necessary|required|warranted)\b
  | requires?\s+further | should\s+(?:be\s+)?(?:confirm|investigat|explor|examin|evaluat|assess
      |determin|clarif|studi|address)\w*
"""
"""A call for more research: the relation it names is a question, not a finding."""

_CHANGE_VERBS = r"""
    increas(?:e|es|ed|ing) | decreas(?:e|es|ed|ing) | reduc(?:e|es|ed|ing) | improv(?:e|es|ed|ing)
  | lower(?:s|ed|ing)? | declin(?:e|es|ed|ing) | chang(?:e|es|ed|ing) | worsen(?:s|ed|ing)?
  | rais(?:e|es|ed|ing) | boost(?:s|ed|ing)?
"""
_INTRANSITIVE_NEXT = r"""
    in | by | from | to | between | over | during | after | across | among | since | until | at
  | up | down | significantly | markedly | substantially | slightly | dramatically | steadily
  | sharply | rapidly | gradually | considerably | modestly | little | somewhat | further
"""
"""A change verb followed by one of these, with no "be" before it, is intransitive: a change over
time or between groups ("rates increased by 20%"), not an agent causing it."""


def _words(source: str) -> str:
    return "(?:" + "|".join(_alts(source)) + ")"


_HEDGE_RE = re.compile(rf"\b{_words(HEDGE_WORDS)}\b", _I)
_NEG_RE = re.compile(rf"\b{_words(NEGATORS)}\b|n[’']t\b", _I)
_NEG_EVIDENCE_RE = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}?(?:evidence|effects?|impact|benefit|difference|link|association"
    r"|relationship|correlation)\b",
    _I,
)
_NEG_AFTER_RE = re.compile(
    r"^[^,;:]{0,50}?\b(?:(?:was|were|is|are|has\s+been|have\s+been)\s+not|not\s+(?:statistically\s+)?"
    r"(?:significant|found|observed|seen|detected|evident|confirmed))\b",
    _I,
)
_PURPOSE_TO_RE = re.compile(r"(?:^|\b(\w+)\s+)to\s+(?:\w+ly\s+)?$", _I)
_RAISER_RE = re.compile(rf"{_words(RAISERS)}$", _I)
_GERUND_AFTER_PREP_RE = re.compile(
    r"\b(?:of|for|on|at|towards?|about|into|aimed\s+at|in)\s+(?:\w+ly\s+)?$", _I
)
_RECOMMEND_RE = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|need\s+for|important\s+to|necessary\s+to|recommended\s+to"
    r"|aim(?:s|ed)?\s+to|in\s+order\s+to|so\s+as\s+to|designed\s+to|intended\s+to|efforts?\s+to"
    r"|strateg(?:y|ies)\s+to|measures?\s+to|interventions?\s+to|ways?\s+to|how\s+to)\s+(?:\w+\s+){0,3}?$",
    _I,
)
_AGENDA_RE = re.compile(rf"\b{_words(RESEARCH_AGENDA)}", _I)
_RESEARCH_VERB_BEFORE_RE = re.compile(
    r"\b(?:to|will|and)\s+(?:further\s+)?(?:examine|explore|investigate|determine|assess|evaluate"
    r"|clarify|study|confirm|understand|identify|elucidate|characteri[sz]e|address|establish)\b[^,;:]*$",
    _I,
)
_ASSOCIATED_WITH_RE = re.compile(r"(?:\s+\w+){0,3}?\s+(?:with|to)\b", _I)
_HAVE_BEFORE_RE = re.compile(
    r"\b(?:have|has|had|having|with|found|showed|shows?|is|are|was|were|be|been)\s+$", _I
)
"""Before a word that is a verb and an adjective ("lower"), a word that makes it the adjective."""
_NOMINAL_CHANGE_RE = re.compile(
    r"(?:reduction|improvement|increase|decrease|decline|rise)s?\s+(?:in|of)$", _I
)
_WHETHER_RE = re.compile(r"\b(?:whether|if)\b[^,;:]*$", _I)
_DESCRIPTION_RE = re.compile(r"\b(?:that|which|who)\s+(?:is|are|was|were)\s+$", _I)
_AMBIGUOUS_RE = re.compile(rf"{_words(_AMBIGUOUS_NOUNS)}$", _I)
_NOUN_NEXT_RE = re.compile(r"\s+(?:of|on|in|to|for|from|and|or|was|were|is|are)\b", _I)
_CHANGE_RE = re.compile(rf"{_words(_CHANGE_VERBS)}$", _I)
_INTRANSITIVE_RE = re.compile(rf"(?:\s+{_words(_INTRANSITIVE_NEXT)}\b|\s*[.,;:)]|\s*$)", _I)
_BE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$", _I)
_CLAUSE_START_RE = re.compile(
    r"(?:[,;:()]|\b(?:but|whereas|while|although|though|however|that|which))[^,;:()]*$", _I
)
_HEADING_RE = re.compile(r"^\s*#{1,6}\s")
_TITLE_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but with by from as is are vs via".split()
)


# --- the reading -------------------------------------------------------------------------------------


def classify(
    sent: str,
    direct_rx: re.Pattern[str],
    corr_rxs: Iterable[re.Pattern[str]],
    extra: Iterable[tuple[int, int, str]] = (),
    low: str | None = None,
) -> CausalReading | None:
    """The causal claim of ``sent`` or None: the first usable cue decides its kind.

    ``direct_rx`` / ``corr_rxs``: the engine's direct and correlational cue patterns; ``extra``:
    cues found otherwise, as (start, end, kind) in ``sent``; ``low``: ``sent.lower()`` of the same
    length, which the patterns then search instead (compiled case-sensitive, they are faster)."""
    stripped = sent.rstrip(" \"'”’)]")
    if stripped.endswith("?") or _is_heading(sent) or _AGENDA_RE.search(sent):
        return None
    cues: list[tuple[int, int, str]] = list(extra)
    hay = sent if low is None else low
    for m in direct_rx.finditer(hay):
        if _usable_direct(sent, m.start(), m.end()):
            cues.append((m.start(), m.end(), "direct"))
    for corr_rx in corr_rxs:
        for m in corr_rx.finditer(hay):
            if _usable_corr(sent, m.start(), m.end()):
                cues.append((m.start(), m.end(), "correlational"))
    if not cues:
        return None
    # the earliest cue decides; at one position the verb wins ("Statins lower levels of") unless
    # "have"/"with"/"be" makes the word an adjective ("had lower levels of")
    cues.sort(key=lambda c: (c[0], c[2] != "direct"))
    start, end, kind = cues[0]
    if kind == "direct" and len(cues) > 1 and cues[1][0] == start:
        if _HAVE_BEFORE_RE.search(sent, max(0, start - 12), start) is not None:
            start, end, kind = cues[1]
    cue = sent[start:end].strip()
    neg = _negation(sent, start, end)
    if kind == "correlational":
        reason = f"correlational: '{cue}'"
    else:
        hedge = _hedge_before(sent, start)
        if hedge is not None:
            kind = "conditional"
            reason = f"conditional: '{hedge}' + '{cue}'"
        else:
            reason = f"direct: '{cue}'"
    if neg is not None:
        reason += f"; negated: '{neg}'"
    return CausalReading(kind, neg is not None, reason)


def _is_heading(sent: str) -> bool:
    """A Markdown heading, or a Title Case line of four or more words without final punctuation."""
    if _HEADING_RE.match(sent):
        return True
    if sent.rstrip()[-1:] in ".!?:;\"”'’)":
        return False
    words = [w for w in _TITLE_WORD_RE.findall(sent) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 4 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _blocked(sent: str, start: int) -> bool:
    """The cue at ``start`` sits in an indirect question ("whether X reduces Y") or is the object
    of a research verb ("to examine the association")."""
    lo = max(0, start - 80)
    return (
        _WHETHER_RE.search(sent, lo, start) is not None
        or _RESEARCH_VERB_BEFORE_RE.search(sent, lo, start) is not None
    )


def _usable_corr(sent: str, start: int, end: int) -> bool:
    """A correlational cue that states a relation: not in an indirect question, not the name of
    an organisation ("the American Heart Association")."""
    word = sent[start:end]
    if start > 0 and word[0].isupper() and word.startswith("Associat"):
        return False
    if word.lower() == "associated" and _ASSOCIATED_WITH_RE.match(sent, end) is None:
        return False  # "and associated costs"
    if not sent[:start].strip(" \t•-*") and _NOMINAL_CHANGE_RE.match(word):
        return False  # a list item naming a change ("Reduction in blood flow."): no finding stated
    return not _blocked(sent, start)


def _usable_direct(sent: str, start: int, end: int) -> bool:
    """A direct cue that states an effect: not a purpose, a recommendation, a description, an
    indirect question, a noun or an intransitive change."""
    lo = max(0, start - 60)
    before = sent[lo:start]
    to = _PURPOSE_TO_RE.search(before)
    if to is not None:
        head = to.group(1)
        if (head is None or _RAISER_RE.match(head) is None) and sent[start:end] != "blame":
            return False  # "measures to reduce", "the aim was to improve"
    if _RECOMMEND_RE.search(before) or _blocked(sent, start):
        return False
    if sent[start:end].lower().endswith("ing") and _GERUND_AFTER_PREP_RE.search(before):
        return False  # "strategies for improving", "the importance of reducing"
    if _DESCRIPTION_RE.search(before) and sent[start:end].lower().startswith(
        ("responsible", "involved")
    ):
        return False  # "the zone that is responsible for"
    word = sent[start:end]
    if _AMBIGUOUS_RE.fullmatch(word) and _NOUN_NEXT_RE.match(sent, end):
        if not (
            word.lower().startswith("benefit") and sent[end:].lstrip().lower().startswith("from")
        ):
            return False  # "the beneficial impact of", "changes in"
    if (
        _CHANGE_RE.fullmatch(word)
        and _INTRANSITIVE_RE.match(sent, end)
        and _BE_BEFORE_RE.search(before) is None
    ):
        return False  # "rates increased by 20%", "satisfaction reduced markedly"
    return True


def _hedge_before(sent: str, start: int) -> str | None:
    """The last hedge word before the cue in the sentence ("may", "appears to")."""
    last = None
    for m in _HEDGE_RE.finditer(sent, 0, start):
        if m.group().lower() == "may" and (
            m.group() != "may" or month_may(sent, m.start(), m.end())
        ):
            continue  # "May" or "in may 2018": the month
        last = m
    return None if last is None else last.group()


def _negation(sent: str, start: int, end: int) -> str | None:
    """The negating words of the relation at ``start:end`` in its clause, or None."""
    lo = max(0, start - 80)
    clause = _CLAUSE_START_RE.search(sent, lo, start)
    c0 = clause.start() + 1 if clause is not None else lo
    window = sent[c0:start]
    words = window.split()
    near = " ".join(words[-6:])
    negators = _NEG_RE.findall(near)
    if negators:
        return str(negators[-1])
    e = _NEG_EVIDENCE_RE.search(window)
    if e is not None:
        return e.group()
    if _NEG_AFTER_RE.match(sent[end : end + 80]) is not None:
        return "not"  # "an association was not found"
    return None
