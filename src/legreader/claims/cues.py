"""Cue patterns of the claim engine: words and shapes of language, never of one study.

Every pattern is compiled once at import. Each category's cues are plain regular expressions so a
reader of :mod:`legreader.claims.engine` can see why a span fired (the ``reason``).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# --- causal ----------------------------------------------------------------------------------------

_DIRECT_VERBS = r"""
    caus(?:e|es|ed|ing) | lead(?:s|ing)?\sto | led\sto | result(?:s|ed|ing)?\sin
  | reduc(?:e|es|ed|ing) | increas(?:e|es|ed|ing) | decreas(?:e|es|ed|ing) | lower(?:s|ed|ing)?
  | rais(?:e|es|ed|ing) | boost(?:s|ed|ing)? | improv(?:e|es|ed|ing) | prevent(?:s|ed|ing)?
  | trigger(?:s|ed|ing)? | affect(?:s|ed|ing)? | impact(?:s|ed|ing)? | impair(?:s|ed|ing)?
  | damag(?:e|es|ed|ing) | protect(?:s|ed|ing)? | stimulat(?:e|es|ed|ing) | inhibit(?:s|ed|ing)?
  | alter(?:s|ed|ing)? | chang(?:e|es|ed) | depress(?:es)? | generat(?:e|es|ed) | creat(?:e|es|ed)
  | influenc(?:e|es|ed) | limit(?:s|ed|ing)? | worsen(?:s|ed)? | exacerbat(?:e|es|ed)
  | harm(?:s|ed)? | cur(?:e|es|ed) | kill(?:s|ed)? | slow(?:s|ed)\sdown | speed(?:s)?\sup
  | benefit(?:s|ed)? | help(?:s|ed)?\s(?:to\s|with\s|you\s|people\s)? | enabl(?:e|es|ed)
  | contribut(?:e|es|ed|ing)\sto | mak(?:e|es)\sit\s(?:hard|difficult|easier|harder)
  | made\sit\s(?:hard|difficult|easier|harder) | make\sfor | suffer(?:s|ed)?
  | depend(?:s|ed|ent)?\s(?:\w+\s)?on | necessary\sfor | vital\sfor | due\sto | because\s(?:of\s)?
  | thanks\sto | explain(?:s)?\swhy | responsible\sfor\s(?:the\s)?(?:rise|drop|decline|increase)
"""
DIRECT_RE = re.compile(rf"(?<![\w-])(?:{_DIRECT_VERBS})\b", _I | re.VERBOSE)

CORRELATIONAL_RE = re.compile(
    r"\b(?:linked\s(?:to|with)|link\sbetween|associated\swith|association\s(?:between|with)"
    r"|correlat(?:e|es|ed|ion|ions)\b|tied\sto|related\sto|connected\s(?:to|with)"
    r"|tend(?:s|ed)?\sto|relationship\sbetween)\b",
    _I | re.VERBOSE,
)

MODAL_RE = re.compile(r"\b(?:may|might|could|can|would)\b(?:\W+\w+){0,3}?\W*$", _I)
"""A modal verb in the few words before a causal cue ("may (also) reduce")."""

# --- hedge -----------------------------------------------------------------------------------------

HEDGE_RE = re.compile(
    r"\b(?:(?-i:may)|might|could|possibly|possible|perhaps|maybe|likely|unlikely|suggests?"
    r"|suggested|suggesting|appears?\sto|appeared|seems?|seemed|seemingly|apparently|hopefully"
    r"|probably|potentially|believes?|believed|presumably|arguably|tentative(?:ly)?)\b",
    _I | re.VERBOSE,
)

# --- attribution -----------------------------------------------------------------------------------

_SPEECH = (
    r"say|says|said|state|states|stated|explain|explains|explained|told|tell|add|adds|added"
    r"|note|notes|noted|warn|warns|warned|write|writes|wrote|report|reports|reported"
    r"|emphasi[sz]e|emphasi[sz]es|emphasi[sz]ed|argue|argues|argued|believe|believes|believed"
    r"|found|find|finds|saw|observed|identified|conclude|concluded|suggest|suggests|suggested"
    r"|estimate|estimated|plan|plans|claim|claims|recommend|recommends|recommended"
)
_SOURCE_NOUN = (
    r"researchers?|scientists?|authors?|experts?|investigators?|the\steam|doctors?|physicians?"
    r"|professors?|officials?|respondents|participants|study\sauthor|lead\sauthor|spokesperson"
)
ATTRIBUTION_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:says|said|states|stated|told|explains|adds|added|warned|noted)\b", _I),
     "speech verb"),
    (re.compile(r"\baccording\sto\b", _I | re.VERBOSE), "'according to'"),
    (re.compile(rf"\b(?:{_SOURCE_NOUN})\b(?:\W+\w+){{0,6}}?\W+(?:{_SPEECH})\b", _I | re.VERBOSE),
     "source and reporting verb"),
    (re.compile(rf"^\s*(?:{_SOURCE_NOUN})\s*:", _I | re.VERBOSE), "source as headline label"),
    (re.compile(r"\bstatement\s(?:from|by)\b|\bin\san?\s(?:interview|statement)\b", _I | re.VERBOSE),
     "statement"),
)  # fmt: skip

# --- study -----------------------------------------------------------------------------------------

STUDY_RE = re.compile(
    r"\b(?:stud(?:y|ies|y’s|y's)|trials?|experiments?|research|survey|paper|journal|review"
    r"|meta-analysis|clinical\strial|cohort|publication|published\sin|et\sal\b\.?"
    r"|universit(?:y|ies|à|a)|institutes?|institution|college|school\sof|hospital"
    r"|department\sof|laborator(?:y|ies)|doi\b|pmid\b)",
    _I | re.VERBOSE,
)
DOI_RE = re.compile(r"\b10\.\d{4,9}/\S+")
REFERENCE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b[A-Z][\w'’-]+,\s(?:[A-Z]\.\s?){1,3}(?:,|&|\(|…)"),  # "Smith, A. B.,"
    re.compile(r"\(\s?(?:19|20)\d{2}[a-z]?\s?\)\.?"),  # "(2017)."
    re.compile(r"\bRetrieved\b"),
    re.compile(r"[“\"][^”\"]{12,}[.?!][”\"].{0,80}(?:19|20)\d{2}[.,]?\s*$"),  # “Title.” Src, 2018,
    re.compile(r"\b\d{1,2}\s[A-Z][a-z]{2}\.?\s(?:19|20)\d{2},\s*$"),  # "30 Apr. 2018,"
    re.compile(r"\bhttps?://\S+"),
)
"""Shapes of a reference-list line; a block that has one is a reference block."""

# --- advice ----------------------------------------------------------------------------------------

_IMPERATIVE = (
    r"keep|try|avoid|make\ssure|don[’']t|do\snot|never|always|get|consider|start|stop|eat|drink"
    r"|limit|choose|aim|remember|take|go|add|use|know\sthat|be\ssure|ask|talk\sto|see\sa|check"
)
ADVICE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^(?:[\"“‘']|\W)*(?:so|however|well|and|but|now|then)?,?\s*(?:{_IMPERATIVE})\b", _I | re.VERBOSE),
     "imperative"),
    (re.compile(rf"(?:[:;,]|\bif\b[^,]{{0,80}},)\s*(?:{_IMPERATIVE})\b", _I | re.VERBOSE),
     "imperative"),
    (re.compile(r"^(?:\W*(?:so|maybe|however|also|and|but),?)?\s*you\s+(?:can|should|could|need\sto|must"
                r"|have\sto|don[’']t\shave|do\snot\shave|don[’']t\sneed|ought\sto)\b", _I | re.VERBOSE),
     "addressed to the reader"),
    (re.compile(r"\byou\s+should\b|\bwe\s+recommend\b|\brecommend(?:s|ed)?\s+that\b"
                r"|\bis\s+recommended\b|\beveryone\s+(?:needs|should)\b|\bit[’']s\s+best\s+to\b", _I),
     "recommendation"),
)  # fmt: skip

# --- promotional / page debris -----------------------------------------------------------------------

PROMO_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:advertisement|sponsored|promoted\scontent|paid\scontent|affiliate)\b", _I | re.VERBOSE),
     "advertisement"),
    (re.compile(r"\b(?:subscribe|sign\sup|newsletter|click\shere|shop\snow|buy\snow|order\snow"
                r"|\d+\s?%\soff|free\strial|limited\soffer|discover\sthe\struth|editor[’']s\snote)\b", _I | re.VERBOSE),
     "call to action"),
    (re.compile(r"\b(?:log\s?in|log\s?out|sign\sin|sign\sout|leave\sa\s(?:reply|comment)"
                r"|post\s(?:your|a)\scomment|commenting\susing|write\sa\s(?:message|comment|reply)"
                r"|comments?\s(?:are\s)?(?:closed|disabled)|comentarios|commentaires|kommentare"
                r"|share\s(?:this|on)|follow\sus|^\s*\d+\scomments?\s*$)", _I | re.VERBOSE),
     "comment or login widget"),
    (re.compile(r"^\s*(?:related\s)?(?:video|videos|watch|read\smore|see\salso|related)\s*:", _I | re.VERBOSE),
     "related-content line"),
    (re.compile(r"\b(?:wordpress|facebook|twitter|google|instagram|linkedin)(?:\.com)?\s+"
                r"(?:logo|photo|picture|account|icon)\b", _I | re.VERBOSE), "social widget"),
    (re.compile(r"^\s*(?:top|bottom)\sof\spage\s*$|%s\b|\bcookies?\s(?:policy|settings)\b"
                r"|\bprivacy\spolicy\b|\bauthor\sand\ssource\sinformation\b|\ball\srights\sreserved\b",
                _I | re.VERBOSE), "page boilerplate"),
)  # fmt: skip

COMMENT_AUTHOR_RE = re.compile(r"^\s*\d{1,3}[.)]\s+[A-Z][\w.-]{2,30}\s*$")
"""A comment-thread header: a list number and a single user name."""

AD_SHOUT_RE = re.compile(r"^(?:[A-Z][\w’'-]*\s+|(?:with|of|for|the|and|to|in|a)\s+){4,}[A-Z][\w’'-]*!$")
"""A Title-Case line ending in "!": the shape of an advertising slogan."""

# --- generalisation --------------------------------------------------------------------------------

HUMAN_RE = re.compile(
    r"\b(?:you|your|we|us|our|people|humans?|patients|men|women|adults|children|everyone"
    r"|person|individuals|elderly|astronauts)\b",
    _I,
)
ANIMAL_RE = re.compile(
    r"\b(?:mice|mouse|rats?|rodents?|animals?|monkeys?|primates?|zebrafish|flies|worms?|pigs?"
    r"|dogs?|in\svitro|cell\scultures?|petri)\b",
    _I | re.VERBOSE,
)
