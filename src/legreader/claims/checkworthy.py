"""Check-worthy sentences: does a sentence state a fact someone could check?

Pure Python, no Textual. A sentence is check-worthy when it states something that could be
looked up and found true or false: a number (a statistic, a year, an amount), a stated cause, a
study or a source, and also the plainer facts with no number at all: what a named person or
institution did ("The Senate passed the bill", "He voted against it"), what exists or happened,
records and rankings ("the largest deficit in history"). It is not check-worthy when it is an
opinion or an evaluation ("I think", "that is wrong"), a plan, promise or call to act ("we
will", "we must", "I'm going to"), a question, or chatter ("Thank you", "Let me finish").

The verdict weighs positive signals (the engine's statistic, causal, study and attribution spans,
event verbs in the past or present perfect with a concrete subject, records and rankings, laws
and votes, named people and places, numbers) against negative ones (opinion, evaluation,
future and modal verbs, questions, first-person plans, chatter). Every signal is a general rule
of English; the vocabularies are written here, not drawn from any data set.

:func:`checkworthy` reads one sentence; :func:`checkworthy_sentences` every sentence of a text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import regex as re
from .model import ClaimSpan
from .sentences import sentences

__all__ = ["Verdict", "checkworthy", "checkworthy_sentences", "THRESHOLD"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The check-worthiness of one sentence."""

    start: int
    end: int
    checkworthy: bool
    score: int
    """The sum of the signal weights; check-worthy from :data:`THRESHOLD` up."""
    reasons: tuple[str, ...]
    """The signals that fired, strongest first, each as "+2 past event 'voted'"."""


#: A sentence is check-worthy when its score reaches this.
THRESHOLD = 2

#: The weight of each signal of :func:`signals`. Positive: the sentence states something that
#: can be looked up; negative: it gives an opinion, a plan, a call to act, asks, or chats. The
#: weights are small integers set by hand and checked against the debate set of
#: ``benchmarks/claims_real.py`` (their sum, not any one of them, decides).
WEIGHTS: dict[str, int] = {
    # a number, a record, a change, a comparison of record
    "digits": 3,  # "43", "1.5": a number written in digits (a year aside)
    "number": 2,  # "two", "hundreds", "twice"
    "statistic": 2,  # the engine's statistic span
    "record": 3,  # "the largest deficit in history", "an all-time high", "ranked"
    "trend": 2,  # "is down", "went up", "rises"
    "comparison": 2,  # "higher ... than"
    "money": 1,  # "$5", "dollars", "billion"
    "year": 1,
    "time": 1,  # "last year", "ago", "since", "during"
    # what happened, who did it, what a source said
    "past event": 1,  # "voted", "passed", "signed"
    "past ed": 1,  # "he proposed", "Congress approved"
    "perfect": 1,  # "has cut", "have lost"
    "was": 1,
    "did not": 1,
    "named event": 1,  # an event verb and a named person or institution
    "institution": 1,  # "Congress", "the law", "the deficit"
    "existential": 1,  # "there were"
    "stance": 1,  # "he supports", "she voted"
    "attribution": 2,
    "study": 2,
    "causal": 1,
    "long": 1,  # 25 words or more: room for a fact
    # opinion, plans, questions, chatter
    "question": -3,
    "opinion": -3,  # "I think", "in my opinion"
    "obligation": -2,  # "we must", "you should", "let's"
    "future": -2,  # "will", "going to"
    "modal": -1,  # "would", "could"
    "evaluation": -2,  # "great", "terrible", "wrong"
    "hedge": -2,  # the engine's hedge span: "maybe", "perhaps"
    "chatter": -2,  # "Thank you", "Well", "Let me"
    "short": -3,  # fewer than 5 words
    "brief": -1,  # fewer than 10 words
    "first person": -1,  # "I", "my"
    "you": -1,
    "if": -1,
    "quote": -1,
    "advice": -1,
}

# --- vocabularies (written for this module: general English, public life and the news) ---------

_EVENT_PAST = """
voted passed signed vetoed enacted repealed approved rejected opposed supported sponsored
introduced proposed cut raised lowered increased decreased reduced doubled tripled quadrupled
halved created eliminated abolished closed opened built destroyed invaded attacked bombed killed
lost won elected appointed nominated fired hired spent borrowed paid sent deployed withdrew
negotiated ratified imposed lifted banned defeated balanced sold bought invested grew fell rose
declined dropped added shipped produced exported imported testified announced declared launched
founded served ran led took gave received collected taxed cost owed funded financed subsidized
released captured arrested convicted indicted pardoned occupied liberated freed sued ruled
overturned blocked filibustered campaigned endorsed expanded shrank slashed froze privatized
nationalized cancelled canceled terminated ended began started established instituted
implemented invented discovered fought marched killed murdered died wounded shot invaded
admitted acknowledged denied refused broke violated resigned retired graduated worked taught
managed owned inherited earned made went came left moved lived met visited traveled travelled
wrote published reported recorded stood called said told promised pledged threatened warned
accused charged criticized praised attended hosted chaired headed joined quit formed merged
acquired cleaned polluted dumped spilled burned flooded collapsed surged soared plunged tumbled
""".split()
_EVENT_PARTICIPLE = """
voted passed signed vetoed enacted repealed approved rejected opposed supported sponsored
introduced proposed cut raised lowered increased decreased reduced doubled tripled quadrupled
halved created eliminated abolished closed opened built destroyed invaded attacked bombed killed
lost won elected appointed nominated fired hired spent borrowed paid sent deployed withdrawn
negotiated ratified imposed lifted banned defeated balanced sold bought invested grown fallen
risen declined dropped added shipped produced exported imported testified announced declared
launched founded served run led taken given received collected taxed cost owed funded financed
released captured arrested convicted indicted pardoned occupied liberated freed sued ruled
overturned blocked campaigned endorsed expanded shrunk slashed frozen cancelled canceled ended
begun started established implemented invented discovered fought died admitted denied refused
broken violated resigned worked earned made gone come moved lived met visited written published
reported been had done seen put gotten got kept brought
""".split()
_INSTITUTIONS = """
congress senate house parliament court courts administration government governor governors
president presidents mayor legislature cabinet pentagon army navy military troops nato un
treaty treaties law laws bill bills legislation amendment act constitution program programs
budget budgets deficit deficits debt tax taxes tariff tariffs unemployment inflation economy
jobs wages income incomes poverty crime recession growth gdp trade exports imports oil energy
medicare medicaid insurance pension pensions security welfare schools billion million trillion
percent record history
""".split()
_EVALUATIVE = """
great good bad terrible wonderful wrong important strong weak fair unfair dangerous horrible
awful disastrous disaster ridiculous tremendous incredible outstanding excellent serious proud
sad nice beautiful fantastic amazing shameful disgraceful outrageous stupid foolish wise smart
best worst better worse greatest finest decent honest dishonest tough hard easy crazy
silly absurd pathetic sorry glad happy afraid concerned worried hopeful confident optimistic
""".split()
_OPINION_VERBS = """
think believe feel hope guess suppose suspect wish want doubt expect imagine trust
""".split()
_OBLIGATION = r"(?:must|should|shall|ought\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|(?:'ve|have)\s+got\s+to|got\s+to|gotta)"

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_YEAR_RE = re.compile(r"\b(?:1[6-9]\d\d|20\d\d)s?\b|['’]\d0s\b")
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion trillions
    dozen dozens half twice thrice double triple percent""".split()
)
_RECORD_RE = re.compile(
    r"\b(?:(?:largest|biggest|highest|lowest|fewest|greatest|smallest|longest|shortest|fastest"
    r"|slowest|most|least|first|only|worst|best)\b[^.;?!]{0,60}?\b(?:in\s+(?:the\s+)?(?:history"
    r"|world|country|nation|century|decade|generation|state|union)|ever|since|on\s+record"
    r"|in\s+\d+\s+years|in\s+(?:a|one|two|three|four|five|ten|twenty|fifty)\s+(?:years|decades))"
    r"|record\s+(?:high|low|level|levels|number|numbers|deficit|deficits|surplus|profits?)"
    r"|(?:number|no\.)\s+one\b|\bran(?:k|ks|ked)\b|\ball[\s-]time\b|\bfor\s+the\s+first\s+time\b"
    r"|\bnever\s+before\b|\bleads?\s+the\s+(?:country|nation|world)\b"
    r"|\bleading\s+the\s+(?:country|nation|world)\b)",
    re.IGNORECASE,
)
_PERFECT_RE = re.compile(
    r"\b(?:has|have|had|'s|’s|'ve|’ve|'d|’d)\s+(?:not\s+|never\s+|already\s+|just\s+|also\s+"
    r"|actually\s+|repeatedly\s+|consistently\s+|now\s+)?(?:been\s+)?([a-z]+)\b",
    re.IGNORECASE,
)
_DID_RE = re.compile(r"\b(?:did\s+not|didn['’]t|never)\s+[a-z]+", re.IGNORECASE)
_NOT_PAST_BEFORE = frozenset(
    """to will would should can could must might may shall 'll ’ll let not don't doesn't
    won't cannot can't""".split()
)
_OPINION_RE = re.compile(
    r"\b(?:i|we)\s+(?:do\s+|don['’]t\s+|really\s+|just\s+|also\s+|still\s+|strongly\s+)?"
    rf"(?:{'|'.join(_OPINION_VERBS)})\b"
    r"|\bin\s+my\s+(?:opinion|view|judgment|judgement)\b|\bit\s+seems\s+to\s+me\b"
    r"|\bmy\s+(?:view|position|belief|feeling|hope)\s+is\b|\bi['’]m\s+(?:sure|convinced)\b",
    re.IGNORECASE,
)
_OBLIGATION_RE = re.compile(
    rf"\b(?:we|you|i|they|america|americans|he|she|it|people|everybody|everyone)\s+"
    rf"(?:really\s+|just\s+|simply\s+|also\s+)?{_OBLIGATION}\b|\blet['’]?s\b|\blet\s+us\b",
    re.IGNORECASE,
)
_FUTURE_RE = re.compile(
    r"\b(?:will|won['’]t|gonna)\b|['’]ll\b|\b(?:going\s+to)\s+(?!be\s+(?:\d|a\s+\d))[a-z]+",
    re.IGNORECASE,
)
_MODAL_RE = re.compile(r"\b(?:would|could|might|can)\b|['’]d\s+(?!been|had)", re.IGNORECASE)
_CHATTER_RE = re.compile(
    r"^\W*(?:thank(?:s|\s+you)|good\s+(?:evening|morning|night|afternoon)|excuse\s+me|let\s+me"
    r"|i['’]m\s+sorry|pardon|okay|ok|yes|no|well|sure|right|all\s+right|absolutely|exactly"
    r"|of\s+course|look|listen|wait|please)\b",
    re.IGNORECASE,
)
_PRONOUN_I_RE = re.compile(r"\b(?:i|my|me)\b", re.IGNORECASE)
_PRONOUN_WE_RE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d+(?:[.,]\d+)*")
_MONEY_RE = re.compile(
    r"[$£€]\s?\d|\b(?:dollars?|cents?|pounds|euros?)\b|\b(?:million|billion|trillion)s?\b",
    re.IGNORECASE,
)
_YOU_RE = re.compile(r"\byou(?:r|['’]re|['’]ve)?\b", re.IGNORECASE)
_IF_RE = re.compile(r"\b(?:if|unless|suppose|imagine)\b", re.IGNORECASE)
_SUBJECT_BEFORE = frozenset("he she they we i it who which that".split())
_WAS_RE = re.compile(r"\b(?:was|were|wasn['’]t|weren['’]t)\b", re.IGNORECASE)
_COMPARE_RE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|faster|slower|cheaper|greater"
    r"|better|worse)\b[^.;?!]{0,50}?\bthan\b",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\b(?:last|this|past|previous)\s+(?:year|years|month|months|week|weeks|term|decade|decades"
    r"|session|administration|century|spring|summer|fall|autumn|winter)\b|\bago\b|\byesterday\b"
    r"|\bsince\b|\bduring\b|\bin\s+the\s+(?:last|past)\b|\bover\s+the\s+(?:last|past)\b"
    r"|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_THERE_RE = re.compile(r"\bthere\s+(?:is|are|was|were|has\s+been|have\s+been)\b", re.IGNORECASE)
_TO_AFTER_RE = re.compile(r"\s+to\b")
_TREND_RE = re.compile(
    r"\b(?:is|are|was|were|went|gone|been|has|have|had)\s+(?:\w+ly\s+)?(?:not\s+)?(?:up|down)\b"
    r"|\b(?:increases|decreases|rises|falls|grows|declines|drops|doubles|shrinks)\b",
    re.IGNORECASE,
)
_STANCE_RE = re.compile(
    r"\b(he|she|they|[A-Z][a-z]+)\s+(?:(?:also|now|still|actually|even|always|never)\s+)?"
    r"(?:wants|supports|opposes|favors|favours|proposes|says|calls|plans|voted|talks|refuses"
    r"|promises|advocates|believes|claims|insists|argues)\b"
)
_PROPER_SKIP = frozenset("I I'm I've I'd I'll OK Mr Mrs Ms Dr".split())

_PAST = frozenset(_EVENT_PAST)
_PARTICIPLE = frozenset(_EVENT_PARTICIPLE)
_INSTITUTION = frozenset(_INSTITUTIONS)
_EVALUATION = frozenset(_EVALUATIVE)


_SEARCHED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money", _MONEY_RE),
    ("year", _YEAR_RE),
    ("was", _WAS_RE),
    ("comparison", _COMPARE_RE),
    ("trend", _TREND_RE),
    ("time", _TIME_RE),
    ("existential", _THERE_RE),
    ("did not", _DID_RE),
    ("record", _RECORD_RE),
    ("opinion", _OPINION_RE),
    ("obligation", _OBLIGATION_RE),
    ("future", _FUTURE_RE),
    ("modal", _MODAL_RE),
    ("chatter", _CHATTER_RE),
    ("first person", _PRONOUN_I_RE),
    ("we", _PRONOUN_WE_RE),
    ("you", _YOU_RE),
    ("if", _IF_RE),
)
"""Signals shown by one pattern each: the first match is the cue."""
_SEARCHED_LOWER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx.pattern)) for name, rx in _SEARCHED
)
"""The same patterns (written in lower case) without IGNORECASE, run over the lower-cased
sentence: about twice as fast."""


def signals(sentence: str, spans: Iterable[ClaimSpan] = ()) -> dict[str, str]:
    """The signals found in ``sentence``, each with the words that show it.

    ``spans``: the claim spans the engine found in the sentence (offsets do not matter)."""
    out: dict[str, str] = {}
    for span in spans:
        cat: str = span.category
        if cat == "causal" and span.strength == "conditional":
            cat = "hedged causal"  # "could reduce": a prediction more than a fact
        out.setdefault(cat, " ".join(span.text.split()[:6]))
    tokens = list(_WORD_RE.finditer(sentence))
    words = [t.group() for t in tokens]
    ends = [t.end() for t in tokens]
    lower = [w.lower().replace("’", "'") for w in words]
    for t in _DIGIT_RE.finditer(sentence):
        if not _YEAR_RE.fullmatch(t.group()):
            out["digits"] = t.group()  # a year is its own signal
            break
    num = next((w for w in lower if w[0].isdigit() or w in _NUMBER_WORDS), None)
    if num is not None:
        out["number"] = num
    for k, w in enumerate(lower):
        if w in _PAST and (k == 0 or lower[k - 1] not in _NOT_PAST_BEFORE):
            out["past event"] = words[k]
            break
    for t in _PERFECT_RE.finditer(sentence):
        verb = t.group(1).lower()
        if (verb in _PARTICIPLE or verb.endswith("ed")) and not _TO_AFTER_RE.match(
            sentence, t.end()
        ):
            out["perfect"] = t.group()  # "has cut", not "have got to"
            break
    for k, w in enumerate(lower):
        if (
            k > 0
            and len(w) > 4
            and w.endswith("ed")
            and (lower[k - 1] in _SUBJECT_BEFORE or k > 1 and words[k - 1][0].isupper())
            and not _TO_AFTER_RE.match(sentence, ends[k])
        ):
            out["past ed"] = f"{words[k - 1]} {words[k]}"
            break
    stance = _STANCE_RE.search(sentence)
    if stance and (stance.group(1).lower() in _SUBJECT_BEFORE or stance.start() > 0):
        out["stance"] = stance.group()  # "he supports", not "Says" opening a sentence
    inst = next((words[k] for k, w in enumerate(lower) if w in _INSTITUTION), None)
    if inst is not None:
        out["institution"] = inst
    proper = [
        w
        for k, w in enumerate(words)
        if k > 0 and w[0].isupper() and w not in _PROPER_SKIP and not w.isupper()
    ]
    if proper:
        out["name"] = proper[0]
    if sentence.rstrip().rstrip("\"'”’)").endswith("?"):
        out["question"] = "?"
    low = sentence.lower()
    same = len(low) == len(sentence)
    for name, rx in _SEARCHED_LOWER if same else _SEARCHED:
        hit = rx.search(low if same else sentence)
        if hit is not None:
            out[name] = sentence[hit.start() : hit.end()]
    ev = next(
        (
            words[k]
            for k, w in enumerate(lower)
            if w in _EVALUATION and (k == 0 or words[k].islower())
        ),
        None,
    )  # "Great Britain" is a name
    if ev is not None:
        out["evaluation"] = ev
    if len(words) < 5:
        out["short"] = f"{len(words)} words"
    elif len(words) < 10:
        out["brief"] = f"{len(words)} words"
    elif len(words) >= 25:
        out["long"] = f"{len(words)} words"
    event = out.get("past event") or out.get("perfect") or out.get("past ed")
    actor = out.get("name") or out.get("institution")
    if event and actor:
        out["named event"] = f"{actor} … {event}"
    return out


def checkworthy(sentence: str, spans: Iterable[ClaimSpan] = (), *, start: int = 0) -> Verdict:
    """The check-worthiness of one sentence; ``spans`` are the engine's spans in it.

    ``start``: the sentence's offset in its text (the verdict's offsets are ``start`` and
    ``start + len(sentence)``)."""
    found = signals(sentence, spans)
    weighed = sorted(
        ((WEIGHTS.get(name, 0), name, cue) for name, cue in found.items()),
        key=lambda t: (-abs(t[0]), t[1]),
    )
    score = sum(w for w, _, _ in weighed)
    reasons = tuple(f"{w:+d} {name} '{cue}'" for w, name, cue in weighed if w)
    return Verdict(start, start + len(sentence), score >= THRESHOLD, score, reasons)


def checkworthy_sentences(text: str, spans: Iterable[ClaimSpan] | None = None) -> list[Verdict]:
    """The verdict of every sentence of ``text``; ``spans`` are the engine's spans of ``text``
    (None: run the engine)."""
    if spans is None:
        from .engine import analyze

        spans = analyze(text)
    ordered = sorted(spans, key=lambda sp: (sp.start, sp.end))
    out: list[Verdict] = []
    k = 0
    for s, e in sentences(text):
        while k < len(ordered) and ordered[k].start < s:
            k += 1  # a span that begins before the sentence belongs to the one before
        j = k
        while j < len(ordered) and ordered[j].start < e:
            j += 1
        out.append(checkworthy(text[s:e], ordered[k:j], start=s))
        k = j
    return out
