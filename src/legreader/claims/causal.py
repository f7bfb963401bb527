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
9. "effective", "efficacious", "beneficial" state a direct effect;
17. a level compared across a named group ("higher among veterans") is correlational;
18. "by" + an agent after a change verb is a passive ("not increased by the drug"), not an amount;
19. a participle before its noun after a preposition or at the head of a sentence with a verb of
    its own is an adjective ("patients with impaired glucose tolerance");
20. "at (high) risk of" with no verb or comparative names a studied group, not a finding;
22. effect nouns after a determiner ("an impact on", "no benefit to") are direct;
23. a comparative or participle stating a level ("showed lower levels", "was reduced in both
    groups", "Lower incidence of X in Y") is correlational;
25. a contrastive "and not Y" / "but not Y" denies the noun phrase, not the relation;
29. a relation named as the object of a research noun ("the investigation of associations") is
    no claim.
34. "limited" is a verb only before an object;
36. "have/has/had ... effects" and 40. "have a role in", "be the result/consequence of" are effect
    nouns (scanned from the noun, checked here: :func:`_noun_of_effect`);
37. a change verb + an -ly adverb + "with" is intransitive ("increases linearly with");
39. a participle before its noun after a comma is an adjective;
41. background (earlier research, "it is well established that") is not the study's claim;
42. an adjective of size makes a verb-noun the noun ("the smaller increases expected");
44. "because" giving the writer's reason for an evaluation or recommendation is no cue.
Classes 55-69 (fourth pass: comparisons with "than", "suggest that" as no hedge, the conditional
"if", "lower" as the adjective, changes after an event, levels of risk, multipliers, comparisons
with an estimate or norm, "affects N people", "the potential to", foretelling, outcomes compared
with a verb of living, tests that find, "puts X at risk") are tested in
``tests/test_claims_classes_h11b.py``.
"can" + a causal verb stays direct and the reason names "can" (``direct: 'can' + 'reduce'``).
(Classes 10-16, 21, 24, 26-28, 35, 38, 43 and 45 are vocabularies in :mod:`legreader.claims.cues`;
the tests of classes 34-45 are in ``tests/test_claims_classes_h11.py``.)

One module over 500 lines because it is one classifier: every helper is a rule of the one
causal-strength scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import regex as re  # re, with compile() served from the compiled-pattern table
from .cues import (
    CAUSAL_HEDGE_RE,
    IMPERATIVE_OPENING_RE,
    RESEARCH_AGENDA_RE,
    _alts,
    month_may,
)
from .model import Strength

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class CausalReading:
    """The causal claim of one sentence."""

    strength: Strength
    """``direct``, ``conditional`` or ``correlational``."""
    negated: bool
    reason: str
    """Names the decisive words: ``"conditional: 'may' + 'reduce'"``, ``"...; negated: 'not'"``."""


# --- vocabularies ------------------------------------------------------------------------------------

NEGATORS = r"""
    not(?!\s+only\b)(?!\s+just\b) | n[’']t | no(?!\s+longer\b)(?!\s+more\s+than\b) | never | neither
  | nor | without | fail(?:s|ed|ing)?\s+to | lack\s+of | absence\s+of | unable\s+to | cannot
  | non-?significant(?:ly)? | insignificant
"""
"""Words that deny the relation that follows them in the same clause."""

RAISERS = r"""
    help(?:s|ed|ing)? | shown | found | proven | proved? | known | thought | believed | said
  | appears? | appeared | seems? | seemed | likely | unlikely | tends? | tended | able | unable
  | expected | reported | estimated | predicted | serve[sd]? | continue[sd]? | fail(?:s|ed|ing)?
  | go(?:es)? | went | ought | needed | potential | capacity | ability | power
"""
"""Words after which "to" + causal verb still states the effect ("shown to reduce",
"helps to prevent"); after any other word it is a purpose ("measures to reduce")."""

_AMBIGUOUS_NOUNS = r"""
    changes? | damages? | harms? | increases? | decreases? | limits? | cures? | triggers?
  | boosts? | rise | drops? | causes | limited | cuts? | curbs? | slash | halts? | counters?
  | reversed | fuels? | sparks? | combats? | destroys? | raise
"""
"""Causal words that are nouns too; a following of/on/in/to/for makes them nouns ("changes in");
"effect"/"impact" nouns still state an effect ("had a negative impact on")."""

_CHANGE_VERBS = r"""
    increas(?:e|es|ed|ing) | decreas(?:e|es|ed|ing) | reduc(?:e|es|ed|ing) | improv(?:e|es|ed|ing)
  | lower(?:s|ed|ing)? | declin(?:e|es|ed|ing) | chang(?:e|es|ed|ing) | worsen(?:s|ed|ing)?
  | rais(?:e|es|ed|ing) | boost(?:s|ed|ing)?
"""
_INTRANSITIVE_NEXT = r"""
    in | by(?=\s+(?:[\d$£€]|(?:a|an|about|around|approximately|nearly|almost|roughly|some|up|over|more|less
      |as|at|only|just|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
      |(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty
      |ninety|hundreds?|thousands?|dozens?|several|many|tens|a\s+third|a\s+quarter|[\w-]+fold|far|much|little|twice|double|between)\b)) | from | to | between | over | during | after | across | among | since | until | at
  | with
  | up | down | significantly | markedly | substantially | slightly | dramatically | steadily
  | sharply | rapidly | gradually | considerably | modestly | little | somewhat | further
"""
"""A change verb followed by one of these, with no "be" before it, is intransitive: a change over
time or between groups ("rates increased by 20%"), not an agent causing it. "by" only before an
amount: "by" + anything else names the agent of a passive ("not increased by the drug", class 18)."""


def _words(source: str) -> str:
    return "(?:" + "|".join(_alts(source)) + ")"


_HEDGE_RE = CAUSAL_HEDGE_RE
_NEG_RE = re.compile(rf"\b{_words(NEGATORS)}\b|n[’']t\b", _I)
_NEG_EVIDENCE_RE = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}?(?:evidence|effects?|impact|benefit|difference|link|association"
    r"|relationship|correlation)\b",
    _I,
)
_NEG_AFTER_RE = re.compile(
    r"^(?:(?!\b(?:that|which|who)\b)[^,;:]){0,50}?\b(?:(?:was|were|is|are|has\s+been|have\s+been)\s+not|not\s+(?:statistically\s+)?"
    r"(?:significant|found|observed|seen|detected|evident|confirmed))\b",
    _I,
)
_PURPOSE_TO_RE = re.compile(r"(?:^|\b(\w+)\s+)to\s+(?:\w+ly\s+)?$", _I)
_RAISER_RE = re.compile(rf"{_words(RAISERS)}$", _I)
_BE_USED_RE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", _I)
_GERUND_AFTER_PREP_RE = re.compile(
    r"\b(?:of|for|on|at|towards?|about|into|aimed\s+at|in)\s+(?:\w+ly\s+)?$", _I
)
_RECOMMEND_RE = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|need\s+for|important\s+to|necessary\s+to|recommended\s+to"
    r"|aim(?:s|ed)?\s+to|in\s+order\s+to|so\s+as\s+to|designed\s+to|intended\s+to|efforts?\s+to"
    r"|strateg(?:y|ies)\s+to|measures?\s+to|interventions?\s+to|ways?\s+to|how\s+to)\s+(?:\w+\s+){0,3}?$",
    _I,
)
_AGENDA_RE = RESEARCH_AGENDA_RE
_RESEARCH_VERB_BEFORE_RE = re.compile(
    r"\b(?:(?<!\bfirst\s)to|will|and)\s+(?:further\s+)?(?:examine|explore|investigate|determine|assess|evaluate"
    r"|clarify|study|confirm|understand|identify|elucidate|characteri[sz]e|address|establish)\b"
    r"|\b(?:investigation|examination|exploration|evaluation|assessment|identification|clarification"
    r"|understanding|characteri[sz]ation|elucidation|analysis|analyses)\s+(?:of|on|into)\b",
    _I,
)
"""The relation is the object of a research verb, or of its noun ("the investigation of risk
factors for", class 29), when no , ; : follows it up to the cue."""
_RESEARCH_GATE_RE = re.compile(
    r"examin|explor|investig|determin|assess|evaluat|clarif|stud|confirm|understand|identif"
    r"|elucid|characteri|address|establish|analys"
)
"""Every :data:`_RESEARCH_VERB_BEFORE_RE` match contains one of these (lower case)."""
_ASSOCIATED_WITH_RE = re.compile(r"(?:\s+\w+){0,3}?\s+(?:with|to)\b", _I)
_HAVE_BEFORE_RE = re.compile(
    r"\b(?:have|has|had|having|with|found|showed|shows?|is|are|was|were|be|been)\s+$", _I
)
"""Before a word that is a verb and an adjective ("lower"), a word that makes it the adjective."""
_NOMINAL_CHANGE_RE = re.compile(
    r"(?:reduction|improvement|increase|decrease|decline|rise)s?\s+(?:in|of)$", _I
)
_WHETHER_RE = re.compile(
    r"\bwhether\b|\b(?:see|ask|asks|asked|asking|know|determine|test|tested|check|wonder|wondered"
    r"|conclude|tell|say|assess|establish|evaluate|examine|investigate|explore|unclear|clear)"
    r"\s+if\b",
    _I,
)
"""An indirect question when no , ; : follows it up to the cue (see :func:`_blocked`); "if" only
after a verb of asking or finding out ("to see if"): a conditional "if" states a claim of its own
("they may live as long if treated", class 57)."""
_DESCRIPTION_RE = re.compile(r"\b(?:that|which|who)\s+(?:is|are|was|were)\s+$", _I)
_AMBIGUOUS_RE = re.compile(rf"{_words(_AMBIGUOUS_NOUNS)}$", _I)
_NOUN_NEXT_RE = re.compile(r"\s+(?:of|on|in|to|for|from|and|or|was|were|is|are)\b", _I)
_CHANGE_RE = re.compile(rf"{_words(_CHANGE_VERBS)}$", _I)
_INTRANSITIVE_RE = re.compile(
    rf"(?:\s+[\w-]+ly(?=\s+with\b))?(?:\s+{_words(_INTRANSITIVE_NEXT)}\b|\s*[.,;:)]|\s*$)", _I
)
_ADVERB_THEN_OBJECT_RE = re.compile(
    r"\s+[\w-]+ly\s+(?:the|their|its|his|her|our|this|these|those)\b", _I
)
"""An object after the adverb ("improves significantly the clinical features"): the change verb is
transitive, an agent acting (class 84)."""
_BE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$", _I)
_CLAUSE_WORD_RE = re.compile(r"\b(?:but|whereas|while|although|though|however|that|which)", _I)
"""A word that opens a clause; so does any of ``,;:()`` (see :func:`_clause_start`)."""
_AGENDA_KEYS = (
    "need", "necessar", "requir", "warrant", "should", "further", "future", "additional",
    "larger", "longitudinal", "remain",
)  # fmt: skip
"""Every :data:`RESEARCH_AGENDA` match contains one of these (lower case): a cheap gate."""
_AGENDA_GATE_RE = re.compile("|".join(_AGENDA_KEYS))
_NEG_KEYS = (
    "no", "n't", "n’t", "never", "neither", "without", "fail", "lack", "absence", "unable",
    "significant",
)  # fmt: skip
"""Every :data:`NEGATORS` match contains one of these (lower case): a cheap gate."""
_NEG_GATE_RE = re.compile("|".join(_NEG_KEYS))
_RECOMMEND_LAST = ("should", "must", "to", "for")
"""The last word of every :data:`_RECOMMEND_RE` keyword."""
_HEADING_RE = re.compile(r"^\s*#{1,6}\s")
_TITLE_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but with by from as is are vs via".split()
)


# --- the reading -------------------------------------------------------------------------------------


def classify(
    sent: str,
    cues: Iterable[tuple[int, int, str]],
    hedges: Iterable[tuple[int, int]] | None = None,
    agenda: bool | None = None,
) -> CausalReading | None:
    """The causal claim of ``sent`` or None: the earliest usable cue decides its kind.

    ``cues``: every direct and correlational cue of the sentence as (start, end, kind) in
    ``sent``, kind ``"direct"``, ``"correlational"`` or ``"opening"`` (a direct cue that needs no
    check, such as an opening "Without X, ..."). The engine's single-pass scanner finds them, so
    nothing is searched twice; candidates are checked in order and the first usable one decides,
    so most cues of a long sentence are never looked at. ``hedges`` (every :data:`HEDGE_WORDS`
    match) and ``agenda`` (a :data:`RESEARCH_AGENDA` match) come from the scanner too; None
    searches ``sent`` for them."""
    ordered = sorted(cues, key=_cue_order)
    if not ordered:
        return None
    if sent.rstrip(" \"'”’)]").endswith("?") or _is_heading(sent):
        return None
    has_agenda = _agenda(sent) if agenda is None else agenda
    n = len(ordered)
    k = 0
    while k < n and not _usable(sent, ordered[k]):
        k += 1
    if k == n:
        return None
    start, end, kind = ordered[k]
    if has_agenda and not _agenda_after_claim(sent, end):
        return None
    if kind != "correlational" and _subject_relative(sent, start):
        # "Medicines which increase dopamine may hold the key to ...": the relative clause picks
        # out the subject; the main verb after it states the claim (class 76)
        j = k + 1
        while j < n and not (
            ordered[j][2] != "correlational"
            and _FINITE_RE.search(sent, end, ordered[j][0]) is not None
            and _usable(sent, ordered[j])
        ):
            j += 1
        if j < n:
            k = j
            start, end, kind = ordered[k]
    if (
        kind == "correlational"
        and _subject_change(sent, start, end)
        or kind == "direct"
        and start < 40
        and not sent[:start].strip(_HEAD_PUNCT)
        and _measured_state(sent, start, end)
    ):
        # "A small rise in the tax could cut ...": the change named in the subject is what acts;
        # the verb that follows states the claim
        j = k + 1
        while j < n and not (ordered[j][2] != "correlational" and _usable(sent, ordered[j])):
            j += 1
        if j < n and (
            sent[ordered[j][0] : ordered[j][1]][-2:].lower() != "ed"
            or _FINITE_RE.search(sent, end, ordered[j][0]) is not None
            or _OBJECT_AFTER_RE.match(sent, ordered[j][1]) is not None
        ):  # "Lower rates of X in children raised on farms": a participle after its noun
            k = j
            start, end, kind = ordered[k]
    if kind == "correlational" and sent[start:end].split(None, 1)[0].lower() in _RISK_NOUNS:
        # "the risk of rupture depends on ...": the noun names what the verb acts on; a later
        # usable cue states the claim when it is direct (class 60)
        j = k + 1
        while j < n and (ordered[j][0] < end or not _usable(sent, ordered[j])):
            j += 1
        if j < n and ordered[j][2] != "correlational":
            k = j
            start, end, kind = ordered[k]
    if kind != "correlational":
        kind = "direct"
        # at one position the verb wins ("Statins lower levels of") unless "have"/"with"/"be"
        # makes the word an adjective ("had lower levels of")
        j = k + 1
        while j < n and ordered[j][0] == start:
            if _usable(sent, ordered[j]):
                if (
                    _HAVE_BEFORE_RE.search(sent, max(0, start - 12), start) is not None
                    and sent[start : start + 5].lower() not in ("more ", "less ")
                ) or (
                    sent[start:end][-2:].lower() == "ed" and not sent[:start].strip(_HEAD_PUNCT)
                ):  # "Increased risk of X in Y": a headline's participle is the adjective
                    start, end, kind = ordered[j]
                    kind = "direct" if kind == "opening" else kind
                break
            j += 1
    cue = sent[start:end].strip()
    neg = _negation(sent, start, end)
    if kind == "direct" and _DIAGNOSTIC_USE_RE.match(sent, end) and _USEFUL_RE.fullmatch(cue):
        kind = "correlational"  # "useful for the early detection of sepsis": a marker (class 33)
    elif kind == "direct" and _measured_state(sent, start, end):
        kind = "correlational"  # "patients showed lower zinc levels", "inflammation was reduced in"
    strength: Strength
    if kind == "correlational":
        strength = "correlational"
        reason = f"correlational: '{cue}'"
    else:
        hedge = _hedge_before(sent, start, hedges)
        if hedge is None and _NOMINAL_EFFECT_RE.match(cue):
            hedge = _hedged_main_verb(sent, start, end)
        if hedge is not None:
            strength = "conditional"
            reason = f"conditional: '{hedge}' + '{cue}'"
        elif _CAN_BEFORE_RE.search(sent, max(0, start - 40), start) is not None:
            # "X can reduce Y": direct in the PubMed and press-release coding; the reason names
            # "can" so a coding that puts it lower (Sumner et al. 2014's own level) can see it
            strength = "direct"
            reason = f"direct: 'can' + '{cue}'"
        else:
            strength = "direct"
            reason = f"direct: '{cue}'"
    if neg is not None:
        reason += f"; negated: '{neg}'"
    return CausalReading(strength, neg is not None, reason)


_OBJECT_AFTER_RE = re.compile(r"\s+(?:the|their|its|our|his|her|this|these|those)\b", _I)
_HAVE_NOUN_BEFORE_RE = re.compile(
    r"\b(?:have|has|had|having)\s+(?:(?:a|an|no|any|some|little|only)\s+)?(?:(?!(?:more|less|fewer"
    r"|higher|lower|greater|better|worse|similar|same|opposite|opposing)\s)[\w-]+\s+){0,2}?$",
    _I,
)
_BE_A_BEFORE_RE = re.compile(r"\b(?:be|is|are|was|were)\s+(?:the|a)\s+(?:[\w-]+\s+)?$", _I)
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:the|a|an|its|their|our|your|his|her|my|no|any|same|such)\s+(?:[\w-]+\s+)?$", _I
)


def _noun_of_effect(sent: str, start: int, end: int) -> bool:
    """The effect nouns scanned for classes 36 and 40 state an effect only after have/has/had
    ("may have positive effects", "might have a role in") or, for result/consequence, after be +
    the/a ("may be the result of"). "role in" without a determiner is the plain cue of
    :data:`cues._DIRECT_VERBS` ("Diet's role in"), which keeps its own rules."""
    lo = max(0, start - 50)
    first = sent[start : start + 4].lower()
    if first in ("resu", "cons"):
        return _BE_A_BEFORE_RE.search(sent, lo, start) is not None
    if _HAVE_NOUN_BEFORE_RE.search(sent, lo, start) is not None:
        return True
    if first == "role":
        return _DETERMINER_BEFORE_RE.search(sent, max(0, start - 30), start) is None
    return False


_EVALUATION_BEFORE_RE = re.compile(
    r"\b(?:is|are|was|were|be|remains?|remained|seems?)\s+(?:\w+ly\s+)?(?:of\s+)?(?:\w+\s+)?"
    r"(?:importan(?:t|ce)|significan(?:t|ce)|relevan(?:t|ce)|worthwhile|essential|necessary|interesting"
    r"|(?:an?\s+)?(?:[\w-]+\s+)?(?:issue|concern|problem|challenge|priority))\s+$"
    r"|\b(?:raises?|raised)\s+(?:\w+\s+){0,2}(?:issues|questions|concerns)\b[^,;:]*$",
    _I,
)
_RECOMMENDATION_AFTER_RE = re.compile(
    r",[^.;]*\b(?:should|recommend\w*|need\s+to|needs\s+to|must)\b", _I
)


def _writers_reason(sent: str, start: int) -> bool:
    """ "because" giving the writer's reason for an evaluation or a recommendation ("is of
    particular importance because of", "Because X varies, we would recommend"), not a finding
    (class 44)."""
    if _EVALUATION_BEFORE_RE.search(sent, max(0, start - 60), start) is not None:
        return True
    return (
        not sent[:start].strip(_HEAD_PUNCT)
        and _RECOMMENDATION_AFTER_RE.search(sent, start) is not None
    )


_SIZE_BEFORE_RE = re.compile(
    r"\b(?:small|smaller|large|larger|great|greater|modest|slight|significant|substantial|further"
    r"|marked|dramatic|sharp|meaningful|major|minor|big|bigger|rapid|steady|overall)\s+$",
    _I,
)
"""An adjective of size before a word that is a verb and a noun ("increases", "changes") makes it
the noun (class 42)."""
_CAN_BEFORE_RE = re.compile(r"\bcan\b(?:\s+[\w-]+){0,3}?\s+$", _I)
"""Ability ("can (also) reduce", "can be used to treat"), in the few words before the cue."""
_SUBJECT_HEAD_RE = re.compile(
    r"^\W*(?:(?:a|an|the|small|large|modest|big|further|any)\s+){0,3}$", _I
)
_THAT_HEAD_RE = re.compile(
    r"\b(?:found|finds|shows?|showed|suggests?|suggested|concludes?|concluded|reports?|reported"
    r"|reveals?|revealed)\s+that\s+(?:(?:a|an|the|small|large|modest|big|further|any)\s+){0,3}$",
    _I,
)
_COMPARATIVE_HEADS = frozenset(("higher", "lower", "greater", "more", "less", "fewer"))


_STATE_WORD_RE = re.compile(
    r"(?:lower|higher|greater|reduced|increased|decreased|elevated|raised|impaired|improved"
    r"|enhanced|diminished|lowered|worse|better|poorer|weaker|stronger)",
    _I,
)
_STATE_BEFORE_RE = re.compile(
    r"\b(?:have|has|had|having|show|shows|showed|shown|showing|display|displays|displayed|exhibit"
    r"|exhibits|exhibited|found|identified|observed|demonstrated|revealed|indicate|indicates"
    r"|indicated|is|are|was|were|be|been|being|remained|remains|became|become)\s+(?:\w+ly\s+)*$",
    _I,
)
_USEFUL_RE = re.compile(r"useful|helpful|effective|valuable|accurate|reliable", _I)
_DIAGNOSTIC_USE_RE = re.compile(
    r"\s+(?:for|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:detect\w*|diagnos\w*|identif\w*|predict\w*"
    r"|screen\w*|monitor\w*|stratif\w*|prognos\w*|distinguish\w*|differentiat\w*)\b",
    _I,
)
"""After "useful"/"effective", a use in finding or foretelling a condition: the tool is a marker
that goes with the condition, not a cause of an outcome."""
_CONDITION_CLAUSE_RE = re.compile(
    r"\b(?:when|whenever|if|once|after|because|since|until|unless)\b[^,;:.()]*$", _I
)
_AGENT_AFTER_RE = re.compile(r"\s+(?:\w+ly\s+)?(?:by|with)\b", _I)


def _measured_state(sent: str, start: int, end: int) -> bool:
    """A comparative or participle that states a level, not an action (class 23): heading its noun
    at the start of a sentence ("Lower stress levels in every group"), after a verb of
    having or showing ("patients had lower zinc levels", "the scans showed reduced flow") or after
    "be" with no agent ("inflammation was reduced in both groups"; "was reduced by the drug" keeps
    its agent, so stays direct)."""
    if _STATE_WORD_RE.fullmatch(sent[start:end]) is None:
        return False
    if not sent[:start].strip(_HEAD_PUNCT):
        # "Lower incidence of X in Y", "Higher doses ...": a comparative heading its noun
        return sent[start:end][-2:].lower() != "ed" and _NOUN_AFTER_RE.match(sent, end) is not None
    before = _STATE_BEFORE_RE.search(sent, max(0, start - 30), start)
    if before is None:
        return False
    if sent[start:end][-2:].lower() == "ed" and before.group().lower().startswith(("ha", "been")):
        return False  # "has reduced deaths": the perfect of the verb; "been reduced" too
    if _CONDITION_CLAUSE_RE.search(sent, max(0, start - 50), start) is not None:
        return False  # "cells did not mature when exercise was reduced": the manipulated cause
    return _AGENT_AFTER_RE.match(sent, end) is None


def _subject_change(sent: str, start: int, end: int) -> bool:
    """A change named by a noun at the head of the sentence's subject ("Small increases in the
    price of ...", "A rise in duty ..."): an intervention, not a measured difference."""
    first = sent[start:end].split(None, 1)[0].lower()
    head = (
        start < 40
        and _SUBJECT_HEAD_RE.match(sent[:start]) is not None
        or _THAT_HEAD_RE.search(sent, max(0, start - 30), start) is not None
    )
    return head and (
        _NOMINAL_CHANGE_RE.match(sent[start:end]) is not None
        or first[-2:] == "ed"  # "Increased levels of X may"
        or first in _COMPARATIVE_HEADS  # "Higher vaccination rates can reduce" (class 87)
    )


def _cue_order(cue: tuple[int, int, str]) -> tuple[int, bool]:
    return cue[0], cue[2] == "correlational"


_BACKGROUND_RE = re.compile(
    r"\b(?:previous|prior|earlier|past)\s+(?:[\w-]+\s+){0,2}?(?:studies|study|research|work|reports?"
    r"|trials|findings|evidence|analyses)\b(?:(?!\b(?:but|however|whereas|while|although|this|our"
    r"|new)\b)[^;:])*$"
    r"|\bit\s+is\s+(?:well\s+|widely\s+|now\s+)?(?:known|established|recogni[sz]ed|accepted)\s+that\b"
    r"(?:(?!\b(?:but|however|whereas|while|although)\b)[^;:])*$"
    r"|\blong\s+(?:been\s+)?(?:known|surmised|believed|thought|suspected|recogni[sz]ed)\b"
    r"(?:(?!\b(?:but|however|whereas|while|although)\b)[^;:])*$"
    r"|\b(?:been|raised?|raising|led\s+to|voiced|expressed|growing)\s+(?:\w+\s+)?(?:an?\s+)?"
    r"(?:concerns?|fears?)\s+that\b(?:(?!\b(?:but|however|whereas|while|although)\b)[^;:])*$"
    r"|\bknown\s+to\s+(?:[\w-]+ly\s+)?(?:be\s+)?$",
    _I,
)
"""Background the writer reports as already known or earlier claimed ("Previous studies have
suggested that X may increase Y", "It is well established that", "There had been concern
that"; "known to reduce" is left: measured, it lost as much as it gained): not the finding of the study at hand (class 41)."""
_BACKGROUND_GATE_RE = re.compile(
    r"previous|prior|earlier|past|establish|recogni|accepted|long|concern|fear|known"
)


def _background(sent: str, start: int) -> bool:
    lo = max(0, start - 160)
    return (
        _BACKGROUND_GATE_RE.search(sent[lo:start].lower()) is not None
        and _BACKGROUND_RE.search(sent, lo, start) is not None
    )


def _usable(sent: str, cue: tuple[int, int, str]) -> bool:
    start, end, kind = cue
    if kind != "opening" and _background(sent, start):
        return False
    if _aside(sent, start, end):
        return False
    if kind == "direct":
        return _usable_direct(sent, start, end)
    if kind == "correlational":
        return _usable_corr(sent, start, end)
    return True


def _aside(sent: str, start: int, end: int) -> bool:
    """A cue that is no claim of the sentence (class 81): a word in capitals ("the CREATE-X
    trial": a name, not the verb), or a cue inside a parenthesis that a main clause follows
    ("the increases expected (due to X) would be unlikely to be detected": a side remark)."""
    word = sent[start:end]
    if len(word) >= 4 and word.isupper():
        return True
    if "(" not in sent[:start]:
        return False
    head = sent[:start]
    if head.count("(") <= head.count(")"):
        return False
    close = sent.find(")", end)
    return close != -1 and _FINITE_RE.search(sent, close) is not None


def _is_heading(sent: str) -> bool:
    """A Markdown heading, or a Title Case line of four or more words without final punctuation."""
    if _HEADING_RE.match(sent):
        return True
    if sent.rstrip()[-1:] in ".!?:;\"”'’)":
        return False
    words = [w for w in _TITLE_WORD_RE.findall(sent) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 4 and all(w[0].isupper() or w[0].isdigit() for w in words)


_CLAUSE_BREAK_RE = re.compile(r",|\b(?:though|although|but|while|whereas)\b", _I)


def _agenda_after_claim(sent: str, end: int) -> bool:
    """The call for more research comes in a clause of its own after the claim ("X does not
    improve survival, though longer follow-up is warranted", class 71): the claim stands. A call
    that names the relation ("further studies are needed to confirm that X reduces Y") or comes
    first vetoes it."""
    m = _AGENDA_RE.search(sent, end)
    return (
        m is not None
        and _AGENDA_RE.search(sent, 0, end) is None
        and _CLAUSE_BREAK_RE.search(sent, end, m.start()) is not None
    )


def _agenda(sent: str) -> bool:
    """A call for more research (:data:`RESEARCH_AGENDA`)."""
    low = sent.lower()
    return _AGENDA_GATE_RE.search(low) is not None and _AGENDA_RE.search(sent) is not None


def _after_punct(sent: str, lo: int, hi: int) -> int:
    """Just after the last of ``,;:`` in ``sent[lo:hi]``, or ``lo``."""
    return max(
        lo, sent.rfind(",", lo, hi) + 1, sent.rfind(";", lo, hi) + 1, sent.rfind(":", lo, hi) + 1
    )


def _blocked(sent: str, start: int) -> bool:
    """The cue at ``start`` sits in an indirect question ("whether X reduces Y") or is the object
    of a research verb ("to examine the association"), with no , ; : between them."""
    lo = _after_punct(sent, max(0, start - 80), start)
    if lo >= start:
        return False
    low = sent[lo:start].lower()
    return (
        ("if" in low or "whether" in low) and _WHETHER_RE.search(sent, lo, start) is not None
    ) or (
        _RESEARCH_GATE_RE.search(low) is not None
        and _RESEARCH_VERB_BEFORE_RE.search(sent, lo, start) is not None
    )


_AT_RISK_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|['’]re|['’]s|become|becomes|became|remain|remains|remained"
    r"|stay|stays|found|considered|appear|appears|seem|seems)\s+(?:\w+ly\s+|not\s+|also\s+"
    r"|still\s+|most\s+|more\s+|less\s+|already\s+|particularly\s+|especially\s+)*$"
    r"|\b(?:put|puts|putting|placed|places|placing|place|leave|leaves|left)\s+(?:[\w-]+\s+){1,3}$",
    _I,
)
_THAN_EXPECTED_RE = re.compile(
    r"\s+(?:(?:had|has|have)\s+been\s+|(?:was|were|is|are)\s+)?(?:previously|once|originally|commonly"
    r"|generally|widely|first|initially|earlier|usually)?\s*(?:thought|believed|reported|estimated"
    r"|expected|assumed|predicted|realized|realised|recognized|recognised|known|suspected|anticipated"
    r"|feared|hoped|planned|intended)\b"
    r"|\s+(?:(?:about|around|approximately|roughly|nearly)\s+)?[\d.,]+\s*(?:%|[a-zµ/]+\b)"
    r"|\s+(?:the\s+|a\s+)?(?:conventional|recommended|normal|normally|usual|common|standard"
    r"|acceptable|threshold|guidelines?|cut-?offs?|limits?|recommendations?|targets?)\b(?!-)"
    r"|\s+(?:they|we|people|patients|parents|doctors)\s+(?:say|said|think|thought|believe|believed"
    r"|report|reported|realize|realise|expect|expected)\b",
    _I,
)
_THAN_EXPECTED_AFTER_RE = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+than(?=" + _THAN_EXPECTED_RE.pattern + ")", _I
)
"""After "higher than", an estimate, a belief, a number or a norm, not a group: "higher than
previously thought", "higher than 5 mg/L", "larger than the usual recommendations",
"more weight than they say" compare a finding with what was believed, not two groups."""
_AFFECTS_COUNT_RE = re.compile(
    r"\s+(?:(?:about|around|approximately|nearly|almost|roughly|some|over|more\s+than|up\s+to|an\s+estimated"
    r"|as\s+many\s+as)\s+)?(?:\d|one\s+in\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|a|one)"
    r"\s+(?:hundred|thousand|million|billion|in|out|third|quarter|half)\b|(?:hundreds|thousands|millions|billions)\b"
    r"|(?:half|a\s+third|a\s+quarter|most|many)\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:people|adults|children|women|men|americans|patients))",
    _I,
)
"""After "affects", a count of people: how common a condition is, not an effect ("affects about 1
in 40 adults", "affecting 15 million Americans", class 64)."""
_RISK_NOUNS = frozenset(("risk", "risks", "likelihood", "probability", "chance", "chances", "odds"))
"""Nouns of a level of risk (class 60); "risk factors" is a cue of its own."""
_RISK_OBJECT_RE = re.compile(
    r"\b(?:mitigat|consider|assess|evaluat|estimat|calculat|quantif|determin|weigh|perceiv|manag"
    r"|minimi[sz]|reduc|lower|decreas|predict|stratif|examin|investigat|explor|understand|address"
    r"|modif|balanc)\w*\s+(?:the\s+|their\s+|its\s+|this\s+|a\s+)?(?:[\w-]+\s+)?$",
    _I,
)
"""Before "risk of", a verb whose object the risk is ("to mitigate the risk of", "lowers the risk
of": the verb decides, if it is a cue at all)."""
_WITH_BEFORE_RE = re.compile(r"\bwith\s+(?:an?\s+)?$", _I)
_AT_RISK_COMPARED_RE = re.compile(
    r"\b(?:higher|greater|increased|elevated|heightened|lower|reduced|more|less|twice|double"
    r"|triple)\b",
    _I,
)
"""Before "at (higher) risk of", a verb that makes it a finding ("were at higher risk of", "puts
children at risk of"); without one, "patients at high risk for stroke" only names a group."""


def _usable_corr(sent: str, start: int, end: int) -> bool:
    """A correlational cue that states a relation: not in an indirect question, not the name of
    an organisation ("the American Heart Association")."""
    word = sent[start:end]
    if start > 0 and word[0].isupper() and word.startswith("Associat"):
        return False
    if word.lower() == "associated" and _ASSOCIATED_WITH_RE.match(sent, end) is None:
        return False  # "and associated costs"
    if (
        word[:3].lower() == "at "
        and _AT_RISK_COMPARED_RE.search(sent, max(0, start - 12), end) is None
        and _AT_RISK_VERB_RE.search(sent, max(0, start - 40), start) is None
    ):
        return False  # "patients at high risk for stroke": who was studied (class 20)
    if (
        "than" in sent[end : end + 40]
        and "risk" not in word.lower()
        and _THAN_EXPECTED_AFTER_RE.match(sent, end) is not None
    ):
        return False  # "more common than previously thought" (class 63)
    if word[-4:].lower() == "than" and _THAN_EXPECTED_RE.match(sent, end) is not None:
        return False  # "higher than previously thought": against an estimate, no groups (class 63)
    if word.split(None, 1)[0].lower() in _RISK_NOUNS and (
        sent[start - 1 : start] == "-"
        or _RISK_OBJECT_RE.search(sent, max(0, start - 40), start) is not None
    ):
        return False  # "at-risk for", "to mitigate the risk of": no level of risk stated (class 60)
    if word[:5].lower() == "high " and _WITH_BEFORE_RE.search(sent, max(0, start - 12), start):
        return False  # "patients with high risk for amputation": a group, too
    if (
        word.split(None, 1)[0][-3:].lower() == "ing"
        and word.lower().endswith(("after", "following", "among"))
        and _GERUND_AFTER_PREP_RE.search(sent, max(0, start - 30), start) is not None
    ):
        return False  # "the chance of falling after surgery": a noun (class 59)
    if not sent[:start].strip(" \t•-*") and _NOMINAL_CHANGE_RE.match(word):
        return False  # a list item naming a change ("Reduction in blood flow."): no finding stated
    if (
        word[:4].lower() == "risk"
        and word[-1:].lower() in ("r", "s")
        and _KNOWN_FACTORS_RE.search(sent, max(0, start - 30), start) is not None
        and _FACTOR_OF_RE.match(sent, end) is None
    ):
        return False  # "adjusted for conventional risk factors": known factors named (class 85)
    return not _blocked(sent, start)


_KNOWN_FACTORS_RE = re.compile(
    r"(?<!\bshare\s)(?<!\bshares\s)(?<!\bshared\s)\b(?:established|conventional|traditional|known|common|usual|classic(?:al)?|standard"
    r"|multiple|specific|other)\s+(?:[\w-]+\s+)?$",
    _I,
)
_FACTOR_OF_RE = re.compile(r"\s+(?:for|of|in)\b", _I)


def _usable_direct(sent: str, start: int, end: int) -> bool:
    """A direct cue that states an effect: not a purpose, a recommendation, a description, an
    indirect question, a noun or an intransitive change."""
    lo = max(0, start - 60)
    before = sent[lo:start]
    tail = before.split()[-4:]
    to = None
    if tail and (tail[-1].lower() == "to" or len(tail) > 1 and tail[-2].lower() == "to"):
        to = _PURPOSE_TO_RE.search(before)
    if to is not None:
        head = to.group(1)
        if head is not None and head.lower().endswith("ly"):
            # "was found significantly to improve": the raiser before the adverb (class 84)
            adverb = _ADVERB_TO_RE.search(before)
            head = adverb.group(1) if adverb is not None else head
        if head is not None and head.lower() == "time":
            # "has been shown for the first time to reduce": the raiser before the aside
            first = _FIRST_TIME_TO_RE.search(before)
            head = first.group(1) if first is not None else head
        raised = head is not None and (
            _RAISER_RE.match(head) is not None
            or (head.lower() == "used" and _BE_USED_RE.search(before, 0, to.start(1)) is not None)
        )
        if not raised and sent[start:end] != "blame" and not _advice_purpose(sent, start):
            # "measures to reduce", "the aim was to improve", "drugs used to relieve pain"
            # ("can be used to treat" states what it does)
            return False
    if _blocked(sent, start) or (
        any(w.lower().endswith(_RECOMMEND_LAST) for w in tail) and _RECOMMEND_RE.search(before)
    ):
        return False
    if (
        sent[start:end].lower().endswith("ing")
        and _GERUND_AFTER_PREP_RE.search(before)
        and _PROMISE_OF_RE.search(before) is None
    ):
        return False  # "strategies for improving", "the importance of reducing"
    if sent[start:end].lower().startswith(("responsible", "involved")) and _DESCRIPTION_RE.search(
        before
    ):
        return False  # "the zone that is responsible for"
    word = sent[start:end]
    if _AMBIGUOUS_RE.fullmatch(word) and _NOUN_NEXT_RE.match(sent, end):
        if not (
            word.lower().startswith("benefit") and sent[end:].lstrip().lower().startswith("from")
        ):
            return False  # "the beneficial impact of", "changes in"
    low = word.lower()
    if (
        low in ("effect", "effects")
        or low[:4] == "role"
        or (low[:4] in ("resu", "cons") and low[-3:] == " of")
    ) and not _noun_of_effect(sent, start, end):
        return False
    if (
        low == "limited"
        and _OBJECT_AFTER_RE.match(sent, end) is None
        and _CONDITION_CLAUSE_RE.search(sent, max(0, start - 50), start) is None
    ):
        return False  # "only limited relief", "is limited" (class 34); "limited the spread" and
        # "decline when movement becomes limited" (the manipulated cause) stay
    if word[:7].lower() == "because" and _writers_reason(sent, start):
        return False
    if _AMBIGUOUS_RE.fullmatch(word) and _SIZE_BEFORE_RE.search(sent, max(0, start - 16), start):
        return False  # "the smaller increases expected", "meaningful changes have occurred"
    if word[-2:].lower() == "ed" and _attributive(sent, lo, start, end):
        return False  # "patients with impaired glucose tolerance", "Reduced HDL was common"
    if low.startswith("affect") and _AFFECTS_COUNT_RE.match(sent, end) is not None:
        return False  # "affects about 1 in 40 adults": prevalence (class 64)
    if (
        low == "lower"
        and (not tail or tail[-1].lower() != "to")
        and (
            _attributive(sent, lo, start, end)
            or _ADJECTIVE_BEFORE_RE.search(sent, max(0, start - 20), start) is not None
        )
    ):
        return False  # "with lower back pain", "Significantly lower rates were found" (class 58)
    if (
        _CHANGE_RE.fullmatch(word)
        and _INTRANSITIVE_RE.match(sent, end)
        and _BE_BEFORE_RE.search(before) is None
        and _ADVERB_THEN_OBJECT_RE.match(sent, end) is None
    ):
        return False  # "rates increased by 20%", "satisfaction reduced markedly"
    return True


_ATTRIBUTIVE_BEFORE_RE = re.compile(
    r"(?:^\W*|,\s+|\b(?:with|of|in|for|to|among|on|from|at|as|despite|without|including|whereas"
    r"|while|but\s+not|and\s+not)\s+)(?:\w+ly\s+)?$",
    _I,
)
_NOUN_AFTER_RE = re.compile(
    r"\s+(?!(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|by|in|with|to|from"
    r"|for|of|on|at|as|and|or|than|which|who|whom|whose|when|while|after|before|during|over"
    r"|under|between|among|into|through|only|not|no|it|them|him|us|me|you|both|all|each|more|less)"
    r"\b)[A-Za-z][\w-]*(?<!ly)\b"
)


_ADJECTIVE_BEFORE_RE = re.compile(
    r"\b(?:a|an|the|their|its|his|her|our|this|these|those|severe|much|even|far|slightly|and|or)"
    r"\s+$",
    _I,
)
"""Before "lower", a word that makes it the comparative adjective ("the lower limb", "severe
lower respiratory infection"), not the verb ("statins lower cholesterol")."""
_HEAD_PUNCT = " \t\"“'‘(•*-"
_FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|may|might|can|could|should|must|does|did"
    r"|remains?|remained|seems?|appears?)\b",
    _I,
)


_NOMINAL_EFFECT_RE = re.compile(
    r"(?:(?:beneficial|positive|negative|adverse|protective|harmful)\s+)?(?:effects?|benefits?|impacts?"
    r"|roles?|influence)\b",
    _I,
)
_MODAL_HEDGE_RE = re.compile(r"(?:may|might|could)\b", _I)


def _hedged_main_verb(sent: str, start: int, end: int) -> str | None:
    """The modal of the main verb when an effect named by a noun is the subject ("The beneficial
    effects of X on Y may indicate new avenues"): the hedge after the noun weakens the claim
    the noun makes (class 77). None when more than three words come before the noun (it is no
    longer the sentence's subject) or the first finite verb after it is no modal hedge."""
    if len(sent[:start].split()) > 3 or _FINITE_RE.search(sent, 0, start) is not None:
        return None
    m = _FINITE_RE.search(sent, end)
    if m is None or _MODAL_HEDGE_RE.match(m.group()) is None:
        return None
    return m.group()


_ADVERB_TO_RE = re.compile(r"\b(\w+)\s+[\w-]+ly\s+to\s+(?:\w+ly\s+)?$", _I)
_FIRST_TIME_TO_RE = re.compile(r"\b(\w+)\s+for\s+the\s+first\s+time\s+to\s+(?:\w+ly\s+)?$", _I)
_PROMISE_OF_RE = re.compile(
    r"\b(?:potential|promise)\s+of\s+(?:[\w‘’'-]+\s+){1,6}?(?:in|for)\s+(?:\w+ly\s+)?$", _I
)
""""the potential of an artificial pancreas in preventing": what the gerund does is the claim,
hedged by "potential" (class 80); "the importance of reducing" stays a purpose."""
_SUBJECT_RELATIVE_RE = re.compile(r"\b(?:which|that|who)\s+(?:[\w-]+ly\s+)?$", _I)


def _subject_relative(sent: str, start: int) -> bool:
    """The cue at ``start`` opens a relative clause of the sentence's subject: a which/that/who
    right before it, and no finite verb between the sentence's start and that word."""
    m = _SUBJECT_RELATIVE_RE.search(sent, max(0, start - 30), start)
    return m is not None and _FINITE_RE.search(sent, 0, m.start()) is None


def _advice_purpose(sent: str, start: int) -> bool:
    """ "Remove catheters early to prevent infections": the sentence opens with an imperative
    (capitalised, so not "test results") and no comma or clause comes between it and the cue."""
    if sent[:1].islower() or IMPERATIVE_OPENING_RE.match(sent) is None:
        return False
    return not any(c in sent[:start] for c in ",;:")


def _attributive(sent: str, lo: int, start: int, end: int) -> bool:
    """A participle used as an adjective before its noun ("with impaired glucose tolerance",
    "Reduced HDL was ...") rather than a past-tense verb with a subject before it: it follows a
    preposition, or opens a sentence that has a verb of its own later; a verbless line ("Reduced
    proliferation of stem cells.") states its finding with the participle (class 19)."""
    if _NOUN_AFTER_RE.match(sent, end) is None:
        return False
    if not sent[:start].strip(_HEAD_PUNCT):
        return _FINITE_RE.search(sent, end) is not None
    return _ATTRIBUTIVE_BEFORE_RE.search(sent, lo, start) is not None


def _hedge_before(
    sent: str, start: int, hedges: Iterable[tuple[int, int]] | None = None
) -> str | None:
    """The last hedge word before the cue in the sentence ("may", "appears to"); ``hedges``:
    every hedge match in ``sent``, or None to search for them."""
    if hedges is None:
        hedges = [(m.start(), m.end()) for m in _HEDGE_RE.finditer(sent)]
    last = None
    for a, b in hedges:
        if b > start:
            break
        if (
            b - a == 3
            and sent[a:b].lower() == "may"
            and (sent[a:b] != "may" or month_may(sent, a, b))
        ):
            continue  # "May" or "in may 2018": the month
        if _AS_POSSIBLE_RE.search(sent, max(0, a - 30), a) and sent[a:b].lower() == "possible":
            continue  # "as soon as possible": a degree, not a hedge
        last = (a, b)
    if (
        last is not None
        and _PARTICIPLE_CLAUSE_RE.search(sent, last[1], start) is not None
        and _ING_RE.match(sent, start) is not None
    ):
        # "seems to be 'ultra-bad', leading to a higher risk": the hedge stays in its clause; the
        # participle after the comma states what follows as a result (class 78)
        return None
    return None if last is None else sent[last[0] : last[1]]


_AS_POSSIBLE_RE = re.compile(r"\bas\s+(?:[\w-]+\s+){1,2}as\s+$", _I)
_PARTICIPLE_CLAUSE_RE = re.compile(r",\s+(?:[\w-]+ly\s+)?$", _I)
_ING_RE = re.compile(r"\w+ing\b", _I)


def _negation(sent: str, start: int, end: int) -> str | None:
    """The negating words of the relation at ``start:end`` in its clause, or None."""
    lo = max(0, start - 80)
    if _NEG_GATE_RE.search(sent[lo:start].lower()) is not None:
        window = sent[_clause_start(sent, lo, start) : start]
        near = " ".join(window.split()[-6:])
        negators = _NEG_RE.findall(near)
        if (
            negators
            and not (len(negators) == 1 and _CONTRASTIVE_NOT_RE.search(near))
            and not _relative_negation(sent, lo, start)
        ):
            return str(negators[-1])
        e = _NEG_EVIDENCE_RE.search(window)
        if e is not None:
            return e.group()
    after = sent[end : end + 80]
    if "not" in after.lower() and _NEG_AFTER_RE.match(after) is not None:
        return "not"  # "an association was not found"
    return None


_CONTRASTIVE_NOT_RE = re.compile(
    r"(?:\band|\bbut|,|\bnot\s+only)\s+not\s+(?!only\b)(?![\w-]*ly\b)[\w-]+(?:\s+[\w-]+){0,3}\s*$",
    _I,
)
"""A contrast ("protein and not sugar activates", "CRP, but not PCT, predicted"): the "not" denies
the noun phrase after it, not the relation (class 25)."""


_RELATIVE_NEG_RE = re.compile(
    r"\b(?:who|whose|that|which)\s+(?:[\w-]+\s+){0,2}?(?:not|never|n[’']t)\s+(?:[\w-]+\s+){1,2}?"
    r"(?:(?:was|were|is|are|had|has|have)\s+(?:[\w-]+\s+){0,2})?$",
    _I,
)
"""A negated relative clause inside the subject, followed by the main verb ("people whose
preferences were not met were less likely to", "those who never ate fish had more"): the
negator belongs to the clause that picks out the group, not to the relation (class 75)."""
_FINITE_CUE_RE = re.compile(r"\b(?:was|were|is|are|had|has|have)\b", _I)
_NEGATOR_WORD_RE = re.compile(r"\b(?:not|never)\b|n[’']t\b", _I)


def _relative_negation(sent: str, lo: int, start: int) -> bool:
    """The negator before ``start`` sits in a relative clause of the subject: a finite verb
    closes that clause before the cue, or the cue itself is the main verb ("pupils who did not
    eat breakfast had lower scores")."""
    m = _RELATIVE_NEG_RE.search(sent, lo, start)
    if m is None:
        return False
    negators = list(_NEGATOR_WORD_RE.finditer(m.group()))
    after = negators[-1].end() if negators else 0
    closed = _FINITE_CUE_RE.search(m.group(), after)
    return closed is not None or _FINITE_CUE_RE.match(sent, start) is not None


def _clause_start(sent: str, lo: int, hi: int) -> int:
    """Where the clause holding ``hi`` begins, not before ``lo``: just after the last of ``,;:()``,
    else one past the start of the first clause word ("but", "which"...), else ``lo``."""
    punct = max(
        _after_punct(sent, lo, hi), sent.rfind("(", lo, hi) + 1, sent.rfind(")", lo, hi) + 1
    )
    if punct > lo:
        return punct
    m = _CLAUSE_WORD_RE.search(sent, lo, hi)
    return lo if m is None else m.start() + 1
