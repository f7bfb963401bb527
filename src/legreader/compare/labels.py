"""Readable row labels: a short phrase a person can read ("sample size", "nuts and heart disease").

A quantity is named by its measure when one is recognised, else by the noun phrase the number
belongs to ("a 70% decrease of neural stem cells" -> "decrease of neural stem cells"). A causal
claim is named by its subject and its outcome, the noun phrases on either side of the cue
("Nut consumption was associated with a lower risk of coronary heart disease" -> "nut consumption
and coronary heart disease"). General rules on words, no list of topics.
"""

from __future__ import annotations

import re

#: Words a noun phrase does not run across (clause words, verbs of reporting and comparing).
_BOUNDARY = frozenset(
    """that which who whom whose when where while because although though if than as compared
    versus vs after before since until during among between according said says found find
    finds showed shows suggest suggests suggested reported report reports was were is are be
    been being has have had do does did will would could should may might can must not no
    and or but also both either neither so thus therefore however whereas it its they them we
    us he she i you this these those there here researchers scientists authors team study
    studies trial paper severely strongly significantly rose fell rises falls grew grows
    jumped climbed declined doubled halved improved boosted lowers
    raises reduces increases decreases""".split()
)
#: Change words that are verbs when a phrase is read backwards ("X reduced the number of ...").
_VERB_BACKWARDS = frozenset("reduced increased decreased lowered raised lower".split())
#: A number followed by one of these is placed by what follows ("12 % in the walking group"):
#: what it measures stands before it ("walking speed rose by 12 %").
_PLACE_WORDS = frozenset(
    "in at for among on to by with from after during over than within across per".split()
)
#: Words dropped at the edges of a phrase (articles, quantifiers, prepositions).
_EDGE = frozenset(
    """a an the of in on at to for from by with into over under about around some any this
    these those their its his her our your my more less most least much many very per cent
    percent times fold lower higher greater smaller reduced increased decreased risk risks
    chance odds likelihood likely rate rates level levels number amount""".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d[\d.,]*|[^\w\s]")
_MAX_WORDS = 5


def _tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _trim(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _EDGE or not words[0][0].isalpha()):
        words = words[1:]
    while words and (words[-1].lower() in _EDGE or not words[-1][0].isalpha()):
        words = words[:-1]
    return words


def _stops(tok: str) -> bool:
    low = tok.lower()
    return (
        not tok[0].isalnum()
        or low in _BOUNDARY
        or (len(low) > 5 and low.endswith("ed") and low not in _EDGE)
    )


def _run(tokens: list[str], forward: bool, restart: bool = False) -> list[str]:
    """Words from the start of ``tokens`` (or from its end, backwards) up to a boundary; with
    ``restart``, boundaries before the first content word are skipped ("was associated | with a
    lower risk of heart disease")."""
    seq = tokens if forward else tokens[::-1]
    out: list[str] = []
    for tok in seq:
        if _stops(tok) or (not forward and tok.lower() in _VERB_BACKWARDS):
            if any(w.lower() not in _EDGE for w in out) or not restart:
                break
            out = []
            continue
        out.append(tok)
        if len(out) >= 3 * _MAX_WORDS:
            break
    words = _trim(out if forward else out[::-1])
    return _trim(words[:_MAX_WORDS] if forward else words[-_MAX_WORDS:])


def _phrase(words: list[str]) -> str:
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


def quantity_phrase(body: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The noun phrase a number belongs to: what follows it ("70% decrease of neural stem cells"),
    else what precedes it ("reduced the number of neural stem cells by 70 percent")."""
    tokens = _tokens(body[end : sentence[1]])
    after = _run(tokens, forward=True) if tokens and tokens[0].lower() not in _PLACE_WORDS else []
    if after:
        return _phrase(after)
    before = _run(_tokens(body[sentence[0] : start]), forward=False, restart=True)
    return _phrase(before)


def causal_phrase(body: str, sentence: tuple[int, int], cue_start: int, cue_end: int) -> str:
    """ "<subject> and <outcome>": the noun phrases before and after a causal cue."""
    subject = _run(_tokens(body[sentence[0] : cue_start]), forward=False, restart=True)
    outcome = _run(_tokens(body[cue_end : sentence[1]]), forward=True, restart=True)
    if subject and outcome:
        return f"{_phrase(_trim(subject[-3:]))} and {_phrase(_trim(outcome[:4]))}"
    return _phrase(subject or outcome)
