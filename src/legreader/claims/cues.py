"""Cue patterns of the claim engine: words and shapes of language, never of one study.

Every pattern is compiled once at import. Each category's cues are plain regular expressions so a
reader of :mod:`legreader.claims.engine` can see why a span fired (the ``reason``).

Speed: the word cues are written as lists of alternatives and compiled twice, as the per-category
patterns below (used on one sentence at a time where the fast path cannot be used) and as one
combined :data:`SCAN_RES` pattern that finds every category's cues in a single pass over the whole
text (the engine assigns the hits to sentences). Alternatives are grouped by their first letter
(:func:`alternation`) so ``re`` rejects a word with one character comparison per group instead of
one per cue; the combined pattern runs case-sensitively over the lower-cased text, which is
several times faster than ``re.IGNORECASE``.

One module over 500 lines because it is the engine's vocabulary as data: one table of patterns,
with the few helpers that compile it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import regex as re  # re, with compile() served from the compiled-pattern table
from .subjects import NONHUMAN_SUBJECTS_PATTERN

_I = re.IGNORECASE


def alternation(alts: Iterable[str]) -> str:
    """``(?:a|b|...)`` with the alternatives grouped by their first literal character.

    Matches exactly what the plain alternation matches: alternatives that start with different
    characters can never both match at one position, and within a group the order is kept.
    Alternatives must start with a plain letter, or with ``\\d`` (kept as one group of its own).
    """
    groups: dict[str, list[str]] = {}
    for alt in alts:
        alt = "".join(alt.split())  # verbose-style sources: drop layout whitespace
        if alt.startswith("\\d"):
            head, rest = "\\d", alt
        else:
            head, rest = alt[0], alt[1:]
            if not head.isalnum() or rest[:1] in ("?", "*", "+", "{"):
                raise ValueError(f"alternative must start with a literal: {alt!r}")
        groups.setdefault(head, []).append(rest)
    parts = []
    for head, rests in groups.items():
        if head == "\\d":
            parts.extend(rests)
        elif len(rests) == 1:
            parts.append(head + rests[0])
        else:
            parts.append(f"{head}(?:{'|'.join(rests)})")
    return f"(?:{'|'.join(parts)})"


def _alts(source: str) -> list[str]:
    """Top-level alternatives of a ``|``-separated source (layout whitespace ignored)."""
    out, depth, cur, i, in_class = [], 0, [], 0, False
    source = "".join(source.split())
    while i < len(source):
        c = source[i]
        if c == "\\":
            cur.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return [a for a in out if a]


class Cue(str):
    """A cue pattern ``head + alternation(alts) + tail`` that keeps its alternatives.

    It is the pattern source (a ``str``); :attr:`prefixes` are the literal words its matches can
    start with, which the single-pass scanner uses to find candidate positions."""

    alts: tuple[str, ...]

    def __new__(cls, head: str, alts: Iterable[str], tail: str = "") -> Cue:
        alts = tuple(alts)
        self = super().__new__(cls, head + alternation(alts) + tail)
        self.alts = alts
        return self

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(_literal_prefix(a) for a in self.alts)


def _literal_prefix(alt: str) -> str:
    """The letters or digits every match of ``alt`` starts with ("trials?" -> "trial"); a
    ``\\s`` or ``\\s+`` between words counts as one space ("the\\steam" -> "the team"), so the
    scanner's gate stops at "the team", not at every "the" (the gate reads the space as ``\\s+``,
    and the scanner looks the prefix up with its whitespace runs as one space)."""
    out: list[str] = []
    i = 0
    while i < len(alt):
        c = alt[i]
        if c == "\\" and alt[i + 1 : i + 2] == "s" and out and out[-1] != " ":
            c, i = " ", i + 1  # the whitespace class: a run of whitespace in the gate
            if alt[i + 1 : i + 2] == "+":
                i += 1
        elif not c.isalnum():
            break
        nxt = alt[i + 1 : i + 2]
        if nxt in ("?", "*", "{"):
            break
        out.append(c)
        if nxt == "+":
            break
        i += 1
    return "".join(out)


# --- causal ----------------------------------------------------------------------------------------

_DIRECT_VERBS = r"""
    caus(?:e|es|ed|ing) | lead(?:s|ing)?\sto | led\sto | result(?:s|ed|ing)?\sin
  | reduc(?:e|es|ed|ing) | increas(?:e|es|ed|ing) | decreas(?:e|es|ed|ing) | lower(?:s|ed|ing)?
  | rais(?:e|es|ed|ing) | boost(?:s|ed|ing)? | improv(?:e|es|ed|ing) | prevent(?:s|ed|ing)?
  | trigger(?:s|ed|ing)? | affect(?:s|ed|ing)? | impact(?:s|ed|ing)? | impair(?:s|ed|ing)?
  | damag(?:e|es|ed|ing) | protect(?:s|ed|ing)? | stimulat(?:e|es|ed|ing) | inhibit(?:s|ed|ing)?
  | alter(?:s|ed|ing)? | chang(?:e|es|ed) | depress(?:es)? | generat(?:e|es|ed) | creat(?:e|es|ed)
  | influenc(?:e|es|ed) | limit(?:s|ed|ing)?
  | worsen(?:s|ed)? | exacerbat(?:e|es|ed)
  | harm(?:s|ed)? | cur(?:e|es|ed) | kill(?:s|ed)? | slow(?:s|ed)\sdown | speed(?:s)?\sup
  | benefit(?:s|ed)? | help(?:s|ed)?\s(?:to\s|with\s|you\s|people\s)? | enabl(?:e|es|ed)
  | contribut(?:e|es|ed|ing)\sto | mak(?:e|es)\sit\s(?:hard|difficult|easier|harder)
  | made\sit\s(?:hard|difficult|easier|harder) | make\sfor | suffer(?:s|ed)?(?!\s+from)
  | depend(?:s|ed|ent)?\s(?:\w+\s){0,2}on | necessary\sfor | vital\sfor | due\sto | because(?!\s(?:i|we|you)(?:['’][a-z]+)?\b)\s(?:of\s)?
  | thanks\sto | explain(?:s)?\swhy
  | responsible(?=\s+for\b|\s*[.,;:!?”"’)])
  | essential\sfor | crucial\sfor | critical\sfor
  | disrupt(?:s|ed|ing)? | disturb(?:s|ed|ing)? | ruin(?:s|ed|ing)? | weaken(?:s|ed|ing)?
  | strengthen(?:s|ed|ing)? | mess(?:es|ed|ing)?\s(?:with|up) | interfer(?:e|es|ed|ing)\swith
  | play(?:s|ed|ing)?\s(?:a|an)\s(?:[\w-]+\s)?(?:role|part) | blame(?<=\bto\sblame)
  | explain(?:s|ed)?\s(?:(?:part|some|much)\sof\s)?(?:the|this|that|these|those)\s(?:[\w-]+\s)?
      (?:link|links|connection|association|relationship|difference|differences|effect|effects
      |increase|decrease|drop|rise|gap)
  | mean(?:s|t)?\s(?:more|less|fewer|better|worse|higher|lower|greater|stronger|weaker|faster
                   |slower|bigger|smaller|longer|shorter)
  | effective(?<!cost-effective)(?<!cost\seffective) | efficacious | beneficial | ineffective
  | doubl(?:e|es|ed|ing)(?!-) | tripl(?:e|es|ed|ing)(?!-) | halv(?:e|es|ed|ing)
  | quadrupl(?:e|es|ed|ing)(?!-) | extend(?:s|ed|ing)?\s(?:[\w-]+\s){0,2}?(?:life|lives|lifespan
      |survival|life\sexpectancy)
  | slow(?:s|ed|ing) | slow(?=\s(?:the|their|its|down)\b) | sav(?:e|es|ed|ing)\s(?:[\w,-]+\s){0,3}?(?:lives|deaths)
  | effects?\s(?:on|of|in|for|against) | impacts?\s(?:on|of) | role\sin | useful | helpful | harmful
  | detrimental | involved\sin | mediat(?:e|es|ed|ing) | regulat(?:e|es|ed|ing)\b | enhanc(?:e|es|ed|ing)
  | promot(?:e|es|ed|ing) | induc(?:e|es|ed|ing) | predispos(?:e|es|ed|ing) | confer(?:s|red|ring)?
  | contributors?\sto | contribut(?:e|es|ed|ing)\stowards?
  | contribut(?:e|es|ed|ing)\s(?:[\w-]+\s){1,5}?(?:to|towards?)\b(?!\s+(?:the\s+)?(?:study|research|literature|knowledge|understanding|debate|discussion)\b) | prone\sto | advantages?\sover | attenuat(?:e|es|ed|ing) | elevat(?:e|es)\b
  | cut(?:s|ting)?(?!-) | curb(?:s|ed|ing)? | slash(?:es|ed|ing)?
  | reliev(?:e|es|ed|ing) | alleviat(?:e|es|ed|ing) | mitigat(?:e|es|ed|ing) | eas(?:e|es|ed)\s
      (?:the\s|their\s|its\s)?(?:[\w-]+\s)?(?:pain|symptoms?|burden|stress|anxiety|discomfort
      |nausea|fatigue|itch|itching|cramps?|inflammation|congestion)
  | revers(?:e|es|ed|ing)(?!\s+(?:order|direction|transcri|causa))
  | halt(?:s|ed|ing)? | stop(?:s|ped|ping)?\s(?:the\s)?(?:[\w-]+\s)?(?:growth|spread|progression)
  | driv(?:e|es)(?=\s+(?:up|down|the|a|an|cancer|disease|growth|inflammation|pain)\b) | drove
  | driven\sby | fuel(?:s|led|ing)? | spark(?:s|ed)? | wip(?:e|es|ed)\sout | destroy(?:s|ed)?
  | determined\sby(?:(?<=\bis\sdetermined\sby)|(?<=\bare\sdetermined\sby)
      |(?<=\bwas\sdetermined\sby)|(?<=\bwere\sdetermined\sby)|(?<=\bly\sdetermined\sby))
  | shap(?:e|es|ed)(?=\s+(?:the|our|their|how|its|his|her)\b) | counter(?:s|ed|act|acts|acted)?
      (?=\s+(?:the|some|its|their|this|these)\b)
  | mak(?:e|es)\s(?:[\w-]+\s){1,3}?(?:more|less|better|worse|happier|healthier|sicker|fatter
      |slimmer|smarter|likelier|unable|able|willing|prone|vulnerable|resistant|susceptible)\b
  | mak(?:e|es)\s(?:[\w-]+\s){0,2}?(?:happy|healthy|sick|ill|fat|lazy|fit|fitter|strong|stronger
      |weak|weaker|smart|clever|anxious|depressed|aggressive|violent|lonely)\s[\w-]+
  | stav(?:e|es|ed|ing)\soff | keep(?:s)?\s(?:[\w-]+\s){1,3}?(?:away|at\sbay) | at\sthe\sroot\sof
  | heighten(?:s)?\b | complicat(?:e|es)\b | provid(?:e|es|ed)\s(?:[\w-]+\s)?relief
  | good\sfor\s(?:your\s|the\s|their\s|our\s|his\s|her\s)?(?:[\w-]+\s)?(?:health|heart|brain
      |bones?|skin|teeth|gut|mood|sleep|memory|weight|eyes|liver|kidneys?|lungs?|blood)\b
  | bad\sfor\s(?:your\s|the\s|their\s|our\s|his\s|her\s)?(?:[\w-]+\s)?(?:health|heart|brain
      |bones?|skin|teeth|gut|mood|sleep|memory|weight|eyes|liver|kidneys?|lungs?|blood)\b
  | dangerous\s(?:to|for) | mak(?:e|es|ing)\s(?:a|an)\s(?:[\w-]+\s)?difference
  | made\s(?:a|an)\s(?:[\w-]+\s)?difference | aid(?:s|ed)?\sin
  | treat(?:s)?(?=\s+(?:[\w-]+\s+)?(?:cancer|disease|pain|infections?|depression|symptoms|diabetes|obesity
      |asthma|arthritis|dementia|insomnia|anxiety)\b)
  | activat(?:e|es|ed)(?!\s+(?:by|in)\b) | suppress(?:es|ed)?(?!\s+(?:by|in)\b) | repress(?:es|ed)?
  | restor(?:e|es|ed)\s(?:the\s|their\s|its\s)?(?:[\w-]+\s)?(?:function|balance|levels?|sight|vision
      |hearing|memory|movement|mobility|fertility|health|sensitivity)
  | pos(?:e|es|ed|ing)\s(?:an?\s)?(?:[\w-]+\s)?(?:risks?|threats?|dangers?|hazards?)
  | as\sa\sresult\sof
  | put(?:s|ting)?\s(?:[\w-]+\s){1,3}?at\s(?:[\w-]+\s)?risk\b
  | expos(?:e|es|ed|ing)\s(?:[\w-]+\s){1,3}?to\s(?:an?\s)?(?:[\w-]+\s)?risks?\b
  | guard(?:s|ed)?\sagainst
  | hamper(?:s|ed|ing)?(?!\s+(?:by|in)\b) | hinder(?:s|ed|ing)?(?!\s+(?:by|in)\b)
  | ups(?=\s+(?:the\s+)?(?:[\w-]+\s+)?(?:risks?|odds|chances?|mortality|deaths?|rates?)\b)
  | yield(?:s|ed)?\s(?:an?\s)?(?:[\w%-]+\s){0,3}?(?:drop|reduction|decrease|increase|rise|improvement
      |gain|decline|fall)s?\b
  | ward(?:s|ed)?\soff | fight(?:s)?\soff | fought\soff | combat(?:s|ed)?
"""
_NOT_AFTER_DETERMINER = "".join(
    rf"(?<!\b{d} )" for d in "the a an its their our your his her my no any same such".split()
)
"""A cue right after a determiner is a noun ("the results in", "the same benefit"), not a verb."""
_DIRECT = Cue(rf"(?<![\w-]){_NOT_AFTER_DETERMINER}", _alts(_DIRECT_VERBS), r"\b")
"""Direct causal verbs and their nominal forms ("leads to", "results in", "is responsible for",
"X means more Y"); linking words of necessity ("necessary/essential/vital for"); "plays a role in",
"is to blame", "explains the link"."""

_DIRECT_NOUNS = Cue(
    r"(?<![\w-])",
    [
        r"key\sto",
        # "was more effective than placebo in reducing": a comparison of effects (class 37)
        *(
            a + r"\s(?:[\w-]+ly\s)?(?:effective|efficacious|beneficial|harmful|protective|potent)\b"
            for a in ("more", "less")
        ),
        # "may have positive therapeutic effects", "might have a role in", "may be the result of"
        # (classes 36, 40): the noun is scanned and ``causal`` accepts it only after have/has/had
        # or be + the/a (a cue starting with "is" or "had" would stop the scanner at every one)
        r"effects?(?!\s+(?:on|upon|against|of|in|for)\b)(?!-)",
        r"roles?\s(?:in|for)",
        r"results?\sof",
        r"consequences?\sof",
        # "may be a promising treatment for", "a useful agent for treating" (class 40)
        *(
            a + r"\s(?:[\w-]+\s)?(?:agents?|treatments?|therap(?:y|ies)|drugs?|interventions?"
            r"|options?|alternatives?|remed(?:y|ies))"
            for a in ("useful", "promising", "valuable", "beneficial")
        ),
        *(rf"{a}\scauses?\sof" for a in "leading main major primary principal root".split()),
        r"protective\s(?:effects?|roles?|factors?|agents?|against)",
        r"protective(?=\s+(?:in|for)\b|\s*[.;!]|\s*$)",
        r"benefits?\s(?:of|from|to)",
        r"impacts?\s(?:on|upon)",
        r"effects?\s(?:on|upon|against)",
        r"effective\s(?:treatments?|therapy|therapies|interventions?|ways?|strateg(?:y|ies)|means"
        r"|options?|tools?)",
    ],
    r"\b",
)
"""Nouns of a direct effect that are used after a determiner ("the key to", "a protective
effect"), so the determiner rule of :data:`_DIRECT` must not cut them. Scanned as direct cues
right after :data:`_DIRECT`; every alternative starts with a rare word (a cue starting with "the"
or "a" would make the scanner stop at every article of the text)."""

WITHOUT_RE = re.compile(r"\W*(without)\b(?=[^,;:.!?]{1,60},)", _I)
"""A sentence opening "Without X, ..." states that Y depends on X: a direct causal claim."""
DIRECT_RE = re.compile(f"(?:{_DIRECT}|{_DIRECT_NOUNS})", _I)

_CORRELATIONAL = r"""
    linked\s(?:to|with) | links?\s(?:between|to|with) | associated | associations?
  | associat(?:e|es)\swith | connections?\s(?:between|with)
  | correlat(?:e|es|ed|ing|ion|ions)\b | tied\sto | related\s(?:to|with) | connected\s(?:to|with)
  | tend(?:s|ed)?\sto | relationships?\s(?:between|of|with|to) | dose-(?:response|relationship)
  | link(?:ing|s)\s(?:[\w-]+\s){1,4}?(?:to|with) | tying\s(?:[\w-]+\s){1,4}?to
  | ties\s(?:[\w-]+\s){1,4}?to | biomarkers?\s(?:of|for)
  | high(?<!\bat\shigh)\s(?:[\w-]+\s)?risks?\s(?:of|for)
  | predict(?:s|ed|ing|ors?|ive|ion)?\b | prognostic | indicative\sof | risk\sfactors?
  | at\s(?:[\w-]+\s)?risk\s(?:of|for) | risks?\s(?:of|for|from|following|after|among)\b
  | herald(?:s|ed|ing)?\b | preced(?:e|es|ed|ing)\s(?:the\s)?(?:[\w-]+\s)?(?:onset|development|diagnosis
      |appearance|start)\b | clues?\s(?:to|for|about)\b
  | likelihood\sof\b | probability\sof\b | chances?\sof\b | odds\sof\b
  | at\s(?:less|lower|higher|greater|increased|reduced|elevated|heightened|more|no|little|any)\srisk\b
  | fold\s(?:[\w-]+\s)?risks?\b | markers?\s(?:of|for) | indicators?\s(?:of|for)
  | determinants?\s(?:of|for)
  | differ(?:s|ed|ence|ences)?\s(?:[\w-]+ly\s)?(?:in|between|by|across|among|with|from)
  | relations?\s(?:between|with) | vary\swith
  | compared\s(?:with|to) | in\scomparison\swith
  | fac(?:e|es|ed|ing)\s(?:an?\s)?(?:[\w-]+\s){0,2}?risks?\b
  | increas(?:e|es|ed)\s(?:[\w-]+ly\s)?with | decreas(?:e|es|ed)\s(?:[\w-]+ly\s)?with
  | declin(?:e|es|ed)\s(?:[\w-]+ly\s)?with | ris(?:e|es)\s(?:[\w-]+ly\s)?with | rose\s(?:[\w-]+ly\s)?with
  | fell\s(?:[\w-]+ly\s)?with | vari(?:es|ed)\s(?:[\w-]+ly\s)?with
"""
_CHANGE_AFTER = tuple(
    v + r"\s(?:[\w-]+ly\s)?(?:by\s(?:about\s|nearly\s|almost\s)?\d[\d.,]*\s?(?:%|percent|per\scent)\s)?"
    r"(?:after|following|among)"
    for v in (
        r"increas(?:e|es|ed|ing)", r"decreas(?:e|es|ed|ing)", r"declin(?:e|es|ed|ing)",
        r"drop(?:s|ped|ping)?", r"improv(?:e|es|ed|ing)", r"worsen(?:s|ed|ing)?",
        r"ris(?:e|es|ing)", "rose", "fell", r"fall(?:s|ing)?",
    )
)  # fmt: skip
"""A change over time stated after an event or within a group ("deaths dropped by 30% after the
law", "obesity declines among children in the programme"): a measured difference, which the
press-release coding reads as correlational (class 59); the change verb itself is intransitive
there (class 8), so it is no direct cue."""
_NOMINAL_CHANGE = tuple(
    n + r"s?\s(?:in|of)" for n in "reduction improvement increase decrease decline rise".split()
)
"""A change named by a noun ("a reduction in falls", "improvements in HbA1c"): a measured
difference, which the coding reads as correlational unless a causal verb comes first."""
_THAN_WORDS = (
    r"\s+(?!(?:impact|effect|influence|role|benefit)s?\b)"
    r"(?:(?!\(?(?:more|less|fewer)\s+than\b)[\w(),-]+\s+){{{},7}}?"
)
"""Up to 7 words between a comparative and "than" (class 55): not an effect noun ("a greater
impact on X than": a direct claim) and no "more than" of a quantity in between."""
_THAN = (
    *(
        a + _THAN_WORDS.format(0) + "than"
        for a in "higher lower greater better worse poorer larger smaller longer shorter faster"
        " slower increased decreased reduced elevated sooner earlier healthier superior inferior"
        " quicker".split()
    ),
    *(
        a + _THAN_WORDS.format(0) + r"than(?!\s+(?:about\s+|age\s+)?\d)"
        for a in ("younger", "older")
    ),
    *(a + _THAN_WORDS.format(1) + "than" for a in "more less fewer".split()),
)
"""A comparison between groups ("higher in men than in women", "more anxiety than"); "more than
500" is a quantity (at least one word must stand between)."""
_FOUND_A_LINK = r"\s(?:a|an|no|any)\s(?:[\w-]+\s)?(?:link|association|correlation)"
_GROUP_DIFFERENCE = (
    r"\s(?:in|among)\s(?:the|those)\s(?:[\w-]+\s){0,3}?(?:groups?|participants|people|patients|adults"
    r"|children|women|men|users|consumers|eaters|drinkers|smokers|sleepers|who|quarter|quartile"
    r"|quintile|tertile|decile|arm|cohort|categor(?:y|ies))"
)
_GROUP_NOUNS = (
    r"(?:patients|women|men|children|adults|people|persons|individuals|subjects|participants|infants"
    r"|girls|boys|mothers|fathers|smokers|users|survivors|carriers|cases|groups?|populations?"
    r"|residents|workers|veterans|elderly|adolescents|teens|teenagers|students|those|controls"
    r"|recipients|members|newborns|neonates|youths?|cohorts?|arms|families|households|personnel"
    r"|employees|athletes|drinkers|eaters|sleepers|prisoners|americans|europeans|caucasians|whites"
    r"|kids|peers|counterparts|non-?users|non-?smokers"
    r"|blacks|hispanics|asians|minorities|communities|countries|regions|areas|states|counties|who)\b"
)
"""People or places a level is compared across ("higher among veterans"): a closed vocabulary."""
_ADJECTIVE = (
    r"(?:severe|common|frequent|prevalent|pronounced|likely|marked|advanced|intense|[\w-]+(?:ous|ive"
    r"|ent|ant|al|ic|ble|ful|ed|ary|ory))"
)
"""A word that reads as an adjective after "more"/"less" ("more severe", "less active"), not a noun
("more people")."""
_COMPARATIVE = (
    # "shows a link", "found an association"
    *(
        v + _FOUND_A_LINK
        for v in r"shows? showed shown showing found finds? suggests? suggested reveal(?:s|ed|ing)?".split()
    ),
    # "were more likely to", "more common", "woke more often"
    r"more\s(?:likely|common|frequent|frequently|often|prevalent)",
    # "are more susceptible to infections": a comparative level of susceptibility (class 74; "more
    # prone to" was measured and left: the PubMed coding reads it as direct)
    r"more\s(?:[\w-]+ly\s)?(?:susceptible|vulnerable)\sto",
    r"less\s(?:[\w-]+ly\s)?(?:susceptible|vulnerable)\sto",
    r"less\s(?:likely|common|frequent|frequently|often|prevalent)",
    # "a higher risk of", "higher blood levels of"
    *(
        a + r"\s(?:(?!(?:the|a|an|their|its|this|that|to|in|of|for)\s)[\w-]+\s){0,2}?"
        r"(?:risks?|odds|chances?|rates?|levels?|incidence|likelihood|prevalence|concentrations?|scores?)"
        for a in "higher greater elevated increased reduced lower smaller larger heightened".split()
    ),
    # "levels were higher in the top group", "worse among those who"
    *(a + _GROUP_DIFFERENCE for a in "higher lower greater smaller worse better".split()),
    # "higher among veterans", "more severe in women living in": a level compared across a
    # named group, with no "than" (class 17)
    *(
        a + r"\s(?:[\w-]+ly\s)?(?:in|among|between|across|for)\s(?:[\w'’-]+\s){0,3}?" + _GROUP_NOUNS
        for a in (
            *"higher lower greater smaller worse better poorer".split(),
            rf"more\s{_ADJECTIVE}",
            rf"less\s{_ADJECTIVE}",
        )
    ),
    # "had more anxiety", "showed a diminished response": a level stated with have/show (class 32)
    *(
        v
        + r"\s(?:(?:an?\s)?(?:[\w-]+ly\s)?(?:more|less|fewer|lower|higher|greater|worse|better|poorer)"
        r"|an?\s(?:[\w-]+ly\s)?(?:increased|decreased|reduced|elevated|diminished))"
        r"\s(?!than\b)(?!(?:impact|effect|influence|role)s?\b)[a-z][\w-]*"
        for v in "had showed shows displayed exhibited".split()
    ),
    # "incidence higher in the stroke belt", "levels low in women with MS": a measure stated for a
    # group (class 43)
    *(
        n + r"\s(?:(?:is|are|was|were|remains?|remained)\s)?(?:[\w-]+ly\s)?(?:higher|lower|high|low"
        r"|elevated|increased|reduced|greater)\s(?:in|among|for)"
        for n in (
            r"levels?",
            r"rates?",
            "incidence",
            "prevalence",
            r"risks?",
            r"concentrations?",
            "odds",
        )
    ),
    # "had the worst prognosis", "showed the lowest likelihood of": a superlative level (class 45)
    *(
        v + r"\s(?:the\s)?(?:[\w-]+ly\s)?(?:highest|lowest|worst|best|greatest|poorest|largest"
        r"|smallest|shortest|longest)\s(?:[\w-]+\s)?(?:risks?|rates?|likelihood|odds|prognos[ie]s"
        r"|mortality|incidence|prevalence|survival|outcomes?|levels?|scores?|chances?|exposures?)\b"
        for v in ("had", "showed", "shows")  # already scanner words (class 32): no new stops
    ),
    r"twice\sas\s(?:likely|many|much|often)",
    r"twice\s(?:more|less|higher|lower|greater|the\s(?:risk|rate|odds|incidence|number|chance))",
    *(
        m + r"\s(?:the|their|its)\s(?:[\w-]+\s)?(?:risks?|rates?|odds|incidence|number|chances?"
        r"|likelihood|prevalence|mortality)\b"
        for m in ("double", "triple", "quadruple", "half")
    ),
    r"twice\sas\s(?:high|low|common|frequent|great|large)",
    # "may live as long as", "recover better", "fared worse": an outcome compared across groups
    # with a verb of living or coping (class 67)
    *(
        v + r"\s(?:[\w-]+ly\s)?(?:as\s(?:long|well)\sas|better|worse)\b"
        for v in (
            "live",
            "lives",
            "lived",
            r"surviv(?:e|es|ed)",
            r"recover(?:s|ed)?",
            "fare",
            "fares",
            "fared",
            "cope",
            "copes",
            "coped",
            r"perform(?:s|ed)?",
        )
    ),  # fmt: skip
    r"connection\s(?:is|was|remains|remained|held)\b",
    # "satisfaction was similar in both groups": a comparison that found no difference (class 73)
    r"similar\s(?:[\w-]+\s)?(?:in|among|between|across|for)\s(?:both|all|each|the\s(?:two|three|four|five)"
    r"|either)\b",
    r"linking\s(?:[\w-]+\s){1,4}?and\b",
    # "the blood test detects cancer early", "scans catch cases": a test and what it finds, a
    # diagnostic relation (class 68)
    r"detects\b",
    r"catch(?=\s(?:[\w-]+\s){0,3}?(?:cancers?|tumou?rs?|cases|disease|infections?)\b)",
    r"spots\b(?=\s(?:[\w-]+\s){0,3}?(?:patients|people|cancers?|tumou?rs?|cases|disease))",
    r"link\s(?:is|was|remains|remained|held)\b",
    # "weighed less than kids who", "more than men do": a comparison with a group, not a count
    *(
        a + r"\sthan\s(?:(?:in|among|for|did|do|the|their|other)\s)?"
        r"(?:(?!\d)(?!(?:half|one|two|three|four|five|six|seven|eight|nine|ten|a|an|expected)\b)"
        r"[\w'’-]+\s){0,2}?" + _GROUP_NOUNS
        for a in ("more", "less", "fewer")
    ),
    r"half\sas\s(?:likely|many|much|often)",
    *(
        n + r"\stimes\s(?:more|less|as|higher|lower)"
        for n in "two three four five six seven eight nine ten".split()
    ),
)
"""Comparative outcome statements, which science-communication coding (Sumner et al. 2014;
Adams et al. 2017) reads as correlational claims: "were more likely to", "was more common in",
"had a lower risk of", "levels were higher in the top group"."""
_CORR = Cue(
    r"\b", [*_alts(_CORRELATIONAL), *_COMPARATIVE, *_NOMINAL_CHANGE, *_THAN, *_CHANGE_AFTER], r"\b"
)
CORRELATIONAL_RE = re.compile(_CORR, _I)
_CORR_QUANTITY = (
    r"\d(?<![\w.,]\d)[\d.,]*\s?(?:%|percent|per\s?cent|percentage\spoints?|times|-?fold|minutes?|mins"
    r"|hours?|hrs?|days?|weeks?|months?|years?|points?|kg|kilos?|kilograms?|pounds|lbs?|cm|mm|grams?)"
    r"\s(?:more|less|fewer|lower|higher|greater|longer|shorter|faster|slower"
    r"|as\s(?:likely|many|much|often|high|common))\b"
)
CORR_QUANTITY_RES: tuple[re.Pattern[str], re.Pattern[str]] = (
    re.compile(_CORR_QUANTITY),
    re.compile(_CORR_QUANTITY, _I),
)
"""A measured difference between groups ("13% more likely", "slept 17 minutes less"): a
comparative outcome, read as a correlational claim. Starts with a digit, so not in the scanner."""

MODAL_RE = re.compile(
    r"(?:\b(?:(?-i:may)|might|could|can|would)\b(?:\W+\w+){0,3}?\W*"
    r"|\b(?:(?-i:may)|might|could|can)\b[^,;:.!?()–—\n]{0,60})$",
    _I,
)
"""A modal verb in the few words before a causal cue ("may (also) reduce"), or a
can/could/may/might earlier in the same clause ("Can trained legs have an impact"). "may" only
in lower case ("May" is the month); callers also drop a lower-case month (:func:`month_may`)."""

HEDGE_WORDS = r"""
    may | might | could | would | possibly | possible | perhaps | potential | potentially
  | appears?\s+to | appeared\s+to | seems?\s+to | seemed\s+to
  | likely(?<!more\slikely)(?<!less\slikely)(?<!as\slikely) | probably | presumably | plausibl[ey]
  | hypothesi[sz](?:e|es|ed) | speculate | conceivabl[ey] | hopefully | believes? | believed
"""
"""Hedges that make a causal verb conditional ("can" is ability, not a hedge). "suggest(s/ed)"
is not one (class 56): "our findings suggest that X reduces Y" reports the clause's claim, which
both causal-language codings read as direct; "suggest that X may reduce Y" is conditional by its
modal. (The hedge category, :data:`_HEDGES`, still marks "suggest".)"""

RESEARCH_AGENDA = r"""
    further\s+(?:[\w-]+\s+){0,3}?(?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | future\s+(?:[\w-]+\s+){0,3}?(?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | additional\s+(?:[\w-]+\s+){0,3}?(?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | larger\s+(?:[\w-]+\s+){0,3}?(?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | longitudinal\s+(?:[\w-]+\s+){0,3}?(?:research|studies|investigations?|trials?|work)\s+(?:is|are|should|will|must|would)\b
  | is\s+(?:still\s+)?(?:needed|necessary|required|warranted)\b
  | are\s+(?:still\s+)?(?:needed|necessary|required|warranted)\b
  | be\s+(?:still\s+)?(?:needed|necessary|required|warranted)\b
  | remains?\s+(?:still\s+)?(?:needed|necessary|required|warranted)\b
  | requires?\s+further | needs?\s+further
  | needs?\s+to\s+be\s+(?:further\s+)?(?:stud|investigat|confirm|explor|examin|evaluat|assess|determin
      |clarif|elucidat|validat|replicat|establish|verif|strengthen|test)\w*
  | remains?\s+to\s+be\s+(?:further\s+)?(?:stud|investigat|confirm|explor|examin|evaluat|assess|determin
      |clarif|elucidat|validat|replicat|establish|verif|seen|answer)\w*
  | further\s+(?:research|studies|study|investigations?|trials?|work|assessment|analys[ie]s|evaluation)
      \s+(?:[\w-]+\s+){0,8}?(?:may|could|might|can|will|would)\s+(?:\w+\s+)?(?:confirm|identify
      |delineate|clarify|determine|reveal|establish|elucidate|show|answer|explore|examine|investigate)\b
  | future\s+(?:research|studies|study|investigations?|trials?|work|assessment|analys[ie]s|evaluation)
      \s+(?:[\w-]+\s+){0,8}?(?:may|could|might|can|will|would)\s+(?:\w+\s+)?(?:confirm|identify
      |delineate|clarify|determine|reveal|establish|elucidate|show|answer|explore|examine|investigate)\b
  | should\s+(?:be\s+)?(?:confirm|investigat|explor|examin|evaluat|assess
      |determin|clarif|studi|address)\w*
"""
"""A call for more research: the relation it names is a question, not a finding. Each alternative
starts with a word, so the single-pass scanner finds it."""
_CAUSAL_HEDGE = Cue(r"\b", _alts(HEDGE_WORDS), r"\b")
CAUSAL_HEDGE_RE = re.compile(_CAUSAL_HEDGE, _I)
_AGENDA = Cue(r"\b", _alts(RESEARCH_AGENDA))
RESEARCH_AGENDA_RE = re.compile(_AGENDA, _I)

# --- hedge -----------------------------------------------------------------------------------------

_HEDGES = r"""
    may | might | could | possibly | possible | perhaps | maybe
  | likely(?<!more\slikely)(?<!less\slikely)(?<!\sas\slikely) | unlikely | suggests?
  | suggested | suggesting | appears?\sto | appeared | seems? | seemed | seemingly | apparently
  | hopefully | probably | potentially | believes? | believed | presumably | arguably
  | tentative(?:ly)?
"""
_HEDGE = Cue(r"\b", _alts(_HEDGES), r"\b")
HEDGE_RE = re.compile(rf"\b(?:(?-i:may)|{alternation(_alts(_HEDGES)[1:])})\b", _I)
"""Hedge words; "may" only in lower case (not the month). The scanner uses ``_HEDGE``, where
"may" matches in any case, and drops the matches whose original text is not "may"."""

_MAY_DATE_AFTER_RE = re.compile(r"\s+(?:of\s+)?\d")
_MAY_DAY_BEFORE_RE = re.compile(r"\b\d{1,2}(?:(?:st|nd|rd|th)\s+(?:of\s+)?|\s+of\s+)$", _I)
_MAY_PREP_BEFORE_RE = re.compile(
    r"(?:\b(?:in|of|since|until|till|during|early|late|mid|last|next|from|through)[\s-]+|\b\d{1,2}\s+)$",
    _I,
)
_MAY_CLAUSE_END_RE = re.compile(r"\s*(?:[.,;:)!?]|$)")


def month_may(text: str, start: int, end: int) -> bool:
    """True when the "may" at ``text[start:end]`` is the month written in lower case.

    A modal "may" is followed by a verb, so "may" before a number ("may 2018", "may 23") is the
    month; so is "may" after an ordinal day ("the 23rd of may") and "may" after a preposition of
    time or a day that ends a clause ("published in may.", "on 23 may,"). "people over 65 may
    need" keeps its hedge."""
    lo = max(0, start - 24)
    nxt = text[end : end + 2]
    if nxt[:1] == " " and nxt[1:2].isalpha() and nxt[1:2] != "o":  # the common case: "may be"
        return _MAY_DAY_BEFORE_RE.search(text, lo, start) is not None
    if _MAY_DATE_AFTER_RE.match(text, end) or _MAY_DAY_BEFORE_RE.search(text, lo, start):
        return True
    return (
        _MAY_CLAUSE_END_RE.match(text, end) is not None
        and _MAY_PREP_BEFORE_RE.search(text, lo, start) is not None
    )


# --- attribution -----------------------------------------------------------------------------------

_SPEECH = (
    r"say|says|said|state|states|stated|explain|explains|explained|told|tell|add|adds|added"
    r"|note|notes|noted|warn|warns|warned|write|writes|wrote|report|reports|reported"
    r"|emphasi[sz]e|emphasi[sz]es|emphasi[sz]ed|argue|argues|argued|believe|believes|believed"
    r"|found|find|finds|saw|observed|identified|conclude|concluded|suggest|suggests|suggested"
    r"|estimate|estimated|plan|plans|claim|claims|recommend|recommends|recommended"
    r"|stress|stresses|stressed|acknowledge|acknowledges|acknowledged|caution|cautions|cautioned"
    r"|urge|urges|urged|welcome|welcomes|welcomed|declare|declares|declared|think|thinks|thought"
    r"|insist|insists|insisted|admit|admits|admitted|point\sout|points\sout|pointed\sout"
)
_SOURCE_NOUN = (
    r"researchers?|scientists?|authors?|experts?|investigators?|the\steam|doctors?|physicians?"
    r"|professors?|officials?|respondents|participants|study\sauthor|lead\sauthor|spokesperson"
)
_FIRST_PERSON = "".join(
    rf"(?<!\b{p}\s{{verb}})"
    for p in (r"i", r"we", r"i['’]ve", r"we['’]ve", r"i\shave", r"we\shave", r"i\sjust",
              r"we\sjust", r"i\salso", r"we\salso", r"i['’]ve\sjust", r"i['’]ve\salready",
              r"i['’]ve\salways")
)  # fmt: skip
"""After a speech verb: the speaker quoting themselves ("as I said", "I've said") names no source
(class 21)."""
_STATES_NOUN = "".join(
    rf"(?<!\b{d}\sstates)"
    for d in "united the these those all both many some other several most member individual 50"
    " southern northern western eastern gulf baltic arab federated".split()
)
""" "the United States", "the states", "member states": the noun, not the speech verb (class 21)."""
_ATTR_SPEECH = Cue(
    r"\b",
    [
        *(
            v + _FIRST_PERSON.format(verb=v)
            for v in "says said stated told explains adds added warned noted".split()
        ),
        "states" + _STATES_NOUN + _FIRST_PERSON.format(verb="states"),
    ],
    r"\b",
)
_ATTR_ACCORDING = Cue(r"\b", [r"according\sto"], r"\b")
_ATTR_SOURCE = Cue(
    r"\b",
    _alts(_SOURCE_NOUN),
    rf"\b(?:(?:,[^,;\n]{{1,80}},\s*(?:\w+\s+)?|(?:\W+\w+){{0,6}}?\W+){alternation(_alts(_SPEECH))}\b"
    r"|(?:\W+\w+){0,12}?\W+(?:found|showed|reported|concluded|discovered|observed)\s+that\b)",
)
"""A source, then its reporting verb: within six words, after an apposition ("The team, led by
X, also found"), or within twelve words before "found that"."""
_REPORTING = (
    r"write|writes|wrote|acknowledge|acknowledges|acknowledged|argue|argues|argued|caution"
    r"|cautioned|stress|stressed|conclude|concluded|report|reported|insist|insisted|admit|admitted"
)
_ATTR_PRONOUN = Cue(r"\b", [
    # verb first (the scanner's gate then stops at rarer words than "he"), pronoun looked behind
    *(rf"{v}(?:(?<=\bthey\s{v})|(?<=\bhe\s{v})|(?<=\bshe\s{v}))\b" for v in _REPORTING.split("|")),
    *(rf"{v}\s+(?:the\s+)?(?:researchers|authors|scientists|experts|investigators|team|study\s+authors?)\b"
      for v in "say says said write writes wrote note notes noted add adds added conclude concluded".split()),
])  # fmt: skip
"""A pronoun and a reporting verb ("they write", "she cautioned"); the inverted "…, say the authors"."""
_ATTR_STATEMENT = Cue(r"\b", [r"statement\s(?:from|by)\b", r"in\san?\s(?:interview|statement)\b"])
ATTRIBUTION_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_ATTR_SPEECH, _I), "speech verb"),
    (re.compile(_ATTR_ACCORDING, _I), "'according to'"),
    (re.compile(_ATTR_SOURCE, _I), "source and reporting verb"),
    (re.compile(rf"^\s*(?:{_SOURCE_NOUN}|sources?)\s*:", _I), "source as headline label"),
    (re.compile(_ATTR_STATEMENT, _I), "statement"),
    (re.compile(_ATTR_PRONOUN, _I), "reporting verb"),
)
"""In order of preference: a sentence gets the first pattern that matches, at its first match."""

# --- study -----------------------------------------------------------------------------------------

_STUDY_CUES = r"""
    stud(?:y|ies|y’s|y's) | trials? | experiments? | research(?!er) | survey | paper | journal | review
  | meta-analysis | clinical\strial | cohort | publication | published\sin | et\sal\b\.?
  | universit(?:y|ies|à|a) | institutes? | institution | college | school\sof | hospital
  | department\sof | laborator(?:y|ies) | doi\b | pmid\b
"""
_STUDY = Cue(r"\b", _alts(_STUDY_CUES))
STUDY_RE = re.compile(_STUDY, _I)
DOI_RE = re.compile(r"10\.(?<!\w10\.)\d{4,9}/\S+")
"""``\\b10\\.\\d{4,9}/\\S+`` written literal-first so ``re`` can skip to each "10." directly."""
REFERENCE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+,\s(?:[A-Z]\.\s?){1,3}(?:,|&|\(|…)"),  # "Smith, A. B.,"
    re.compile(r"\(\s?(?:19|20)\d{2}[a-z]?\s?\)\.?"),  # "(2017)."
    re.compile(r"Retrieved(?<!\wRetrieved)\b"),
    re.compile(r"[“\"][^”\"]{12,}[.?!][”\"].{0,80}(?:19|20)\d{2}[.,]?\s*$"),  # “Title.” Src, 2018,
    re.compile(r"\d(?<!\w\d)\d?\s[A-Z][a-z]{2}\.?\s(?:19|20)\d{2},\s*$"),  # "30 Apr. 2018,"
    re.compile(r"http(?<!\whttp)s?://\S+"),
)
"""Shapes of a reference-list line; a block that has one is a reference block.

Each starts with a literal or a character class (word-boundary checks come as look-behinds after
the first character) so ``re`` can skip ahead instead of trying every position."""
_H = r"[^\S\n]"  # a space that is not a line end
REFERENCE_GATES: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = tuple(
    (re.compile(gate, re.MULTILINE), tuple(REFERENCE_RES[k] for k in shapes))
    for gate, shapes in (
        (rf",{_H}(?:[A-Z]\.{_H}?){{1,3}}(?:,|&|\(|…)", (0,)),
        (rf"\({_H}?(?:19|20)\d{{2}}[a-z]?{_H}?\)", (1,)),
        (REFERENCE_RES[2].pattern, (2,)),
        (rf"(?:19|20)\d{{2}}[.,]?{_H}*$", (3, 4)),
        (REFERENCE_RES[5].pattern, (5,)),
    )
)
"""Quick patterns, each searched once over the whole text, with the shapes of
:data:`REFERENCE_RES` it stands for: it matches inside every line where one of those shapes can
match (their rare literal part, or their line end); only the lines it finds are searched for the
shapes themselves."""


# --- advice ----------------------------------------------------------------------------------------

_IMPERATIVE = (
    r"keep|try|avoid|make\ssure|don[’']t|do\snot|never|always|get|consider|start|stop|eat|drink"
    r"|limit|choose|aim|remember|take|go|add|use|know\sthat|be\ssure|ask|talk\sto|see\sa|check"
)
_IMP = alternation(_alts(_IMPERATIVE))
_IMPERATIVE_START = (
    _IMPERATIVE
    + r"|swap|skip|put|talk|read|cut(?!-)|replace|opt\sfor|switch|ditch|reduce|prepare|pick|include|quit"
    r"|steer\sclear|give\sup|wear|seek|schedule|focus\son|stick\sto|listen\sto|write\sdown|spend"
    r"|stay|make|set\sa|turn\s(?:off|down)|drink|store|wash|treat\syourself|prioriti[sz]e|practi[sc]e"
    + "".join(
        rf"|{verb}(?=\s(?:the|a|an|your|yourself|more|less|at|for|with|to|it|them|this|these|those|some"
        r"|plenty|enough|regularly|early|before|after|outside|every|each|away|\d)\b)"
        for verb in "sleep walk exercise rest snack plan watch cook move stretch breathe".split()
    )
)
"""Verbs that open an imperative sentence addressed to the reader ("Swap the crisps for nuts.");
the ones that are nouns too ("Sleep", "Walk", "Exercise") only before an object or adverb."""
_IMP_START = alternation(_alts(_IMPERATIVE_START))
_ADVICE_IF = Cue(r"\b", ["if"], rf"\b[^,]{{0,80}},\s*{_IMP}\b")
_ADVICE_PUNCT = rf"[:;,]\s*{_IMP}\b"
_WORTH = r"(?!\s+(?:noting|mentioning|remembering|pointing|stressing|emphasi[sz]ing|repeating|asking|considering|reading)\b)"
""" "it's worth trying" is advice; "it's worth noting" introduces a remark."""
_ADVICE_RECOMMEND = Cue(
    r"\b",
    _alts(
        r"you\s+should\b|we\s+recommend\b|recommend(?:s|ed)?\s+that\b|is\s+recommended\b"
        r"|everyone\s+(?:needs|should)\b|it[’']s\s+best\s+to\b"
        r"|you\s+(?:might|may|could|can)\s+(?:also\s+)?(?:want\s+to|try|consider|wish\s+to)\b"
        r"|it[’']s\s+(?:worth|a\s+good\s+idea\s+to)\b"
        + _WORTH
        + r"|it\s+is\s+(?:worth|a\s+good\s+idea\s+to)\b"
        + _WORTH
    ),
)
ADVICE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^\W*(?:so|however|well|and|but|now|then)?,?\s*{_IMP_START}\b", _I), "imperative"),
    (re.compile(rf"{_ADVICE_PUNCT}|{_ADVICE_IF}", _I), "imperative"),
    (re.compile(r"^(?:\W*(?:so|maybe|however|also|and|but),?)?\s*you\s+(?:can|should|could|need\sto|must"
                r"|have\sto|don[’']t\shave|do\snot\shave|don[’']t\sneed|ought\sto)\b", _I),
     "addressed to the reader"),
    (re.compile(_ADVICE_RECOMMEND, _I), "recommendation"),
)  # fmt: skip
"""The first pattern used to start with ``(?:[\\"“‘']|\\W)*``: the quote marks are ``\\W`` too, so
the two branches overlapped and a run of quote marks backtracked exponentially; ``\\W*`` is the
same language."""

# --- promotional / page debris -----------------------------------------------------------------------

_PROMO_AD = Cue(
    r"\b", _alts(r"advertisement|sponsored|promoted\scontent|paid\scontent|affiliate"), r"\b"
)
_PROMO_CTA = Cue(r"\b", [
        "subscribe", r"sign\sup", "newsletter", r"click\shere", r"shop\snow", r"buy\snow",
        r"order\snow", r"\d+\s?%\soff", r"free\strial", r"limited\soffer", r"discover\sthe\struth",
        r"editor[’']s\snote"], r"\b")  # fmt: skip
_PROMO_CTA_LINE = (
    r"^\W*(?:share\s(?:this|it|the\s(?:article|post|story|guide)|with\s(?:a|your)\s(?:friend|family))"
    r"|(?:please\s)?(?:like|follow|rate)\sus\b|tap\shere|download\s(?:our|the)\s(?:app|free)"
    r"|did\s(?:this|that|the\s(?:article|post|guide))\s(?:\w+\s)?help|did\syou\s(?:find|enjoy|like)\sth(?:is|e)\s(?:article|post|story|guide)"
    r"|(?:was|is)\sth(?:is|e)\s(?:article\s|post\s|page\s|guide\s)?(?:helpful|useful))"
)
"""A prompt to share or rate the page, at the start of a sentence ("Share this with a friend!",
"Did this help?"): a call to action, not advice."""
_PROMO_WIDGET = Cue(r"\b", [
        r"log\s?in", r"log\s?out", r"sign\sin", r"sign\sout", r"leave\sa\s(?:reply|comment)",
        r"post\s(?:your|a)\scomment", r"commenting\susing", r"write\sa\s(?:message|comment|reply)",
        r"comments?\s(?:are\s)?(?:closed|disabled)", "comentarios", "commentaires", "kommentare",
        r"share\s(?:this|on)", r"follow\sus"])  # fmt: skip
_PROMO_WIDGET_LINE = r"^\s*(?:\d+\s*comments?|comments?\s*(?:\(\d+\)|:?\s*\d+))\s*$"
_PROMO_SOCIAL = Cue(
    r"\b",
    "wordpress facebook twitter google instagram linkedin".split(),
    r"(?:\.com)?\s+(?:logo|photo|picture|account|icon)\b",
)
_PROMO_PAGE_LINE = r"^\s*(?:top|bottom)\sof\spage\s*$"
_PROMO_PAGE = Cue(
    r"\b",
    _alts(
        r"cookies?\s(?:policy|settings)|privacy\spolicy|author\sand\ssource\sinformation"
        r"|all\srights\sreserved"
    ),
    r"\b",
)
PROMO_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_PROMO_AD, _I), "advertisement"),
    (re.compile(f"{_PROMO_CTA}|{_PROMO_CTA_LINE}", _I), "call to action"),
    (re.compile(f"{_PROMO_WIDGET}|{_PROMO_WIDGET_LINE}", _I), "comment or login widget"),
    (re.compile(r"^\s*(?:related\s)?(?:video|videos|watch|read\smore|see\salso|related|read\salso|also\sread"
                r"|more\son\sth(?:is|e)\s(?:topic|story)|further\sreading|recommended(?:\sfor\syou)?"
                r"|you\smay\salso\slike|you\smight\salso\slike|more\sstories|most\sread|trending"
                r"|don[’']t\smiss|more\sfrom\s[\w\s]{1,30})\s*:", _I),
     "related-content line"),
    (re.compile(_PROMO_SOCIAL, _I), "social widget"),
    (re.compile(rf"{_PROMO_PAGE_LINE}|%s\b|{_PROMO_PAGE}", _I), "page boilerplate"),
)  # fmt: skip
"""In order of preference: the reason of a debris sentence is the first pattern that matches."""

COMMENT_COUNT_RE = re.compile(_PROMO_WIDGET_LINE, _I)
"""A comment-count header ("Comments (3)", "12 comments"): a comment thread follows."""
COMMENT_AUTHOR_RE = re.compile(r"^\s*\d{1,3}[.)]\s+[A-Z][\w.-]{2,30}\s*$")
"""A comment-thread header: a list number and a single user name."""

AD_SHOUT_RE = re.compile(
    r"^(?:[A-Z][\w’'-]*\s+|(?:with|of|for|the|and|to|in|a)\s+){4,}[A-Z][\w’'-]*!$"
)
"""A Title-Case line ending in "!": the shape of an advertising slogan."""

# --- generalisation --------------------------------------------------------------------------------

HUMAN_RE = re.compile(
    r"\b(?:you|your|we|us|our|people|humans?|patients|men|women|adults|children|everyone"
    r"|person|individuals|elderly|astronauts)\b",
    _I,
)
ANIMAL_RE = re.compile(NONHUMAN_SUBJECTS_PATTERN, _I)  # one vocabulary with the study check

# --- the single-pass scanner -------------------------------------------------------------------------

_PROMO_CTA_WORDS = Cue(r"\b", [a for a in _PROMO_CTA.alts if not a.startswith("\\d")], r"\b")
SCAN_CUES: tuple[tuple[str, Cue], ...] = (
    ("direct", _DIRECT),
    ("direct", _DIRECT_NOUNS),
    ("corr", _CORR),
    ("hedge", _HEDGE),
    ("chedge", _CAUSAL_HEDGE),
    ("agenda", _AGENDA),
    ("study", _STUDY),
    ("attr0", _ATTR_SPEECH),
    ("attr1", _ATTR_ACCORDING),
    ("attr2", _ATTR_SOURCE),
    ("attr4", _ATTR_STATEMENT),
    ("attr5", _ATTR_PRONOUN),
    ("advice_if", _ADVICE_IF),
    ("advice3", _ADVICE_RECOMMEND),
    ("promo0", _PROMO_AD),
    ("promo1", _PROMO_CTA_WORDS),
    ("promo2", _PROMO_WIDGET),
    ("promo4", _PROMO_SOCIAL),
    ("promo5", _PROMO_PAGE),
)
"""Cues that start at a word, each the unanchored part of a pattern above.

The anchored parts (``^...``) are matched per sentence; the few cues that start with punctuation
or digits have quick patterns of their own (:data:`ADVICE_PUNCT_RES`, :data:`PROMO_OFF_RES`,
:data:`PERCENT_S_RES`)."""


def _scan_tables() -> tuple[str, dict[str, tuple[int, ...]]]:
    prefixes: dict[str, set[int]] = {}
    for k, (_, cue) in enumerate(SCAN_CUES):
        for prefix in cue.prefixes:
            assert prefix, f"every scanned alternative needs a literal start: {cue.alts}"
            prefixes.setdefault(prefix, set()).add(k)
    # longest first, so the gate reports the longest prefix at a word start; every shorter
    # prefix that also matches there is a prefix of it
    ordered = sorted(prefixes, key=lambda p: (-len(p), p))
    # a prefix dispatches to every cue owning it or any shorter prefix of it (walked by length,
    # not by testing every pair of prefixes: that took a fifth of a second at import)
    dispatch = {
        p: tuple(sorted(set().union(*(prefixes.get(p[:i], ()) for i in range(1, len(p) + 1)))))
        for p in ordered
    }
    # the prefix is read in a look-ahead: a prefix of several words ("clinical trial") must not
    # hide the word starts inside it ("trial") from the next search
    return rf"(?<!\w)(?=({_trie(ordered)}))", dispatch


_Trie = dict[str, "_Trie"]
"""A word trie: letter -> subtree ("" marks the end of a word)."""


def _trie(words: Iterable[str]) -> str:
    """A regex matching the same words as ``(?:w1|w2|...)`` with the longest first, written as a
    trie ("ma(?:y(?:be)?)" for "may", "maybe") so ``re`` rejects a word in a few character tests
    instead of trying every alternative of its first letter."""
    root: _Trie = {}
    for word in words:
        node = root
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [
            (r"\s+" if c == " " else re.escape(c)) + build(child) for c, child in node.items() if c
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:  # a word ends here: the longer words are tried first (greedy)
            return f"(?:{body})?"
        return body

    return f"(?:{build(root)})"


_GATE, _DISPATCH = _scan_tables()
SCAN_GATE_RES: tuple[re.Pattern[str], re.Pattern[str]] = (
    re.compile(_GATE),  # over lower-cased text
    re.compile(_GATE, _I),  # over text whose length changes when lower-cased
)
"""Word starts where some scanned cue may match; group 1 (the longest prefix there, read in a
look-ahead) keys :data:`SCAN_DISPATCH`, its whitespace runs read as one space."""
SCAN_RES: tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]] = (
    tuple(re.compile(cue) for _, cue in SCAN_CUES),
    tuple(re.compile(cue, _I) for _, cue in SCAN_CUES),
)
"""The scanned cues compiled for the lower-cased text and for the original text."""
_ScanEntry = tuple[str, Callable[..., "re.Match[str] | None"], bool]
_FINDITER_CUES = frozenset(("study", "hedge", "direct", "corr", "chedge"))
SCAN_DISPATCH: tuple[dict[str | None, tuple[_ScanEntry, ...]], ...] = tuple(
    {
        prefix: tuple(
            (SCAN_CUES[k][0], res[k].match, SCAN_CUES[k][0] in _FINDITER_CUES) for k in ks
        )
        for prefix, ks in [*_DISPATCH.items(), (None, tuple(range(len(SCAN_CUES))))]
    }
    for res in SCAN_RES
)
"""Per variant: gate prefix -> (cue name, its ``match``, whether every match counts or only the
first); the key None lists every cue (for a prefix whose lower case is not a key)."""

ADVICE_PUNCT_RES: tuple[re.Pattern[str], re.Pattern[str]] = (
    re.compile(_ADVICE_PUNCT),
    re.compile(_ADVICE_PUNCT, _I),
)
"""The imperative after ``:``/``;``/``,``: starts with punctuation, so not in the scanner."""
PROMO_OFF_RES: tuple[re.Pattern[str], re.Pattern[str]] = (
    re.compile(r"\d(?<!\w\d)\d*\s?%\soff\b"),
    re.compile(r"\d(?<!\w\d)\d*\s?%\soff\b", _I),
)
"""``\\b\\d+\\s?%\\soff\\b`` ("20% off") with the boundary moved after the first digit."""
PROMO_LINE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_PROMO_CTA_LINE, _I), "promo1"),
    (re.compile(_PROMO_WIDGET_LINE, _I), "promo2"),
    (PROMO_RES[3][0], "promo3"),
    (re.compile(_PROMO_PAGE_LINE, _I), "promo5"),
)
"""Anchored debris shapes, matched at the start of each sentence."""
PERCENT_S_RES: tuple[re.Pattern[str], re.Pattern[str]] = (
    re.compile(r"%s\b"),
    re.compile(r"%s\b", _I),
)
"""An unfilled template placeholder: page boilerplate."""
ANCHORED_ANY_RE = re.compile(
    "|".join(
        f"(?:{rx.pattern})"
        for rx in (
            ATTRIBUTION_RES[3][0],
            WITHOUT_RE,
            ADVICE_RES[0][0],
            ADVICE_RES[2][0],
            *(rx for rx, _ in PROMO_LINE_RES),
        )
    ),
    _I,
)
"""Any of the sentence-start shapes: one quick test before trying them one by one."""
